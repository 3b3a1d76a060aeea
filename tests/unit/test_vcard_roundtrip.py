"""Contacts exported as vCard 3.0 and imported back are the same contacts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from afterview import paths
from afterview.interop.vcard import export_vcf, import_contacts, load_vcards, parse_vcards
from afterview.interop.vcard_export import vcards_text
from afterview.store import interchange
from afterview.store.database import open_database
from afterview.store.models import ContactRow

FIELDS = ("name", "title", "company", "email", "phone", "address", "notes", "preferred_channel")

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from(["\n", "\t", ",", ";", "\\", ":", '"', "=", "é", "张", "\u2028"]),
    max_size=120,
)
_NAME = _TEXT.filter(lambda s: s.strip() != "").map(lambda s: s[:120])
_PHONE = st.from_regex(r"\A\+?[0-9][0-9 ()./-]{0,20}[0-9]\Z")


@st.composite
def contacts(draw: st.DrawFn) -> ContactRow:
    return ContactRow(
        key=draw(st.from_regex(r"\A[a-z][a-z0-9-]{0,30}\Z")),
        name=draw(_NAME),
        title=draw(_TEXT),
        company=draw(_TEXT),
        email=draw(st.emails() | st.just("")),
        phone=draw(_PHONE | st.just("")),
        address=draw(_TEXT),
        notes=draw(st.text(max_size=600).map(lambda s: s.replace("\r", "").replace("\x00", ""))),
        preferred_channel=draw(st.sampled_from([None, "email", "phone", "letter"])),
    )


def _values(row: ContactRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in FIELDS}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(contacts(), min_size=1, max_size=5))
def test_any_contact_survives_export_and_import(rows: list[ContactRow]) -> None:
    parsed = parse_vcards(vcards_text(rows).encode("utf-8"))
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
    first = open_database(paths.resolve(tmp_path / "one"))
    second = open_database(paths.resolve(tmp_path / "two"))
    try:
        with first.write() as session:
            interchange.import_document(session, interchange.parse_document(sample_document), now)
        with first.read() as session:
            assert export_vcf(session, tmp_path / "all.vcf") == 5
            original = {row.key: _values(row) for row in session.scalars(select(ContactRow))}
        parsed = load_vcards(tmp_path / "all.vcf")
        with second.write() as session:
            summary = import_contacts(session, parsed, now=now)
        assert summary.added == 5
        with second.read() as session:
            copied = {row.key: _values(row) for row in session.scalars(select(ContactRow))}
        assert copied == original
        # A chosen subset only.
        with first.read() as session:
            ids = [
                row.id for row in session.scalars(select(ContactRow).where(ContactRow.key < "p"))
            ]
            assert export_vcf(session, tmp_path / "some.vcf", ids) == len(ids)
        assert len(load_vcards(tmp_path / "some.vcf").cards) == len(ids)
    finally:
        first.close()
        second.close()
