"""The letter checks' words in the user's language (afterview.ui.check_words): every message
the checks can give has words, the English words read as the checks' own English, and the
checks panel and the "Send anyway?" question show the translated words.

The ids are found by running the checks on letters written to make each of them speak, and
compared with the list below, written from the checks' behaviour, not read from the code.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from afterview.domain.letter_checks import (
    Card,
    CheckResult,
    LetterFacts,
    Speller,
    Verdict,
    check_letter,
)
from afterview.ui import check_words
from afterview.ui.letter_checks_panel import ChecksPanel
from afterview.ui.letter_send_check import SendCheck
from tests.ui.pseudo_walk import PseudoTranslator

LAURA = LetterFacts(
    recipient_name="Laura Chen",
    recipient_title="Engineering Manager",
    company="Acme",
    position="Backend Engineer",
    selling_points="Eight years of data pipelines and calm database migrations.",
    record_terms=frozenset({"Laura Chen", "Engineering Manager", "Acme", "Backend Engineer"}),
    others=(Card("Omar O'Hara", "Staff Engineer"), Card("Rita Okonkwo")),
)
GOOD = """Dear Laura Chen,

Thank you for meeting me about the Backend Engineer position at Acme. I enjoyed hearing how \
you run the team as Engineering Manager.

I left excited about the role, and I believe I would bring years of data pipelines.

Best regards,
Sam Rivera"""
FILLER = " ".join(["We talked about the team and the work."] * 50)

#: Each letter with the facts it is checked against: together they make every message speak.
LETTERS: list[tuple[str, LetterFacts]] = [
    (GOOD, LAURA),
    (GOOD.replace(" as Engineering Manager", ""), LetterFacts(recipient_name="Laura Chen")),
    ("Hello,\n\nThanks for the talk.", LAURA),
    ("Hello,\n\nThanks for the talk.", LetterFacts(recipient_name="Laura Chen")),
    ("Dear Laura,\n\nI saw an intervew and a zzyzxq. Please hire me!!", LAURA),
    ("Dear Laura, wow! Great! Thanks! Excited!", LAURA),
    ("Dear Laura, I am excited. " + FILLER, LAURA),
    ("Dear Laura, I am excited. " + FILLER, LetterFacts("Laura Chen", channel="card")),
    ("Dear Laura, I am excited. " + FILLER, LetterFacts("Laura Chen", channel="phone")),
    ("Dear Laura, I am excited. " + FILLER * 2, LetterFacts("Laura Chen", channel="letter")),
    ("Dear Laura, I am excited.", LetterFacts("Laura Chen", channel="letter")),
    (
        "Dear Laura, I am excited.",
        LetterFacts("Laura Chen", channel="card", recipient_address="1 Main St\nSpringfield"),
    ),
    ("Dear friend, I am excited.", LetterFacts("", channel="letter")),
    ("Dear Laura, I am excited about [Company].", LAURA),
    ("Dear Laura, I am excited.\n\n[your name]", LAURA),
    ("Dear Laura, I am excited.. I would bring 8%. to your team", LAURA),
    ("Dear Laura, I am excited and would bring Eight years of data pipelines.", LAURA),
    ("Dear Omar,\n\nI am excited. Lara said so.", LAURA),
    ("Dear Laura, I am excited to meet Laura Chen, Sales Director.", LAURA),
    ("Dear Laura, I am excited to meet Laura Chen, Sales Director.", LetterFacts("Laura Chen")),
    ("Dear Laura, I am excited. Omar O'Hara, Sales Director, said so.", LAURA),
    ("Dear Laura, I am excited. Rita Okonkwo, Sales Director, said so.", LAURA),
    ("Dear Laura, I am excited. Okonkow said so.", LAURA),
]

#: What the checks say about the letters above, written from what each letter holds.
EXPECTED_MESSAGES = {
    "names.match", "names.match_title", "names.unused", "names.problems",
    "spelling.none", "spelling.some",
    "strong_candidate.pass", "strong_candidate.missing", "strong_candidate.missing_profile",
    "tone.pass", "tone.desperate", "tone.exclamations", "tone.not_interested",
    "length.short", "length.long_email", "length.long_card", "length.long_call",
    "length.long_letter",
    "address.pass", "address.missing", "address.missing_unnamed",
    "placeholders.fill", "placeholders.profile",
    "punctuation.doubled", "sentences.inside", "capitals.inside",
}  # fmt: skip
EXPECTED_PARTS = {
    "spelling.word", "spelling.word_guess", "quote", "plain",
    "names.greeting", "names.spelt", "names.title", "names.no_title", "names.title_of",
    "names.no_title_of", "names.spelt_of",
}  # fmt: skip
EXPECTED_REASONS = {
    "003.names", "003.spelling", "003.correct", "003.strong", "003.tone",
    "004.post", "004.short", "004.letter",
}  # fmt: skip


TITLES = {
    "Follow-Up: After the Job Interview",
    "Congratulations: You've Completed Your Job Interview",
}


@pytest.fixture(scope="module")
def results() -> list[CheckResult]:
    speller = Speller()
    speller.accept_terms(LAURA.record_terms)
    return [result for text, facts in LETTERS for result in check_letter(text, facts, speller)]


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[PseudoTranslator]:
    translator = PseudoTranslator(qapp)
    qapp.installTranslator(translator)  # last installed, first asked
    yield translator
    qapp.removeTranslator(translator)


def test_the_letters_make_every_message_speak(results: list[CheckResult]) -> None:
    assert {r.message for r in results} == EXPECTED_MESSAGES
    assert {p.message for r in results for p in r.parts} == EXPECTED_PARTS
    assert {r.reason_id for r in results} == EXPECTED_REASONS
    assert {r.verdict for r in results} == set(Verdict)


def test_every_message_has_words_that_a_translator_translates(
    qapp: QApplication, pseudo: PseudoTranslator, results: list[CheckResult]
) -> None:
    for result in results:
        shown, why = check_words.summary(result), check_words.reason(result)
        # Bracketed whole: the words went through translate(), not the English fallback.
        assert shown.startswith("[") and shown.endswith("]"), (result.message, shown)
        assert why.startswith("[From “[") and why.endswith("]"), (result.reason_id, why)
        for part in result.parts:
            for value in part.args:
                assert str(value) in shown  # the letter's own words, never translated


def test_the_english_words_read_as_the_checks_english(
    qapp: QApplication, results: list[CheckResult]
) -> None:
    for result in results:
        assert check_words.summary(result) == result.summary
        assert check_words.reason(result) == result.reason


def test_a_users_percent_marker_is_not_filled_again(qapp: QApplication) -> None:
    speller = Speller()
    speller.accept_terms(LAURA.record_terms)
    found = check_letter("Dear %2 %1,\n\nI am excited, Laura Chen.", LAURA, speller)
    names = next(r for r in found if r.key == "names")
    assert check_words.summary(names) == (
        "Check the name and title: the greeting says “%2 %1”, but this letter is to Laura Chen"
    )
    odd = LetterFacts("Sam %2", "Lead")
    found = check_letter("Dear Sam %2,\n\nI am excited.", odd, speller)
    names = next(r for r in found if r.key == "names")
    assert check_words.summary(names) == "Name and title match the card (Sam %2, Lead)"


def test_an_unknown_id_shows_the_english_stored_with_it(qapp: QApplication) -> None:
    result = CheckResult("new", Verdict.WARN, "Something new", "Because.", message="new.x")
    assert check_words.summary(result) == "Something new"
    assert check_words.reason(result) == "Because."


def test_the_panel_shows_the_translated_words(
    qtbot: QtBot, pseudo: PseudoTranslator, results: list[CheckResult]
) -> None:
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    speller = Speller()
    speller.accept_terms(LAURA.record_terms)
    panel.show_results(check_letter(LETTERS[4][0], LAURA, speller))
    texts = [panel.item(row).text() for row in range(panel.count())]
    assert texts
    for text in texts:
        summary, why = text.split("\n")
        assert summary.startswith("[") and summary.endswith("]"), summary
        assert why.startswith("[From “[") and why.endswith("]"), why
        assert why.split("]", 1)[0][len("[From “[") :] in TITLES
    spelling = next(t for t in texts if "intervew" in t)
    # The verdict in words first, translated too.
    assert spelling.startswith("[[Needs attention]: [2 word(s) look(s) misspelled: ")
    assert "[“intervew” (interview?)]" in spelling
    assert panel.item(0).toolTip() == texts[0].split("\n")[1]


def test_send_anyway_names_the_failing_checks_in_translated_words(
    qtbot: QtBot, pseudo: PseudoTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = QWidget()
    qtbot.addWidget(editor)
    asked: list[str] = []

    def answered_back(box: QMessageBox) -> int:
        asked.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answered_back)
    speller = Speller()
    speller.accept_terms(LAURA.record_terms)
    results = check_letter("Dear Laura, I am excited.. Please hire me", LAURA, speller)
    assert not SendCheck(editor).allow(results)
    lines = asked[0].split("\n")
    assert lines[0] == "[These checks fail for this letter:]"
    failing = lines[2:]
    assert failing == [
        "[• [Punctuation]: [Doubled punctuation: [“..”]. Keep one mark.]]",
        "[• [Tone]: [Sounds desperate: [“Please hire me”]]]",
    ]
