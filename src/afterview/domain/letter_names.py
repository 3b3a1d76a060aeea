"""Seed 003's "Make sure names and titles are correct" (Qt-free): the greeting against the
recipient's card, and each other name and title against the card of the person it names.
:mod:`afterview.domain.letter_checks` re-exports :func:`check_names`."""

from __future__ import annotations

import re

from afterview.domain.letter_check_types import (
    REASONS,
    Card,
    CheckResult,
    LetterFacts,
    Part,
    Verdict,
)
from afterview.domain.letter_spelling import WORD, _common, _is_latin, _normal, words_of

SEED_003_NAMES = REASONS["003.names"]

_TITLE_NOUNS = (
    "Manager|Director|Engineer|Lead|Head|Recruiter|Officer|President|VP|Partner|Architect|"
    "Scientist|Analyst|Designer|Consultant|Specialist|Coordinator|Supervisor|Developer|"
    "Administrator|Executive|Principal|Advisor|Associate|Chief|Owner|Founder|Programmer"
)
_TITLE = re.compile(
    r"\b(?:[A-Z][\w&/-]*[ \t]+){0,4}(?:" + _TITLE_NOUNS + r")\b(?:[ \t]+of[ \t]+[A-Z][\w&-]*)?"
)
#: Capitalised words that open a sentence or greeting rather than a title.
_NOT_TITLE_WORDS = frozenset(
    [
        "dear",
        "hello",
        "hi",
        "the",
        "our",
        "your",
        "my",
        "as",
        "i",
        "a",
        "an",
        "this",
        "that",
        "thank",
        "thanks",
        "with",
        "best",
        "sincerely",
        "to",
        "for",
        "and",
        "at",
        "in",
        "on",
        "of",
        "mr",
        "ms",
        "mrs",
        "dr",
    ]
)
_GREETING = re.compile(r"^[ \t]*(?:Dear|Hello|Hi|Hey)\s+([^,:\n]+)", re.MULTILINE)


def _near(a: str, b: str) -> bool:
    """Edit distance of one or two (transpositions count once): 'Lara' for 'Laura'."""
    if a == b or abs(len(a) - len(b)) > 2:
        return False
    limit = 1 if len(b) <= 4 else 2
    previous = list(range(len(b) + 1))
    before: list[int] = []
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, before[j - 2] + 1)
            current.append(value)
        before, previous = previous, current
    return previous[-1] <= limit


def _name_tokens(name: str) -> list[str]:
    return [m.group() for m in WORD.finditer(name)]


#: What may stand between a name and its title: "Laura Chen, Engineering Manager",
#: "Omar O'Hara (Staff Engineer)", "Laura Chen – our Engineering Manager".
_BETWEEN_BEFORE = re.compile(r"[ \t]*[,(–—-]?[ \t]*(?:(?:the|our|your|their)[ \t]+)?$")
_BETWEEN_AFTER = re.compile(r"^[ \t]*[,(–—-]?[ \t]*")


def _mentions(card: Card) -> list[str]:
    """How a letter may name someone: their whole name, or one word of it (3+ letters)."""
    whole = " ".join(card.name.split())
    words = [t for t in _name_tokens(whole) if len(t) >= 3]
    return [m.casefold() for m in dict.fromkeys([whole, *words]) if m]


def _named_next_to(text: str, start: int, end: int, cards: list[Card]) -> Card | None:
    """The card of the person named right before or after ``text[start:end]`` on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    before = before[: _BETWEEN_BEFORE.search(before).start()].casefold()  # type: ignore[union-attr]
    after = text[end : len(text) if line_end < 0 else line_end]
    after = after[_BETWEEN_AFTER.match(after).end() :].casefold()  # type: ignore[union-attr]
    for card in cards:
        for mention in _mentions(card):
            if before.endswith(mention) and not before[: -len(mention)][-1:].isalnum():
                return card
            if after.startswith(mention) and not after[len(mention) :][:1].isalnum():
                return card
    return None


def _is_title(phrase: str, titles: list[str]) -> bool:
    low = " ".join(phrase.split()).casefold()
    return any(low == t or low in t for t in (" ".join(t.split()).casefold() for t in titles))


def _title_problem(
    text: str, start: int, end: int, facts: LetterFacts, recipient: Card
) -> Part | None:
    """What is wrong with the title at ``text[start:end]``, or None. It is checked against
    the card of the person it is given to: the one named right next to it, else anyone on
    the interview whose card has it ("I enjoyed meeting your Staff Engineer"), else the
    recipient (seed 003: "Make sure names and titles are correct")."""
    phrase = text[start:end]
    others = [c for c in facts.others if c.name.strip()]
    low = " ".join(phrase.split()).casefold()
    if any(low in " ".join(c.name.split()).casefold() for c in [recipient, *others]):
        return None  # a name, not a title: "Rita Recruiter"
    card = _named_next_to(text, start, end, [recipient, *others])
    if card is None:
        if _is_title(phrase, [c.title for c in others if c.title.strip()]):
            return None
        card = recipient
    if _is_title(phrase, [t for t in (card.title, facts.position) if t.strip()]):
        return None
    title = card.title.strip()
    if card is recipient:
        return Part("names.title", (phrase, title)) if title else Part("names.no_title", (phrase,))
    if title:
        return Part("names.title_of", (phrase, card.name, title))
    return Part("names.no_title_of", (phrase, card.name))


def _misspelt_name(word: str, facts: LetterFacts) -> Part | None:
    """“Lara” — the card spells it “Laura”: a word one or two letters from a word of the
    recipient's name (or, failing that, of someone else's on the interview), or None."""
    people = [Card(facts.recipient_name), *facts.others]
    for index, card in enumerate(people):
        for token in _name_tokens(card.name):
            if (
                len(token) >= 3
                and _is_latin(token)
                and word[:1].casefold() == token[:1].casefold()
                and _near(word.casefold(), token.casefold())
            ):
                if index == 0:
                    return Part("names.spelt", (word, token))
                return Part("names.spelt_of", (word, card.name, token))
    return None


def check_names(text: str, facts: LetterFacts) -> CheckResult:
    """The names and titles in the letter against the cards: the greeting against the
    recipient's, any other name or title against the card of the person it names."""
    name = facts.recipient_name.strip()
    tokens = _name_tokens(name)
    # A family name set on the card greets them too ("Dear Ms Anders", "Dear Mr 张" for
    # 张伟): the greeting is the salutation, then the family name.
    family = facts.recipient_greeting.split(None, 1)[1:] if facts.recipient_greeting else []
    tokens += [t for part in family for t in _name_tokens(part) if t not in tokens]
    folded = [t.casefold() for t in tokens]
    problems: list[Part] = []
    spans: list[tuple[int, int]] = []

    for greeting in _GREETING.finditer(text):
        greeted = greeting.group(1).strip()
        if tokens and not any(t in greeted.casefold() for t in folded) and name not in greeted:
            problems.append(Part("names.greeting", (greeted, name)))
            spans.append(greeting.span(1))

    known = words_of(facts.record_terms)
    everyone = set(folded) | {t.casefold() for c in facts.others for t in _name_tokens(c.name)}
    for match in WORD.finditer(text):
        word = match.group()
        low = _normal(word)
        if not word[:1].isupper() or low in everyone or low in known or _common(low):
            continue
        problem = _misspelt_name(word, facts)
        if problem is not None:
            problems.append(problem)
            spans.append(match.span())

    recipient = Card(name, facts.recipient_title)
    title = facts.recipient_title.strip()
    for match in _TITLE.finditer(text):
        words = list(re.finditer(r"\S+", match.group()))
        while words and words[0].group().casefold() in _NOT_TITLE_WORDS:
            words.pop(0)
        if not words:
            continue
        start = match.start() + words[0].start()
        problem = _title_problem(text, start, match.end(), facts, recipient)
        if problem is not None:
            problems.append(problem)
            spans.append((start, match.end()))

    if tokens and not problems and not any(t in text.casefold() for t in folded):
        return CheckResult(
            "names",
            Verdict.WARN,
            f"The letter does not use {name}'s name",
            SEED_003_NAMES,
            message="names.unused",
            args=(name,),
            reason_id="003.names",
        )
    if problems:
        found = tuple(dict.fromkeys(problems))
        return CheckResult(
            "names",
            Verdict.FAIL,
            "Check the name and title: " + "; ".join(problem_english(p) for p in found),
            SEED_003_NAMES,
            tuple(spans),
            message="names.problems",
            parts=found,
            reason_id="003.names",
        )
    what = f"{name}, {title}" if title else name
    return CheckResult(
        "names",
        Verdict.PASS,
        f"Name and title match the card ({what})",
        SEED_003_NAMES,
        message="names.match_title" if title else "names.match",
        args=(name, title) if title else (name,),
        reason_id="003.names",
    )


#: The English of each problem the names check finds ({0}, {1}, … its values in order).
PROBLEMS = {
    "names.greeting": "the greeting says “{0}”, but this letter is to {1}",
    "names.title": "“{0}” — the card says “{1}”",
    "names.title_of": "“{0}” — {1}'s card says “{2}”",
    "names.no_title": "“{0}” — the card has no title",
    "names.no_title_of": "“{0}” — {1}'s card has no title",
    "names.spelt": "“{0}” — the card spells it “{1}”",
    "names.spelt_of": "“{0}” — {1}'s card spells it “{2}”",
}


def problem_english(problem: Part) -> str:
    """One problem the names check found, in English. KeyError for an unknown id."""
    values = [str(value) for value in problem.args]
    # Placeholders are filled in one pass, so a name holding "{1}" is left as it is.
    return re.sub(r"\{(\d)\}", lambda m: values[int(m.group(1))], PROBLEMS[problem.message])
