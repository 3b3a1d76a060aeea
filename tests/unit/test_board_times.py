"""The board reads its times as the database gives them (afterview.store.board._instant):
SQLite's text, with or without an offset, and PostgreSQL's aware datetimes, all as aware UTC
instants; the expected instants are written out by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from afterview.store.board import _instant

NINE_UTC = datetime(2026, 11, 30, 9, 0, 0, 250000, tzinfo=UTC)


@pytest.mark.parametrize(
    "given",
    [
        "2026-11-30 09:00:00.250000",  # as the store writes it on SQLite: UTC, no offset
        "2026-11-30T09:00:00.250000",
        "2026-11-30 10:00:00.250000+01:00",
        "2026-11-30 04:00:00.250000-05:00",
        "2026-11-30T09:00:00.250000Z",
        datetime(2026, 11, 30, 9, 0, 0, 250000),  # naive: UTC
        datetime(2026, 11, 30, 18, 0, 0, 250000, tzinfo=timezone(timedelta(hours=9))),
    ],
)
def test_every_form_is_the_same_utc_instant(given: object) -> None:
    found = _instant(given)
    assert found == NINE_UTC
    assert found.utcoffset() == timedelta(0)
    assert (found.year, found.hour, found.microsecond) == (2026, 9, 250000)


def test_none_is_none_and_anything_else_is_refused() -> None:
    assert _instant(None) is None
    with pytest.raises(TypeError, match="int"):
        _instant(1700000000)
