"""Issue 13 §6, "NUL bytes and invalid UTF-8 in every field": every field of each importer,
one at a time, refused by name with nothing stored.

- JSON: every field of a full afterview/2 export (each distinct field once: contacts, their
  ways and labels, interviews, steps, letters, the log, settings, preferences, the profile)
  given a NUL, a lone surrogate (``\\ud800``) or bytes that are not UTF-8;
- vCard: every property Afterview keeps, and the TYPE of those that have one;
- restore: every text column of a real database.

Through the functions the command line and the window both call (``load_file``,
``parse_vcards``, ``check_backup``); the command's own behaviour (exit 2, the database as it
was) is the table in test_hostile_files.py.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from afterview import paths
from afterview.domain.contact_ways import PostalAddress
from afterview.interop.data_file import export_file
from afterview.interop.vcard_parse import parse_vcards
from afterview.store.api import open_store
from afterview.store.errors import RecordError, StoreError
from afterview.store.interchange_format import ImportFileError, load_file
from afterview.store.restore import check_backup
from afterview.store.values import Profile

SAMPLE = Path(__file__).parents[1] / "data" / "sample.json"
RECORDS = {
    "contacts": "contact",
    "references": "reference",
    "interviews": "interview",
    "steps": "step",
    "letters": "letter",
    "applications": "application",
}
Path_ = tuple[str | int, ...]


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """An afterview/2 export with every kind of record, and the database it came from."""
    root = tmp_path_factory.mktemp("fields")
    with open_store(paths.resolve(root / "data")) as store:
        store.data.import_document(load_file(SAMPLE))
        store.settings.save_profile(
            Profile(
                name="Pat Doe",
                address=PostalAddress("1 Main St", "Springfield", "IL", "62701", "US"),
                phone="+1 555 0100",
                email="pat@example.com",
                signature="Pat",
                selling_points="calm migrations",
            )
        )
        step = next(s for s in store.steps.open() if s.kind == "thank_you")
        letter = store.letters.save(
            template="thank_you_email",
            subject="Thank you",
            body="Thanks.",
            step_id=step.id,
            interview_id=step.interview_id,
            contact_id=step.contact_id,
        ).value
        store.letters.mark_sent(letter, sent_at=datetime.now(UTC), channel="email")
        export_file(store, root / "full.json")
    database = root / "copy.sqlite3"
    source = sqlite3.connect(root / "data" / "afterview.sqlite3")
    target = sqlite3.connect(database)
    source.backup(target)
    target.execute("PRAGMA journal_mode=DELETE")
    source.close()
    target.close()
    return json.loads((root / "full.json").read_text(encoding="utf-8")), database


def _texts(value: Any, where: Path_) -> Iterator[Path_]:
    if isinstance(value, str):
        yield where
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*where, index))


def _fields(document: dict[str, Any]) -> list[Path_]:
    """Each distinct field once (the path with its list positions left out)."""
    seen: dict[tuple[str, ...], Path_] = {}
    for where in _texts(document, ()):
        shape = tuple(str(step) for step in where if isinstance(step, str))
        seen.setdefault(shape, where)
    return list(seen.values())


def _set(document: Any, where: Path_, value: str) -> None:
    for step in where[:-1]:
        document = document[step]
    document[where[-1]] = value


def _get(document: Any, where: Path_) -> Any:
    for step in where:
        document = document[step]
    return document


def expected_place(where: Path_) -> tuple[str, str]:
    """How the message must name the record and the field, worked out from the path alone."""
    if len(where) > 1 and where[0] in RECORDS and isinstance(where[1], int):
        record = f"{RECORDS[str(where[0])]} #{where[1] + 1}"
    elif len(where) > 1:
        record = str(where[0])
    else:
        record = "document"
    return record, f"field '{[s for s in where if isinstance(s, str)][-1]}"


def _every_field(full: tuple[dict[str, Any], Path]) -> list[Path_]:
    return _fields(full[0])


def test_the_export_every_field_is_taken_from_imports(
    full: tuple[dict[str, Any], Path], tmp_path: Path
) -> None:
    """Each field below is refused for the bad text put in it, not for the file around it."""
    target = tmp_path / "as-is.json"
    target.write_text(json.dumps(full[0]), encoding="utf-8")
    document = load_file(target)
    assert document.profile is not None and document.letters and document.steps


@pytest.mark.parametrize(
    ("bad", "problem"),
    [("Mal\x00lory", "contains a NUL character"), ("Mal\ud800lory", "is not valid Unicode")],
    ids=["nul", "lone-surrogate"],
)
def test_every_json_field_refuses_a_nul_or_a_lone_surrogate(
    full: tuple[dict[str, Any], Path], tmp_path: Path, bad: str, problem: str
) -> None:
    fields = _every_field(full)
    assert len(fields) > 60  # every kind of record is in the export
    refused = []
    for where in fields:
        document = json.loads(json.dumps(full[0]))
        _set(document, where, bad)
        target = tmp_path / "one.json"
        # ensure_ascii: the NUL and the surrogate travel as \u escapes, as JSON allows.
        target.write_text(json.dumps(document, ensure_ascii=True), encoding="ascii")
        with pytest.raises(RecordError) as caught:
            load_file(target)
        message = str(caught.value)
        record, field = expected_place(where)
        assert message.startswith(f"{target}: {record}"), (where, message)
        assert field in message and problem in message, (where, message)
        refused.append(where)
    assert refused == fields


def test_every_json_field_refuses_bytes_that_are_not_utf8(
    full: tuple[dict[str, Any], Path], tmp_path: Path
) -> None:
    for where in _every_field(full):
        document = json.loads(json.dumps(full[0]))
        _set(document, where, "MARK-7c1f")
        raw = json.dumps(document, ensure_ascii=False, indent=2).encode()
        at = raw.index(b"MARK-7c1f")
        line = raw.count(b"\n", 0, at) + 1
        target = tmp_path / "one.json"
        target.write_bytes(raw.replace(b"MARK-7c1f", b"Mal\xc3\x28lory"))
        with pytest.raises(ImportFileError) as caught:
            load_file(target)
        assert f"{target} is not UTF-8 text (line {line}, byte " in str(caught.value), where


def test_a_nul_in_a_field_name_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "name.json"
    target.write_text(
        '{"format": "afterview/2", "contacts": [{"key": "a", "name": "A", "no\\u0000te": ""}]}'
    )
    with pytest.raises(RecordError, match=r"contact #1 \(key 'a'\): field 'no\\x00te': contains"):
        load_file(target)


# --- vCard ----------------------------------------------------------------------------------

#: Every property Afterview keeps, with a value where the bad text goes ({}).
PROPERTIES = {
    "FN": b"FN:{}",
    "N": b"N:{};Mallory;;;",
    "ORG": b"ORG:{};Sales",
    "TITLE": b"TITLE:{}",
    "EMAIL": b"EMAIL:{}@example.com",
    "TEL": b"TEL:+1 555 {}",
    "ADR": b"ADR:;;1 {} St;Springfield;IL;62701;USA",
    "LABEL": b"LABEL:1 {} St",
    "NOTE": b"NOTE:{}",
    "UID": b"UID:{}",
    "BDAY": b"BDAY:{}",
    "X-AFTERVIEW-PREFERRED-CHANNEL": b"X-AFTERVIEW-PREFERRED-CHANNEL:{}",
    "EMAIL TYPE": b"EMAIL;TYPE={}:m@example.com",
    "TEL TYPE": b"TEL;TYPE={}:+1 555 0100",
    "ADR TYPE": b"ADR;TYPE={}:;;1 Main St;Springfield;IL;62701;USA",
}


def _card(version: bytes, line: bytes) -> bytes:
    # N is read only on a card without FN (FN is the name then): it stands in for FN.
    name = b"" if line.startswith((b"FN:", b"N:")) else b"FN:Mallory\r\n"
    return b"BEGIN:VCARD\r\nVERSION:" + version + b"\r\n" + name + line + b"\r\nEND:VCARD\r\n"


@pytest.mark.parametrize("version", [b"3.0", b"4.0"], ids=["3.0", "4.0"])
@pytest.mark.parametrize(
    ("bad", "problem"),
    [(b"Mal\x00lory", "contains a NUL character"), (b"Mal\xff\xfelory", "is not UTF-8 text")],
    ids=["nul", "invalid-utf8"],
)
@pytest.mark.parametrize("prop", list(PROPERTIES), ids=[p.replace(" ", "-") for p in PROPERTIES])
def test_every_card_property_refuses_a_nul_or_bytes_that_are_not_utf8(
    prop: str, bad: bytes, problem: str, version: bytes
) -> None:
    line = PROPERTIES[prop].replace(b"{}", bad)
    parsed = parse_vcards(_card(version, line))
    assert parsed.cards == [], prop
    [refused] = parsed.errors
    number = 3 if line.startswith((b"FN:", b"N:")) else 4
    name = prop.split()[0]
    assert str(refused).startswith(f"card 1 (line {number}): {name}"), str(refused)
    if prop.endswith("TYPE"):
        problem = "its TYPE " + ("contains a NUL" if b"\x00" in bad else "")
    assert problem in refused.reason


# --- restore --------------------------------------------------------------------------------


def _text_cells(database: Path) -> list[tuple[str, str, int]]:
    """(table, column, rowid) of one text value in every column that holds text."""
    connection = sqlite3.connect(database)
    found = []
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        for column in [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]:
            row = connection.execute(
                f'SELECT rowid FROM "{table}" WHERE typeof("{column}") = \'text\' LIMIT 1'  # noqa: S608
            ).fetchone()
            if row is not None:
                found.append((table, column, row[0]))
    connection.close()
    return found


@pytest.mark.parametrize(
    ("bad", "problem"),
    [("4d616c006c6f7279", "contains a NUL character"), ("4d616cc328", "is not UTF-8 text")],
    ids=["nul", "invalid-utf8"],
)
def test_every_text_column_of_a_restored_database_is_checked(
    full: tuple[dict[str, Any], Path], tmp_path: Path, bad: str, problem: str
) -> None:
    cells = _text_cells(full[1])
    tables = {table for table, _column, _row in cells}
    assert {"contacts", "interviews", "steps", "letters", "settings", "meta"} <= tables
    for table, column, rowid in cells:
        copy = shutil.copy(full[1], tmp_path / "one.sqlite3")
        connection = sqlite3.connect(copy)
        connection.execute(
            f'UPDATE "{table}" SET "{column}" = CAST(x\'{bad}\' AS TEXT) WHERE rowid = ?',  # noqa: S608
            (rowid,),
        )
        connection.commit()
        connection.close()
        with pytest.raises(StoreError) as caught:
            check_backup(Path(copy))
        expected = f"table {table}, row {rowid}, column {column} {problem}"
        assert expected in str(caught.value), str(caught.value)
