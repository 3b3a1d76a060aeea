"""What the plain-``sqlite3`` readers (the interview list, the tray) share with the store's
SQLAlchemy mapping: how an instant is written, and which step statuses are open."""

from __future__ import annotations

from datetime import UTC, datetime

from afterview.domain.steps import OPEN_STATUSES as _OPEN
from afterview.store.errors import NaiveDatetimeError

#: SQLAlchemy's SQLite DATETIME text, in UTC (see ``afterview.store.types.UTCDateTime``):
#: fixed width, so text order is time order.
INSTANT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
#: ``afterview.domain.steps.OPEN_STATUSES`` as an SQL list, for queries built from constants.
OPEN_STATUSES = "(" + ", ".join(f"'{status.value}'" for status in sorted(_OPEN)) + ")"


def parse_instant(value: str | datetime) -> datetime:
    """An instant as the store writes it, aware UTC: SQLite's naive UTC text, or
    PostgreSQL's ``timestamptz`` (an aware datetime in the session's zone)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def format_instant(moment: datetime) -> str:
    """``moment`` as the store writes it; a naive datetime is refused (its instant is unknown)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveDatetimeError(f"naive datetime {moment.isoformat()} has no UTC offset")
    return moment.astimezone(UTC).strftime(INSTANT_FORMAT)


def instant_text(value: str | datetime) -> str:
    """A stored instant as the store's fixed-width UTC text, whichever backend read it, so
    text order is time order on both."""
    return value if isinstance(value, str) else format_instant(value)
