"""Applications as records (issue 17 §1): what the user applied for, where it stands, and
how it ended.

An application's interviews are its rounds. Its stage is stored and moves by one rule,
:func:`standing_of`, whenever a round is added, removed or changes status; the user may also
move it by hand or close it with an outcome. Migration 0007 computes the first stage of
every application it makes with the same function.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from afterview.domain.records import Interview, Status, application_group


class Stage(StrEnum):
    """Where an application stands: the board's columns, in this order."""

    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    AWAITING_DECISION = "awaiting_decision"
    OFFER = "offer"
    CLOSED = "closed"


class Outcome(StrEnum):
    """How a closed application ended (issue 17 §3), in the user's words. The detail that goes
    with it (:attr:`Application.outcome_detail`) says after which round for REJECTED and why
    for WITHDREW; the others need none."""

    REJECTED = "rejected"
    WITHDREW = "withdrew"
    OFFER_ACCEPTED = "offer_accepted"
    OFFER_DECLINED = "offer_declined"
    POSITION_CLOSED = "position_closed"
    #: Cancelled by the employer.
    CANCELLED = "cancelled"
    NO_RESPONSE = "no_response"


#: The outcomes whose detail the user is asked for: after which round, and why.
DETAILED = frozenset({Outcome.REJECTED, Outcome.WITHDREW})


@dataclass(frozen=True)
class Standing:
    """An application's stage with, once closed, its outcome and the outcome's detail.

    ValueError when a closed standing has no outcome or an open one has one: the store and the
    interchange reader rely on that pairing.
    """

    stage: Stage
    outcome: Outcome | None = None
    outcome_detail: str = ""

    def __post_init__(self) -> None:
        if (self.stage is Stage.CLOSED) != (self.outcome is not None):
            raise ValueError("a closed application needs an outcome, and only a closed one")
        if self.outcome is None and self.outcome_detail:
            raise ValueError("an outcome's detail needs an outcome")


#: What the latest round's status says of the whole application: the stage rule's table.
#: A round scheduled, or a next round to come, is Interviewing ("a round added"); a round
#: that has taken place with no decision yet is Awaiting decision (records.UNDECIDED);
#: an offer is Offer; a rejection, a withdrawal or no response closes it with that outcome,
#: and so does a meeting the employer cancelled ("cancelled by the employer").
ROUND_STAGES: Mapping[Status, tuple[Stage, Outcome | None]] = {
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


def latest_round(rounds: Sequence[Interview]) -> Interview | None:
    """The round that speaks for the application: the one that starts last (the one entered
    last among rounds at the same instant). None without rounds."""
    return max(rounds, key=lambda i: (i.start, i.id), default=None)


def standing_of(rounds: Sequence[Interview]) -> Standing:
    """The stage rule: an application's standing from its rounds, as the latest one has it.

    No round: Applied. Otherwise :data:`ROUND_STAGES` of the latest round's status; a rejection
    keeps the name of the round it came after as the outcome's detail. Called whenever a
    round is added, removed or changes status (not on other edits, so a stage the user set by
    hand stays until the rounds say something new).
    """
    latest = latest_round(rounds)
    if latest is None:
        return Standing(Stage.APPLIED)
    stage, outcome = ROUND_STAGES[latest.status]
    detail = latest.round.strip() if outcome is Outcome.REJECTED else ""
    return Standing(stage, outcome, detail)


#: What a hand move says of the latest round, the stage rule run backwards: closing as
#: rejected, withdrawn or unanswered, or an offer, is what that round's status records, so the
#: playbook's per-interview rules follow (no follow-up after a withdrawal, the courteous note
#: after a rejection, thanking the references after an offer). Position closed and cancelled
#: by the employer have no round status: the rounds' steps end with the application instead
#: (a round that took place was not cancelled, even when the search for the post was).
_ROUND_STATUS_OF_OUTCOME: Mapping[Outcome, Status] = {
    Outcome.REJECTED: Status.REJECTED,
    Outcome.WITHDREW: Status.WITHDRAWN,
    Outcome.NO_RESPONSE: Status.NO_RESPONSE,
    Outcome.OFFER_ACCEPTED: Status.OFFER,
    Outcome.OFFER_DECLINED: Status.OFFER,
}


def round_status_for(standing: Standing) -> Status | None:
    """The status the latest round takes when the user moves the application to
    ``standing`` by hand (None: the rounds keep theirs). Its inverse is
    :data:`ROUND_STAGES`: that status gives this stage back (tests/unit/test_applications.py)."""
    if standing.stage is Stage.OFFER:
        return Status.OFFER
    if standing.outcome is None:
        return None
    return _ROUND_STATUS_OF_OUTCOME.get(standing.outcome)


def contradicts(latest: Status | None, stage: Stage) -> bool:
    """Whether moving an application by hand to ``stage`` says something else than its
    latest round's status ``latest`` does (Offer while a round awaits a decision; Applied
    with rounds), so the user is asked first (issue 17 §2). No round (None), or Closed, never
    contradicts: closing asks why instead."""
    if latest is None or stage is Stage.CLOSED:
        return False
    said, _outcome = ROUND_STAGES[latest]
    return said is not stage


def closed(outcome: Outcome, detail: str = "") -> Standing:
    """The standing of an application the user closes with ``outcome``; ``detail`` (after
    which round, why) is kept only for the outcomes that ask for one (:data:`DETAILED`)."""
    return Standing(Stage.CLOSED, outcome, detail.strip() if outcome in DETAILED else "")


@dataclass(frozen=True)
class Application:
    """One application: what the user applied for, and where it stands.

    ``applied_on`` is the day the user applied (None: not known, as for the applications
    migration 0007 made from interviews). ``link`` and ``posting`` hold the job posting's
    address and its text, either or both.
    """

    id: int
    company: str
    position: str
    source: str = ""
    applied_on: date | None = None
    link: str = ""
    posting: str = ""
    stage: Stage = Stage.APPLIED
    outcome: Outcome | None = None
    outcome_detail: str = ""
    #: The record's key in the store and the interchange format (records.token).
    key: str = ""
    sample: bool = False
    #: As :attr:`afterview.domain.records.Contact.version`.
    version: int = field(default=0, compare=False)

    @property
    def standing(self) -> Standing:
        return Standing(self.stage, self.outcome, self.outcome_detail)

    @property
    def group(self) -> tuple[str, str]:
        """Company and position as the grouping rule compares them (records.application_group)."""
        return application_group(self.company, self.position)

    @property
    def alive(self) -> bool:
        """Still in play: any stage but Closed, an application with no interview yet too."""
        return self.stage is not Stage.CLOSED

    @property
    def holds_offer(self) -> bool:
        """An offer in hand or accepted: the keep-searching nudge stops. A declined offer is
        closed and does not stop it."""
        return self.stage is Stage.OFFER or self.outcome is Outcome.OFFER_ACCEPTED


class Cause(StrEnum):
    """What moved an application's standing, as its history says."""

    CREATED = "created"
    #: The stage rule, after a round was added, removed or changed status.
    ROUND = "round"
    #: The user moved it to another stage.
    MOVED = "moved"
    #: The user closed it with an outcome.
    CLOSED = "closed"
    #: Migration 0007 made it from the interviews that were its rounds.
    GROUPED = "grouped"


@dataclass(frozen=True)
class Event:
    """One change of an application's standing: when (aware UTC), what it moved to, and why."""

    at: datetime
    standing: Standing
    cause: Cause


__all__ = [
    "DETAILED",
    "ROUND_STAGES",
    "Application",
    "Cause",
    "Event",
    "Outcome",
    "Stage",
    "Standing",
    "closed",
    "contradicts",
    "latest_round",
    "round_status_for",
    "standing_of",
]
