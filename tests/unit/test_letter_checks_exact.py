"""Every letter check's whole result, word for word and span for span, at the edges of its
rules (afterview.domain.letter_checks). The expected results are written out by hand."""

from __future__ import annotations

import pytest

from afterview.domain.letter_checks import (
    SEED_003_NAMES,
    SEED_003_SPELLING,
    SEED_003_STRONG,
    SEED_003_TONE,
    SEED_004_LETTER,
    SEED_004_SHORT,
    CheckResult,
    LetterFacts,
    Speller,
    Verdict,
    _near,
    check_length,
    check_letter,
    check_names,
    check_placeholders,
    check_spelling,
    check_strong_candidate,
    check_tone,
)

LAURA = LetterFacts(
    recipient_name="Laura Chen",
    recipient_title="Engineering Manager",
    company="Acme",
    position="Backend Engineer",
    record_terms=frozenset({"Laura Chen", "Engineering Manager", "Acme", "Backend Engineer"}),
)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


# --- names ----------------------------------------------------------------------------------


def test_names_pass_says_whose_name_and_title() -> None:
    text = "Dear Ms. Chen,\n\nThank you, Laura. As Manager of the team you were clear."
    assert check_names(text, LAURA) == CheckResult(
        "names",
        Verdict.PASS,
        "Name and title match the card (Laura Chen, Engineering Manager)",
        SEED_003_NAMES,
    )
    untitled = LetterFacts(recipient_name="Laura Chen")
    assert check_names("Dear Laura,", untitled) == CheckResult(
        "names", Verdict.PASS, "Name and title match the card (Laura Chen)", SEED_003_NAMES
    )


def test_a_letter_without_the_name_is_a_warning() -> None:
    assert check_names("Hello,\n\nThanks for the talk.", LAURA) == CheckResult(
        "names", Verdict.WARN, "The letter does not use Laura Chen's name", SEED_003_NAMES
    )


def test_every_name_and_title_problem_is_listed_once_with_its_span() -> None:
    text = (
        "Dear Omar,\n\nThank you, Lara. The Senior Data Director told me, and Lara agreed.\n"
        "Laura Chen"
    )
    assert check_names(text, LAURA) == CheckResult(
        "names",
        Verdict.FAIL,
        "Check the name and title: the greeting says “Omar”, but this letter is to Laura Chen; "
        "“Lara” — the card spells it “Laura”; "
        "“Senior Data Director” — the card says “Engineering Manager”",
        SEED_003_NAMES,
        (
            span(text, "Omar"),
            span(text, "Lara"),
            (text.rindex("Lara"), text.rindex("Lara") + 4),
            span(text, "Senior Data Director"),
        ),
    )


def test_a_title_when_the_card_has_none() -> None:
    text = "Dear Laura,\n\nAs Senior Director you know the team."
    assert check_names(text, LetterFacts(recipient_name="Laura Chen")) == CheckResult(
        "names",
        Verdict.FAIL,
        "Check the name and title: “Senior Director” — the card has no title",
        SEED_003_NAMES,
        (span(text, "Senior Director"),),
    )


@pytest.mark.parametrize(
    ("facts", "text"),
    [
        # A name from the records that is near the recipient's is someone else, not a typo.
        (
            LetterFacts(recipient_name="Laura Chen", record_terms=frozenset({"Laurel Ames"})),
            "Dear Laura,\n\nLaurel Ames sends her regards.",
        ),
        # Lower case is not a name.
        (LetterFacts(recipient_name="Laura Chen"), "Dear Laura,\n\nthe lara file is attached."),
        # A different first letter is a different name.
        (LetterFacts(recipient_name="Laura Chen"), "Dear Laura,\n\nMaura sends her regards."),
        # An everyday word is not a misspelt name, however near.
        (LetterFacts(recipient_name="Marie Initiale"), "Dear Marie,\n\nInitials are fine."),
    ],
)
def test_what_is_not_a_misspelt_name(facts: LetterFacts, text: str) -> None:
    assert check_names(text, facts).verdict is Verdict.PASS


def test_a_three_letter_name_is_checked_too() -> None:
    text = "Dear Ann,\n\nThank you, Ann Lea."
    result = check_names(text, LetterFacts(recipient_name="Ann Lee"))
    assert (result.verdict, result.summary, result.spans) == (
        Verdict.FAIL,
        "Check the name and title: “Lea” — the card spells it “Lee”",
        (span(text, "Lea"),),
    )


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("laura", "laura", False),  # the same
        ("lara", "laura", True),  # one deleted
        ("lau", "laura", True),  # two deleted
        ("la", "laura", False),  # three
        ("aura", "laura", True),  # the first deleted
        ("laurax", "laura", True),  # one added
        ("lxyra", "laura", True),  # two changed, a long name
        ("lxyza", "laura", False),  # three changed
        ("jxan", "joan", True),  # one changed, a short name allows one
        ("jxyn", "joan", False),  # two changed, a short name
        ("joen", "joan", True),
        ("jaon", "joan", True),  # two swapped count once
        ("ojan", "joan", True),  # the first two swapped
        ("luara", "laura", True),
        ("jox", "joan", False),
        ("joanx", "joan", True),  # one added at the end, a short name
        ("joa", "joan", True),  # one deleted at the end, a short name
        ("", "a", True),
        ("", "ab", False),
        ("b", "a", True),
        ("aaa", "a", False),
        ("ab", "baa", False),
    ],
)
def test_near_is_an_edit_distance_of_one_or_two(a: str, b: str, near: bool) -> None:
    assert _near(a, b) is near


# --- spelling -------------------------------------------------------------------------------


def test_spelling_pass_and_fail_say_what_and_where() -> None:
    speller = Speller()
    assert check_spelling("All good here.", speller) == CheckResult(
        "spelling", Verdict.PASS, "No spelling errors", SEED_003_SPELLING
    )
    text = "I think teh plan is good, and teh team qzxv."
    assert check_spelling(text, speller) == CheckResult(
        "spelling",
        Verdict.FAIL,
        "2 words look misspelled: “teh” (the?), “qzxv”",
        SEED_003_SPELLING,
        (span(text, "teh"), (text.rindex("teh"), text.rindex("teh") + 3), span(text, "qzxv")),
    )
    one = check_spelling("Teh end.", speller)
    assert one.summary == "1 word looks misspelled: “Teh” (The?)"


def test_spelling_lists_five_words_at_most() -> None:
    text = "qzxa qzxb qzxc qzxd qzxe qzxf"
    result = check_spelling(text, Speller())
    assert result.summary == "6 words look misspelled: “qzxa”, “qzxb”, “qzxc”, “qzxd”, “qzxe”"
    assert len(result.spans) == 6


def test_addresses_are_not_prose_and_do_not_move_what_follows() -> None:
    text = "Write to qzx@exmaple.org or www.exmaple.com, teh end."
    assert [(m.start, m.end, m.word) for m in Speller().misspelled(text)] == [
        (*span(text, "teh"), "teh")
    ]


@pytest.mark.parametrize(
    ("word", "correct"),
    [
        ("é", True),  # one letter
        ("zq", False),  # two letters are looked up
        ("QZ", True),  # an acronym
        ("\U00017000\U00017001", True),  # a script this dictionary knows nothing about
        ("teh", False),
    ],
)
def test_what_the_speller_accepts(word: str, correct: bool) -> None:
    speller = Speller()
    assert speller.is_correct(word) is correct
    assert speller.is_correct(word) is correct  # the second time from its cache


def test_suggestions_most_common_first_five_at_most() -> None:
    speller = Speller()
    assert speller.suggestions("teh", limit=10) == ["the", "ten", "tea", "te", "eh"]
    assert speller.suggestions("teh", limit=2) == ["the", "ten"]
    assert speller.suggestions("Teh", limit=1) == ["The"]


# --- a strong candidate ---------------------------------------------------------------------

PASS_STRONG = CheckResult(
    "strong_candidate", Verdict.PASS, "It says why you are a strong candidate", SEED_003_STRONG
)


@pytest.mark.parametrize(
    ("selling", "strong", "text", "passes"),
    [
        ("data lake", "", "The data lake was fun.", True),  # four-letter words count
        ("", "data lake", "The data lake was fun.", True),  # the debrief's strong points too
        ("work with data", "", "The data, with you.", False),  # "with" is not a point
        ("work with data", "", "The work on data.", True),
        ("data lake tools", "", "The data lake.", True),  # two of three is enough
        ("data", "", "The data.", True),  # one of one
        ("", "", "I would bring calm.", True),  # a selling phrase is enough
        ("data lake", "", "I was there.", False),
        ("", "data lake", "I was there.", False),  # no selling points: no hint at them
    ],
)
def test_a_strong_candidate_is_one_who_says_why(
    selling: str, strong: str, text: str, passes: bool
) -> None:
    facts = LetterFacts(recipient_name="Laura Chen", selling_points=selling, strong_points=strong)
    hint = " (your selling points are in your Profile)" if selling else ""
    assert check_strong_candidate(text, facts) == (
        PASS_STRONG
        if passes
        else CheckResult(
            "strong_candidate",
            Verdict.WARN,
            "It does not say why you are a strong candidate" + hint,
            SEED_003_STRONG,
        )
    )


# --- tone -----------------------------------------------------------------------------------


def test_tone_results_in_full() -> None:
    facts = LetterFacts(recipient_name="Laura Chen")
    glad = "I am glad we met!"
    assert check_tone(glad + " Truly!", facts) == CheckResult(
        "tone", Verdict.PASS, "Enthusiastic, not desperate", SEED_003_TONE
    )
    loud = "Glad! Truly! Really!"
    assert check_tone(loud, facts) == CheckResult(
        "tone",
        Verdict.WARN,
        "3 exclamation marks: one is plenty",
        SEED_003_TONE,
        ((4, 5), (11, 12), (19, 20)),
    )
    desperate = "Please hire me!! Please hire me."
    assert check_tone(desperate, facts) == CheckResult(
        "tone",
        Verdict.FAIL,
        "Sounds desperate: “Please hire me”, “!!”",
        SEED_003_TONE,
        ((0, 14), (17, 31), (14, 16)),
    )
    flat = "We met on Friday."
    for purpose in ("thank_you", "follow_up"):
        assert check_tone(flat, LetterFacts("Laura Chen", purpose=purpose)) == CheckResult(
            "tone",
            Verdict.WARN,
            "It does not say you are still interested or excited about the role",
            SEED_003_TONE,
        )
    assert check_tone(flat, LetterFacts("Laura Chen", purpose="reference")).verdict is Verdict.PASS


# --- length ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "words", "summary", "reason"),
    [
        ("email", 200, "Short: 200 words", SEED_004_SHORT),
        ("email", 201, "Long for an email: 201 words (aim for 200 or fewer)", SEED_004_SHORT),
        ("card", 201, "Long for a card: 201 words (aim for 200 or fewer)", SEED_004_SHORT),
        ("phone", 201, "Long for a call: 201 words (aim for 200 or fewer)", SEED_004_SHORT),
        ("letter", 350, "Short: 350 words", SEED_004_LETTER),
        ("letter", 351, "Long for a letter: 351 words (aim for 350 or fewer)", SEED_004_LETTER),
    ],
)
def test_length_by_channel(channel: str, words: int, summary: str, reason: str) -> None:
    facts = LetterFacts(recipient_name="Laura Chen", channel=channel)
    verdict = Verdict.PASS if summary.startswith("Short") else Verdict.WARN
    assert check_length("word " * words, facts) == CheckResult("length", verdict, summary, reason)


# --- placeholders and the whole letter --------------------------------------------------------


def test_placeholders_are_named_once_each_and_pointed_at() -> None:
    text = "Dear [Name],\n\n[Your name]\n[Name]"
    assert check_placeholders(text) == CheckResult(
        "placeholders",
        Verdict.FAIL,
        "Fill in [Name], [Your name] (your name and details are in your Profile)",
        SEED_003_NAMES,
        (span(text, "[Name]"), span(text, "[Your name]"), (text.rindex("[Name]"), len(text))),
    )
    assert check_placeholders("Dear Laura,") is None


@pytest.mark.parametrize(
    ("purpose", "keys"),
    [
        ("thank_you", ["names", "spelling", "strong_candidate", "tone", "length"]),
        ("follow_up", ["names", "spelling", "strong_candidate", "tone", "length"]),
        ("reference", ["names", "spelling", "tone", "length"]),
        ("after_rejection", ["names", "spelling", "tone", "length"]),
    ],
)
def test_which_checks_a_letter_gets(purpose: str, keys: list[str]) -> None:
    facts = LetterFacts(recipient_name="Laura Chen", purpose=purpose)
    assert [r.key for r in check_letter("Dear Laura,", facts, Speller())] == keys
