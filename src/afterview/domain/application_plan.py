"""The application's own follow-up (issue 17 §1): one step, and no more, for an application
with no interview yet.

The user applied and is waiting. After ``Settings.application_follow_up_days`` (10 unless set:
a choice, see the setting) Afterview plans one follow-up. It reaches out to the employer, so it
lands on a business day inside working hours of the user's home country and time zone (the
same rule as the interviews' follow-ups: :meth:`afterview.domain.reach.Reach.reachable`). It
closes (done by the records) when the first interview is added, and opens again if that
interview is deleted; a closed application plans none.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from datetime import UTC

from afterview.domain.applications import Application
from afterview.domain.calendar import add_local_days
from afterview.domain.playbook import planned
from afterview.domain.reach import Reach
from afterview.domain.records import token
from afterview.domain.settings import Settings
from afterview.domain.steps import PlannedStep

#: Step keys of applications start so; a key of an interview's step never does (the colon
#: is percent-encoded in a record's token).
APPLICATION_PREFIX = "application:"


def follow_up_key(application: Application) -> str:
    return f"{APPLICATION_PREFIX}{token(application.key, application.id)}:follow_up"


def plan_application(
    application: Application, rounds: int, settings: Settings, stored: Container[str] = ()
) -> list[PlannedStep]:
    """The application's follow-up: due ``application_follow_up_days`` after the day applied,
    at the start of the user's workday in their own zone, moved onto a business day in working
    hours of their home country. ``rounds``: how many interviews it has: with any, the step
    is done by the records if it is among the ``stored`` step keys, else never planned. None
    for a closed application or one whose day applied is not known."""
    if not application.alive or application.applied_on is None:
        return []
    if rounds > 0 and follow_up_key(application) not in stored:
        return []
    days = settings.application_follow_up_days
    home = Reach(settings, settings.home_time_zone, settings.home_country.strip().upper())
    start = home.at_workday_start(application.applied_on)
    due, moved = home.reachable(add_local_days(start, days))
    params = {"days": days, "company": application.company, **({"moved": moved} if moved else {})}
    step = planned(
        follow_up_key(application),
        "application.follow_up",
        params,
        due=due.astimezone(UTC),
        application_id=application.id,
        satisfied=rounds > 0,
    )
    return [step]


def plan_applications(
    applications: Sequence[tuple[Application, int]],
    settings: Settings,
    stored: Container[str] = (),
) -> list[PlannedStep]:
    """:func:`plan_application` of each (application, its number of rounds)."""
    return [
        step
        for app, rounds in applications
        for step in plan_application(app, rounds, settings, stored)
    ]


__all__ = ["APPLICATION_PREFIX", "follow_up_key", "plan_application", "plan_applications"]
