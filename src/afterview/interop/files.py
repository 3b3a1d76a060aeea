"""Writing an export so a reader never sees half a file."""

from __future__ import annotations

import os
from pathlib import Path

from afterview.store.errors import StoreError
from afterview.store.file_input import read_regular


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: a crash leaves the old file intact."""
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {error.strerror or error}") from error


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The file's bytes: a regular file (after symlinks) of at most ``limit`` bytes, read with
    that bound (see :func:`afterview.store.file_input.read_regular`); StoreError naming the
    file otherwise, before anything is read."""
    return read_regular(path, limit, what)
