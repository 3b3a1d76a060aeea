"""Writing an export so a reader never sees half a file."""

from __future__ import annotations

import os
from pathlib import Path

from afterview.store.errors import StoreError


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
    """The file's bytes, refusing one larger than ``limit`` before reading it."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise StoreError(
                f"{path} is {size / 2**20:.0f} MB; a {what} file of at most "
                f"{limit / 2**20:.0f} MB can be imported"
            )
        return path.read_bytes()
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from error
