"""Every step that reaches out to someone lands on a business day, inside working hours, as a
tiny oracle written here works it out (issue 12 §1; seed 001_78c410949a4570b0.txt §4: follow up
by the interviewer's channel, some only take phone calls, and nobody answers on a holiday).

The oracle shares nothing with the planner: it reads the public holidays from the `holidays`
package directly, walks day by day to the next business day and minute by minute to the start
of working hours, and finds wall-clock times that a clock change skipped by walking forward a
minute at a time. Places: the United States, Germany (and Bavaria), England, Japan.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from hypothesis import example, given, settings
from hypothesis import strategies as st

from afterview.domain.contact_ways import ways
from afterview.domain.playbook import plan_interview
from afterview.domain.records import (
    Contact,
    Interview,
    Participation,
    Reference,
    Referral,
    Role,
    Status,
    StepKind,
)
from afterview.domain.settings import Settings
from tests.hypothesis_settings import examples

#: (country, region, zone): a region's own holidays count (England's Easter Monday, Bavaria's
#: Epiphany are not national holidays).
PLACES = [
    ("US", "", "America/New_York"),
    ("US", "US-CA", "America/Los_Angeles"),
    ("DE", "", "Europe/Berlin"),
    ("DE", "DE-BY", "Europe/Berlin"),
    ("GB", "GB-ENG", "Europe/London"),
    ("JP", "", "Asia/Tokyo"),
]
LAURA = Contact(id=1, name="Laura Chen", title="Engineering Manager", emails=ways("l@acme.example"))
ANA = Reference(id=1, name="Ana Ruiz", email="ana@example.org")
SAM = Referral(id=1, name="Sam Lee", email="sam@example.org")


def _holiday(day: date, country: str, region: str) -> bool:
    subdivision = region.partition("-")[2] or None
    return day in holidays.country_holidays(country, subdiv=subdivision, years=day.year)


def _business(day: date, country: str, region: str, work_days: frozenset[int] | None) -> bool:
    # The countries here all rest on Saturday and Sunday.
    week = work_days if work_days is not None else frozenset({1, 2, 3, 4, 5})
    return day.isoweekday() in week and not _holiday(day, country, region)


def _instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first instant the wall clock in ``zone`` shows ``wall`` (naive), or, when the clocks
    skipped it, the first minute after the gap, found by walking forward minute by minute."""
    candidate = wall
    while True:
        aware = candidate.replace(tzinfo=zone, fold=0)
        if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == candidate:
            return aware.astimezone(UTC)
        # Step to the next whole minute, from the top of this one.
        candidate = candidate.replace(second=0, microsecond=0) + timedelta(minutes=1)


def _reachable(wall: datetime, place: tuple[str, str], config: Settings) -> datetime:
    """The oracle's business-day rule on a naive wall time."""
    country, region = place
    start, end = config.workday_start, config.workday_end
    day = wall.date()
    inside = start <= wall.time() < end
    if _business(day, country, region, config.work_days):
        if inside:
            return wall
        if wall.time() < start:
            walk = wall
            while walk.time() < start:  # minute by minute to the start of the day's work
                walk = walk.replace(second=0, microsecond=0) + timedelta(minutes=1)
            return walk
    day += timedelta(days=1)
    while not _business(day, country, region, config.work_days):
        day += timedelta(days=1)
    return datetime.combine(day, wall.time() if inside else start)


def _wall(instant: datetime, zone: ZoneInfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


PLACE = st.sampled_from(PLACES)
STARTS = st.datetimes(datetime(2026, 1, 1), datetime(2028, 12, 20)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)
HOURS = st.tuples(st.times(time(6), time(11, 59)), st.times(time(12), time(20))).map(
    lambda pair: tuple(t.replace(second=0, microsecond=0) for t in pair)
)
WEEKS = st.none() | st.frozensets(st.integers(1, 7), min_size=1)


@settings(max_examples=examples(150), deadline=None)
@given(
    PLACE,
    STARTS,
    st.integers(15, 600),
    HOURS,
    WEEKS,
    st.sampled_from([Status.AWAITING_DECISION, Status.REJECTED, Status.OFFER]),
    st.timedeltas(timedelta(0), timedelta(days=20)),
)
# A week after falls on England's Easter Monday (Mon 6 Apr 2026), Bavaria's Epiphany (Wed 6
# Jan 2027) and California's César Chávez Day (Wed 31 Mar 2027): not national holidays.
@example(
    ("GB", "GB-ENG", "Europe/London"),
    datetime(2026, 3, 30, 9),
    60,
    (time(9), time(17)),
    None,
    Status.AWAITING_DECISION,
    timedelta(0),
)
@example(
    ("DE", "DE-BY", "Europe/Berlin"),
    datetime(2026, 12, 30, 9),
    60,
    (time(9), time(17)),
    None,
    Status.AWAITING_DECISION,
    timedelta(0),
)
@example(
    ("US", "US-CA", "America/Los_Angeles"),
    datetime(2027, 3, 24, 9),
    60,
    (time(9), time(17)),
    None,
    Status.AWAITING_DECISION,
    timedelta(0),
)
def test_outreach_lands_where_the_oracle_says(
    where: tuple[str, str, str],
    start_wall: datetime,
    minutes: int,
    hours: tuple[time, time],
    work_days: frozenset[int] | None,
    status: Status,
    decided_after: timedelta,
) -> None:
    country, region, zone_name = where
    zone = ZoneInfo(zone_name)
    config = Settings(
        work_days=work_days, workday_start=hours[0], workday_end=hours[1], home_country="US"
    )
    start = _instant(start_wall, zone).astimezone(zone)
    end = start.astimezone(UTC) + timedelta(minutes=minutes)
    changed = end + decided_after
    subject = Interview(
        id=7,
        company="Acme",
        position="Analyst",
        start=start,
        time_zone=zone_name,
        duration_minutes=minutes,
        country=country,
        region=region,
        status=status,
        status_changed_at=changed,
        people=(Participation(LAURA, Role.HIRING_MANAGER),),
        references=(ANA,),
        referrals=(SAM,),
    )
    place = (country, region)
    due = {step.kind: step.due for step in plan_interview(subject, config, {})}
    due_2 = {step.key: step.due for step in plan_interview(subject, config, {})}

    def expect(wall: datetime) -> datetime:
        return _instant(_reachable(wall, place, config), zone)

    end_wall = _wall(end, zone)
    # Telling the references: the next business day after the interview's day, at the end's
    # time of day when that lies in working hours, else at their start (seed 000 §3).
    day = end_wall.date() + timedelta(days=1)
    while not _business(day, country, region, work_days):
        day += timedelta(days=1)
    told = end_wall.time() if hours[0] <= end_wall.time() < hours[1] else hours[0]
    assert due[StepKind.NOTIFY_REFERENCE] == _instant(datetime.combine(day, told), zone)
    # Seed 003: the names you were given, as soon as possible: the same next business day.
    assert due[StepKind.CONTACT_REFERRAL] == due[StepKind.NOTIFY_REFERENCE]

    if status is Status.AWAITING_DECISION:
        # Seed 001 §4: a week after; then §5: one more, 7 days after the first as moved.
        first = expect(end_wall + timedelta(days=7))
        assert due_2["#7:follow_up:1"] == first
        assert due_2["#7:follow_up:2"] == expect(_wall(first, zone) + timedelta(days=7))
    changed_wall = _wall(changed, zone)
    if status is Status.REJECTED:
        # Seed 002 'Don't Stop Looking', 003: a courteous note two days after the news.
        assert due[StepKind.COURTESY_NOTE] == expect(changed_wall + timedelta(days=2))
        # Seeds 002 and 003: reconnect three months on (the same day, or the month's last).
        assert due[StepKind.RECONNECT] == expect(_months_later(changed_wall, 3))
    if status is Status.OFFER:
        # Seed 001 §2: thank the references two days after the offer.
        assert due[StepKind.THANK_REFERENCES] == expect(changed_wall + timedelta(days=2))
    for kind in (StepKind.NOTIFY_REFERENCE, StepKind.FOLLOW_UP, StepKind.COURTESY_NOTE):
        for key, instant in due_2.items():
            if f":{kind.value}" in key:
                wall = _wall(instant, zone)
                assert _business(wall.date(), country, region, work_days), key
                assert hours[0] <= wall.time() < hours[1] or _skipped(wall, hours[0], zone), key


def _months_later(wall: datetime, months: int) -> datetime:
    index = wall.year * 12 + wall.month - 1 + months
    year, month = divmod(index, 12)
    for day in (wall.day, 30, 29, 28):
        try:
            return wall.replace(year=year, month=month + 1, day=min(day, wall.day))
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def _skipped(wall: datetime, start: time, zone: ZoneInfo) -> bool:
    """The start of work fell in a clock change's gap that day (the first minute after it)."""
    at_start = datetime.combine(wall.date(), start)
    return _instant(at_start, zone) == _instant(wall, zone)
