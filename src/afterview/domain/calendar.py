"""Business days, local wall-clock arithmetic and quiet hours.

Every rule of the playbook that speaks of days means days as the person
lives them: the same time on the wall clock of the interview's zone, even
when a DST change falls in between. Rules that speak of hours mean elapsed
time and are done in UTC by the caller. Pure: no Qt, no I/O beyond the
``holidays`` tables, which are computed once per (country, year).
"""

from __future__ import annotations

import contextlib
import functools
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

_D = TypeVar("_D", date, datetime)

#: A year has at most this many consecutive non-business days in any real calendar;
#: past it the settings are broken (no work days at all), not the calendar.
_MAX_SKIP = 366


def split_place(place: str) -> tuple[str, str]:
    """A place as (ISO 3166-1 country, subdivision): ``"GB-ENG"`` is ``("GB", "ENG")`` (an
    ISO 3166-2 code), ``"us"`` is ``("US", "")``."""
    country, _, subdivision = place.strip().upper().partition("-")
    return country, subdivision


@functools.lru_cache(maxsize=512)
def _calendar_table(place: str) -> object | None:
    """The ``holidays`` calendar of a place (no years filled in yet); None when unknown."""
    country, subdivision = split_place(place)
    if not country:
        return None
    # Imported here: the tray uses this module for quiet hours and must not hold the
    # tables of every country (about 12 MiB) to do so.
    import holidays

    try:
        return holidays.country_holidays(country, subdiv=subdivision or None)
    except (NotImplementedError, KeyError, ValueError):
        # An unknown country or subdivision must not stop planning; the store refuses them
        # on the way in, so this is a database written by hand or a newer holidays release.
        return None


@functools.lru_cache(maxsize=2048)
def _holiday_names(place: str, year: int) -> dict[date, str]:
    """The public holidays of a country, or of one of its subdivisions (``"DE-BY"``), in
    ``year``, observed days included, with their English names; none for an unknown or empty
    code. Computed once per (place, year): re-planning thousands of interviews asks often."""
    known = _calendar_table(place)
    if known is None:
        return {}
    import holidays

    country, subdivision = split_place(place)

    def table_in(language: str | None) -> Any:
        return holidays.country_holidays(
            country, subdiv=subdivision or None, years=year, observed=True, language=language
        )

    # The names go into a step's stored reason, in English like the rest of it, whatever the
    # country's own language or the process's locale. Without the package's translation files
    # (the bundle leaves them out) the names are the package's own, which are English.
    table = None
    if "en_US" in getattr(known, "supported_languages", ()):
        with contextlib.suppress(OSError):
            table = table_in("en_US")
    if table is None:
        table = table_in(None)
    return {day: str(name) for day, name in table.items() if day.year == year}


def holiday_name(d: date, country: str) -> str | None:
    """The name of the public holiday on ``d`` in ``country`` (or subdivision), in English as
    ``holidays`` gives it ("Christmas Day", "Christmas Day (observed)"); None on other days."""
    return _holiday_names(country, d.year).get(d)


#: The work week when a country is unknown: Monday to Friday.
MONDAY_TO_FRIDAY = frozenset({1, 2, 3, 4, 5})


@functools.lru_cache(maxsize=256)
def country_work_days(place: str) -> frozenset[int]:
    """The ISO weekdays (Monday = 1) a country works, from ``holidays``' weekend (Israel rests
    on Friday and Saturday); Monday to Friday for an unknown or empty code."""
    table = _calendar_table(place)
    weekend = getattr(table, "weekend", None)
    if not weekend:
        return MONDAY_TO_FRIDAY
    # holidays counts weekdays from Monday = 0.
    return frozenset(range(1, 8)) - {int(day) + 1 for day in weekend}


def is_known_place(place: str) -> bool:
    """``place`` is a country (``"US"``) or subdivision (``"US-CA"``) ``holidays`` knows."""
    return _calendar_table(place) is not None


def region_problem(region: str, country: str) -> str | None:
    """Why ``region`` cannot be an interview's region in ``country`` (ISO 3166-1; empty: any),
    or None when it can: empty, or an ISO 3166-2 code of that country whose public holidays
    ``holidays`` knows (``"GB-ENG"``, ``"DE-BY"``, ``"US-CA"``)."""
    code = region.strip().upper()
    if not code:
        return None
    country_code, subdivision = split_place(code)
    if len(country_code) != 2 or not subdivision or not code.isascii():
        return f"expected a code like 'GB-ENG', 'DE-BY' or 'US-CA', got {region!r}"
    wanted = country.strip().upper()
    if wanted and country_code != wanted:
        return f"{code} is a region of {country_code}, not of {wanted}"
    if not is_known_place(code):
        return f"{code} is not a region whose public holidays Afterview knows"
    return None


def is_business_day(d: date, country: str, work_days: frozenset[int] | None = None) -> bool:
    """``d`` is a work day and not a public holiday in ``country`` (an ISO 3166-1 code, or an
    ISO 3166-2 subdivision such as ``"GB-ENG"``, whose own holidays then count too).

    ``work_days`` are ISO weekdays; None takes the country's own work week
    (:func:`country_work_days`).
    """
    week = country_work_days(country) if work_days is None else work_days
    return d.isoweekday() in week and d not in _holiday_names(country, d.year)


def _require_aware(moment: datetime, name: str) -> tzinfo:
    zone = moment.tzinfo
    if zone is None or zone.utcoffset(moment) is None:
        raise ValueError(f"{name} must be an aware datetime, got {moment!r}")
    return zone


def _normalised(moment: datetime) -> datetime:
    """Resolve a wall time that DST skipped or repeated to a real instant in the same zone.

    A repeated wall time (the hour the clocks go back) is its first occurrence, as
    ``zoneinfo`` reads it with ``fold=0``. A skipped one (the spring-forward gap) becomes
    the first valid minute after the gap, the moment of the change: 02:30 on the night New
    York skips 02:00-03:00 is 03:00 summer time. Issue 12 §2 ("day rules keep the wall-clock
    time, or the first valid minute after a gap").
    """
    zone = moment.tzinfo
    assert zone is not None
    # In a gap, fold=0 reads the wall time with the offset before the change and fold=1 with
    # the one after, so the first reading lies after the second; elsewhere it does not.
    first = moment.replace(fold=0).astimezone(UTC)
    second = moment.replace(fold=1).astimezone(UTC)
    if first <= second:
        return first.astimezone(zone)
    after = first.astimezone(zone).utcoffset()
    # Zones change at whole seconds: search them for the change, which lies in (low, high].
    low, high = int(second.timestamp()), int(first.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == after:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, zone)


def _on_date(moment: datetime, day: date) -> datetime:
    """``moment``'s wall-clock time on another ``day``, in the same zone."""
    wall = moment.replace(tzinfo=None, fold=0).time()
    return _normalised(datetime.combine(day, wall, tzinfo=moment.tzinfo))


def business_days_after(
    start_local: datetime, n: int, country: str, work_days: frozenset[int] | None = None
) -> datetime:
    """The same wall-clock time ``n`` business days after ``start_local``'s date.

    The start day itself never counts, so one business day after a Friday is
    the Monday (or the Tuesday when Monday is a holiday).
    """
    _require_aware(start_local, "start_local")
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    if work_days is not None and not work_days & frozenset(range(1, 8)):
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


def next_working_time(
    moment: datetime,
    country: str,
    work_days: frozenset[int] | None,
    hours: tuple[time, time],
) -> datetime:
    """When someone can be reached about ``moment``: on a business day of ``country`` (ISO
    3166-1, or a 3166-2 subdivision like ``"DE-BY"``) inside working hours ``[start, end)``,
    wall-clock in ``moment``'s own zone (the interview's).

    - a business day inside working hours: ``moment`` unchanged;
    - a business day before the start: that day at the start;
    - at or after the end, or a day that is not a business day: the next business day at
      ``moment``'s time of day when it lies inside working hours, else at the start.

    ``work_days`` None takes the country's work week. Rule: issue 12 §1, from seed 001 §4
    (some interviewers only take phone calls; nobody answers on a holiday). The result is
    aware, in ``moment``'s zone; ValueError for a naive ``moment``, for working hours that
    are empty (start not before end) or a week without a business day.
    """
    _require_aware(moment, "moment")
    start, end = (edge.replace(tzinfo=None) for edge in hours)
    if not start < end:
        raise ValueError(f"working hours must start before they end, got {start}-{end}")
    wall = moment.replace(tzinfo=None).time()
    inside = start <= wall < end
    day = moment.date()
    if is_business_day(day, country, work_days):
        if inside:
            return moment
        if wall < start:
            return _on_day_at(moment, day, start)
    skipped = 0
    while True:
        day += timedelta(days=1)
        if is_business_day(day, country, work_days):
            break
        skipped += 1
        if skipped > _MAX_SKIP:
            raise ValueError(f"no business day within a year after {day} in {country!r}")
    return _on_day_at(moment, day, wall if inside else start)


def _on_day_at(moment: datetime, day: date, wall: time) -> datetime:
    return _normalised(datetime.combine(day, wall, tzinfo=moment.tzinfo))


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
