"""Writing cards as contacts: one transaction, duplicates by email merged or skipped, bad cards
either stop everything or are left out when the user says so."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from afterview import paths
from afterview.interop.vcard import (
    BadCardsError,
    Choice,
    find_duplicates,
    import_contacts,
    load_vcards,
    parse_vcards,
)
from afterview.store import interchange, steps
from afterview.store.database import Database, open_database
from afterview.store.models import ContactRow, InterviewRow, StepRow

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcf"


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


def _contacts(db: Database) -> dict[str, ContactRow]:
    with db.read() as session:
        return {row.name: row for row in session.scalars(select(ContactRow))}


def _card(*lines: str) -> bytes:
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{x}\r\n" for x in lines)).encode() + (
        b"END:VCARD\r\n"
    )


def test_new_cards_become_contacts(db: Database) -> None:
    parsed = load_vcards(CORPUS / "outlook_2.1_cp1252.vcf")
    with db.write() as session:
        summary = import_contacts(session, parsed, now=NOW)
    assert (summary.added, summary.merged, summary.skipped, summary.bad) == (1, 0, 0, 0)
    jurgen = _contacts(db)["Jürgen Müller"]
    assert jurgen.company == "Bäckerei & Söhne GmbH"
    assert jurgen.address == "Hauptstraße 5\n10115 Berlin\nDeutschland"
    assert jurgen.key.startswith("c-")


def test_duplicates_by_email_are_found_in_the_store_and_in_the_file(db: Database) -> None:
    data = (
        _card("FN:Laura C.", "EMAIL:LAURA.CHEN@acme.example", "TITLE:Director")
        + _card("FN:New Person", "EMAIL:new@example.com")
        + _card("FN:New Person again", "EMAIL:other@example.com", "EMAIL:NEW@example.com")
    )
    parsed = parse_vcards(data)
    with db.read() as session:
        found = find_duplicates(session, parsed)
    assert set(found) == {1, 3}
    assert found[1].describe() == "same email as Laura Chen"
    assert found[3].describe() == "same email as card 2 (New Person)"


def test_merge_updates_the_stored_contact_and_keeps_its_notes(db: Database) -> None:
    data = _card("FN:Omar O'Hara", "EMAIL:omar@acme.example", "TITLE:Principal Engineer")
    with db.write() as session:
        session.scalars(
            select(ContactRow).where(ContactRow.key == "omar")
        ).one().email = "omar@acme.example"
    parsed = parse_vcards(data + _card("FN:Someone", "NOTE:new note", "EMAIL:omar@acme.example"))
    with db.write() as session:
        summary = import_contacts(session, parsed, now=NOW)
    assert (summary.added, summary.merged) == (0, 2)
    omar = _contacts(db)["Someone"]  # the card wins for the name too: it is the newer card
    assert omar.key == "omar"
    assert omar.title == "Principal Engineer"
    assert omar.phone == "+1 555 0100"  # not on the card: kept
    assert omar.notes == "Asked about <on-call> & pager duty\n\nnew note"


def test_skip_leaves_the_stored_contact_alone(db: Database) -> None:
    parsed = parse_vcards(_card("FN:Laura Impostor", "EMAIL:laura.chen@acme.example"))
    with db.write() as session:
        summary = import_contacts(session, parsed, {1: Choice.SKIP}, now=NOW)
    assert (summary.added, summary.merged, summary.skipped) == (0, 0, 1)
    assert "Laura Impostor" not in _contacts(db)


def test_import_as_new_despite_a_duplicate(db: Database) -> None:
    parsed = parse_vcards(_card("FN:Laura Two", "EMAIL:laura.chen@acme.example", "UID:laura"))
    with db.write() as session:
        summary = import_contacts(session, parsed, {1: Choice.IMPORT}, now=NOW)
    assert summary.added == 1
    two = _contacts(db)["Laura Two"]
    assert two.key != "laura"  # the UID is taken: a fresh key


def test_a_bad_card_stops_everything_unless_skip_bad(db: Database) -> None:
    parsed = load_vcards(CORPUS / "bad_missing_end.vcf")
    before = len(_contacts(db))
    with pytest.raises(BadCardsError, match=r"card 2 \(line 6\): no END:VCARD"), db.write() as s:
        import_contacts(s, parsed, now=NOW)
    assert len(_contacts(db)) == before
    with db.write() as session:
        summary = import_contacts(session, parsed, skip_bad=True, now=NOW)
    assert (summary.added, summary.bad) == (2, 1)
    assert {"First Good", "Third Good"} <= set(_contacts(db))


def test_a_failure_halfway_leaves_the_database_as_it_was(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterview.interop import vcard_import

    def fail(*_args: Any) -> None:
        raise OSError("disk full")

    # Merging Laura (she sits on interviews) re-plans last, after every row is written.
    monkeypatch.setattr(vcard_import.steps, "replan", fail)
    data = _card("FN:Laura Chen", "EMAIL:laura.chen@acme.example", "TITLE:VP") + b"".join(
        _card(f"FN:Q{n}", f"EMAIL:q{n}@x.example") for n in range(20)
    )
    before = {name: row.title for name, row in _contacts(db).items()}
    with pytest.raises(OSError, match="disk full"), db.write() as session:
        import_contacts(session, parse_vcards(data), now=NOW)
    assert {name: row.title for name, row in _contacts(db).items()} == before


def test_merging_a_missing_title_completes_the_contact_cards_step(db: Database) -> None:
    def cards_step() -> str:
        with db.read() as session:
            query = (
                select(StepRow.status)
                .join(InterviewRow, StepRow.interview_id == InterviewRow.id)
                .where(InterviewRow.key == "ablabs-1", StepRow.kind == "contact_cards")
            )
            return session.scalars(query).one()

    with db.write() as session:
        session.scalars(select(ContactRow).where(ContactRow.key == "zoe")).one().title = ""
        steps.replan(session, NOW)
    assert cards_step() == "pending"
    card = _card("UID:zoe", "FN:Zoë Ångström", "TITLE:Head of Data")  # a duplicate by UID
    with db.write() as session:
        summary = import_contacts(session, parse_vcards(card), now=NOW)
    assert summary.merged == 1
    assert cards_step() == "done"


def test_uid_becomes_the_key_when_free(db: Database) -> None:
    with db.write() as session:
        import_contacts(session, parse_vcards(_card("FN:Keyed", "UID:keyed-1")), now=NOW)
    assert _contacts(db)["Keyed"].key == "keyed-1"
