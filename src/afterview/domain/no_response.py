"""When Today may offer to close an application as "no response" (issue 17 §3).

"No response" is suggested, never assumed. Seed 001 §5 ("Stay calm") warns that panic makes
a follow-up "overly aggressive": the playbook stops at two follow-ups, and once the last one
has gone unanswered long enough, letting the application go is calmer than a third. Today
then offers, with a button, to close it with the outcome "no response"; nothing changes
until the user clicks it.

One rule, :func:`no_response_from`, written once and read by the store's query for Today.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from afterview.domain.applications import Stage

#: The stages in which the user waits on the employer. Not Offer (the employer answered with
#: an offer) and not Closed (there is nothing left to close).
WAITING = frozenset({Stage.APPLIED, Stage.INTERVIEWING, Stage.AWAITING_DECISION})


@dataclass(frozen=True)
class FollowUp:
    """One follow-up step of an application (its own, or one of its rounds').

    ``done_at``: when the user marked it done (aware), None while it is open or once skipped.
    ``open``: still to do (pending or snoozed). ``answered``: the answer the user gave when
    marking it done: True, False (no answer yet), None (not asked: done before Afterview
    asked, or done by itself).
    """

    done_at: datetime | None
    answered: bool | None
    open: bool = False


def no_response_from(
    stage: Stage,
    follow_ups: Iterable[FollowUp],
    days: int,
    latest_round_start: datetime | None = None,
) -> datetime | None:
    """The instant from which Today may offer to close the application as "no response",
    or None when it may not (whatever the time).

    Offered only when all of these hold:

    - the application waits on the employer (its stage is in :data:`WAITING`);
    - no follow-up of it is still open (the plan's next follow-up comes first);
    - its last follow-up done (the latest ``done_at``; every one done at that instant) was
      marked "no answer yet" by the user (an unknown answer is never taken for none);
    - no round starts after that follow-up was done (the employer came back).

    The instant is that follow-up's ``done_at`` plus ``days`` days (whole days of 24 hours,
    ``days`` ≥ 1: Settings.no_response_days). ValueError for ``days`` < 1.
    """
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    if stage not in WAITING:
        return None
    done = []
    for follow_up in follow_ups:
        if follow_up.open:
            return None
        if follow_up.done_at is not None:
            done.append((follow_up.done_at, follow_up.answered))
    if not done:
        return None
    last = max(at for at, _ in done)
    # Follow-ups done at the same instant speak together: any answer but "no" stops the offer.
    if any(answered is not False for at, answered in done if at == last):
        return None
    if latest_round_start is not None and latest_round_start > last:
        return None
    return last + timedelta(days=days)


def offers_no_response(
    stage: Stage,
    follow_ups: Iterable[FollowUp],
    days: int,
    now: datetime,
    latest_round_start: datetime | None = None,
) -> bool:
    """Whether Today offers, at ``now`` (aware), to close the application as "no response"
    (:func:`no_response_from` reached)."""
    start = no_response_from(stage, follow_ups, days, latest_round_start)
    return start is not None and now >= start


__all__ = ["WAITING", "FollowUp", "no_response_from", "offers_no_response"]
