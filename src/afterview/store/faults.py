"""What went wrong when the database could not be read or written, in words for the user.

Only damage is damage: a failing integrity check, ``SQLITE_CORRUPT`` or ``SQLITE_NOTADB``
(https://www.sqlite.org/rescode.html). Everything else the file system or another process
does to us (a full disk, a read-only folder, an I/O error, a lock held too long) means
"cannot do this now", says why and what to do, and never moves the file aside: the data
is intact and will be there when the fault clears.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from enum import StrEnum
from pathlib import Path

from afterview.store.errors import StoreError

#: How long a write waits for another process's lock (seconds). Another Afterview process
#: holds it for milliseconds; half a minute covers a slow disk and a long import.
#: ``AFTERVIEW_BUSY_TIMEOUT_S`` shortens it, so a test of a lock held "for a minute" costs
#: seconds.
DEFAULT_BUSY_TIMEOUT_S = 30.0
ENV_BUSY_TIMEOUT = "AFTERVIEW_BUSY_TIMEOUT_S"


_process_timeout: float | None = None


def busy_timeout_s() -> float:
    """The busy timeout in seconds: ``AFTERVIEW_BUSY_TIMEOUT_S`` when set, else this
    process's own (:func:`set_busy_timeout`), else :data:`DEFAULT_BUSY_TIMEOUT_S`."""
    text = os.environ.get(ENV_BUSY_TIMEOUT, "")
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value > 0:
        return value
    return _process_timeout or DEFAULT_BUSY_TIMEOUT_S


def set_busy_timeout(seconds: float | None) -> None:
    """This process's busy timeout (seconds; None: the default). The window sets a short
    one: its writes run on the event loop, and a write that waits is kept and retried."""
    global _process_timeout
    _process_timeout = seconds


class Fault(StrEnum):
    FULL = "full"
    READ_ONLY = "read-only"
    IO = "io"
    BUSY = "busy"
    CANNOT_OPEN = "cannot-open"
    #: A PostgreSQL server that cannot be reached now (down, or the network is away).
    OFFLINE = "offline"
    #: A PostgreSQL server that lets this role only read (a search shared to be read).
    NOT_ALLOWED = "not-allowed"


# Primary result codes (the low byte of an extended code), from sqlite3.h.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_CANTOPEN, _SQLITE_FULL = 10, 11, 14, 13
_SQLITE_NOTADB = 26
_DAMAGE_CODES = {_SQLITE_CORRUPT, _SQLITE_NOTADB}
_FAULT_CODES = {
    _SQLITE_FULL: Fault.FULL,
    _SQLITE_READONLY: Fault.READ_ONLY,
    _SQLITE_IOERR: Fault.IO,
    _SQLITE_BUSY: Fault.BUSY,
    _SQLITE_LOCKED: Fault.BUSY,
    _SQLITE_CANTOPEN: Fault.CANNOT_OPEN,
}
_FAULT_ERRNOS = {
    errno.ENOSPC: Fault.FULL,
    errno.EDQUOT: Fault.FULL,
    errno.EROFS: Fault.READ_ONLY,
    errno.EACCES: Fault.READ_ONLY,
    errno.EPERM: Fault.READ_ONLY,
    errno.EIO: Fault.IO,
}

_WORDS = {
    Fault.FULL: "the disk is full. Free some space (empty the trash, remove large files), "
    "then try again",
    Fault.READ_ONLY: "the database or its folder is read-only (a read-only disk or mount, "
    "or files that belong to another user). Copy the data folder somewhere you can write, "
    "or fix its permissions",
    Fault.IO: "the disk reported an error while reading or writing (I/O error). Check the "
    "disk and try again",
    Fault.BUSY: "another program has held the database locked for too long. Close other "
    "programs using it, then try again",
    Fault.CANNOT_OPEN: "the database file cannot be opened (is its disk still there?)",
    Fault.OFFLINE: "the database server cannot be reached (is the network up, and the "
    "server running?). Afterview keeps what you typed and tries again",
    Fault.NOT_ALLOWED: "the database server lets you only read this job search (it was "
    "shared with you to read). Ask its owner if you should be able to change it",
}


_REASONS = {
    Fault.FULL: "the disk is full",
    Fault.READ_ONLY: "its folder or file is read-only",
    Fault.IO: "the disk reports errors",
    Fault.BUSY: "another program keeps the database locked",
    Fault.CANNOT_OPEN: "the database file cannot be opened",
    Fault.OFFLINE: "the database server cannot be reached",
    Fault.NOT_ALLOWED: "this search was shared with you to read only",
}


class UnavailableError(StoreError):
    """The database cannot be read or written now, for a reason outside it: nothing was
    changed, and nothing was moved aside. ``fault`` says which."""

    def __init__(self, fault: Fault, doing: str, detail: str = "") -> None:
        """``doing``: what failed, as "could not save"; ``detail``: SQLite's or the OS's
        own words, for the log."""
        self.fault = fault
        self.doing = doing
        self.detail = detail
        super().__init__(f"{doing[:1].upper()}{doing[1:]}: {_WORDS[fault]}. Nothing was changed.")

    @property
    def reason(self) -> str:
        """The fault in a few words, for a notification: "the disk is full"."""
        return _REASONS[self.fault]

    @property
    def advice(self) -> str:
        """The reason and what to do, without what was being done."""
        return _WORDS[self.fault] + "."


def is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite says the file itself is damaged (``SQLITE_CORRUPT``, ``SQLITE_NOTADB``).

    An error without a code (raised by Python's module, not SQLite) is not damage.
    """
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and is_damage_code(int(code))


def is_damage_code(code: int) -> bool:
    """Whether an SQLite result code (extended or primary) means damage."""
    return code & 0xFF in _DAMAGE_CODES


def fault_of_code(code: int) -> Fault | None:
    """The :class:`Fault` an SQLite result code (extended or primary) stands for."""
    return _FAULT_CODES.get(code & 0xFF)


def fault_of(error: BaseException) -> Fault | None:
    """The :class:`Fault` an SQLite or OS error stands for; None for anything else
    (damage included, which :func:`is_damage` tells)."""
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None:
            return fault_of_code(int(code))
        text = str(error).lower()
        if "locked" in text:
            return Fault.BUSY
        return None
    if isinstance(error, OSError) and error.errno is not None:
        return _FAULT_ERRNOS.get(error.errno)
    return None


def unavailable(
    error: BaseException, doing: str, where: Path | None = None
) -> UnavailableError | None:
    """An :class:`UnavailableError` for ``error`` (its cause), or None when it is no fault
    of the disk or of another process.

    SQLite reports a full disk as an I/O error when it cannot grow the ``-shm`` index
    (``SQLITE_IOERR_SHMSIZE``), and a read-only folder as "unable to open" when it cannot
    create it; with ``where`` (a file or folder on the disk concerned), such an error on a
    disk with less than :data:`NEARLY_FULL_BYTES` free is called full, and in a folder this
    process may not write, read-only.
    """
    original = getattr(error, "orig", None) or error
    fault = fault_of(original)
    if fault is None:
        return None
    if fault in (Fault.IO, Fault.CANNOT_OPEN) and where is not None:
        folder = _folder(where)
        if nearly_full(folder):
            fault = Fault.FULL
        elif not os.access(folder, os.W_OK):  # EROFS answers even root
            fault = Fault.READ_ONLY
    return UnavailableError(fault, doing, str(original))


#: Less free space than this (bytes) is a full disk to SQLite: a WAL index alone takes 32 KiB.
NEARLY_FULL_BYTES = 2**20


def _folder(where: Path) -> Path:
    return where if where.is_dir() else where.parent


def nearly_full(where: Path) -> bool:
    """Whether the file system holding ``where`` (a file or folder) has less than
    :data:`NEARLY_FULL_BYTES` free for this user; False when that cannot be told."""
    try:
        found = os.statvfs(_folder(where))
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < NEARLY_FULL_BYTES
