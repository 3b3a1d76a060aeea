"""Writing parsed cards as contacts: duplicates found by email (or the card's UID), merged or
skipped as the user chooses, everything in the caller's one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.interop.vcard_parse import CONTACT_FIELDS, ParsedCard, VCardParse
from afterview.store import steps
from afterview.store.errors import StoreError
from afterview.store.models import ContactRow, InterviewPersonRow

MAX_KEY = 64


class Choice(StrEnum):
    IMPORT = "import"  # a new contact
    MERGE = "merge"  # into the contact it duplicates
    SKIP = "skip"


@dataclass(frozen=True)
class Duplicate:
    """A card that matches a stored contact, or an earlier card in the same file."""

    card: int
    contact_id: int | None
    earlier_card: int | None
    name: str
    by: str  # "email" or "UID"

    def short(self) -> str:
        """For a table cell: who, and by what."""
        where = "" if self.contact_id is not None else f"card {self.earlier_card}: "
        return f"{where}{self.name} (same {self.by})"

    def describe(self) -> str:
        if self.contact_id is not None:
            return f"same {self.by} as {self.name}"
        return f"same {self.by} as card {self.earlier_card} ({self.name})"


@dataclass(frozen=True)
class ImportSummary:
    added: int
    merged: int
    skipped: int
    bad: int

    def __str__(self) -> str:
        text = f"Imported {self.added} new contacts, merged {self.merged}"
        if self.skipped:
            text += f", skipped {self.skipped}"
        if self.bad:
            text += f", left out {self.bad} bad cards"
        return text + "."


class BadCardsError(StoreError):
    """The file has bad cards and the user did not choose to import the good ones alone."""

    def __init__(self, parsed: VCardParse) -> None:
        self.parsed = parsed
        count = parsed.bad_count
        problems = "1 problem" if count == 1 else f"{count} problems"
        super().__init__(
            f"{problems} in the file, so nothing was imported "
            f"(use --skip-bad to import the {len(parsed.cards)} good cards):\n"
            + parsed.problem_text()
        )


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


def find_duplicates(session: Session, parsed: VCardParse) -> dict[int, Duplicate]:
    """The cards (by number) that match a stored contact or an earlier card."""
    by_email: dict[str, tuple[int, str]] = {}
    for contact_id, name, email in session.execute(
        select(ContactRow.id, ContactRow.name, func.lower(ContactRow.email)).where(
            ContactRow.email != ""
        )
    ):
        by_email.setdefault(email.strip(), (contact_id, name))
    by_key = _stored_keys(session, [card.uid for card in parsed.cards])

    found: dict[int, Duplicate] = {}
    earlier_email: dict[str, ParsedCard] = {}
    earlier_uid: dict[str, ParsedCard] = {}
    for card in parsed.cards:
        match = None
        if card.uid in by_key:
            contact_id, name = by_key[card.uid]
            match = Duplicate(card.number, contact_id, None, name, "UID")
        for email in card.emails:
            if match is None and email in by_email:
                contact_id, name = by_email[email]
                match = Duplicate(card.number, contact_id, None, name, "email")
        if match is None and card.uid and card.uid in earlier_uid:
            first = earlier_uid[card.uid]
            match = Duplicate(card.number, None, first.number, first.name, "UID")
        for email in card.emails:
            if match is None and email in earlier_email:
                first = earlier_email[email]
                match = Duplicate(card.number, None, first.number, first.name, "email")
        if match is not None:
            found[card.number] = match
        for email in card.emails:
            earlier_email.setdefault(email, card)
        if card.uid:
            earlier_uid.setdefault(card.uid, card)
    return found


def default_choices(parsed: VCardParse, duplicates: Mapping[int, Duplicate]) -> dict[int, Choice]:
    """New cards are imported; duplicates are merged (nothing on the card is lost)."""
    return {
        card.number: Choice.MERGE if card.number in duplicates else Choice.IMPORT
        for card in parsed.cards
    }


def merge_into(row: ContactRow, card: ParsedCard) -> None:
    """The card's filled-in fields win (it is the newer card); notes are added, never replaced."""
    for name in CONTACT_FIELDS:
        value = getattr(card, name)
        if name == "notes":
            if value and value not in row.notes:
                row.notes = f"{row.notes}\n\n{value}" if row.notes else value
        elif value.strip():
            setattr(row, name, value)
    if card.preferred_channel:
        row.preferred_channel = card.preferred_channel


def import_contacts(
    session: Session,
    parsed: VCardParse,
    choices: Mapping[int, Choice] | None = None,
    *,
    skip_bad: bool = False,
    now: datetime | None = None,
) -> ImportSummary:
    """Write the chosen cards into the open transaction.

    With bad cards in the file nothing is written unless ``skip_bad``: the
    caller decides, with the problems in front of the user, to leave them out.
    Duplicates are looked up again here, inside the transaction, so a contact
    added in another window since the preview is still found.
    """
    if parsed.bad_count and not skip_bad:
        raise BadCardsError(parsed)
    duplicates = find_duplicates(session, parsed)
    chosen = default_choices(parsed, duplicates)
    chosen.update(choices or {})
    existing_keys = set(_stored_keys(session, [c.uid for c in parsed.cards]))
    targets = _load_rows(session, {d.contact_id for d in duplicates.values() if d.contact_id})
    created: dict[int, ContactRow] = {}
    merged_ids: set[int] = set()
    added = merged = skipped = 0
    for card in parsed.cards:
        choice = chosen.get(card.number, Choice.IMPORT)
        duplicate = duplicates.get(card.number)
        if choice is Choice.SKIP:
            skipped += 1
            continue
        if choice is Choice.MERGE and duplicate is not None:
            if duplicate.contact_id is not None:
                row = targets.get(duplicate.contact_id)
            else:
                assert duplicate.earlier_card is not None
                row = created.get(duplicate.earlier_card)
            if row is not None:
                merge_into(row, card)
                if row.id is not None:
                    merged_ids.add(row.id)
                created[card.number] = row
                merged += 1
                continue
        row = ContactRow(**card.values())
        if _usable_key(card.uid) and card.uid not in existing_keys:
            row.key = card.uid
            existing_keys.add(card.uid)
        session.add(row)
        created[card.number] = row
        added += 1
    session.flush()
    if merged_ids:
        # A merged card can complete a contact_cards step on the interviews it sits on.
        interviews = session.scalars(
            select(InterviewPersonRow.interview_id).where(
                InterviewPersonRow.contact_id.in_(sorted(merged_ids))
            )
        ).all()
        if interviews:
            steps.replan(session, now or datetime.now(UTC), interviews)
    return ImportSummary(added, merged, skipped, parsed.bad_count)
