"""The snooze rule (issue 12 §4): a snooze until T needs T later than both now and the step's
due; the presets offer only such times; the picker starts at the earliest whole minute.

Expected values are written out here (or follow from the rule as the issue states it), never
taken from afterview.domain.snooze itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.snooze import (
    Preset,
    PresetKind,
    earliest_until,
    may_snooze_until,
    next_whole_minute,
    presets,
    refusal,
    snooze_floor,
)
from tests.hypothesis_settings import examples

BERLIN = "Europe/Berlin"
ZONES = [UTC, ZoneInfo(BERLIN), ZoneInfo("America/New_York"), ZoneInfo("Australia/Lord_Howe")]

#: Real instants shown in a zone (drawn in UTC, so never a wall time a DST gap skips).
instants = st.builds(
    lambda utc, zone: utc.astimezone(zone),
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    st.sampled_from(ZONES),
)
#: Instants near one another, so "equal" and "a microsecond apart" come up often.
offsets = st.one_of(
    st.just(timedelta(0)),
    st.sampled_from([timedelta(microseconds=1), timedelta(seconds=1), timedelta(minutes=1)]),
    st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=3)),
)


def utc(instant: datetime) -> datetime:
    """Compared in UTC: Python compares two datetimes of one zone by their wall clocks, which
    repeat in the hour the clocks go back."""
    return instant.astimezone(UTC)


def shifted(instant: datetime, by: timedelta) -> datetime:
    """``by`` of elapsed time later, shown in the same zone (not wall-clock arithmetic)."""
    assert instant.tzinfo is not None
    return (instant.astimezone(UTC) + by).astimezone(instant.tzinfo)


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(BERLIN))


# --- the rule -----------------------------------------------------------------------------


@settings(max_examples=examples(400))
@given(now=instants, due_offset=offsets, until_offset=offsets, sign=st.sampled_from([-1, 1]))
def test_the_allowed_set_is_exactly_the_times_later_than_now_and_the_due(
    now: datetime, due_offset: timedelta, until_offset: timedelta, sign: int
) -> None:
    due = shifted(now, sign * due_offset)
    for until in (
        shifted(now, until_offset),
        shifted(due, until_offset),
        shifted(now, -until_offset),
        shifted(due, -until_offset),
    ):
        later_than_both = utc(until) > utc(now) and utc(until) > utc(due)
        assert may_snooze_until(until, due, now) is later_than_both
        assert (refusal(until, due, now, zone=UTC) is None) is later_than_both


@settings(max_examples=examples(300))
@given(now=instants, due_offset=offsets, sign=st.sampled_from([-1, 1]))
def test_the_earliest_snooze_is_the_first_whole_minute_allowed(
    now: datetime, due_offset: timedelta, sign: int
) -> None:
    due = shifted(now, sign * due_offset)
    earliest = earliest_until(due, now)
    assert earliest.tzinfo is UTC
    assert (earliest.second, earliest.microsecond) == (0, 0)
    assert earliest > utc(now) and earliest > utc(due)
    before = earliest - timedelta(minutes=1)
    assert not (before > utc(now) and before > utc(due))  # a minute earlier is not allowed
    assert snooze_floor(due, now) == max(utc(due), utc(now))


@pytest.mark.parametrize(
    ("due", "now", "earliest"),
    [
        # The step: due tomorrow at 11:00; the earliest snooze is 11:01.
        (berlin(2026, 12, 1, 11, 0), berlin(2026, 11, 30, 18, 7, 43), berlin(2026, 12, 1, 11, 1)),
        # Overdue: the minute after now; seconds never survive.
        (berlin(2026, 11, 30, 9, 0), berlin(2026, 11, 30, 18, 7, 43), berlin(2026, 11, 30, 18, 8)),
        # Exactly on a minute: the next one.
        (berlin(2026, 11, 30, 9, 0), berlin(2026, 11, 30, 18, 7), berlin(2026, 11, 30, 18, 8)),
        (
            berlin(2026, 11, 30, 18, 7, 0, 1),
            berlin(2026, 11, 30, 18, 7),
            berlin(2026, 11, 30, 18, 8),
        ),
    ],
)
def test_earliest_examples(due: datetime, now: datetime, earliest: datetime) -> None:
    assert earliest_until(due, now) == earliest


class NoOffset(tzinfo):
    """A zone that does not know its offset: an instant in it is as unknown as a naive one."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


AWARE = datetime(2026, 11, 30, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda x: may_snooze_until(x, AWARE, AWARE), "until"),
        (lambda x: may_snooze_until(AWARE, x, AWARE), "due"),
        (lambda x: may_snooze_until(AWARE, AWARE, x), "now"),
        (lambda x: snooze_floor(x, AWARE), "due"),
        (lambda x: snooze_floor(AWARE, x), "now"),
        (lambda x: earliest_until(x, AWARE), "due"),
        (lambda x: presets(x, AWARE, BERLIN), "due"),
        (lambda x: presets(AWARE, x, BERLIN), "now"),
        (lambda x: refusal(AWARE, x, AWARE), "due"),
        (lambda x: refusal(AWARE, AWARE, x), "now"),
        (next_whole_minute, "instant"),
    ],
)
@pytest.mark.parametrize("unknown", [None, NoOffset()])
def test_an_instant_without_an_offset_is_refused_by_name(
    call: Callable[[datetime], object], name: str, unknown: tzinfo | None
) -> None:
    with pytest.raises(ValueError, match=f"^{name} must be aware \\(a UTC offset or a zone\\)$"):
        call(datetime(2026, 11, 30, 13, tzinfo=unknown))


def test_next_whole_minute_rounds_up_and_keeps_a_whole_minute() -> None:
    assert next_whole_minute(berlin(2026, 11, 30, 19, 7, 43)) == datetime(
        2026, 11, 30, 18, 8, tzinfo=UTC
    )
    assert next_whole_minute(berlin(2026, 11, 30, 19, 7, 0, 1)) == datetime(
        2026, 11, 30, 18, 8, tzinfo=UTC
    )
    whole = next_whole_minute(berlin(2026, 11, 30, 19, 7))
    assert whole == datetime(2026, 11, 30, 18, 7, tzinfo=UTC) and whole.tzinfo is UTC


# --- why a snooze is refused --------------------------------------------------------------


def test_moving_a_step_earlier_is_refused_with_edit_due_named() -> None:
    due, now = datetime(2026, 12, 1, 11, tzinfo=UTC), datetime(2026, 11, 30, 18, 7, tzinfo=UTC)
    assert refusal(datetime(2026, 12, 1, 9, tzinfo=UTC), due, now, zone=UTC) == (
        "a snooze moves a step later, and this one is due 2026-12-01 11:00+00:00: "
        "snooze it until after that (to make it due earlier, edit its due time)"
    )
    assert refusal(due, due, now, zone=ZoneInfo(BERLIN)) == (
        "a snooze moves a step later, and this one is due 2026-12-01 12:00+01:00: "
        "snooze it until after that (to make it due earlier, edit its due time)"
    )
    assert refusal(due + timedelta(microseconds=1), due, now, zone=UTC) is None


def test_a_time_in_the_past_is_refused_as_past() -> None:
    due, now = datetime(2026, 11, 30, 9, tzinfo=UTC), datetime(2026, 11, 30, 18, 7, 43, tzinfo=UTC)
    assert refusal(datetime(2026, 11, 30, 12, tzinfo=UTC), due, now, zone=UTC) == (
        "2026-11-30 12:00+00:00 has passed (it is 2026-11-30 18:07:43+00:00): "
        "a snooze ends in the future"
    )
    # Now itself is not later than now.
    assert refusal(now, due, now, zone=timezone(timedelta(hours=-5))) == (
        "2026-11-30 13:07:43-05:00 has passed (it is 2026-11-30 13:07:43-05:00): "
        "a snooze ends in the future"
    )


# --- the presets --------------------------------------------------------------------------


def test_a_step_due_tomorrow_at_11_is_offered_times_after_11_never_9() -> None:
    """The issue's example: "until tomorrow morning" made it due at 09:00."""
    now = berlin(2026, 11, 30, 18, 7, 43)
    due = berlin(2026, 12, 1, 11, 0)
    assert presets(due, now, BERLIN) == (
        Preset(PresetKind.HOUR, berlin(2026, 12, 1, 12, 0), after_due=True),
        Preset(PresetKind.MORNING, berlin(2026, 12, 2, 9, 0), after_due=True),
    )


def test_an_overdue_step_gets_the_usual_presets_in_whole_minutes() -> None:
    now = berlin(2026, 11, 30, 18, 7, 43)
    due = berlin(2026, 11, 30, 9, 0)
    assert presets(due, now, BERLIN) == (
        Preset(PresetKind.HOUR, berlin(2026, 11, 30, 19, 8), after_due=False),
        Preset(PresetKind.MORNING, berlin(2026, 12, 1, 9, 0), after_due=False),
    )


def test_a_step_due_within_the_hour_still_snoozes_for_an_hour_from_now() -> None:
    now = berlin(2026, 11, 30, 18, 0)
    due = berlin(2026, 11, 30, 18, 59, 59)
    assert presets(due, now, BERLIN) == (
        Preset(PresetKind.HOUR, berlin(2026, 11, 30, 19, 0), after_due=False),
        Preset(PresetKind.MORNING, berlin(2026, 12, 1, 9, 0), after_due=False),
    )
    # Due exactly an hour from now: an hour from now would not move it.
    hour, _morning = presets(berlin(2026, 11, 30, 19, 0), now, BERLIN)
    assert hour == Preset(PresetKind.HOUR, berlin(2026, 11, 30, 20, 0), after_due=True)


def test_a_step_snoozed_until_tomorrow_morning_is_offered_the_morning_after() -> None:
    now = berlin(2026, 11, 30, 22, 30)
    due = berlin(2026, 12, 1, 9, 0)  # already snoozed until tomorrow morning
    assert presets(due, now, BERLIN, time(9, 0)) == (
        Preset(PresetKind.HOUR, berlin(2026, 12, 1, 10, 0), after_due=True),
        Preset(PresetKind.MORNING, berlin(2026, 12, 2, 9, 0), after_due=True),
    )


def test_a_step_due_in_the_night_keeps_tomorrow_morning() -> None:
    now = berlin(2026, 11, 30, 23, 0)
    due = berlin(2026, 12, 1, 2, 0)
    assert presets(due, now, BERLIN) == (
        Preset(PresetKind.HOUR, berlin(2026, 12, 1, 3, 0), after_due=True),
        Preset(PresetKind.MORNING, berlin(2026, 12, 1, 9, 0), after_due=False),
    )


@settings(max_examples=examples(300))
@given(
    now=instants,
    due_offset=st.timedeltas(min_value=timedelta(days=-5), max_value=timedelta(days=5)),
    zone=st.sampled_from([BERLIN, "America/New_York", "Australia/Lord_Howe", "Asia/Tokyo"]),
)
def test_every_preset_moves_the_step_later_to_a_whole_minute(
    now: datetime, due_offset: timedelta, zone: str
) -> None:
    now = utc(now)  # elapsed-time arithmetic below
    due = now + due_offset
    offered = presets(due.astimezone(ZoneInfo(zone)), now, zone)
    assert [p.kind for p in offered] == [PresetKind.HOUR, PresetKind.MORNING]
    for preset in offered:
        assert preset.until > now and preset.until > due
        assert preset.until.tzinfo is UTC
        assert (preset.until.second, preset.until.microsecond) == (0, 0)
        assert not preset.after_due or due > now  # only a step not due yet counts from its due
    hour, morning = offered
    # An hour from now, rounded up to a minute; from the due when that is not later than it.
    if now + timedelta(hours=1, minutes=1) <= due:
        assert hour.after_due
    if now + timedelta(hours=1) > due:
        assert not hour.after_due
    start = due if hour.after_due else now
    assert timedelta(hours=1) <= hour.until - start < timedelta(hours=1, minutes=1)
    # The next morning at 09:00 there, within two days of now or (when that is not later
    # than the due) of the due.
    start = due if morning.after_due else now
    assert start < morning.until <= start + timedelta(hours=49)
    assert morning.until.astimezone(ZoneInfo(zone)).time() == time(9, 0)
