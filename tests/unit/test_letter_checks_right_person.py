"""Checks about the right person: each name and title in a letter is checked against the card
of the person it names, not always the recipient's (issue 14). Seed 003
(003_891bc8bc7e47ea3a.txt, "Make sure names and titles are correct"; "get the correct names
and titles of everyone you talked to"). Expected values are written out by hand."""

from __future__ import annotations

import pytest

from afterview.domain.letter_checks import (
    SEED_003_NAMES,
    Card,
    CheckResult,
    LetterFacts,
    Verdict,
    check_names,
)

LAURA = Card("Laura Chen", "Engineering Manager")
OMAR = Card("Omar O'Hara", "Staff Engineer")
TERMS = frozenset({"Laura Chen", "Engineering Manager", "Omar O'Hara", "Staff Engineer", "Acme"})

#: A reference's card has no title: the brief to her names the interviewer and his title.
TO_ANA = LetterFacts(
    recipient_name="Ana Ruiz",
    purpose="reference",
    company="Acme",
    position="Backend Engineer",
    record_terms=TERMS | {"Ana Ruiz"},
    others=(LAURA, OMAR),
)
TO_LAURA = LetterFacts(
    recipient_name="Laura Chen",
    recipient_title="Engineering Manager",
    company="Acme",
    position="Backend Engineer",
    record_terms=TERMS,
    others=(OMAR,),
)
BRIEF = (
    "Dear Ana Ruiz,\n\nThank you again for agreeing to be a reference for me.\n\n"
    "What to expect: a call or email most likely from Laura Chen (Engineering Manager).\n\n"
    "Best regards,\nSam Rivera"
)


def test_the_reference_brief_checks_the_interviewers_title_against_her_card() -> None:
    assert check_names(BRIEF, TO_ANA) == CheckResult(
        "names", Verdict.PASS, "Name and title match the card (Ana Ruiz)", SEED_003_NAMES
    )


def test_a_wrong_title_for_the_person_named_is_caught_against_their_card() -> None:
    text = BRIEF.replace("(Engineering Manager)", "(Staff Engineer)")
    result = check_names(text, TO_ANA)
    assert result.verdict is Verdict.FAIL
    assert result.summary == (
        "Check the name and title: “Staff Engineer” — Laura Chen's card says “Engineering Manager”"
    )
    start = text.index("Staff Engineer")
    assert result.spans == ((start, start + len("Staff Engineer")),)


@pytest.mark.parametrize(
    "mention",
    [
        "Omar O'Hara (Staff Engineer)",
        "Omar O'Hara, Staff Engineer",
        "Omar, our Staff Engineer",
        "Staff Engineer Omar O'Hara",
        "your Staff Engineer",  # named by title only: his card has it
    ],
)
def test_someone_else_named_with_their_own_title_passes(mention: str) -> None:
    text = f"Dear Laura Chen,\n\nI enjoyed meeting {mention} too.\n\nSam"
    assert check_names(text, TO_LAURA).verdict is Verdict.PASS


@pytest.mark.parametrize(
    ("mention", "problem"),
    [
        (
            "Omar O'Hara (Engineering Director)",
            "“Engineering Director” — Omar O'Hara's card says “Staff Engineer”",
        ),
        # Not named: it is about the recipient, as before.
        ("your Chief Architect", "“Chief Architect” — the card says “Engineering Manager”"),
        ("Omar O'Harra", "“O'Harra” — Omar O'Hara's card spells it “O'Hara”"),
    ],
)
def test_a_wrong_title_or_name_of_someone_else_is_caught(mention: str, problem: str) -> None:
    text = f"Dear Laura Chen,\n\nI enjoyed meeting {mention} too.\n\nSam"
    result = check_names(text, TO_LAURA)
    assert result.verdict is Verdict.FAIL
    assert result.summary == f"Check the name and title: {problem}"


def test_the_recipients_own_title_is_still_checked_against_her_card() -> None:
    text = "Dear Laura Chen,\n\nYou run the team as Senior Engineering Director.\n\nSam"
    result = check_names(text, TO_LAURA)
    assert result.summary == (
        "Check the name and title: “Senior Engineering Director” — the card says "
        "“Engineering Manager”"
    )


def test_greeting_someone_else_is_still_caught() -> None:
    text = "Dear Omar O'Hara,\n\nThank you.\n\nSam"
    result = check_names(text, TO_LAURA)
    assert result.summary == (
        "Check the name and title: the greeting says “Omar O'Hara”, but this letter is to "
        "Laura Chen"
    )


def test_a_name_that_looks_like_a_title_is_a_name() -> None:
    """The sample's "Rita Recruiter" is a person: her card has no title to compare with."""
    rita = LetterFacts(
        recipient_name="Ana Ruiz", purpose="reference", others=(Card("Rita Recruiter"),)
    )
    text = "Dear Ana Ruiz,\n\nA call most likely from Rita Recruiter.\n\nSam"
    assert check_names(text, rita).verdict is Verdict.PASS
    text = "Dear Ana Ruiz,\n\nA call most likely from Rita Recruiter (Chief Architect).\n\nSam"
    assert check_names(text, rita).summary == (
        "Check the name and title: “Chief Architect” — Rita Recruiter's card has no title"
    )
