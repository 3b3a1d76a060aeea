"""Columns derived from others, kept in step on every write, so SQL reads a rule's result
instead of restating the rule.

- A step's ``due`` is its effective due (:func:`afterview.domain.steps.effective_due`).
- The ``*_sort`` columns hold names folded by :func:`afterview.domain.text.fold`, the same
  folding the list's filter uses, so the database sorts them by plain binary order.
- An interview's ``next_step``, ``next_step_sort`` and ``next_due`` describe its next open step
  (:func:`afterview.domain.steps.next_step`), for the list's column and its sort.

The first two are set as each row is flushed. The next step depends on several rows, so the
interviews whose steps changed are collected at each flush and brought up to date just
before the transaction commits. Nothing else writes these columns (the migrations that
create them compute them once); ``tests/unit/test_derived_columns.py`` holds them to the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import chain
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from afterview.domain.steps import OPEN_STATUSES, effective_due, next_step
from afterview.domain.text import fold
from afterview.store.models import ContactRow, InterviewRow, ReferenceRow, StepRow

_PENDING_NEXT_STEP = "afterview.next_step"


def step_due(row: StepRow) -> datetime:
    """The row's effective due as its fields stand now (its ``due`` column is set at flush)."""
    return effective_due(row.status, row.planned_due, row.due_override, row.snoozed_until)


@event.listens_for(StepRow, "before_insert")
@event.listens_for(StepRow, "before_update")
def _step_due(_mapper: Any, _connection: Any, row: StepRow) -> None:
    row.due = step_due(row)


@event.listens_for(InterviewRow, "before_insert")
@event.listens_for(InterviewRow, "before_update")
def _interview_sort(_mapper: Any, _connection: Any, row: InterviewRow) -> None:
    row.company_sort = fold(row.company)
    row.position_sort = fold(row.position)
    row.round_sort = fold(row.round or "")


@event.listens_for(ContactRow, "before_insert")
@event.listens_for(ContactRow, "before_update")
@event.listens_for(ReferenceRow, "before_insert")
@event.listens_for(ReferenceRow, "before_update")
def _person_sort(_mapper: Any, _connection: Any, row: ContactRow | ReferenceRow) -> None:
    row.sort_name = fold(row.name)


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: Any) -> None:
    touched: set[int] = session.info.setdefault(_PENDING_NEXT_STEP, set())
    for row in chain(session.new, session.dirty, session.deleted):
        if isinstance(row, StepRow) and row.interview_id is not None:
            touched.add(row.interview_id)


@event.listens_for(Session, "before_commit")
def _settle(session: Session) -> None:
    session.flush()
    touched = session.info.pop(_PENDING_NEXT_STEP, None)
    if touched:
        refresh_next_steps(session, touched)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING_NEXT_STEP, None)


class _Open:
    """What :func:`next_step` needs of a stored step."""

    __slots__ = ("due", "id", "rule", "rule_params", "status", "title")

    def __init__(
        self, step_id: int, status: str, due: Any, title: str, rule: str, rule_params: str
    ) -> None:
        self.id, self.status, self.due, self.title = step_id, status, due, title
        self.rule, self.rule_params = rule, rule_params


def refresh_next_steps(session: Session, interview_ids: Iterable[int]) -> None:
    """Set the next-step columns of ``interview_ids`` from their open steps."""
    ids = sorted(set(interview_ids))
    for first in range(0, len(ids), 500):
        batch = ids[first : first + 500]
        steps: dict[int, list[_Open]] = {}
        query = select(
            StepRow.interview_id,
            StepRow.id,
            StepRow.status,
            StepRow.due,
            StepRow.title,
            StepRow.rule,
            StepRow.rule_params,
        )
        query = query.where(
            StepRow.interview_id.in_(batch),
            StepRow.status.in_([status.value for status in OPEN_STATUSES]),
        )
        for interview_id, step_id, status, due, title, rule, params in session.execute(query):
            if interview_id is not None:  # the query asks for these interviews' steps only
                found = _Open(step_id, status, due, title, rule, params)
                steps.setdefault(interview_id, []).append(found)
        for row in session.scalars(select(InterviewRow).where(InterviewRow.id.in_(batch))):
            chosen = next_step(steps.get(row.id, []))
            row.next_step = chosen.title if chosen else ""
            row.next_step_sort = fold(chosen.title) if chosen else ""
            row.next_due = chosen.due if chosen else None
            row.next_step_rule = chosen.rule if chosen else ""
            row.next_step_params = chosen.rule_params if chosen else "{}"
    session.flush()


__all__ = ["refresh_next_steps", "step_due"]
