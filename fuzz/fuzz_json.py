"""Atheris harness: the interchange file's reader (``afterview import json``, File ▸ Import).
Any input is read and checked, or refused with a StoreError; anything else is a crash."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["afterview"]):
    from afterview.store.errors import StoreError
    from afterview.store.interchange_format import load_file

from common import as_file


def one_input(data: bytes) -> None:
    message = ""
    try:
        load_file(as_file(data, "input.json"))
    except StoreError as error:
        message = str(error)
    if "\x00" in message:
        raise AssertionError(f"a message carries a NUL: {message!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
