"""Contact cards: the table, one card, duplicates by email, and the edits (validated whole, so
a bad value changes nothing); every edit re-plans the interviews the card sits on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.domain import cards
from afterview.domain import records as r
from afterview.store import card_import, claims, contacts, convert
from afterview.store.card_values import CardChoice, CardImportSummary, CardInput, Duplicate
from afterview.store.changes import Changes, Kind, Outcome
from afterview.store.models import ContactRow, InterviewPersonRow
from afterview.store.operations.core import Core
from afterview.store.operations.interviews import choice
from afterview.store.values import ContactFields, ContactItem, DeletedContact, InterviewChoice

_EDIT = (Kind.CONTACTS, Kind.STEPS, Kind.INTERVIEWS)


class Contacts:
    def __init__(self, core: Core) -> None:
        self._core = core

    # --- queries ------------------------------------------------------------------------

    def items(self) -> list[ContactItem]:
        """Every card with the number of interviews it sits on, by name (folded, as the
        interview list sorts: afterview.domain.text.fold)."""

        def work(session: Session) -> list[ContactItem]:
            counts = dict(
                session.execute(
                    select(
                        InterviewPersonRow.contact_id,
                        func.count(func.distinct(InterviewPersonRow.interview_id)),
                    ).group_by(InterviewPersonRow.contact_id)
                ).all()
            )
            query = select(ContactRow).order_by(ContactRow.sort_name, ContactRow.id)
            return [
                ContactItem(
                    id=row.id,
                    name=row.name,
                    title=row.title,
                    company=row.company,
                    email=row.email,
                    phone=row.phone,
                    channel=row.preferred_channel,
                    interviews=counts.get(row.id, 0),
                    sample=row.sample,
                )
                for row in session.scalars(query)
            ]

        return self._core.read(work)

    def all(self, ids: Sequence[int] | None = None) -> list[r.Contact]:
        """Every card (or those with ``ids``), whole, by name."""

        def work(session: Session) -> list[r.Contact]:
            query = select(ContactRow).order_by(ContactRow.sort_name, ContactRow.id)
            if ids is not None:
                query = query.where(ContactRow.id.in_(sorted(set(ids))))
            return [convert.contact(row) for row in session.scalars(query)]

        return self._core.read(work)

    def get(self, contact_id: int) -> r.Contact:
        """RecordError when the card is gone (deleted elsewhere)."""
        return self._core.read(lambda s: convert.contact(contacts.get_contact(s, contact_id)))

    def same_email(
        self, email: str | Sequence[str], exclude_id: int | None = None
    ) -> list[r.Contact]:
        """Other cards with this email address, or any of these, among any of their emails
        (ignoring case): "the same person?"."""
        return self._core.read(
            lambda s: [convert.contact(row) for row in contacts.same_email(s, email, exclude_id)]
        )

    def interviews_of(self, contact_id: int) -> list[InterviewChoice]:
        """The interviews the card sits on, newest first."""
        return self._core.read(
            lambda s: [choice(row) for row in contacts.interviews_of(s, contact_id)]
        )

    def region(self, contact_id: int | None, country: str = "") -> str | None:
        """Where a phone number without a + is read: ``country`` when given, else the
        country of the card's newest interview that names one, else the home country."""
        given = cards.region_for(country)
        if given is not None:
            return given
        return self._core.read(lambda s: contacts.contact_region(s, contact_id))

    def find_duplicates(self, incoming: Sequence[CardInput]) -> dict[int, Duplicate]:
        """Cards (by number) that match a stored card, or an earlier card, by UID or email."""
        return self._core.read(lambda s: card_import.find_duplicates(s, incoming))

    # --- commands -----------------------------------------------------------------------

    def create(self, fields: ContactFields, *, region: str | None = None) -> Outcome[int]:
        """A new card (the phone read in ``region`` when it has no +); returns its id."""

        def work(session: Session, now: datetime) -> int:
            return contacts.create_contact(session, fields, now, region=region).id

        return self._core.write(work, Changes.of(Kind.CONTACTS))

    def update(
        self, contact_id: int, fields: ContactFields, *, expected_version: int | None = None
    ) -> Outcome[r.Contact]:
        """The card as saved (email normalised, phone formatted, its new version).
        ``expected_version``: the version the editor read; ConflictError
        (afterview.store.conflicts), nothing changed, when another computer saved the card
        since and a field differs."""

        def work(session: Session, now: datetime) -> r.Contact:
            claims.claim_contact(session, contact_id, fields, expected_version)
            return convert.contact(contacts.update_contact(session, contact_id, fields, now))

        return self._core.write(work, Changes.of(*_EDIT))

    def delete(self, contact_id: int) -> Outcome[DeletedContact]:
        def work(session: Session, now: datetime) -> DeletedContact:
            return contacts.delete_contact(session, contact_id, now)

        return self._core.write(work, Changes.of(*_EDIT, Kind.LETTERS))

    def undo_delete(self, deleted: DeletedContact) -> Outcome[int]:
        def work(session: Session, now: datetime) -> int:
            return contacts.undo_delete_contact(session, deleted, now).id

        return self._core.write(work, Changes.of(*_EDIT, Kind.LETTERS))

    def import_cards(
        self,
        incoming: Sequence[CardInput],
        choices: Mapping[int, CardChoice] | None = None,
        *,
        bad: int = 0,
        keep_stored: bool = False,
    ) -> Outcome[CardImportSummary]:
        """Write the chosen cards in one transaction: new ones added, duplicates merged (the
        card's filled-in fields win, notes are added; with ``keep_stored`` the contact's
        filled-in fields stay and only its empty ones are filled) or skipped. ``bad``: how
        many cards of the file were left out, for the summary."""

        def work(session: Session, now: datetime) -> CardImportSummary:
            return card_import.import_cards(
                session, incoming, choices, bad=bad, now=now, keep_stored=keep_stored
            )

        return self._core.write(work, Changes.of(*_EDIT))
