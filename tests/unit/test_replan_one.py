"""A write to one application re-plans only what it can change (issue 17 §2, the board's
drag at 2,000 applications): its own follow-up and the keep-searching nudge
(afterview.store.applications.replan_one), and the board reads its one card again
(afterview.store.board.cards with ``only``).

The narrow re-plan and the narrow read are the same rules as the whole ones, narrowed. These
tests hold them together: after any sequence of creates, edits, moves, closes and undos, a
whole re-plan changes no step, and the narrow read gives exactly the whole read's cards.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.applications import Outcome, Stage
from afterview.store import steps
from afterview.store.api import open_store
from afterview.store.database import open_database
from afterview.store.errors import RecordError
from afterview.store.operations import Store
from tests.hypothesis_settings import NO_EXPLAIN, examples

#: Monday 30 November 2026, 09:00 UTC.
NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
APPLIED = date(2026, 11, 2)


def _steps(store: Store) -> list[Any]:
    """Every stored step, all its fields, by key."""
    return sorted(store.steps.all(), key=lambda step: step.key)


def _replan_everything(where: Any) -> None:
    database = open_database(where)
    try:
        with database.write() as session:
            steps.replan(session, NOW)
    finally:
        database.close()


def _same_as_whole(store: Store, where: Any) -> None:
    """A whole re-plan finds nothing to change, and each card read alone is the card the
    whole board reads."""
    narrow = _steps(store)
    _replan_everything(where)
    assert _steps(store) == narrow
    every = store.board.cards(NOW)
    for card in every:
        assert store.board.cards(NOW, [card.id]) == [card]
    ids = [card.id for card in every][::2]
    assert store.board.cards(NOW, ids) == [c for c in every if c.id in ids]


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        opened.settings.save_playbook({"keep_searching_below": 3})
        yield opened


def _apply(store: Store, company: str, days: int) -> int:
    values = {"company": company, "position": "Engineer", "applied_on": APPLIED + timedelta(days)}
    made = store.applications.create(values).value
    assert made is not None
    return made


def _own(store: Store, application_id: int) -> list[str]:
    return [s.status for s in store.steps.all() if s.application_id == application_id]


def test_a_move_re_plans_its_own_follow_up_and_leaves_the_others(
    store: Store, data_dir: Path
) -> None:
    acme, globex, initech = (_apply(store, name, n) for n, name in enumerate("AGI"))
    store.interviews.create(
        {"company": "G", "position": "Engineer", "start": datetime(2026, 12, 2, 10),
         "time_zone": "UTC", "application_id": globex}
    )  # fmt: skip
    assert _own(store, acme) == ["pending"]
    others = [s for s in store.steps.all() if s.application_id != acme]
    moved = store.applications.close(acme, Outcome.NO_RESPONSE).value
    assert _own(store, acme) == []  # a closed application plans no follow-up
    assert [s for s in store.steps.all() if s.application_id not in (acme, None)] == [
        s for s in others if s.application_id is not None
    ]
    _same_as_whole(store, paths.resolve(data_dir))
    store.applications.undo_move(moved)
    assert _own(store, acme) == ["pending"]
    store.applications.move(initech, Stage.OFFER)
    _same_as_whole(store, paths.resolve(data_dir))
    store.applications.update(initech, {"applied_on": APPLIED - timedelta(days=20)})
    _same_as_whole(store, paths.resolve(data_dir))


def test_the_narrow_re_plan_needs_the_interviews_it_narrows(store: Store) -> None:
    """Narrowed to some applications but all interviews, a re-plan would delete the other
    applications' follow-ups: refused."""
    database = open_database(store.paths)
    try:
        with pytest.raises(ValueError, match="application_ids"), database.write() as session:
            steps.replan(session, NOW, application_ids=[1])
    finally:
        database.close()


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.integers(0, 40)),
        st.tuples(st.just("applied"), st.integers(0, 40)),
        st.tuples(st.just("unknown day"), st.just(0)),
        st.tuples(st.just("round"), st.integers(0, 3)),
        st.tuples(st.just("move"), st.sampled_from(list(Stage)[:-1])),
        st.tuples(st.just("close"), st.sampled_from(list(Outcome))),
        st.tuples(st.just("undo"), st.just(0)),
    ),
    min_size=1,
    max_size=10,
)


@settings(
    max_examples=examples(15),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations=OPERATIONS, picks=st.lists(st.integers(0, 5), min_size=10, max_size=10))
def test_after_any_writes_to_applications_a_whole_re_plan_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory, operations: list[tuple[str, Any]], picks: list[int]
) -> None:
    where = paths.resolve(tmp_path_factory.mktemp("replan-one"))
    with open_store(where, clock=lambda: NOW) as store:
        store.settings.save_playbook({"keep_searching_below": 2, "application_follow_up_days": 7})
        made = [_apply(store, "Acme", 0), _apply(store, "Globex", 25)]
        undo: list[Any] = []
        for (name, value), pick in zip(operations, picks, strict=False):
            chosen = made[pick % len(made)]
            if name == "create":
                made.append(_apply(store, f"Company {len(made)}", value))
            elif name == "applied":
                store.applications.update(chosen, {"applied_on": APPLIED + timedelta(value)})
            elif name == "unknown day":
                store.applications.update(chosen, {"applied_on": None})
            elif name == "round":
                store.interviews.create(
                    {"company": "X", "position": "Y", "start": datetime(2026, 11, 20 + value, 10),
                     "time_zone": "UTC", "application_id": chosen}
                )  # fmt: skip
            elif name == "move" and store.applications.get(chosen).stage is not value:
                undo.append(store.applications.move(chosen, value).value)
            elif name == "close":
                undo.append(store.applications.close(chosen, value).value)
            elif name == "undo" and undo:
                with contextlib.suppress(RecordError):  # changed since: refused
                    store.applications.undo_move(undo.pop())
            _same_as_whole(store, where)
