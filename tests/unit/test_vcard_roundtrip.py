"""Contacts exported as vCard 3.0 and imported back are the same contacts."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.records import Channel, Contact
from afterview.interop.vcard import (
    ParsedCard,
    export_vcf,
    import_contacts,
    load_vcards,
    parse_vcards,
)
from afterview.interop.vcard_export import vcards_text
from afterview.store import interchange
from afterview.store.api import open_store

FIELDS = ("name", "title", "company", "email", "phone", "address", "notes", "preferred_channel")

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from(["\n", "\t", ",", ";", "\\", ":", '"', "=", "é", "张", "\u2028"]),
    max_size=120,
)
_NAME = _TEXT.filter(lambda s: s.strip() != "").map(lambda s: s[:120])
_PHONE = st.from_regex(r"\A\+?[0-9][0-9 ()./-]{0,20}[0-9]\Z")


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    return Contact(
        id=0,
        key=draw(st.from_regex(r"\A[a-z][a-z0-9-]{0,30}\Z")),
        name=draw(_NAME),
        title=draw(_TEXT),
        company=draw(_TEXT),
        email=draw(st.emails() | st.just("")),
        phone=draw(_PHONE | st.just("")),
        address=draw(_TEXT),
        notes=draw(st.text(max_size=600).map(lambda s: s.replace("\r", "").replace("\x00", ""))),
        preferred_channel=draw(st.sampled_from([None, *Channel])),
    )


def _values(row: Contact) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in FIELDS}
    channel = values["preferred_channel"]
    values["preferred_channel"] = channel.value if channel is not None else None
    if not values["company"].strip():
        # The importer skips a blank ORG (as phones write for a card without a company) and
        # looks for the next; a company of only spaces therefore comes back as no company.
        values["company"] = ""
    return values


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(contacts(), min_size=1, max_size=5), st.sampled_from(["3.0", "4.0"]))
def test_any_contact_survives_export_and_import(rows: list[Contact], version: str) -> None:
    parsed = parse_vcards(vcards_text(rows, version).encode("utf-8"))  # type: ignore[arg-type]
    assert parsed.errors == []
    assert [card.values() for card in parsed.cards] == [
        {k: v for k, v in _values(row).items()} for row in rows
    ]
    assert [card.uid for card in parsed.cards] == [row.key for row in rows]


def test_the_sample_contacts_round_trip_through_a_file_and_a_second_database(
    tmp_path: Path, sample_document: dict[str, Any]
) -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 22, tzinfo=UTC)
    first = open_store(paths.resolve(tmp_path / "one"), clock=lambda: now)
    second = open_store(paths.resolve(tmp_path / "two"), clock=lambda: now)
    try:
        first.data.import_document(interchange.parse_document(sample_document))
        assert export_vcf(first, tmp_path / "all.vcf") == 5
        original = {row.key: _values(row) for row in first.contacts.all()}
        parsed = load_vcards(tmp_path / "all.vcf")
        summary = import_contacts(second, parsed).value
        assert summary.added == 5
        copied = {row.key: _values(row) for row in second.contacts.all()}
        assert copied == original
        # A chosen subset only.
        ids = [row.id for row in first.contacts.all() if row.key < "p"]
        assert export_vcf(first, tmp_path / "some.vcf", ids) == len(ids)
        assert len(load_vcards(tmp_path / "some.vcf").cards) == len(ids)
    finally:
        first.close()
        second.close()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(contacts(), min_size=1, max_size=3), st.data())
def test_folding_lines_at_any_byte_changes_nothing(
    rows: list[Contact], data: st.DataObject
) -> None:
    written = vcards_text(rows).encode("utf-8")
    refolded = []
    for line in written.replace(b"\r\n ", b"").split(b"\r\n"):
        cuts = sorted(
            data.draw(st.sets(st.integers(1, max(1, len(line) - 1)), max_size=4))
            if len(line) > 1
            else set()
        )
        pieces = [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
        refolded.append(b"\r\n ".join(pieces))  # a fold may split a UTF-8 character

    def cards(data: bytes) -> list[ParsedCard]:
        return [replace(card, line=0) for card in parse_vcards(data).cards]  # lines move

    assert cards(b"\r\n".join(refolded)) == cards(written)


def _quoted_printable(data: bytes, width: int) -> bytes:
    encoded = b"".join(
        bytes([b]) if 33 <= b <= 126 and b not in b"=;" else b"=%02X" % b for b in data
    )
    lines, line = [], b""
    for token in re.findall(rb"=[0-9A-F]{2}|.", encoded, flags=re.S):
        if len(line) + len(token) > width:
            lines.append(line + b"=")  # a soft line break
            line = b""
        line += token
    return b"\r\n".join([*lines, line])


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\\")),
    st.integers(4, 76),
)
def test_any_text_as_vcard_21_quoted_printable(text: str, width: int) -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:X\r\nNOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        + _quoted_printable(text.encode("utf-8"), width)
        + b"\r\nEND:VCARD\r\n"
    )
    parsed = parse_vcards(data)
    if "\x00" in text:
        assert "NUL" in parsed.errors[0].reason
        return
    assert parsed.errors == []
    assert parsed.cards[0].notes == text


CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcf"


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_the_good_sample_cards_survive_import_export_import(tmp_path: Path, version: str) -> None:
    """Issue 12 §3: import -> export -> import gives the same contacts, for the 11 good cards
    of tests/data/vcf (bad_*.vcf left out), through the store's own operations.
    Needs the contact-data branch for more: once contacts keep every email, phone and
    structured address, compare those lists (labels, ranks, the chosen one) here too."""
    from datetime import UTC, datetime

    now = datetime(2026, 11, 22, tzinfo=UTC)
    first = open_store(paths.resolve(tmp_path / "one"), clock=lambda: now)
    second = open_store(paths.resolve(tmp_path / "two"), clock=lambda: now)
    try:
        good = sorted(p for p in CORPUS.glob("*.vcf") if not p.name.startswith("bad_"))
        for path in good:
            import_contacts(first, load_vcards(path))
        rows = first.contacts.all()
        assert len(rows) == 11
        target = tmp_path / "all.vcf"
        assert export_vcf(first, target, version=version) == 11  # type: ignore[arg-type]
        assert target.read_bytes().startswith(f"BEGIN:VCARD\r\nVERSION:{version}\r\n".encode())
        import_contacts(second, load_vcards(target))
        by_key = {row.key: _values(row) for row in rows}
        assert {row.key: _values(row) for row in second.contacts.all()} == by_key
    finally:
        first.close()
        second.close()
