"""Reaching someone: a step that writes or calls lands on a business day, inside working
hours, in the place and zone it concerns (issue 12), and says why it moved.

Written once: the interview rules (afterview.domain.playbook) and the application's
follow-up (afterview.domain.application_plan) both move their outreach steps with
:meth:`Reach.reachable`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from afterview.domain.calendar import (
    at_local_time,
    holiday_name,
    is_business_day,
    next_working_time,
)
from afterview.domain.settings import Settings

#: Why an outreach step moved onto a business day: the rule parameter ``moved``
#: (:meth:`Reach.reachable`), JSON-ready.
Moved = dict[str, Any]


class Reach:
    """The working days and hours of one place (an ISO 3166 country or 3166-2 region) in
    one IANA time zone, under the user's settings."""

    def __init__(self, settings: Settings, zone: str, place: str) -> None:
        self.settings = settings
        self.time_zone = zone
        self.zone = ZoneInfo(zone)
        self.place = place
        self.hours = (settings.workday_start, settings.workday_end)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def at_workday_start(self, day: date) -> datetime:
        return at_local_time(day, self.settings.workday_start, self.time_zone)

    def reachable(self, due: datetime) -> tuple[datetime, Moved | None]:
        """A step that reaches out to someone, moved onto a business day inside working hours
        (:func:`next_working_time`), and the facts of why it moved (None when it did not):
        the step's rule parameter ``moved``."""
        wanted = self.local(due)
        moved = next_working_time(wanted, self.place, self.settings.work_days, self.hours)
        if moved == wanted:
            return moved, None
        if moved.date() == wanted.date():
            start = f"{self.settings.workday_start:%H:%M}"
            return moved, {"to": "working_hours", "start": start, "wanted": f"{wanted:%H:%M}"}
        return moved, self._why_moved(wanted, moved)

    def _why_moved(self, wanted: datetime, moved: datetime) -> Moved:
        """``closed``: the days passed over that explain it, each [ISO date, holiday name or
        None for a day off]; ``wanted``: the time of day, when only that explains it."""
        day = wanted.date()
        # Every holiday passed over is named: Boxing Day on a Saturday and its observed Monday.
        passed: list[list[str | None]] = [
            [on.isoformat(), name]
            for on in (day + timedelta(days=n) for n in range((moved.date() - day).days))
            if (name := holiday_name(on, self.place)) is not None
        ]
        if not is_business_day(day, self.place, self.settings.work_days) and (
            not passed or passed[0][0] != day.isoformat()
        ):
            passed.insert(0, [day.isoformat(), None])
        facts: Moved = {"to": "business_day", "closed": passed}
        if not passed:
            facts["wanted"] = f"{wanted:%H:%M}"
        return facts


__all__ = ["Moved", "Reach"]
