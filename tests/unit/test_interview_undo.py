"""Delete an interview, then Undo: every row the delete removed or unlinked comes back.

The expected values are the interchange export taken before the delete (a separate reader of
the database, afterview.store.interchange_export), not anything the undo code computes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from afterview import paths
from afterview.domain.records import Role
from afterview.store import contacts, interchange, interview_undo, interviews, letters, references
from afterview.store import steps as store_steps
from afterview.store.api import open_store
from afterview.store.database import Database, open_database
from afterview.store.models import LetterRow, StepRow
from afterview.store.values import ReferenceFields
from tests.hypothesis_settings import NO_EXPLAIN, examples

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    yield database
    database.close()


def _interview(db: Database, company: str = "Acme") -> int:
    with db.write() as session:
        ann = interviews.create_contact(session, "<b>Ann</b> & O'Hara", title="CTO")
        wei = interviews.create_contact(session, "张伟")
        values = {
            "company": company,
            "position": "Engineer",
            "start": datetime(2026, 11, 21, 10, 0),
            "time_zone": "Europe/Berlin",
        }
        links = [(ann.id, Role.INTERVIEWER), (wei.id, Role.HIRING_MANAGER)]
        return interviews.create_interview(session, values, links, NOW).id


def _steps(db: Database, interview_id: int) -> dict[str, StepRow]:
    """The interview's steps by kind and person (two interviewers: two thank-you steps)."""
    with db.read() as session:
        query = select(StepRow).where(StepRow.interview_id == interview_id).order_by(StepRow.key)
        return {
            f"{s.kind}:{s.contact_id or s.referral_id or ''}": s for s in session.scalars(query)
        }


def _everything(db: Database, interview_id: int) -> dict[str, int]:
    """Give the interview one row in every table that hangs off it; returns the letter ids."""
    with db.write() as session:
        interviews.save_debrief(session, interview_id, {"thank_you_topic": "Kafka"}, NOW)
        lead = interviews.add_referral(session, interview_id, {"name": "Sam <Lee>"}, NOW)
        ref = references.create_reference(session, ReferenceFields(name="Dana & Co"), NOW)
        references.set_interviews(session, ref.id, [interview_id], NOW)
        references.add_notice(
            session,
            ref.id,
            at=NOW,
            channel="email",
            note="told",
            interview_id=interview_id,
            now=NOW,
        )
    planned = _steps(db, interview_id)
    thanks = sorted(key for key in planned if key.startswith("thank_you:"))
    referral = planned[f"contact_referral:{lead.id}"]
    with db.write() as session:
        row = interviews.get_interview(session, interview_id)
        ann, wei = (p.contact_id for p in row.people)
        draft = letters.save_letter(
            session,
            template="thank_you_email",
            subject="Thanks",
            body="I enjoyed our talk about Kafka.",
            now=NOW,
            step_id=planned[thanks[0]].id,
            interview_id=interview_id,
            contact_id=ann,
        )
        sent = letters.save_letter(
            session,
            template="thank_you_email",
            subject="Thank you",
            body="Sent one",
            now=NOW,
            step_id=planned[thanks[1]].id,
            interview_id=interview_id,
            contact_id=wei,
            channel="email",
        )
        letters.mark_sent(session, sent.id, sent_at=NOW, channel="email", now=NOW)
        intro = letters.save_letter(
            session,
            template="referral_intro",
            subject="Hello",
            body="Intro",
            now=NOW,
            step_id=referral.id,
            interview_id=interview_id,
        )
        store_steps.snooze(session, [planned["debrief:"].id], NOW + timedelta(days=3), NOW)
    return {"draft": draft.id, "sent": sent.id, "intro": intro.id}


def _export(db: Database) -> dict[str, Any]:
    with db.read() as session:
        return interchange.export_document(session)


def _part(document: dict[str, Any], key: str) -> dict[str, Any]:
    """What of the document belongs to the interview ``key``, and the records it names."""
    return {
        "interview": [i for i in document["interviews"] if i["key"] == key],
        "letters": [m for m in document["letters"] if m.get("interview") == key],
        "contacts": document["contacts"],
        "references": document["references"],
    }


def test_undo_brings_back_every_row_and_link_the_delete_took(db: Database) -> None:
    interview_id = _interview(db)
    _everything(db, interview_id)
    before = _export(db)
    key = before["interviews"][0]["key"]
    # The fixture really has a row in each part, linked to its step (else this proves little).
    part = _part(before, key)
    assert len(part["letters"]) == 3 and all(m.get("step") for m in part["letters"])
    assert part["interview"][0]["debrief"] and part["interview"][0]["referrals"]
    assert part["references"][0]["log"][0]["interview"] == key

    with db.write() as session:
        deleted = interview_undo.delete_interview(session, interview_id, NOW)
    gone = _export(db)
    assert gone["interviews"] == []
    assert len(gone["letters"]) == 3  # kept, unlinked, for the undo
    assert not any(m.get("step") or m.get("interview") for m in gone["letters"])

    with db.write() as session:
        interview_undo.undo_delete(session, deleted, NOW)
    assert _export(db) == before


def test_undo_relinks_by_step_key_when_newer_rows_took_the_old_ids(db: Database) -> None:
    interview_id = _interview(db)
    ids = _everything(db, interview_id)
    key = _export(db)["interviews"][0]["key"]
    before = _part(_export(db), key)
    with db.write() as session:
        deleted = interview_undo.delete_interview(session, interview_id, NOW)
    # SQLite gives the freed interview and step ids to the next rows; PostgreSQL's sequences
    # never hand out an id twice, so there the restored rows get their own ids back.
    other = _interview(db, company="Other")
    took_the_old_ids = other == interview_id
    assert took_the_old_ids == (db.engine.dialect.name == "sqlite")
    with db.write() as session:
        restored = interview_undo.undo_delete(session, deleted, NOW)
        assert (restored.id != interview_id) == took_the_old_ids
    after = _part(_export(db), key)
    contacts_before = {c["key"] for c in before["contacts"]}
    after["contacts"] = [c for c in after["contacts"] if c["key"] in contacts_before]
    assert after == before
    assert _steps(db, other)  # the newer interview kept its own plan
    with db.read() as session:
        draft = session.get(LetterRow, ids["draft"])
        assert draft is not None and draft.body == "I enjoyed our talk about Kafka."
        found = letters.latest_for_step(session, draft.step_id or -1)
        assert found is not None and found.id == ids["draft"]


def test_a_letter_whose_step_is_not_planned_again_keeps_its_interview(db: Database) -> None:
    interview_id = _interview(db)
    ids = _everything(db, interview_id)
    with db.read() as session:
        sent = session.get(LetterRow, ids["sent"])
        assert sent is not None and sent.contact_id is not None
        wei = sent.contact_id
    with db.write() as session:
        deleted = interview_undo.delete_interview(session, interview_id, NOW)
        contacts.delete_contact(session, wei, NOW)  # the thank-you step to Wei cannot return
    with db.write() as session:
        restored = interview_undo.undo_delete(session, deleted, NOW)
    with db.read() as session:
        sent = session.get(LetterRow, ids["sent"])
        draft = session.get(LetterRow, ids["draft"])
        assert sent is not None and draft is not None
        assert (sent.interview_id, sent.step_id, sent.body) == (restored.id, None, "Sent one")
        assert draft.interview_id == restored.id and draft.step_id is not None


def test_a_letter_moved_elsewhere_meanwhile_is_left_where_it_is(db: Database) -> None:
    interview_id = _interview(db)
    ids = _everything(db, interview_id)
    with db.write() as session:
        deleted = interview_undo.delete_interview(session, interview_id, NOW)
    other = _interview(db, company="Other")
    other_step = next(iter(_steps(db, other).values())).id
    with db.write() as session:
        moved = letters.get_letter(session, ids["draft"])
        moved.interview_id, moved.step_id = other, other_step
    with db.write() as session:
        interview_undo.undo_delete(session, deleted, NOW)
    with db.read() as session:
        moved = letters.get_letter(session, ids["draft"])
        assert (moved.interview_id, moved.step_id) == (other, other_step)


@settings(
    max_examples=examples(15),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    # Any text a letter may hold (a NUL is refused: test_letters_store.py).
    texts=st.lists(
        # Text a letter can hold: no NUL, no lone surrogate (domain.text.unstorable).
        st.text(
            alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
            max_size=40,
        ),
        min_size=1,
        max_size=4,
    ),
    step_choice=st.lists(st.integers(min_value=0, max_value=20), min_size=4, max_size=4),
    sent=st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_any_letters_on_any_steps_come_back_with_the_interview(
    data_dir: Path, texts: list[str], step_choice: list[int], sent: list[bool]
) -> None:
    # A fresh database per example: each one starts from nothing.
    database = open_database(paths.resolve(Path(tempfile.mkdtemp(dir=data_dir.parent))))
    try:
        interview_id = _interview(database)
        planned = list(_steps(database, interview_id).values())
        with database.write() as session:
            for n, text in enumerate(texts):
                step = planned[step_choice[n] % len(planned)]
                letter = letters.save_letter(
                    session,
                    template="thank_you_email",
                    subject=text,
                    body=text,
                    now=NOW + timedelta(minutes=n),
                    step_id=step.id,
                    interview_id=interview_id,
                    contact_id=step.contact_id,
                )
                if sent[n]:
                    letters.mark_sent(session, letter.id, sent_at=NOW, channel="email", now=NOW)
        before = _export(database)
        with database.write() as session:
            deleted = interview_undo.delete_interview(session, interview_id, NOW)
        with database.write() as session:
            interview_undo.undo_delete(session, deleted, NOW)
        assert _export(database) == before
    finally:
        database.close()


def _letters_by_step(db: Database) -> dict[int, str | None]:
    """Each letter's step, by the step's key (what the letter editor opens it by)."""
    with db.read() as session:
        query = select(LetterRow.id, StepRow.key).outerjoin(
            StepRow, StepRow.id == LetterRow.step_id
        )
        return {letter_id: key for letter_id, key in session.execute(query)}


def test_undo_of_a_card_or_reference_delete_relinks_its_letters_to_their_steps(
    db: Database,
) -> None:
    interview_id = _interview(db)
    ids = _everything(db, interview_id)
    with db.write() as session:
        steps_now = list(session.scalars(select(StepRow).where(StepRow.reference_id.is_not(None))))
        assert steps_now, "the fixture's reference should have a step to write for"
        ref_letter = letters.save_letter(
            session,
            template="reference_heads_up",
            subject="Heads-up",
            body="They may call",
            now=NOW,
            step_id=steps_now[0].id,
            interview_id=interview_id,
            reference_id=steps_now[0].reference_id,
        )
        ann = letters.get_letter(session, ids["draft"]).contact_id
        reference_id = steps_now[0].reference_id
    before = _letters_by_step(db)
    assert before[ids["draft"]] and before[ref_letter.id]
    with db.write() as session:
        assert ann is not None and reference_id is not None
        card = contacts.delete_contact(session, ann, NOW)
        reference = references.delete_reference(session, reference_id, NOW)
    assert _letters_by_step(db)[ids["draft"]] is None
    with db.write() as session:
        references.undo_delete_reference(session, reference, NOW)
        contacts.undo_delete_contact(session, card, NOW)
    assert _letters_by_step(db) == before


def test_every_sample_interview_with_a_draft_deletes_and_comes_back(data_dir: Path) -> None:
    """Through the store's operations, as the window calls them: the delete's re-plan may add
    a step under an id the deleted steps freed (a stale row there was an error)."""
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as store:
        store.data.add_sample()
        for choice in store.interviews.choices(range(1, 10)):
            step = next(s for s in store.steps.of_interview(choice.id) if s.kind == "thank_you")
            store.letters.save(
                template="thank_you_email",
                subject="Thanks",
                body="My own words",
                step_id=step.id,
                interview_id=choice.id,
            )
            before = store.data.export_document()
            deleted = store.interviews.delete(choice.id).value
            store.interviews.undo_delete(deleted)
            assert store.data.export_document() == before


def test_an_undone_delete_takes_back_its_history_entry_unless_the_application_moved_since(
    data_dir: Path,
) -> None:
    """Deleting an application's only round moves it back to Applied (a history entry); the
    undo takes that entry back, so the history reads as before. If the user moved the
    application by hand in between, their move stays in the history and the undo adds its
    own entry (issue 17 §3: every status change is kept with its date)."""
    from afterview.domain.applications import Stage

    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as store:
        first = store.interviews.create(
            {
                "company": "Corvid Labs",
                "position": "Data Engineer",
                "start": datetime(2026, 11, 24, 10),
                "time_zone": "Europe/Berlin",
            }
        ).value
        application = store.applications.of_interview(first)
        assert application is not None
        stages = [e.standing.stage for e in store.applications.history(application.id)]
        assert stages == [Stage.APPLIED, Stage.INTERVIEWING]

        deleted = store.interviews.delete(first).value
        store.interviews.undo_delete(deleted)
        again = [e.standing.stage for e in store.applications.history(application.id)]
        assert again == [Stage.APPLIED, Stage.INTERVIEWING]

        (restored,) = store.applications.rounds(application.id)
        deleted = store.interviews.delete(restored).value
        store.applications.move(application.id, Stage.OFFER)  # by hand, in between
        store.interviews.undo_delete(deleted)
        assert [e.standing.stage for e in store.applications.history(application.id)] == [
            Stage.APPLIED,
            Stage.INTERVIEWING,
            Stage.APPLIED,
            Stage.OFFER,
            Stage.INTERVIEWING,
        ]
