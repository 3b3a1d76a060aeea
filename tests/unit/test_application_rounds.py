"""Moving an application by hand reaches its rounds (issue 17 §3; a fresh tester's finding:
after closing an application as withdrawn, "Follow up on your application" still came).

Seed 001 §3 and §5: follow up while the employer has not decided, then let go; after a
rejection, a courteous note (003 §4); after withdrawing, nothing more. The expected steps are
written from those rules, not read back from the playbook.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.applications import (
    ROUND_STAGES,
    Outcome,
    Stage,
    Standing,
    closed,
    round_status_for,
)
from afterview.domain.records import Status
from afterview.store.api import open_store
from afterview.store.operations import Store

#: Monday 16 November 2026: the Onsite round took place on Monday 2 November.
NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        opened.settings.save_playbook({"home_time_zone": "UTC"})
        yield opened


def _awaiting(store: Store) -> tuple[int, int]:
    """Acme's Onsite round, two weeks ago, awaiting a decision: its application and round."""
    interview = store.interviews.create(
        {"company": "Acme", "position": "Engineer", "round": "Onsite",
         "start": datetime(2026, 11, 2, 10, 0), "time_zone": "UTC",
         "status": "awaiting_decision"},
    ).value  # fmt: skip
    application = store.applications.of_interview(interview)
    assert application is not None
    return application.id, interview


def _open_kinds(store: Store, interview: int) -> list[str]:
    return sorted(
        step.kind
        for step in store.steps.of_interview(interview)
        if step.status in ("pending", "snoozed")
    )


@pytest.mark.parametrize(
    ("outcome", "status", "follow_ups_left"),
    [
        (Outcome.REJECTED, "rejected", 0),
        (Outcome.WITHDREW, "withdrawn", 0),
        (Outcome.NO_RESPONSE, "no_response", 0),
        (Outcome.OFFER_DECLINED, "offer", 0),
        # No round status says these: the round keeps its own, its follow-ups end.
        (Outcome.POSITION_CLOSED, "awaiting_decision", 0),
        (Outcome.CANCELLED, "awaiting_decision", 0),
    ],
)
def test_closing_ends_the_follow_ups_and_undo_brings_them_back(
    store: Store, outcome: Outcome, status: str, follow_ups_left: int
) -> None:
    application, interview = _awaiting(store)
    assert "follow_up" in _open_kinds(store, interview)  # 001 §3: while they decide
    moved = store.applications.close(application, outcome).value
    assert store.interviews.get(interview).status == status
    assert _open_kinds(store, interview).count("follow_up") == follow_ups_left
    if outcome is Outcome.REJECTED:  # 003 §4: the courteous note after a rejection
        assert "courtesy_note" in _open_kinds(store, interview)
    store.applications.undo_move(moved)
    assert store.interviews.get(interview).status == "awaiting_decision"
    assert "follow_up" in _open_kinds(store, interview)
    assert store.applications.get(application).stage is Stage.AWAITING_DECISION


def test_an_answer_the_round_already_has_is_never_written_over(store: Store) -> None:
    """A next round recorded, then a rejection before it was scheduled: the round keeps
    "next round" (the Insight funnel counts it), and the application closes."""
    application, interview = _awaiting(store)
    store.interviews.update(interview, {"status": "next_round"})
    store.applications.close(application, Outcome.REJECTED, "Onsite")
    assert store.interviews.get(interview).status == "next_round"
    assert store.applications.get(application).outcome is Outcome.REJECTED


def test_moving_to_offer_records_it_on_the_round(store: Store) -> None:
    application, interview = _awaiting(store)
    moved = store.applications.move(application, Stage.OFFER).value
    assert store.interviews.get(interview).status == "offer"
    assert "follow_up" not in _open_kinds(store, interview)
    store.applications.undo_move(moved)
    assert store.interviews.get(interview).status == "awaiting_decision"


def test_an_undo_leaves_a_round_the_user_changed_since(store: Store) -> None:
    application, interview = _awaiting(store)
    moved = store.applications.close(application, Outcome.WITHDREW, "another offer").value
    store.interviews.update(interview, {"status": "offer"})  # they made an offer after all
    with pytest.raises(Exception):  # noqa: B017, PT011 - the undo is refused (a round moved it)
        store.applications.undo_move(moved)
    assert store.interviews.get(interview).status == "offer"


@given(
    st.sampled_from(list(Stage)),
    st.one_of(st.none(), st.sampled_from(list(Outcome))),
)
def test_the_round_status_a_move_gives_says_the_same_stage_back(
    stage: Stage, outcome: Outcome | None
) -> None:
    """round_status_for runs the stage rule (ROUND_STAGES) backwards: the status it gives the
    latest round makes that round say the stage moved to, and the outcome where there is a
    round status for it (an offer accepted or declined is an offer)."""
    if (stage is Stage.CLOSED) != (outcome is not None):
        return
    standing = closed(outcome) if outcome is not None else Standing(stage)
    status = round_status_for(standing)
    if status is None:
        assert outcome in (Outcome.POSITION_CLOSED, Outcome.CANCELLED) or stage in (
            Stage.APPLIED,
            Stage.INTERVIEWING,
            Stage.AWAITING_DECISION,
        )
        return
    said_stage, said_outcome = ROUND_STAGES[status]
    if outcome in (Outcome.OFFER_ACCEPTED, Outcome.OFFER_DECLINED):
        assert (said_stage, status) == (Stage.OFFER, Status.OFFER)
    else:
        assert (said_stage, said_outcome) == (stage, outcome)
