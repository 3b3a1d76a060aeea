"""Follow-up steps in the store: re-planning from the records, queries, and the user's actions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from afterview.domain import records as r
from afterview.domain.application_plan import follow_up_key, plan_applications
from afterview.domain.applications import Application, Outcome, Stage
from afterview.domain.playbook import SearchFacts, plan_interview, plan_keep_searching_from
from afterview.domain.reconcile import reconcile
from afterview.domain.snooze import refusal
from afterview.domain.steps import OPEN_STATUSES, PlannedStep
from afterview.store import convert
from afterview.store.application_models import ApplicationRow
from afterview.store.derived import step_due
from afterview.store.errors import RecordError
from afterview.store.models import (
    InterviewPersonRow,
    InterviewReferenceRow,
    InterviewRow,
    StepRow,
)
from afterview.store.notices import forget_notices
from afterview.store.settings import load_settings
from afterview.store.types import NaiveDatetimeError

FULL_INTERVIEW = (
    selectinload(InterviewRow.people).selectinload(InterviewPersonRow.contact),
    selectinload(InterviewRow.reference_links).selectinload(InterviewReferenceRow.reference),
    selectinload(InterviewRow.referrals),
    selectinload(InterviewRow.debrief),
)


OPEN = [status.value for status in OPEN_STATUSES]


#: Interviews last at most a day (the interchange format's limit), which bounds the search
#: for the latest end among interviews ordered by start.
LONGEST_INTERVIEW = timedelta(minutes=24 * 60)


def _ends(session: Session, where: ColumnElement[bool]) -> list[datetime]:
    rows = session.execute(select(InterviewRow.start, InterviewRow.duration_minutes).where(where))
    return [start + timedelta(minutes=minutes) for start, minutes in rows]


def search_facts(session: Session, now: datetime, threshold: int) -> SearchFacts:
    """The keep-searching facts from a few indexed queries, not a read of every interview:
    what afterview.domain.playbook.search_facts says of the interviews and applications."""
    count = session.scalar(select(func.count()).select_from(InterviewRow)) or 0
    made = session.scalar(select(func.count()).select_from(ApplicationRow)) or 0
    if count == 0 and made == 0:
        return SearchFacts(0, False, 0, None)
    loose = InterviewRow.application_id.is_(None)
    has_offer = session.scalar(
        select(ApplicationRow.id)
        .where(
            or_(
                ApplicationRow.stage == Stage.OFFER.value,
                ApplicationRow.outcome == Outcome.OFFER_ACCEPTED.value,
            )
        )
        .limit(1)
    ) or session.scalar(
        select(InterviewRow.id).where(loose, InterviewRow.status == r.Status.OFFER.value).limit(1)
    )
    alive = session.scalar(
        select(func.count()).select_from(
            select(ApplicationRow.id)
            .where(ApplicationRow.stage != Stage.CLOSED.value)
            .limit(threshold)
            .subquery()
        )
    )
    applications: set[tuple[str, str]] = set()
    active = [status.value for status in r.ACTIVE]
    pairs = session.execute(
        select(InterviewRow.company, InterviewRow.position)
        .where(loose, InterviewRow.status.in_(active))
        .distinct()
    )
    for company, position in pairs:  # casefolded in Python: SQLite's lower() is ASCII-only
        applications.add(r.application_group(company, position))
        if len(applications) + (alive or 0) >= threshold:
            break
    pairs.close()
    return SearchFacts(
        count,
        has_offer is not None,
        len(applications) + (alive or 0),
        _anchor_end(session, now) if count else None,
        made,
        _applied_on(session, now),
    )


def _applied_on(session: Session, now: datetime) -> date | None:
    """The latest day applied on or before today (UTC), else the earliest of all."""
    today = now.astimezone(UTC).date()
    applied = ApplicationRow.applied_on
    return session.scalar(select(func.max(applied)).where(applied <= today)) or session.scalar(
        select(func.min(applied))
    )


def _anchor_end(session: Session, now: datetime) -> datetime:
    """The latest interview end at or before now, else the earliest end of all."""
    # Every interview that started a day before now has ended; of those, only the last day's
    # starts can hold the latest end. Of the later ones, only those already over count.
    day_ago = now - LONGEST_INTERVIEW
    past = [end for end in _ends(session, InterviewRow.start.between(day_ago, now)) if end <= now]
    last_old = session.scalar(
        select(func.max(InterviewRow.start)).where(InterviewRow.start < day_ago)
    )
    if last_old is not None:
        past += _ends(session, InterviewRow.start.between(last_old - LONGEST_INTERVIEW, last_old))
    anchor = max(past, default=None)
    if anchor is None:
        first = session.scalar(select(func.min(InterviewRow.start)))
        assert first is not None
        anchor = min(_ends(session, InterviewRow.start.between(first, first + LONGEST_INTERVIEW)))
    return anchor


def replan(
    session: Session,
    now: datetime,
    interview_ids: Iterable[int] | None = None,
    *,
    application_ids: Iterable[int] | None = None,
) -> None:
    """Bring the stored steps in line with the records, keeping what the user did.

    With ``interview_ids`` only those interviews' steps (and the global
    "keep searching" nudge, and every application's own follow-up) are re-planned, so an
    edit stays cheap. ``application_ids`` (only with ``interview_ids``) narrows the
    applications' follow-ups to those applications': a write that changed one application
    and no round (a move, an edit) cannot change another's follow-up, and reading all of
    them costs tens of milliseconds at 2,000 (bench/board.py). ValueError when
    ``application_ids`` comes without ``interview_ids``.
    """
    session.flush()
    settings = load_settings(session)
    query = select(InterviewRow).options(*FULL_INTERVIEW)
    step_query = select(StepRow)
    apps: list[int] | None = None
    ids: list[int] = []
    if application_ids is not None:
        if interview_ids is None:
            raise ValueError("application_ids narrows a re-plan of some interviews only")
        apps = sorted(set(application_ids))
    if interview_ids is not None:
        ids = sorted(set(interview_ids))
        query = query.where(InterviewRow.id.in_(ids))
        own = StepRow.application_id.is_not(None)
        if apps is not None:
            own = StepRow.application_id.in_(apps)
        step_query = step_query.where(
            or_(
                StepRow.interview_id.in_(ids),
                StepRow.kind == r.StepKind.KEEP_SEARCHING.value,
                own,
            )
        )
    existing = {row.key: row for row in session.scalars(step_query)}
    history = {key: convert.step_state(row) for key, row in existing.items()}

    planned: list[PlannedStep] = []
    if interview_ids is None or ids:
        for interview_row in session.scalars(query):
            planned.extend(plan_interview(convert.interview(interview_row), settings, history))
    planned.extend(plan_applications(_waiting(session, set(history), apps), settings, history))
    facts = search_facts(session, now, settings.keep_searching_below)
    planned.extend(plan_keep_searching_from(facts, settings, history))

    changes = reconcile(list(history.values()), planned, now)
    by_id = {row.id: row for row in existing.values()}
    for step in changes.insert:
        row = StepRow(key=step.key, status=r.StepStatus.PENDING.value, auto_done=False)
        _apply_plan(row, step)
        if step.satisfied:
            row.status, row.done_at, row.auto_done = r.StepStatus.DONE.value, now, True
        session.add(row)
    for step_id, step in changes.update:
        row = by_id[step_id]
        before = step_due(row)
        _apply_plan(row, step)
        if step_due(row) != before:
            row.notified_at = None  # a step that moved is announced again at its new time
            forget_notices(session, [row.id])
    for step_id in changes.auto_done:
        row = by_id[step_id]
        row.status, row.done_at, row.auto_done = r.StepStatus.DONE.value, now, True
    for step_id in changes.auto_reopen:
        row = by_id[step_id]
        row.status, row.done_at, row.auto_done = r.StepStatus.PENDING.value, None, False
    for step_id in changes.delete:
        session.delete(by_id[step_id])
    session.flush()


def _waiting(
    session: Session, stored: set[str], only: list[int] | None = None
) -> list[tuple[Application, int]]:
    """The applications that may have a follow-up of their own: alive, with a day applied,
    and no round yet or a follow-up already stored (each with its number of rounds); of
    ``only`` those ids, when given."""
    count = (
        select(func.count(InterviewRow.id))
        .where(InterviewRow.application_id == ApplicationRow.id)
        .scalar_subquery()
    )
    query = select(ApplicationRow, count).where(
        ApplicationRow.stage != Stage.CLOSED.value, ApplicationRow.applied_on.is_not(None)
    )
    if only is not None:
        query = query.where(ApplicationRow.id.in_(only))
    found = []
    for row, rounds in session.execute(query.order_by(ApplicationRow.id)):
        application = convert.application(row)
        if not rounds or follow_up_key(application) in stored:
            found.append((application, int(rounds)))
    return found


def _apply_plan(row: StepRow, step: PlannedStep) -> None:
    row.kind = step.kind.value
    row.title = step.title
    row.reason = step.reason
    row.rule, row.rule_params = step.rule, step.rule_params
    row.planned_due = step.due
    row.interview_id = step.interview_id
    row.application_id = step.application_id
    row.contact_id = step.contact_id
    row.reference_id = step.reference_id
    row.referral_id = step.referral_id
    row.person = step.person
    row.channel = step.channel.value if step.channel else None
    row.optional = step.optional


def list_steps(session: Session, status: r.StepStatus | None = None) -> Sequence[StepRow]:
    query = select(StepRow).options(selectinload(StepRow.interview))
    if status is not None:
        query = query.where(StepRow.status == status.value)
    return session.scalars(query.order_by(StepRow.due, StepRow.id)).all()


def due_steps(session: Session, at: datetime) -> Sequence[StepRow]:
    """Pending and snoozed steps whose due instant is at or before ``at``."""
    if at.tzinfo is None:
        raise NaiveDatetimeError("the instant to check must have a UTC offset")
    query = (
        select(StepRow)
        .options(selectinload(StepRow.interview))
        .where(StepRow.status.in_(OPEN), StepRow.due <= at)
        .order_by(StepRow.due, StepRow.id)
    )
    return session.scalars(query).all()


def interview_steps(session: Session, interview_id: int) -> list[StepRow]:
    """Every step of one interview, open ones first by due time, then the finished ones."""
    query = (
        select(StepRow)
        .options(selectinload(StepRow.interview))
        .where(StepRow.interview_id == interview_id)
        .order_by(StepRow.status.not_in(OPEN), StepRow.due, StepRow.id)
    )
    return list(session.scalars(query))


def get_step(session: Session, step_id: int) -> StepRow:
    row = session.get(StepRow, step_id)
    if row is None:
        raise RecordError(f"step {step_id}", "id", "no such step")
    return row


def _replan_after(session: Session, row: StepRow, now: datetime) -> None:
    # The second follow-up is anchored on when the first was done, so an action can move it.
    if row.interview_id is not None:
        replan(session, now, [row.interview_id])


def mark_done(
    session: Session, step_id: int, now: datetime, answered: bool | None = None
) -> StepRow:
    """Done at ``now``; a step already done keeps the time it was done (a second Done, from
    the tray or the command line, does not rewrite what happened). ``answered``: whether a
    follow-up got an answer (issue 17 §3), kept on the step; None leaves what is known. Only
    a follow-up is asked: an answer for another kind of step is a RecordError."""
    row = get_step(session, step_id)
    if answered is not None and row.kind != r.StepKind.FOLLOW_UP.value:
        raise RecordError(
            f"step {row.id} ({row.title!r})", "answered", "only a follow-up gets an answer"
        )
    if row.status != r.StepStatus.DONE.value or row.done_at is None:
        row.done_at = now
    if answered is not None:
        row.answered = answered
    row.status, row.auto_done = r.StepStatus.DONE.value, False
    _replan_after(session, row, now)
    return row


def snooze(
    session: Session, step_ids: Sequence[int], until: datetime, now: datetime
) -> list[StepRow]:
    """Snooze every one of ``step_ids`` until ``until`` (aware), or none of them, at ``now``
    (aware UTC). A snooze moves a step later: ``until`` must be later than both ``now`` and
    the step's effective due (:func:`afterview.domain.snooze.may_snooze_until`). The first
    step, in the order given, that is unknown, done or skipped, or that ``until`` would not
    move later, is refused by name (RecordError), whether one id was given or several. Each
    interview is re-planned once, however many of its steps are snoozed."""
    if until.tzinfo is None:
        raise RecordError("snooze", "until", "the time needs a UTC offset or a zone")
    wanted = list(dict.fromkeys(step_ids))
    rows: dict[int, StepRow] = {}
    for first in range(0, len(wanted), 500):
        batch = wanted[first : first + 500]
        rows.update(
            (row.id, row) for row in session.scalars(select(StepRow).where(StepRow.id.in_(batch)))
        )
    for step_id in wanted:
        row = rows.get(step_id)
        if row is None:
            raise RecordError(f"step {step_id}", "id", "no such step")
        if row.status not in OPEN:
            raise RecordError(
                f"step {row.id} ({row.title!r})", "status", f"a {row.status} step cannot be snoozed"
            )
        problem = refusal(until, step_due(row), now)
        if problem is not None:
            raise RecordError(f"step {row.id} ({row.title!r})", "until", problem)
    interviews: set[int] = set()
    for row in rows.values():
        row.status, row.snoozed_until, row.notified_at = r.StepStatus.SNOOZED.value, until, None
        forget_notices(session, [row.id])
        if row.interview_id is not None:
            interviews.add(row.interview_id)
    if interviews:
        replan(session, now, interviews)
    return [rows[step_id] for step_id in wanted]


def skip(session: Session, step_id: int, now: datetime) -> StepRow:
    row = get_step(session, step_id)
    row.status, row.done_at, row.auto_done = r.StepStatus.SKIPPED.value, None, False
    row.answered = None
    _replan_after(session, row, now)
    return row


def reopen(session: Session, step_id: int, now: datetime) -> StepRow:
    row = get_step(session, step_id)
    row.status, row.done_at, row.snoozed_until = r.StepStatus.PENDING.value, None, None
    row.auto_done, row.notified_at, row.answered = False, None, None
    forget_notices(session, [row.id])
    _replan_after(session, row, now)
    return row


def set_due(session: Session, step_id: int, due: datetime | None, now: datetime) -> StepRow:
    """Edit a step's due time; ``None`` goes back to the playbook's time. A snoozed step's
    snooze ends: the time the user gives is when it is due (moving a step earlier is this
    action, not a snooze: issue 12 §4)."""
    if due is not None and due.tzinfo is None:
        raise RecordError(f"step {step_id}", "due", "the time needs a UTC offset or a zone")
    row = get_step(session, step_id)
    if row.status == r.StepStatus.SNOOZED.value:
        row.status, row.snoozed_until = r.StepStatus.PENDING.value, None
    row.due_override, row.notified_at = due, None
    forget_notices(session, [row.id])
    _replan_after(session, row, now)
    return row
