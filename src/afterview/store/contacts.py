"""Contact cards in the store: validated writes that re-plan the interviews they sit on.

Every write checks the whole card first and raises RecordError naming the card and the
field, so a bad value changes nothing (the caller's write transaction rolls back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.domain import cards
from afterview.domain.records import Channel
from afterview.store.errors import RecordError
from afterview.store.models import (
    ContactRow,
    InterviewPersonRow,
    InterviewRow,
    LetterRow,
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
from afterview.store.settings import load_settings
from afterview.store.values import ContactFields, DeletedContact


def _label(name: str, contact_id: int | None = None) -> str:
    return record_label("contact", name, contact_id)


def validate_contact(
    fields: ContactFields, region: str | None, contact_id: int | None = None
) -> ContactFields:
    """The card as it will be stored (email normalised, phone formatted); RecordError if not."""
    record = _label(fields.name, contact_id)
    name, email, phone = check_person(record, fields.name, fields.email, fields.phone, region)
    channel = fields.preferred_channel or None
    if channel is not None and channel not in {c.value for c in Channel}:
        raise RecordError(
            record, "preferred_channel", f"expected email, phone or letter: {channel!r}"
        )
    # Names and notes are kept exactly as typed; only the outer whitespace of a name goes.
    return replace(fields, name=name, email=email, phone=phone, preferred_channel=channel)


def get_contact(session: Session, contact_id: int) -> ContactRow:
    row = session.get(ContactRow, contact_id)
    if row is None:
        raise RecordError(f"contact {contact_id}", "id", "no such contact (deleted elsewhere?)")
    return row


def list_contacts(session: Session) -> Sequence[ContactRow]:
    return session.scalars(
        select(ContactRow).order_by(func.lower(ContactRow.name), ContactRow.id)
    ).all()


def interview_ids_of(session: Session, contact_id: int) -> list[int]:
    query = select(InterviewPersonRow.interview_id).where(
        InterviewPersonRow.contact_id == contact_id
    )
    return sorted(set(session.scalars(query)))


def interviews_of(session: Session, contact_id: int) -> Sequence[InterviewRow]:
    """The interviews a contact sits on, newest first."""
    query = (
        select(InterviewRow)
        .join(InterviewPersonRow, InterviewPersonRow.interview_id == InterviewRow.id)
        .where(InterviewPersonRow.contact_id == contact_id)
        .order_by(InterviewRow.start.desc())
        .distinct()
    )
    return session.scalars(query).all()


def home_region(session: Session) -> str | None:
    return cards.region_for(load_settings(session).home_country)


def contact_region(session: Session, contact_id: int | None) -> str | None:
    """Where a contact's phone number is read: the country of their newest interview that
    names one, else the user's home country."""
    if contact_id is not None:
        for interview in interviews_of(session, contact_id):
            region = cards.region_for(interview.country)
            if region is not None:
                return region
    return home_region(session)


def same_email(session: Session, email: str, exclude_id: int | None = None) -> Sequence[ContactRow]:
    """Other cards with this email address (ignoring case), for a "same person?" warning."""
    key = cards.email_key(email)
    if not key:
        return []
    # SQLite's lower() folds ASCII only; the Python check below settles the rest.
    query = select(ContactRow).where(func.lower(ContactRow.email) == key.lower())
    if exclude_id is not None:
        query = query.where(ContactRow.id != exclude_id)
    rows = session.scalars(query.order_by(ContactRow.id)).all()
    return [row for row in rows if cards.email_key(row.email) == key]


def create_contact(
    session: Session, fields: ContactFields, now: datetime, *, region: str | None = None
) -> ContactRow:
    """Add a card; ``region`` (ISO country) reads a phone number without a + prefix."""
    clean = validate_contact(fields, cards.region_for(region) or home_region(session))
    row = ContactRow(
        name=clean.name,
        title=clean.title,
        company=clean.company,
        email=clean.email,
        phone=clean.phone,
        address=clean.address,
        preferred_channel=clean.preferred_channel,
        notes=clean.notes,
        sample=False,
    )
    session.add(row)
    session.flush()
    return row


def update_contact(
    session: Session, contact_id: int, fields: ContactFields, now: datetime
) -> ContactRow:
    row = get_contact(session, contact_id)
    clean = validate_contact(fields, contact_region(session, contact_id), contact_id)
    row.name, row.title, row.company = clean.name, clean.title, clean.company
    row.email, row.phone, row.address = clean.email, clean.phone, clean.address
    row.preferred_channel, row.notes = clean.preferred_channel, clean.notes
    replan_interviews(session, interview_ids_of(session, contact_id), now)
    return row


def delete_contact(session: Session, contact_id: int, now: datetime) -> DeletedContact:
    """Remove a card and its roles; the interviews it sat on are re-planned without it."""
    row = get_contact(session, contact_id)
    affected = interview_ids_of(session, contact_id)
    snapshot = DeletedContact(
        contact=columns(row),
        roles=[
            columns(role)
            for role in session.scalars(
                select(InterviewPersonRow).where(InterviewPersonRow.contact_id == contact_id)
            )
        ],
        steps=[
            columns(step)
            for step in session.scalars(select(StepRow).where(StepRow.contact_id == contact_id))
        ],
        letter_ids=list(
            session.scalars(select(LetterRow.id).where(LetterRow.contact_id == contact_id))
        ),
    )
    session.delete(row)
    session.flush()
    replan_interviews(session, affected, now)
    return snapshot


def undo_delete_contact(session: Session, deleted: DeletedContact, now: datetime) -> ContactRow:
    """Put a deleted card back with its roles on the interviews that still exist, and the
    steps that were about it (so done and snoozed ones stay so)."""
    record = _label(str(deleted.contact["name"]))
    row, same_id = restore_row(session, ContactRow, deleted.contact, record, "card")
    interviews = set(session.scalars(select(InterviewRow.id)))
    for role in deleted.roles:
        if role["interview_id"] in interviews:
            session.add(InterviewPersonRow(**{**role, "contact_id": row.id}))
    session.flush()
    # Step keys name the contact's id; with a new id the plan makes fresh steps instead.
    if same_id:
        others = {
            "interview_id": InterviewRow,
            "reference_id": ReferenceRow,
            "referral_id": ReferralLeadRow,
        }
        restore_steps(session, deleted.steps, others)
    reattach_letters(session, deleted.letter_ids, "contact_id", row.id)
    session.flush()
    replan_interviews(session, interview_ids_of(session, row.id), now)
    return row


__all__ = [
    "ContactFields",
    "DeletedContact",
    "columns",
    "contact_region",
    "create_contact",
    "delete_contact",
    "get_contact",
    "home_region",
    "interview_ids_of",
    "interviews_of",
    "list_contacts",
    "same_email",
    "undo_delete_contact",
    "update_contact",
    "validate_contact",
]
