"""The calendar at its edges (afterview.domain.calendar): repeated wall times, naive dates,
the messages for bad input, and a holiday table that leaves no business day at all.
Expected instants are written out in UTC."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from afterview.domain import calendar
from afterview.domain.calendar import (
    add_local_days,
    add_months,
    at_local_time,
    business_days_after,
    hold_for_quiet_hours,
)

NY = ZoneInfo("America/New_York")


def exactly(message: str) -> str:
    """A ``match`` pattern for this message and nothing more."""
    return f"^{re.escape(message)}$"


WEEKDAYS = frozenset({1, 2, 3, 4, 5})


def test_a_repeated_wall_time_is_its_first_occurrence_even_from_the_second() -> None:
    # 01:30 on 1 Nov 2026 happens twice in New York; fold=1 is the second (EST) one. A week
    # later, and on the next fall-back day (7 Nov 2027), the first (EDT) 01:30 is taken.
    second = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NY)
    assert second.astimezone(UTC) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert add_local_days(second, 7).astimezone(UTC) == datetime(2026, 11, 8, 6, 30, tzinfo=UTC)
    days = (date(2027, 11, 7) - date(2026, 11, 1)).days
    assert add_local_days(second, days).astimezone(UTC) == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
    first = at_local_time(date(2026, 11, 1), time(1, 30, fold=1), "America/New_York")
    # Compare in UTC: Python never calls an ambiguous local time equal to another zone's.
    assert first.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_add_months_on_a_naive_datetime_keeps_it_naive() -> None:
    assert add_months(datetime(2026, 1, 31, 10, 15), 1) == datetime(2026, 2, 28, 10, 15)
    assert add_months(datetime(2026, 11, 30, 8), 3) == datetime(2027, 2, 28, 8)


def test_a_window_that_does_not_wrap_is_free_at_its_end() -> None:
    # 12:00-14:00 New York (EDT, UTC-4): 14:00 is free, 13:59 is held to 14:00.
    lunch = (time(12), time(14))
    at_end = datetime(2026, 5, 2, 18, 0, tzinfo=UTC)
    assert hold_for_quiet_hours(at_end, lunch, "America/New_York") == at_end
    assert hold_for_quiet_hours(at_end - timedelta(minutes=1), lunch, "America/New_York") == (
        at_end
    )
    assert hold_for_quiet_hours(at_end - timedelta(hours=2), lunch, "America/New_York") == (at_end)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: business_days_after(datetime(2026, 5, 1, 9), 1, "US", WEEKDAYS),
            "start_local must be an aware datetime, got datetime.datetime(2026, 5, 1, 9, 0)",
        ),
        (
            lambda: add_local_days(datetime(2026, 5, 1, 9), 1),
            "start_local must be an aware datetime, got datetime.datetime(2026, 5, 1, 9, 0)",
        ),
        (
            lambda: hold_for_quiet_hours(datetime(2026, 5, 1, 9), (time(21), time(8)), "UTC"),
            "instant_utc must be an aware datetime, got datetime.datetime(2026, 5, 1, 9, 0)",
        ),
        (
            lambda: business_days_after(datetime(2026, 5, 1, 9, tzinfo=NY), 1, "US", frozenset()),
            "work_days must contain at least one ISO weekday (1-7)",
        ),
        (
            lambda: business_days_after(datetime(2026, 5, 1, 9, tzinfo=NY), 1, "", {0}),
            "work_days must contain at least one ISO weekday (1-7)",
        ),
        (
            lambda: business_days_after(datetime(2026, 5, 1, 9, tzinfo=NY), 1, "", {8}),
            "work_days must contain at least one ISO weekday (1-7)",
        ),
    ],
)
def test_bad_input_is_refused_saying_what_is_wrong(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=exactly(message)):
        call()  # type: ignore[operator]


@pytest.fixture
def holidays_everywhere(monkeypatch: pytest.MonkeyPatch) -> set[date]:
    """A broken holiday table that makes every day a holiday except those added to it."""
    open_days: set[date] = set()

    def holiday_names(country: str, year: int) -> dict[date, str]:
        first = date(year, 1, 1)
        every = {first + timedelta(days=n) for n in range(366)}
        return {d: "Holiday" for d in every if d.year == year and d not in open_days}

    monkeypatch.setattr(calendar, "_holiday_names", holiday_names)
    return open_days


def test_no_business_day_for_a_year_is_an_error_not_a_hang(holidays_everywhere: set[date]) -> None:
    # Planning gives up after 366 days in a row without a business day (the 367th is named).
    start = datetime(2026, 5, 1, 9, tzinfo=NY)
    with pytest.raises(
        ValueError, match=exactly("no business day within a year after 2027-05-03 in 'XX'")
    ):
        business_days_after(start, 1, "XX", frozenset(range(1, 8)))


def test_the_count_of_days_without_business_starts_again_after_one(
    holidays_everywhere: set[date],
) -> None:
    holidays_everywhere.add(date(2026, 5, 2))  # one business day, then a year of none
    start = datetime(2026, 5, 1, 9, tzinfo=NY)
    assert business_days_after(start, 1, "XX", frozenset(range(1, 8))).date() == date(2026, 5, 2)
    with pytest.raises(
        ValueError, match=exactly("no business day within a year after 2027-05-04 in 'XX'")
    ):
        business_days_after(start, 2, "XX", frozenset(range(1, 8)))
