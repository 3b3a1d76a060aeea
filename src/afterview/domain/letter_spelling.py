"""Spelling for the letter checks (Qt-free): pyspellchecker's English dictionary, the user's
word list, and every name, title and company in the records, which are never flagged.
:mod:`afterview.domain.letter_checks` re-exports what it needs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spellchecker import SpellChecker

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Addresses and links are not prose: their parts are not spell-checked.
_NOT_PROSE = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")
#: Words of job hunting and software the English dictionary lacks.
JOB_WORDS = frozenset(
    [
        "backend",
        "frontend",
        "fullstack",
        "onsite",
        "offsite",
        "startup",
        "startups",
        "devops",
        "saas",
        "api",
        "apis",
        "postgres",
        "postgresql",
        "mysql",
        "sqlite",
        "kubernetes",
        "microservice",
        "microservices",
        "javascript",
        "typescript",
        "github",
        "gitlab",
        "linkedin",
        "email",
        "emails",
        "emailed",
        "teammate",
        "teammates",
        "workflow",
        "workflows",
        "dataset",
        "datasets",
        "pipeline",
        "pipelines",
        "onboarding",
        "offboarding",
        "roadmap",
        "roadmaps",
        "stakeholder",
        "stakeholders",
        "cloud",
        "on-call",
        "oncall",
        "hybrid",
        "remote-first",
        "async",
        "standup",
        "voicemail",
        "etc",
    ]
)
#: How often a word must appear in the dictionary's corpus to count as everyday.
COMMON_WORD = 5000


@lru_cache(maxsize=1)
def _english() -> SpellChecker:
    return SpellChecker(language="en")


def _common(word: str) -> bool:
    """An everyday word ("Data", "Dear"), not a misspelt name."""
    return _english().word_frequency[word] >= COMMON_WORD


def _is_latin(word: str) -> bool:
    for char in word:
        if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
            return False
    return True


def words_of(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        for match in WORD.finditer(text):
            found.add(_normal(match.group()))
    return found


def _normal(word: str) -> str:
    return word.replace("’", "'").casefold()


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    word: str


class Speller:
    """English spelling plus the user's word list and the records' own words."""

    def __init__(self, accepted: Iterable[str] = ()) -> None:
        self._checker = _english()
        self._accepted = set(JOB_WORDS) | {_normal(w) for w in accepted}
        self._cache: dict[str, bool] = {}
        self._suggested: dict[str, list[str]] = {}

    def accept(self, words: Iterable[str]) -> None:
        self._accepted.update(_normal(w) for w in words)
        self._cache.clear()

    def accept_terms(self, terms: Iterable[str]) -> None:
        """Names, titles, companies: every word in them is accepted as spelled."""
        self.accept(words_of(terms))

    def is_correct(self, word: str) -> bool:
        known = self._cache.get(word)
        if known is None:
            known = self._judge(word)
            self._cache[word] = known
        return known

    def _judge(self, word: str) -> bool:
        normal = _normal(word)
        if len(normal) <= 1 or not _is_latin(word):
            return True  # other scripts: this dictionary has nothing to say about them
        if len(word) >= 2 and word.isupper():
            return True  # an acronym: SRE, AWS
        if normal in self._accepted:
            return True
        base = normal[:-2] if normal.endswith("'s") else normal
        if base in self._accepted:
            return True
        return bool(self._checker.known([base]))

    def misspelled(self, text: str) -> list[Misspelling]:
        masked = _NOT_PROSE.sub(lambda m: " " * len(m.group()), text)
        return [
            Misspelling(m.start(), m.end(), m.group())
            for m in WORD.finditer(masked)
            if not self.is_correct(m.group())
        ]

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Likely corrections one edit away, most common first.

        Two edits away would find a little more but takes ~0.3 s a word: too slow to type with.
        """
        normal = _normal(word)
        cached = self._suggested.get(normal)
        if cached is None:
            checker = self._checker
            guesses = checker.known(checker.edit_distance_1(normal))
            cached = sorted(
                (g for g in guesses if g != normal),
                key=lambda g: (-checker.word_usage_frequency(g), g),
            )[:5]
            self._suggested[normal] = cached
        ranked = cached[:limit]
        if word[:1].isupper():
            ranked = [g[:1].upper() + g[1:] for g in ranked]
        return ranked
