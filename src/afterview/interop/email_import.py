"""Writing the people of an email as contacts (issue 18 §2): every person checked first, then
one transaction through the contact-card import (``store.contacts.import_cards``), so a
person whose email is already on a contact is merged into it (the filled-in fields win, the
phones and addresses are added), never duplicated. The user's own address (the profile's
email) is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from afterview.domain.cards import check_email, check_phone, email_key
from afterview.domain.contact_ways import PostalAddress, Way, ways
from afterview.domain.text import unstorable
from afterview.interop.email_contacts import EmailError, EmailPerson
from afterview.interop.signature_read import COUNTRIES
from afterview.interop.vcard_parse import ParsedCard
from afterview.store.card_values import CardImportSummary, Duplicate
from afterview.store.changes import Outcome

if TYPE_CHECKING:
    from afterview.store.operations import Store

#: How every refusal of :func:`check_people` ends (the window says it first instead).
NOTHING_IMPORTED = "; nothing was imported"
_CODE = r"(?P<code>\d{4}-\d{3}|\d{2}-\d{3}|\d{4} ?[A-Z]{2}(?=\s)|\d{3} \d{2}|\d{4,5})"
_COUNTRY = r"(?:,\s*(?P<country>[^,]+))?"
#: One-line addresses as the reader gives them (signature_read's postal patterns), most
#: specific first: North America, the UK, Japan, then postal code before the city.
_ADDRESS = tuple(
    re.compile(pattern)
    for pattern in (
        r"^(?:(?P<street>.*?),\s*)?(?P<city>[^,\d]+),\s*(?P<region>[A-Z]{2})\s+"
        r"(?P<code>\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)" + _COUNTRY + "$",
        r"^(?:(?P<street>.*?),\s*)?(?P<city>[^,\d]+?)\s+(?P<code>[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})"
        + _COUNTRY
        + "$",
        r"^〒?(?P<code>\d{3}-\d{4})\s*(?P<street>.+?)" + _COUNTRY + "$",
        r"^(?:(?P<street>.*?),\s*)?" + _CODE + r"\s+(?P<city>[^,]+?)" + _COUNTRY + "$",
    )
)


def postal_address(text: str) -> PostalAddress:
    """A one-line address ("Friedrichstraße 123, 10117 Berlin", "1200 Pine Street, Seattle,
    WA 98101") as its parts; the country (ISO 3166-1 alpha-2 when named in
    signature_read.COUNTRIES, else as written) only when the text names one. A text no pattern
    fits is kept whole as the street, nothing lost."""
    line = " ".join(text.split())
    for pattern in _ADDRESS:
        match = pattern.match(line)
        if match is None:
            continue
        found = match.groupdict()
        country = (found.get("country") or "").strip()
        if country and country.casefold() not in COUNTRIES:
            continue  # the last part is no country: the pattern misread the line
        return PostalAddress(
            street=(found.get("street") or "").strip(),
            locality=(found.get("city") or "").strip(),
            region=(found.get("region") or "").strip(),
            postal_code=found["code"].strip(),
            country=COUNTRIES.get(country.casefold(), ""),
        )
    return PostalAddress(street=line)


@dataclass(frozen=True)
class Checked:
    """The people as they will be written, in the order given, own address left out."""

    cards: tuple[ParsedCard, ...]
    left_out_own: int


def check_people(people: Sequence[EmailPerson], region: str | None, own_email: str = "") -> Checked:
    """Every person as a card, checked whole first. EmailError naming the person (its row,
    its name) and the field when an email is missing or malformed, a phone cannot be read in
    ``region`` (ISO 3166-1 alpha-2, for numbers without +), or a text holds a NUL or a lone
    surrogate. A person without a name is named by their email. ``own_email``: the user's own
    address (the profile's), left out."""
    own = email_key(own_email) if own_email.strip() else ""
    cards: list[ParsedCard] = []
    left_out = 0
    for row, person in enumerate(people, 1):
        who = f"person {row} ({person.name or person.email or 'no name'})"
        for field, text in vars(person).items():
            problem = unstorable(text)
            if problem is not None:
                raise EmailError(f"{who}: its {field} {problem}{NOTHING_IMPORTED}")
        email = check_email(person.email)
        if not email.value:
            raise EmailError(f"{who} has no email{NOTHING_IMPORTED}")
        if not email.ok:
            raise EmailError(
                f"{who}: the email {person.email!r} is not an address ({email.problem})"
                f"{NOTHING_IMPORTED}"
            )
        if own and email_key(email.value) == own:
            left_out += 1
            continue
        phone = check_phone(person.phone, region)
        if not phone.ok:
            raise EmailError(
                f"{who}: the phone {person.phone!r} is {phone.problem}{NOTHING_IMPORTED}"
            )
        address = postal_address(person.address)
        cards.append(
            ParsedCard(
                number=len(cards) + 1,
                line=0,
                name=" ".join(person.name.split()) or email.value,
                title=" ".join(person.title.split()),
                company=" ".join(person.company.split()),
                emails=ways(email.value),
                phones=ways(phone.value),
                addresses=() if address.is_empty else (Way(address),),
            )
        )
    return Checked(tuple(cards), left_out)


def already_contacts(store: Store, people: Sequence[EmailPerson]) -> dict[int, Duplicate]:
    """The people (by index in ``people``) whose email is already on a stored contact."""
    cards = [
        ParsedCard(number=index, line=0, name=person.name, emails=ways(email_key(person.email)))
        for index, person in enumerate(people)
        if check_email(person.email).ok and person.email.strip()
    ]
    found = store.contacts.find_duplicates(cards)
    return {number: found[number] for number in found if found[number].contact_id is not None}


def import_people(
    store: Store, people: Sequence[EmailPerson], region: str | None, *, keep_stored: bool = True
) -> Outcome[CardImportSummary]:
    """Write ``people`` (the preview's ticked rows, as edited) as contacts in one transaction:
    a person whose email is on a stored contact is merged into it, never added twice, and
    fills only what the contact lacks (a header's "Sophie" never replaces "Sophie Martin");
    the profile's email is left out. ``keep_stored=False`` (the window's preview, which shows
    a known contact's own values and lets the user correct them) lets the rows' values win.
    EmailError (:func:`check_people`) before anything is written; a StoreError from the
    store leaves the data as it was."""
    checked = check_people(people, region, store.settings.profile().email)
    return store.contacts.import_cards(list(checked.cards), keep_stored=keep_stored)
