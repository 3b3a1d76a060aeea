"""Where the plain readers (the interview list, Today) read: the SQLite file, or the
PostgreSQL server, one consistent snapshot per read.

The readers' SQL is written once, in SQLite's words, from constants; on a server
:func:`to_postgres` restates the few words PostgreSQL spells differently (placeholders,
``group_concat``), and ``tests/unit/test_plain_reads.py`` holds the two together by
running every reader on both. Instants come back as text from SQLite and as aware
datetimes from PostgreSQL; :func:`afterview.store.plain_sql.parse_instant` takes either.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from afterview.store.sqlite_file import connect_read_only, database_identity, opens_cleanly

if TYPE_CHECKING:
    from afterview.paths import Paths
    from afterview.store.postgres import Server


class Reader(Protocol):
    """The part of a DB-API connection the plain readers use (``?`` placeholders)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


class Snapshots(Protocol):
    """Hands out one short read-only snapshot at a time."""

    def snapshot(self) -> contextlib.AbstractContextManager[Reader]: ...


@contextlib.contextmanager
def file_snapshot(path: Path) -> Iterator[Reader]:
    """A short read-only connection to the SQLite file at ``path``, in one snapshot (a writer
    may commit between the statements of a read). Never creates the file: one moved aside
    because it was damaged must not come back empty."""
    connection = connect_read_only(path, mode="rw", isolation_level=None)
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")
        yield connection
    finally:
        connection.close()


class FileSnapshots:
    """Snapshots of the SQLite file at ``path``, a new connection each (about 0.1 ms), so a
    reader follows a restored or replaced file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def snapshot(self) -> contextlib.AbstractContextManager[Reader]:
        return file_snapshot(self.path)


_PLACEHOLDER = re.compile(r"\?")


@functools.lru_cache(maxsize=256)
def to_postgres(sql: str) -> str:
    """``sql`` as the plain readers write it for SQLite, in PostgreSQL's words: ``?`` → ``%s``
    (psycopg's placeholder; a literal ``%`` doubled first), ``group_concat(x, char(10))`` →
    ``string_agg(x, chr(10))``. The readers' SQL holds no ``?`` inside a string literal."""
    sql = sql.replace("%", "%%")
    sql = sql.replace("group_concat(", "string_agg(").replace("char(10)", "chr(10)")
    return _PLACEHOLDER.sub("%s", sql)


class _Rows:
    """A statement's rows, as the readers use a cursor: iterating takes them all at once
    (psycopg's row-by-row iteration costs about a microsecond a row in Python: 10 ms for the
    list's 10,000 ids, more than the server takes to sort them)."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor.fetchall())

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        rows: list[Any] = self._cursor.fetchall()
        return rows


class _ServerReader:
    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> _Rows:
        return _Rows(self._connection.execute(to_postgres(sql), tuple(parameters)))


class ServerSnapshots:
    """Snapshots on a PostgreSQL server: a ``REPEATABLE READ READ ONLY`` transaction on a
    connection kept for the next read (a new one costs a round trip or several, and TLS).
    Thread-safe: the list's search index is read on a worker thread. UnavailableError
    (:func:`afterview.store.postgres.refused`) when the server cannot be reached."""

    def __init__(self, server: Server, connection: Any = None) -> None:
        """``connection``: an autocommit connection to ``server`` to read on first (one
        that has just probed it), saving the next read a connection's start."""
        self.server = server
        self._idle: list[Any] = [connection] if connection is not None else []
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Reader]:
        from afterview.store.postgres import translate_faults

        with translate_faults(self.server.display, "could not read the database"):
            connection = self._begin()
            try:
                yield _ServerReader(connection)
                connection.execute("ROLLBACK")
            except BaseException:
                connection.close()
                raise
            self._give_back(connection)

    def _begin(self) -> Any:
        """A connection in a read snapshot. A kept connection the server ended meanwhile
        (it restarted: the client learns only when it next speaks) is dropped for a new one."""
        import psycopg

        connection, kept = self._take()
        try:
            connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            return connection
        except psycopg.OperationalError:
            connection.close()
            if not kept:
                raise
        connection = self.server.connect(autocommit=True)
        try:
            connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        except BaseException:
            connection.close()
            raise
        return connection

    def _take(self) -> tuple[Any, bool]:
        """A connection, and whether it was kept from an earlier read."""
        with self._lock:
            while self._idle:
                connection = self._idle.pop()
                if not connection.closed and not connection.broken:
                    return connection, True
        return self.server.connect(autocommit=True), False

    def _give_back(self, connection: Any) -> None:
        with self._lock:
            self._idle.append(connection)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()


def snapshots_of(source: Path | Snapshots) -> Snapshots:
    """A path stands for its SQLite file."""
    return FileSnapshots(source) if isinstance(source, Path) else source


def file_to_read_first(paths: Paths) -> Path | None:
    """The SQLite file the window may list before the store has loaded: the database
    ``paths`` chooses when it is that file and opens cleanly (:func:`opens_cleanly`); None for
    a server (the store connects first) or a file that must be created, migrated or checked.
    """
    from afterview.store.target import SqliteTarget, resolve_target

    try:
        target = resolve_target(paths.database, paths.config_dir, paths.database_target)
    except Exception:  # a bad choice is for the store's own open to explain
        return None
    if not isinstance(target, SqliteTarget) or not opens_cleanly(target.path):
        return None
    return target.path


def snapshots_to_read_first(paths: Paths) -> Snapshots | None:
    """Where the window may read the list and Today before the store has loaded: the SQLite
    file of :func:`file_to_read_first`, or the chosen server when its database is at this
    Afterview's schema (one short probe; psycopg, not SQLAlchemy). None when the store must
    open first: a file to create, migrate or check, a server to create or upgrade, a server
    that cannot be reached or refuses (the store's own open says why, in words)."""
    from afterview.store.target import PostgresTarget, resolve_target

    try:
        target = resolve_target(paths.database, paths.config_dir, paths.database_target)
    except Exception:
        return None
    if not isinstance(target, PostgresTarget):
        found = file_to_read_first(paths)
        return FileSnapshots(found) if found is not None else None
    from afterview.store.postgres import probe_schema_version
    from afterview.store.server_choice import server_for
    from afterview.store.sqlite_file import SCHEMA_VERSION

    try:
        server = server_for(paths)
        if server is None:
            return None
        connection = server.connect(autocommit=True)
    except Exception:
        return None
    try:
        if probe_schema_version(connection) != SCHEMA_VERSION or not _may_write(connection):
            # A coach's window (read-only) is opened by the store, with its banner.
            connection.close()
            return None
    except Exception:
        connection.close()
        return None
    # The probe's connection reads the list next: a new one would cost a server process.
    return ServerSnapshots(server, connection)


def _may_write(connection: Any) -> bool:
    row = connection.execute("SELECT has_table_privilege('interviews', 'INSERT')").fetchone()
    return bool(row and row[0])


def identity_of(paths: Paths) -> str | None:
    """The identity (``meta.database_id``) of the database ``paths`` chooses; None when it
    has none yet, or cannot be read now (the file is missing, the server away)."""
    from afterview.store.target import PostgresTarget, resolve_target

    try:
        target = resolve_target(paths.database, paths.config_dir, paths.database_target)
    except Exception:
        return None
    if not isinstance(target, PostgresTarget):
        return database_identity(target.path)
    from afterview.store.postgres import database_identity_on
    from afterview.store.server_choice import server_for

    try:
        server = server_for(paths)
        if server is None:
            return None
        with server.connect(autocommit=True) as connection:
            return database_identity_on(connection)
    except Exception:
        return None
