"""Snoozing: a snooze moves a step later, never earlier and never into the past.

The rule is written here once: a snooze until ``until`` needs ``until`` later than both now
and the step's effective due (:func:`may_snooze_until`). The store's snooze command refuses
anything else (:func:`refusal` says why), the window's presets (:func:`presets`) offer only
such times, and its picker starts at the earliest whole minute allowed
(:func:`earliest_until`). Moving a step earlier is editing its due time, a different action.
An import writes snoozes as the file has them, old ones in the past included: the rule guards
the commands and the editors, not the interchange format.

Every instant here is an aware datetime; results are aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from afterview.domain.calendar import at_local_time

#: A whole minute: what the picker shows, and what every preset ends on.
MINUTE = timedelta(minutes=1)
#: "For 1 hour".
HOUR = timedelta(hours=1)
#: "Tomorrow morning" in the window: the start of a usual working day.
MORNING = time(9, 0)
#: Before this local hour "tomorrow morning" still means the morning that is coming.
NIGHT_ENDS = time(4, 0)


def _utc(instant: datetime, name: str) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be aware (a UTC offset or a zone)")
    return instant.astimezone(UTC)


def snooze_floor(due: datetime, now: datetime) -> datetime:
    """The instant a snooze must end after: the later of ``now`` and the step's effective
    ``due`` (both aware), in UTC."""
    return max(_utc(due, "due"), _utc(now, "now"))


def may_snooze_until(until: datetime, due: datetime, now: datetime) -> bool:
    """True when a snooze until ``until`` moves the step later: ``until`` is strictly later
    than both ``now`` and the step's effective ``due``. All three aware (any zone)."""
    return _utc(until, "until") > snooze_floor(due, now)


def earliest_until(due: datetime, now: datetime) -> datetime:
    """The earliest whole minute (UTC, seconds and microseconds zero) a snooze may end at:
    the first whole minute strictly after the later of ``now`` and ``due`` (both aware)."""
    floor = snooze_floor(due, now)
    return floor.replace(second=0, microsecond=0) + MINUTE


def next_whole_minute(instant: datetime) -> datetime:
    """``instant`` (aware) rounded up to a whole minute, in UTC; a whole minute stays."""
    exact = _utc(instant, "instant")
    down = exact.replace(second=0, microsecond=0)
    return down if down == exact else down + MINUTE


def morning_after(now: datetime, zone: str, morning: time) -> datetime:
    """ "Tomorrow morning" as a person means it: ``morning`` (a wall time in the IANA
    ``zone``) on the next day, or today's ``morning`` when it is still night (before 04:00).
    Always later than ``now`` (aware); the result is in UTC."""
    local = now.astimezone(ZoneInfo(zone))
    day = local.date() if local.time() < NIGHT_ENDS else local.date() + timedelta(days=1)
    until = at_local_time(day, morning, zone)
    if until <= now:
        until = at_local_time(day + timedelta(days=1), morning, zone)
    return until.astimezone(UTC)


class PresetKind(StrEnum):
    HOUR = "hour"
    MORNING = "morning"


@dataclass(frozen=True)
class Preset:
    """One of the window's snooze presets, as it applies to one step at one moment."""

    kind: PresetKind
    #: When the snooze ends: aware UTC, a whole minute, always allowed by the rule.
    until: datetime
    #: The usual time (an hour from now, tomorrow morning) would not move the step later, so
    #: this one counts from the step's due instead: an hour after it, the morning after it.
    after_due: bool


def presets(due: datetime, now: datetime, zone: str, morning: time = MORNING) -> tuple[Preset, ...]:
    """The snooze presets for a step whose effective due is ``due`` (aware), at ``now``
    (aware), with mornings in the IANA ``zone``: "for 1 hour" and "until tomorrow morning".

    Each is the usual time when that moves the step later (:func:`may_snooze_until`);
    otherwise it counts from the due instead (an hour after it is due, the morning after it
    is due), so a step due tomorrow at 11:00 is offered the morning after that, never
    tomorrow at 09:00. Every ``until`` is a whole minute, rounded up.
    """
    due, now = _utc(due, "due"), _utc(now, "now")  # an hour is elapsed time, counted in UTC

    def at(kind: PresetKind, start: datetime) -> datetime:
        if kind is PresetKind.HOUR:
            return next_whole_minute(start + HOUR)
        return morning_after(start, zone, morning)

    offered: list[Preset] = []
    for kind in PresetKind:
        preset = Preset(kind, at(kind, now), after_due=False)
        if not may_snooze_until(preset.until, due, now):
            # Then the due is later than now, and anything after the due is allowed.
            preset = Preset(kind, at(kind, due), after_due=True)
        offered.append(preset)
    return tuple(offered)


def _shown(instant: datetime, zone: tzinfo | None) -> str:
    local = instant.astimezone(zone)
    whole = local.second == 0 and local.microsecond == 0
    return local.isoformat(sep=" ", timespec="minutes" if whole else "seconds")


def refusal(
    until: datetime,
    due: datetime,
    now: datetime,
    *,
    zone: tzinfo | None = None,
) -> str | None:
    """Why a snooze until ``until`` is refused for a step whose effective due is ``due``, at
    ``now`` (all aware); None when :func:`may_snooze_until` allows it. Times are shown in
    ``zone`` (default: the computer's), as ISO 8601 a user can type back. Editing the due
    time moves a step earlier, a snoozed one too (its snooze ends)."""
    if may_snooze_until(until, due, now):
        return None
    if snooze_floor(due, now) > now:  # the due is later than now
        return (
            f"a snooze moves a step later, and this one is due {_shown(due, zone)}: "
            "snooze it until after that (to make it due earlier, edit its due time)"
        )
    return (
        f"{_shown(until, zone)} has passed (it is {_shown(now, zone)}): a snooze ends in the future"
    )
