"""The plain values of a contact-card import: the cards coming in, what became of each, and
the duplicates found among them; no database library, so the window and the vCard reader can
hold them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from afterview.domain.contact_ways import Ways


class CardInput(Protocol):
    """A card read from a file, as the import needs it (afterview.interop.vcard_parse's
    ParsedCard is one): its number in the file, its UID, every email on it (lower case, to
    find duplicates by any of them), every way to reach the person, and the contact's other
    fields (name, title, company, notes, preferred_channel)."""

    @property
    def number(self) -> int: ...
    @property
    def uid(self) -> str: ...
    @property
    def email_keys(self) -> tuple[str, ...]: ...
    @property
    def name(self) -> str: ...
    @property
    def ways(self) -> Ways: ...

    def values(self) -> dict[str, str | None]: ...


class CardChoice(StrEnum):
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


def default_choices(
    incoming: Sequence[CardInput], duplicates: Mapping[int, Duplicate]
) -> dict[int, CardChoice]:
    """New cards are imported; duplicates are merged (nothing on the card is lost)."""
    return {
        card.number: CardChoice.MERGE if card.number in duplicates else CardChoice.IMPORT
        for card in incoming
    }


@dataclass(frozen=True)
class CardImportSummary:
    added: int
    merged: int
    skipped: int
    bad: int

    def __str__(self) -> str:
        contacts = "contact" if self.added == 1 else "contacts"
        text = f"Imported {self.added} new {contacts}, merged {self.merged}"
        if self.skipped:
            text += f", skipped {self.skipped}"
        if self.bad:
            text += f", left out {self.bad} bad {'card' if self.bad == 1 else 'cards'}"
        return text + "."
