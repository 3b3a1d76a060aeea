"""Atheris harness: the vCard reader (``afterview import vcf``, File ▸ Import contact cards).
It never raises for what a file holds, and every card it accepts is one the store will take:
no NUL, nothing that is not Unicode, no label the store would refuse."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["afterview"]):
    from afterview.interop.vcard_parse import parse_vcards
    from afterview.store.card_import import check_texts


def one_input(data: bytes) -> None:
    parsed = parse_vcards(data)
    check_texts(parsed.cards)  # StoreError here is a card the reader should have refused
    for problem in parsed.errors:
        assert "\x00" not in str(problem), "a problem's text carries a NUL"


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
