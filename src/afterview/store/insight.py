"""The Insight page's figures (issue 17 §4): the user's own search, counted. Qt-free.

Four reads, whatever the number of records: the settings (for the home time zone), the
applications, their rounds, and the thank-you and follow-up steps. Sample records are left
out: the charts describe what the user did, as the job-search log does.

What each figure counts (the page says the same in words):

- the funnel: applications; those with at least one interview; those with a second round
  (two rounds or more, or a round whose status is "next round"); those with an offer (a
  round with the status "offer", the stage Offer, or an offer accepted or declined). Each is
  counted on its own, so an offer after a single round is not counted as a second round;
- outcomes by stage: each closed application's outcome, by how far it had gone: before any
  interview, after an interview, after an offer (as the funnel reads them);
- days from interview to answer: for each round whose status is an answer (next round,
  offer, rejected), the calendar days in the home time zone from the round's start to when
  the answer was recorded (its status changed); rounds with no such date are left out;
- thank-you notes: each note the user marked done (not one the records closed by
  themselves), on time when done by its deadline: the time the user set for it, else the
  playbook's (a snooze does not move the deadline);
- follow-ups: each follow-up the user marked done, and how many they marked as answered
  (Today's "They answered"; issue 17 §3).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from afterview.domain.applications import Outcome, Stage
from afterview.domain.records import Status, StepKind, StepStatus
from afterview.store.application_models import ApplicationRow
from afterview.store.insight_values import REACHED, FollowUps, Funnel, Insight, Notes
from afterview.store.models import InterviewRow, StepRow
from afterview.store.settings import load_settings

#: The round statuses that are an answer from the employer.
ANSWERS = frozenset({Status.NEXT_ROUND.value, Status.OFFER.value, Status.REJECTED.value})
_OFFER_OUTCOMES = frozenset({Outcome.OFFER_ACCEPTED.value, Outcome.OFFER_DECLINED.value})


@dataclass
class _Seen:
    rounds: int = 0
    next_round: bool = False
    offer: bool = False


def insight(session: Session) -> Insight:
    """Every figure of the Insight page, from the records in ``session``."""
    zone = ZoneInfo(load_settings(session).home_time_zone)
    apps = session.execute(
        select(ApplicationRow.id, ApplicationRow.stage, ApplicationRow.outcome).where(
            ApplicationRow.sample.is_(False)
        )
    ).all()
    seen = {app_id: _Seen() for app_id, _stage, _outcome in apps}
    days: list[int] = []
    rounds = select(
        InterviewRow.application_id,
        InterviewRow.status,
        InterviewRow.start,
        InterviewRow.status_changed_at,
    ).where(InterviewRow.sample.is_(False))
    for app_id, status, start, changed in session.execute(rounds):
        if status in ANSWERS and changed is not None and changed >= start:
            days.append(_days_between(start, changed, zone))
        found = seen.get(app_id) if app_id is not None else None
        if found is None or status == Status.CANCELLED.value:
            continue  # a round of no application or of a sample one, or one never held
        found.rounds += 1
        found.next_round |= status == Status.NEXT_ROUND.value
        found.offer |= status == Status.OFFER.value
    funnel = Counter[str]()
    outcomes = Counter[tuple[Stage, Outcome]]()
    for app_id, stage, outcome in apps:
        found = seen[app_id]
        offer = found.offer or stage == Stage.OFFER.value or outcome in _OFFER_OUTCOMES
        funnel.update(
            name
            for name, counted in (
                ("applied", True),
                ("interviewed", found.rounds > 0),
                ("next_round", found.rounds > 1 or found.next_round),
                ("offer", offer),
            )
            if counted
        )
        if stage == Stage.CLOSED.value and outcome is not None:
            reached = (
                Stage.OFFER if offer else Stage.INTERVIEWING if found.rounds else Stage.APPLIED
            )
            outcomes[reached, Outcome(outcome)] += 1
    notes, follow_ups = _steps(session)
    return Insight(Funnel(**funnel), dict(outcomes), tuple(sorted(days)), notes, follow_ups)


def _days_between(start: datetime, then: datetime, zone: ZoneInfo) -> int:
    return (then.astimezone(zone).date() - start.astimezone(zone).date()).days


def _steps(session: Session) -> tuple[Notes, FollowUps]:
    """The thank-you notes and follow-ups the user did, in one read."""
    interview = aliased(InterviewRow)
    application = aliased(ApplicationRow)
    query = (
        select(
            StepRow.kind,
            StepRow.done_at,
            StepRow.due_override,
            StepRow.planned_due,
            StepRow.answered,
        )
        .outerjoin(interview, StepRow.interview_id == interview.id)
        .outerjoin(application, StepRow.application_id == application.id)
        .where(
            StepRow.kind.in_([StepKind.THANK_YOU.value, StepKind.FOLLOW_UP.value]),
            StepRow.status == StepStatus.DONE.value,
            StepRow.auto_done.is_(False),
            StepRow.done_at.is_not(None),
            or_(interview.id.is_(None), interview.sample.is_(False)),
            or_(application.id.is_(None), application.sample.is_(False)),
            or_(interview.id.is_not(None), application.id.is_not(None)),
        )
    )
    return _count_steps(session.execute(query))


def _count_steps(rows: Iterable[Any]) -> tuple[Notes, FollowUps]:
    on_time = late = done = answers = 0
    for kind, done_at, override, planned, got_answer in rows:
        if kind == StepKind.THANK_YOU.value:
            if done_at <= (override or planned):
                on_time += 1
            else:
                late += 1
        else:
            done += 1
            answers += bool(got_answer)
    return Notes(on_time, late), FollowUps(done, answers)


__all__ = ["REACHED", "FollowUps", "Funnel", "Insight", "Notes", "insight"]
