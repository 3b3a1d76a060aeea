"""Contact cards: the public face of vCard import and export.

Import is two steps so the window can show a preview in between:
``parse_vcards`` (or ``load_vcards``) reads the whole file without touching
the database; ``import_contacts`` has the store write the chosen cards in one
transaction. Export writes vCard 3.0 (RFC 2426) by default, or 4.0 (RFC 6350): see
:mod:`afterview.interop.vcard_export`.
"""

from __future__ import annotations

from pathlib import Path

from afterview.interop.files import read_limited
from afterview.interop.vcard_export import (
    CardData,
    card_from_contact,
    card_text,
    contact_card,
    export_vcf,
    vcards_text,
)
from afterview.interop.vcard_import import (
    BadCardsError,
    Choice,
    Duplicate,
    ImportSummary,
    default_choices,
    find_duplicates,
    import_contacts,
)
from afterview.interop.vcard_parse import (
    MAX_FILE_BYTES,
    CardProblem,
    ParsedCard,
    Progress,
    VCardParse,
    parse_vcards,
)


def load_vcards(path: Path, progress: Progress | None = None) -> VCardParse:
    """Read and parse a .vcf file; StoreError when it cannot be read or is far too large.
    ``progress``: as for :func:`parse_vcards` (it may raise to cancel)."""
    return parse_vcards(read_limited(Path(path), MAX_FILE_BYTES, "contact card"), progress)


__all__ = [
    "MAX_FILE_BYTES",
    "BadCardsError",
    "CardData",
    "CardProblem",
    "Choice",
    "Duplicate",
    "ImportSummary",
    "ParsedCard",
    "Progress",
    "VCardParse",
    "card_from_contact",
    "card_text",
    "contact_card",
    "default_choices",
    "export_vcf",
    "find_duplicates",
    "import_contacts",
    "load_vcards",
    "parse_vcards",
    "vcards_text",
]
