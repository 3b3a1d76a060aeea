"""Applications through the store's operations (issue 17 §1): created with no interview yet,
their stage moved by their rounds and by hand (with undo), closed with an outcome, their
history kept, and saves beaten by another computer refused. Both backends.

Expected stages are the issue's words ("a round added → Interviewing; a round awaiting a
decision → Awaiting decision; an offer → Offer; rejected … → Closed, with that outcome").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.applications import Cause, Outcome, Stage, Standing, standing_of
from afterview.store.api import open_store
from afterview.store.conflicts import ConflictError
from afterview.store.errors import RecordError
from afterview.store.operations import Store
from tests.hypothesis_settings import NO_EXPLAIN, examples

#: Sunday 22 November 2026, 12:00 UTC: Sunday in New York too.
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        opened.settings.save_playbook({"home_time_zone": "America/New_York"})
        yield opened


def _round(store: Store, company: str = "Acme", **values: Any) -> int:
    fields = {
        "company": company,
        "position": "Engineer",
        "start": datetime(2026, 11, 24, 10, 0),
        "time_zone": "America/New_York",
        **values,
    }
    return store.interviews.create(fields).value


def _causes(store: Store, application_id: int) -> list[tuple[Stage, Cause]]:
    return [(e.standing.stage, e.cause) for e in store.applications.history(application_id)]


def _nudges(store: Store) -> list[Any]:
    return [s for s in store.steps.all() if s.kind == "keep_searching"]


def test_an_application_with_no_interview_yet(store: Store) -> None:
    made = store.applications.create(
        {"company": "Acme", "position": "Engineer", "source": "LinkedIn"}
    ).value
    app = store.applications.get(made)
    assert (app.stage, app.outcome, app.source) == (Stage.APPLIED, None, "LinkedIn")
    # Today in the user's own zone: 07:00 on Sunday 22 November in New York.
    assert app.applied_on == date(2026, 11, 22)
    assert store.applications.rounds(made) == []
    assert _causes(store, made) == [(Stage.APPLIED, Cause.CREATED)]
    # It is alive: one application, fewer than 3 (001 §3), so the weekly nudge is planned.
    assert len(_nudges(store)) == 1


def test_a_round_added_moves_it_to_interviewing_and_on(store: Store) -> None:
    made = store.applications.create({"company": "Acme", "position": "Engineer"}).value
    first = _round(store, " ACME", position="engineer ", round="Phone")
    assert store.applications.rounds(made) == [first]
    assert store.applications.get(made).stage is Stage.INTERVIEWING
    store.interviews.update(first, {"status": "awaiting_decision"})
    assert store.applications.get(made).stage is Stage.AWAITING_DECISION
    store.interviews.update(first, {"status": "offer"})
    assert store.applications.get(made).stage is Stage.OFFER
    store.interviews.update(first, {"status": "rejected"})
    app = store.applications.get(made)
    assert app.standing == Standing(Stage.CLOSED, Outcome.REJECTED, "Phone")
    assert _causes(store, made) == [
        (Stage.APPLIED, Cause.CREATED),
        (Stage.INTERVIEWING, Cause.ROUND),
        (Stage.AWAITING_DECISION, Cause.ROUND),
        (Stage.OFFER, Cause.ROUND),
        (Stage.CLOSED, Cause.ROUND),
    ]
    assert all(e.at == NOW for e in store.applications.history(made))


def test_an_edit_that_is_not_a_round_event_keeps_a_stage_set_by_hand(store: Store) -> None:
    interview = _round(store)
    made = store.applications.of_interview(interview)
    assert made is not None and made.stage is Stage.INTERVIEWING
    store.applications.move(made.id, Stage.AWAITING_DECISION)
    store.interviews.update(interview, {"location": "Room 4"})
    assert store.applications.get(made.id).stage is Stage.AWAITING_DECISION


def test_a_move_by_hand_is_undone(store: Store) -> None:
    made = store.applications.create({"company": "Initech", "position": "SRE"}).value
    moved = store.applications.move(made, Stage.OFFER).value
    assert store.applications.get(made).stage is Stage.OFFER
    assert _causes(store, made)[-1] == (Stage.OFFER, Cause.MOVED)
    store.applications.undo_move(moved)
    assert store.applications.get(made).stage is Stage.APPLIED
    assert _causes(store, made) == [(Stage.APPLIED, Cause.CREATED)]


def test_an_undo_after_another_change_is_refused(store: Store) -> None:
    made = store.applications.create({"company": "Initech", "position": "SRE"}).value
    moved = store.applications.move(made, Stage.INTERVIEWING).value
    store.applications.update(made, {"link": "https://initech.example/jobs/7"})
    with pytest.raises(RecordError, match="changed since"):
        store.applications.undo_move(moved)
    assert store.applications.get(made).stage is Stage.INTERVIEWING


def test_closing_needs_an_outcome(store: Store) -> None:
    made = store.applications.create({"company": "Initech", "position": "SRE"}).value
    with pytest.raises(RecordError, match="outcome"):
        store.applications.move(made, Stage.CLOSED)
    store.applications.close(made, Outcome.WITHDREW, "took another offer")
    app = store.applications.get(made)
    assert app.standing == Standing(Stage.CLOSED, Outcome.WITHDREW, "took another offer")
    assert _causes(store, made)[-1] == (Stage.CLOSED, Cause.CLOSED)


def test_a_declined_offer_keeps_the_nudge_an_accepted_one_stops_it(store: Store) -> None:
    """Issue 17 §1; 001 §3 "keep looking for work until you have an offer"."""
    interview = _round(store, status="offer")
    made = store.applications.of_interview(interview)
    assert made is not None and made.stage is Stage.OFFER
    assert _nudges(store) == []
    store.applications.close(made.id, Outcome.OFFER_DECLINED)
    assert len(_nudges(store)) == 1
    store.applications.close(made.id, Outcome.OFFER_ACCEPTED)
    assert _nudges(store) == []


def test_a_save_beaten_by_another_computer_is_refused(store: Store) -> None:
    made = store.applications.create({"company": "Acme", "position": "Engineer"}).value
    read = store.applications.get(made).version
    store.applications.update(made, {"source": "A friend"}, expected_version=read)
    with pytest.raises(ConflictError) as beaten:
        store.applications.update(made, {"source": "Job board"}, expected_version=read)
    assert [(d.field, d.theirs, d.yours) for d in beaten.value.differences] == [
        ("source", "A friend", "Job board")
    ]
    assert "The application Acme — Engineer" in str(beaten.value)
    with pytest.raises(ConflictError):
        store.applications.move(made, Stage.OFFER, expected_version=read)
    # The same value as theirs loses nothing: saved.
    store.applications.update(made, {"source": "A friend"}, expected_version=read)
    assert store.applications.get(made).source == "A friend"


def test_deleting_the_only_round_and_undoing_it(store: Store) -> None:
    made = store.applications.create({"company": "Acme", "position": "Engineer"}).value
    interview = _round(store)
    deleted = store.interviews.delete(interview).value
    assert store.applications.get(made).stage is Stage.APPLIED
    store.interviews.undo_delete(deleted)
    assert store.applications.get(made).stage is Stage.INTERVIEWING
    assert len(store.applications.rounds(made)) == 1


def test_a_round_moved_to_another_application(store: Store) -> None:
    interview = _round(store, status="awaiting_decision")
    first = store.applications.of_interview(interview)
    other = store.applications.create({"company": "Acme", "position": "Staff Engineer"}).value
    assert first is not None and first.stage is Stage.AWAITING_DECISION
    store.applications.add_round(other, interview)
    assert store.applications.get(other).stage is Stage.AWAITING_DECISION
    assert store.applications.get(first.id).stage is Stage.APPLIED
    with pytest.raises(RecordError, match="no such application"):
        store.applications.add_round(9999, interview)


def test_bad_fields_are_named(store: Store) -> None:
    with pytest.raises(RecordError, match=r"company.*required"):
        store.applications.create({"company": " ", "position": "SRE"})
    with pytest.raises(RecordError, match=r"applied_on.*date"):
        store.applications.create({"company": "A", "position": "B", "applied_on": "yesterday"})
    with pytest.raises(RecordError, match=r"salary.*unknown field"):
        store.applications.create({"company": "A", "position": "B", "salary": "1"})


def test_the_sample_keeps_its_applications_apart(store: Store) -> None:
    """The sample's Acme "Backend Engineer" interview is not a round of the user's own."""
    mine = store.applications.create({"company": "Acme", "position": "Backend Engineer"}).value
    store.data.add_sample()
    assert store.applications.rounds(mine) == []
    sample = [a for a in store.applications.items() if a.sample]
    assert {(a.company, a.stage) for a in sample} == {
        ("Acme", Stage.AWAITING_DECISION),
        ("Nordlys Data", Stage.AWAITING_DECISION),
        ("Sakura KK", Stage.INTERVIEWING),
    }
    store.data.remove_sample()
    assert [a.id for a in store.applications.items()] == [mine]


# --- any sequence of operations ---------------------------------------------------------------

STATUSES = ["scheduled", "done", "awaiting_decision", "next_round", "offer", "rejected"]
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(1, 20), st.sampled_from(STATUSES)),
        st.tuples(st.just("status"), st.integers(0, 5), st.sampled_from(STATUSES)),
        st.tuples(st.just("delete"), st.integers(0, 5), st.just("")),
        st.tuples(st.just("move"), st.sampled_from(list(Stage)[:-1]), st.just("")),
        st.tuples(st.just("close"), st.sampled_from(list(Outcome)), st.just("why")),
        st.tuples(st.just("undo"), st.just(0), st.just("")),
    ),
    max_size=8,
)


@settings(
    max_examples=examples(15),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations=OPERATIONS)
def test_the_stored_stage_follows_the_rounds_and_the_history_tells_it(
    tmp_path_factory: pytest.TempPathFactory, operations: list[tuple[str, Any, str]]
) -> None:
    with open_store(paths.resolve(tmp_path_factory.mktemp("ops")), clock=lambda: NOW) as store:
        made = store.applications.create({"company": "Acme", "position": "Engineer"}).value
        undo: list[Any] = []
        for name, value, extra in operations:
            rounds = store.applications.rounds(made)
            before = store.applications.get(made).standing
            round_event = False
            if name == "add":
                day = datetime(2026, 11, value, 10, 0)
                _round(store, start=day, status=extra, application_id=made)
                round_event = True
            elif name == "status" and rounds:
                store.interviews.update(rounds[value % len(rounds)], {"status": extra})
                round_event = True
            elif name == "delete" and rounds:
                store.interviews.delete(rounds[value % len(rounds)])
                round_event = len(rounds) > 1 or before.stage is not Stage.CLOSED
            elif name == "move":
                moved_by_hand = store.applications.move(made, value).value
                undo = [(moved_by_hand, before, len(store.applications.history(made)))]
            elif name == "close":
                moved_by_hand = store.applications.close(made, value, extra).value
                undo = [(moved_by_hand, before, len(store.applications.history(made)))]
            elif name == "undo" and undo:
                moved, was, entries = undo.pop()
                if len(store.applications.history(made)) > entries:
                    # A round moved it since: the undo is refused, nothing changed.
                    with pytest.raises(RecordError, match="changed since"):
                        store.applications.undo_move(moved)
                else:
                    store.applications.undo_move(moved)
                    assert store.applications.get(made).standing == was
            now = store.applications.get(made)
            if round_event:
                records = [store.interviews.get(i) for i in store.applications.rounds(made)]
                assert now.standing == standing_of(records)
            # The history's latest entry is where it stands now, whatever moved it.
            assert store.applications.history(made)[-1].standing == now.standing


def test_an_undo_after_a_round_moved_it_is_refused(store: Store) -> None:
    made = store.applications.create({"company": "Acme", "position": "Engineer"}).value
    moved = store.applications.move(made, Stage.AWAITING_DECISION).value
    _round(store, application_id=made)
    with pytest.raises(RecordError, match="changed since"):
        store.applications.undo_move(moved)
    assert store.applications.get(made).stage is Stage.INTERVIEWING


def _follow_up(store: Store) -> Any:
    (step,) = [s for s in store.steps.all() if s.key.startswith("application:")]
    return step


def test_the_application_follow_up_closes_with_the_first_interview(store: Store) -> None:
    """Applied Sunday 22 November (New York): 10 days (the setting's default) later is
    Wednesday 2 December, 09:00 EST = 14:00 UTC. Done by the records once an interview is
    added; open again when it is deleted (seed 003 'a week to ten days', the nearest advice)."""
    made = store.applications.create({"company": "Acme", "position": "Engineer"}).value
    step = _follow_up(store)
    assert (step.status, step.due) == ("pending", datetime(2026, 12, 2, 14, tzinfo=UTC))
    assert step.title == "Ask Acme about your application"
    interview = _round(store, application_id=made)
    assert _follow_up(store).status == "done"
    store.interviews.delete(interview)
    assert _follow_up(store).status == "pending"
    store.applications.close(made, Outcome.NO_RESPONSE)
    assert [s for s in store.steps.all() if s.key.startswith("application:")] == []
