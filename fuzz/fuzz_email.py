"""Atheris harness: the email reader (``afterview import email``, a dropped ``.eml``). It
never raises for what a message holds but EmailError, and every person it gives has a
plain, NUL-free text in each field (issue 18 §2, §4)."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["afterview"]):
    from afterview.interop.email_contacts import EmailError, read_email


def one_input(data: bytes) -> None:
    try:
        read = read_email(data, source="fuzz.eml", region="DE")
    except EmailError:
        return
    for person in read.people:
        for value in vars(person).values():
            assert not isinstance(value, str) or "\x00" not in value, (person, value)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
