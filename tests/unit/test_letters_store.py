"""Letters in the store: a draft, then marking it sent completes the thank-you step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from afterview import paths
from afterview.store import interchange, letter_sources
from afterview.store import letters as store
from afterview.store.database import Database, open_database
from afterview.store.errors import RecordError
from afterview.store.models import LetterRow, StepRow

NOW = datetime(2026, 11, 21, 15, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


def _thank_you(db: Database, person: str) -> StepRow:
    with db.read() as session:
        return session.scalars(
            select(StepRow).where(StepRow.kind == "thank_you", StepRow.person == person)
        ).one()


def _letter_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(LetterRow)) or 0


def test_marking_a_letter_sent_completes_its_step(db: Database) -> None:
    step = _thank_you(db, "Laura Chen")
    assert step.status == "pending"
    with db.write() as session:
        sources = letter_sources.for_letter(session, step_id=step.id)
        assert sources.recipient is not None and sources.recipient.name == "Laura Chen"
        assert sources.letter is None  # no draft yet
        letter = store.save_letter(
            session,
            template="thank_you_email",
            subject="Thank you",
            body="Dear Laura Chen, …",
            now=NOW,
            step_id=step.id,
            interview_id=sources.interview.id,
            contact_id=sources.recipient.id,
        )
        letter_id = letter.id
    with db.write() as session:
        store.save_letter(
            session,
            letter_id=letter_id,
            template="thank_you_email",
            subject="Thank you!",
            body="edited",
            now=NOW,
            step_id=step.id,
        )
    sent = datetime(2026, 11, 21, 16, 30, tzinfo=UTC)
    with db.write() as session:
        store.mark_sent(session, letter_id, sent_at=sent, channel="email", now=NOW)
    with db.read() as session:
        row = store.get_letter(session, letter_id)
        assert (row.subject, row.body, row.channel, row.sent_at) == (
            "Thank you!",
            "edited",
            "email",
            sent,
        )
        assert store.latest_for_step(session, step.id) is not None
        assert [r.id for r in store.list_letters(session, step_id=step.id)] == [letter_id]
    assert _thank_you(db, "Laura Chen").status == "done"
    assert _thank_you(db, "Omar O'Hara").status == "pending"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"channel": "pigeon"}, "new letter: field 'channel': expected one of 'email'"),
        ({"template": ""}, "new letter: field 'template'"),
        ({"step_id": 9999}, "new letter: field 'step_id': no such record (id 9999)"),
        ({"contact_id": 9999}, "new letter: field 'contact_id': no such record"),
        ({"now": datetime(2026, 11, 21)}, "new letter: field 'created_at': the time needs"),
        ({"letter_id": 777}, "letter 777: field 'id': no such letter"),
        # PostgreSQL's text cannot hold a NUL: refused on both backends, in words.
        ({"subject": "Thanks\x00"}, "new letter: field 'subject': contains a NUL character"),
        ({"body": "\x00"}, "new letter: field 'body': contains a NUL character"),
        # Half of a character: no UTF-8 database can hold it (psycopg refused it with a
        # UnicodeEncodeError before this rule, which Hypothesis found).
        (
            {"body": "Thank you \ud800"},
            "new letter: field 'body': contains half of a character (a lone surrogate)",
        ),
    ],
)
def test_bad_letters_name_the_field_and_write_nothing(
    db: Database, changes: dict[str, Any], message: str
) -> None:
    arguments: dict[str, Any] = {
        "template": "thank_you_email",
        "subject": "",
        "body": "",
        "now": NOW,
    }
    arguments.update(changes)
    with pytest.raises(RecordError) as caught, db.write() as session:
        store.save_letter(session, **arguments)
    assert message in str(caught.value)
    assert _letter_count(db) == 0


def test_mark_sent_refuses_a_bad_channel_and_leaves_the_step_open(db: Database) -> None:
    step = _thank_you(db, "Laura Chen")
    with db.write() as session:
        letter_id = store.save_letter(
            session, template="t", subject="", body="", now=NOW, step_id=step.id
        ).id
    with pytest.raises(RecordError, match="field 'channel'"), db.write() as session:
        store.mark_sent(session, letter_id, sent_at=NOW, channel="fax", now=NOW)
    with pytest.raises(RecordError, match="field 'sent_at'"), db.write() as session:
        store.mark_sent(
            session, letter_id, sent_at=datetime(2026, 11, 21), channel="email", now=NOW
        )
    assert _thank_you(db, "Laura Chen").status == "pending"


def test_page_size_setting(db: Database) -> None:
    with db.read() as session:
        assert store.load_page_size(session) == "auto"
    with db.write() as session:
        store.save_page_size(session, "a4")
    with db.read() as session:
        assert store.load_page_size(session) == "a4"
    with pytest.raises(RecordError, match=r"letters\.page_size"), db.write() as session:
        store.save_page_size(session, "legal")


def test_a_letter_to_a_reference_is_logged_as_telling_them(db: Database) -> None:
    from afterview.store.references import list_notices

    with db.read() as session:
        step = session.scalars(
            select(StepRow).where(StepRow.kind == "notify_reference", StepRow.person == "Ana Ruiz")
        ).first()
        assert step is not None
        step_id, reference_id, interview_id = step.id, step.reference_id, step.interview_id
    assert reference_id is not None
    with db.write() as session:
        letter_id = store.save_letter(
            session,
            template="reference_brief",
            subject="A heads-up: Acme may contact you",
            body="Dear Ana Ruiz, …",
            now=NOW,
            step_id=step_id,
            interview_id=interview_id,
            reference_id=reference_id,
        ).id
        store.mark_sent(session, letter_id, sent_at=NOW, channel="email", now=NOW)
    with db.read() as session:
        notices = list_notices(session, reference_id)
        assert [(n.channel, n.note, n.interview_id) for n in notices] == [
            ("email", "Letter: A heads-up: Acme may contact you", interview_id)
        ]
        assert session.get(StepRow, step_id).status == "done"  # type: ignore[union-attr]
