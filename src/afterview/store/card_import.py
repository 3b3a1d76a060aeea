"""Writing cards from a file as contacts: duplicates found by the card's UID (a contact's
key) or by any of its emails, merged or skipped as the user chose, all in one transaction.

The file itself is read by afterview.interop.vcard_parse; this is the database's half.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import astuple, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.cards import email_key, phone_key
from afterview.domain.contact_ways import PostalAddress, Ways, address_text, union
from afterview.domain.records import SALUTATIONS, salutation_of
from afterview.domain.text import unstorable
from afterview.store import steps
from afterview.store.card_values import (
    CardChoice,
    CardImportSummary,
    CardInput,
    Duplicate,
    default_choices,
)
from afterview.store.claims import raise_version
from afterview.store.contact_way_rows import EMAIL, insert_ways, set_chosen, set_ways, ways_of
from afterview.store.contacts import home_region
from afterview.store.errors import StoreError
from afterview.store.models import ContactRow, ContactWayRow, InterviewPersonRow

MAX_KEY = 64
#: The contact fields a card fills besides its ways (every one a text column of ContactRow).
CARD_FIELDS = ("name", "salutation", "family_name", "title", "company", "notes")


def _usable_key(uid: str) -> bool:
    return 0 < len(uid) <= MAX_KEY and uid.isprintable() and not any(c.isspace() for c in uid)


def _stored_keys(session: Session, uids: list[str]) -> dict[str, tuple[int, str]]:
    """Stored contacts whose key is one of the cards' UIDs: key -> (id, name)."""
    usable = sorted({uid for uid in uids if _usable_key(uid)})
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(usable), 500):  # SQLite limits the parameters of one IN
        chunk = usable[start : start + 500]
        for contact_id, name, key in session.execute(
            select(ContactRow.id, ContactRow.name, ContactRow.key).where(ContactRow.key.in_(chunk))
        ):
            found[key] = (contact_id, name)
    return found


def _load_rows(session: Session, ids: set[int | None]) -> dict[int, ContactRow]:
    wanted = sorted(i for i in ids if i is not None)
    rows: dict[int, ContactRow] = {}
    for start in range(0, len(wanted), 500):
        query = select(ContactRow).where(ContactRow.id.in_(wanted[start : start + 500]))
        rows.update((row.id, row) for row in session.scalars(query))
    return rows


def find_duplicates(session: Session, incoming: Sequence[CardInput]) -> dict[int, Duplicate]:
    """The cards (by number) that match a stored contact or an earlier card."""
    # Any email of a stored card matches any email of an incoming one.
    by_email: dict[str, tuple[int, str]] = {}
    query = (
        select(ContactRow.id, ContactRow.name, ContactWayRow.value)
        .join(ContactWayRow, ContactWayRow.contact_id == ContactRow.id)
        .where(ContactWayRow.kind == EMAIL)
        .order_by(ContactRow.id, ContactWayRow.position)
    )
    for contact_id, name, email in session.execute(query):
        if email.strip():
            by_email.setdefault(email_key(email), (contact_id, name))
    by_key = _stored_keys(session, [card.uid for card in incoming])
    found: dict[int, Duplicate] = {}
    earlier_email: dict[str, CardInput] = {}
    earlier_uid: dict[str, CardInput] = {}
    for card in incoming:
        match = None
        if card.uid in by_key:
            contact_id, name = by_key[card.uid]
            match = Duplicate(card.number, contact_id, None, name, "UID")
        for email in card.email_keys:
            if match is None and email in by_email:
                contact_id, name = by_email[email]
                match = Duplicate(card.number, contact_id, None, name, "email")
        if match is None and card.uid and card.uid in earlier_uid:
            first = earlier_uid[card.uid]
            match = Duplicate(card.number, None, first.number, first.name, "UID")
        for email in card.email_keys:
            if match is None and email in earlier_email:
                first = earlier_email[email]
                match = Duplicate(card.number, None, first.number, first.name, "email")
        if match is not None:
            found[card.number] = match
        for email in card.email_keys:
            earlier_email.setdefault(email, card)
        if card.uid:
            earlier_uid.setdefault(card.uid, card)
    return found


def merge_into(
    row: ContactRow,
    card: CardInput,
    region: str | None,
    have: Ways | None = None,
    *,
    keep_stored: bool = False,
) -> Ways:
    """The card's filled-in fields win (it is the newer card), or with ``keep_stored`` only
    fill the contact's empty ones (what an email's header and signature give is less sure
    than a card the user keeps); notes are added, never replaced; the emails, phones and
    addresses are the union of both (each value once: emails by case, phones as
    phonenumbers reads them), and the user's choice stays on its value."""
    values = card.values()
    raise_version(row)
    for name in CARD_FIELDS:
        value = values.get(name) or ""
        if name == "notes":
            if value and value not in row.notes:
                row.notes = f"{row.notes}\n\n{value}" if row.notes else value
        elif value.strip() and not (keep_stored and str(getattr(row, name) or "").strip()):
            setattr(row, name, value)
    if values.get("preferred_channel"):
        row.preferred_channel = values["preferred_channel"]
    stored = have is None
    have, more = ways_of(row) if have is None else have, card.ways
    merged = replace(
        have,
        emails=union(have.emails, more.emails, email_key),
        phones=union(have.phones, more.phones, lambda phone: phone_key(phone, region)),
        addresses=union(have.addresses, more.addresses, _address_key),
    )
    if stored:
        set_ways(row, merged)
    else:  # a card added earlier in this import: its ways are written at the end
        set_chosen(row, merged)
    return merged


def _address_key(address: PostalAddress) -> str:
    return address_text(address).casefold()


def _new_row(card: CardInput) -> ContactRow:
    row = ContactRow(**card.values())
    set_chosen(row, card.ways)
    return row


def check_texts(incoming: Sequence[CardInput]) -> None:
    """StoreError naming the card and field when a text the import would store holds a NUL
    or a lone surrogate. The vCard reader refuses these itself; this is the store's own line,
    for any other reader of cards."""
    for card in incoming:
        given = card.values().get("salutation") or ""
        if salutation_of(given) != given:
            raise StoreError(
                f"card {card.number} ({card.name!r}): its salutation {given!r} is not one of "
                + ", ".join(SALUTATIONS)
            )
        ways = card.ways
        texts: list[tuple[str, str]] = [
            (name, value or "") for name, value in card.values().items()
        ]
        texts.append(("UID", card.uid))
        for kind, entries in (("email", ways.emails), ("phone", ways.phones)):
            for way in entries:
                texts += [(kind, way.value), *((f"{kind} label", label) for label in way.labels)]
        for address in ways.addresses:
            texts += [("address", part) for part in astuple(address.value)]
            texts += [("address label", label) for label in address.labels]
        for field, text in texts:
            problem = unstorable(text)
            if problem is not None:
                raise StoreError(f"card {card.number} ({card.name!r}): its {field} {problem}")


def import_cards(
    session: Session,
    incoming: Sequence[CardInput],
    choices: Mapping[int, CardChoice] | None = None,
    *,
    bad: int = 0,
    now: datetime,
    keep_stored: bool = False,
) -> CardImportSummary:
    """Write the chosen cards into the open transaction (``keep_stored``: a merge fills only
    the contact's empty fields, :func:`merge_into`).

    Duplicates are looked up again here, inside the transaction, so a contact added in
    another window since the preview is still found. StoreError (nothing written) for a text
    the database must not hold (:func:`check_texts`).
    """
    check_texts(incoming)
    duplicates = find_duplicates(session, incoming)
    chosen = default_choices(incoming, duplicates)
    chosen.update(choices or {})
    existing_keys = set(_stored_keys(session, [c.uid for c in incoming]))
    region = home_region(session)
    targets = _load_rows(session, {d.contact_id for d in duplicates.values() if d.contact_id})
    created: dict[int, ContactRow] = {}
    #: The ways of the contacts this import adds, written in one INSERT at the end.
    new_ways: dict[ContactRow, Ways] = {}
    merged_ids: set[int] = set()
    added = merged = skipped = 0
    for card in incoming:
        choice = chosen.get(card.number, CardChoice.IMPORT)
        duplicate = duplicates.get(card.number)
        if choice is CardChoice.SKIP:
            skipped += 1
            continue
        if choice is CardChoice.MERGE and duplicate is not None:
            if duplicate.contact_id is not None:
                row = targets.get(duplicate.contact_id)
            else:
                assert duplicate.earlier_card is not None
                row = created.get(duplicate.earlier_card)
            if row is not None:
                merged_ways = merge_into(
                    row, card, region, new_ways.get(row), keep_stored=keep_stored
                )
                if row in new_ways:
                    new_ways[row] = merged_ways
                if row.id is not None:
                    merged_ids.add(row.id)
                created[card.number] = row
                merged += 1
                continue
        row = _new_row(card)
        if _usable_key(card.uid) and card.uid not in existing_keys:
            row.key = card.uid
            existing_keys.add(card.uid)
        session.add(row)
        created[card.number] = row
        new_ways[row] = card.ways
        added += 1
    session.flush()
    insert_ways(session, new_ways)
    if merged_ids:
        # A merged card can complete a contact_cards step on the interviews it sits on.
        interviews = session.scalars(
            select(InterviewPersonRow.interview_id).where(
                InterviewPersonRow.contact_id.in_(sorted(merged_ids))
            )
        ).all()
        if interviews:
            steps.replan(session, now, interviews)
    return CardImportSummary(added, merged, skipped, bad)
