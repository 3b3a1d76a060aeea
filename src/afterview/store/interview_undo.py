"""Deleting an interview, and undoing that: everything the delete removed comes back.

The delete removes, by the database's cascades, the interview's people (contact roles),
reference links, referral leads, debrief and steps, and clears the interview (and step) link
of its letters and reference notices (those rows themselves stay). The snapshot keeps each
removed row column by column and each cleared link, so Undo puts back exactly those rows and
links (issue 14: "Nothing the user made is lost").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.store import applications, letter_links, steps
from afterview.store.errors import RecordError
from afterview.store.interviews import get_interview
from afterview.store.models import (
    ContactRow,
    DebriefRow,
    InterviewPersonRow,
    InterviewReferenceRow,
    InterviewRow,
    LetterRow,
    ReferenceNoticeRow,
    ReferenceRow,
    ReferralLeadRow,
    StepRow,
)
from afterview.store.values import DeletedInterview


def _columns(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs}


def _label(values: dict[str, Any]) -> str:
    return f"the interview at {values['company']} ({values['position']})"


def delete_interview(session: Session, interview_id: int, now: datetime) -> DeletedInterview:
    """Delete the interview with everything that cascades from it; the snapshot returned
    undoes it (undo_delete). RecordError when there is no such interview."""
    row = get_interview(session, interview_id)
    step_rows = list(session.scalars(select(StepRow).where(StepRow.interview_id == interview_id)))
    step_ids = [step.id for step in step_rows]
    letter_ids = list(
        session.scalars(select(LetterRow.id).where(LetterRow.interview_id == interview_id))
    )
    # A letter written for one of these steps loses its step link too, whatever its interview.
    linked = list(session.scalars(select(LetterRow.id).where(LetterRow.step_id.in_(step_ids))))
    snapshot = DeletedInterview(
        interview=_columns(row),
        people=[_columns(p) for p in row.people],
        reference_links=[_columns(link) for link in row.reference_links],
        referrals=[_columns(lead) for lead in row.referrals],
        debrief=_columns(row.debrief) if row.debrief is not None else None,
        steps=[_columns(step) for step in step_rows],
        letter_ids=letter_ids,
        notice_ids=list(
            session.scalars(
                select(ReferenceNoticeRow.id).where(ReferenceNoticeRow.interview_id == interview_id)
            )
        ),
        letter_steps=letter_links.step_keys(session, [*letter_ids, *linked]),
    )
    # The database's cascade deletes the steps; the rows read above must leave the session
    # too, or a step the re-plan below adds under a freed id would clash with one of them.
    for step in step_rows:
        session.expunge(step)
    session.delete(row)
    session.flush()
    moved = applications.restage(session, snapshot.interview.get("application_id"), now)
    # The "keep searching" nudge counts active applications, so it may change too.
    steps.replan(session, now, [])
    return replace(snapshot, application_event=moved)


def _free(session: Session, model: Any, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` without the id when SQLite has given that id to a newer row meanwhile."""
    if session.get(model, values["id"]) is None:
        return dict(values)
    return {k: v for k, v in values.items() if k != "id"}


def _reattach(session: Session, model: Any, ids: Iterable[int], interview_id: int) -> None:
    """Point these rows (letters, notices) at the restored interview, unless they are gone
    or have been linked to another interview since."""
    for row_id in ids:
        row = session.get(model, row_id)
        if row is not None and row.interview_id is None:
            row.interview_id = interview_id


def undo_delete(session: Session, deleted: DeletedInterview, now: datetime) -> InterviewRow:
    """Put a deleted interview back with its people, reference links, referrals, debrief,
    steps (with their ids where still free, so what the user did with them stays: done,
    snoozed, edited due times), and its letters' and notices' links. Rows that depend on a
    card or reference deleted since stay out. RecordError when it exists again."""
    values = dict(deleted.interview)
    if session.scalar(select(InterviewRow.id).where(InterviewRow.key == values["key"])):
        raise RecordError(_label(values), "key", "it exists again; nothing to undo")
    if not applications.exists(session, values.get("application_id")):
        values["application_id"] = None  # its application is gone: grouped again below
    row = InterviewRow(**_free(session, InterviewRow, values))
    session.add(row)
    session.flush()
    if row.application_id is None:
        applications.attach(session, row, now)
    contact_ids = set(session.scalars(select(ContactRow.id)))
    reference_ids = set(session.scalars(select(ReferenceRow.id)))
    for person in deleted.people:
        if person["contact_id"] in contact_ids:  # a card deleted since stays deleted
            session.add(InterviewPersonRow(**{**person, "interview_id": row.id}))
    for link in deleted.reference_links:
        if link["reference_id"] in reference_ids:
            session.add(InterviewReferenceRow(**{**link, "interview_id": row.id}))
    referral_ids: dict[int, int] = {}
    for lead in deleted.referrals:
        restored = ReferralLeadRow(
            **{**_free(session, ReferralLeadRow, lead), "interview_id": row.id}
        )
        session.add(restored)
        session.flush()
        referral_ids[lead["id"]] = restored.id
    if deleted.debrief is not None:
        session.add(DebriefRow(**{**deleted.debrief, "interview_id": row.id}))
    session.flush()
    for step in deleted.steps:
        if step["contact_id"] is not None and step["contact_id"] not in contact_ids:
            continue
        if step["reference_id"] is not None and step["reference_id"] not in reference_ids:
            continue
        if session.scalar(select(StepRow.id).where(StepRow.key == step["key"])) is not None:
            continue
        values = {**_free(session, StepRow, step), "interview_id": row.id}
        if step["referral_id"] is not None:
            values["referral_id"] = referral_ids.get(step["referral_id"])
        session.add(StepRow(**values))
        session.flush()
    _reattach(session, LetterRow, deleted.letter_ids, row.id)
    _reattach(session, ReferenceNoticeRow, deleted.notice_ids, row.id)
    session.flush()
    if row.application_id == deleted.interview.get("application_id"):
        applications.take_back(session, row.application_id, deleted.application_event)
    applications.restage(session, row.application_id, now)  # a round added again
    steps.replan(session, now, [row.id])
    # After the re-plan, which may add back under its key a step that could not be restored.
    letter_links.relink_steps(session, deleted.letter_steps)
    return row


__all__ = ["delete_interview", "undo_delete"]
