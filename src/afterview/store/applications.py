"""Applications in the store (issue 17 §1): create, edit, move and close them, undo a move,
read their history; and every interview a round of one.

Every write validates first (RecordError names the record and the field), keeps the history
(one :class:`ApplicationEventRow` per change of standing, with its date), and re-plans in
the same transaction: the keep-searching nudge counts applications. The stage moves by the
domain's rule (:func:`afterview.domain.applications.standing_of`) when a round is added,
removed or changes status (:func:`restage`), and by hand (:func:`move`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from afterview.domain import records as r
from afterview.domain.applications import Cause, Event, Outcome, Stage, Standing, standing_of
from afterview.domain.text import unstorable
from afterview.store import steps
from afterview.store.application_models import ApplicationEventRow, ApplicationRow
from afterview.store.application_values import MAX_NAME, MovedApplication
from afterview.store.errors import RecordError
from afterview.store.models import InterviewRow, StepRow
from afterview.store.settings import load_settings

MAX_LINK = 2_000
MAX_TEXT = 100_000
#: The fields a user writes, with the longest text each takes.
TEXT_FIELDS = {
    "company": MAX_NAME,
    "position": MAX_NAME,
    "source": MAX_NAME,
    "link": MAX_LINK,
    "posting": MAX_TEXT,
}
FIELDS = (*TEXT_FIELDS, "applied_on")


def label(row: ApplicationRow) -> str:
    """How a message names an application: by what the user sees, never its id."""
    return f"the application at {row.company} ({row.position})"


def _text(record: str, name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise RecordError(record, name, f"expected text, got {type(value).__name__}")
    if name in ("company", "position") and not value.strip():
        raise RecordError(record, name, "required")
    limit = TEXT_FIELDS[name]
    if len(value) > limit:
        raise RecordError(record, name, f"too long ({len(value)} characters; at most {limit})")
    problem = unstorable(value)
    if problem is not None:
        raise RecordError(record, name, problem)
    return value


def check_fields(record: str, values: dict[str, Any]) -> dict[str, Any]:
    """Validated column values from ``values`` (names of :data:`FIELDS`); RecordError naming
    the field for anything else."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name in TEXT_FIELDS:
            out[name] = _text(record, name, value)
        elif name == "applied_on":
            if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
                raise RecordError(record, name, f"expected a date, got {value!r}")
            out[name] = value
        else:
            raise RecordError(record, name, "unknown field")
    return out


def get_application(session: Session, application_id: int) -> ApplicationRow:
    row = session.get(ApplicationRow, application_id)
    if row is None:
        raise RecordError(f"application {application_id}", "id", "no such application")
    return row


def exists(session: Session, application_id: int | None) -> bool:
    return application_id is not None and session.get(ApplicationRow, application_id) is not None


def standing(row: ApplicationRow) -> Standing:
    outcome = Outcome(row.outcome) if row.outcome else None
    return Standing(Stage(row.stage), outcome, row.outcome_detail)


def _event(session: Session, row: ApplicationRow, now: datetime, cause: Cause) -> int:
    event = ApplicationEventRow(
        application_id=row.id,
        at=now,
        stage=row.stage,
        outcome=row.outcome,
        outcome_detail=row.outcome_detail,
        cause=cause.value,
    )
    session.add(event)
    session.flush()
    return event.id


def _set_standing(
    session: Session, row: ApplicationRow, new: Standing, now: datetime, cause: Cause
) -> int | None:
    """Store ``new`` with its history entry; None (nothing written) when it is the same."""
    if standing(row) == new:
        return None
    row.stage = new.stage.value
    row.outcome = new.outcome.value if new.outcome else None
    row.outcome_detail = new.outcome_detail
    return _event(session, row, now, cause)


def replan_one(session: Session, application_id: int, now: datetime) -> None:
    """Re-plan after a write that changed this application and none of the rounds (it was
    made, edited, moved, closed or put back): its own follow-up and the keep-searching nudge,
    which counts the applications, are all such a write can change. The other applications'
    follow-ups are not read (tests/unit/test_replan_one.py checks this against a whole
    re-plan)."""
    steps.replan(session, now, [], application_ids=[application_id])


def _home_today(session: Session, now: datetime) -> date:
    return now.astimezone(ZoneInfo(load_settings(session).home_time_zone)).date()


def create_application(
    session: Session, values: dict[str, Any], now: datetime, *, sample: bool = False
) -> ApplicationRow:
    """A new application at stage Applied; ``applied_on`` is today in the user's own zone
    unless given (None: not known)."""
    record = "new application"
    for required in ("company", "position"):
        if required not in values:
            raise RecordError(record, required, "required")
    checked = check_fields(record, values)
    checked.setdefault("applied_on", _home_today(session, now))
    row = ApplicationRow(stage=Stage.APPLIED.value, sample=sample, **checked)
    session.add(row)
    session.flush()
    _event(session, row, now, Cause.CREATED)
    replan_one(session, row.id, now)
    return row


def update_application(
    session: Session, application_id: int, changes: dict[str, Any], now: datetime
) -> ApplicationRow:
    """Edit what the user wrote (never the stage: :func:`move`)."""
    row = get_application(session, application_id)
    for name, value in check_fields(label(row), changes).items():
        setattr(row, name, value)
    session.flush()
    replan_one(session, row.id, now)
    return row


def move(session: Session, application_id: int, new: Standing, now: datetime) -> MovedApplication:
    """Move the application to ``new`` by hand (a stage, or closed with an outcome); the
    value returned undoes it (:func:`undo_move`). The caller has claimed the row (its
    version is raised)."""
    row = get_application(session, application_id)
    before = standing(row)
    cause = Cause.CLOSED if new.stage is Stage.CLOSED else Cause.MOVED
    event_id = _set_standing(session, row, new, now, cause)
    session.flush()
    replan_one(session, row.id, now)
    session.refresh(row, ["version"])
    latest = _latest_event(session, row.id)
    return MovedApplication(row.id, before, event_id, row.version, label(row), latest)


def _latest_event(session: Session, application_id: int) -> int | None:
    """The id of the application's newest history entry (ids grow with each entry)."""
    return session.scalar(
        select(func.max(ApplicationEventRow.id)).where(
            ApplicationEventRow.application_id == application_id
        )
    )


def undo_move(session: Session, moved: MovedApplication, now: datetime) -> ApplicationRow:
    """Put back the standing a move changed and remove its history entry. RecordError, and
    nothing changed, when the application was changed since (on this computer or another)."""
    row = session.get(ApplicationRow, moved.application_id)
    if row is None:
        raise RecordError(moved.label, "stage", "it no longer exists; nothing to undo")
    # Edited since (its version), or moved since by its rounds (a later history entry).
    if row.version != moved.version or _latest_event(session, row.id) != moved.latest_event:
        raise RecordError(label(row), "stage", "it has changed since; nothing to undo")
    new = moved.before
    row.stage = new.stage.value
    row.outcome = new.outcome.value if new.outcome else None
    row.outcome_detail = new.outcome_detail
    row.version += 1
    if moved.event_id is not None:
        event = session.get(ApplicationEventRow, moved.event_id)
        if event is not None:
            session.delete(event)
    session.flush()
    replan_one(session, row.id, now)
    return row


def history(session: Session, application_id: int) -> list[Event]:
    """Every change of the application's standing, oldest first."""
    get_application(session, application_id)
    query = (
        select(ApplicationEventRow)
        .where(ApplicationEventRow.application_id == application_id)
        .order_by(ApplicationEventRow.at, ApplicationEventRow.id)
    )
    return [
        Event(
            row.at.astimezone(UTC),
            Standing(
                Stage(row.stage), Outcome(row.outcome) if row.outcome else None, row.outcome_detail
            ),
            Cause(row.cause),
        )
        for row in session.scalars(query)
    ]


# --- rounds ---------------------------------------------------------------------------------


def _round(row: InterviewRow) -> r.Interview:
    """What the stage rule reads of a round."""
    return r.Interview(
        id=row.id,
        company=row.company,
        position=row.position,
        start=row.start,
        time_zone="UTC",
        round=row.round,
        status=r.Status(row.status),
    )


def rounds(session: Session, application_id: int) -> list[InterviewRow]:
    query = select(InterviewRow).where(InterviewRow.application_id == application_id)
    return list(session.scalars(query.order_by(InterviewRow.start, InterviewRow.id)))


def restage(session: Session, application_id: int | None, now: datetime) -> int | None:
    """The stage rule, after a round of the application was added, removed or changed
    status or time; the id of the history entry it added (None: the stage stayed). Does not
    re-plan: the caller's write does."""
    if application_id is None:
        return None
    row = session.get(ApplicationRow, application_id)
    if row is None:
        return None
    session.flush()
    left = rounds(session, application_id)
    if not left and row.stage == Stage.CLOSED.value:
        return None  # its last round removed: a closed application stays closed
    return _set_standing(session, row, standing_of([_round(i) for i in left]), now, Cause.ROUND)


def take_back(session: Session, application_id: int | None, event_id: int | None) -> None:
    """Undo of a change that added history entry ``event_id``: while it is still the
    application's latest entry, remove it and put back the standing of the entry before it,
    so an undone delete leaves the history as it was. Nothing when something moved the
    application since: the caller's :func:`restage` then writes its own entry."""
    if application_id is None or event_id is None:
        return
    row = session.get(ApplicationRow, application_id)
    event = session.get(ApplicationEventRow, event_id)
    if _latest_event(session, application_id) != event_id or row is None or event is None:
        return
    previous = session.scalars(
        select(ApplicationEventRow)
        .where(
            ApplicationEventRow.application_id == application_id,
            ApplicationEventRow.id < event_id,
        )
        .order_by(ApplicationEventRow.id.desc())
        .limit(1)
    ).first()
    session.delete(event)
    if previous is not None:
        row.stage, row.outcome = previous.stage, previous.outcome
        row.outcome_detail = previous.outcome_detail
    session.flush()


class _Groups:
    """The applications interviews are grouped into (records.application_group, the sample
    apart), read once per write: the latest application of each group takes new rounds."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.found: dict[tuple[bool, str, str], int] = {}
        query = select(
            ApplicationRow.id,
            ApplicationRow.company,
            ApplicationRow.position,
            ApplicationRow.sample,
        ).order_by(ApplicationRow.id)
        for app_id, company, position, sample in session.execute(query):
            self.found[(bool(sample), *r.application_group(company, position))] = app_id

    def of(self, interview: InterviewRow, now: datetime) -> int:
        group = (
            bool(interview.sample),
            *r.application_group(interview.company, interview.position),
        )
        if group not in self.found:
            row = ApplicationRow(
                company=interview.company.strip(),
                position=interview.position.strip(),
                stage=Stage.APPLIED.value,
                sample=bool(interview.sample),
                applied_on=None,
            )
            self.session.add(row)
            self.session.flush()
            _event(self.session, row, now, Cause.CREATED)
            self.found[group] = row.id
        return self.found[group]


def attach(
    session: Session, interview: InterviewRow, now: datetime, application_id: int | None = None
) -> int:
    """Make ``interview`` a round of the application ``application_id`` (RecordError when
    there is none), else of the latest one with its company and position (a new one when
    none has them); the stage rule runs on both the old and the new application."""
    if application_id is not None:
        get_application(session, application_id)
    else:
        application_id = _Groups(session).of(interview, now)
    before = interview.application_id
    interview.application_id = application_id
    session.flush()
    restage(session, application_id, now)
    if before is not None and before != application_id:
        restage(session, before, now)
    return application_id


def group_loose(session: Session, now: datetime) -> list[int]:
    """Every interview that is no application's round yet (an import of an older file, the
    sample) becomes one, grouped as :func:`attach` does. Returns the applications touched."""
    query = select(InterviewRow).where(InterviewRow.application_id.is_(None))
    loose = list(session.scalars(query.order_by(InterviewRow.start, InterviewRow.id)))
    if not loose:
        return []
    groups = _Groups(session)
    touched: set[int] = set()
    for interview in loose:
        interview.application_id = groups.of(interview, now)
        touched.add(interview.application_id)
    session.flush()
    for application_id in sorted(touched):
        restage(session, application_id, now)
    return sorted(touched)


def remove_sample(session: Session, now: datetime) -> None:
    """Delete the sample's applications (their rounds are gone already) with their history
    and steps; a round of the user's own that was put in one is grouped again."""
    sample = list(session.scalars(select(ApplicationRow).where(ApplicationRow.sample.is_(True))))
    if not sample:
        return
    ids = [row.id for row in sample]
    session.execute(
        update(InterviewRow)
        .where(InterviewRow.application_id.in_(ids))
        .values(application_id=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(delete(StepRow).where(StepRow.application_id.in_(ids)))
    for row in sample:
        session.delete(row)
    session.flush()
    group_loose(session, now)


__all__ = [
    "FIELDS",
    "MovedApplication",
    "attach",
    "check_fields",
    "create_application",
    "get_application",
    "group_loose",
    "history",
    "label",
    "move",
    "replan_one",
    "restage",
    "rounds",
    "undo_move",
    "update_application",
]
