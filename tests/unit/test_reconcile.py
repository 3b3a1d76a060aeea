"""Re-planning never loses what the user did (afterview.domain.reconcile).

``apply`` below is a minimal in-memory store that follows the contract in
``Reconciliation``'s docstring, so the properties test what a real store
would end up holding.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.contact_ways import ways
from afterview.domain.playbook import plan_all
from afterview.domain.reconcile import Reconciliation, reconcile
from afterview.domain.records import (
    Contact,
    Interview,
    Participation,
    Reference,
    Role,
    Status,
    StepKind,
    StepStatus,
)
from afterview.domain.settings import Settings
from afterview.domain.steps import PlannedStep, StepState
from tests.hypothesis_settings import examples

NOW = datetime(2026, 5, 20, 12, tzinfo=UTC)
DUE = datetime(2026, 5, 21, 13, tzinfo=UTC)


def planned(key: str, due: datetime = DUE, *, satisfied: bool = False) -> PlannedStep:
    return PlannedStep(
        key=key,
        kind=StepKind.FOLLOW_UP,
        title=f"Step {key}",
        due=due,
        reason="Seed 001 §4",
        satisfied=satisfied,
    )


def stored(step_id: int, key: str, status: StepStatus = StepStatus.PENDING, **kw: Any) -> StepState:
    return StepState(
        id=step_id,
        key=key,
        kind=StepKind.FOLLOW_UP,
        status=status,
        planned_due=DUE - timedelta(days=1),
        **kw,
    )


def apply(existing: list[StepState], result: Reconciliation, now: datetime) -> list[StepState]:
    """What a store does with a reconciliation."""
    rows = {state.id: state for state in existing}
    for step_id in result.delete:
        del rows[step_id]
    for step_id, step in result.update:
        rows[step_id] = replace(rows[step_id], planned_due=step.due)
    for step_id in result.auto_done:
        rows[step_id] = replace(rows[step_id], status=StepStatus.DONE, done_at=now, auto_done=True)
    for step_id in result.auto_reopen:
        rows[step_id] = replace(
            rows[step_id], status=StepStatus.PENDING, done_at=None, auto_done=False
        )
    # Like an autoincrement column, never reuse the id of a deleted row.
    next_id = max((state.id for state in existing), default=0) + 1
    for offset, step in enumerate(result.insert):
        rows[next_id + offset] = StepState(
            id=next_id + offset,
            key=step.key,
            kind=step.kind,
            status=StepStatus.DONE if step.satisfied else StepStatus.PENDING,
            planned_due=step.due,
            done_at=now if step.satisfied else None,
            auto_done=step.satisfied,
        )
    return list(rows.values())


# --- examples ---------------------------------------------------------------------------------


def test_new_steps_are_inserted_satisfied_ones_flagged() -> None:
    result = reconcile([], [planned("a"), planned("b", satisfied=True)], NOW)
    assert [step.key for step in result.insert] == ["a", "b"]
    assert [step.satisfied for step in result.insert] == [False, True]
    assert (result.update, result.delete, result.auto_done, result.auto_reopen) == ([], [], [], [])


def test_stored_steps_get_the_new_plan_but_keep_the_users_choices() -> None:
    snoozed = stored(2, "b", StepStatus.SNOOZED, snoozed_until=NOW + timedelta(hours=3))
    edited = stored(3, "c", due_override=NOW + timedelta(days=2))
    result = reconcile([snoozed, edited], [planned("b"), planned("c")], NOW)
    # An update carries only the plan, so the snooze and the edited time cannot be touched;
    # tests/unit/test_replan_store.py checks that the store keeps them.
    assert result.update == [(2, planned("b")), (3, planned("c"))]
    assert (result.insert, result.delete, result.auto_done, result.auto_reopen) == ([], [], [], [])


@pytest.mark.parametrize(
    ("status", "deleted"),
    [
        (StepStatus.PENDING, True),
        (StepStatus.SNOOZED, True),
        (StepStatus.DONE, False),
        (StepStatus.SKIPPED, False),
    ],
)
def test_steps_no_longer_planned(status: StepStatus, deleted: bool) -> None:
    """A withdrawn interview drops what is open; what was done or skipped stays as history."""
    result = reconcile([stored(4, "gone", status)], [], NOW)
    assert result.delete == ([4] if deleted else [])
    assert result.update == []


@pytest.mark.parametrize(
    ("state", "satisfied", "auto_done", "auto_reopen"),
    [
        pytest.param(stored(1, "k"), True, [1], [], id="cards completed: done by itself"),
        pytest.param(stored(1, "k", StepStatus.SNOOZED), True, [1], [], id="snoozed, then done"),
        pytest.param(stored(1, "k", auto_done=False), False, [], [], id="open stays open"),
        pytest.param(
            stored(1, "k", StepStatus.DONE, auto_done=True),
            False,
            [],
            [1],
            id="card emptied: reopen",
        ),
        pytest.param(
            stored(1, "k", StepStatus.DONE, auto_done=False), False, [], [], id="user's done stays"
        ),
        pytest.param(stored(1, "k", StepStatus.SKIPPED), True, [], [], id="user's skip stays"),
        pytest.param(
            stored(1, "k", StepStatus.DONE, auto_done=True), True, [], [], id="still done"
        ),
    ],
)
def test_satisfied_steps(
    state: StepState, satisfied: bool, auto_done: list[int], auto_reopen: list[int]
) -> None:
    result = reconcile([state], [planned("k", satisfied=satisfied)], NOW)
    assert result.auto_done == auto_done
    assert result.auto_reopen == auto_reopen


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^duplicate planned step key 'a'$"):
        reconcile([], [planned("a"), planned("a")], NOW)
    with pytest.raises(ValueError, match=r"^duplicate stored step key 'a'$"):
        reconcile([stored(1, "a"), stored(2, "a")], [], NOW)
    with pytest.raises(ValueError, match=r"^now must be an aware datetime$"):
        reconcile([], [], datetime(2026, 5, 20, 12))


def test_replanning_after_a_rejection_keeps_the_history() -> None:
    """From planning to rejection: done/skipped/edited steps survive, the open follow-ups go."""
    laura = Contact(1, "Laura Chen", title="Manager", emails=ways("laura@acme.example"))
    subject = Interview(
        id=7,
        company="Acme",
        position="Analyst",
        start=datetime(2026, 5, 13, 14, tzinfo=UTC),
        time_zone="America/New_York",
        country="US",
        status=Status.AWAITING_DECISION,
        people=(Participation(laura, Role.INTERVIEWER),),
        references=(Reference(1, "Ana Ruiz", email="ana@example.org"),),
    )
    config = Settings()
    first = plan_all([subject], config, {}, NOW)
    rows = apply([], reconcile([], first, NOW), NOW)
    by_key = {row.key: row for row in rows}
    assert by_key["#7:contact_cards"].status is StepStatus.DONE  # Laura's card is complete

    edited_due = NOW + timedelta(days=1)
    user: dict[str, dict[str, Any]] = {
        "#7:thank_you:c=#1": {"status": StepStatus.DONE, "done_at": NOW},
        "#7:notify_reference:r=#1": {"status": StepStatus.SKIPPED},
        "#7:debrief": {"due_override": edited_due},
    }
    rows = [replace(row, **user.get(row.key, {})) for row in rows]

    rejected = replace(subject, status=Status.REJECTED, status_changed_at=NOW)
    history = {row.key: row for row in rows}
    result = reconcile(rows, plan_all([rejected], config, history, NOW), NOW)
    after = {row.key: row for row in apply(rows, result, NOW)}

    assert after["#7:thank_you:c=#1"].status is StepStatus.DONE
    assert after["#7:notify_reference:r=#1"].status is StepStatus.SKIPPED
    assert after["#7:debrief"].due == edited_due
    assert "#7:follow_up:1" not in after
    assert "#7:follow_up:2" not in after
    assert {"#7:courtesy_note", "#7:reconnect"} <= after.keys()


# --- properties -------------------------------------------------------------------------------

KEYS = st.sampled_from([f"k{n}" for n in range(8)])
AWARE = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)
)
planned_steps = st.builds(planned, KEYS, AWARE, satisfied=st.booleans())


@st.composite
def stored_steps(draw: st.DrawFn) -> list[StepState]:
    keys = draw(st.lists(KEYS, unique=True))
    states = []
    for step_id, key in enumerate(keys, start=1):
        status = draw(st.sampled_from(StepStatus))
        states.append(
            StepState(
                id=step_id,
                key=key,
                kind=StepKind.FOLLOW_UP,
                status=status,
                planned_due=draw(AWARE),
                due_override=draw(st.none() | AWARE),
                snoozed_until=draw(AWARE) if status is StepStatus.SNOOZED else None,
                done_at=draw(AWARE) if status is StepStatus.DONE else None,
                auto_done=status is StepStatus.DONE and draw(st.booleans()),
            )
        )
    return states


plans = st.lists(planned_steps, unique_by=lambda step: step.key)


@settings(max_examples=examples(300))
@given(stored_steps(), plans)
def test_reconcile_twice_changes_nothing_more(
    existing: list[StepState], plan: list[PlannedStep]
) -> None:
    once = apply(existing, reconcile(existing, plan, NOW), NOW)
    again = reconcile(once, plan, NOW)
    assert again.is_empty
    assert sorted(step_id for step_id, _ in again.update) == sorted(
        state.id for state in once if state.key in {step.key for step in plan}
    )
    assert apply(once, again, NOW) == once
    assert {state.key for state in once} >= {step.key for step in plan}


@settings(max_examples=examples(300))
@given(stored_steps(), plans)
def test_reconcile_never_loses_what_the_user_did(
    existing: list[StepState], plan: list[PlannedStep]
) -> None:
    result = reconcile(existing, plan, NOW)
    by_id = {state.id: state for state in existing}
    planned_keys = {step.key for step in plan}

    for step_id in result.delete:
        assert by_id[step_id].status in (StepStatus.PENDING, StepStatus.SNOOZED)
        assert by_id[step_id].key not in planned_keys
    # Every stored step the plan still has is updated, once, with its own plan; the rest of
    # the plan is inserted, once.
    stored_keys = {state.key for state in existing}
    plan_by_key = {step.key: step for step in plan}
    assert sorted(result.update, key=lambda pair: pair[0]) == sorted(
        ((state.id, plan_by_key[state.key]) for state in existing if state.key in plan_by_key),
        key=lambda pair: pair[0],
    )
    assert sorted(step.key for step in result.insert) == sorted(planned_keys - stored_keys)
    assert set(result.delete) == {
        state.id
        for state in existing
        if state.key not in planned_keys
        and state.status in (StepStatus.PENDING, StepStatus.SNOOZED)
    }
    assert set(result.auto_done) == {
        state.id
        for state in existing
        if state.key in plan_by_key
        and plan_by_key[state.key].satisfied
        and state.status in (StepStatus.PENDING, StepStatus.SNOOZED)
    }
    assert set(result.auto_reopen) == {
        state.id
        for state in existing
        if state.key in plan_by_key
        and not plan_by_key[state.key].satisfied
        and state.status is StepStatus.DONE
        and state.auto_done
    }
    for step_id in result.auto_done:
        assert by_id[step_id].status in (StepStatus.PENDING, StepStatus.SNOOZED)
    for step_id in result.auto_reopen:
        assert by_id[step_id].status is StepStatus.DONE
        assert by_id[step_id].auto_done
    assert {step.key for step in result.insert}.isdisjoint(state.key for state in existing)

    after = {state.id: state for state in apply(existing, result, NOW)}
    for state in existing:
        if state.status in (StepStatus.DONE, StepStatus.SKIPPED):
            assert state.id in after, "done and skipped steps are history"
        if state.id not in after:
            continue
        kept = after[state.id]
        changed_by_plan = state.id in result.auto_done or state.id in result.auto_reopen
        if not changed_by_plan:
            assert (kept.status, kept.done_at, kept.auto_done) == (
                state.status,
                state.done_at,
                state.auto_done,
            )
        if state.status in (StepStatus.DONE, StepStatus.SKIPPED) and not state.auto_done:
            assert kept.status is state.status, "only the playbook's own 'done' is ever undone"
