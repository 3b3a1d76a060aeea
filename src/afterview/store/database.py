"""Opening the database safely: checks, migrations, and transactions that wait their turn.

Opening goes: probe the file read-only (is it SQLite, which schema version);
refuse a newer schema untouched; check integrity (fully after an unclean
shutdown); move a damaged file aside; back up and migrate when the schema is
older. Only then is SQLAlchemy's engine created.

When the disk is full or the folder read-only (:mod:`afterview.store.faults`), a database
of this version still opens, read-only: every read works, every write is refused at once
with the reason, and nothing is moved aside or migrated.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from afterview.paths import Paths
from afterview.private_files import create_private_file, make_private_dir, tighten
from afterview.store import backup as backups
from afterview.store import derived as _derived  # noqa: F401  (registers the derived columns)
from afterview.store.errors import DamagedDatabaseError, NewerSchemaError, StoreError
from afterview.store.faults import Fault, UnavailableError, busy_timeout_s, unavailable
from afterview.store.plain_reads import FileSnapshots, ServerSnapshots, Snapshots
from afterview.store.schema_mark import refuse_if_upgraded
from afterview.store.server_choice import server_for

if TYPE_CHECKING:
    from afterview.store.postgres import ConfirmUpgrade, Server

from afterview.store.sqlite_file import (
    SCHEMA_VERSION,
    RunningMarker,
    check_integrity,
    confirmed_problem,
    connect_read_only,
    database_identity,
    probe_schema_version,
    read_through,
    translated,
)

OPEN_LOCK = "open.lock"
READING = "could not read the database"
SAVING = "could not save"
UPGRADING = "could not upgrade the database to this version of Afterview"
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
    """An open Afterview database: read and write sessions over one engine.

    ``read_only`` is the fault that keeps it from being written (None when it can be): its
    reads work, and :meth:`write` refuses at once with that reason.
    """

    def __init__(
        self,
        paths: Paths,
        engine: Engine,
        report: OpenReport,
        read_only: UnavailableError | None = None,
        server: Server | None = None,
    ) -> None:
        self.paths = paths
        self.engine = engine
        self.report = report
        self.read_only = read_only
        #: The PostgreSQL server it is on; None for the SQLite file in ``paths``.
        self.server = server
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        self._writer = sessionmaker(
            bind=engine.execution_options(afterview_begin="IMMEDIATE"), expire_on_commit=False
        )
        #: Where the plain readers (the list, Today) take their snapshots.
        self.snapshots: Snapshots = (
            FileSnapshots(paths.database) if server is None else ServerSnapshots(server)
        )
        # An unclean shutdown matters to a file (check it in full); a server keeps its own log.
        self._marker = RunningMarker(paths.data_dir) if server is None else None
        if read_only is None and self._marker is not None:
            self._marker.create()

    @property
    def path(self) -> Path:
        return self.paths.database

    @property
    def where(self) -> str:
        """The database in words for the user: the file's path, or the server and database
        (never a password)."""
        return self.server.display if self.server is not None else str(self.paths.database)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, self._translate_faults(READING):
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, begun IMMEDIATE: a second process waits for the lock
        (up to the busy timeout) instead of failing later with "database is locked".
        UnavailableError, with nothing written, when the database is read-only or the write
        meets a fault (:mod:`afterview.store.faults`)."""
        if self.read_only is not None:
            if self.server is not None:
                raise self.read_only  # a search shared to be read: it says whose it is
            raise UnavailableError(self.read_only.fault, SAVING, self.read_only.detail)
        with (
            self._writer() as session,
            self._translate_faults(SAVING),
            session.begin(),
        ):
            yield session

    def _translate_faults(self, doing: str) -> contextlib.AbstractContextManager[None]:
        if self.server is not None:
            from afterview.store.postgres import translate_faults

            return translate_faults(self.server.display, doing)
        return _translate_faults(self.path, doing)

    def backup_if_due(self, now: datetime | None = None) -> backups.Backup | None:
        """A copy of the file when one is due; None on a server, which keeps its own
        backups (and ``afterview export`` writes a lossless copy of a search anywhere)."""
        if self.server is not None:
            return None
        return backups.maybe_backup(self.path, self.paths.backup_dir, now or utcnow())

    def identity(self) -> str | None:
        """``meta.database_id``: what the database is known by wherever it is (a copy, an
        export and a backup carry it); None when it cannot be read."""
        if self.server is None:
            return database_identity(self.path)
        from sqlalchemy import text

        try:
            with self.read() as session:
                found = session.execute(
                    text("SELECT value FROM meta WHERE name = 'database_id'")
                ).scalar()
        except StoreError:
            return None
        return str(found) if found is not None else None

    def close(self) -> None:
        self.engine.dispose()
        if isinstance(self.snapshots, ServerSnapshots):
            self.snapshots.close()
        if self.read_only is None and self._marker is not None:
            self._marker.remove()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(
    paths: Paths, *, now: datetime | None = None, confirm_upgrade: ConfirmUpgrade | None = None
) -> Database:
    """Open the database ``paths`` names: the SQLite file in its data directory, or the
    PostgreSQL server chosen by ``--database``, ``AFTERVIEW_DATABASE`` or Settings ▸ Storage
    (:func:`afterview.store.target.resolve_target`). See the module's docstring for the
    order; :mod:`afterview.store.postgres` for a server, where ``confirm_upgrade`` is asked
    before migrating a database that has data.

    Raises DamagedDatabaseError (after moving the file aside), NewerSchemaError (the file
    untouched), UnavailableError when it cannot be opened even read-only, or must be created
    or migrated and cannot be written now, and StoreError when another process is opening it
    for too long, or the target cannot be used (in words).
    """
    server = server_for(paths)
    if server is not None:
        return _open_server(paths, server, now or utcnow(), confirm_upgrade)
    try:
        paths.ensure()
        # One process at a time checks, moves aside, creates or migrates the file: the window
        # and the tray starting together must not both migrate, or move the file from under
        # each other. Ordinary reads and writes never take this lock.
        with FileLock(paths.data_dir / OPEN_LOCK, timeout=OPEN_LOCK_TIMEOUT_S, mode=0o600):
            return _open_locked(paths, now or utcnow())
    except Timeout:
        raise StoreError(
            f"another Afterview process has been opening {paths.database} for over "
            f"{OPEN_LOCK_TIMEOUT_S:.0f} s (a long migration?); try again when it is done"
        ) from None
    except (OSError, UnavailableError) as error:
        fault = (
            error
            if isinstance(error, UnavailableError)
            else unavailable(error, SAVING, paths.database)
        )
        if fault is None:
            raise
        return _open_read_only(paths, fault)


def _open_server(
    paths: Paths, server: Server, now: datetime, confirm: ConfirmUpgrade | None
) -> Database:
    from afterview.store.coach import open_for_reading
    from afterview.store.postgres import make_engine as server_engine
    from afterview.store.postgres import open_server

    paths.ensure()
    # A coach reading a job seeker's search: read-only, and never migrated from here.
    reading = open_for_reading(server)
    if reading is not None:
        return Database(
            paths, server_engine(server), OpenReport(), read_only=reading, server=server
        )
    engine, version, snapshot = open_server(server, paths.backup_dir, now=now, confirm=confirm)
    report = OpenReport(
        created=version == 0,
        migrated_from=version if 0 < version < SCHEMA_VERSION else None,
        pre_migration_backup=snapshot,
    )
    return Database(paths, engine, report, server=server)


def _open_read_only(paths: Paths, fault: UnavailableError) -> Database:
    """The database as it is, for reading only, when ``fault`` keeps it from being written;
    nothing is created, moved aside or migrated. UnavailableError (``fault``) when there is
    no database of this version to read."""
    path = paths.database
    if not path.is_file() or path.stat().st_size == 0:
        raise fault
    version = probe_schema_version(path)
    if version > SCHEMA_VERSION:
        raise _newer(path, version)
    if version < SCHEMA_VERSION:
        raise UnavailableError(fault.fault, UPGRADING, fault.detail)
    problem = check_integrity(path, full=False)
    if problem is not None:
        raise DamagedDatabaseError(path, None, problem)
    return Database(paths, make_engine(path, read_only=True), OpenReport(), read_only=fault)


def _newer(path: Path, version: int) -> NewerSchemaError:
    return NewerSchemaError(
        f"{path} was written by a newer Afterview (schema {version}; this version "
        f"understands up to {SCHEMA_VERSION}). Update Afterview to open it; "
        "the file was not changed."
    )


def _open_locked(paths: Paths, now: datetime) -> Database:
    path = paths.database
    unclean = RunningMarker(paths.data_dir).clear_stale()
    existed = path.exists() and path.stat().st_size > 0
    version = 0
    if existed:
        try:
            version = probe_schema_version(path)
        except DamagedDatabaseError:
            try:  # a disk that fails now and then: damage is what is there twice
                version = probe_schema_version(path)
            except DamagedDatabaseError as error:
                read_through(path)
                moved = move_aside(paths, now)
                raise DamagedDatabaseError(path, moved, error.problem) from error
        if version > SCHEMA_VERSION:
            raise _newer(path, version)
        problem = confirmed_problem(path, full=unclean)
        if problem is not None:
            moved = move_aside(paths, now)
            raise DamagedDatabaseError(path, moved, problem)
    if existed and not os.access(path, os.W_OK):
        # A file of another user, or copied read-only off a CD or a backup mount: read it.
        raise UnavailableError(Fault.READ_ONLY, SAVING, f"{path} is not writable")
    if not existed:
        _create_private(path)
    report = OpenReport(created=not existed, unclean_shutdown=unclean)
    if version < SCHEMA_VERSION:
        pre = None
        if existed:
            try:
                pre = backups.take_backup(
                    path, paths.backup_dir, backups.BackupKind.PRE_MIGRATION, now
                ).path
            except backups.BackupSkipped as error:
                raise StoreError(
                    "This version of Afterview must upgrade the database, and backs it up "
                    f"first. {error} Nothing was changed."
                ) from error
        from afterview.store.migrate import upgrade  # Alembic is imported only when needed

        engine = make_engine(path)
        try:
            upgrade(engine)
        except Exception as error:
            engine.dispose()
            # One transaction: a migration that failed left the file as it was.
            fault = unavailable(error, UPGRADING, path)
            if fault is not None:
                raise fault from error
            raise
        report = OpenReport(
            created=not existed,
            migrated_from=version if existed else None,
            unclean_shutdown=unclean,
            pre_migration_backup=pre,
        )
        return Database(paths, engine, report)
    engine = make_engine(path)
    try:
        # Connecting sets WAL mode and maps the -shm: the first thing a failing disk refuses,
        # and better refused here (then the file is read read-only) than at the first read.
        engine.connect().close()
    except Exception as error:
        engine.dispose()
        # Damage is not moved aside here: the checks above passed, so a failing disk is likelier.
        refused = translated(error, path, SAVING)
        if refused is not None:
            raise refused from error
        raise
    return Database(paths, engine, report)


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does: SQLite gives it the umask's mode,
    and its -wal and -shm the mode of the database. UnavailableError (a full disk, a
    read-only folder) or StoreError when it cannot be created."""
    try:
        create_private_file(path)
    except OSError as error:
        raise unavailable(error, "could not create the database", path) or StoreError(
            f"cannot create the database {path}: {error.strerror or error}"
        ) from error


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """The engine over ``path``; ``read_only``: through :func:`connect_read_only`, which
    reads a full disk's or a read-only folder's file without writing beside it."""
    if read_only:
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: connect_read_only(path, check_same_thread=False),
        )
        event.listen(engine, "connect", _on_connect_read_only)
    else:
        engine = create_engine(
            URL.create("sqlite+pysqlite", database=str(path)),
            connect_args={"timeout": busy_timeout_s(), "check_same_thread": False},
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
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s() * 1000)}")
    finally:
        cursor.close()


def _on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA query_only=ON")


def _on_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get("afterview_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")
    if mode != "IMMEDIATE":
        return
    # A newer Afterview may have upgraded the file since it was opened (another install on
    # this computer): its schema is read under the write lock, so no save lands on it.
    (version,) = connection.exec_driver_sql("PRAGMA user_version").one()
    try:
        refuse_if_upgraded(version, str(connection.engine.url.database))
    except NewerSchemaError:
        connection.exec_driver_sql("ROLLBACK")
        raise


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
def _translate_faults(path: Path, doing: str) -> Iterator[None]:
    """Damage as DamagedDatabaseError, a full disk, a read-only file, an I/O error or a lock
    held too long as UnavailableError (``doing`` names what failed); the rest as it was."""
    try:
        yield
    except Exception as error:
        refused = translated(error, path, doing)
        if refused is not None:
            raise refused from error
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
