"""What the letter checks take and give (Qt-free): the facts a letter is checked against,
and each check's result. :mod:`afterview.domain.letter_checks` re-exports them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from afterview.domain.rules import cited

#: Past this many words an email, card or phone script is no longer short (seed 004).
SHORT_WORDS = 200
#: A printed letter should still fit on one page.
LETTER_WORDS = 350

#: Why each check matters, in English, by reason id: the seed article's number, then what
#: the check is about. The window words the id (afterview.ui.check_words); the CLI prints
#: the English.
REASONS: Mapping[str, str] = {
    "003.names": cited("003")
    + '"Make sure names and titles are correct" — get them from the business card.',
    "003.spelling": cited("003") + '"… and the rest of the letter is spelled correctly, as well."',
    # The punctuation checks cite the same sentence as spelling, under their own id so a
    # translation may say "written" rather than "spelled".
    "003.correct": cited("003") + '"… and the rest of the letter is spelled correctly, as well."',
    "003.strong": cited("003") + "the note \"should remind the people you spoke to why you're "
    "the best candidate for the job, but don't overdo it.\"",
    "003.tone": cited("003") + '"You want to sound enthusiastic, but not desperate."',
    "004.post": cited("004") + 'send it "so it gets to them while your interview is still '
    'fresh"; a card or letter by post needs their postal address (000 §1: a way to reach '
    "everyone you met).",
    "004.short": cited("004") + "thank-you cards and emails \"don't need to be long and "
    f'elaborate"; past about {SHORT_WORDS} words it is no longer a note.',
    "004.letter": cited("004") + f"keep it brief; a printed letter past about {LETTER_WORDS} "
    "words runs onto a second page.",
}

#: A value a message is filled with: text from the letter or the records (never
#: translated), or a count.
Arg = str | int


class Verdict(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class Part:
    """One item of a list a summary holds (a misspelt word with its guess, one problem with
    a name): a message id and the values it is filled with, in order."""

    message: str
    args: tuple[Arg, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    """One check's result: ``key`` names the check ("names", "spelling", "punctuation", …),
    ``summary`` says what it found in plain words, ``reason`` the article it comes from,
    ``spans`` the (start, end) character offsets in the text it is about.

    The same, for a window to put in the user's language (domain/ knows no Qt):
    ``message`` is a stable id of the summary ("spelling.some"), ``args`` the values it is
    filled with, in order (a count first where the message counts), ``parts`` the items of
    the list it ends with, and ``reason_id`` a key of :data:`REASONS`. "" for a result made
    without them (the window then shows the English). They are left out of ``==``: the
    English says the same thing, and the tests that compare results compare it."""

    key: str
    verdict: Verdict
    summary: str
    reason: str
    spans: tuple[tuple[int, int], ...] = ()
    message: str = field(default="", compare=False)
    args: tuple[Arg, ...] = field(default=(), compare=False)
    parts: tuple[Part, ...] = field(default=(), compare=False)
    reason_id: str = field(default="", compare=False)


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
