"""Connecting to a server that is not this computer, on a real server (issue 16, item 8).

A throwaway cluster with TLS (tests/pg_cluster.py, ``tls=True``) has a certificate for
``db.test``, signed by a throwaway CA; a client reaches it as a remote one would with libpq's
``host=db.test hostaddr=127.0.0.1`` (nothing else is reachable here). Everything goes through
Afterview's own open path (``open_database``) with the text a user would give: no
``sslmode``, so the default is Afterview's (``verify-full`` for a host that is not local).
The password is in a password file (libpq's, 34.16), as a user would keep it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from afterview import paths
from afterview.store.database import open_database
from afterview.store.errors import StoreError
from afterview.store.target import InsecureTargetError, save_target
from tests.pg_cluster import Cluster
from tests.unit.target_env import VARIABLES, write_private

ROLE, PASSWORD, DATABASE = "anna", "tls-test-password-5319", "jobs"


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    cluster = Cluster.start(tmp_path_factory.mktemp("tls"), tls=True)
    try:
        cluster.create_role(ROLE, password=PASSWORD)
        cluster.create_database(DATABASE, owner=ROLE)
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This test's libpq environment: an empty HOME, no PG* variable, the password in a
    password file for any host, and no keyring to ask; yields the data directory."""
    import keyring
    from keyring.backends import null

    home = tmp_path / "home"
    home.mkdir()
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PGSYSCONFDIR", str(tmp_path))
    passfile = write_private(tmp_path / "pgpass", f"*:*:{DATABASE}:{ROLE}:{PASSWORD}\n")
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    before = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    try:
        yield tmp_path / "data"
    finally:
        keyring.set_keyring(before)


def remote(cluster: Cluster, host: str = "db.test", **extra: Any) -> str:
    """The text a user writes for the server at ``host`` (pinned to 127.0.0.1), with the CA
    to verify it by and no sslmode unless ``extra`` gives one."""
    assert cluster.ca_file is not None
    words = {
        "host": host,
        "hostaddr": "127.0.0.1",
        "port": cluster.port,
        "dbname": DATABASE,
        "user": ROLE,
        "sslrootcert": cluster.ca_file,
        **extra,
    }
    return " ".join(f"{key}={value}" for key, value in words.items())


def encryption(database: Any) -> tuple[bool, str | None]:
    """Whether the store's own connection is encrypted, and with which protocol, as the
    server sees it (pg_stat_ssl, 28.2.3)."""
    with database.read() as session:
        row = session.execute(
            text("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        ).one()
    return bool(row[0]), row[1]


def test_a_remote_server_is_verified_in_full_when_no_sslmode_is_given(
    tls_cluster: Cluster, client: Path
) -> None:
    with open_database(paths.resolve(client, remote(tls_cluster))) as database:
        assert database.engine.dialect.name == "postgresql"
        encrypted, protocol = encryption(database)
        assert encrypted, "the default for a remote host sent the job search in plain TCP"
        assert protocol is not None and protocol.startswith("TLSv1.")
        assert "db.test" in database.where


def test_a_certificate_for_another_host_is_refused_in_words(
    tls_cluster: Cluster, client: Path
) -> None:
    # The same server and CA, reached under a name its certificate was not made for: only
    # verify-full (the host name check) tells them apart; verify-ca would connect.
    with pytest.raises(StoreError) as refused:
        open_database(paths.resolve(client, remote(tls_cluster, host="other.test")))
    message = str(refused.value)
    assert "other.test" in message, message
    assert "db.test" in message, message  # the name the certificate does hold
    assert "Traceback" not in message
    assert PASSWORD not in message
    # Asking for less (verify-ca) connects, so it was the host name that was refused.
    loose = remote(tls_cluster, host="other.test", sslmode="verify-ca")
    with open_database(paths.resolve(client, loose)) as database:
        assert encryption(database)[0]


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer"])
def test_plain_tcp_to_a_remote_host_is_refused_unless_allowed(
    tls_cluster: Cluster, client: Path, mode: str
) -> None:
    target = remote(tls_cluster, sslmode=mode)
    with pytest.raises(InsecureTargetError) as refused:
        open_database(paths.resolve(client, target))
    message = str(refused.value)
    assert "unencrypted" in message and "Settings ▸ Storage" in message, message
    assert "db.test" in message


def test_plain_tcp_to_a_remote_host_is_allowed_once_the_user_opted_in(
    tls_cluster: Cluster, client: Path
) -> None:
    where = paths.resolve(client)
    save_target(where.config_dir, remote(tls_cluster, sslmode="disable"), allow_insecure=True)
    with open_database(where) as database:
        encrypted, _protocol = encryption(database)
    assert not encrypted, "sslmode=disable was chosen and allowed: the server saw TLS"
    # Taking the opt-in back refuses it again, before any connection.
    save_target(where.config_dir, remote(tls_cluster, sslmode="disable"), allow_insecure=False)
    with pytest.raises(InsecureTargetError):
        open_database(where)


def test_the_local_socket_needs_no_tls(tls_cluster: Cluster, client: Path) -> None:
    """A host on this computer is not forced to verify-full (its socket has no TLS)."""
    target = tls_cluster.conninfo(DATABASE, user=ROLE)
    with open_database(paths.resolve(client, target)) as database:
        assert not encryption(database)[0]
