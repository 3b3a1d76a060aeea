"""The board's cards as values (issue 17 §2): what the window shows of each application,
without the store's tables, so ``ui/`` may hold them (tests/unit/test_store_seam.py).
afterview.store.board reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from afterview.domain.applications import Outcome, Stage
from afterview.domain.records import Status


@dataclass(frozen=True)
class RoundSeen:
    """What a card knows of one round: its name, status and start (aware UTC)."""

    interview_id: int
    round: str
    status: Status
    start: datetime


@dataclass(frozen=True)
class Card:
    """One application as the board shows it.

    ``next_due`` and ``last_activity`` are aware UTC instants (None: no open step; nothing
    dated has happened). ``next_step_rule`` and ``next_step_params`` word the step's title
    in the user's language (afterview.ui.rule_words), ``next_step`` is the stored title.
    ``rounds`` are in start order, so the last one is the latest round.
    """

    id: int
    company: str
    position: str
    stage: Stage
    outcome: Outcome | None
    outcome_detail: str
    version: int
    sample: bool
    next_step: str = ""
    next_step_rule: str = ""
    next_step_params: str = "{}"
    next_due: datetime | None = None
    last_activity: datetime | None = None
    rounds: tuple[RoundSeen, ...] = field(default=())

    @property
    def latest_round(self) -> RoundSeen | None:
        return self.rounds[-1] if self.rounds else None
