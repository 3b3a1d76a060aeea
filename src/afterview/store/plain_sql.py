"""What the plain-``sqlite3`` readers (the interview list, the tray) share with the store's
SQLAlchemy mapping: how an instant is written, and when a step is due, in SQL."""

from __future__ import annotations

from datetime import UTC, datetime

from afterview.store.errors import NaiveDatetimeError

#: SQLAlchemy's SQLite DATETIME text, in UTC (see ``afterview.store.types.UTCDateTime``):
#: fixed width, so text order is time order.
INSTANT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
OPEN_STATUSES = "('pending', 'snoozed')"


def effective_due(table: str = "") -> str:
    """When a step is due now: a snooze wins over an edit, an edit over the plan (as
    ``afterview.store.steps.effective_due``). ``table`` qualifies the columns in a join."""
    t = f"{table}." if table else ""
    return (
        f"CASE WHEN {t}status = 'snoozed' AND {t}snoozed_until IS NOT NULL "
        f"THEN {t}snoozed_until ELSE coalesce({t}due_override, {t}planned_due) END"
    )


def parse_instant(text: str) -> datetime:
    """An instant as the store writes it (naive UTC text), made aware."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def format_instant(moment: datetime) -> str:
    """``moment`` as the store writes it; a naive datetime is refused (its instant is unknown)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveDatetimeError(f"naive datetime {moment.isoformat()} has no UTC offset")
    return moment.astimezone(UTC).strftime(INSTANT_FORMAT)
