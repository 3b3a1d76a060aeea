"""A letter check's words in the user's language, from the message id, values and reason id
the Qt-free checks give (:mod:`afterview.domain.letter_check_types`).

Used by the letter editor's checks panel and its "Send anyway?" question. Every text goes
through Qt's translation (context "CheckWords", written out in each call so pyside6-lupdate
finds it), counts through ``%n``. The values (words and names from the letter and the cards)
are filled in with :func:`afterview.ui.translation.fill`, once, and never translated. A
result with an id this release does not know is shown with the English stored with it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from afterview.domain.letter_check_types import (
    LETTER_WORDS,
    SHORT_WORDS,
    Arg,
    CheckResult,
    Part,
    Verdict,
)
from afterview.ui.rule_words import article_title
from afterview.ui.translation import fill


def _count(args: tuple[Arg, ...]) -> int:
    return int(args[0]) if args and isinstance(args[0], int) else 0


def _number(value: Arg) -> str:
    return QLocale().toString(value) if isinstance(value, int) else value


def _template(message: str, n: int) -> str | None:
    """The translated words of a summary (``%1``: the values after the count, or the list of
    parts); None for an id not known here."""
    translate = QCoreApplication.translate
    words = {
        "spelling.none": lambda: translate("CheckWords", "No spelling errors"),
        "spelling.some": lambda: translate(
            "CheckWords", "%n word(s) look(s) misspelled: %1", "", n
        ),
        "strong_candidate.pass": lambda: translate(
            "CheckWords", "It says why you are a strong candidate"
        ),
        "strong_candidate.missing": lambda: translate(
            "CheckWords", "It does not say why you are a strong candidate"
        ),
        "strong_candidate.missing_profile": lambda: translate(
            "CheckWords",
            "It does not say why you are a strong candidate (your selling points are in "
            "your Profile)",
        ),
        "tone.desperate": lambda: translate("CheckWords", "Sounds desperate: %1"),
        "tone.exclamations": lambda: translate(
            "CheckWords", "%n exclamation mark(s): one is plenty", "", n
        ),
        "tone.not_interested": lambda: translate(
            "CheckWords", "It does not say you are still interested or excited about the role"
        ),
        "tone.pass": lambda: translate("CheckWords", "Enthusiastic, not desperate"),
        "length.short": lambda: translate("CheckWords", "Short: %n word(s)", "", n),
        "length.long_email": lambda: translate(
            "CheckWords", "Long for an email: %n word(s) (aim for %1 or fewer)", "", n
        ),
        "length.long_card": lambda: translate(
            "CheckWords", "Long for a card: %n word(s) (aim for %1 or fewer)", "", n
        ),
        "length.long_call": lambda: translate(
            "CheckWords", "Long for a call: %n word(s) (aim for %1 or fewer)", "", n
        ),
        "length.long_letter": lambda: translate(
            "CheckWords", "Long for a letter: %n word(s) (aim for %1 or fewer)", "", n
        ),
        "placeholders.fill": lambda: translate("CheckWords", "Fill in %1"),
        "placeholders.profile": lambda: translate(
            "CheckWords", "Fill in %1 (your name and details are in your Profile)"
        ),
        "address.pass": lambda: translate("CheckWords", "Their postal address is on the letter"),
        "address.missing": lambda: translate(
            "CheckWords", "%1 has no postal address on their card: add one to post this"
        ),
        "address.missing_unnamed": lambda: translate(
            "CheckWords",
            "The recipient has no postal address on their card: add one to post this",
        ),
        "punctuation.doubled": lambda: translate(
            "CheckWords", "Doubled punctuation: %1. Keep one mark."
        ),
        "sentences.inside": lambda: translate(
            "CheckWords",
            "A sentence ends in the middle of another: %1. Start a new sentence with a "
            "capital, or take out the full stop.",
        ),
        "capitals.inside": lambda: translate(
            "CheckWords",
            "A capital letter in the middle of a sentence: %1. Was text pasted in? Make it a "
            "sentence of its own, or write the word in lower case.",
        ),
        "names.match": lambda: translate("CheckWords", "Name and title match the card (%1)"),
        "names.match_title": lambda: translate(
            "CheckWords", "Name and title match the card (%1, %2)"
        ),
        "names.unused": lambda: translate("CheckWords", "The letter does not use %1's name"),
        "names.problems": lambda: translate("CheckWords", "Check the name and title: %1"),
    }
    found = words.get(message)
    return found() if found is not None else None


#: Summaries whose first value is the count ``%n`` stands for.
_COUNTED = frozenset(
    ["spelling.some", "tone.exclamations", "length.short"]
    + [f"length.long_{kind}" for kind in ("email", "card", "call", "letter")]
)


def _part(part: Part) -> str | None:
    """One item of a summary's list, its values filled in; None for an unknown id."""
    translate = QCoreApplication.translate
    words = {
        "plain": lambda: "%1",
        "quote": lambda: translate("CheckWords", "“%1”", "text quoted from the letter"),
        "spelling.word": lambda: translate("CheckWords", "“%1”", "a misspelt word"),
        "spelling.word_guess": lambda: translate(
            "CheckWords", "“%1” (%2?)", "a misspelt word (the word it may be?)"
        ),
        "names.greeting": lambda: translate(
            "CheckWords", "the greeting says “%1”, but this letter is to %2"
        ),
        "names.title": lambda: translate("CheckWords", "“%1” — the card says “%2”"),
        "names.title_of": lambda: translate("CheckWords", "“%1” — %2's card says “%3”"),
        "names.no_title": lambda: translate("CheckWords", "“%1” — the card has no title"),
        "names.no_title_of": lambda: translate("CheckWords", "“%1” — %2's card has no title"),
        "names.spelt": lambda: translate("CheckWords", "“%1” — the card spells it “%2”"),
        "names.spelt_of": lambda: translate("CheckWords", "“%1” — %2's card spells it “%3”"),
    }
    found = words.get(part.message)
    if found is None:
        return None
    return fill(found(), *(_number(value) for value in part.args))


def _separator(message: str) -> str:
    if message == "names.problems":
        return QCoreApplication.translate("CheckWords", "; ", "between problems with names")
    return QCoreApplication.translate("CheckWords", ", ", "between the items of a list")


def summary(result: CheckResult) -> str:
    """What ``result`` found, in the user's language; its English ``summary`` when its id,
    or the id of one of its parts, is not known here."""
    counted = result.message in _COUNTED
    template = _template(result.message, _count(result.args) if counted else -1)
    if template is None:
        return result.summary
    values = [_number(value) for value in (result.args[1:] if counted else result.args)]
    if result.parts:
        items = [_part(part) for part in result.parts]
        if any(item is None for item in items):
            return result.summary
        values.insert(0, _separator(result.message).join(item or "" for item in items))
    return fill(template, *values)


def reason(result: CheckResult) -> str:
    """Why the check matters, naming its article by title, in the user's language; the
    English ``reason`` for a reason id not known here."""
    translate = QCoreApplication.translate
    words = {
        "003.names": lambda: translate(
            "CheckWords",
            'From “%1”: "Make sure names and titles are correct" — get them from the '
            "business card.",
        ),
        "003.spelling": lambda: translate(
            "CheckWords",
            'From “%1”: "… and the rest of the letter is spelled correctly, as well."',
            "why spelling matters",
        ),
        "003.correct": lambda: translate(
            "CheckWords",
            'From “%1”: "… and the rest of the letter is spelled correctly, as well."',
            "why punctuation and capitals matter",
        ),
        "003.strong": lambda: translate(
            "CheckWords",
            "From “%1”: the note \"should remind the people you spoke to why you're the best "
            "candidate for the job, but don't overdo it.\"",
        ),
        "003.tone": lambda: translate(
            "CheckWords", 'From “%1”: "You want to sound enthusiastic, but not desperate."'
        ),
        "004.post": lambda: translate(
            "CheckWords",
            'From “%1”: send it "so it gets to them while your interview is still fresh"; a '
            "card or letter by post needs their postal address (000 §1: a way to reach "
            "everyone you met).",
        ),
        "004.short": lambda: translate(
            "CheckWords",
            'From “%1”: thank-you cards and emails "don\'t need to be long and elaborate"; '
            "past about %2 words it is no longer a note.",
        ),
        "004.letter": lambda: translate(
            "CheckWords",
            "From “%1”: keep it brief; a printed letter past about %2 words runs onto a "
            "second page.",
        ),
    }
    found = words.get(result.reason_id)
    if found is None:
        return result.reason
    seed = result.reason_id.split(".", 1)[0]
    limit = {"004.short": SHORT_WORDS, "004.letter": LETTER_WORDS}.get(result.reason_id, 0)
    return fill(found(), article_title(seed), QLocale().toString(limit))


def verdict(result: CheckResult) -> str:
    """The check's verdict in words, for the panel and a screen reader ("Passed", "Worth a
    look", "Needs attention"): the icon alone would tell them apart by shape and colour."""
    translate = QCoreApplication.translate
    if result.verdict is Verdict.PASS:
        return translate("CheckWords", "Passed", "a letter check's verdict")
    if result.verdict is Verdict.WARN:
        return translate("CheckWords", "Worth a look", "a letter check's verdict")
    return translate("CheckWords", "Needs attention", "a letter check's verdict")


def line(result: CheckResult) -> str:
    """The panel's line for a check: its verdict in words, then what it found
    ("Needs attention: Sounds desperate: “Please hire me”")."""
    return fill(
        QCoreApplication.translate("CheckWords", "%1: %2", "verdict: what the check found"),
        verdict(result),
        summary(result),
    )


__all__ = ["line", "reason", "summary", "verdict"]
