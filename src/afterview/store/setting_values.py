"""Settings values between their JSON form in the ``settings`` table and the domain's types,
with no database library: the tray reads them through plain sqlite3
(:mod:`afterview.store.reminders`), the window through SQLAlchemy (:mod:`afterview.store.settings`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import time
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from afterview.domain.settings import ReferenceTiming, Settings, ThankYouDeadline
from afterview.store.errors import RecordError

_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
_DEFAULTS = Settings()


def _time(text: Any, name: str) -> time:
    if not isinstance(text, str):
        raise RecordError("settings", name, f"expected a time like '21:00', got {text!r}")
    try:
        parsed = time.fromisoformat(text)
    except ValueError:
        raise RecordError("settings", name, f"not a time like '21:00': {text!r}") from None
    if parsed.second or parsed.microsecond or parsed.tzinfo is not None:
        # Stored to the minute: seconds or an offset would be dropped without a word.
        raise RecordError("settings", name, f"expected hours and minutes like '21:00': {text!r}")
    return parsed


def _int(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RecordError("settings", name, f"expected a whole number {low}-{high}, got {value!r}")
    return value


def _enum(kind: type[StrEnum], value: Any, name: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in kind)
        raise RecordError("settings", name, f"expected one of {choices}, got {value!r}") from None


def _country(value: Any, name: str) -> str:
    if not isinstance(value, str) or not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise RecordError("settings", name, f"expected an ISO 3166 country code, got {value!r}")
    return value.upper()


#: Largest sensible values: a bound keeps a typo from planning a step decades away.
_INT_RANGES = {
    "follow_up_days": (1, 60),
    "second_follow_up_days": (1, 60),
    "max_follow_ups": (0, 2),
    "debrief_hours": (0, 72),
    "contact_cards_hours": (0, 72),
    "keep_searching_below": (0, 100),
    "keep_searching_days": (1, 60),
    "application_follow_up_days": (1, 60),
    "no_response_days": (1, 90),
    "courtesy_note_days": (0, 60),
    "reconnect_months": (1, 24),
    "thank_references_days": (0, 60),
}


def decode_setting(name: str, value: Any) -> Any:
    """A setting's domain value from its JSON form; RecordError names the setting."""
    if name not in _FIELDS:
        raise RecordError("settings", name, "unknown setting")
    if name in _INT_RANGES:
        return _int(value, name, *_INT_RANGES[name])
    if name == "thank_you_deadline":
        return _enum(ThankYouDeadline, value, name)
    if name == "reference_timing":
        return _enum(ReferenceTiming, value, name)
    if name == "quiet_hours":
        if not isinstance(value, list) or len(value) != 2:
            raise RecordError("settings", name, f"expected ['21:00', '08:00'], got {value!r}")
        return (_time(value[0], name), _time(value[1], name))
    if name in ("workday_start", "workday_end"):
        return _time(value, name)
    if name == "home_time_zone":
        if not isinstance(value, str) or not _is_zone(value):
            raise RecordError(
                "settings", name, f"expected an IANA time zone like 'Europe/Berlin': {value!r}"
            )
        return value
    if name == "home_country":
        return _country(value, name)
    if name == "work_days":
        if value is None:  # each interview country's own work week
            return None
        if not isinstance(value, list) or not value:
            raise RecordError(
                "settings", name, f"expected ISO weekdays like [1,2,3,4,5]: {value!r}"
            )
        return frozenset(_int(day, name, 1, 7) for day in value)
    if name == "no_thank_you_countries":
        if not isinstance(value, list):
            raise RecordError("settings", name, f"expected a list of country codes: {value!r}")
        return frozenset(_country(code, name) for code in value)
    raise AssertionError(f"setting {name} has no decoder")  # pragma: no cover


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return bool(name)


def check_combination(settings: Settings) -> None:
    """Settings that are each valid but not together: RecordError names the later one."""
    if not settings.workday_start < settings.workday_end:
        raise RecordError(
            "settings",
            "workday_end",
            f"working hours must end after they start "
            f"({settings.workday_start:%H:%M}-{settings.workday_end:%H:%M})",
        )


def encode_setting(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, tuple):
        return [encode_setting(v) for v in value]
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def settings_from_rows(rows: Iterable[tuple[str, str]]) -> Settings:
    """The settings from ``(name, JSON value)`` rows; rows that are not playbook settings (the
    tray's, the profile's) are skipped, and a missing setting keeps the domain's default."""
    values: dict[str, Any] = {}
    for name, value in rows:
        if name in _FIELDS:
            values[name] = decode_setting(name, json.loads(value))
    return dataclasses.replace(_DEFAULTS, **values)


def settings_as_json(settings: Settings, names: tuple[str, ...] | None = None) -> dict[str, Any]:
    chosen = names if names is not None else tuple(_FIELDS)
    return {name: encode_setting(getattr(settings, name)) for name in chosen}
