"""Reading one JSON object of an interchange file, field by field: each value checked for its
type, range and size, and every error naming the record and the field
(``contact #2 (key 'omar'): field 'name': required``). No database here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from afterview.domain.text import unstorable
from afterview.store.errors import RecordError

MAX_NAME = 500
MAX_TEXT = 100_000
MAX_KEY = 64
E = TypeVar("E", bound=StrEnum)


class FieldReader:
    """Reads one JSON object's fields, naming the record in every error."""

    def __init__(self, label: str, data: Any, allowed: tuple[str, ...]) -> None:
        self.label = label
        if not isinstance(data, dict):
            raise RecordError(label, "(record)", f"expected an object, got {kind_of(data)}")
        unknown = sorted(set(data) - set(allowed))
        if unknown:
            raise RecordError(label, unknown[0], "unknown field (check the spelling)")
        self.data: dict[str, Any] = data

    def error(self, name: str, problem: str) -> RecordError:
        return RecordError(self.label, name, problem)

    def text(self, name: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
        value = self.data.get(name)
        if value is None:
            if required:
                raise self.error(name, "required")
            return ""
        if not isinstance(value, str):
            raise self.error(name, f"expected text, got {kind_of(value)}")
        if required and not value.strip():
            raise self.error(name, "required (it is empty)")
        if len(value) > limit:
            raise self.error(name, f"too long ({len(value)} characters; at most {limit})")
        problem = unstorable(value)
        if problem is not None:
            raise self.error(name, problem)
        return value

    def choice(self, name: str, kind: type[E], default: E | None = None) -> E | None:
        value = self.data.get(name)
        if value is None:
            return default
        try:
            return kind(value)
        except ValueError:
            options = ", ".join(m.value for m in kind)
            raise self.error(name, f"{value!r} is not one of: {options}") from None

    def day(self, name: str) -> date | None:
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(name, f"expected a date YYYY-MM-DD, got {kind_of(value)}")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(name, f"{value!r} is not a real date YYYY-MM-DD") from None

    def flag(self, name: str) -> bool | None:
        value = self.data.get(name)
        if value is not None and not isinstance(value, bool):
            raise self.error(name, f"expected true or false, got {kind_of(value)}")
        return value

    def whole(self, name: str, default: int, low: int, high: int) -> int:
        value = self.data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.error(name, f"expected a whole number {low}-{high}, got {value!r}")
        return value

    def items(self, name: str) -> list[Any]:
        value = self.data.get(name, [])
        if not isinstance(value, list):
            raise self.error(name, f"expected a list, got {kind_of(value)}")
        return value

    def instant(self, name: str) -> datetime | None:
        """An ISO 8601 instant with an offset (aware UTC); None when absent."""
        text = self.text(name, limit=40)
        if not text:
            return None
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise self.error(name, f"{text!r} is not an ISO 8601 date-time") from None
        if value.tzinfo is None:
            raise self.error(name, f"{text!r} needs a UTC offset (e.g. +00:00)")
        return value.astimezone(UTC)

    def key(self, *, required: bool) -> str | None:
        """The record's ``key`` (at most 64 characters); None when absent and not required.
        A key given must be one: not empty, no space at either end (" acme-1 " would be a
        second record beside "acme-1")."""
        given = self.data.get("key") is not None
        key = self.text("key", required=required, limit=MAX_KEY)
        if given and not key:
            raise self.error("key", "empty (leave the key out and one is made)")
        if key != key.strip():
            raise self.error("key", f"{key!r} starts or ends with a space")
        return key or None

    def reject(self, name: str, why: str) -> None:
        """Refuse ``name`` when it holds anything: a field this version cannot keep yet."""
        value = self.data.get(name)
        if value not in (None, [], {}, ""):
            raise self.error(name, why)


def kind_of(value: Any) -> str:
    """How an error names a JSON value's type."""
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
