"""The Insight page's figures as values (issue 17 §4), without the store's tables, so ``ui/``
may hold them (tests/unit/test_store_seam.py); afterview.store.insight computes them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from afterview.domain.applications import Outcome, Stage

#: How far an application had gone, for outcomes by stage (in this order).
REACHED = (Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER)


@dataclass(frozen=True)
class Funnel:
    """Applications counted at each step of the funnel (see the module's docstring)."""

    applied: int = 0
    interviewed: int = 0
    next_round: int = 0
    offer: int = 0


@dataclass(frozen=True)
class Notes:
    """Thank-you notes the user sent: by their deadline, and after it."""

    on_time: int = 0
    late: int = 0

    @property
    def sent(self) -> int:
        return self.on_time + self.late

    @property
    def per_cent(self) -> float | None:
        """The share sent on time, 0-100; None when none was sent."""
        return 100.0 * self.on_time / self.sent if self.sent else None


@dataclass(frozen=True)
class FollowUps:
    """Follow-ups the user marked done; ``answered`` is how many they marked as answered (a
    follow-up done without saying counts as not answered)."""

    done: int = 0
    answered: int = 0


@dataclass(frozen=True)
class Insight:
    funnel: Funnel = Funnel()
    #: Closed applications by (how far they had gone: one of REACHED, their outcome).
    outcomes: Mapping[tuple[Stage, Outcome], int] = field(default_factory=dict)
    #: Days from each answered round's start to its answer, in ascending order.
    answer_days: tuple[int, ...] = ()
    thank_you: Notes = Notes()
    follow_ups: FollowUps = FollowUps()
