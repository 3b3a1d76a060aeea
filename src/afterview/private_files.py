"""The one rule for what Afterview writes on its own: only the user can read it.

The data, config and backup directories hold names, phone numbers and notes about
interviews and references, so they are made 0700 and every file Afterview creates there
0600, whatever the umask (mail clients and password managers do the same). Files the user
saves through a dialog or the CLI (a PDF, an export) are not written through here: they
follow the user's umask, as any program's saved files do.

Qt-free: the CLI, the store and the tray all use it.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import logging.handlers
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from io import TextIOWrapper
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
#: The group and other bits: none of them may be set on a private path.
SHARED_BITS = 0o077


def make_private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents 0700 (whatever the umask); a directory that
    already exists is tightened (:func:`tighten`), its existing parents are left alone.
    Returns ``path``. OSError when it cannot be created (a file in the way, no permission)."""
    missing: list[Path] = []
    current = path
    while not current.is_dir() and current != current.parent:
        missing.append(current)
        current = current.parent
    if not missing:
        _refuse_foreign(path)
        tighten(path)
        return path
    for directory in reversed(missing):
        try:
            os.mkdir(directory, PRIVATE_DIR_MODE)
        except FileExistsError:
            if not directory.is_dir():
                raise
            tighten(directory)  # made by another process in the meantime
            continue
        # The umask can only take bits away; set the mode itself so an odd umask (0o277)
        # still leaves the owner able to use it.
        os.chmod(directory, PRIVATE_DIR_MODE)
    return path


def _refuse_foreign(path: Path) -> None:
    """PermissionError when the folder (after symlinks) belongs to another user: what
    Afterview keeps there (backups, letter templates it will render) would be theirs to read,
    replace or plant. Root may use any folder, as it may read any."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None or geteuid() == 0:
        return
    owner = os.stat(path).st_uid
    if owner != geteuid():
        raise PermissionError(
            errno.EACCES,
            f"the folder {path} belongs to another user (uid {owner}); Afterview keeps your "
            "data only in folders of your own",
        )


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty and 0600 unless it exists (then it is left as it is): SQLite and
    the log give the files they create the mode of one that is already there. True when it
    was created. OSError when it cannot be (no such folder, no permission, a full disk)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    try:
        _set_mode(handle)
    finally:
        os.close(handle)
    return True


def _set_mode(handle: int) -> None:
    """0600 on an open file, whatever the umask took away (not on Windows, whose files
    inherit their folder's access list instead)."""
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(handle, PRIVATE_FILE_MODE)


def tighten(path: Path) -> bool:
    """Take the group and other bits off ``path`` (a directory 0755 becomes 0700, a file
    0644 becomes 0600), with one line in the log; True when it had any. A path that is
    missing, or that cannot be changed (a read-only mount, another user's file), is left as
    it is: that is logged too, and never stops Afterview from opening."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return False
    if not mode & SHARED_BITS:
        return False
    if mode & stat.S_ISVTX and path.is_dir():
        # A folder shared on purpose, like /tmp: taking its bits would lock others out.
        log.warning(
            "%s is a folder shared with other users (mode %04o); it is left as it is: keep "
            "Afterview's data in a folder of your own",
            path,
            mode,
        )
        return False
    private = mode & ~SHARED_BITS
    try:
        os.chmod(path, private)
    except OSError as error:
        log.info(
            "could not make %s private (it stays %04o): %s", path, mode, error.strerror or error
        )
        return False
    log.warning(
        "made %s private: other users could reach it (it was %04o, it is now %04o)",
        path,
        mode,
        private,
    )
    return True


def tighten_all(paths: Iterable[Path]) -> list[Path]:
    """:func:`tighten` each path, and each file directly in the directories among them;
    returns the ones that were tightened."""
    tightened = []
    for path in paths:
        if tighten(path):
            tightened.append(path)
        if path.is_dir() and not path.is_symlink():
            with contextlib.suppress(OSError):
                for entry in sorted(path.iterdir()):
                    if entry.is_file() and not entry.is_symlink() and tighten(entry):
                        tightened.append(entry)
    return tightened


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, the new file 0600 (a temporary file in
    the same folder, then a rename). OSError when it cannot be written; nothing is left
    behind then."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            _set_mode(out.fileno())
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


class PrivateLogFile(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are 0600: each new file (the first, and the one started
    after every rotation) is created private before the handler opens it."""

    _failed = False

    def _open(self) -> TextIOWrapper:
        create_private_file(Path(self.baseFilename))
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written (a full disk, a read-only folder) says so once on
        stderr, not with a traceback for every line; the program goes on."""
        if not self._failed:
            self._failed = True
            error = sys.exc_info()[1]
            sys.stderr.write(f"afterview: the log {self.baseFilename} cannot be written: {error}\n")
