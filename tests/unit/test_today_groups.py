"""Today's calendar groups (issue 14, "Today's groups follow the calendar"): every step in
exactly one group, the groups in due order, and the edges of Sunday-first and Monday-first
weeks and of the year worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.domain.today_groups import Group, day_group, group_of, week_start

MONDAY, SATURDAY, SUNDAY = 1, 6, 7
ORDER = list(Group)
ZONES = st.sampled_from(["UTC", "America/New_York", "Europe/Berlin", "Pacific/Apia"])
INSTANTS = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)


def _week(day: date, first_weekday: int) -> int:
    """Grows by one on each ``first_weekday`` (1 Jan of year 1, ordinal 1, is a Monday)."""
    return (day.toordinal() - first_weekday) // 7


def _expected(day: date, today: date, first_weekday: int) -> Group:
    """The issue's words, restated by counting days and weeks."""
    if day == today:
        return Group.TODAY
    if (day - today).days == 1:
        return Group.TOMORROW
    weeks = _week(day, first_weekday) - _week(today, first_weekday)
    return {0: Group.THIS_WEEK, 1: Group.NEXT_WEEK}.get(weeks, Group.LATER)


@given(
    today=st.dates(date(1990, 1, 1), date(2090, 12, 31)),
    ahead=st.integers(0, 40),
    first_weekday=st.integers(1, 7),
)
def test_each_day_has_the_group_the_calendar_gives(
    today: date, ahead: int, first_weekday: int
) -> None:
    day = today + timedelta(days=ahead)
    assert day_group(day, today, first_weekday) is _expected(day, today, first_weekday)


@given(
    now=INSTANTS,
    zone=ZONES,
    first_weekday=st.integers(1, 7),
    offsets=st.lists(st.integers(-20 * 24 * 60, 40 * 24 * 60), min_size=1, max_size=30),
)
def test_every_step_is_in_one_group_and_the_groups_keep_due_order(
    now: datetime, zone: str, first_weekday: int, offsets: list[int]
) -> None:
    local_now = now.astimezone(ZoneInfo(zone))
    dues = sorted(now + timedelta(minutes=m) for m in offsets)
    groups = [group_of(due, local_now, first_weekday) for due in dues]
    # One group each (a Group, not None), and walking the steps by due never goes back to
    # an earlier group: the page's groups, read top to bottom, are in due order.
    assert all(isinstance(g, Group) for g in groups)
    indexes = [ORDER.index(g) for g in groups]
    assert indexes == sorted(indexes)
    for due, group in zip(dues, groups, strict=True):
        if due <= now:
            assert group is Group.OVERDUE
        else:
            day = due.astimezone(ZoneInfo(zone)).date()
            assert group is _expected(day, local_now.date(), first_weekday)


@given(today=st.dates(date(1990, 1, 1), date(2090, 12, 31)), first_weekday=st.integers(1, 7))
def test_the_week_starts_on_its_first_day(today: date, first_weekday: int) -> None:
    start = week_start(today, first_weekday)
    assert start.isoweekday() == first_weekday
    assert 0 <= (today - start).days < 7


# Worked by hand on a calendar of November and December 2026 and January 2027.
SAT_28_NOV = date(2026, 11, 28)
FRI_27_NOV = date(2026, 11, 27)
THU_31_DEC = date(2026, 12, 31)


@pytest.mark.parametrize(
    ("today", "first_weekday", "day", "group"),
    [
        # Monday-first (most of Europe): on Saturday, Sunday is tomorrow and still this week.
        (SAT_28_NOV, MONDAY, date(2026, 11, 29), Group.TOMORROW),
        (SAT_28_NOV, MONDAY, date(2026, 11, 30), Group.NEXT_WEEK),
        (SAT_28_NOV, MONDAY, date(2026, 12, 6), Group.NEXT_WEEK),
        (SAT_28_NOV, MONDAY, date(2026, 12, 7), Group.LATER),
        (FRI_27_NOV, MONDAY, date(2026, 11, 29), Group.THIS_WEEK),
        (FRI_27_NOV, MONDAY, date(2026, 11, 30), Group.NEXT_WEEK),
        # Sunday-first (the United States): Saturday is the week's last day.
        (SAT_28_NOV, SUNDAY, date(2026, 11, 29), Group.TOMORROW),
        (SAT_28_NOV, SUNDAY, date(2026, 11, 30), Group.NEXT_WEEK),
        (SAT_28_NOV, SUNDAY, date(2026, 12, 5), Group.NEXT_WEEK),
        (SAT_28_NOV, SUNDAY, date(2026, 12, 6), Group.LATER),
        (FRI_27_NOV, SUNDAY, date(2026, 11, 28), Group.TOMORROW),
        (FRI_27_NOV, SUNDAY, date(2026, 11, 29), Group.NEXT_WEEK),
        # Saturday-first (much of the Middle East).
        (FRI_27_NOV, SATURDAY, date(2026, 11, 28), Group.TOMORROW),
        (FRI_27_NOV, SATURDAY, date(2026, 12, 5), Group.LATER),
        # The end of the year: the week carries on into January.
        (THU_31_DEC, MONDAY, date(2027, 1, 1), Group.TOMORROW),
        (THU_31_DEC, MONDAY, date(2027, 1, 3), Group.THIS_WEEK),
        (THU_31_DEC, MONDAY, date(2027, 1, 4), Group.NEXT_WEEK),
        (THU_31_DEC, MONDAY, date(2027, 1, 11), Group.LATER),
        (THU_31_DEC, SUNDAY, date(2027, 1, 2), Group.THIS_WEEK),
        (THU_31_DEC, SUNDAY, date(2027, 1, 3), Group.NEXT_WEEK),
        (THU_31_DEC, SUNDAY, date(2027, 1, 10), Group.LATER),
    ],
)
def test_week_edges(today: date, first_weekday: int, day: date, group: Group) -> None:
    assert day_group(day, today, first_weekday) is group


def test_the_days_are_the_users_local_days() -> None:
    """23:30 in New York on Saturday is already Sunday in UTC: the local date decides."""
    zone = ZoneInfo("America/New_York")
    now = datetime.combine(SAT_28_NOV, time(9), zone)
    late_tonight = datetime.combine(SAT_28_NOV, time(23, 30), zone)
    assert late_tonight.astimezone(UTC).date() == date(2026, 11, 29)
    assert group_of(late_tonight, now, SUNDAY) is Group.TODAY
    assert group_of(now, now, SUNDAY) is Group.OVERDUE  # due at this very instant


def test_a_bad_week_start_or_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="first_weekday"):
        day_group(SAT_28_NOV, SAT_28_NOV, 0)
    with pytest.raises(ValueError, match="aware"):
        group_of(datetime(2026, 11, 28, 9), datetime(2026, 11, 28, 8, tzinfo=UTC), MONDAY)
