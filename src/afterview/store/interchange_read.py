"""An interchange file's bytes to JSON values, without trusting them: bounded in size, in the
number of values (a 50 MB file of ``[{},{},…]`` would be a gigabyte of Python objects) and in
depth, and every text checked for what the database must never hold (a NUL character, a lone
UTF-16 surrogate from a ``\\ud800`` escape) before any record is read. Every refusal names the
file, or the record and field (``contact #2 (key 'omar'), emails #1: field 'labels #1'``).

Checking the records themselves: :mod:`afterview.store.interchange_format`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from afterview.store.errors import RecordError, StoreError
from afterview.store.file_input import MB, read_regular
from afterview.store.interchange_fields import MAX_NAME, MAX_TEXT

#: A file larger than this is refused before it is read. A heavy user's export (5,000
#: contacts, 500 interviews with their steps, letters and debriefs) is about 10 MB.
MAX_FILE_BYTES = 50 * MB
#: Commas, '[' and '{' in the file (an upper bound on its values, over-counted by those in
#: texts): past this the file is refused before it is parsed. The heavy export above has about
#: 500,000; two million empty objects are 130 MB of memory, not a gigabyte.
MAX_VALUES = 2_000_000
#: Lists and objects inside each other: the format needs 6 (an address's parts in an entry of
#: a contact's addresses, in the document's list of contacts).
MAX_DEPTH = 32
#: A message quoting a value is cut here: a refused 100,000-character text is not repeated.
MAX_MESSAGE = 600

#: The document's lists of records, and how a message names one of their items.
RECORD_LISTS = {
    "contacts": "contact",
    "references": "reference",
    "interviews": "interview",
    "steps": "step",
    "letters": "letter",
    "applications": "application",
}


class ImportFileError(StoreError):
    """The file cannot be read as an interchange document."""


def load_json(path: Path) -> Any:
    """The JSON values of ``path``, checked as the module says; ImportFileError naming the
    file (not found, not a regular file, over MAX_FILE_BYTES, not UTF-8, not JSON, too many
    values, nested too deeply) or RecordError naming the record and field (a NUL, a lone
    surrogate, a text over MAX_TEXT characters)."""
    try:
        raw = read_regular(path, MAX_FILE_BYTES, "Afterview data")
    except StoreError as error:
        raise ImportFileError(str(error)) from error
    values = raw.count(b",") + raw.count(b"[") + raw.count(b"{")
    if values > MAX_VALUES:
        raise ImportFileError(
            f"{path} holds more than {MAX_VALUES:,} values (lists, objects and separators), "
            "far more than any Afterview file; nothing was imported"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ImportFileError(
            f"{path} is not UTF-8 text (line {line}, byte {column} of the line)"
        ) from error
    del raw
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}): "
            f"{error.msg.removesuffix(' at')}"
        ) from error
    except RecursionError:
        raise _too_deep(path) from None
    except ValueError as error:  # NaN, Infinity, a number of more than 4,300 digits
        problem = str(error)
        if "digits" in problem:
            problem = "it holds a number of more than 4,300 digits"
        raise ImportFileError(f"{path} is not valid JSON: {problem}"[:MAX_MESSAGE]) from error
    _check(data, path)
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _too_deep(path: Path) -> ImportFileError:
    return ImportFileError(
        f"{path} is nested too deeply (more than {MAX_DEPTH} lists and objects inside each "
        "other; an Afterview file has fewer than 10)"
    )


def _check(data: Any, path: Path) -> None:
    """Walk every value once (depth first, at most MAX_DEPTH deep): the texts and the names of
    the fields. The walk keeps the path to the value it is at, for the message."""
    steps: list[str | int] = []

    def text(value: str, limit: int) -> None:
        if "\x00" in value:
            raise _where(data, steps, "contains a NUL character")
        if len(value) > limit:
            raise _where(data, steps, f"too long ({len(value):,} characters; at most {limit:,})")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                bad = f"\\u{ord(value[error.start]):04x}"
                raise _where(
                    data, steps, f"is not valid Unicode text (a lone surrogate {bad})"
                ) from None

    def walk(value: Any, depth: int) -> None:
        if isinstance(value, str):
            text(value, MAX_TEXT)
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                raise _too_deep(path)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                steps.append(key)
                if isinstance(key, str):
                    text(key, MAX_NAME)
                walk(item, depth + 1)
                steps.pop()

    walk(data, 0)


def _where(data: Any, steps: list[str | int], problem: str) -> RecordError:
    """A RecordError for the value at ``steps``: the record it is in, the rest as the field."""
    rest: list[str | int] = list(steps)
    record = "document"
    if len(rest) >= 2 and rest[0] in RECORD_LISTS and isinstance(rest[1], int):
        item = data[rest[0]][rest[1]]
        key = item.get("key") if isinstance(item, dict) else None
        record = f"{RECORD_LISTS[str(rest[0])]} #{rest[1] + 1}"
        if isinstance(key, str) and len(key) <= 64:  # repr escapes a NUL or a surrogate
            record += f" (key {key!r})"
        rest = rest[2:]
    elif len(rest) >= 2 and isinstance(rest[0], str):
        record, rest = rest[0], rest[1:]
    parts: list[str] = []
    for step in rest:
        if isinstance(step, int) and parts:
            parts[-1] += f" #{step + 1}"
        else:
            parts.append(_name(step))
    if not parts:
        return RecordError(record, "(record)", problem)
    if len(parts) > 1:
        record = ", ".join([record, *parts[:-1]])
    return RecordError(record, parts[-1], problem)


def _name(step: str | int) -> str:
    """A field's name as a message shows it: a name with a NUL or a surrogate is escaped."""
    if isinstance(step, int):
        return f"#{step + 1}"
    if step.isprintable() and len(step) <= 64:
        return step
    return ascii(step[:64])[1:-1]


def in_file(error: StoreError, path: Path) -> StoreError:
    """``error`` as the user reads it: naming the file first (a RecordError names only the
    record and field), cut to MAX_MESSAGE characters (a refused value may be quoted whole), and
    of the same kind, so a caller still tells a RecordError apart."""
    if not isinstance(error, RecordError):
        if len(str(error)) <= MAX_MESSAGE:
            return error
        return ImportFileError(str(error)[:MAX_MESSAGE] + "…")
    room = max(60, MAX_MESSAGE - len(error.record) - len(error.field) - 20)
    problem = error.problem if len(error.problem) <= room else error.problem[:room] + "…"
    named = RecordError(error.record[:200], error.field[:100], problem)
    named.args = (f"{path}: {named}",)
    return named
