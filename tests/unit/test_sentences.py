"""The user's text as whole sentences (afterview.domain.sentences).

Seed 003 (003_891bc8bc7e47ea3a.txt, "Your thank you note should remind the people you spoke
to why you're the best candidate for the job, but don't overdo it") is where the selling
points come from; the letters place them as sentences of their own (issue 14, "Pasted
profile text breaks the sentence"). Expected values are written out by hand.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from afterview.domain.sentences import as_phrase, as_sentences, selling_points_need_rewrite

ISSUE = "Five years of SQL and Power BI; I built a churn dashboard that cut churn 8%."


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (ISSUE, ISSUE),
        # The 0.1.0 release fixture's value: a phrase that completed "I would bring …".
        ("eight years of data pipelines", "Eight years of data pipelines."),
        ("  eight years\nof data   pipelines ;  ", "Eight years of data pipelines."),
        ("I cut churn 8%..", "I cut churn 8%."),
        ("I cut churn 8%....", "I cut churn 8%…"),
        ("More to come...", "More to come…"),
        ("More to come…", "More to come…"),
        ("Do you need Rust?", "Do you need Rust?"),
        ('I was called "the fixer."', 'I was called "the fixer."'),
        ("(I built it.)", "(I built it.)"),
        ("iPhone apps are what I build", "iPhone apps are what I build."),
        ("über-fast builds", "Über-fast builds."),
        ("十年的数据工程经验。", "十年的数据工程经验。"),
        ("8 years of Go", "8 years of Go."),
        ("", ""),
        ("  \n ", ""),
        (" ,; ", ""),
    ],
)
def test_as_sentences(typed: str, shown: str) -> None:
    assert as_sentences(typed) == shown


@pytest.mark.parametrize(
    ("stored", "rewrite"),
    [
        ("eight years of data pipelines", True),  # the 0.1.0 fixture's profile
        ("eight years of data pipelines.", True),  # still a phrase: lower case
        ("Eight years of data pipelines", True),  # no full stop
        ("data & <pipelines>", True),
        (ISSUE, False),
        ("I have eight years of data pipelines. I like calm migrations!", False),
        ("iPhone apps are what I build.", False),
        ("Ten years… and counting…", False),
        ("", False),
        ("   ", False),
    ],
)
def test_selling_points_need_rewrite(stored: str, rewrite: bool) -> None:
    assert selling_points_need_rewrite(stored) is rewrite


def _has_capitals_inside(word: str) -> bool:
    return any(c.isupper() for c in word[1:])


@given(st.text(max_size=80))
@example("a..")
@example("ß.")
@example("x ..;")
def test_as_sentences_never_doubles_a_full_stop_and_is_idempotent(text: str) -> None:
    shown = as_sentences(text)
    assert ".." not in shown
    assert as_sentences(shown) == shown
    assert shown == shown.strip()
    assert "\n" not in shown


@given(st.text(max_size=80))
def test_as_sentences_never_starts_in_lower_case(text: str) -> None:
    shown = as_sentences(text)
    if shown:
        first = shown.split(" ")[0]
        head = shown[0]
        lower_case_start = head.islower() and head.upper() != head
        assert not lower_case_start or _has_capitals_inside(first)


@given(st.text(max_size=80))
@example("eight years of data pipelines")
def test_what_as_sentences_gives_never_needs_a_rewrite(text: str) -> None:
    assert not selling_points_need_rewrite(as_sentences(text))


@given(st.text(alphabet=st.sampled_from("abAB .,;…!?\n"), max_size=40))
def test_the_letters_are_kept_in_their_order(text: str) -> None:
    def letters(value: str) -> str:
        return "".join(c for c in value.casefold() if c.isalpha())

    assert letters(as_sentences(text)) == letters(text)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("the Postgres migration.", "the Postgres migration"),
        ("why Postgres?", "why Postgres"),
        ("the churn dashboard!! ", "the churn dashboard"),
        ("the\nmigration;", "the migration"),
        ("the migration…", "the migration…"),
        ("the migration..", "the migration"),
        ("", ""),
    ],
)
def test_as_phrase(typed: str, shown: str) -> None:
    assert as_phrase(typed) == shown


@given(st.text(max_size=60))
def test_a_phrase_never_ends_in_sentence_punctuation(text: str) -> None:
    shown = as_phrase(text)
    assert not shown.endswith((".", "!", "?", ",", ";", ":"))
    assert as_phrase(shown) == shown
