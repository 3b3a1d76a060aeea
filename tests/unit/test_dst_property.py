"""Elapsed time and wall-clock time, never mixed (issue 12 §2), around every clock change of
2026-2028 in zones with unusual rules: New York, Berlin, Lord Howe (a 30-minute change),
Santiago, Chatham (UTC+12:45/13:45), Tehran, Casablanca (its Ramadan change) and Sydney (a
southern-hemisphere zone).

- a duration is elapsed: end - start is exactly the duration;
- rules in hours are exactly that many elapsed hours (seed 004 "within the next 24 hours",
  000 §2 "as soon as you can");
- rules in days keep the wall-clock time of the interview's zone (seed 001 §4 "over a week"),
  or the first valid minute after a gap.

The transitions are found here by scanning the offsets hour by hour; the wall-clock expectation
is worked out by walking minutes, not by asking the calendar module.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.playbook import plan_interview
from afterview.domain.records import Contact, Interview, Participation, Role, Status, StepKind
from afterview.domain.settings import Settings, ThankYouDeadline
from tests.hypothesis_settings import examples

ZONES = [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Chatham",
    "Asia/Tehran",
    "Africa/Casablanca",
    "Australia/Sydney",
]
LAURA = Contact(id=1, name="Laura Chen", title="Engineering Manager", email="l@acme.example")
#: Every day a work day, work all day, no country: the day rules are not moved, so what is
#: left to see is the wall clock.
ANY_TIME = Settings(
    work_days=frozenset(range(1, 8)),
    workday_start=time(0, 0),
    workday_end=time.max,
    home_country="",
    thank_you_deadline=ThankYouDeadline.HOURS_24,
)


@functools.cache
def transitions(zone_name: str) -> tuple[datetime, ...]:
    """The UTC instants (to the minute) at which ``zone_name``'s offset changes, 2026-2028."""
    zone = ZoneInfo(zone_name)
    found = []
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    previous = moment.astimezone(zone).utcoffset()
    while moment < datetime(2029, 1, 1, tzinfo=UTC):
        after = moment + timedelta(hours=1)
        offset = after.astimezone(zone).utcoffset()
        if offset != previous:
            minute = moment
            while minute.astimezone(zone).utcoffset() == previous:
                minute += timedelta(minutes=1)
            found.append(minute)
            previous = offset
        moment = after
    return tuple(found)


def _wall_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first instant the clock shows ``wall``; after a gap, its first valid minute."""
    candidate = wall
    while True:
        aware = candidate.replace(tzinfo=zone, fold=0)
        if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == candidate:
            return aware.astimezone(UTC)
        candidate += timedelta(minutes=1)


@st.composite
def around_a_change(draw: st.DrawFn) -> tuple[str, datetime]:
    zone_name = draw(st.sampled_from(ZONES))
    # Tehran has kept one offset since 2022: any instant of the three years, then.
    changes = transitions(zone_name) or (datetime(2027, 3, 22, tzinfo=UTC),)
    change = draw(st.sampled_from(changes))
    # Up to a day and a half either side, to the minute: starts, ends and the day rules' days
    # all fall on and around the change.
    offset = draw(st.integers(-36 * 60, 36 * 60))
    return zone_name, change + timedelta(minutes=offset)


@settings(max_examples=examples(300), deadline=None)
@given(around_a_change(), st.integers(1, 24 * 60), st.integers(0, 10))
def test_hours_are_elapsed_and_days_keep_the_wall_clock(
    where: tuple[str, datetime], minutes: int, days_before: int
) -> None:
    zone_name, instant = where
    zone = ZoneInfo(zone_name)
    # The rule in days ends on the change too when the interview was that many days before.
    start_utc = instant - timedelta(days=days_before)
    subject = Interview(
        id=7,
        company="Acme",
        position="Analyst",
        start=start_utc.astimezone(zone),
        time_zone=zone_name,
        duration_minutes=minutes,
        status=Status.AWAITING_DECISION,
        people=(Participation(LAURA, Role.INTERVIEWER),),
    )
    end = subject.end
    assert end.astimezone(UTC) - start_utc == timedelta(minutes=minutes)
    planned = plan_interview(subject, ANY_TIME, {})
    steps = {step.kind: step for step in planned if not step.key.endswith(":2")}
    end_utc = start_utc + timedelta(minutes=minutes)
    assert steps[StepKind.DEBRIEF].due == end_utc + timedelta(hours=ANY_TIME.debrief_hours)
    assert steps[StepKind.THANK_YOU].due == end_utc + timedelta(hours=24)
    wall = end_utc.astimezone(zone).replace(tzinfo=None)
    week_later = wall + timedelta(days=ANY_TIME.follow_up_days)
    follow_up = steps[StepKind.FOLLOW_UP].due
    assert follow_up == _wall_instant(week_later, zone)
    shown = follow_up.astimezone(zone).replace(tzinfo=None)
    # The same wall-clock time, unless the clocks skipped it that night.
    assert shown == week_later or shown > week_later
