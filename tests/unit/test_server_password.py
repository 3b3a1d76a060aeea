"""A server on this computer: the keyring is asked for a password only when the server wants
one (issue 16's list-filled target: loading the keyring cost a window's start 0.1-0.2 s).

The session's server trusts its Unix socket and asks a SCRAM password over TCP on 127.0.0.1;
both are hosts on this computer. A fresh process opens each as the window does before the
store loads (:func:`afterview.store.plain_reads.snapshots_to_read_first`), and says whether
it read the list and whether it loaded the keyring. The keyring is a real Secret Service
(gnome-keyring under dbus-run-session, as in tests/unit/test_credentials.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.unit.test_credentials import run_under_secret_service
from tests.unit.test_no_password_written import new_role, tcp_uri

PASSWORD = "Nv7-kept-out-of-files-ü-4410"  # test_no_password_written's role's

SCRIPT = """
import subprocess, sys
data_dir, uri, kept = sys.argv[1], sys.argv[2], sys.argv[3]
if kept != "-":  # kept by another process: this one loads the keyring only to read
    keep = "from afterview.store.target import parse_target as p, store_password as s; "
    subprocess.run([sys.executable, "-c", keep + f"s(p({uri!r}), {kept!r})"], check=True)
from afterview import paths
from afterview.store.interview_list import ListSource, SortKey
from afterview.store.plain_reads import snapshots_to_read_first
where = paths.resolve(data_dir, uri)
snapshots = snapshots_to_read_first(where)
print("read" if snapshots is not None else "not read")
if snapshots is not None:
    print(len(ListSource(snapshots).sorted_ids(SortKey.DATE)))
print("keyring" if any(name.split(".")[0] == "keyring" for name in sys.modules) else "no keyring")
"""


def migrated(cluster: Any, uri: str, data_dir: Path) -> None:
    """Afterview's tables in the database ``uri`` names, with no interview yet."""
    from afterview import paths
    from afterview.store.database import open_database

    open_database(paths.resolve(data_dir, uri)).close()


def run_alone(data_dir: Path, uri: str) -> list[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PG", "DBUS_")) and key != "AFTERVIEW_DATABASE"
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir), uri, "-"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_a_server_that_trusts_its_socket_never_loads_the_keyring(
    pg_cluster: Any, tmp_path: Path
) -> None:
    database = f"socket_{os.getpid()}"
    pg_cluster.create_database(database)
    uri = pg_cluster.uri(database)
    assert uri.startswith("postgresql://") and "%2F" in uri  # the Unix socket's folder
    migrated(pg_cluster, uri, tmp_path / "setup")
    assert run_alone(tmp_path / "data", uri) == ["read", "0", "no keyring"]


def test_a_local_server_that_asks_for_a_password_gets_the_keyrings(
    pg_cluster: Any, tmp_path: Path
) -> None:
    role, database = new_role(pg_cluster)
    uri = tcp_uri(pg_cluster, role, database)
    migrated(pg_cluster, pg_cluster.uri(database), tmp_path / "setup")
    pg_cluster.psql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}", dbname=database)
    script = (
        "import sys\n"
        f"sys.argv = ['-c', {str(tmp_path / 'data')!r}, {uri!r}, {PASSWORD!r}]\n" + SCRIPT
    )
    lines = run_under_secret_service(tmp_path / "home", True, script)
    assert lines == ["read", "0", "keyring"]


def test_without_a_password_anywhere_the_window_waits_for_the_store(
    pg_cluster: Any, tmp_path: Path
) -> None:
    role, database = new_role(pg_cluster)
    migrated(pg_cluster, pg_cluster.uri(database), tmp_path / "setup")
    # No keyring answers here (no D-Bus session): the store's own open says why, in words.
    assert run_alone(tmp_path / "data", tcp_uri(pg_cluster, role, database)) == [
        "not read",
        "keyring",
    ]
