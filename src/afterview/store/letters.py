"""Letters in the store: drafts, and marking one sent, which completes its step (Qt-free)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.records import Channel, StepStatus
from afterview.domain.settings import LETTERS_PAGE_SIZE, PAGE_SIZES
from afterview.domain.text import unstorable
from afterview.store import steps
from afterview.store.errors import RecordError
from afterview.store.models import (
    ContactRow,
    InterviewRow,
    LetterRow,
    ReferenceRow,
    StepRow,
)
from afterview.store.references import add_notice
from afterview.store.settings import read_row, write_row

PAGE_SIZE_SETTING = LETTERS_PAGE_SIZE

MAX_TEMPLATE = 64


def _channel(label: str, channel: str | None) -> str | None:
    if channel is None:
        return None
    try:
        return Channel(channel).value
    except ValueError:
        choices = ", ".join(repr(c.value) for c in Channel)
        raise RecordError(label, "channel", f"expected one of {choices}, got {channel!r}") from None


def _aware(label: str, field: str, value: datetime) -> datetime:
    if value.tzinfo is None:
        raise RecordError(label, field, "the time needs a UTC offset or a zone")
    return value


def _exists(session: Session, label: str, field: str, model: type, key: int | None) -> None:
    if key is not None and session.get(model, key) is None:
        raise RecordError(label, field, f"no such record (id {key})")


def get_letter(session: Session, letter_id: int) -> LetterRow:
    row = session.get(LetterRow, letter_id)
    if row is None:
        raise RecordError(f"letter {letter_id}", "id", "no such letter")
    return row


def save_letter(
    session: Session,
    *,
    template: str,
    subject: str,
    body: str,
    now: datetime,
    letter_id: int | None = None,
    step_id: int | None = None,
    interview_id: int | None = None,
    contact_id: int | None = None,
    reference_id: int | None = None,
    channel: str | None = None,
) -> LetterRow:
    """Create a letter, or update the text of ``letter_id``. Everything is checked first."""
    label = f"letter {letter_id}" if letter_id is not None else "new letter"
    if not template or len(template) > MAX_TEMPLATE:
        raise RecordError(label, "template", f"expected a name of 1-{MAX_TEMPLATE} characters")
    checked_channel = _channel(label, channel)
    for field, text in (("subject", subject), ("body", body)):
        problem = unstorable(text)
        if problem is not None:
            raise RecordError(label, field, problem)
    _aware(label, "created_at", now)
    _exists(session, label, "step_id", StepRow, step_id)
    _exists(session, label, "interview_id", InterviewRow, interview_id)
    _exists(session, label, "contact_id", ContactRow, contact_id)
    _exists(session, label, "reference_id", ReferenceRow, reference_id)
    if letter_id is None:
        row = LetterRow(created_at=now)
        session.add(row)
    else:
        row = get_letter(session, letter_id)
    row.template = template
    row.subject = subject
    row.body = body
    row.channel = checked_channel
    row.step_id = step_id
    row.interview_id = interview_id
    row.contact_id = contact_id
    row.reference_id = reference_id
    session.flush()
    return row


def mark_sent(
    session: Session, letter_id: int, *, sent_at: datetime, channel: str, now: datetime
) -> LetterRow:
    """Record when and how the letter went, and complete its step if it is still open."""
    label = f"letter {letter_id}"
    checked = _channel(label, channel)
    if checked is None:
        raise RecordError(label, "channel", "say how the letter was sent")
    _aware(label, "sent_at", sent_at)
    row = get_letter(session, letter_id)
    row.sent_at, row.channel = sent_at, checked
    if row.reference_id is not None:
        # A letter to a reference is how they were told what to expect (seed 001 §2): log it.
        add_notice(
            session,
            row.reference_id,
            at=sent_at,
            channel=checked,
            note=f"Letter: {row.subject}" if row.subject else "Letter",
            interview_id=row.interview_id,
            now=now,
        )
    if row.step_id is not None:
        step = session.get(StepRow, row.step_id)
        if step is not None and step.status != StepStatus.DONE.value:
            steps.mark_done(session, step.id, now)
    session.flush()
    return row


def list_letters(
    session: Session,
    *,
    interview_id: int | None = None,
    contact_id: int | None = None,
    step_id: int | None = None,
) -> Sequence[LetterRow]:
    query = select(LetterRow)
    if interview_id is not None:
        query = query.where(LetterRow.interview_id == interview_id)
    if contact_id is not None:
        query = query.where(LetterRow.contact_id == contact_id)
    if step_id is not None:
        query = query.where(LetterRow.step_id == step_id)
    return session.scalars(query.order_by(LetterRow.created_at.desc(), LetterRow.id.desc())).all()


def latest_for_step(session: Session, step_id: int) -> LetterRow | None:
    found = list_letters(session, step_id=step_id)
    return found[0] if found else None


def load_page_size(session: Session) -> str:
    """ "auto" (by locale), "letter" or "a4"."""
    value = read_row(session, PAGE_SIZE_SETTING)
    return value if value in PAGE_SIZES else "auto"


def save_page_size(session: Session, value: str) -> None:
    if value not in PAGE_SIZES:
        choices = ", ".join(repr(c) for c in PAGE_SIZES)
        raise RecordError("settings", PAGE_SIZE_SETTING, f"expected one of {choices}")
    write_row(session, PAGE_SIZE_SETTING, value)
