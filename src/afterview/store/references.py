"""References in the store: validated writes, the interviews they are used on, and the log of
when each was told what to expect (seed 001 §2). Every write re-plans the interviews it touches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.domain import cards
from afterview.domain.records import Channel
from afterview.store import letter_links
from afterview.store.contacts import home_region
from afterview.store.errors import RecordError
from afterview.store.models import (
    ContactRow,
    InterviewReferenceRow,
    InterviewRow,
    LetterRow,
    ReferenceNoticeRow,
    ReferenceRow,
    ReferralLeadRow,
    StepRow,
)
from afterview.store.people_records import (
    check_person,
    columns,
    reattach_letters,
    record_label,
    replan_interviews,
    restore_row,
    restore_steps,
)
from afterview.store.values import DeletedReference, ReferenceFields


def _label(name: str, reference_id: int | None = None) -> str:
    return record_label("reference", name, reference_id)


def validate_reference(
    fields: ReferenceFields, region: str | None, reference_id: int | None = None
) -> ReferenceFields:
    record = _label(fields.name, reference_id)
    name, email, phone = check_person(record, fields.name, fields.email, fields.phone, region)
    return replace(fields, name=name, email=email, phone=phone)


def get_reference(session: Session, reference_id: int) -> ReferenceRow:
    row = session.get(ReferenceRow, reference_id)
    if row is None:
        raise RecordError(f"reference {reference_id}", "id", "no such reference (deleted?)")
    return row


def list_references(session: Session) -> Sequence[ReferenceRow]:
    query = select(ReferenceRow).order_by(func.lower(ReferenceRow.name), ReferenceRow.id)
    return session.scalars(query).all()


def interview_ids_of(session: Session, reference_id: int) -> list[int]:
    query = select(InterviewReferenceRow.interview_id).where(
        InterviewReferenceRow.reference_id == reference_id
    )
    return sorted(set(session.scalars(query)))


def interviews_of(session: Session, reference_id: int) -> Sequence[InterviewRow]:
    """The interviews this reference is used on, newest first."""
    query = (
        select(InterviewRow)
        .join(InterviewReferenceRow, InterviewReferenceRow.interview_id == InterviewRow.id)
        .where(InterviewReferenceRow.reference_id == reference_id)
        .order_by(InterviewRow.start.desc())
    )
    return session.scalars(query).all()


def _region(session: Session, reference_id: int | None) -> str | None:
    if reference_id is not None:
        for interview in interviews_of(session, reference_id):
            region = cards.region_for(interview.country)
            if region is not None:
                return region
    return home_region(session)


def create_reference(session: Session, fields: ReferenceFields, now: datetime) -> ReferenceRow:
    clean = validate_reference(fields, home_region(session))
    row = ReferenceRow(
        name=clean.name,
        relation=clean.relationship,
        email=clean.email,
        phone=clean.phone,
        permission_date=clean.permission_date,
        sample=False,
    )
    session.add(row)
    session.flush()
    return row


def update_reference(
    session: Session, reference_id: int, fields: ReferenceFields, now: datetime
) -> ReferenceRow:
    row = get_reference(session, reference_id)
    clean = validate_reference(fields, _region(session, reference_id), reference_id)
    row.name, row.relation = clean.name, clean.relationship
    row.email, row.phone, row.permission_date = clean.email, clean.phone, clean.permission_date
    replan_interviews(session, interview_ids_of(session, reference_id), now)
    return row


def delete_reference(session: Session, reference_id: int, now: datetime) -> DeletedReference:
    row = get_reference(session, reference_id)
    affected = interview_ids_of(session, reference_id)
    where_links = InterviewReferenceRow.reference_id == reference_id
    mine = LetterRow.reference_id == reference_id
    written = list(session.scalars(select(LetterRow.id).where(mine)))
    snapshot = DeletedReference(
        reference=columns(row),
        links=[
            columns(link)
            for link in session.scalars(select(InterviewReferenceRow).where(where_links))
        ],
        notices=[columns(notice) for notice in list_notices(session, reference_id)],
        steps=[
            columns(step)
            for step in session.scalars(select(StepRow).where(StepRow.reference_id == reference_id))
        ],
        letter_ids=written,
        letter_steps=letter_links.step_keys(session, written),
    )
    session.delete(row)
    session.flush()
    replan_interviews(session, affected, now)
    return snapshot


def undo_delete_reference(
    session: Session, deleted: DeletedReference, now: datetime
) -> ReferenceRow:
    """Put a deleted reference back: its interviews (those that still exist), its log, and
    the steps about it, so what the user did with them stays done."""
    record = _label(str(deleted.reference["name"]))
    row, same_id = restore_row(session, ReferenceRow, deleted.reference, record, "reference")
    interviews = set(session.scalars(select(InterviewRow.id)))
    for link in deleted.links:
        if link["interview_id"] in interviews:
            session.add(InterviewReferenceRow(**{**link, "reference_id": row.id}))
    for notice in deleted.notices:
        restored = {**notice, "reference_id": row.id}
        if session.get(ReferenceNoticeRow, notice["id"]) is not None:
            restored.pop("id")
        if restored["interview_id"] not in interviews:
            restored["interview_id"] = None
        session.add(ReferenceNoticeRow(**restored))
    session.flush()
    if same_id:
        others = {
            "interview_id": InterviewRow,
            "contact_id": ContactRow,
            "referral_id": ReferralLeadRow,
        }
        restore_steps(session, deleted.steps, others)
    reattach_letters(session, deleted.letter_ids, "reference_id", row.id)
    session.flush()
    replan_interviews(session, interview_ids_of(session, row.id), now)
    # The delete cleared the step link of the letters written for its steps (the keys hold
    # the id: with a new id the plan's steps have new keys and those letters keep none).
    letter_links.relink_steps(session, deleted.letter_steps)
    return row


def set_interviews(
    session: Session, reference_id: int, interview_ids: Iterable[int], now: datetime
) -> None:
    """Use this reference on exactly these interviews; both old and new ones are re-planned."""
    get_reference(session, reference_id)
    wanted = sorted(set(interview_ids))
    for interview_id in wanted:
        if session.get(InterviewRow, interview_id) is None:
            raise RecordError(
                f"reference {reference_id}", "interviews", f"no interview {interview_id}"
            )
    links = session.scalars(
        select(InterviewReferenceRow).where(InterviewReferenceRow.reference_id == reference_id)
    ).all()
    before = {link.interview_id for link in links}
    for link in links:
        if link.interview_id not in wanted:
            session.delete(link)
    for interview_id in wanted:
        if interview_id not in before:
            position = session.scalar(
                select(func.count())
                .select_from(InterviewReferenceRow)
                .where(InterviewReferenceRow.interview_id == interview_id)
            )
            session.add(
                InterviewReferenceRow(
                    interview_id=interview_id, reference_id=reference_id, position=position or 0
                )
            )
    session.flush()
    replan_interviews(session, before ^ set(wanted), now)


def list_notices(session: Session, reference_id: int) -> Sequence[ReferenceNoticeRow]:
    """When this reference was told what to expect, newest first."""
    query = (
        select(ReferenceNoticeRow)
        .where(ReferenceNoticeRow.reference_id == reference_id)
        .order_by(ReferenceNoticeRow.at.desc(), ReferenceNoticeRow.id.desc())
    )
    return session.scalars(query).all()


def add_notice(
    session: Session,
    reference_id: int,
    *,
    at: datetime,
    channel: str | None,
    note: str,
    interview_id: int | None,
    now: datetime,
) -> ReferenceNoticeRow:
    """Log that the reference was told (when, how, about which interview)."""
    row = get_reference(session, reference_id)
    record = f"notice to {_label(row.name, reference_id)}"
    if at.tzinfo is None:
        raise RecordError(record, "at", "the time needs a UTC offset or a zone")
    if channel is not None and channel not in {c.value for c in Channel}:
        raise RecordError(record, "channel", f"expected email, phone or letter: {channel!r}")
    if interview_id is not None and session.get(InterviewRow, interview_id) is None:
        raise RecordError(record, "interview", f"no interview {interview_id}")
    notice = ReferenceNoticeRow(
        reference_id=reference_id, interview_id=interview_id, at=at, channel=channel, note=note
    )
    session.add(notice)
    session.flush()
    replan_interviews(session, [interview_id] if interview_id is not None else [], now)
    return notice


def delete_notice(session: Session, notice_id: int, now: datetime) -> None:
    notice = session.get(ReferenceNoticeRow, notice_id)
    if notice is None:
        raise RecordError(f"notice {notice_id}", "id", "no such log entry")
    interview_id = notice.interview_id
    session.delete(notice)
    session.flush()
    replan_interviews(session, [interview_id] if interview_id is not None else [], now)


__all__ = [
    "DeletedReference",
    "ReferenceFields",
    "add_notice",
    "create_reference",
    "delete_notice",
    "delete_reference",
    "get_reference",
    "interview_ids_of",
    "interviews_of",
    "list_notices",
    "list_references",
    "set_interviews",
    "undo_delete_reference",
    "update_reference",
    "validate_reference",
]
