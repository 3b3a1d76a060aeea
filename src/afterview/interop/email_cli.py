"""``afterview import email FILE.eml [--region CC]``: prints what the message gives (the sender
with their signature's fields, then To and Cc) and writes everyone but the user as contacts,
merged by email with the contacts already there (afterview.interop.email_import).

Non-interactive: every person read is written; the window's preview is where rows are
corrected or unticked. A StoreError raised here is printed by afterview.cli, exit status 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from afterview.domain.cards import email_key, region_for
from afterview.interop.email_contacts import EmailContacts, EmailPerson, load_email
from afterview.store.errors import StoreError


def person_line(person: EmailPerson) -> str:
    """``sender: Anna Schmidt <anna@…>; title: …; company: …`` (only the fields read)."""
    text = f"{person.role}: {person.name or '(no name)'} <{person.email}>"
    for label, value in (
        ("title", person.title),
        ("company", person.company),
        ("phone", person.phone),
        ("address", person.address),
    ):
        if value:
            text += f"; {label}: {value}"
    return text


def describe(read: EmailContacts, own_email: str) -> list[str]:
    """A line per person, the user's own address marked as left out."""
    own = email_key(own_email) if own_email.strip() else ""
    return [
        person_line(person) + ("  (your own address: left out)" if own == person.email else "")
        for person in read.people
    ]


def run_email_import(args: argparse.Namespace) -> int:
    from afterview.cli import open_cli_store, report_warnings
    from afterview.interop.email_import import import_people

    given = getattr(args, "region", None)
    region = region_for(given)
    if given and region is None:
        raise StoreError(f"--region {given!r} is not a country code phonenumbers knows (e.g. DE)")
    path = Path(args.file)
    read = load_email(path, region) if region else None  # a bad file: said before the store
    with open_cli_store(args) as store:
        if read is None:
            read = load_email(path, store.settings.home_region())
        own = store.settings.profile().email
        for line in describe(read, own):
            print(line)
        outcome = import_people(store, read.people, region or store.settings.home_region())
    print(outcome.value)
    report_warnings(outcome.warnings)
    return 0
