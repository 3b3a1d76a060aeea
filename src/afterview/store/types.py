"""Column types that keep SQLite honest about time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from afterview.store.errors import NaiveDatetimeError as NaiveDatetimeError


class UTCDateTime(TypeDecorator[datetime]):
    """An instant, stored as UTC and read back as an aware UTC datetime.

    SQLite's DATETIME drops the offset, so a naive value would silently mean
    "whatever zone wrote it". Refusing naive values keeps every instant exact.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        """``timestamptz`` on PostgreSQL (the instant itself, compared and indexed as one,
        whatever the session's time zone); SQLite's DATETIME text elsewhere."""
        if dialect.name == "postgresql":
            return dialect.type_descriptor(DateTime(timezone=True))
        return dialect.type_descriptor(DateTime(timezone=False))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError(f"naive datetime {value.isoformat()} has no UTC offset")
        utc = value.astimezone(UTC)
        return utc if dialect.name == "postgresql" else utc.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {type(value).__name__}")
        if value.tzinfo is not None:  # timestamptz: aware, in the session's zone
            return value.astimezone(UTC)
        return value.replace(tzinfo=UTC)
