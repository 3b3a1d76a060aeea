"""Business days, local wall-clock arithmetic and quiet hours.

Every rule of the playbook that speaks of days means days as the person
lives them: the same time on the wall clock of the interview's zone, even
when a DST change falls in between. Rules that speak of hours mean elapsed
time and are done in UTC by the caller. Pure: no Qt, no I/O beyond the
``holidays`` tables, which are computed once per (country, year).
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TypeVar
from zoneinfo import ZoneInfo

_D = TypeVar("_D", date, datetime)

#: A year has at most this many consecutive non-business days in any real calendar;
#: past it the settings are broken (no work days at all), not the calendar.
_MAX_SKIP = 366


@functools.lru_cache(maxsize=512)
def _public_holidays(country: str, year: int) -> frozenset[date]:
    """The country's public holidays in ``year``; none for an unknown or empty code."""
    code = country.strip().upper()
    if not code:
        return frozenset()
    # Imported here: the tray uses this module for quiet hours and must not hold the
    # tables of every country (about 12 MiB) to do so.
    import holidays

    try:
        table = holidays.country_holidays(code, years=year)
    except (NotImplementedError, KeyError, ValueError):
        # An unknown country must not stop planning: fall back to weekends only.
        return frozenset()
    return frozenset(day for day in table if day.year == year)


def is_business_day(d: date, country: str, work_days: frozenset[int]) -> bool:
    """``d`` is one of the ISO ``work_days`` and not a public holiday in ``country``."""
    return d.isoweekday() in work_days and d not in _public_holidays(country, d.year)


def _require_aware(moment: datetime, name: str) -> tzinfo:
    zone = moment.tzinfo
    if zone is None or zone.utcoffset(moment) is None:
        raise ValueError(f"{name} must be an aware datetime, got {moment!r}")
    return zone


def _normalised(moment: datetime) -> datetime:
    """Resolve a wall time that DST skipped or repeated to a real instant in the same zone.

    Round-tripping through UTC moves a time in the spring-forward gap forward
    by the gap (02:30 becomes 03:30 summer time) and picks the first of two
    repeated times, which is the earliest moment that wall clock shows it.
    """
    zone = moment.tzinfo
    assert zone is not None
    return moment.astimezone(UTC).astimezone(zone)


def _on_date(moment: datetime, day: date) -> datetime:
    """``moment``'s wall-clock time on another ``day``, in the same zone."""
    wall = moment.replace(tzinfo=None, fold=0).time()
    return _normalised(datetime.combine(day, wall, tzinfo=moment.tzinfo))


def business_days_after(
    start_local: datetime, n: int, country: str, work_days: frozenset[int]
) -> datetime:
    """The same wall-clock time ``n`` business days after ``start_local``'s date.

    The start day itself never counts, so one business day after a Friday is
    the Monday (or the Tuesday when Monday is a holiday).
    """
    _require_aware(start_local, "start_local")
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    if not work_days & frozenset(range(1, 8)):
        raise ValueError("work_days must contain at least one ISO weekday (1-7)")
    day = start_local.date()
    remaining = n
    skipped = 0
    while remaining:
        day += timedelta(days=1)
        if is_business_day(day, country, work_days):
            remaining -= 1
            skipped = 0
        else:
            skipped += 1
            if skipped > _MAX_SKIP:
                raise ValueError(f"no business day within a year after {day} in {country!r}")
    return _on_date(start_local, day)


def add_local_days(start_local: datetime, days: int) -> datetime:
    """The same wall-clock time ``days`` calendar days later (or earlier), DST-correct."""
    _require_aware(start_local, "start_local")
    return _on_date(start_local, start_local.date() + timedelta(days=days))


def _clamped(year: int, month: int, day: int) -> date:
    """The date, or the month's last day when the month is shorter."""
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day, (next_month - timedelta(days=1)).day))


def add_months(d: _D, months: int) -> _D:
    """``months`` later on the same day, clamped to the month's end (31 Jan + 1 = 28/29 Feb).

    A datetime keeps its wall-clock time in its own zone.
    """
    index = d.year * 12 + (d.month - 1) + months
    target = _clamped(index // 12, index % 12 + 1, d.day)
    if isinstance(d, datetime):
        if d.tzinfo is None:
            return d.replace(year=target.year, month=target.month, day=target.day)
        return _on_date(d, target)
    return target


def at_local_time(d: date, t: time, zone: str) -> datetime:
    """The aware instant when the wall clock in ``zone`` shows ``t`` on ``d``."""
    wall = t.replace(tzinfo=None, fold=0)
    return _normalised(datetime.combine(d, wall, tzinfo=ZoneInfo(zone)))


def _in_window(wall: time, start: time, end: time) -> bool:
    if start < end:
        return start <= wall < end
    # The window wraps midnight, e.g. 21:00-08:00.
    return wall >= start or wall < end


def hold_for_quiet_hours(instant_utc: datetime, quiet: tuple[time, time], zone: str) -> datetime:
    """Move an instant that falls in the quiet window (local to ``zone``) to the window's end.

    ``start == end`` means there are no quiet hours. The result is in the
    input's time zone; an instant outside the window comes back unchanged.
    """
    source_zone = _require_aware(instant_utc, "instant_utc")
    start, end = (edge.replace(tzinfo=None) for edge in quiet)
    if start == end:
        return instant_utc
    local = instant_utc.astimezone(ZoneInfo(zone))
    wall = local.replace(tzinfo=None).time()
    if not _in_window(wall, start, end):
        return instant_utc
    # Before the end time the window closes today; otherwise (the evening part) tomorrow.
    end_day = local.date() if wall < end else local.date() + timedelta(days=1)
    return at_local_time(end_day, end, zone).astimezone(source_zone)
