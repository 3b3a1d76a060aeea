"""The checks that catch text pasted into mid-sentence (afterview.domain.letter_punctuation),
and the placeholder check, with names that must never be flagged. Expected values are
written out by hand.

Issue 14, "Pasted profile text breaks the sentence": "I believe I would bring Five years of
… 8%. to your team." and ".." in the card and the reference brief. Seed 003
(003_891bc8bc7e47ea3a.txt, "Make sure names and titles are correct and the rest of the letter
is spelled correctly, as well").
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.domain.letter_checks import (
    LetterFacts,
    Speller,
    Verdict,
    _common,
    check_letter,
    check_placeholders,
)
from afterview.domain.letter_punctuation import (
    SEED_003_CORRECT,
    check_capitals,
    check_punctuation,
    check_sentence_inside,
)

SELLING = "Five years of SQL and Power BI; I built a churn dashboard that cut churn 8%."
#: What 0.2's thank-you email made of the issue's selling points.
PASTED = (
    "I believe I would bring Five years of SQL and Power BI; I built a churn dashboard that "
    "cut churn 8%. to your team."
)
#: What 0.2's thank-you card made of them.
PASTED_CARD = "I am excited about the chance to join Acme and bring " + SELLING[:-1] + ".."


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


# --- doubled punctuation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (PASTED_CARD, "“..”"),
        ("Thank you!! See you soon.", "“!!”"),
        ("It went well,. Thanks.", "“,.”"),
        ("I cut churn 8%., and more.", "“.,”"),
        ("Items;; more.", "“;;”"),
        ("Really?! Yes.", "“?!”"),
        ("Wait.... What?", "“....”"),
        ("Note:: this one.", "“::”"),
        ("One.. two!! three..", "“..”, “!!”"),
    ],
)
def test_doubled_punctuation_is_caught(text: str, shown: str) -> None:
    result = check_punctuation(text)
    assert result is not None
    assert result.key == "punctuation"
    assert result.verdict is Verdict.FAIL
    assert result.summary == f"Doubled punctuation: {shown}. Keep one mark."
    assert result.reason == SEED_003_CORRECT


def test_doubled_punctuation_points_at_each_run() -> None:
    text = "One.. two!! three."
    result = check_punctuation(text)
    assert result is not None
    assert result.spans == (span_of(text, ".."), span_of(text, "!!"))


@pytest.mark.parametrize(
    "text",
    [
        "More to come... and more.",
        "More to come… and more.",
        "Tools, e.g., Postgres and dbt.",
        "I worked at Acme Inc., then at Globex.",
        "We moved to the U.S., and then back.",
        "I used std::vector daily.",
        "We met at 10:30, then lunch.",
        "Thank you. See you soon!",
    ],
)
def test_an_ellipsis_and_abbreviations_are_not_doubled_punctuation(text: str) -> None:
    assert check_punctuation(text) is None


# --- a sentence inside a sentence --------------------------------------------------------------


def test_the_issues_letter_is_caught() -> None:
    result = check_sentence_inside(PASTED)
    assert result is not None
    assert result.key == "sentences"
    assert result.verdict is Verdict.FAIL
    assert result.summary == (
        "A sentence ends in the middle of another: “8%. to”. "
        "Start a new sentence with a capital, or take out the full stop."
    )
    assert result.spans == (span_of(PASTED, "8%. to"),)


@pytest.mark.parametrize(
    "text",
    [
        "Tools, e.g. the warehouse, and more.",
        "One thing, i.e. a dashboard.",
        "We met at 10 a.m. on Monday.",
        "Dashboards, reports, etc. and more.",
        "I waited... and then it worked.",
        "I waited… and then it worked.",
        "I built it. iPhone users loved it.",
        "Best regards.\nsam",  # a new line starts anew
        "Thank you. See you soon.",
        "Version 2.5 ships today.",
        "Ask J. van Dijk about it.",
    ],
)
def test_abbreviations_an_ellipsis_and_new_lines_are_not_a_sentence_inside(text: str) -> None:
    assert check_sentence_inside(text) is None


# --- a capital in mid-sentence -----------------------------------------------------------------


def test_the_user_text_pasted_in_is_caught() -> None:
    result = check_capitals(PASTED, [SELLING], _common)
    assert result is not None
    assert result.key == "capitals"
    assert result.verdict is Verdict.FAIL
    assert result.summary == (
        "A capital letter in the middle of a sentence: “bring Five”. Was text pasted in? "
        "Make it a sentence of its own, or write the word in lower case."
    )
    assert result.spans == (span_of(PASTED, "bring Five"),)


def test_a_sentence_of_the_users_own_pasted_in_is_caught() -> None:
    text = "I think Leading teams is what I do best."
    result = check_capitals(text, ["Leading teams is what I do."], _common)
    assert result is not None
    assert result.spans == (span_of(text, "think Leading"),)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I would bring Eight years of pipelines.", "bring Eight"),
        ("I would like to introduce My team.", "introduce My"),
        ("We are Three people.", "are Three"),
    ],
)
def test_a_number_word_or_my_in_mid_sentence_is_caught(text: str, found: str) -> None:
    result = check_capitals(text)
    assert result is not None
    assert result.spans == (span_of(text, found),)


@pytest.mark.parametrize(
    ("text", "user_texts", "names"),
    [
        ("I met Maria at Northwind on Friday.", ["Maria helped me a lot."], []),
        ("I worked with Mark on the migration.", [], []),
        ("I build reports in Power BI every day.", ["Power BI dashboards are my thing."], []),
        ("I spoke with Grace about the team.", ["Grace under pressure is my strength."], []),
        ("I met Will at the office.", ["Will lead the team."], ["Will Smith"]),
        ("Dear Laura Chen,\n\nThank you, Laura. I liked Acme and SQL.", [SELLING], []),
        ("I use PostgreSQL and McKay's tools.", [], []),
        ("The team met in Stockholm with Zoë Ångström.", [], []),
        ("It went well. Five of us joined.", [], []),  # a new sentence
        ("I like Leading teams.", ["leading teams is my thing."], []),  # not as it was typed
    ],
)
def test_names_and_sentence_starts_are_never_flagged(
    text: str, user_texts: list[str], names: list[str]
) -> None:
    words = {w.casefold() for n in names for w in n.split()}
    assert check_capitals(text, user_texts, _common, words) is None


NAMES = ["Maria", "Northwind", "Laura", "Omar", "Zoë", "Mark", "Grace", "Will", "May", "June",
         "Anders", "Acme", "Hope", "Rose", "Power", "The", "Globex", "Bill"]  # fmt: skip
LOWER = ["with", "at", "and", "met", "from", "about", "thanks", "to", "by", "for", "the"]


@given(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(LOWER)), max_size=12))
def test_no_name_after_a_lower_case_word_is_ever_flagged(words: list[str]) -> None:
    """False positives on names are worse than a miss (issue 14): without the user's own
    text, only number words and "My"/"Our" are flagged."""
    assert check_capitals(" ".join(words) + ".") is None


@given(st.text(max_size=200))
def test_any_text_gives_spans_inside_it(text: str) -> None:
    for result in (
        check_punctuation(text),
        check_sentence_inside(text),
        check_capitals(text, [SELLING, text], _common),
    ):
        if result is not None:
            assert result.spans and result.summary
            for start, end in result.spans:
                assert 0 <= start < end <= len(text)


# --- placeholders ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("Best regards,\n[your name]",
         "Fill in [your name] (your name and details are in your Profile)"),
        ("I would love to join [Company].", "Fill in [Company]"),
        ("Dear {name},", "Fill in {name}"),
        ("Dear {{ name }}, at [Company]", "Fill in {{ name }}, [Company]"),
    ],
)  # fmt: skip
def test_placeholders_are_caught_in_plain_words(text: str, summary: str) -> None:
    result = check_placeholders(text)
    assert result is not None
    assert (result.key, result.verdict, result.summary) == ("placeholders", Verdict.FAIL, summary)


@pytest.mark.parametrize("text", ["As shown in [1], it works.", "An empty {} set.", "No gaps."])
def test_brackets_without_words_are_no_placeholder(text: str) -> None:
    assert check_placeholders(text) is None


# --- in the letter's list of checks ------------------------------------------------------------


def test_the_issues_letter_fails_three_checks_that_come_first() -> None:
    facts = LetterFacts(recipient_name="Laura Chen", selling_points=SELLING)
    text = f"Dear Laura Chen,\n\n{PASTED}\n\n{PASTED_CARD}\n\nBest regards,\n[your name]"
    results = check_letter(text, facts, Speller())
    assert [r.key for r in results[:4]] == ["placeholders", "punctuation", "sentences", "capitals"]
    assert all(r.verdict is Verdict.FAIL for r in results[:4])


def test_a_clean_letter_has_none_of_them() -> None:
    facts = LetterFacts(recipient_name="Laura Chen", selling_points=SELLING)
    text = f"Dear Laura Chen,\n\nI left excited about the role. {SELLING}\n\nBest regards,\nSam"
    keys = [r.key for r in check_letter(text, facts, Speller())]
    assert keys == ["names", "spelling", "strong_candidate", "tone", "length"]
