"""Atheris harness: the checks a database file chosen for a restore goes through before it
replaces anything (``afterview restore PATH``). Refused with a StoreError, or accepted; never
another exception."""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports(include=["afterview"]):
    from afterview.store.errors import StoreError
    from afterview.store.restore import check_backup

from common import as_file


def one_input(data: bytes) -> None:
    with contextlib.suppress(StoreError):
        check_backup(as_file(data, "input.sqlite3"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
