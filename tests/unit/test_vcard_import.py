"""Writing cards as contacts: one transaction, duplicates by email merged or skipped, bad cards
either stop everything or are left out when the user says so."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from afterview import paths
from afterview.domain.contact_ways import ways
from afterview.interop.vcard import (
    BadCardsError,
    Choice,
    find_duplicates,
    import_contacts,
    load_vcards,
    parse_vcards,
)
from afterview.store import interchange, steps
from afterview.store.api import open_store
from afterview.store.contact_way_rows import set_ways, ways_of
from afterview.store.database import Database
from afterview.store.models import ContactRow, InterviewRow, StepRow
from afterview.store.operations import Store

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcf"


@pytest.fixture
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        yield opened


def _db(store: Store) -> Database:
    return store._core.db  # the tests look at the rows themselves


def _contacts(store: Store) -> dict[str, ContactRow]:
    with _db(store).read() as session:
        return {row.name: row for row in session.scalars(select(ContactRow))}


def _card(*lines: str) -> bytes:
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{x}\r\n" for x in lines)).encode() + (
        b"END:VCARD\r\n"
    )


def test_new_cards_become_contacts(store: Store) -> None:
    parsed = load_vcards(CORPUS / "outlook_2.1_cp1252.vcf")
    summary = import_contacts(store, parsed).value
    assert (summary.added, summary.merged, summary.skipped, summary.bad) == (1, 0, 0, 0)
    jurgen = _contacts(store)["Jürgen Müller"]
    assert jurgen.company == "Bäckerei & Söhne GmbH"
    # The chosen one, cached; the card's "Deutschland" is kept as its ISO code.
    assert jurgen.address == "Hauptstraße 5\nBerlin 10115\nDE"
    assert jurgen.key.startswith("c-")


def test_duplicates_by_email_are_found_in_the_store_and_in_the_file(store: Store) -> None:
    data = (
        _card("FN:Laura C.", "EMAIL:LAURA.CHEN@acme.example", "TITLE:Director")
        + _card("FN:New Person", "EMAIL:new@example.com")
        + _card("FN:New Person again", "EMAIL:other@example.com", "EMAIL:NEW@example.com")
    )
    parsed = parse_vcards(data)
    found = find_duplicates(store, parsed)
    assert set(found) == {1, 3}
    assert found[1].describe() == "same email as Laura Chen"
    assert found[3].describe() == "same email as card 2 (New Person)"


def test_merge_updates_the_stored_contact_and_keeps_its_notes(store: Store) -> None:
    data = _card("FN:Omar O'Hara", "EMAIL:omar@acme.example", "TITLE:Principal Engineer")
    with _db(store).write() as session:
        row = session.scalars(select(ContactRow).where(ContactRow.key == "omar")).one()
        set_ways(row, replace(ways_of(row), emails=ways("omar@acme.example")))
    parsed = parse_vcards(data + _card("FN:Someone", "NOTE:new note", "EMAIL:omar@acme.example"))
    summary = import_contacts(store, parsed).value
    assert (summary.added, summary.merged) == (0, 2)
    omar = _contacts(store)["Someone"]  # the card wins for the name too: it is the newer card
    assert omar.key == "omar"
    assert omar.title == "Principal Engineer"
    assert omar.phone == "+1 555 0100"  # not on the card: kept
    assert omar.notes == "Asked about <on-call> & pager duty\n\nnew note"


def test_skip_leaves_the_stored_contact_alone(store: Store) -> None:
    parsed = parse_vcards(_card("FN:Laura Impostor", "EMAIL:laura.chen@acme.example"))
    summary = import_contacts(store, parsed, {1: Choice.SKIP}).value
    assert (summary.added, summary.merged, summary.skipped) == (0, 0, 1)
    assert "Laura Impostor" not in _contacts(store)


def test_import_as_new_despite_a_duplicate(store: Store) -> None:
    parsed = parse_vcards(_card("FN:Laura Two", "EMAIL:laura.chen@acme.example", "UID:laura"))
    summary = import_contacts(store, parsed, {1: Choice.IMPORT}).value
    assert summary.added == 1
    two = _contacts(store)["Laura Two"]
    assert two.key != "laura"  # the UID is taken: a fresh key


def test_a_bad_card_stops_everything_unless_skip_bad(store: Store) -> None:
    parsed = load_vcards(CORPUS / "bad_missing_end.vcf")
    before = len(_contacts(store))
    with pytest.raises(BadCardsError, match=r"card 2 \(line 6\): no END:VCARD"):
        import_contacts(store, parsed)
    assert len(_contacts(store)) == before
    summary = import_contacts(store, parsed, skip_bad=True).value
    assert (summary.added, summary.bad) == (2, 1)
    assert {"First Good", "Third Good"} <= set(_contacts(store))


def test_a_failure_halfway_leaves_the_database_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterview.store import card_import

    def fail(*_args: Any) -> None:
        raise OSError("disk full")

    # Merging Laura (she sits on interviews) re-plans last, after every row is written.
    monkeypatch.setattr(card_import.steps, "replan", fail)
    data = _card("FN:Laura Chen", "EMAIL:laura.chen@acme.example", "TITLE:VP") + b"".join(
        _card(f"FN:Q{n}", f"EMAIL:q{n}@x.example") for n in range(20)
    )
    before = {name: row.title for name, row in _contacts(store).items()}
    with pytest.raises(OSError, match="disk full"):
        import_contacts(store, parse_vcards(data))
    assert {name: row.title for name, row in _contacts(store).items()} == before


def test_merging_a_missing_title_completes_the_contact_cards_step(store: Store) -> None:
    def cards_step() -> str:
        with _db(store).read() as session:
            query = (
                select(StepRow.status)
                .join(InterviewRow, StepRow.interview_id == InterviewRow.id)
                .where(InterviewRow.key == "ablabs-1", StepRow.kind == "contact_cards")
            )
            return session.scalars(query).one()

    with _db(store).write() as session:
        session.scalars(select(ContactRow).where(ContactRow.key == "zoe")).one().title = ""
        steps.replan(session, NOW)
    assert cards_step() == "pending"
    card = _card("UID:zoe", "FN:Zoë Ångström", "TITLE:Head of Data")  # a duplicate by UID
    summary = import_contacts(store, parse_vcards(card)).value
    assert summary.merged == 1
    assert cards_step() == "done"


def test_uid_becomes_the_key_when_free(store: Store) -> None:
    import_contacts(store, parse_vcards(_card("FN:Keyed", "UID:keyed-1")))
    assert _contacts(store)["Keyed"].key == "keyed-1"
