"""Writing interviews: validation, re-planning on every write, delete and undo, sample data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from afterview import paths
from afterview.domain.records import Role
from afterview.store import interview_undo, interviews, sample
from afterview.store.database import Database, open_database
from afterview.store.errors import RecordError
from afterview.store.models import InterviewRow, StepRow

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path) -> Database:
    database = open_database(paths.resolve(data_dir))
    yield database  # type: ignore[misc]
    database.close()


def _new(db: Database, **extra: object) -> int:
    with db.write() as session:
        ann = interviews.create_contact(session, "<b>Ann</b> & O'Hara", title="CTO")
        wei = interviews.create_contact(session, "张伟")
        values = {
            "company": "Acme",
            "position": "Engineer",
            "start": datetime(2026, 11, 21, 10, 0),
            "time_zone": "Europe/Berlin",
            **extra,
        }
        row = interviews.create_interview(
            session, values, [(ann.id, Role.INTERVIEWER), (wei.id, Role.INTERVIEWER)], NOW
        )
        return row.id


def _steps(db: Database, interview_id: int) -> list[StepRow]:
    with db.read() as session:
        return list(session.scalars(select(StepRow).where(StepRow.interview_id == interview_id)))


def test_create_plans_a_thank_you_per_interviewer(db: Database) -> None:
    interview_id = _new(db)
    kinds = sorted(s.kind for s in _steps(db, interview_id))
    assert kinds.count("thank_you") == 2
    assert "debrief" in kinds
    with db.read() as session:
        row = session.get(InterviewRow, interview_id)
        assert row is not None
        assert row.start == datetime(2026, 11, 21, 9, 0, tzinfo=UTC)  # 10:00 in Berlin


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("company", "  ", "required"),
        ("time_zone", "Mars/Base", "unknown IANA time zone"),
        ("country", "Atlantis", "expected a code like 'US' or a country"),
        ("status", "hired", "is not one of"),
        ("start", datetime(2026, 3, 29, 2, 30), "does not exist"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    db: Database, field: str, value: object, problem: str
) -> None:
    with pytest.raises(RecordError) as caught:
        _new(db, **{field: value})
    assert caught.value.field == field
    assert problem in caught.value.problem
    with db.read() as session:
        assert session.scalar(select(func.count(InterviewRow.id))) == 0


def test_status_change_replans_at_once(db: Database) -> None:
    interview_id = _new(db)
    with db.write() as session:
        interviews.update_interview(session, interview_id, {"status": "rejected"}, NOW)
    kinds = {s.kind for s in _steps(db, interview_id)}
    assert "courtesy_note" in kinds


def test_debrief_is_saved_field_by_field(db: Database) -> None:
    interview_id = _new(db)
    with db.write() as session:
        interviews.save_debrief(session, interview_id, {"learned": "a lot"}, NOW)
        interviews.save_debrief(session, interview_id, {"to_improve": "<i>less</i>"}, NOW)
    with db.read() as session:
        debrief = interviews.get_interview(session, interview_id).debrief
        assert debrief is not None
        assert (debrief.learned, debrief.to_improve) == ("a lot", "<i>less</i>")
    with pytest.raises(RecordError) as caught, db.write() as session:
        interviews.save_debrief(session, interview_id, {"mood": "x"}, NOW)
    assert caught.value.field == "mood"


def test_referral_adds_a_step(db: Database) -> None:
    interview_id = _new(db)
    with db.write() as session:
        lead = interviews.add_referral(session, interview_id, {"name": "Sam"}, NOW)
    assert "contact_referral" in {s.kind for s in _steps(db, interview_id)}
    with db.write() as session:
        interviews.remove_referral(session, lead.id, NOW)
    assert "contact_referral" not in {s.kind for s in _steps(db, interview_id)}


def test_delete_then_undo_restores_what_the_user_did(db: Database) -> None:
    from afterview.store import steps

    interview_id = _new(db)
    first = _steps(db, interview_id)[0]
    with db.write() as session:
        interviews.save_debrief(session, interview_id, {"to_improve": "shorter"}, NOW)
        steps.mark_done(session, first.id, NOW)
    before = {(s.key, s.status) for s in _steps(db, interview_id)}
    with db.write() as session:
        deleted = interview_undo.delete_interview(session, interview_id, NOW)
    assert _steps(db, interview_id) == []
    with db.write() as session:
        interview_undo.undo_delete(session, deleted, NOW)
    assert {(s.key, s.status) for s in _steps(db, interview_id)} == before
    with db.read() as session:
        row = interviews.get_interview(session, interview_id)
        assert row.debrief is not None and row.debrief.to_improve == "shorter"
        assert [p.contact.name for p in row.people] == ["<b>Ann</b> & O'Hara", "张伟"]


def test_sample_data_is_marked_and_removed_in_one_action(db: Database) -> None:
    mine = _new(db)
    with db.write() as session:
        added = sample.add_sample(session, NOW)
    assert added.interviews == 3 and added.contacts == 4
    with db.write() as session:
        removed = sample.remove_sample(session, NOW)
    assert removed == added
    with db.read() as session:
        assert sample.count_sample(session).total == 0
        assert [row.id for row in session.scalars(select(InterviewRow))] == [mine]


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60))
def test_any_company_text_is_kept_or_refused_with_its_field(text: str) -> None:
    values = {
        "company": text,
        "position": "P",
        "start": datetime(2026, 1, 5, 9),
        "time_zone": "UTC",
    }
    if not text.strip() or "\x00" in text:
        with pytest.raises(RecordError) as caught:
            interviews._check("new interview", values)
        assert caught.value.field == "company"
    else:
        assert interviews._check("new interview", values)["company"] == text
