"""Atheris harness: the job-posting reader (``afterview import posting``, a dropped page). It
never raises for what a page holds but PostingError, and what it gives has no NUL, which the
store would refuse (issue 18 §3, §4)."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["afterview"]):
    from afterview.interop.job_posting import PostingError, read_posting


def one_input(data: bytes) -> None:
    try:
        posting = read_posting(data, source="fuzz.html")
    except PostingError:
        return
    for value in vars(posting).values():
        if isinstance(value, str):
            assert "\x00" not in value, value


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
