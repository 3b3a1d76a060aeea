"""Importing parsed cards: the file's bad cards decide whether anything is written, the store
writes the rest (duplicates by UID or email merged or skipped) in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from afterview.interop.vcard_parse import VCardParse
from afterview.store.card_values import CardChoice, CardImportSummary, Duplicate, default_choices
from afterview.store.changes import Outcome
from afterview.store.errors import StoreError

if TYPE_CHECKING:
    from afterview.store.operations import Store

Choice = CardChoice
ImportSummary = CardImportSummary


class BadCardsError(StoreError):
    """The file has bad cards and the user did not choose to import the good ones alone."""

    def __init__(self, parsed: VCardParse, source: Path | None = None) -> None:
        self.parsed = parsed
        count = parsed.bad_count
        problems = "1 problem" if count == 1 else f"{count} problems"
        where = f" from {source}" if source is not None else ""
        super().__init__(
            f"{problems} in the file, so nothing was imported{where} "
            f"(use --skip-bad to import the {len(parsed.cards)} good cards):\n"
            + parsed.problem_text()
        )


def find_duplicates(store: Store, parsed: VCardParse) -> dict[int, Duplicate]:
    """The cards (by number) that match a stored contact or an earlier card."""
    return store.contacts.find_duplicates(parsed.cards)


def import_contacts(
    store: Store,
    parsed: VCardParse,
    choices: Mapping[int, CardChoice] | None = None,
    *,
    skip_bad: bool = False,
    source: Path | None = None,
) -> Outcome[CardImportSummary]:
    """Write the chosen cards. With bad cards in the file nothing is written unless
    ``skip_bad``: the caller decides, with the problems in front of the user, to leave them
    out (BadCardsError otherwise, naming ``source``, the file, when given)."""
    if parsed.bad_count and not skip_bad:
        raise BadCardsError(parsed, source)
    return store.contacts.import_cards(parsed.cards, choices, bad=parsed.bad_count)


__all__ = [
    "BadCardsError",
    "Choice",
    "Duplicate",
    "ImportSummary",
    "default_choices",
    "find_duplicates",
    "import_contacts",
]
