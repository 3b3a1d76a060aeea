"""Writing an export so a reader never sees half a file."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from afterview.store.errors import StoreError
from afterview.store.faults import unavailable
from afterview.store.file_input import read_regular


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: a crash leaves the old file intact.
    A target that is not a regular file (``/dev/stdout``, a FIFO) is written to as it is,
    never replaced. StoreError, in words, when the disk refuses (full, read-only)."""
    if path.exists() and not path.is_file():
        _write_through(path, data)
        return
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise _refused(path, error) from error


def write_stdout(data: bytes) -> None:
    """``data`` to standard output, every byte or StoreError: Python's buffered writer can
    drop the error of a write that filled the disk part-way (seen on a full tmpfs: exit 0,
    half a file), so the bytes go to the descriptor here, counted."""
    sys.stdout.flush()
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):  # io.UnsupportedOperation: a stdout that is no file
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:
            sys.stdout.write(data.decode("utf-8"))
        return
    view = memoryview(data)
    try:
        while view:
            written = os.write(descriptor, view)
            if written == 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            view = view[written:]
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _refused(Path("standard output"), error, cut=True) from error


def _write_through(path: Path, data: bytes) -> None:
    try:
        with path.open("wb") as handle:
            handle.write(data)
            handle.flush()
    except OSError as error:
        raise _refused(path, error) from error


def _refused(path: Path, error: OSError, *, cut: bool = False) -> StoreError:
    fault = unavailable(error, f"cannot write {path}", path)
    after = "What was written there is incomplete." if cut else "Nothing was written there."
    if fault is not None:  # the words for the fault, about the file the user chose
        return StoreError(f"Cannot write {path}: {fault.reason}. {after}")
    return StoreError(f"cannot write {path}: {error.strerror or error}")


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The file's bytes: a regular file (after symlinks) of at most ``limit`` bytes, read with
    that bound (see :func:`afterview.store.file_input.read_regular`); StoreError naming the
    file otherwise, before anything is read."""
    return read_regular(path, limit, what)
