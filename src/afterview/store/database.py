"""Opening the database safely: checks, migrations, and transactions that wait their turn.

Opening goes: probe the file read-only (is it SQLite, which schema version);
refuse a newer schema untouched; check integrity (fully after an unclean
shutdown); move a damaged file aside; back up and migrate when the schema is
older. Only then is SQLAlchemy's engine created.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from afterview.paths import Paths
from afterview.private_files import create_private_file, make_private_dir, tighten
from afterview.store import backup as backups
from afterview.store import derived as _derived  # noqa: F401  (registers the derived columns)
from afterview.store.errors import DamagedDatabaseError, NewerSchemaError, StoreError
from afterview.store.sqlite_file import (
    BUSY_TIMEOUT_S,
    SCHEMA_VERSION,
    RunningMarker,
    check_integrity,
    is_corruption,
    probe_schema_version,
)

OPEN_LOCK = "open.lock"
#: A migration of a large file can take a while; past this the second opener gives up.
OPEN_LOCK_TIMEOUT_S = 120.0


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class OpenReport:
    created: bool = False
    migrated_from: int | None = None
    unclean_shutdown: bool = False
    pre_migration_backup: Path | None = None


class Database:
    """An open Afterview database: read and write sessions over one engine."""

    def __init__(self, paths: Paths, engine: Engine, report: OpenReport) -> None:
        self.paths = paths
        self.engine = engine
        self.report = report
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        self._writer = sessionmaker(
            bind=engine.execution_options(afterview_begin="IMMEDIATE"), expire_on_commit=False
        )
        self._marker = RunningMarker(paths.data_dir)
        self._marker.create()

    @property
    def path(self) -> Path:
        return self.paths.database

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, _translate_damage(self.path):
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, begun IMMEDIATE: a second process waits for the lock
        (up to the busy timeout) instead of failing later with "database is locked"."""
        with self._writer() as session, _translate_damage(self.path), session.begin():
            yield session

    def backup_if_due(self, now: datetime | None = None) -> backups.Backup | None:
        return backups.maybe_backup(self.path, self.paths.backup_dir, now or utcnow())

    def close(self) -> None:
        self.engine.dispose()
        self._marker.remove()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(paths: Paths, *, now: datetime | None = None) -> Database:
    paths.ensure()
    # One process at a time checks, moves aside, creates or migrates the file: the window
    # and the tray starting together must not both migrate, or move the file from under
    # each other. Ordinary reads and writes never take this lock.
    try:
        with FileLock(paths.data_dir / OPEN_LOCK, timeout=OPEN_LOCK_TIMEOUT_S, mode=0o600):
            return _open_locked(paths, now or utcnow())
    except Timeout:
        raise StoreError(
            f"another Afterview process has been opening {paths.database} for over "
            f"{OPEN_LOCK_TIMEOUT_S:.0f} s (a long migration?); try again when it is done"
        ) from None


def _open_locked(paths: Paths, now: datetime) -> Database:
    path = paths.database
    unclean = RunningMarker(paths.data_dir).clear_stale()
    existed = path.exists() and path.stat().st_size > 0
    version = 0
    if existed:
        try:
            version = probe_schema_version(path)
        except DamagedDatabaseError as error:
            raise DamagedDatabaseError(path, move_aside(paths, now), error.problem) from error
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"{path} was written by a newer Afterview (schema {version}; this version "
                f"understands up to {SCHEMA_VERSION}). Update Afterview to open it; "
                "the file was not changed."
            )
        problem = check_integrity(path, full=unclean)
        if problem is not None:
            moved = move_aside(paths, now)
            raise DamagedDatabaseError(path, moved, problem)
    if not existed:
        _create_private(path)
    report = OpenReport(created=not existed, unclean_shutdown=unclean)
    if version < SCHEMA_VERSION:
        pre = None
        if existed:
            pre = backups.take_backup(
                path, paths.backup_dir, backups.BackupKind.PRE_MIGRATION, now
            ).path
        from afterview.store.migrate import upgrade  # Alembic is imported only when needed

        engine = make_engine(path)
        try:
            upgrade(engine)
        except Exception:
            engine.dispose()
            raise
        report = OpenReport(
            created=not existed,
            migrated_from=version if existed else None,
            unclean_shutdown=unclean,
            pre_migration_backup=pre,
        )
        return Database(paths, engine, report)
    return Database(paths, make_engine(path), report)


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does: SQLite gives it the umask's mode,
    and its -wal and -shm the mode of the database. StoreError when it cannot be created."""
    try:
        create_private_file(path)
    except OSError as error:
        raise StoreError(f"cannot create the database {path}: {error.strerror or error}") from error


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        URL.create("sqlite+pysqlite", database=str(path)),
        connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, so writes can ask for IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    finally:
        cursor.close()


def _on_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get("afterview_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def move_aside(paths: Paths, now: datetime) -> Path:
    """Move the damaged database (and its WAL) to ``damaged/``; never delete it."""
    make_private_dir(paths.damaged_dir)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = paths.damaged_dir / f"afterview-{stamp}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        source = paths.database.with_name(paths.database.name + suffix)
        if source.exists():
            moved = target.with_name(target.name + suffix)
            os.replace(source, moved)
            tighten(moved)  # a rename keeps the mode, and the copy holds everything
    return target


@contextlib.contextmanager
def _translate_damage(path: Path) -> Iterator[None]:
    try:
        yield
    except Exception as error:
        original = getattr(error, "orig", error)
        if isinstance(original, sqlite3.DatabaseError) and is_corruption(original):
            raise DamagedDatabaseError(path, None, str(original)) from error
        raise


__all__ = [
    "SCHEMA_VERSION",
    "DamagedDatabaseError",
    "Database",
    "NewerSchemaError",
    "OpenReport",
    "StoreError",
    "open_database",
]
