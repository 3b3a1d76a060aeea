"""The Insight page's figures (issue 17 §4) through the store's operation: the funnel,
outcomes by stage, days from interview to answer, thank-you notes on time and follow-ups
answered. The expected figures are restated in plain Python from the records each test makes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.applications import Outcome, Stage
from afterview.domain.records import UNDECIDED, Role, Status, StepStatus
from afterview.store.api import open_store
from afterview.store.insight_values import FollowUps, Funnel, Notes
from afterview.store.operations import Store
from afterview.store.values import NewPerson
from tests.hypothesis_settings import NO_EXPLAIN, examples

NEW_YORK = "America/New_York"
BASE = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)
clock = [BASE]


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    clock[0] = BASE
    with open_store(paths.resolve(data_dir), clock=lambda: clock[0]) as opened:
        opened.settings.save_playbook({"home_time_zone": NEW_YORK})
        yield opened


def _round(store: Store, app: int, day: int, name: str = "") -> int:
    """A round ``day`` days after BASE with one interviewer (so a thank-you note is planned)."""
    start = (BASE + timedelta(days=day)).replace(tzinfo=None)
    return store.interviews.create(
        {"company": "C", "position": "P", "round": name, "start": start, "time_zone": "UTC",
         "application_id": app},
        [NewPerson(f"Ann {app} {day} {name}", Role.INTERVIEWER)],
    ).value  # fmt: skip


def _answer(store: Store, interview: int, status: Status, at: datetime) -> None:
    clock[0] = at
    store.interviews.update(interview, {"status": status.value})


def test_an_empty_search_and_the_sample_data_count_nothing(store: Store) -> None:
    figures = store.insight.figures()
    assert figures.funnel == Funnel(0, 0, 0, 0)
    assert figures.answer_days == ()
    assert figures.thank_you.per_cent is None
    store.data.add_sample()
    figures = store.insight.figures()
    assert figures.funnel == Funnel(0, 0, 0, 0)
    assert dict(figures.outcomes) == {}
    assert figures.answer_days == ()
    assert figures.thank_you == Notes(0, 0)
    assert figures.follow_ups.done == 0


def test_each_figure_on_a_small_search(store: Store) -> None:
    waiting = store.applications.create({"company": "W", "position": "P"}).value
    assert waiting
    one = store.applications.create({"company": "A", "position": "P"}).value
    first = _round(store, one, 0, "Screen")
    # Answered two calendar days later in New York (10:00 and 23:30 on 5 and 7 October).
    _answer(store, first, Status.REJECTED, datetime(2026, 10, 8, 3, 30, tzinfo=UTC))
    two = store.applications.create({"company": "B", "position": "P"}).value
    _answer(store, _round(store, two, 1), Status.NEXT_ROUND, BASE + timedelta(days=5))
    offered = _round(store, two, 8)
    _answer(store, offered, Status.OFFER, BASE + timedelta(days=8, hours=2))
    clock[0] = BASE + timedelta(days=9)
    store.applications.close(two, Outcome.OFFER_DECLINED)
    three = store.applications.create({"company": "D", "position": "P"}).value
    clock[0] = BASE + timedelta(days=10)
    store.applications.close(three, Outcome.POSITION_CLOSED)
    # W's one follow-up (it has no interview yet), marked done as answered; the other
    # applications' follow-ups were closed by their first rounds, which does not count.
    (asked,) = (s for s in store.steps.all() if s.kind == "follow_up" and s.status == "pending")
    assert asked.application_id == waiting
    store.steps.done(asked.id, answered=True)

    figures = store.insight.figures()
    assert figures.funnel == Funnel(applied=4, interviewed=2, next_round=1, offer=1)
    assert dict(figures.outcomes) == {
        (Stage.INTERVIEWING, Outcome.REJECTED): 1,
        (Stage.OFFER, Outcome.OFFER_DECLINED): 1,
        (Stage.APPLIED, Outcome.POSITION_CLOSED): 1,
    }
    assert figures.answer_days == (0, 2, 4)
    assert figures.follow_ups == FollowUps(done=1, answered=1)


def test_a_thank_you_note_is_on_time_by_the_time_the_user_set_not_by_a_snooze(
    store: Store,
) -> None:
    app = store.applications.create({"company": "A", "position": "P"}).value
    rounds = [_round(store, app, day) for day in (0, 1, 2)]
    _answer(store, rounds[-1], Status.AWAITING_DECISION, BASE + timedelta(days=2, hours=2))
    notes = [
        s for s in store.steps.all(StepStatus.PENDING) if s.kind == "thank_you"
    ]  # fmt: skip
    assert len(notes) == 3
    early, moved, snoozed = sorted(notes, key=lambda s: s.interview_id or 0)
    clock[0] = early.planned_due  # on the deadline itself: on time
    store.steps.done(early.id)
    later = moved.planned_due + timedelta(days=3)
    store.steps.set_due(moved.id, later)
    clock[0] = later - timedelta(minutes=1)
    store.steps.done(moved.id)
    clock[0] = snoozed.planned_due - timedelta(hours=1)
    store.steps.snooze([snoozed.id], snoozed.planned_due + timedelta(days=2))
    clock[0] = snoozed.planned_due + timedelta(days=1)
    store.steps.done(snoozed.id)
    figures = store.insight.figures()
    assert figures.thank_you == Notes(on_time=2, late=1)
    assert figures.thank_you.per_cent == pytest.approx(200 / 3)


STATUSES = list(Status)
OUTCOMES = [None, *Outcome]
ROUND_STAGES = {
    Status.SCHEDULED: (Stage.INTERVIEWING, None),
    Status.NEXT_ROUND: (Stage.INTERVIEWING, None),
    Status.DONE: (Stage.AWAITING_DECISION, None),
    Status.AWAITING_DECISION: (Stage.AWAITING_DECISION, None),
    Status.OFFER: (Stage.OFFER, None),
    Status.REJECTED: (Stage.CLOSED, Outcome.REJECTED),
    Status.WITHDRAWN: (Stage.CLOSED, Outcome.WITHDREW),
    Status.NO_RESPONSE: (Stage.CLOSED, Outcome.NO_RESPONSE),
    Status.CANCELLED: (Stage.CLOSED, Outcome.CANCELLED),
}
#: (day of the round's start, its status, hours from its start to that status being set)
rounds_of = st.lists(
    st.tuples(st.integers(0, 6), st.sampled_from(STATUSES), st.integers(-48, 400)), max_size=3
)


@settings(
    max_examples=examples(15),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    apps=st.lists(st.tuples(rounds_of, st.sampled_from(OUTCOMES)), max_size=5),
    dones=st.lists(st.tuples(st.integers(0, 30), st.integers(-60, 60)), max_size=8),
)
def test_the_figures_are_those_of_the_records(
    tmp_path_factory: pytest.TempPathFactory,
    apps: list[tuple[list[tuple[int, Status, int]], Outcome | None]],
    dones: list[tuple[int, int]],
) -> None:
    """Applications with rounds answered at any time (before their start too) and closed by
    hand or by their latest round, thank-you notes and follow-ups done around their due:
    each figure as the module's docstring defines it, counted here from what was made."""
    home = ZoneInfo(NEW_YORK)
    clock[0] = BASE
    with open_store(paths.resolve(tmp_path_factory.mktemp("i")), clock=lambda: clock[0]) as s:
        s.settings.save_playbook({"home_time_zone": NEW_YORK})
        funnel: Counter[str] = Counter()
        outcomes: Counter[tuple[Stage, Outcome]] = Counter()
        days: list[int] = []
        for number, (rounds, outcome) in enumerate(apps):
            clock[0] = BASE
            app = s.applications.create({"company": f"A{number}", "position": "P"}).value
            made = []
            for day, status, hours in rounds:
                interview = _round(s, app, day)
                made.append((day, interview, status))
                start = BASE + timedelta(days=day)
                if status is not Status.SCHEDULED:
                    _answer(s, interview, status, start + timedelta(hours=hours))
                    if status.value in ("next_round", "offer", "rejected") and hours >= 0:
                        answered = start + timedelta(hours=hours)
                        days.append(
                            (answered.astimezone(home).date() - start.astimezone(home).date()).days
                        )
            statuses = [status for _d, _i, status in made]
            latest = max(made, default=None)
            stage, closed_as = ROUND_STAGES[latest[2]] if latest else (Stage.APPLIED, None)
            if outcome is not None and stage is not Stage.CLOSED:
                clock[0] = BASE + timedelta(days=20)
                s.applications.close(app, outcome)
                stage, closed_as = Stage.CLOSED, outcome
                # Closing as rejected, or with an offer, records that answer on the latest
                # round when it had none (issue 17 §3: the rounds follow the application).
                answer = {
                    Outcome.REJECTED: Status.REJECTED,
                    Outcome.OFFER_ACCEPTED: Status.OFFER,
                    Outcome.OFFER_DECLINED: Status.OFFER,
                }.get(outcome)
                start = BASE + timedelta(days=latest[0]) if latest else clock[0]
                waiting = latest and latest[2] in UNDECIDED  # a round with no answer yet
                if waiting and answer is not None and clock[0] >= start:
                    closed_on = clock[0].astimezone(home).date()
                    days.append((closed_on - start.astimezone(home).date()).days)
            offer = Status.OFFER in statuses or stage is Stage.OFFER
            offer |= closed_as in (Outcome.OFFER_ACCEPTED, Outcome.OFFER_DECLINED)
            funnel["applied"] += 1
            # A meeting the employer cancelled was never held: not an interview.
            held = [status for status in statuses if status is not Status.CANCELLED]
            funnel["interviewed"] += bool(held)
            funnel["next_round"] += len(held) > 1 or Status.NEXT_ROUND in statuses
            funnel["offer"] += offer
            if closed_as is not None:
                reached = Stage.OFFER if offer else Stage.INTERVIEWING if held else Stage.APPLIED
                outcomes[reached, closed_as] += 1
        on_time = late = followed = 0
        for pick, hours in dones:
            open_steps = sorted(
                (st_ for st_ in s.steps.all(StepStatus.PENDING)
                 if st_.kind in ("thank_you", "follow_up")),
                key=lambda v: v.id,
            )  # fmt: skip
            if not open_steps:
                break
            step = open_steps[pick % len(open_steps)]
            clock[0] = step.due + timedelta(hours=hours)
            s.steps.done(step.id)
            if step.kind == "thank_you":
                on_time += hours <= 0
                late += hours > 0
            else:
                followed += 1
        figures = s.insight.figures()
    assert figures.funnel == Funnel(**funnel)
    assert dict(figures.outcomes) == dict(outcomes)
    assert figures.answer_days == tuple(sorted(days))
    assert figures.thank_you == Notes(on_time, late)
    assert figures.follow_ups == FollowUps(done=followed, answered=0)  # none said answered


def test_the_days_count_calendar_days_where_the_user_lives(store: Store) -> None:
    """23:00 in New York on the interview's day and 01:00 the next morning: one day, though
    two hours passed."""
    app = store.applications.create({"company": "A", "position": "P"}).value
    start = datetime(2026, 10, 6, 3, 0, tzinfo=UTC)  # 23:00 on 5 October in New York
    interview = store.interviews.create(
        {"company": "A", "position": "P", "start": start.replace(tzinfo=None),
         "time_zone": "UTC", "application_id": app}
    ).value  # fmt: skip
    _answer(store, interview, Status.OFFER, start + timedelta(hours=2))
    assert store.insight.figures().answer_days == (1,)


def test_the_answers_are_counted_once_the_steps_record_them() -> None:
    """The follow-ups' share answered, from rows as the steps' query reads them once the
    column exists (kind, done at, due override, planned due, answered)."""
    from afterview.store.insight import _count_steps

    at = BASE
    rows = [("follow_up", at, None, at, True), ("follow_up", at, None, at, None),
            ("follow_up", at, None, at, True), ("thank_you", at, None, at, False)]  # fmt: skip
    assert _count_steps(rows)[1] == FollowUps(done=3, answered=2)
