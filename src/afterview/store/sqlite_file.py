"""The database file as SQLite sees it, without SQLAlchemy: cheap enough to run before the
window's first list paints (see :mod:`afterview.store.interview_list`).

The schema version, a read-only probe, and the running markers that tell an
unclean shutdown apart from a clean one.
"""

from __future__ import annotations

import itertools
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from afterview.private_files import create_private_file, make_private_dir
from afterview.store.backup import file_uri
from afterview.store.errors import DamagedDatabaseError, StoreError
from afterview.store.faults import (
    Fault,
    UnavailableError,
    busy_timeout_s,
    fault_of,
    fault_of_code,
    is_damage,
    is_damage_code,
    unavailable,
)

#: The schema this Afterview writes; every migration sets ``PRAGMA user_version`` to its number.
SCHEMA_VERSION = 9
HEADER_SIZE = 100
NOT_A_DATABASE = "it is not an SQLite database, or its header is damaged"
#: Faults that stop a reader only because SQLite cannot create or write the WAL's index
#: (``-shm``) beside the file: a full disk, a read-only mount or folder.
_SHM_FAULTS = {Fault.FULL, Fault.READ_ONLY, Fault.CANNOT_OPEN, Fault.IO}


def connect_read_only(path: Path, *, mode: str = "ro", **options: Any) -> sqlite3.Connection:
    """A connection that reads ``path`` (never creates it), even from a full disk or a
    read-only folder.

    A WAL database needs its ``-shm`` index, which SQLite creates beside the file; when it
    cannot (``SQLITE_CANTOPEN``, ``SQLITE_IOERR_SHMSIZE``) and the ``-wal`` holds nothing,
    the main file is all there is, and ``immutable=1`` reads it without the index
    (https://www.sqlite.org/uri.html#uriimmutable). With a non-empty ``-wal`` that would hide
    committed rows, so the error stands. ``mode``: "ro" or "rw" (a reader that may later
    write); ``options`` go to :func:`sqlite3.connect`.
    """
    options.setdefault("timeout", busy_timeout_s())
    connection: sqlite3.Connection = sqlite3.connect(file_uri(path, mode), uri=True, **options)
    try:
        connection.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as error:
        connection.close()
        if fault_of(error) not in _SHM_FAULTS or wal_holds_data(path):
            raise
        return connect_immutable(path, **options)
    return connection


def connect_immutable(path: Path, **options: Any) -> sqlite3.Connection:
    """A read-only connection that takes no locks and needs no ``-shm``: only for a file
    nobody can write now (see :func:`connect_read_only`)."""
    options.setdefault("timeout", busy_timeout_s())
    connection: sqlite3.Connection = sqlite3.connect(
        file_uri(path, "ro") + "&immutable=1", uri=True, **options
    )
    return connection


def wal_holds_data(path: Path) -> bool:
    """Whether ``path``'s ``-wal`` may hold committed rows the main file lacks."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def translated(error: BaseException, path: Path, doing: str) -> StoreError | None:
    """What to raise for ``error`` (an SQLite or OS error, or SQLAlchemy's wrapper of one)
    met while ``doing`` something to ``path``: DamagedDatabaseError only for
    ``SQLITE_CORRUPT`` and ``SQLITE_NOTADB``, UnavailableError for a fault of the disk or of
    another process, in words; None for anything else (a bug, raised as it is)."""
    original = getattr(error, "orig", None) or error
    if isinstance(original, sqlite3.Error) and is_damage(original):
        problem = NOT_A_DATABASE if "not a database" in str(original) else str(original)
        return DamagedDatabaseError(path, None, problem)
    return unavailable(original, doing, path)


def refuse(path: Path, error: sqlite3.Error, doing: str) -> StoreError:
    """As :func:`translated`, where an SQLite error of no known kind means the file cannot
    be opened."""
    return translated(error, path, doing) or UnavailableError(Fault.CANNOT_OPEN, doing, str(error))


def probe_schema_version(path: Path) -> int:
    """The schema version, read without writing to the main file.

    Only through SQLite, never ``open()``: closing any descriptor of a file drops every POSIX
    lock the process holds on it, and another process closing its last connection could then
    checkpoint and delete the WAL from under this process's connections. (SQLite keeps its
    own descriptors open for as long as any connection of the process holds a lock.)
    """
    if path.stat().st_size < HEADER_SIZE:  # SQLite would take it for an empty database
        raise DamagedDatabaseError(path, None, NOT_A_DATABASE)
    try:
        connection = connect_read_only(path)
        try:
            (version,) = connection.execute("PRAGMA user_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise refuse(path, error, f"could not read {path}") from error
    return int(version)


def check_integrity(path: Path, *, full: bool) -> str | None:
    """None when the file is sound, else what SQLite found wrong (through SQLite only, as
    :func:`probe_schema_version` explains). UnavailableError when it cannot be read now
    (a full disk, a read-only folder, an I/O error: no damage).

    A quick check every open catches truncated and corrupted pages cheaply;
    after an unclean shutdown the full integrity check also verifies indexes.
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        connection = connect_read_only(path)
        try:
            rows = connection.execute(f"PRAGMA {pragma}").fetchall()
            (page_size,) = connection.execute("PRAGMA page_size").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        refused = refuse(path, error, f"could not check {path}")
        if isinstance(refused, DamagedDatabaseError):
            return refused.problem
        raise refused from error
    except UnicodeDecodeError as error:
        # SQLite's message quotes a damaged schema's bytes, which need not be UTF-8.
        return bytes(error.object).decode("utf-8", errors="replace")
    messages = [str(row[0]) for row in rows]
    if messages != ["ok"]:
        fault = _read_fault(messages)
        if fault is not None:
            raise UnavailableError(fault, f"could not check {path}", "; ".join(messages[:5]))
        return "; ".join(messages[:5])
    if path.stat().st_size % int(page_size) != 0:
        return "the file is truncated (its size is not a whole number of pages)"
    return None


_PAGE_ERROR = re.compile(r"error code=(\d+)")


def _read_fault(messages: list[str]) -> Fault | None:
    """The fault when the integrity check could not read a page ("unable to get the page.
    error code=8458", ``SQLITE_IOERR_CORRUPTFS`` for an EIO from the disk): the disk failed,
    not the file. None when every page it named was read and found wrong."""
    for message in messages:
        for code in _PAGE_ERROR.findall(message):
            if not is_damage_code(int(code)):
                return fault_of_code(int(code)) or Fault.IO
    return None


def confirmed_problem(path: Path, *, full: bool) -> str | None:
    """:func:`check_integrity`, and when it finds a problem, a second full check: a disk
    that fails now and then makes a check fail as well, and a file is only taken for damaged
    (and moved aside) when the damage is there twice. UnavailableError as from the check."""
    if check_integrity(path, full=full) is None:
        return None
    problem = check_integrity(path, full=True)
    if problem is not None:
        read_through(path)
    return problem


def read_through(path: Path) -> None:
    """Read every byte of ``path`` (and its ``-wal``) from the disk; UnavailableError (I/O)
    when the disk cannot: then what SQLite took for damage is a failing disk, and the file
    must stay where it is. Only called on a file about to be moved aside, so the read of a
    whole file is rare.

    A file opened and read with ``open()`` is closed again at once, before any SQLite lock
    could be lost (see :func:`probe_schema_version`): this process holds no connection to it
    here."""
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            with part.open("rb") as handle:
                while handle.read(2**20):
                    pass
        except FileNotFoundError:
            continue
        except OSError as error:
            fault = fault_of(error) or Fault.IO
            raise UnavailableError(fault, f"could not read {part}", str(error)) from error


class RunningMarker:
    """A file per open database; one left by a process that is gone means an unclean shutdown.

    Named ``PID-N`` so one process may hold several (the tests do, a future UI might).
    """

    _serial = itertools.count(1)

    def __init__(self, data_dir: Path) -> None:
        self.directory = data_dir / "running"
        self.path = self.directory / f"{os.getpid()}-{next(self._serial)}"

    def create(self) -> None:
        make_private_dir(self.directory)
        create_private_file(self.path)
        self.path.write_text(str(os.getpid()))

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def clear_stale(self) -> bool:
        """Remove markers of processes that are gone; True when there were any."""
        stale = self.stale()
        for marker in stale:
            marker.unlink(missing_ok=True)
        return bool(stale)

    def stale(self) -> list[Path]:
        """Markers of processes that are gone (left as they are)."""
        if not self.directory.is_dir():
            return []
        found = []
        for marker in self.directory.iterdir():
            pid_text = marker.name.split("-", 1)[0]
            if not pid_text.isdigit():
                continue
            pid = int(pid_text)
            if pid != os.getpid() and not _alive(pid):
                found.append(marker)
        return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def database_identity(path: Path) -> str | None:
    """The database's identity, a 32-digit hex string kept in ``meta.database_id`` (made when
    the file is created or migrated to 0.2.0, carried by a copy, a backup and an export); None
    when the file is missing, unreadable or older than that."""
    try:
        if not path.is_file() or path.stat().st_size < HEADER_SIZE:
            return None
        connection = connect_read_only(path)
        try:
            row = connection.execute("SELECT value FROM meta WHERE name = 'database_id'").fetchone()
        finally:
            connection.close()
    except (OSError, sqlite3.Error):
        return None
    return str(row[0]) if row is not None else None


def opens_cleanly(database: Path) -> bool:
    """Whether opening ``database`` will neither create, migrate, nor check it in full:
    it exists, has this Afterview's schema, and no process left it open when it died.

    Then it can be read before :func:`afterview.store.database.open_database` runs (which
    still checks it, and may yet find it damaged).
    """
    try:
        if database.stat().st_size == 0:
            return False
        if RunningMarker(database.parent).stale():
            return False
        return probe_schema_version(database) == SCHEMA_VERSION
    except (OSError, StoreError):
        return False
