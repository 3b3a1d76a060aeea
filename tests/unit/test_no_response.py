"""The "no response" suggestion (issue 17 §3, afterview.domain.no_response): offered, never
assumed, once the last follow-up has gone unanswered for the setting's days.

Seed 001 §5 ("Stay calm", /work/shared/seeds/001): panic makes a follow-up "overly
aggressive"; after the playbook's last follow-up, letting go is calmer than a third. The
expected instants are written by hand from that reading, not taken from the rule.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.domain.applications import Stage
from afterview.domain.no_response import FollowUp, no_response_from, offers_no_response
from afterview.domain.settings import Settings

DONE = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)


def test_the_default_is_fourteen_days() -> None:
    assert Settings().no_response_days == 14


def test_offered_fourteen_days_after_a_follow_up_with_no_answer() -> None:
    unanswered = [FollowUp(DONE, answered=False)]
    assert no_response_from(Stage.AWAITING_DECISION, unanswered, 14) == datetime(
        2026, 11, 16, 10, 30, tzinfo=UTC
    )
    just_before = datetime(2026, 11, 16, 10, 29, 59, tzinfo=UTC)
    assert not offers_no_response(Stage.AWAITING_DECISION, unanswered, 14, just_before)
    at = datetime(2026, 11, 16, 10, 30, tzinfo=UTC)
    assert offers_no_response(Stage.AWAITING_DECISION, unanswered, 14, at)


def test_the_last_follow_up_speaks_for_the_application() -> None:
    first = FollowUp(DONE, answered=True)
    second = FollowUp(DONE + timedelta(days=7), answered=False)
    assert no_response_from(Stage.INTERVIEWING, [second, first], 14) == datetime(
        2026, 11, 23, 10, 30, tzinfo=UTC
    )
    # They answered the later one: nothing to offer.
    answered_last = [FollowUp(DONE, answered=False), FollowUp(DONE + timedelta(days=1), True)]
    assert no_response_from(Stage.INTERVIEWING, answered_last, 14) is None


@pytest.mark.parametrize(
    ("stage", "follow_ups", "round_start"),
    [
        # Never assumed: done before Afterview asked, or done by itself.
        (Stage.APPLIED, [FollowUp(DONE, answered=None)], None),
        # The plan's next follow-up comes first.
        (Stage.APPLIED, [FollowUp(DONE, False), FollowUp(None, None, open=True)], None),
        # An offer is an answer; a closed application has nothing left to close.
        (Stage.OFFER, [FollowUp(DONE, False)], None),
        (Stage.CLOSED, [FollowUp(DONE, False)], None),
        # No follow-up done at all (skipped ones count for nothing).
        (Stage.APPLIED, [FollowUp(None, None)], None),
        (Stage.APPLIED, [], None),
        # The employer came back: a round after the follow-up.
        (Stage.INTERVIEWING, [FollowUp(DONE, False)], DONE + timedelta(days=3)),
    ],
)
def test_not_offered(
    stage: Stage, follow_ups: list[FollowUp], round_start: datetime | None
) -> None:
    assert no_response_from(stage, follow_ups, 14, round_start) is None


def test_days_below_one_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        no_response_from(Stage.APPLIED, [FollowUp(DONE, False)], 0)


instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
follow_up = st.builds(
    FollowUp,
    done_at=st.none() | instants,
    answered=st.none() | st.booleans(),
    open=st.booleans(),
)


@given(
    stage=st.sampled_from(Stage),
    follow_ups=st.lists(follow_up, max_size=4),
    days=st.integers(1, 90),
    now=instants,
    round_start=st.none() | instants,
)
def test_offered_only_after_an_unanswered_last_follow_up(
    stage: Stage,
    follow_ups: list[FollowUp],
    days: int,
    now: datetime,
    round_start: datetime | None,
) -> None:
    """Seed 001 §5: suggested once the last follow-up has waited ``days`` without an answer,
    and never otherwise; the rule only says when, it closes nothing."""
    offered = offers_no_response(stage, follow_ups, days, now, round_start)
    done = [f for f in follow_ups if f.done_at is not None]
    if offered:
        assert stage in (Stage.APPLIED, Stage.INTERVIEWING, Stage.AWAITING_DECISION)
        assert not any(f.open for f in follow_ups)
        last = max(f.done_at for f in done if f.done_at is not None)
        assert all(f.answered is False for f in done if f.done_at == last)
        assert now - last >= timedelta(days=days)
        assert round_start is None or round_start <= last
    else:
        # The only reason left for no offer, when everything else holds, is time.
        waiting = stage in (Stage.APPLIED, Stage.INTERVIEWING, Stage.AWAITING_DECISION)
        if waiting and done and not any(f.open for f in follow_ups):
            last = max(f.done_at for f in done if f.done_at is not None)
            unanswered = all(f.answered is False for f in done if f.done_at == last)
            came_back = round_start is not None and round_start > last
            if unanswered and not came_back:
                assert now - last < timedelta(days=days)


@given(follow_ups=st.lists(follow_up, max_size=4), days=st.integers(1, 90), now=instants)
def test_once_offered_it_stays_offered_as_time_passes(
    follow_ups: list[FollowUp], days: int, now: datetime
) -> None:
    if offers_no_response(Stage.APPLIED, follow_ups, days, now):
        assert offers_no_response(Stage.APPLIED, follow_ups, days, now + timedelta(days=365))
