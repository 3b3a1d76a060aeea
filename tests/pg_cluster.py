"""A throwaway PostgreSQL server for the tests, the benchmarks and the desktop tests.

``Cluster.start(base)`` runs ``initdb`` in ``base/"data"`` and starts the server on a Unix
socket in ``base/"socket"`` and on a free TCP port on 127.0.0.1, with durability switched off
(a test cluster is thrown away, so fsync buys nothing but time). ``stop()`` kills it and
removes ``base``; an ``atexit`` hook does the same when a session dies without stopping it,
and the next ``start()`` stops and removes the clusters of sessions killed outright.

Roles and authentication:

- The superuser is :data:`SUPERUSER` ("afterview_admin"), made by ``initdb --username``, so it
  is the same whichever OS user the server runs as.
- The Unix socket trusts every role (no password); TCP on 127.0.0.1 asks for a SCRAM password,
  so a test can check password handling with a role made by :meth:`Cluster.create_role`.
- ``tls=True`` makes a throwaway CA and a certificate for :data:`TLS_HOST` ("db.test"); a client
  reaches it with ``host=db.test hostaddr=127.0.0.1 sslmode=verify-full sslrootcert=CA``.

PostgreSQL refuses to run as root, and the tests run as root here and in CI: then initdb,
pg_ctl and the server run as "nobody" (``tests.pg_server.RUN_AS``) through ``setpriv``
(util-linux), and the test process stays root and connects as a client. As any other user
they run as that user.

Where it lives: in ``base`` when the server's user can reach it and the socket's path fits a
Unix socket address (107 bytes); otherwise (pytest's ``/tmp/pytest-of-root`` is private to root,
and long test names make long paths) in a private directory under the system temp directory,
which ``stop()`` removes as well. :attr:`Cluster.home` says which.

Importable without pytest (bench/ scripts use it): :func:`session_cluster` is a plain
generator that conftest turns into a fixture.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from tests.pg_server import (
    HOME_PREFIX,
    OWNER_FILE,
    TLS_HOST,
    WAIT_SECONDS,
    ClusterError,
    ServerAccount,
    clean_env,
    conf_string,
    free_port,
    libpq_value,
    make_certificates,
    process_identity,
    reap_orphans,
    server_bin_dir,
)

__all__ = ["SUPERUSER", "TLS_HOST", "Cluster", "ClusterError", "server_bin_dir", "session_cluster"]

#: The role with superuser rights in every cluster (initdb's bootstrap superuser).
SUPERUSER = "afterview_admin"
#: sun_path holds 108 bytes with its NUL; the server adds "/.s.PGSQL.NNNNN" (15) to the dir.
_SOCKET_DIR_MAX = 107 - 15
_PORT_ATTEMPTS = 5


class _PortTaken(Exception):
    """Another process listens on the TCP port the server was to use."""


class Cluster:
    """One running throwaway server; see the module's docstring."""

    def __init__(self, base: Path, home: Path, bin_dir: Path, account: ServerAccount) -> None:
        self.base = base
        #: Where data/, socket/, tls/ and server.log are: ``base``, or a short private directory.
        self.home = home
        #: The server's bin directory (initdb, pg_ctl, psql, pg_dump...).
        self.bin = bin_dir
        self.superuser = SUPERUSER
        self.port = 0
        #: The CA certificate a client verifies the server with (``tls=True`` only).
        self.ca_file: Path | None = None
        self._account = account
        self._owner_pid = os.getpid()
        self._stopped = False

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def socket_dir(self) -> Path:
        return self.home / "socket"

    @property
    def log_file(self) -> Path:
        """The server's log (startup errors, crashes); worth printing when a test fails."""
        return self.home / "server.log"

    @property
    def version(self) -> int:
        """The server's major version (15 for PostgreSQL 15.x), from PG_VERSION."""
        return int((self.data_dir / "PG_VERSION").read_text().strip())

    @property
    def pid(self) -> int:
        """The postmaster's process id, from postmaster.pid. Raises ClusterError when stopped."""
        try:
            return int((self.data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError) as error:
            raise ClusterError(f"The server in {self.data_dir} is not running.") from error

    # -- starting and stopping ---------------------------------------------------------------

    @classmethod
    def start(cls, base: Path, *, tls: bool = False) -> Cluster:
        """Makes a fresh cluster under ``base`` and starts it; returns once it accepts
        connections (pg_ctl -w). About half a second for initdb and as much to start.

        Raises ClusterError, with the tool's output or the server's log, when the server is
        not installed or initdb or the start fails.
        """
        bin_dir = server_bin_dir()
        account = ServerAccount()
        reap_orphans(bin_dir, account)
        base = Path(base).absolute()
        base.mkdir(parents=True, exist_ok=True)
        home = base
        too_long = len(os.fsencode(base / "socket")) > _SOCKET_DIR_MAX
        if too_long or not account.can_reach(base):
            home = Path(tempfile.mkdtemp(prefix=HOME_PREFIX))
            home.chmod(0o755)  # the mkdtemp default (0700) would lock out the server's user
        (home / OWNER_FILE).write_text(f"{process_identity(os.getpid())}\n", encoding="utf-8")
        cluster = cls(base, home, bin_dir, account)
        atexit.register(cluster._stop_at_exit)
        try:
            cluster._initdb()
            if tls:
                cluster.ca_file = make_certificates(account, home / "tls", cluster.data_dir)
                with (cluster.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
                    conf.write("ssl = on\n")
            cluster._launch()
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _run(self, argv: list[str], *, what: str) -> str:
        return self._account.run(argv, what=what, cwd=self.home)

    def _initdb(self) -> None:
        self._account.own(self.home)
        self.socket_dir.mkdir(mode=0o755)
        self._account.own(self.socket_dir)
        self._run(
            [
                str(self.bin / "initdb"),
                "--pgdata", str(self.data_dir),
                "--username", SUPERUSER,
                "--auth-local", "trust",
                "--auth-host", "scram-sha-256",
                "--locale", "C.UTF-8",
                "--encoding", "UTF8",
                "--no-sync",  # a throwaway cluster: no need to wait for the disk
                "--no-instructions",
            ],
            what="initdb",
        )  # fmt: skip
        # Appended after initdb's own lines, so these win; the port is given at start.
        settings = {
            "listen_addresses": conf_string("127.0.0.1"),
            "unix_socket_directories": conf_string(str(self.socket_dir)),
            "max_connections": "200",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
        }
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# tests/pg_cluster.py: a throwaway test cluster\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        # Replaces initdb's file (which also trusts TCP from ::1 and allows replication).
        (self.data_dir / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n", encoding="utf-8"
        )

    def _launch(self) -> None:
        for _attempt in range(_PORT_ATTEMPTS):
            try:
                self._pg_ctl_start(free_port())
            except _PortTaken:
                continue  # someone took the port between probe and bind
            return
        raise ClusterError(f"No free TCP port on 127.0.0.1 after {_PORT_ATTEMPTS} tries.")

    def _pg_ctl_start(self, port: int) -> None:
        try:
            self._run(
                [str(self.bin / "pg_ctl"), "start", "--pgdata", str(self.data_dir),
                 "--wait", "--timeout", str(WAIT_SECONDS), "--silent",
                 "--log", str(self.log_file), "--options", f"-p {port}"],
                what="pg_ctl start",
            )  # fmt: skip
        except ClusterError as error:
            log = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
            if "Address already in use" in log:
                self.log_file.unlink()
                raise _PortTaken from error
            raise ClusterError(f"{error}\nserver log:\n{log.strip()}") from error
        self.port = port

    def _pg_ctl_stop(self, mode: str) -> None:
        self._run(
            [str(self.bin / "pg_ctl"), "stop", "--pgdata", str(self.data_dir),
             "--mode", mode, "--wait", "--timeout", str(WAIT_SECONDS), "--silent"],
            what="pg_ctl stop",
        )  # fmt: skip

    def down(self) -> None:
        """Takes the server away, as a restart of the server would: every client's connection
        is ended (its next use fails) and new ones are refused until :meth:`up`. For the
        "server is away" tests; a test that takes a shared cluster down brings it up again
        (in a ``finally``).

        Fast shutdown, not immediate: with synchronous_commit off, a crash would lose the last
        few hundred milliseconds of commits, and a test that wrote just before would flake.
        """
        self._pg_ctl_stop("fast")

    def up(self) -> None:
        """Starts the server again after :meth:`down`, on the same socket and TCP port, with
        its data (recovered from its WAL, as after a crash). Raises ClusterError when the
        port was taken meanwhile or the server does not start."""
        try:
            self._pg_ctl_start(self.port)
        except _PortTaken as taken:
            raise ClusterError(
                f"TCP port {self.port} was taken while the server was down."
            ) from taken

    def stop(self) -> None:
        """Stops the server at once (``pg_ctl stop -m immediate``, waiting until it is gone)
        and removes ``base`` and ``home``. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        atexit.unregister(self._stop_at_exit)
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._pg_ctl_stop("immediate")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
            shutil.rmtree(self.home, ignore_errors=True)

    def _stop_at_exit(self) -> None:
        # A child made by fork() inherits the hook; only the process that started the
        # server stops it.
        if os.getpid() == self._owner_pid:
            with contextlib.suppress(ClusterError):
                self.stop()

    # -- reaching it -------------------------------------------------------------------------

    def conninfo(self, dbname: str, *, user: str | None = None, **extra: Any) -> str:
        """A libpq ``key=value`` string reaching ``dbname`` over the Unix socket as ``user``
        (the superuser when None); ``extra`` adds keywords (e.g. ``options``)."""
        pairs: dict[str, Any] = {
            "host": self.socket_dir,
            "port": self.port,
            "dbname": dbname,
            "user": user or self.superuser,
            **extra,
        }
        return " ".join(f"{key}={libpq_value(str(value))}" for key, value in pairs.items())

    def uri(self, dbname: str, *, user: str | None = None, **params: Any) -> str:
        """A ``postgresql://`` URI to ``dbname`` over the Unix socket, its directory given
        percent-encoded as the host; ``params`` become the query string."""
        who = quote(user or self.superuser, safe="")
        where = quote(str(self.socket_dir), safe="")
        text = f"postgresql://{who}@{where}:{self.port}/{quote(dbname, safe='')}"
        if params:
            text += "?" + urlencode({k: str(v) for k, v in params.items()}, quote_via=quote)
        return text

    def tls_conninfo(self, dbname: str, *, user: str, **extra: Any) -> str:
        """A conninfo reaching ``dbname`` over TCP as a remote client would: host ``db.test``
        pinned to 127.0.0.1, ``sslmode=verify-full`` against the test CA (``tls=True`` only)."""
        if self.ca_file is None:
            raise ClusterError("This cluster was started without tls=True.")
        pairs: dict[str, Any] = {
            "host": TLS_HOST,
            "hostaddr": "127.0.0.1",
            "port": self.port,
            "dbname": dbname,
            "user": user,
            "sslmode": "verify-full",
            "sslrootcert": self.ca_file,
            **extra,
        }
        return " ".join(f"{key}={libpq_value(str(value))}" for key, value in pairs.items())

    # -- administration ----------------------------------------------------------------------

    def _admin(self, statement: Any, dbname: str = "postgres") -> None:
        import psycopg  # only where a server is used: the SQLite path never imports it

        with psycopg.connect(self.conninfo(dbname), autocommit=True) as connection:
            connection.execute(statement)

    def create_database(
        self, name: str, *, template: str | None = None, owner: str | None = None
    ) -> None:
        """Creates database ``name`` (a copy of ``template`` when given, which nobody may be
        connected to). Raises psycopg.Error when the server refuses.

        A copy of a 40-table template took 35 ms at best and 0.2 to 0.5 s on the loaded 2-core
        test machine, the same with either of PostgreSQL 15's strategies, so the server's
        default (WAL_LOG) stays.
        """
        from psycopg import sql

        parts = [sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))]
        if template is not None:
            parts.append(sql.SQL("TEMPLATE {}").format(sql.Identifier(template)))
        if owner is not None:
            parts.append(sql.SQL("OWNER {}").format(sql.Identifier(owner)))
        self._admin(sql.SQL(" ").join(parts))

    def drop_database(self, name: str) -> None:
        """Drops database ``name`` if it exists, ending the sessions still connected to it
        (``WITH (FORCE)``, PostgreSQL 13 and later)."""
        from psycopg import sql

        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def create_role(self, name: str, *, password: str | None = None, login: bool = True) -> None:
        """Creates role ``name``; ``password`` (stored as a SCRAM verifier) lets it log in over
        TCP. Raises psycopg.Error when the server refuses (e.g. the role exists)."""
        from psycopg import sql

        statement = sql.SQL("CREATE ROLE {} {}").format(
            sql.Identifier(name), sql.SQL("LOGIN" if login else "NOLOGIN")
        )
        if password is not None:
            statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(password))
        self._admin(statement)

    def psql(self, sql: str, dbname: str = "postgres", user: str | None = None) -> str:
        """Runs ``sql`` (any number of statements, psql meta-commands allowed) with the psql
        client; returns its output: rows only, columns separated by "|", one row a line.

        Raises ClusterError with psql's message at the first error (ON_ERROR_STOP).
        """
        argv = [
            str(self.bin / "psql"), "--no-psqlrc", "--quiet", "--no-align", "--tuples-only",
            "--set", "ON_ERROR_STOP=1", "--dbname", self.conninfo(dbname, user=user),
        ]  # fmt: skip
        try:
            done = subprocess.run(
                argv,
                input=sql,
                capture_output=True,
                text=True,
                env=clean_env(),
                timeout=WAIT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ClusterError(f"psql failed: {error}") from error
        if done.returncode != 0:
            raise ClusterError(f"psql failed (exit {done.returncode}): {done.stderr.strip()}")
        return done.stdout


def session_cluster(tmp_path_factory: Any) -> Iterator[Cluster]:
    """One cluster for a pytest session; conftest registers it:
    ``pg_cluster = pytest.fixture(scope="session")(session_cluster)``."""
    cluster = Cluster.start(tmp_path_factory.mktemp("postgres"))
    try:
        yield cluster
    finally:
        cluster.stop()
