"""Dates that follow an interview (Qt-free): the decision the employer expects to make and
the follow-up the user agreed with them cannot fall before the interview itself.

A decision "expected" before the interview would plan the follow-up for the minute the
interview ends, ahead of the debrief and the thank-you notes (seed 001 §4, 003: follow up a
week or so *after*), and letters would say "a decision was expected around" a day before
the interview. Both dates are calendar days in the interview's own time zone.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

#: The interview's fields holding a day that must not come before the interview.
AFTER_INTERVIEW = ("decision_expected", "agreed_follow_up")


def interview_day(start: datetime, zone: str) -> date:
    """The calendar day the interview starts on, in its own IANA ``zone``; ``start`` is
    aware (any zone). ZoneInfoNotFoundError for an unknown zone."""
    return start.astimezone(ZoneInfo(zone)).date()


def before_interview(day: date | None, start: datetime, zone: str) -> bool:
    """True when ``day`` is set and earlier than the interview's own day (the interview's
    day itself is allowed: "we will decide by the end of today")."""
    return day is not None and day < interview_day(start, zone)


__all__ = ["AFTER_INTERVIEW", "before_interview", "interview_day"]
