"""The database through plain ``sqlite3``, for the tray: the same file, rules and locks as
:class:`afterview.store.database.Database`, without SQLAlchemy's memory (about 45 MiB).

The tray runs all day, so what it holds matters more than what it can do: it reads
when a step falls due and writes this computer's notice of it (see
:mod:`afterview.store.reminders`). Its PostgreSQL counterpart is
:mod:`afterview.store.plain_server`.
Opening takes the same path as :func:`~afterview.store.database.open_database`
whenever the file is new, older, or was left open by a process that died: the
full store is loaded then, once, to create, migrate or check it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from afterview.paths import Paths
from afterview.store.backup import file_uri
from afterview.store.faults import UnavailableError, busy_timeout_s, unavailable
from afterview.store.schema_mark import refuse_if_upgraded
from afterview.store.sqlite_file import (
    RunningMarker,
    check_integrity,
    connect_read_only,
    opens_cleanly,
    translated,
)

#: The tray's SQLite page cache, in KiB (tests/reliability/test_tray_soak.py: RSS stays flat).
CACHE_KIB = 256


class PlainDatabase:
    """Short transactions on one connection: reads deferred, writes BEGIN IMMEDIATE."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        #: Why it cannot be written (a full disk, a read-only folder), else None: then it is
        #: read through :func:`connect_read_only` and every write refuses at once.
        self.read_only: UnavailableError | None = None
        self._marker = RunningMarker(paths.data_dir)
        connection: sqlite3.Connection | None = None
        try:
            connection = self._connect()
            self._marker.create()
        except (sqlite3.Error, OSError) as error:
            if connection is not None:
                connection.close()
            fault = unavailable(error, "could not save", paths.database)
            if fault is None:
                raise
            self.read_only = fault
            connection = connect_read_only(
                paths.database, isolation_level=None, check_same_thread=False
            )
            connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._connection = connection

    def _connect(self) -> sqlite3.Connection:
        # "rw": a file moved aside meanwhile must not be recreated empty.
        connection = sqlite3.connect(
            file_uri(self.paths.database, "rw"),
            uri=True,
            timeout=busy_timeout_s(),
            isolation_level=None,  # transactions are begun here, explicitly
            check_same_thread=False,
        )
        try:
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
                connection.execute(f"PRAGMA {pragma}")
            # SQLite's default page cache (2 MiB) fills over days of wakes and stays full; the
            # tray reads a few index pages per wake, which the OS's file cache serves as fast.
            connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    @property
    def path(self) -> Path:
        return self.paths.database

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._transaction("BEGIN", "could not read the database"):
            yield self._connection

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, begun IMMEDIATE: another writer makes it wait, not fail.
        UnavailableError at once when the database is read-only."""
        if self.read_only is not None:
            raise UnavailableError(self.read_only.fault, "could not save", self.read_only.detail)
        with self._transaction("BEGIN IMMEDIATE", "could not save"):
            # Read under the write lock: a newer Afterview may have upgraded the file since.
            (version,) = self._connection.execute("PRAGMA user_version").fetchone()
            refuse_if_upgraded(version, str(self.path))
            yield self._connection

    @contextlib.contextmanager
    def _transaction(self, begin: str, doing: str) -> Iterator[None]:
        connection = self._connection
        try:
            connection.execute(begin)
            try:
                yield
            except BaseException:
                connection.rollback()
                raise
            connection.commit()
        except sqlite3.Error as error:
            refused = translated(error, self.path, doing)
            if refused is not None:
                raise refused from error
            raise

    def close(self) -> None:
        self._connection.close()
        if self.read_only is None:
            self._marker.remove()

    def __enter__(self) -> PlainDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_plain(paths: Paths) -> PlainDatabase:
    """Open ``paths``' database for the tray; StoreError as from ``open_database``."""
    paths.ensure()
    database = paths.database
    if not opens_cleanly(database) or check_integrity(database, full=False) is not None:
        from afterview.store.database import open_database

        open_database(paths).close()  # creates, migrates, checks, or moves aside and raises
    return PlainDatabase(paths)
