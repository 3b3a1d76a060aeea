"""The user's own text as whole sentences, for a letter to place between its own (Qt-free).

The profile's selling points are one or two sentences in the user's own words ("I have five
years of SQL and Power BI. I built a churn dashboard that cut churn 8%."), and the letters
place them as sentences of their own. Releases up to 0.2 asked for a phrase that completed
"I would bring …" ("eight years of data pipelines"); such a value is shown to the user once
to rewrite (:func:`selling_points_need_rewrite`) and meanwhile :func:`as_sentences` gives it a
capital and a full stop, so the letter never reads "bring Eight years ….. to your team".

Source: seed 003 (003_891bc8bc7e47ea3a.txt, "Your thank you note should remind the people
you spoke to why you're the best candidate for the job, but don't overdo it").
"""

from __future__ import annotations

import re

#: What may end a sentence: full stop, question and exclamation marks, the ellipsis, and
#: their full-width forms (a sentence written in Chinese or Japanese ends in "。").
TERMINALS = ".!?…。！？"
#: What may follow the end of a sentence and still close it: quotes and brackets.
_CLOSERS = "\"'”’»)]）」』"
#: Marks that end a clause, not a sentence: a phrase ending in one gets a full stop instead.
_CLAUSE_ENDS = ",;:-–—"
#: Two full stops are a typing slip ("8%.."): one. Three or more are an ellipsis: "…".
_DOTS = re.compile(r"\.{2,}")
_SPACE = re.compile(r"\s+")
#: The start of a sentence: a word with a capital, a digit, a quote, or a letter of a script
#: without capitals (Chinese, Japanese, Arabic…).
_FIRST_WORD = re.compile(r"\S+")


def _dots(match: re.Match[str]) -> str:
    return "." if len(match.group()) == 2 else "…"


def _is_brand(word: str) -> bool:
    """A first word that is lower case on purpose: "iPhone", "eBay" (a capital inside)."""
    return any(char.isupper() for char in word[1:])


def _capitalised(text: str) -> str:
    first = _FIRST_WORD.match(text)
    if first is None or _is_brand(first.group()):
        return text
    head = text[0]
    if head.islower() and head.upper() != head:
        return head.upper() + text[1:]
    return text


def _ends_a_sentence(text: str) -> bool:
    body = text.rstrip(_CLOSERS)
    return bool(body) and body[-1] in TERMINALS


def as_sentences(text: str) -> str:
    """``text`` as whole sentences on one line: spaces and line breaks made single spaces,
    ".." made "." (three dots or more, "…"), the first letter a capital (unless the first word
    is written with a capital inside, "iPhone"), and a full stop at the end unless it already
    ends a sentence ("…", "?", "!", also inside a closing quote or bracket). A trailing comma,
    semicolon, colon or dash becomes the full stop. Empty (or blank) text gives "".

    Idempotent: ``as_sentences(as_sentences(t)) == as_sentences(t)``. Never raises.
    """
    text = _SPACE.sub(" ", text).strip()
    text = _DOTS.sub(_dots, text)
    text = text.rstrip(_CLAUSE_ENDS + " ")
    if not text:
        return ""
    text = _capitalised(text)
    if not _ends_a_sentence(text):
        text += "."
    return text


def selling_points_need_rewrite(text: str) -> bool:
    """Whether stored selling points read as a phrase rather than as sentences, so the user
    should be shown them once to rewrite (issue 14): True for a value that starts with a
    lower-case letter (a phrase completing "I would bring …", as releases up to 0.2 asked
    for, e.g. "eight years of data pipelines") or that does not end a sentence (no full
    stop, question or exclamation mark, or ellipsis at the end). False for blank text and for
    sentences ("I have eight years of data pipelines."). A first word with a capital inside
    ("iPhone apps are what I build.") is not a lower-case start.
    """
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return False
    first = _FIRST_WORD.match(text)
    brand = first is not None and _is_brand(first.group())
    lower_start = text[0].islower() and text[0].upper() != text[0] and not brand
    return lower_start or not _ends_a_sentence(text)


def as_phrase(text: str) -> str:
    """``text`` as a phrase a letter completes its own sentence with ("our talk about
    {topic}."): on one line, without the full stop, question or exclamation mark, comma,
    semicolon, colon or dash it may end in, so the letter's own full stop is the only one
    ("about why Postgres?" reads "about why Postgres."). An ellipsis is kept. Never raises."""
    text = _SPACE.sub(" ", text).strip()
    text = _DOTS.sub(_dots, text)
    return text.rstrip(_CLAUSE_ENDS + ".!?。！？ ")
