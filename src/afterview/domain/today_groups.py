"""Today's groups, by the calendar: Overdue, Today, Tomorrow, This week, Next week, Later.

The one place the rule is written; the store reads with it (:mod:`afterview.store.today`)
and the window shows what it gives. Pure: no Qt, no clock; the caller passes the user's
local "now" and the first day of the user's week (the window takes it from the locale:
Sunday in the United States, Monday in most of Europe).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

#: ISO weekdays, as ``date.isoweekday()`` and Qt's ``Qt.DayOfWeek`` number them.
MONDAY, SUNDAY = 1, 7


class Group(StrEnum):
    """In the order the page shows them (the most urgent first)."""

    OVERDUE = "Overdue"
    TODAY = "Today"
    TOMORROW = "Tomorrow"
    THIS_WEEK = "This week"
    NEXT_WEEK = "Next week"
    LATER = "Later"


@dataclass(frozen=True)
class DayEdges:
    """The first local day of each group that follows Today. A group may be empty: on the
    week's last day Tomorrow is already next week's first day, so This week has no days."""

    tomorrow: date
    this_week: date
    next_week: date
    later: date


def week_start(day: date, first_weekday: int) -> date:
    """The first day of the week ``day`` lies in, for a week starting on ``first_weekday``
    (ISO: Monday = 1 … Sunday = 7). ValueError for another number."""
    if not MONDAY <= first_weekday <= SUNDAY:
        raise ValueError(f"first_weekday must be 1 (Monday) to 7 (Sunday), got {first_weekday}")
    return day - timedelta(days=(day.isoweekday() - first_weekday) % 7)


def day_edges(today: date, first_weekday: int) -> DayEdges:
    """Where the groups after Today begin, for the user's local date ``today``.

    This week runs from the day after tomorrow to the week's last day (the day before
    ``first_weekday``); Next week is the whole following week, less tomorrow when tomorrow
    is its first day; Later is everything after it.
    """
    tomorrow = today + timedelta(days=1)
    following = week_start(today, first_weekday) + timedelta(days=7)
    after_tomorrow = tomorrow + timedelta(days=1)
    return DayEdges(
        tomorrow=tomorrow,
        this_week=after_tomorrow,
        next_week=max(following, after_tomorrow),
        later=following + timedelta(days=7),
    )


def day_group(day: date, today: date, first_weekday: int) -> Group:
    """The group of a step not yet due whose due falls on the local date ``day``."""
    edges = day_edges(today, first_weekday)
    if day < edges.tomorrow:
        return Group.TODAY
    if day < edges.this_week:
        return Group.TOMORROW
    if day < edges.next_week:
        return Group.THIS_WEEK
    if day < edges.later:
        return Group.NEXT_WEEK
    return Group.LATER


def group_of(due: datetime, now_local: datetime, first_weekday: int) -> Group:
    """The group of a step due at ``due`` (aware), seen at ``now_local``: an aware datetime
    in the user's local time zone, whose dates are the days the groups count. Overdue means
    due at or before ``now_local``; the rest goes by ``due``'s date in that zone.
    ValueError for a naive datetime or a bad ``first_weekday``."""
    zone = now_local.tzinfo
    if zone is None or due.tzinfo is None:
        raise ValueError("due and now_local must be aware datetimes")
    if due <= now_local:
        return Group.OVERDUE
    return day_group(due.astimezone(zone).date(), now_local.date(), first_weekday)


__all__ = [
    "MONDAY",
    "SUNDAY",
    "DayEdges",
    "Group",
    "day_edges",
    "day_group",
    "group_of",
    "week_start",
]
