"""Fold a fresh plan into the stored steps without losing what the user did.

The playbook is re-run whenever the records change. Stored steps are matched
to planned ones by key: the plan may move a step's due time or rename it, but
whatever the user decided (done, snoozed, skipped, an edited due time) stays.
Pure: the caller applies the result to the store in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from afterview.domain.records import StepStatus
from afterview.domain.steps import OPEN_STATUSES, PlannedStep, StepState


@dataclass(frozen=True)
class Reconciliation:
    """What to change in the store.

    ``insert``: new steps; insert those with ``satisfied`` set as done (auto_done).
    ``update``: (stored id, plan) — write the planned fields (title, planned due,
    reason, person, channel, optional) and nothing the user set (status,
    due_override, snoozed_until, done_at).
    ``delete``: open steps whose rule no longer applies.
    ``auto_done``: open steps the records now satisfy; mark done with auto_done=True.
    ``auto_reopen``: steps done by the playbook that the records no longer satisfy.
    """

    insert: list[PlannedStep] = field(default_factory=list)
    update: list[tuple[int, PlannedStep]] = field(default_factory=list)
    delete: list[int] = field(default_factory=list)
    auto_done: list[int] = field(default_factory=list)
    auto_reopen: list[int] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing changes but the planned fields of steps already stored."""
        return not (self.insert or self.delete or self.auto_done or self.auto_reopen)


def _check_unique(keys: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"duplicate {what} step key {key!r}")
        seen.add(key)


def reconcile(
    existing: Sequence[StepState], planned: Sequence[PlannedStep], now: datetime
) -> Reconciliation:
    """Match ``planned`` to ``existing`` by key and say what to insert, update and delete.

    ``now`` must be aware; it is the moment the plan was made (the caller uses
    it as ``done_at`` for the steps in ``auto_done``).
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    _check_unique([state.key for state in existing], "stored")
    _check_unique([step.key for step in planned], "planned")
    stored = {state.key: state for state in existing}
    plan = {step.key: step for step in planned}
    result = Reconciliation()
    for key, step in plan.items():
        state = stored.get(key)
        if state is None:
            result.insert.append(step)
            continue
        result.update.append((state.id, step))
        if step.satisfied and state.status in OPEN_STATUSES:
            result.auto_done.append(state.id)
        elif not step.satisfied and state.status is StepStatus.DONE and state.auto_done:
            result.auto_reopen.append(state.id)
    for key, state in stored.items():
        if key not in plan and state.status in OPEN_STATUSES:
            result.delete.append(state.id)
    return result
