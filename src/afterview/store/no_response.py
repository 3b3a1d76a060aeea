"""The applications Today offers to close as "no response" (issue 17 §3): the store's reading
of :func:`afterview.domain.no_response.no_response_from`, which holds the rule.

A query, never a write: the application is closed only when the user clicks the offer
(store.applications.close with Outcome.NO_RESPONSE).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.domain import records as r
from afterview.domain.applications import Stage
from afterview.domain.no_response import WAITING, FollowUp, no_response_from
from afterview.store.application_models import ApplicationRow
from afterview.store.models import InterviewRow, StepRow
from afterview.store.settings import load_settings
from afterview.store.steps import OPEN


@dataclass(frozen=True)
class NoResponseOffer:
    """An application whose last follow-up has gone unanswered long enough: Today offers to
    close it as "no response". ``since``: when that follow-up was done (aware UTC);
    ``days``: the setting it was measured against (Settings.no_response_days)."""

    application_id: int
    company: str
    position: str
    since: datetime
    days: int
    version: int
    sample: bool = False


def no_response_offers(session: Session, now: datetime) -> list[NoResponseOffer]:
    """Every application Today offers to close as "no response" at ``now`` (aware), the
    longest unanswered first."""
    days = load_settings(session).no_response_days
    waiting = [stage.value for stage in WAITING]
    applications = {
        row.id: row
        for row in session.scalars(select(ApplicationRow).where(ApplicationRow.stage.in_(waiting)))
    }
    if not applications:
        return []
    owner = func.coalesce(InterviewRow.application_id, StepRow.application_id)
    query = (
        select(owner, StepRow.status, StepRow.done_at, StepRow.answered)
        .select_from(StepRow)
        .outerjoin(InterviewRow, InterviewRow.id == StepRow.interview_id)
        .where(StepRow.kind == r.StepKind.FOLLOW_UP.value, owner.is_not(None))
    )
    follow_ups: dict[int, list[FollowUp]] = defaultdict(list)
    for application_id, status, done_at, answered in session.execute(query):
        if application_id in applications:
            done = done_at if status == r.StepStatus.DONE.value else None
            follow_ups[application_id].append(FollowUp(done, answered, status in OPEN))
    latest_rounds: dict[int | None, datetime] = {
        application_id: start
        for application_id, start in session.execute(
            select(InterviewRow.application_id, func.max(InterviewRow.start)).group_by(
                InterviewRow.application_id
            )
        )
    }
    offers = []
    for application_id, steps in follow_ups.items():
        row = applications[application_id]
        start = no_response_from(Stage(row.stage), steps, days, latest_rounds.get(application_id))
        if start is not None and now >= start:
            since = start - timedelta(days=days)
            offers.append(
                NoResponseOffer(
                    row.id, row.company, row.position, since, days, row.version, row.sample
                )
            )
    offers.sort(key=lambda offer: (offer.since, offer.application_id))
    return offers


__all__ = ["NoResponseOffer", "no_response_offers"]
