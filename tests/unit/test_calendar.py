"""Business days, wall-clock day arithmetic and quiet hours (afterview.domain.calendar).

Expected instants are written out in UTC so a DST mistake cannot hide behind
the same mistake in the test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.domain.calendar import (
    add_local_days,
    add_months,
    at_local_time,
    business_days_after,
    country_work_days,
    hold_for_quiet_hours,
    holiday_name,
    is_business_day,
    is_known_place,
    next_working_time,
    region_problem,
    split_place,
)

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = frozenset({1, 2, 3, 4, 5})
EVERY_DAY = frozenset(range(1, 8))
QUIET = (time(21, 0), time(8, 0))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "country", "expected"),
    [
        pytest.param(date(2026, 12, 25), "US", False, id="US-christmas"),
        pytest.param(date(2026, 12, 24), "US", True, id="US-christmas-eve-is-a-workday"),
        pytest.param(date(2026, 12, 26), "US", False, id="saturday"),
        pytest.param(date(2026, 4, 3), "DE", False, id="DE-good-friday"),
        pytest.param(date(2026, 4, 3), "US", True, id="US-good-friday-is-a-workday"),
        pytest.param(date(2026, 10, 3), "DE", False, id="DE-unity-day-saturday"),
        pytest.param(date(2026, 12, 25), "", True, id="no-country-weekends-only"),
        pytest.param(date(2026, 12, 25), "XX", True, id="unknown-country-weekends-only"),
        pytest.param(date(2026, 12, 25), "us", False, id="lower-case-code"),
    ],
)
def test_is_business_day(day: date, country: str, expected: bool) -> None:
    assert is_business_day(day, country, WEEKDAYS) is expected


def test_is_business_day_honours_custom_work_week() -> None:
    # A Sunday-to-Thursday week: Friday 2026-05-15 is off, Sunday 2026-05-17 is on.
    week = frozenset({7, 1, 2, 3, 4})
    assert not is_business_day(date(2026, 5, 15), "", week)
    assert is_business_day(date(2026, 5, 17), "", week)


@pytest.mark.parametrize(
    ("start", "n", "country", "expected_utc"),
    [
        # 002/003 "two business days": Wed 23 Dec -> Thu 24, (Fri 25 Christmas, weekend) Mon 28.
        pytest.param(
            datetime(2026, 12, 23, 15, 0, tzinfo=NY), 2, "US", utc(2026, 12, 28, 20), id="xmas-US"
        ),
        pytest.param(
            datetime(2026, 5, 15, 11, 0, tzinfo=NY), 1, "US", utc(2026, 5, 18, 15), id="friday"
        ),
        pytest.param(
            datetime(2026, 5, 22, 11, 0, tzinfo=NY), 1, "US", utc(2026, 5, 26, 15), id="memorial"
        ),
        # Good Friday and Easter Monday in Germany: Thu 2 Apr -> Tue 7 Apr.
        pytest.param(
            datetime(2026, 4, 2, 11, 0, tzinfo=BERLIN), 1, "DE", utc(2026, 4, 7, 9), id="easter-DE"
        ),
        pytest.param(
            datetime(2026, 4, 2, 11, 0, tzinfo=BERLIN), 1, "US", utc(2026, 4, 3, 9), id="easter-US"
        ),
        # Across NY spring-forward (Sun 8 Mar): Fri 10:00 EST -> Mon 10:00 EDT.
        pytest.param(
            datetime(2026, 3, 6, 10, 0, tzinfo=NY), 1, "US", utc(2026, 3, 9, 14), id="dst-NY"
        ),
        # Across Berlin fall-back (Sun 25 Oct): Fri 10:00 CEST -> Mon 10:00 CET.
        pytest.param(
            datetime(2026, 10, 23, 10, 0, tzinfo=BERLIN), 1, "DE", utc(2026, 10, 26, 9), id="dst-DE"
        ),
        pytest.param(
            datetime(2026, 5, 13, 11, 0, tzinfo=NY), 0, "US", utc(2026, 5, 13, 15), id="zero"
        ),
    ],
)
def test_business_days_after(start: datetime, n: int, country: str, expected_utc: datetime) -> None:
    result = business_days_after(start, n, country, WEEKDAYS)
    assert result.astimezone(UTC) == expected_utc
    assert result.tzinfo is start.tzinfo
    assert result.replace(tzinfo=None).time() == start.replace(tzinfo=None).time()


def test_business_days_after_spring_forward_gap_takes_the_first_minute_after_it() -> None:
    # 02:30 does not exist in New York on 2026-03-08 (02:00 EST jumps to 03:00 EDT): a day
    # rule lands on the first valid minute after the gap, 03:00 EDT (07:00 UTC), issue 12 §2.
    result = business_days_after(datetime(2026, 3, 7, 2, 30, tzinfo=NY), 1, "", EVERY_DAY)
    assert result == utc(2026, 3, 8, 7, 0)
    assert (result.hour, result.minute, result.utcoffset()) == (3, 0, timedelta(hours=-4))


def test_business_days_after_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="aware"):
        business_days_after(datetime(2026, 5, 1, 9), 1, "US", WEEKDAYS)
    with pytest.raises(ValueError, match="negative"):
        business_days_after(datetime(2026, 5, 1, 9, tzinfo=NY), -1, "US", WEEKDAYS)
    with pytest.raises(ValueError, match="work_days"):
        business_days_after(datetime(2026, 5, 1, 9, tzinfo=NY), 1, "US", frozenset())


@pytest.mark.parametrize(
    ("start", "days", "expected_utc"),
    [
        # Wall time kept across NY spring-forward and fall-back.
        pytest.param(datetime(2026, 3, 7, 11, tzinfo=NY), 7, utc(2026, 3, 14, 15), id="NY-spring"),
        pytest.param(datetime(2026, 10, 31, 11, tzinfo=NY), 7, utc(2026, 11, 7, 16), id="NY-fall"),
        pytest.param(
            datetime(2026, 3, 28, 15, tzinfo=BERLIN), 1, utc(2026, 3, 29, 13), id="Berlin-spring"
        ),
        pytest.param(
            datetime(2026, 10, 24, 15, tzinfo=BERLIN), 1, utc(2026, 10, 25, 14), id="Berlin-fall"
        ),
        # 02:30 is skipped on 2026-03-08: the first valid minute after the gap, 03:00 EDT.
        pytest.param(datetime(2026, 3, 7, 2, 30, tzinfo=NY), 1, utc(2026, 3, 8, 7, 0), id="gap"),
        # 01:30 happens twice on 2026-11-01 in New York: the first (EDT) one is taken.
        pytest.param(
            datetime(2026, 10, 31, 1, 30, tzinfo=NY), 1, utc(2026, 11, 1, 5, 30), id="rep"
        ),
        pytest.param(datetime(2026, 3, 14, 11, tzinfo=NY), -7, utc(2026, 3, 7, 16), id="back"),
    ],
)
def test_add_local_days(start: datetime, days: int, expected_utc: datetime) -> None:
    # Compare in UTC: Python never calls an ambiguous local time equal to another zone's.
    assert add_local_days(start, days).astimezone(UTC) == expected_utc


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 6, 1), 0, date(2026, 6, 1)),
        (date(2026, 1, 15), 24, date(2028, 1, 15)),
    ],
)
def test_add_months_on_dates(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_keeps_wall_time_across_dst() -> None:
    # 31 Jan 10:00 EST + 3 months -> 30 Apr (clamped) 10:00 EDT = 14:00 UTC.
    result = add_months(datetime(2026, 1, 31, 10, tzinfo=NY), 3)
    assert result == utc(2026, 4, 30, 14)
    assert result.hour == 10


def test_at_local_time() -> None:
    assert at_local_time(date(2026, 7, 1), time(9), "America/New_York") == utc(2026, 7, 1, 13)
    assert at_local_time(date(2026, 1, 5), time(9), "Europe/Berlin") == utc(2026, 1, 5, 8)
    # In the spring-forward gap (02:00 CET -> 03:00 CEST): the first valid minute after it.
    gap = at_local_time(date(2026, 3, 29), time(2, 30), "Europe/Berlin")
    assert gap == utc(2026, 3, 29, 1, 0)
    assert (gap.hour, gap.minute) == (3, 0)
    # Lord Howe moves by 30 minutes (02:00 -> 02:30 on 2026-10-04): 02:10 becomes 02:30.
    howe = at_local_time(date(2026, 10, 4), time(2, 10), "Australia/Lord_Howe")
    assert howe == utc(2026, 10, 3, 15, 30)
    assert (howe.hour, howe.minute) == (2, 30)


@pytest.mark.parametrize(
    ("instant", "quiet", "expected"),
    [
        # 23:00 EDT on 1 May -> held to 08:00 EDT on 2 May.
        pytest.param(utc(2026, 5, 2, 3), QUIET, utc(2026, 5, 2, 12), id="evening"),
        # 02:00 EDT -> 08:00 EDT the same day.
        pytest.param(utc(2026, 5, 2, 6), QUIET, utc(2026, 5, 2, 12), id="small-hours"),
        pytest.param(utc(2026, 5, 2, 1), QUIET, utc(2026, 5, 2, 12), id="at-start-21:00"),
        pytest.param(utc(2026, 5, 2, 12), QUIET, utc(2026, 5, 2, 12), id="at-end-is-free"),
        pytest.param(utc(2026, 5, 2, 16), QUIET, utc(2026, 5, 2, 16), id="daytime"),
        pytest.param(utc(2026, 5, 2, 3), (time(9), time(9)), utc(2026, 5, 2, 3), id="none"),
        # A window that does not wrap midnight: 12:00-14:00 local.
        pytest.param(utc(2026, 5, 2, 17), (time(12), time(14)), utc(2026, 5, 2, 18), id="lunch"),
        # The night of NY spring-forward: 23:00 EST on 7 Mar -> 08:00 EDT on 8 Mar.
        pytest.param(utc(2026, 3, 8, 4), QUIET, utc(2026, 3, 8, 12), id="dst-night"),
    ],
)
def test_hold_for_quiet_hours(
    instant: datetime, quiet: tuple[time, time], expected: datetime
) -> None:
    result = hold_for_quiet_hours(instant, quiet, "America/New_York")
    assert result == expected
    assert result.tzinfo is UTC


def test_hold_for_quiet_hours_needs_aware_instant() -> None:
    with pytest.raises(ValueError, match="aware"):
        hold_for_quiet_hours(datetime(2026, 5, 2, 3), QUIET, "America/New_York")


ZONES = st.sampled_from(
    [
        "America/New_York",
        "Europe/Berlin",
        "Pacific/Chatham",
        "Australia/Lord_Howe",
        "America/St_Johns",
        "Asia/Kathmandu",
        "UTC",
    ]
)
INSTANTS = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
WALL_TIMES = st.times()
COUNTRIES = st.sampled_from(["US", "DE", "JP", "GB", "NZ", "AU", "CA", "NP", "", "XX"])
WORK_WEEKS = st.frozensets(st.integers(1, 7), min_size=1)


@given(INSTANTS, st.integers(0, 15), COUNTRIES, WORK_WEEKS, ZONES)
def test_business_days_land_on_business_days(
    instant: datetime, n: int, country: str, work_days: frozenset[int], zone: str
) -> None:
    start = instant.astimezone(ZoneInfo(zone))
    result = business_days_after(start, n, country, work_days)
    assert result.tzinfo is not None
    assert result >= start
    if n:
        assert is_business_day(result.date(), country, work_days)
        gap = (result.date() - start.date()).days
        between = (start.date() + timedelta(days=k) for k in range(1, gap))
        assert sum(is_business_day(d, country, work_days) for d in between) == n - 1


@given(INSTANTS, st.integers(-400, 400), ZONES)
def test_add_local_days_keeps_wall_time_unless_it_does_not_exist(
    instant: datetime, days: int, zone: str
) -> None:
    start = instant.astimezone(ZoneInfo(zone))
    result = add_local_days(start, days)
    assert result.date() == start.date() + timedelta(days=days)
    wall = datetime.combine(result.date(), start.replace(tzinfo=None).time())
    # Either the wall time is kept, or it fell in a DST gap and moved forward by the gap.
    shown = result.replace(tzinfo=None)
    assert timedelta(0) <= shown - wall <= timedelta(hours=1)
    # The result is a real instant: its wall time round-trips through UTC unchanged.
    assert result.astimezone(UTC).astimezone(result.tzinfo) == result


def _quiet_at(moment: datetime, quiet: tuple[time, time], zone: str) -> bool:
    """The rule as the settings describe it: local wall time in [start, end), wrapping at
    midnight when start is later than end; start == end means no quiet hours."""
    start, end = quiet
    wall = moment.astimezone(ZoneInfo(zone)).time()
    if start == end:
        return False
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end


@st.composite
def quiet_cases(draw: st.DrawFn) -> tuple[datetime, tuple[time, time], str]:
    """An instant, a quiet window and a zone; half the instants are built inside the window
    (a wall time between its start and end, edges included), so both outcomes are always
    exercised."""
    zone = draw(ZONES)
    quiet = draw(st.tuples(WALL_TIMES, WALL_TIMES))
    if not draw(st.booleans()):
        return draw(INSTANTS), quiet, zone
    start, end = quiet
    length = (datetime.combine(date.min, end) - datetime.combine(date.min, start)) % timedelta(
        days=1
    )
    offset = length * draw(st.sampled_from([0.0, 1.0]) | st.floats(0, 1))
    day = draw(st.dates(date(2025, 1, 2), date(2028, 12, 30)))
    local = datetime.combine(day, start) + offset
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC), quiet, zone


@given(quiet_cases())
def test_quiet_hours_hold_until_the_window_ends_and_no_longer(
    case: tuple[datetime, tuple[time, time], str],
) -> None:
    instant, quiet, zone = case
    end = quiet[1]
    result = hold_for_quiet_hours(instant, quiet, zone)
    assert result.tzinfo is UTC
    if not _quiet_at(instant, quiet, zone):
        assert result == instant  # outside the window (or no window): never moved
        return
    assert result > instant
    offset = instant.astimezone(ZoneInfo(zone)).utcoffset()
    assert offset is not None
    local = instant.replace(tzinfo=None) + offset
    # The next time the wall clock shows ``end``, worked out at the instant's UTC offset.
    ends = datetime.combine(local.date(), end)
    if ends <= local:
        ends += timedelta(days=1)
    expected = (ends - offset).replace(tzinfo=UTC)
    if expected.astimezone(ZoneInfo(zone)).utcoffset() == offset:
        assert result == expected
    else:
        # A DST change in between: the window's end on the wall clock, or just after it when
        # that wall time does not exist that day.
        shown = result.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        assert timedelta(0) <= shown - datetime.combine(shown.date(), end) <= timedelta(hours=1)
        assert result - instant <= timedelta(days=1, hours=1)


# --- outreach on business days, in working hours (issue 12 §1; seed 001 §4) ---------------------

HOURS = (time(9, 0), time(17, 0))
LONDON = ZoneInfo("Europe/London")
JERUSALEM = ZoneInfo("Asia/Jerusalem")


@pytest.mark.parametrize(
    ("wanted", "place", "expected"),
    [
        # A business day inside working hours: unchanged (the start itself is inside).
        pytest.param(
            datetime(2026, 12, 2, 9, 0, tzinfo=NY), "US", utc(2026, 12, 2, 14), id="start"
        ),
        pytest.param(
            datetime(2026, 12, 2, 16, 59, tzinfo=NY),
            "US",
            utc(2026, 12, 2, 21, 59),
            id="last-minute",
        ),
        # Before the start on a business day: that day at the start.
        pytest.param(
            datetime(2026, 12, 2, 6, 30, tzinfo=NY), "US", utc(2026, 12, 2, 14), id="early"
        ),
        # At the end (outside) or after: the next business day at the start.
        pytest.param(datetime(2026, 12, 2, 17, 0, tzinfo=NY), "US", utc(2026, 12, 3, 14), id="end"),
        pytest.param(
            datetime(2026, 12, 4, 20, 0, tzinfo=NY), "US", utc(2026, 12, 7, 14), id="friday-night"
        ),
        # Not a business day, inside hours: the next one at the same time of day.
        pytest.param(
            datetime(2026, 12, 25, 15, 0, tzinfo=NY), "US", utc(2026, 12, 28, 20), id="christmas"
        ),
        pytest.param(
            datetime(2026, 12, 5, 10, 0, tzinfo=NY), "US", utc(2026, 12, 7, 15), id="saturday"
        ),
        # Not a business day, before the start: the next one at the start.
        pytest.param(
            datetime(2026, 12, 6, 7, 0, tzinfo=NY), "US", utc(2026, 12, 7, 14), id="sunday-early"
        ),
        # A region's own holiday: Easter Monday is one in England, not in Great Britain.
        pytest.param(
            datetime(2026, 4, 6, 10, tzinfo=LONDON), "GB-ENG", utc(2026, 4, 7, 9), id="eng"
        ),
        pytest.param(datetime(2026, 4, 6, 10, tzinfo=LONDON), "GB", utc(2026, 4, 6, 9), id="gb"),
        # Israel rests on Friday and Saturday: Friday moves to Sunday.
        pytest.param(
            datetime(2026, 12, 4, 10, tzinfo=JERUSALEM), "IL", utc(2026, 12, 6, 8), id="il"
        ),
    ],
)
def test_next_working_time(wanted: datetime, place: str, expected: datetime) -> None:
    moved = next_working_time(wanted, place, None, HOURS)
    assert moved == expected
    assert moved.tzinfo is wanted.tzinfo


def test_next_working_time_honours_the_users_work_week_and_refuses_bad_input() -> None:
    saturday = datetime(2026, 12, 5, 10, tzinfo=NY)
    assert next_working_time(saturday, "US", EVERY_DAY, HOURS) == saturday
    with pytest.raises(ValueError, match=r"^moment must be an aware datetime"):
        next_working_time(datetime(2026, 12, 5, 10), "US", None, HOURS)
    with pytest.raises(ValueError, match="working hours must start before they end"):
        next_working_time(saturday, "US", None, (time(17), time(17)))
    with pytest.raises(ValueError, match="no business day within a year"):
        next_working_time(saturday, "", frozenset({8}), HOURS)


def test_the_work_week_comes_from_the_country() -> None:
    assert country_work_days("US") == WEEKDAYS
    assert country_work_days("il") == frozenset({7, 1, 2, 3, 4})  # Sunday to Thursday
    assert country_work_days("") == WEEKDAYS
    assert country_work_days("XX") == WEEKDAYS
    assert is_business_day(date(2026, 12, 6), "IL")  # a Sunday
    assert not is_business_day(date(2026, 12, 4), "IL")  # a Friday


def test_places_and_their_holidays() -> None:
    assert split_place(" gb-eng ") == ("GB", "ENG")
    assert split_place("us") == ("US", "")
    assert is_known_place("DE-BY") and is_known_place("US")
    assert not is_known_place("GB-XYZ") and not is_known_place("") and not is_known_place("XX")
    assert holiday_name(date(2026, 12, 25), "US") == "Christmas Day"
    assert holiday_name(date(2026, 1, 6), "DE-BY") == "Epiphany"  # in English
    assert holiday_name(date(2026, 1, 6), "DE") is None
    assert holiday_name(date(2026, 12, 2), "US") is None
    assert holiday_name(date(2026, 12, 25), "") is None


@pytest.mark.parametrize(
    ("region", "country", "problem"),
    [
        ("", "GB", None),
        ("GB-ENG", "GB", None),
        ("gb-eng", "", None),
        ("DE-BY", "GB", "DE-BY is a region of DE, not of GB"),
        ("ENG", "GB", "expected a code like 'GB-ENG', 'DE-BY' or 'US-CA', got 'ENG'"),
        ("GBR-ENG", "", "expected a code like 'GB-ENG', 'DE-BY' or 'US-CA', got 'GBR-ENG'"),
        ("GB-", "GB", "expected a code like 'GB-ENG', 'DE-BY' or 'US-CA', got 'GB-'"),
        ("GB-XYZ", "GB", "GB-XYZ is not a region whose public holidays Afterview knows"),
    ],
)
def test_region_problem(region: str, country: str, problem: str | None) -> None:
    assert region_problem(region, country) == problem
