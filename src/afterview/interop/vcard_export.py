"""Contacts as vCard 3.0, written with vobject (the format every address book reads)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import vobject  # type: ignore[import-untyped]

from afterview.domain.records import Contact
from afterview.interop.files import write_atomically

if TYPE_CHECKING:
    from afterview.store.operations import Store


def _plain(text: str) -> str:
    # vCard text has no carriage returns of its own: a line break is "\n" escaped.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_name(name: str) -> vobject.vcard.Name:
    words = name.split()
    if len(words) < 2:
        return vobject.vcard.Name(family=name)
    return vobject.vcard.Name(family=words[-1], given=" ".join(words[:-1]))


def contact_card(row: Contact) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("uid").value = row.key
    card.add("fn").value = _plain(row.name)
    card.add("n").value = _split_name(_plain(row.name))
    if row.company:
        card.add("org").value = [_plain(row.company)]
    if row.title:
        card.add("title").value = _plain(row.title)
    if row.email:
        email = card.add("email")
        email.value = _plain(row.email)
        email.type_param = "INTERNET"
    if row.phone:
        card.add("tel").value = _plain(row.phone)
    if row.address:
        # Afterview keeps an address as free text: all of it goes in the street part.
        card.add("adr").value = vobject.vcard.Address(street=_plain(row.address))
    if row.notes:
        card.add("note").value = _plain(row.notes)
    if row.preferred_channel:
        card.add("x-afterview-preferred-channel").value = row.preferred_channel.value
    return card


def vcards_text(rows: Iterable[Contact]) -> str:
    return "".join(contact_card(row).serialize() for row in rows)


def export_vcf(store: Store, path: Path, contact_ids: Sequence[int] | None = None) -> int:
    """Write the contacts (all, or those ids) to ``path``; returns how many were written."""
    rows = store.contacts.all(contact_ids)
    write_atomically(Path(path), vcards_text(rows).encode("utf-8"))
    return len(rows)
