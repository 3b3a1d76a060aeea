"""Contact cards in the store: validation names the card and the field, writes re-plan."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from afterview import paths
from afterview.domain.contact_ways import ways
from afterview.store import contacts, interchange
from afterview.store.database import Database, open_database
from afterview.store.errors import RecordError
from afterview.store.models import ContactRow, StepRow
from afterview.store.settings import save_settings
from tests.unit.addresses import broken_emails, emails

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


def _id(db: Database, name: str) -> int:
    with db.read() as session:
        return session.scalars(select(ContactRow.id).where(ContactRow.name == name)).one()


def test_create_formats_the_phone_and_keeps_names_as_typed(db: Database) -> None:
    fields = contacts.ContactFields(
        name="  <b>Ann</b> & O'Hara ", emails=ways("ANN@Example.com"), phones=ways("(212) 555-1234")
    )
    with db.write() as session:
        new_id = contacts.create_contact(session, fields, NOW).id
    with db.read() as session:
        row = contacts.get_contact(session, new_id)
        assert (row.name, row.email, row.phone) == (
            "<b>Ann</b> & O'Hara",
            "ANN@example.com",
            "+1 212-555-1234",
        )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (contacts.ContactFields(name="  "), "name"),
        (contacts.ContactFields(name="Ann", emails=ways("ann@")), "email"),
        (contacts.ContactFields(name="Ann", phones=ways("12")), "phone"),
        (contacts.ContactFields(name="Ann", preferred_channel="fax"), "preferred_channel"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    db: Database, fields: contacts.ContactFields, field: str
) -> None:
    with db.read() as session:
        before = len(contacts.list_contacts(session))
    with pytest.raises(RecordError) as caught, db.write() as session:
        contacts.create_contact(session, fields, NOW)
    assert caught.value.field == field
    assert "contact" in caught.value.record
    with db.read() as session:
        assert len(contacts.list_contacts(session)) == before


def test_phone_region_comes_from_the_contacts_interviews_else_home(db: Database) -> None:
    wei = _id(db, "张伟")
    with db.write() as session:
        assert contacts.contact_region(session, wei) == "JP"
        assert contacts.contact_region(session, None) == "US"
        save_settings(session, {"home_country": "GB"})
        assert contacts.contact_region(session, None) == "GB"
        row = contacts.update_contact(
            session, wei, contacts.ContactFields(name="张伟", phones=ways("03-1234-5678")), NOW
        )
        assert row.phone == "+81 3-1234-5678"


def test_same_email_ignores_case_and_the_card_itself(db: Database) -> None:
    laura = _id(db, "Laura Chen")
    with db.read() as session:
        assert [r.id for r in contacts.same_email(session, "LAURA.chen@acme.example")] == [laura]
        assert contacts.same_email(session, "laura.chen@acme.example", exclude_id=laura) == []
        assert contacts.same_email(session, "") == []


def test_editing_a_card_replans_its_interviews(db: Database) -> None:
    omar = _id(db, "Omar O'Hara")
    with db.write() as session:
        contacts.update_contact(
            session,
            omar,
            contacts.ContactFields(
                name="Omar Ó Hara", title="Staff Engineer", phones=ways("+1 212 555 0100")
            ),
            NOW,
        )
    with db.read() as session:
        people = set(session.scalars(select(StepRow.person).where(StepRow.kind == "thank_you")))
    assert "Omar Ó Hara" in people and "Omar O'Hara" not in people


def test_deleting_a_card_drops_its_steps(db: Database) -> None:
    omar = _id(db, "Omar O'Hara")
    with db.write() as session:
        contacts.delete_contact(session, omar, NOW)
    with db.read() as session:
        assert session.get(ContactRow, omar) is None
        assert not session.scalars(select(StepRow).where(StepRow.contact_id == omar)).all()
    with pytest.raises(RecordError), db.write() as session:
        contacts.delete_contact(session, omar, NOW)


def test_undo_delete_puts_the_card_back_with_its_roles_and_done_steps(db: Database) -> None:
    omar = _id(db, "Omar O'Hara")
    with db.read() as session:
        thank_you = session.scalars(
            select(StepRow).where(StepRow.contact_id == omar, StepRow.kind == "thank_you")
        ).one()
    with db.write() as session:
        from afterview.store import steps

        steps.mark_done(session, thank_you.id, NOW)
    with db.write() as session:
        deleted = contacts.delete_contact(session, omar, NOW)
    assert deleted.label == "Omar O'Hara"
    with db.write() as session:
        row = contacts.undo_delete_contact(session, deleted, NOW)
        assert row.id == omar and row.notes == "Asked about <on-call> & pager duty"
    with db.read() as session:
        assert contacts.interview_ids_of(session, omar)
        restored = session.get(StepRow, thank_you.id)
        assert restored is not None and restored.status == "done"
    with pytest.raises(RecordError), db.write() as session:
        contacts.undo_delete_contact(session, deleted, NOW)


#: Names are kept as typed but for their outer whitespace: any text with a visible character
#: that a database can hold (no NUL, no half of a character: test_unstorable_text.py).
NAMES = st.builds(
    lambda space, core: space + core + space,
    st.text(" \t", max_size=2),
    st.text(
        st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=30,
    ).filter(lambda text: text.strip() == text and text),
)
#: (as typed, as stored), written out by hand: read in the US, formatted internationally.
PHONES = st.sampled_from(
    [
        ("", ""),
        ("(212) 555-1234", "+1 212-555-1234"),
        (" 212 555 1234 ", "+1 212-555-1234"),
        ("+44 20 7946 0000", "+44 20 7946 0000"),
        ("+81 3-1234-5678", "+81 3-1234-5678"),
    ]
)
CHANNELS = st.sampled_from([(None, None), ("", None), ("email", "email"), ("phone", "phone"),
                            ("letter", "letter")])  # fmt: skip


@given(NAMES, emails() | st.just(("", "")), PHONES, CHANNELS)
def test_a_valid_card_is_stored_as_the_rules_say(
    name: str,
    email: tuple[str, str],
    phone: tuple[str, str],
    channel: tuple[str | None, str | None],
) -> None:
    fields = contacts.ContactFields(
        name=name,
        emails=ways(email[0]),
        phones=ways(phone[0]),
        preferred_channel=channel[0],
        notes=name,
    )
    clean = contacts.validate_contact(fields, "US")
    assert clean == contacts.ContactFields(
        name=name.strip(),
        emails=ways(email[1]),
        phones=ways(phone[1]),
        preferred_channel=channel[1],
        notes=name,
    )
    assert contacts.validate_contact(clean, "US") == clean


@given(NAMES, emails(), st.sampled_from(["name", "email", "phone", "preferred_channel"]), st.data())
def test_one_bad_field_is_named(
    name: str, email: tuple[str, str], bad: str, data: st.DataObject
) -> None:
    fields = {"name": name, "email": email[0], "phone": "+44 20 7946 0000",
              "preferred_channel": "email"}  # fmt: skip
    fields[bad] = data.draw(
        {
            "name": st.text(" \t\n", max_size=3),
            "email": broken_emails(),
            "phone": st.sampled_from(["555 0100", "hello", "+1 212 555 1234 5678 9"]),
            "preferred_channel": st.sampled_from(["fax", "Email", "pigeon"]),
        }[bad]
    )
    with pytest.raises(RecordError) as raised:
        contacts.validate_contact(
            contacts.ContactFields(
                name=fields["name"],
                emails=ways(fields["email"]),
                phones=ways(fields["phone"]),
                preferred_channel=fields["preferred_channel"],
            ),
            "US",
        )
    assert raised.value.field == bad


@given(
    st.text(max_size=40),
    st.text(max_size=40),
    st.text(alphabet="0123456789 +-()abc", max_size=20),
    st.sampled_from([None, "", "email", "phone", "letter", "fax"]),
)
def test_validation_accepts_or_names_a_field_never_crashes(
    name: str, email: str, phone: str, channel: str | None
) -> None:
    fields = contacts.ContactFields(
        name=name, emails=ways(email), phones=ways(phone), preferred_channel=channel
    )
    problem: RecordError | None = None
    try:
        clean = contacts.validate_contact(fields, "US")
    except RecordError as error:
        problem = error
    if problem is not None:
        assert problem.field in {"name", "email", "phone", "preferred_channel"}
        assert problem.problem
        return
    assert clean.name == name.strip() and clean.name
    # What validation stores passes validation again unchanged.
    assert contacts.validate_contact(clean, "US") == clean
