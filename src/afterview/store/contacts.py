"""Contact cards in the store: validated writes that re-plan the interviews they sit on.

Every write checks the whole card first and raises RecordError naming the card and the
field, so a bad value changes nothing (the caller's write transaction rolls back).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.domain import cards
from afterview.domain.contact_ways import (
    PREF_MAX,
    PREF_MIN,
    PostalAddress,
    V,
    Way,
    address_text,
    combined,
)
from afterview.domain.records import Channel
from afterview.domain.text import unstorable
from afterview.store import letter_links
from afterview.store.contact_way_rows import EMAIL, PHONE, set_ways
from afterview.store.errors import RecordError
from afterview.store.models import (
    ContactRow,
    ContactWayRow,
    InterviewPersonRow,
    InterviewRow,
    LetterRow,
    ReferenceRow,
    ReferralLeadRow,
    StepRow,
)
from afterview.store.people_records import (
    columns,
    reattach_letters,
    record_label,
    replan_interviews,
    restore_row,
    restore_steps,
)
from afterview.store.settings import load_settings
from afterview.store.values import ContactFields, DeletedContact

#: A label is a word or two ("work", "cell", "x-assistant").
MAX_LABEL = 40


def _label(name: str, contact_id: int | None = None) -> str:
    return record_label("contact", name, contact_id)


def _field(kind: str, index: int, count: int) -> str:
    """How an error names one value: "email" on a card with one, "email 2" among several."""
    return kind if count == 1 else f"{kind} {index + 1}"


def _check_way(record: str, field: str, way: Way[V]) -> Way[V]:
    if way.pref is not None and not PREF_MIN <= way.pref <= PREF_MAX:
        raise RecordError(
            record, field, f"rank {way.pref} is not one of {PREF_MIN}-{PREF_MAX} (1 comes first)"
        )
    labels: dict[str, None] = {}
    for label in way.labels:
        clean = label.strip().lower()
        if not clean or "," in clean or len(clean) > MAX_LABEL or not clean.isprintable():
            raise RecordError(record, field, f"label {label!r} is not a word like work or home")
        labels.setdefault(clean, None)
    return replace(way, labels=tuple(labels))


def _check_kind(
    record: str,
    kind: str,
    found: tuple[Way[V], ...],
    chosen: int | None,
    check: Callable[[str, Way[V]], tuple[V, str]],
) -> tuple[tuple[Way[V], ...], int | None]:
    """The values of one kind as stored: each checked (``check`` gives the value to keep and
    what makes two the same), blank ones and repeats left out, the choice following its value."""
    if chosen is not None and not 0 <= chosen < len(found):
        raise RecordError(
            record, f"chosen {kind}", f"there is no {kind} {chosen + 1} (the card has {len(found)})"
        )
    kept: list[Way[V]] = []
    where: dict[str, int] = {}
    moved: int | None = None
    for index, way in enumerate(found):
        field = _field(kind, index, len(found))
        value, key = check(field, way)
        if not key:
            continue
        checked = _check_way(record, field, replace(way, value=value))
        if key not in where:
            where[key] = len(kept)
            kept.append(checked)
        else:  # the same value twice on one card: once, with both labels and the best rank
            kept[where[key]] = combined(kept[where[key]], checked)
        if index == chosen:
            moved = where[key]
    return tuple(kept), moved


def validate_contact(
    fields: ContactFields,
    region: str | None,
    contact_id: int | None = None,
    stored_phones: frozenset[str] = frozenset(),
) -> ContactFields:
    """The card as it will be stored (emails normalised, phones formatted, blank values and
    repeats left out); RecordError naming the card and the field if not. A number in
    ``stored_phones`` (the card has it already, as an address book wrote it) is kept as it is:
    a card whose imported number the check would refuse can still be edited otherwise."""
    record = _label(fields.name, contact_id)
    if not fields.name.strip():
        raise RecordError(record, "name", "a name is required")
    for name in ("name", "title", "company", "family_name", "notes"):
        problem = unstorable(getattr(fields, name))
        if problem is not None:
            raise RecordError(record, name, problem)

    def email(field: str, way: Way[str]) -> tuple[str, str]:
        checked = cards.check_email(way.value)
        if checked.problem:
            raise RecordError(record, field, checked.problem)
        return checked.value, cards.email_key(checked.value)

    def phone(field: str, way: Way[str]) -> tuple[str, str]:
        checked = cards.check_phone(way.value, region)
        if checked.problem and way.value in stored_phones:
            return way.value, cards.phone_key(way.value, region)
        if checked.problem:
            raise RecordError(record, field, checked.problem)
        return checked.value, cards.phone_key(checked.value, region)

    def address(field: str, way: Way[PostalAddress]) -> tuple[PostalAddress, str]:
        value = way.value
        for part in fields_of(value):
            problem = unstorable(part)
            if problem is not None:
                raise RecordError(record, field, problem)
        return value, "" if value.is_empty else address_text(value).casefold()

    salutation, family_name = check_greeting(record, fields.salutation, fields.family_name)
    emails, chosen_email = _check_kind(record, "email", fields.emails, fields.chosen_email, email)
    phones, chosen_phone = _check_kind(record, "phone", fields.phones, fields.chosen_phone, phone)
    addresses, chosen_address = _check_kind(
        record, "address", fields.addresses, fields.chosen_address, address
    )
    channel = fields.preferred_channel or None
    if channel is not None and channel not in {c.value for c in Channel}:
        raise RecordError(
            record, "preferred_channel", f"expected email, phone or letter: {channel!r}"
        )
    # Names and notes are kept exactly as typed; only the outer whitespace of a name goes.
    return replace(
        fields,
        name=fields.name.strip(),
        salutation=salutation,
        family_name=family_name,
        emails=emails,
        phones=phones,
        addresses=addresses,
        chosen_email=chosen_email,
        chosen_phone=chosen_phone,
        chosen_address=chosen_address,
        preferred_channel=channel,
    )


def check_greeting(record: str, salutation: str, family_name: str) -> tuple[str, str]:
    """The salutation as one of cards.SALUTATIONS ("dr." is "Dr") or "", and the family name
    without its outer whitespace; RecordError naming the card and the field when the salutation
    is another word or the family name is more than one line. A salutation without a family
    name is kept: letters then greet with the full name (cards.greeting)."""
    chosen = cards.salutation_of(salutation)
    if chosen is None:
        allowed = ", ".join(cards.SALUTATIONS)
        raise RecordError(record, "salutation", f"expected {allowed} or none, got {salutation!r}")
    family = family_name.strip()
    if not cards.is_one_line(family):
        raise RecordError(record, "family name", "a family name is one line of text")
    return chosen, family


def fields_of(address: PostalAddress) -> tuple[str, str, str, str, str]:
    return (address.street, address.locality, address.region, address.postal_code, address.country)


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


def same_email(
    session: Session, email: str | Sequence[str], exclude_id: int | None = None
) -> Sequence[ContactRow]:
    """Other cards with this email address (or any of these), among any of their emails,
    ignoring case: for a "same person?" warning."""
    keys = {cards.email_key(one) for one in ([email] if isinstance(email, str) else email)}
    keys.discard("")
    if not keys:
        return []
    # SQLite's lower() folds ASCII only; the Python check below settles the rest.
    query = (
        select(ContactRow)
        .join(ContactWayRow, ContactWayRow.contact_id == ContactRow.id)
        .where(ContactWayRow.kind == EMAIL)
        .where(func.lower(ContactWayRow.value).in_(sorted(key.lower() for key in keys)))
    )
    if exclude_id is not None:
        query = query.where(ContactRow.id != exclude_id)
    rows = session.scalars(query.order_by(ContactRow.id).distinct()).all()
    return [
        row
        for row in rows
        if any(cards.email_key(way.value) in keys for way in row.ways if way.kind == EMAIL)
    ]


def create_contact(
    session: Session, fields: ContactFields, now: datetime, *, region: str | None = None
) -> ContactRow:
    """Add a card; ``region`` (ISO country) reads a phone number without a + prefix."""
    clean = validate_contact(fields, cards.region_for(region) or home_region(session))
    row = ContactRow(
        name=clean.name,
        salutation=clean.salutation,
        family_name=clean.family_name,
        title=clean.title,
        company=clean.company,
        preferred_channel=clean.preferred_channel,
        notes=clean.notes,
        sample=False,
    )
    set_ways(row, clean.ways)
    session.add(row)
    session.flush()
    return row


def update_contact(
    session: Session, contact_id: int, fields: ContactFields, now: datetime
) -> ContactRow:
    row = get_contact(session, contact_id)
    stored = frozenset(way.value for way in row.ways if way.kind == PHONE)
    clean = validate_contact(fields, contact_region(session, contact_id), contact_id, stored)
    row.name, row.title, row.company = clean.name, clean.title, clean.company
    row.salutation, row.family_name = clean.salutation, clean.family_name
    set_ways(row, clean.ways)
    row.preferred_channel, row.notes = clean.preferred_channel, clean.notes
    replan_interviews(session, interview_ids_of(session, contact_id), now)
    return row


def delete_contact(session: Session, contact_id: int, now: datetime) -> DeletedContact:
    """Remove a card and its roles; the interviews it sat on are re-planned without it."""
    row = get_contact(session, contact_id)
    affected = interview_ids_of(session, contact_id)
    written = list(session.scalars(select(LetterRow.id).where(LetterRow.contact_id == contact_id)))
    snapshot = DeletedContact(
        contact=columns(row),
        ways=[columns(way) for way in row.ways],
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
        letter_ids=written,
        letter_steps=letter_links.step_keys(session, written),
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
    row.ways = [
        ContactWayRow(**{k: v for k, v in way.items() if k not in {"id", "contact_id"}})
        for way in deleted.ways
    ]
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
    # The delete cleared the step link of the letters written for its steps (the keys hold
    # the id: with a new id the plan's steps have new keys and those letters keep none).
    letter_links.relink_steps(session, deleted.letter_steps)
    return row


__all__ = [
    "ContactFields",
    "DeletedContact",
    "check_greeting",
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
