"""Applications as records (issue 17 §1): the stage rule, and the keep-searching nudge that
counts applications.

Expected stages are written from the issue's list ("a round added → Interviewing; a round
awaiting a decision → Awaiting decision; an offer → Offer; rejected, withdrawn, no response or
cancelled → Closed, with that outcome"), never read back from the code's table. The nudge's
seeds: 001 §3 "Keep looking for work" (until you have an offer), 000 §5 "Relax and keep
looking", 003 "Don't put all your eggs in one basket".
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.applications import (
    Application,
    Outcome,
    Stage,
    Standing,
    closed,
    contradicts,
    standing_of,
)
from afterview.domain.playbook import plan_keep_searching, search_facts
from afterview.domain.records import Interview, Status
from afterview.domain.settings import Settings
from tests.hypothesis_settings import examples

S000 = "000_bcbcb8ab78c99f5d.txt"
S001 = "001_78c410949a4570b0.txt"
S003 = "003_891bc8bc7e47ea3a.txt"

NOW = datetime(2026, 5, 20, 12, tzinfo=UTC)


def round_(
    number: int, status: Status, *, day: int = 1, name: str = "", app: int | None = None
) -> Interview:
    return Interview(
        id=number,
        company="Acme",
        position="Engineer",
        start=datetime(2026, 5, day, 10, tzinfo=UTC),
        time_zone="UTC",
        round=name,
        status=status,
        application_id=app,
    )


# --- the stage rule ---------------------------------------------------------------------------


def test_an_application_without_rounds_is_applied() -> None:
    assert standing_of([]) == Standing(Stage.APPLIED)


@pytest.mark.parametrize(
    ("status", "want"),
    [
        (Status.SCHEDULED, Standing(Stage.INTERVIEWING)),
        (Status.NEXT_ROUND, Standing(Stage.INTERVIEWING)),
        (Status.DONE, Standing(Stage.AWAITING_DECISION)),
        (Status.AWAITING_DECISION, Standing(Stage.AWAITING_DECISION)),
        (Status.OFFER, Standing(Stage.OFFER)),
        (Status.REJECTED, Standing(Stage.CLOSED, Outcome.REJECTED, "Onsite")),
        (Status.WITHDRAWN, Standing(Stage.CLOSED, Outcome.WITHDREW)),
        (Status.NO_RESPONSE, Standing(Stage.CLOSED, Outcome.NO_RESPONSE)),
        (Status.CANCELLED, Standing(Stage.CLOSED, Outcome.CANCELLED)),
    ],
)
def test_the_latest_round_moves_the_stage(status: Status, want: Standing) -> None:
    rounds = [round_(1, Status.NEXT_ROUND, day=1, name="Phone screen")]
    rounds.append(round_(2, status, day=8, name="Onsite"))
    assert standing_of(rounds) == want


def test_an_earlier_round_does_not_speak_for_the_application() -> None:
    """A first round rejected, then re-applied and a second round scheduled: Interviewing."""
    rounds = [round_(2, Status.SCHEDULED, day=9), round_(1, Status.REJECTED, day=2)]
    assert standing_of(rounds) == Standing(Stage.INTERVIEWING)


def test_closing_by_hand_keeps_the_detail_only_where_asked() -> None:
    assert closed(Outcome.WITHDREW, " took another job ") == Standing(
        Stage.CLOSED, Outcome.WITHDREW, "took another job"
    )
    assert closed(Outcome.CANCELLED, "budget") == Standing(Stage.CLOSED, Outcome.CANCELLED)
    assert closed(Outcome.OFFER_DECLINED).stage is Stage.CLOSED


def test_a_standing_pairs_closed_with_an_outcome() -> None:
    with pytest.raises(ValueError, match="outcome"):
        Standing(Stage.CLOSED)
    with pytest.raises(ValueError, match="outcome"):
        Standing(Stage.OFFER, Outcome.OFFER_ACCEPTED)


ROUNDS = st.lists(
    st.tuples(st.integers(1, 28), st.sampled_from(list(Status)), st.sampled_from(["", "Final"])),
    max_size=6,
)
ENDING = {Status.REJECTED, Status.WITHDRAWN, Status.NO_RESPONSE, Status.CANCELLED}


def _rounds(spec: list[tuple[int, Status, str]]) -> list[Interview]:
    return [round_(n, status, day=day, name=name) for n, (day, status, name) in enumerate(spec)]


@settings(max_examples=examples(200))
@given(spec=ROUNDS, order=st.randoms(use_true_random=False))
def test_the_stage_rule_reads_the_latest_round_in_any_order(
    spec: list[tuple[int, Status, str]], order: random.Random
) -> None:
    rounds = _rounds(spec)
    shuffled = list(rounds)
    order.shuffle(shuffled)
    standing = standing_of(rounds)
    assert standing_of(shuffled) == standing
    if not rounds:
        assert standing.stage is Stage.APPLIED
        return
    latest = max(rounds, key=lambda i: (i.start, i.id))
    assert (standing.stage is Stage.CLOSED) == (latest.status in ENDING)
    assert (standing.stage is Stage.OFFER) == (latest.status is Status.OFFER)
    assert standing.stage is not Stage.APPLIED


@settings(max_examples=examples(200))
@given(spec=ROUNDS)
def test_a_round_added_after_the_others_is_interviewing(
    spec: list[tuple[int, Status, str]],
) -> None:
    rounds = _rounds(spec)
    added = round_(99, Status.SCHEDULED, day=29)
    assert standing_of([*rounds, added]) == Standing(Stage.INTERVIEWING)


# --- keep searching counts applications -------------------------------------------------------


def app(
    number: int,
    stage: Stage = Stage.APPLIED,
    outcome: Outcome | None = None,
    applied_on: date | None = None,
) -> Application:
    company = f"Company {number}"
    return Application(
        number, company, "Engineer", applied_on=applied_on, stage=stage, outcome=outcome
    )


def test_an_application_without_an_interview_is_alive() -> None:
    """Two applications waiting, one interview of a third: three alive, the default threshold
    (000 §5, 001 §3), so no nudge; with one of them closed, the nudge is back."""
    rounds = [round_(1, Status.AWAITING_DECISION, day=13, app=3)]
    waiting = [app(1), app(2), app(3, Stage.AWAITING_DECISION)]
    assert search_facts(rounds, NOW, waiting).active_applications == 3
    assert plan_keep_searching(rounds, Settings(), {}, NOW, waiting) == []
    waiting[1] = app(2, Stage.CLOSED, outcome=Outcome.NO_RESPONSE)
    (step,) = plan_keep_searching(rounds, Settings(), {}, NOW, waiting)
    # 7 days after the interview's end, 13 May 11:00 UTC (001 §3, weekly).
    assert step.due == datetime(2026, 5, 20, 11, tzinfo=UTC)


def test_an_interview_of_an_application_counts_through_it() -> None:
    """Round statuses say "offer", but the application was closed as declined: no offer in
    hand, the nudge stays (issue 17 §1); accepted, it stops (001 §3 'until you have an offer')."""
    rounds = [round_(1, Status.OFFER, day=13, app=1)]
    declined = [app(1, Stage.CLOSED, outcome=Outcome.OFFER_DECLINED)]
    facts = search_facts(rounds, NOW, declined)
    assert (facts.has_offer, facts.active_applications) == (False, 0)
    assert len(plan_keep_searching(rounds, Settings(), {}, NOW, declined)) == 1
    accepted = [app(1, Stage.CLOSED, outcome=Outcome.OFFER_ACCEPTED)]
    assert plan_keep_searching(rounds, Settings(), {}, NOW, accepted) == []
    in_hand = [app(1, Stage.OFFER)]
    assert plan_keep_searching(rounds, Settings(), {}, NOW, in_hand) == []


def test_a_closed_application_is_not_kept_alive_by_an_open_round() -> None:
    rounds = [round_(1, Status.SCHEDULED, day=25, app=1)]
    withdrawn = [app(1, Stage.CLOSED, outcome=Outcome.WITHDREW)]
    assert search_facts(rounds, NOW, withdrawn).active_applications == 0


def test_only_applications_so_far_nudges_from_the_day_applied() -> None:
    """No interview yet: the week counts from the latest day applied, at the start of the
    workday in the user's own zone (Mon 11 May 09:00 EDT = 13:00 UTC, + 7 days)."""
    waiting = [app(1, applied_on=date(2026, 5, 11)), app(2, applied_on=date(2026, 5, 4))]
    home = Settings(home_time_zone="America/New_York")
    (step,) = plan_keep_searching([], home, {}, NOW, waiting)
    assert step.due == datetime(2026, 5, 18, 13, tzinfo=UTC)
    assert plan_keep_searching([], home, {}, NOW, []) == []


@pytest.mark.parametrize(
    ("company", "position"),
    [
        (" ACME ROBOTICS", "data engineer"),
        ("Acme  Robotics", "Data Engineer"),
        ("acme robotics", "Data\tEngineer "),
        ("Acme\u00a0Robotics", "data  engineer"),
    ],
)
def test_interviews_without_an_application_group_as_before(company: str, position: str) -> None:
    """Not grouped by the store yet (a preview): company and position, ignoring case and
    spaces, inside too (the tester's finding: "Data  Engineer" made a second application)."""
    one = replace(round_(1, Status.DONE, day=13), company="Acme Robotics", position="Data Engineer")
    same = replace(one, id=2, company=company, position=position)
    assert search_facts([one, same], NOW).active_applications == 1
    assert search_facts([one, same], NOW, [app(5)]).active_applications == 2


@pytest.mark.parametrize(
    ("latest", "stage", "asks"),
    [
        # The issue's own example: Offer while a round awaits a decision.
        (Status.AWAITING_DECISION, Stage.OFFER, True),
        (Status.DONE, Stage.OFFER, True),
        # Applied, though a round took place.
        (Status.SCHEDULED, Stage.APPLIED, True),
        (Status.OFFER, Stage.INTERVIEWING, True),
        # Reopening a rejected application by hand.
        (Status.REJECTED, Stage.INTERVIEWING, True),
        # Moves the latest round agrees with.
        (Status.SCHEDULED, Stage.INTERVIEWING, False),
        (Status.NEXT_ROUND, Stage.INTERVIEWING, False),
        (Status.AWAITING_DECISION, Stage.AWAITING_DECISION, False),
        (Status.OFFER, Stage.OFFER, False),
        # Closing asks why instead; with no round nothing speaks against a move.
        (Status.OFFER, Stage.CLOSED, False),
        (None, Stage.OFFER, False),
        (None, Stage.APPLIED, False),
    ],
)
def test_a_move_by_hand_asks_first_when_the_latest_round_says_otherwise(
    latest: Status | None, stage: Stage, asks: bool
) -> None:
    assert contradicts(latest, stage) is asks
