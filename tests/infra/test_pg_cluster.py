"""tests/pg_cluster.py, the throwaway PostgreSQL server every PostgreSQL test stands on: a
real server reached over its Unix socket, over TCP with a password, and over TLS as a remote
host would be; stopping it (or the process ending) leaves nothing running."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests import pg_server
from tests.pg_cluster import Cluster, ClusterError

ROOT = Path(__file__).resolve().parents[2]
#: A password with the characters conninfo quoting must get right.
PASSWORD = "pa ss'wo\\rd"


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _uid(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(f"no Uid line for process {pid}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    started = time.perf_counter()
    server = Cluster.start(tmp_path_factory.mktemp("pg"), tls=True)
    print(f"Cluster.start(tls=True) took {time.perf_counter() - started:.2f} s")
    yield server
    server.stop()


def test_the_superuser_connects_over_the_socket_to_a_server_not_run_as_root(
    cluster: Cluster,
) -> None:
    with psycopg.connect(cluster.conninfo("postgres")) as connection:
        user, superuser = connection.execute(
            "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone() or (None, None)
        assert (user, superuser) == ("afterview_admin", True)
        assert connection.info.host == str(cluster.socket_dir)
        shown = {}
        for name in (
            "server_encoding", "lc_collate", "listen_addresses", "max_connections",
            "fsync", "synchronous_commit", "full_page_writes", "port", "ssl",
        ):  # fmt: skip
            row = connection.execute("SELECT current_setting(%s)", [name]).fetchone()
            shown[name] = row[0] if row else None
    assert shown == {
        "server_encoding": "UTF8",
        "lc_collate": "C.UTF-8",
        "listen_addresses": "127.0.0.1",
        "max_connections": "200",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "port": str(cluster.port),
        "ssl": "on",
    }
    server_uid = _uid(cluster.pid)
    assert server_uid != 0
    if os.geteuid() != 0:
        assert server_uid == os.geteuid()


def test_a_uri_with_the_socket_as_its_host_reaches_the_same_server(cluster: Cluster) -> None:
    uri = cluster.uri("postgres", application_name="pg cluster test")
    assert uri.startswith("postgresql://afterview_admin@%2F")
    with psycopg.connect(uri) as connection:
        row = connection.execute("SELECT current_setting('application_name')").fetchone()
        assert row == ("pg cluster test",)
        assert connection.info.host == str(cluster.socket_dir)


def test_a_role_with_a_password_logs_in_over_tcp_and_a_wrong_one_is_refused(
    cluster: Cluster,
) -> None:
    cluster.create_role("coach", password=PASSWORD)
    cluster.create_database("coaching", owner="coach")
    tcp = f"host=127.0.0.1 port={cluster.port} dbname=coaching user=coach"
    with psycopg.connect(tcp, password=PASSWORD, sslmode="disable") as connection:
        row = connection.execute(
            "SELECT current_user, current_database(), inet_server_addr()::text,"
            " (SELECT pg_get_userbyid(datdba) FROM pg_database"
            "  WHERE datname = current_database())"
        ).fetchone()
        assert row == ("coach", "coaching", "127.0.0.1/32", "coach")
    for wrong in ("not it", None):
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(tcp, password=wrong, sslmode="disable", connect_timeout=10)


def test_conninfo_and_uri_quote_a_database_name_with_a_space_and_quote(
    cluster: Cluster,
) -> None:
    name = "it's a \\db"
    cluster.create_database(name)
    for target in (cluster.conninfo(name), cluster.uri(name)):
        with psycopg.connect(target) as connection:
            assert connection.execute("SELECT current_database()").fetchone() == (name,)


def test_a_database_made_from_a_template_has_its_tables(cluster: Cluster) -> None:
    cluster.create_database("migrated")
    cluster.psql(
        "CREATE TABLE interview (id integer); INSERT INTO interview VALUES (7);", "migrated"
    )
    cluster.create_database("per_test", template="migrated")
    assert cluster.psql("SELECT id FROM interview", "per_test") == "7\n"


def test_dropping_a_database_ends_its_connections(cluster: Cluster) -> None:
    cluster.create_database("doomed")
    with psycopg.connect(cluster.conninfo("doomed")) as connection:
        cluster.drop_database("doomed")
        with pytest.raises(psycopg.OperationalError):
            connection.execute("SELECT 1")
    listed = cluster.psql("SELECT count(*) FROM pg_database WHERE datname = 'doomed'")
    assert listed == "0\n"
    cluster.drop_database("doomed")  # gone already: not an error


def test_psql_returns_rows_and_raises_with_the_servers_message(cluster: Cluster) -> None:
    assert cluster.psql("SELECT 1, 'a'; SELECT 2, 'b';") == "1|a\n2|b\n"
    with pytest.raises(ClusterError, match='relation "no_such_table" does not exist'):
        cluster.psql("SELECT * FROM no_such_table")


def test_verify_full_accepts_db_test_and_refuses_another_host_name(cluster: Cluster) -> None:
    cluster.create_role("remote", password=PASSWORD)
    assert cluster.ca_file is not None
    with psycopg.connect(cluster.tls_conninfo("postgres", user="remote", password=PASSWORD)) as c:
        row = c.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
        assert row == (True,)
        assert c.info.host == "db.test"
    # The same server and CA, asked for under another name: the certificate does not match.
    other = (
        f"host=other.test hostaddr=127.0.0.1 port={cluster.port} dbname=postgres user=remote"
        f" sslmode=verify-full sslrootcert={cluster.ca_file}"
    )
    with pytest.raises(psycopg.OperationalError, match=r'does not match host name "other\.test"'):
        psycopg.connect(other, password=PASSWORD, connect_timeout=10)


def test_down_ends_connections_and_up_brings_the_server_back_with_its_data(
    cluster: Cluster,
) -> None:
    cluster.create_database("kept")
    cluster.psql("CREATE TABLE note (t text); INSERT INTO note VALUES ('written before');", "kept")
    port = cluster.port
    connection = psycopg.connect(cluster.conninfo("kept"), autocommit=True)
    try:
        cluster.down()
        with pytest.raises(psycopg.OperationalError):
            connection.execute("SELECT 1")
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(cluster.conninfo("kept"), connect_timeout=10)
        with pytest.raises(psycopg.OperationalError, match="refused"):
            psycopg.connect(f"host=127.0.0.1 port={port} user=x password=y", connect_timeout=10)
    finally:
        connection.close()
        cluster.up()
    assert cluster.port == port
    with psycopg.connect(cluster.uri("kept")) as again:
        assert again.execute("SELECT t FROM note").fetchall() == [("written before",)]


def test_tls_conninfo_needs_a_tls_cluster(tmp_path: Path) -> None:
    plain = Cluster.start(tmp_path)
    try:
        with pytest.raises(ClusterError, match="tls=True"):
            plain.tls_conninfo("postgres", user="remote")
        with psycopg.connect(plain.conninfo("postgres")) as connection:
            assert connection.execute("SHOW ssl").fetchone() == ("off",)
    finally:
        plain.stop()


def test_stop_leaves_no_server_process_and_no_files(tmp_path: Path) -> None:
    started = time.perf_counter()
    server = Cluster.start(tmp_path / "stopping")
    print(f"Cluster.start() took {time.perf_counter() - started:.2f} s")
    postmaster = server.pid
    # One connection, so a backend process exists besides the postmaster's helpers.
    with psycopg.connect(server.conninfo("postgres")) as connection:
        backend = connection.info.backend_pid
        processes = [postmaster, *_children(postmaster)]
        assert backend in processes
        assert len(processes) >= 3, processes
        server.stop()
    assert [pid for pid in processes if _alive(pid)] == []
    assert not server.home.exists()
    assert not (tmp_path / "stopping").exists()
    server.stop()  # twice is harmless


def test_a_process_that_dies_without_stop_leaves_no_server(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from tests.pg_cluster import Cluster\n"
        "server = Cluster.start(Path(sys.argv[1]))\n"
        "print(server.pid, server.home, flush=True)\n"
        "raise SystemExit('the session crashed')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "crashed")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "the session crashed" in done.stderr
    pid, home = done.stdout.split()
    assert not _alive(int(pid))
    assert not Path(home).exists()


def test_the_next_start_stops_the_server_of_a_session_killed_outright(tmp_path: Path) -> None:
    # SIGKILL runs no atexit hook: the server outlives the session that started it.
    script = (
        "import os, signal, sys; from pathlib import Path; from tests.pg_cluster import Cluster\n"
        "server = Cluster.start(Path(sys.argv[1]))\n"
        "print(server.pid, server.home, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "killed")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -9, done.stderr
    pid, home = done.stdout.split()
    assert _alive(int(pid))
    assert Path(home).exists()
    server = Cluster.start(tmp_path / "next")
    try:
        assert not _alive(int(pid))
        assert not Path(home).exists()
    finally:
        server.stop()


def test_no_server_installed_is_an_error_that_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_config
    monkeypatch.setattr(pg_server, "DEBIAN_SERVERS", tmp_path / "postgresql")
    with pytest.raises(ClusterError, match="install Debian's postgresql package"):
        Cluster.start(tmp_path / "never")
