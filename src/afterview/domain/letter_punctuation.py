"""Checks that catch text pasted into the middle of a sentence (Qt-free).

Issue 14: profile text pasted mid-sentence gave "I would bring Five years of … 8%. to your
team." and "..". Three checks catch that kind, whatever put it there (a template, a user's
own template, an edit):

- doubled punctuation: "..", "!!", ",.", ";;" (not an ellipsis, "…" or "...", and not the
  full stop of an abbreviation before a comma, "e.g.,");
- a sentence inside a sentence: a full stop, then a lower-case word on the same line
  ("8%. to your team"), unless the full stop ends an abbreviation ("e.g. the", "a.m. on");
- a capital letter after a lower-case word mid-sentence ("would bring Five years").

The last is written to miss rather than to flag a name: a capital in mid-sentence is
usually a name ("with Maria", "at Northwind", "in Power BI"). It flags only

1. the first word of the user's own text (selling points, debrief notes) pasted after a
   lower-case word, when that word is an everyday English word (its lower-case form is
   common in the dictionary's corpus), is not a word of any name, title or company in the
   records, and the word after it is lower case ("bring Five years"; not "in Power BI");
2. a number word or "My"/"Our" after a lower-case word ("bring Eight years", "and My
   team"): words that are never a name on their own.

Each returns None when it finds nothing, so a clean letter's list of checks is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from afterview.domain.letter_check_types import REASONS, CheckResult, Part, Verdict

SEED_003_CORRECT = REASONS["003.correct"]

#: Abbreviations that end in a full stop and may be followed by a comma or a lower-case word.
ABBREVIATIONS = frozenset([
    "e.g", "i.e", "etc", "vs", "cf", "al", "approx", "incl", "esp", "dept", "min", "max", "no",
    "nos", "fig", "ca", "resp", "est", "inc", "ltd", "co", "corp", "llc", "plc", "jr", "sr",
    "st", "mr", "ms", "mrs", "dr", "prof", "mt", "ft", "ave", "rd", "blvd", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed",
    "thu", "fri", "sat", "sun",
])  # fmt: skip
#: Runs of sentence punctuation: two or more of . , ; : ! ? next to each other.
_RUN = re.compile(r"[.,;:!?]{2,}")
#: A full stop, spaces, then a word starting in lower case, on the same line.
_INNER = re.compile(r"(?<![.…])\.[ \t]+(?=([^\W\d_][\w'’-]*))")
#: A word, spaces or tabs, then (looked at, not taken, so every pair is seen) the next word.
_CAPITAL = re.compile(r"(?<![\w'’-])([^\W\d_]+)[ \t]+(?=([^\W\d_][\w'’-]*))")
_TOKEN_BEFORE = re.compile(r"([\w.'’-]+)$")
#: What the user is shown of the text before a full stop: its whole word ("8%").
_SHOWN_BEFORE = re.compile(r"[^\s]+$")

#: Words that are never a name alone and never follow a lower-case word with a capital.
NEVER_CAPITAL_INSIDE = frozenset([
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "hundred", "several", "my", "our",
])  # fmt: skip


def _abbreviation_before(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation: "e.g", "etc", "U.S", "J"."""
    found = _TOKEN_BEFORE.search(text, 0, dot)
    if found is None:
        return False
    token = found.group(1).casefold().strip("'’-")
    return token in ABBREVIATIONS or "." in token or len(token) == 1


def _allowed_run(text: str, match: re.Match[str]) -> bool:
    run = match.group()
    if run == "...":
        return True  # an ellipsis typed as three dots
    if run[0] == "." and run[1] in ",;:" and len(run) == 2:
        return _abbreviation_before(text, match.start())  # "e.g., the", "Acme Inc.,"
    if run == "::":
        # "std::vector": code, not prose, when letters touch both sides.
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        return before.isalnum() and after.isalnum()
    return False


def check_punctuation(text: str) -> CheckResult | None:
    """Doubled punctuation ("..", "!!", ",."), or None. Not an ellipsis."""
    found = [m for m in _RUN.finditer(text) if not _allowed_run(text, m)]
    if not found:
        return None
    return _failed(
        "punctuation",
        "punctuation.doubled",
        "Doubled punctuation: {quoted}. Keep one mark.",
        [m.group() for m in found],
        [m.span() for m in found],
    )


def _quotes(found: list[str]) -> tuple[Part, ...]:
    """Text from the letter, each to be shown in quotation marks (never translated)."""
    return tuple(Part("quote", (text,)) for text in found)


def _failed(
    key: str, message: str, words: str, found: list[str], spans: list[tuple[int, int]]
) -> CheckResult:
    """A failed check of this module: ``words`` (English, with "{quoted}") names the first
    three distinct stretches ``found`` in the letter; ``spans`` are all of them."""
    first = list(dict.fromkeys(found))[:3]
    quoted = ", ".join(f"“{text}”" for text in first)
    return CheckResult(
        key,
        Verdict.FAIL,
        words.replace("{quoted}", quoted),
        SEED_003_CORRECT,
        tuple(spans),
        message=message,
        parts=_quotes(first),
        reason_id="003.correct",
    )


def _starts_lower(word: str) -> bool:
    head = word[:1]
    # A word with a capital inside ("iPhone") starts in lower case on purpose.
    return head.islower() and not any(c.isupper() for c in word[1:])


def check_sentence_inside(text: str) -> CheckResult | None:
    """A full stop followed by a lower-case word on the same line ("8%. to your team"), or
    None. The full stop of an abbreviation ("e.g. the") and an ellipsis are not flagged."""
    spans: list[tuple[int, int]] = []
    shown: list[str] = []
    for match in _INNER.finditer(text):
        word = match.group(1)
        if not _starts_lower(word) or _abbreviation_before(text, match.start()):
            continue
        before = _SHOWN_BEFORE.search(text, 0, match.start())
        start = before.start() if before is not None else match.start()
        end = match.end() + len(word)
        spans.append((start, end))
        shown.append(text[start:end])
    if not spans:
        return None
    return _failed(
        "sentences",
        "sentences.inside",
        "A sentence ends in the middle of another: {quoted}. "
        "Start a new sentence with a capital, or take out the full stop.",
        shown,
        spans,
    )


def _pasted_openings(
    user_texts: Iterable[str], is_everyday: Callable[[str], bool], name_words: set[str]
) -> set[tuple[str, str]]:
    """(first word, second word) of each of the user's texts that starts with a capitalised
    everyday word followed by a lower-case one: what a paste into mid-sentence looks like."""
    openings: set[tuple[str, str]] = set()
    for text in user_texts:
        words = re.findall(r"[^\W\d_][\w'’-]*", text)
        if len(words) < 2:
            continue
        first, second = words[0], words[1]
        if len(first) < 2 or not (first[:1].isupper() and first[1:].islower()):
            continue
        low = first.casefold()
        if low in name_words or not is_everyday(low):
            continue
        if not _starts_lower(second):
            continue  # "Power BI", "Maria Anders": a name, most likely
        openings.add((first, second))
    return openings


def check_capitals(
    text: str,
    user_texts: Iterable[str] = (),
    is_everyday: Callable[[str], bool] = lambda word: False,
    name_words: Iterable[str] = (),
) -> CheckResult | None:
    """A capitalised word right after a lower-case word in mid-sentence, or None: the user's
    text pasted in ("would bring Five years") or a number word ("bring Eight years").
    ``is_everyday`` says whether a lower-case word is an everyday English word;
    ``name_words`` are the lower-case words of every name, title and company in the records,
    which are never flagged. Conservative: see the module's docstring."""
    names = {w.casefold() for w in name_words}
    pasted = _pasted_openings(user_texts, is_everyday, names)
    spans: list[tuple[int, int]] = []
    shown: list[str] = []
    for match in _CAPITAL.finditer(text):
        before, word = match.group(1), match.group(2)
        if not before.islower() or not word[:1].isupper() or word.casefold() in names:
            continue
        if len(word) > 1 and not word[1:].islower():
            continue  # "SQL", "McKay", "PostgreSQL": written that way on purpose
        end = match.end() + len(word)
        following = re.match(r"[ \t]+([^\W\d_][\w'’-]*)", text[end:])
        after = following.group(1) if following else ""
        from_user = (word, after) in pasted
        if not from_user and word.casefold() not in NEVER_CAPITAL_INSIDE:
            continue
        spans.append((match.start(), end))
        shown.append(text[match.start() : end])
    if not spans:
        return None
    return _failed(
        "capitals",
        "capitals.inside",
        "A capital letter in the middle of a sentence: {quoted}. "
        "Was text pasted in? Make it a sentence of its own, or write the word in lower case.",
        shown,
        spans,
    )
