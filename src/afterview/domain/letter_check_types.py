"""What the letter checks take and give (Qt-free): the facts a letter is checked against,
and each check's result. :mod:`afterview.domain.letter_checks` re-exports them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class CheckResult:
    """One check's result: ``key`` names the check ("names", "spelling", "punctuation", …),
    ``summary`` says what it found in plain words, ``reason`` the article it comes from,
    ``spans`` the (start, end) character offsets in the text it is about."""

    key: str
    verdict: Verdict
    summary: str
    reason: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Card:
    """Someone a letter may name besides its recipient, as their card has them."""

    name: str
    title: str = ""


@dataclass(frozen=True)
class LetterFacts:
    """What the letter is checked against: the card, the interview, the profile."""

    recipient_name: str
    recipient_title: str = ""
    #: How the letter greets them when their card says so ("Ms Anders"; issue 14), else "".
    recipient_greeting: str = ""
    #: "email", "card", "letter" or "phone".
    channel: str = "email"
    #: "thank_you", "follow_up", "reference", "after_rejection" or "other".
    purpose: str = "thank_you"
    company: str = ""
    position: str = ""
    selling_points: str = ""
    strong_points: str = ""
    #: Every name, title and company in the records.
    record_terms: frozenset[str] = field(default_factory=frozenset)
    #: Names of the other people in the records (a letter to one must not greet another).
    other_names: frozenset[str] = field(default_factory=frozenset)
    #: The recipient's postal address as the letter prints it ("" when the card has none).
    recipient_address: str = ""
    #: The cards of the other people the letter may name (the interview's people, but not
    #: the recipient): a name or title the letter gives one of them is checked against
    #: their card, not the recipient's.
    others: tuple[Card, ...] = ()
    #: Text the user wrote that a template places (the debrief's notes, the thank-you
    #: topic): what pasted into mid-sentence looks like to the capitals check.
    user_texts: tuple[str, ...] = ()
