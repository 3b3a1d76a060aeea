"""The user's own profile: who the letters are from, and what they sign with.

Stored in the settings table as one row per field, named ``profile.<field>``,
each value a JSON string, so the playbook settings (which ignore unknown names)
and the profile share the table without a schema change.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.contact_ways import PostalAddress
from afterview.domain.settings import PROFILE_PREFIX
from afterview.store.errors import RecordError
from afterview.store.models import SettingRow
from afterview.store.settings import write_row
from afterview.store.values import PROFILE_FIELDS, Profile

PREFIX = PROFILE_PREFIX


FIELDS = PROFILE_FIELDS


#: The parts of a structured postal address, as the profile's row and the interchange format
#: keep them (the same names as a contact's address entries).
ADDRESS_PARTS = ("street", "locality", "region", "postal_code", "country")


def address_from_json(value: Any) -> PostalAddress | None:
    """The sender's address from its stored form: an object of :data:`ADDRESS_PARTS`, or (as
    Afterview 0.2 kept it) one text, read whole as the street; None for anything else."""
    if isinstance(value, str):
        return PostalAddress(street=value)
    if (
        isinstance(value, dict)
        and set(value) <= set(ADDRESS_PARTS)
        and all(isinstance(part, str) for part in value.values())
    ):
        return PostalAddress(**value)
    return None


def address_json(address: PostalAddress) -> dict[str, str]:
    """The stored form of an address: every part, by name."""
    return {name: getattr(address, name) for name in ADDRESS_PARTS}


def load_profile(session: Session) -> Profile:
    """The stored profile; a missing or unreadable field reads as empty."""
    values: dict[str, Any] = {}
    rows = session.scalars(select(SettingRow).where(SettingRow.name.startswith(PREFIX)))
    for row in rows:
        field = row.name[len(PREFIX) :]
        if field not in FIELDS:
            continue
        try:
            value = json.loads(row.value)
        except ValueError:
            continue
        if field == "address":
            address = address_from_json(value)
            if address is not None:
                values[field] = address
        elif isinstance(value, str):
            values[field] = value
    return Profile(**values)


def save_profile(session: Session, profile: Profile) -> Profile:
    """Write every field; a field of the wrong type writes nothing and names the field."""
    for field in FIELDS:
        value = getattr(profile, field)
        wanted = PostalAddress if field == "address" else str
        if not isinstance(value, wanted):
            raise RecordError("profile", field, f"expected {wanted.__name__}, got {value!r}")
    for field in FIELDS:
        value = getattr(profile, field)
        write_row(session, PREFIX + field, address_json(value) if field == "address" else value)
    return load_profile(session)
