"""The user's own profile: who the letters are from, and what they sign with.

Stored in the settings table as one row per field, named ``profile.<field>``,
each value a JSON string, so the playbook settings (which ignore unknown names)
and the profile share the table without a schema change.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.settings import PROFILE_PREFIX
from afterview.store.errors import RecordError
from afterview.store.models import SettingRow
from afterview.store.settings import write_row
from afterview.store.values import PROFILE_FIELDS, Profile

PREFIX = PROFILE_PREFIX


FIELDS = PROFILE_FIELDS


def load_profile(session: Session) -> Profile:
    """The stored profile; a missing or unreadable field reads as empty."""
    values: dict[str, str] = {}
    rows = session.scalars(select(SettingRow).where(SettingRow.name.startswith(PREFIX)))
    for row in rows:
        field = row.name[len(PREFIX) :]
        if field not in FIELDS:
            continue
        try:
            value = json.loads(row.value)
        except ValueError:
            continue
        if isinstance(value, str):
            values[field] = value
    return Profile(**values)


def save_profile(session: Session, profile: Profile) -> Profile:
    """Write every field; a field that is not text writes nothing and names the field."""
    for field in FIELDS:
        value = getattr(profile, field)
        if not isinstance(value, str):
            raise RecordError("profile", field, f"expected text, got {type(value).__name__}")
    for field in FIELDS:
        write_row(session, PREFIX + field, getattr(profile, field))
    return load_profile(session)
