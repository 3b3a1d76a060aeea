"""The board's cards (issue 17 §2): every application with what its card shows, in a fixed
number of queries however many applications there are.

A card needs the application, its next open step and when it is due (the earliest among
its rounds' next steps, kept on each interview by afterview.store.derived, and its own
follow-up step), its latest round (the stage rule's witness, and the rounds a rejection
can come after) and when something last happened to it (the day applied, its last change of
standing by the user or a round, a round that has taken place, a step done): four queries and
the settings, none per application.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from afterview.domain.applications import Cause, Outcome, Stage
from afterview.domain.records import Status
from afterview.domain.steps import OPEN_STATUSES
from afterview.store.application_models import ApplicationEventRow, ApplicationRow
from afterview.store.board_values import Card, RoundSeen
from afterview.store.models import InterviewRow, StepRow
from afterview.store.settings import load_settings

#: The enums by their stored values: a dict lookup, where calling the enum costs a few
#: microseconds per row (thousands of rounds at 2,000 applications; bench/board.py).
_STATUS = {status.value: status for status in Status}
_STAGE = {stage.value: stage for stage in Stage}
_OUTCOME = {outcome.value: outcome for outcome in Outcome}
#: The changes of standing that are activity: the user's moves and closes, and a round's
#: status changing (not an application made or grouped: its day applied says when).
_ACTIVITY_CAUSES = (Cause.MOVED.value, Cause.CLOSED.value, Cause.ROUND.value)


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return max(a, b)


def cards(session: Session, now: datetime, only: Collection[int] | None = None) -> list[Card]:
    """Every application's card, in the order they were made (oldest first); with ``only``,
    the cards of those application ids alone (the same queries, each narrowed to them: a
    move re-reads its one card, not 2,000).

    ``now`` (aware) decides which rounds have taken place: a round still to come is not
    activity. Four queries whatever the number of applications.
    """
    wanted = None if only is None else sorted(set(only))
    open_statuses = [status.value for status in OPEN_STATUSES]
    next_steps: dict[int, tuple[datetime, str, str, str]] = {}
    activity: dict[int, datetime | None] = {}
    rounds: dict[int, list[RoundSeen]] = {}

    def offer_step(app_id: int, due: datetime | None, title: str, rule: str, params: str) -> None:
        if due is None:
            return
        found = next_steps.get(app_id)
        if found is None or due < found[0]:
            next_steps[app_id] = (due, title, rule, params)

    # The times as the database gives them, read by _instant: SQLAlchemy's parse of SQLite's
    # text costs a few microseconds a value, 10 ms of the board's first paint at 2,000.
    round_query = select(
        InterviewRow.application_id,
        InterviewRow.id,
        InterviewRow.round,
        InterviewRow.status,
        _raw(InterviewRow.start),
        InterviewRow.next_step,
        _raw(InterviewRow.next_due),
        InterviewRow.next_step_rule,
        InterviewRow.next_step_params,
    ).where(InterviewRow.application_id.is_not(None))
    if wanted is not None:
        round_query = round_query.where(InterviewRow.application_id.in_(wanted))
    for owner_id, row_id, name, status, start, step, due, rule, params in session.execute(
        round_query.order_by(InterviewRow.start, InterviewRow.id)
    ):
        assert owner_id is not None  # the query asks for rounds of an application
        app_id: int = owner_id
        start = _instant(start)
        rounds.setdefault(app_id, []).append(RoundSeen(row_id, name, _STATUS[status], start))
        offer_step(app_id, _instant(due), step, rule, params)
        if start <= now:
            activity[app_id] = _later(activity.get(app_id), start)

    own_steps = select(
        StepRow.application_id, _raw(StepRow.due), StepRow.title, StepRow.rule, StepRow.rule_params
    ).where(StepRow.application_id.is_not(None), StepRow.status.in_(open_statuses))
    if wanted is not None:
        own_steps = own_steps.where(StepRow.application_id.in_(wanted))
    for owner_id, due, title, rule, params in session.execute(own_steps):
        assert owner_id is not None  # the query asks for an application's own steps
        offer_step(owner_id, _instant(due), title, rule, params)

    # A step done on a round or on the application itself: the user acted, it is not quiet.
    owner = func.coalesce(StepRow.application_id, InterviewRow.application_id)
    done = (
        select(owner, func.max(StepRow.done_at))
        .select_from(StepRow)
        .outerjoin(InterviewRow, StepRow.interview_id == InterviewRow.id)
        .where(StepRow.done_at.is_not(None), owner.is_not(None))
        .group_by(owner)
    )
    if wanted is not None:
        done = done.where(owner.in_(wanted))
    for app_id, done_at in session.execute(done):
        activity[app_id] = _later(activity.get(app_id), _instant(done_at))

    # Its last change of standing by the user or its rounds, with the application's own row:
    # one result of 2,000 rows fewer than a query of its own. Being made or grouped is record
    # keeping, not activity (an import made today is not "active today": a fresh tester's
    # finding); the day applied stands for it.
    moved = _raw(
        select(func.max(ApplicationEventRow.at))
        .where(
            ApplicationEventRow.application_id == ApplicationRow.id,
            ApplicationEventRow.cause.in_(_ACTIVITY_CAUSES),
        )
        .scalar_subquery()
    )
    zone = ZoneInfo(load_settings(session).home_time_zone)
    query = select(
        ApplicationRow.id,
        ApplicationRow.company,
        ApplicationRow.position,
        ApplicationRow.stage,
        ApplicationRow.outcome,
        ApplicationRow.outcome_detail,
        ApplicationRow.version,
        ApplicationRow.sample,
        ApplicationRow.applied_on,
        moved,
    ).order_by(ApplicationRow.id)
    if wanted is not None:
        query = query.where(ApplicationRow.id.in_(wanted))
    out: list[Card] = []
    for row in session.execute(query):
        app_id, company, position, stage, outcome, detail, version, sample, applied, at = row
        last = _later(activity.get(app_id), _instant(at))
        if applied is not None:  # midday at home: the day itself, in any zone's count of days
            last = _later(last, datetime.combine(applied, time(12), zone).astimezone(UTC))
        due, title, rule, params = next_steps.get(app_id, (None, "", "", "{}"))
        out.append(
            Card(
                id=app_id,
                company=company,
                position=position,
                stage=_STAGE[stage],
                outcome=_OUTCOME[outcome] if outcome else None,
                outcome_detail=detail or "",
                version=version,
                sample=bool(sample),
                next_step=title,
                next_step_rule=rule,
                next_step_params=params or "{}",
                next_due=due,
                last_activity=last,
                rounds=tuple(rounds.get(app_id, ())),
            )
        )
    return out


def _raw(column: Any) -> Any:
    """A time column as the database gives it, for :func:`_instant`: not through its type."""
    return type_coerce(column, String)


def _instant(value: object) -> Any:
    """A time as an aware UTC instant (None for None), from what the database gave: SQLite's
    stored text (UTC, with no offset, as the store writes it; also what ``max()`` over a UTC
    column gives, its result type not applied) or PostgreSQL's aware datetime (in the
    session's zone). Text is read by :func:`datetime.fromisoformat`, in C, with the offset
    added to the text: ``replace(tzinfo=...)`` costs six times the parse."""
    if value is None:
        return None
    if isinstance(value, str):
        if any(mark in value[19:] for mark in "+-Z"):  # an offset after the seconds
            return datetime.fromisoformat(value).astimezone(UTC)
        return datetime.fromisoformat(value + "+00:00")
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)
    raise TypeError(f"expected a time from the database, got {type(value).__name__}")


__all__ = ["Card", "RoundSeen", "cards"]
