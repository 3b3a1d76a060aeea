"""A phone number typed into a postal address, kept off the envelope (Qt-free).

A card's street field is free text, and an address book may hold "Tel. +1 555 0100" as an
address line (0.1 kept the address as one text). A letter's address block is for the post:
such a line is left out of it (issue 14: "A phone number never goes in an address field").

Conservative, so that no real address line is lost: a line is a phone number only when it
is labelled as one ("Tel", "Phone", "Fax", "Mobile", "Cell", "Telefon", "Tél"), or starts
with "+" and a digit (no postal code or street does), or has no letters and at least ten
digits (longer than any country's postal code; a US ZIP+4 has nine).
"""

from __future__ import annotations

import re
from dataclasses import replace

from afterview.domain.contact_ways import PostalAddress

_LABELLED = re.compile(
    r"^\s*(?:tel|tél|tlf|phone|telephone|téléphone|telefon|fax|mobile|mobil|cell|ph)\b\.?\s*:?"
    r"\s*[+(\d]",
    re.IGNORECASE,
)
_INTERNATIONAL = re.compile(r"^\s*\+\s*\d")


def is_phone_line(line: str) -> bool:
    """Whether a line of a postal address is a phone number rather than part of the address
    (see the module's docstring for the rule)."""
    if _LABELLED.match(line) or _INTERNATIONAL.match(line):
        return True
    if any(char.isalpha() for char in line):
        return False
    return sum(char.isdigit() for char in line) >= 10


def without_phone_lines(address: PostalAddress) -> PostalAddress:
    """``address`` with any street line that is a phone number left out; the other fields
    (locality, region, postal code, country) are never touched."""
    lines = address.street.split("\n")
    kept = [line for line in lines if not is_phone_line(line)]
    if len(kept) == len(lines):
        return address
    return replace(address, street="\n".join(kept))
