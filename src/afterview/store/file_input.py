"""A file the user chose to import or restore, opened without trusting it: a symlink to
``/dev/zero``, a named pipe or a folder is refused before a byte is read (a pipe would block
the import for ever, a device would fill memory), and a file is read with a bound, never by
the size it claims (a file that grows while it is read, or a regular file whose size is 0
like those under ``/proc``, cannot exceed the limit either).
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

from afterview.store.errors import StoreError

MB = 1024 * 1024
#: What is read at a time once the size the file claims has been read (a file that grew).
_CHUNK = 1024 * 1024


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_regular(path: Path, mode: int) -> StoreError:
    return StoreError(
        f"{path} is {_kind(mode)}, not a file: choose the file itself (nothing was read)"
    )


def megabytes(size: int) -> str:
    """``"50 MB"``, ``"0.2 MB"``: a size the way a message says it (MB of 2**20 bytes)."""
    value = size / MB
    return f"{value:.1f} MB" if value < 10 else f"{value:,.0f} MB"


def too_large(path: Path, size: int | None, limit: int, what: str) -> StoreError:
    said = f"is larger than {megabytes(limit)}"
    if size is not None and megabytes(size) != megabytes(limit):
        said = f"is {megabytes(size)}"
    article = "an" if what[:1].lower() in "aeiou" else "a"
    return StoreError(
        f"{path} {said}; {article} {what} file of at most {megabytes(limit)} can be imported"
    )


def regular_file(path: Path, limit: int, what: str) -> os.stat_result:
    """The file's status after following symlinks, when it is a regular file of at most
    ``limit`` bytes; StoreError naming the file otherwise (missing, unreadable, a device, a
    pipe, a folder, too large). Nothing is opened."""
    try:
        status = os.stat(path)
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from error
    if not stat.S_ISREG(status.st_mode):
        raise not_regular(path, status.st_mode)
    if status.st_size > limit:
        raise too_large(path, status.st_size, limit, what)
    return status


def read_regular(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path``, a regular file (after symlinks) of at most ``limit`` bytes.

    StoreError naming the file when it is missing, unreadable, not a regular file, or larger
    than the limit; at most ``limit + 1`` bytes are ever read, whatever size it claims.
    ``what`` names the kind of file in the message ("contact card", "Afterview data").
    """
    regular_file(path, limit, what)
    return _read_opened(path, lambda handle, size: _bounded(handle, min(size, limit), limit,
                                                           path, what))  # fmt: skip


def read_start(path: Path, count: int) -> bytes:
    """Up to ``count`` bytes from the start of ``path``, a regular file of any size (to tell
    what a file is); StoreError naming the file as :func:`read_regular` for the rest."""
    regular_file(path, 1 << 62, "file")
    return _read_opened(path, lambda handle, _size: handle.read(count) or b"")


def _read_opened(path: Path, read: Callable[[io.FileIO, int], bytes]) -> bytes:
    """``read(handle, claimed size)`` on ``path`` opened without blocking and checked again
    to be a regular file once open; an OSError becomes a StoreError naming the file."""
    try:
        # O_NONBLOCK: had a pipe been put in its place since the check, opening it would
        # otherwise wait for a writer; the descriptor is checked again below.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from error
    with open(descriptor, "rb", buffering=0, closefd=True) as handle:
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise not_regular(path, status.st_mode)
            os.set_blocking(descriptor, True)
            return read(handle, status.st_size)
        except OSError as error:
            raise StoreError(f"cannot read {path}: {error.strerror or error}") from error


def _bounded(handle: io.FileIO, claimed: int, limit: int, path: Path, what: str) -> bytes:
    """Read until the end or past ``limit``: first the size the file claims and one byte
    more (one allocation, the common case), then a chunk at a time."""
    pieces: list[bytes] = []
    total = 0
    want = claimed + 1
    while total <= limit:
        piece = handle.read(min(want, limit + 1 - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
        want = _CHUNK
    if total > limit:
        raise too_large(path, None, limit, what)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)
