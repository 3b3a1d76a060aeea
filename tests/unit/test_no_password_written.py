"""Afterview never writes a PostgreSQL password to its own files or its logs (issue 16, item 1).

A role with a password on the session's server, reached over TCP (where the server asks for
it; its Unix socket trusts everyone); the password kept where a user keeps it: libpq's password
file, or the keyring (a real Secret Service: gnome-keyring under dbus-run-session, as in
tests/unit/test_credentials.py). A fresh process then does what a user does: chooses the
database in Settings ▸ Storage (storage.ini), opens the store, writes, reads, and runs CLI
commands, with every logger of every library (Afterview's, psycopg's, SQLAlchemy's with its
SQL) at DEBUG into a file in the data directory's logs. Then every file under the data
directory and the config directory is searched for the password: absent.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.unit.target_env import write_private
from tests.unit.test_credentials import run_under_secret_service

SRC = Path(__file__).resolve().parents[2] / "src"
#: Distinctive, so a hit is the password and nothing else; non-ASCII to catch an encoding.
PASSWORD = "Nv7-kept-out-of-files-ü-4410"
_names = itertools.count(1)

SCRIPT = """
import logging, os, sys
os.environ.pop("AFTERVIEW_DATABASE", None)  # the database is the one saved below
from afterview import paths
from afterview.cli import main
from afterview.store.api import open_store
from afterview.store.interview_list import SortKey
from afterview.store.target import parse_target, save_target, store_password

data_dir, uri, use_keyring = sys.argv[1], sys.argv[2], sys.argv[3] == "keyring"
where = paths.resolve(data_dir)
where.log_dir.mkdir(parents=True, exist_ok=True)
handler = logging.FileHandler(where.log_dir / "everything.log", encoding="utf-8")
handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
logging.getLogger().addHandler(handler)
logging.getLogger().setLevel(logging.DEBUG)
logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)  # the SQL and its parameters

if use_keyring:
    store_password(parse_target(uri), {password!r})
save_target(where.config_dir, uri)
with open_store(where) as store:
    assert type(store.list.snapshots).__name__ == "ServerSnapshots"  # on the server
    store.data.add_sample()
    assert store.list.sorted_ids(SortKey.DATE)
    logging.getLogger("afterview").info("opened %s", store.list.snapshots.server.display)
for argv in (["steps", "--json"], ["due"]):
    assert main(["--data-dir", data_dir, *argv]) == 0, argv
print("done")
"""


def new_role(cluster: Any) -> tuple[str, str]:
    """A role that logs in with PASSWORD over TCP, and a database of its own."""
    number = next(_names)
    role, database = f"pw_user_{os.getpid()}_{number}", f"pw_db_{os.getpid()}_{number}"
    cluster.create_role(role, password=PASSWORD)
    cluster.create_database(database, owner=role)
    return role, database


def tcp_uri(cluster: Any, role: str, database: str) -> str:
    """Over TCP to this computer (so no TLS is required), where the server asks for a password."""
    return f"postgresql://{role}@127.0.0.1:{cluster.port}/{database}"


def files_holding_the_password(*folders: Path) -> list[str]:
    """Every file under ``folders`` holding the password, as UTF-8 or UTF-16 (what a log or a
    settings file would use), or percent-encoded as in a URI."""
    from urllib.parse import quote

    forms = [
        PASSWORD.encode("utf-8"),
        PASSWORD.encode("utf-16-le"),
        quote(PASSWORD, safe="").encode("ascii"),
    ]
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and any(form in path.read_bytes() for form in forms):
                found.append(str(path))
    return found


def files_written(data_dir: Path) -> dict[str, int]:
    return {
        str(path.relative_to(data_dir)): path.stat().st_size
        for path in data_dir.rglob("*")
        if path.is_file()
    }


def check_what_was_written(data_dir: Path, cluster: Any, database: str) -> None:
    written = files_written(data_dir)
    # The search found something to search: the settings, and a log of the whole session.
    assert "config/storage.ini" in written, written
    assert written.get("logs/everything.log", 0) > 10_000, written
    log = (data_dir / "logs" / "everything.log").read_text(encoding="utf-8")
    assert "INSERT INTO" in log and "opened postgresql://" in log
    # The writes reached the server.
    count = cluster.psql("SELECT count(*) FROM interviews", dbname=database)
    assert int(count) > 0
    where = paths_of(data_dir)
    assert files_holding_the_password(where.data_dir, where.config_dir) == []


def paths_of(data_dir: Path) -> Any:
    from afterview import paths

    return paths.resolve(data_dir)


def test_a_password_from_the_password_file_is_written_nowhere(
    pg_cluster: Any, tmp_path: Path
) -> None:
    role, database = new_role(pg_cluster)
    passfile = write_private(tmp_path / "pgpass", f"127.0.0.1:*:{database}:{role}:{PASSWORD}\n")
    home = tmp_path / "home"
    home.mkdir()
    data_dir = tmp_path / "data"
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PG", "DBUS_")) and key != "AFTERVIEW_DATABASE"
    }
    environment.update(
        HOME=str(home),
        PGPASSFILE=str(passfile),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        QT_QPA_PLATFORM="offscreen",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT.format(password=PASSWORD),
            str(data_dir),
            tcp_uri(pg_cluster, role, database),
            "pgpass",
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    check_what_was_written(data_dir, pg_cluster, database)


def test_a_password_from_the_keyring_is_written_nowhere(pg_cluster: Any, tmp_path: Path) -> None:
    role, database = new_role(pg_cluster)
    data_dir = tmp_path / "data"
    uri = tcp_uri(pg_cluster, role, database)
    script = (
        "import sys\n"
        f"sys.argv = ['-c', {str(data_dir)!r}, {uri!r}, 'keyring']\n"
        + SCRIPT.format(password=PASSWORD)
    )
    lines = run_under_secret_service(tmp_path / "home", True, script)
    assert lines[-1:] == ["done"], lines
    check_what_was_written(data_dir, pg_cluster, database)
