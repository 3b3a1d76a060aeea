"""The tray's database on a PostgreSQL server, through psycopg alone: the counterpart of
:class:`afterview.store.plain_database.PlainDatabase`, with the same ``read()``/``write()``.

The queries are :mod:`afterview.store.reminders`' own, in SQLite's words, restated by
:func:`afterview.store.plain_reads.to_postgres`. A write takes the same per-schema advisory
lock as the store's writes (:func:`afterview.store.postgres.make_engine`): one writer at a
time per job seeker, as ``BEGIN IMMEDIATE`` gives on a file. One connection, opened when
first needed and again after it broke (the server restarted, the laptop changed networks).
Imported only for a PostgreSQL target: the SQLite tray never loads psycopg.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg

from afterview.paths import Paths
from afterview.store.faults import UnavailableError
from afterview.store.plain_reads import to_postgres
from afterview.store.postgres import (
    LOCK_SPACE,
    WRITE_LOCK,
    Server,
    schema_version_by,
    translate_faults,
)
from afterview.store.schema_mark import refuse_if_upgraded

#: A server that does not answer (a laptop off the office network) must not hold the tray
#: for TCP's minutes: it reminds from its offline schedule meanwhile.
CONNECT_TIMEOUT_S = 5
READING = "could not read the database"
SAVING = "could not save"


class _Connection:
    """A psycopg connection that takes SQLite's SQL (``?`` placeholders)."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.raw = connection

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        return self.raw.execute(to_postgres(sql), tuple(parameters))


class PlainServer:
    """Short transactions on one psycopg connection: reads ``READ ONLY``, writes under the
    schema's write lock. UnavailableError (Fault.OFFLINE) when the server cannot be reached,
    StoreError for a refusal, in words (:func:`afterview.store.postgres.refused`)."""

    def __init__(self, paths: Paths, server: Server) -> None:
        self.paths = paths
        self.server = server
        #: Never set here: a role that may only read is told at its first write.
        self.read_only: UnavailableError | None = None
        self._connection: psycopg.Connection[Any] | None = None

    @property
    def where(self) -> str:
        return self.server.display

    def _connect(self) -> psycopg.Connection[Any]:
        connection = self._connection
        if connection is None or connection.closed or connection.broken:
            if connection is not None:
                connection.close()
            self._connection = None
            connection = self.server.connect(autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
            self._connection = connection
        return connection

    def _begin(self, begin: str) -> psycopg.Connection[Any]:
        """The kept connection in a new transaction; a new connection when the kept one died
        meanwhile (the server restarted: its goodbye only shows at the next statement)."""
        connection = self._connect()
        try:
            connection.execute(begin)
        except psycopg.OperationalError:
            if not connection.broken and not connection.closed:
                raise
            connection = self._connect()
            connection.execute(begin)
        return connection

    @contextlib.contextmanager
    def read(self) -> Iterator[_Connection]:
        with self._transaction("BEGIN READ ONLY", READING, lock=False) as connection:
            yield connection

    @contextlib.contextmanager
    def write(self) -> Iterator[_Connection]:
        """One write transaction, taking the schema's write lock first (another writer makes
        it wait, not fail)."""
        with self._transaction("BEGIN", SAVING, lock=True) as connection:
            yield connection

    @contextlib.contextmanager
    def _transaction(self, begin: str, doing: str, *, lock: bool) -> Iterator[_Connection]:
        with translate_faults(self.server.display, doing):
            connection = self._begin(begin)
            try:
                if lock:
                    connection.execute(
                        "SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()) + %s)",
                        (LOCK_SPACE, WRITE_LOCK),
                    )
                    # Under the write lock: another computer may have upgraded the schema.
                    version = schema_version_by(connection.execute)
                    refuse_if_upgraded(version, self.server.display)
                yield _Connection(connection)
            except BaseException:
                if not connection.broken and not connection.closed:
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> PlainServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_plain_server(paths: Paths, server: Server) -> PlainServer:
    """The tray's view of ``server``: the full store opens it first when it must be created or
    migrated (once); NewerSchemaError, UnavailableError, StoreError as from opening the store."""
    from afterview.store.postgres import probe_schema_version
    from afterview.store.sqlite_file import SCHEMA_VERSION

    paths.ensure()
    with translate_faults(server.display, READING), server.connect(autocommit=True) as probe:
        version = probe_schema_version(probe)
    if version != SCHEMA_VERSION:
        from afterview.store.database import open_database

        # Creates, or refuses a newer one in words. A shared database is upgraded only where
        # someone can be asked (the window, a command in a terminal): never by the tray.
        open_database(paths, confirm_upgrade=lambda _found, _wanted: False).close()
    return PlainServer(paths, server)


__all__ = ["PlainServer", "open_plain_server"]
