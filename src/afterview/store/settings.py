"""The playbook settings as stored: one row per setting, its value as JSON.

Only settings that differ from the domain's defaults need a row, so a new
default reaches every user who never changed it.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.settings import TRAY_AUTOSTART, Settings
from afterview.store.models import SettingRow
from afterview.store.setting_values import (
    check_combination,
    decode_setting,
    encode_setting,
    settings_from_rows,
)


def load_settings(session: Session) -> Settings:
    return settings_from_rows((row.name, row.value) for row in session.scalars(select(SettingRow)))


def save_settings(session: Session, changes: dict[str, Any]) -> Settings:
    """Validate every change first, then write them; a bad value writes nothing."""
    decoded = {name: decode_setting(name, value) for name, value in changes.items()}
    for name, value in decoded.items():
        write_row(session, name, encode_setting(value))
    saved = load_settings(session)
    check_combination(saved)  # raising rolls the transaction back: nothing is written
    return saved


def read_row(session: Session, name: str) -> Any:
    """The JSON value of the settings row ``name``; None when it is missing or unreadable (a
    damaged value means "not set", never a crash)."""
    row = session.get(SettingRow, name)
    if row is None:
        return None
    try:
        return json.loads(row.value)
    except ValueError:
        return None


def write_row(session: Session, name: str, value: Any) -> None:
    """Insert or replace the settings row ``name`` with ``value`` as JSON."""
    text = json.dumps(value, ensure_ascii=False)
    row = session.get(SettingRow, name)
    if row is None:
        session.add(SettingRow(name=name, value=text))
    else:
        row.value = text
    session.flush()


#: The user's choice about starting the tray at login (a row of its own, not a playbook setting).
AUTOSTART = TRAY_AUTOSTART


def autostart_choice(session: Session) -> bool | None:
    """The user's choice about starting the tray at login; None when they never chose."""
    value = read_row(session, AUTOSTART)
    return value if isinstance(value, bool) else None


def set_autostart_choice(session: Session, on: bool) -> None:
    write_row(session, AUTOSTART, bool(on))
