"""What seed 003 asks of a letter before it goes, and seed 004's "short" (Qt-free).

Each check returns a result with a reason citing the article it comes from,
and the spans of the text it is about, so the editor can point at them.
Spelling uses pyspellchecker's English dictionary, the user's word list, and
every name, title and company in the records, which are never flagged.
"""

from __future__ import annotations

import re

from afterview.domain.letter_check_types import LETTER_WORDS as LETTER_WORDS
from afterview.domain.letter_check_types import REASONS as REASONS
from afterview.domain.letter_check_types import SHORT_WORDS as SHORT_WORDS
from afterview.domain.letter_check_types import Card as Card
from afterview.domain.letter_check_types import CheckResult as CheckResult
from afterview.domain.letter_check_types import LetterFacts as LetterFacts
from afterview.domain.letter_check_types import Part as Part
from afterview.domain.letter_check_types import Verdict as Verdict
from afterview.domain.letter_names import SEED_003_NAMES as SEED_003_NAMES
from afterview.domain.letter_names import _near as _near
from afterview.domain.letter_names import check_names as check_names
from afterview.domain.letter_punctuation import (
    check_capitals,
    check_punctuation,
    check_sentence_inside,
)
from afterview.domain.letter_spelling import COMMON_WORD as COMMON_WORD
from afterview.domain.letter_spelling import JOB_WORDS as JOB_WORDS
from afterview.domain.letter_spelling import WORD as WORD
from afterview.domain.letter_spelling import Misspelling as Misspelling
from afterview.domain.letter_spelling import Speller as Speller
from afterview.domain.letter_spelling import _common as _common
from afterview.domain.letter_spelling import words_of as words_of

#: A gap left to fill in: "[your name]", "[Company]", or "{name}" / "{{ name }}" (a field a
#: template of the user's did not fill). Not "[1]" or "{}", which are no words.
PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]{0,40}[^\W\d_][^\[\]\n]{0,40}\]"  # [your name], [Company]
    r"|\{\{?[ \t]*[^\W\d][\w. \t]{0,40}\}\}?"  # {name}, {{ name }}
)
#: Placeholders about the user: Afterview fills them from the Profile.
_ABOUT_YOU = re.compile(r"\b(?:your|my|sender)\b", re.IGNORECASE)

SEED_003_SPELLING = REASONS["003.spelling"]
SEED_003_STRONG = REASONS["003.strong"]
SEED_003_TONE = REASONS["003.tone"]
SEED_004_POST = REASONS["004.post"]
SEED_004_SHORT = REASONS["004.short"]
SEED_004_LETTER = REASONS["004.letter"]


# --- the checks ---------------------------------------------------------------------------
_PLEADING = [
    r"\bplease,?\s+please\b",
    r"\bplease\s+(?:hire|choose|pick|consider)\s+me\b",
    r"\bgive\s+me\s+a\s+(?:chance|shot)\b",
    r"\bI\s+(?:really\s+|desperately\s+|truly\s+|badly\s+)?need\s+(?:this|the|a)\s+job\b",
    r"\bdesperate(?:ly)?\b",
    r"\b(?:I\s+am\s+|I'm\s+)?begg?(?:ing)?\s+(?:you|for)\b",
    r"\bI(?:'ll|\s+will)\s+do\s+anything\b",
    r"\banything\s+it\s+takes\b",
    r"\bany\s+(?:job|position|role)\s+at\s+all\b",
    r"\bmy\s+(?:last|only)\s+(?:hope|chance)\b",
    r"\bI\s+can(?:'t|not)\s+afford\s+to\s+(?:lose|miss)\b",
    r"\bwhy\s+haven't\s+you\b",
    r"\bstill\s+haven't\s+heard\b",
]
PLEADING = re.compile("|".join(_PLEADING), re.IGNORECASE)
EXCLAMATION_RUN = re.compile(r"!{2,}")
_ENTHUSIASM = re.compile(
    r"\b(?:excit\w*|enthusias\w*|interest\w*|look(?:ing)?\s+forward|eager\w*|keen|thrilled|"
    r"delighted|enjoy\w*|appreciat\w*|glad|pleasure)\b",
    re.IGNORECASE,
)
_SELLING = re.compile(
    r"\b(?:I\s+(?:would\s+|could\s+|can\s+)?bring|my\s+(?:experience|background|skills|work\s+on)|"
    r"experience\s+(?:in|with)|background\s+in|track\s+record|years\s+of|strong\s+fit|"
    r"good\s+fit|well\s+suited|qualifications|contribute|I\s+(?:have\s+)?(?:led|built|shipped))\b",
    re.IGNORECASE,
)
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "from",
        "your",
        "have",
        "about",
        "into",
        "their",
        "them",
        "they",
        "which",
        "were",
        "been",
        "will",
        "would",
        "could",
        "should",
        "also",
        "more",
        "most",
        "some",
        "such",
        "than",
        "then",
        "very",
    ]
)


def word_count(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))


def check_spelling(text: str, speller: Speller) -> CheckResult:
    wrong = speller.misspelled(text)
    if not wrong:
        return CheckResult(
            "spelling",
            Verdict.PASS,
            "No spelling errors",
            SEED_003_SPELLING,
            message="spelling.none",
            reason_id="003.spelling",
        )
    shown = []
    parts = []
    for item in list(dict.fromkeys(w.word for w in wrong))[:5]:
        guesses = speller.suggestions(item, limit=1)
        shown.append(f"“{item}”" + (f" ({guesses[0]}?)" if guesses else ""))
        parts.append(
            Part("spelling.word_guess", (item, guesses[0]))
            if guesses
            else Part("spelling.word", (item,))
        )
    count = len({w.word for w in wrong})
    noun = "word looks" if count == 1 else "words look"
    return CheckResult(
        "spelling",
        Verdict.FAIL,
        f"{count} {noun} misspelled: " + ", ".join(shown),
        SEED_003_SPELLING,
        tuple((w.start, w.end) for w in wrong),
        message="spelling.some",
        args=(count,),
        parts=tuple(parts),
        reason_id="003.spelling",
    )


def _content_words(text: str) -> set[str]:
    return {w for w in words_of([text]) if len(w) >= 4 and w not in _STOP}


def check_strong_candidate(text: str, facts: LetterFacts) -> CheckResult:
    mine = _content_words(facts.selling_points) | _content_words(facts.strong_points)
    present = mine & words_of([text])
    selling = _SELLING.search(text)
    if (mine and len(present) >= min(2, len(mine))) or selling:
        return CheckResult(
            "strong_candidate",
            Verdict.PASS,
            "It says why you are a strong candidate",
            SEED_003_STRONG,
            message="strong_candidate.pass",
            reason_id="003.strong",
        )
    hint = " (your selling points are in your Profile)" if facts.selling_points else ""
    return CheckResult(
        "strong_candidate",
        Verdict.WARN,
        "It does not say why you are a strong candidate" + hint,
        SEED_003_STRONG,
        message="strong_candidate.missing_profile" if hint else "strong_candidate.missing",
        reason_id="003.strong",
    )


def check_tone(text: str, facts: LetterFacts) -> CheckResult:
    pleading = list(PLEADING.finditer(text))
    runs = list(EXCLAMATION_RUN.finditer(text))
    singles = text.count("!")
    if pleading or runs:
        phrases = list(dict.fromkeys(m.group() for m in [*pleading, *runs]))
        return CheckResult(
            "tone",
            Verdict.FAIL,
            "Sounds desperate: " + ", ".join(f"“{phrase}”" for phrase in phrases),
            SEED_003_TONE,
            tuple(m.span() for m in [*pleading, *runs]),
            message="tone.desperate",
            parts=tuple(Part("quote", (phrase,)) for phrase in phrases),
            reason_id="003.tone",
        )
    if singles > 2:
        return CheckResult(
            "tone",
            Verdict.WARN,
            f"{singles} exclamation marks: one is plenty",
            SEED_003_TONE,
            tuple((i, i + 1) for i, c in enumerate(text) if c == "!"),
            message="tone.exclamations",
            args=(singles,),
            reason_id="003.tone",
        )
    if facts.purpose in ("thank_you", "follow_up") and not _ENTHUSIASM.search(text):
        return CheckResult(
            "tone",
            Verdict.WARN,
            "It does not say you are still interested or excited about the role",
            SEED_003_TONE,
            message="tone.not_interested",
            reason_id="003.tone",
        )
    return CheckResult(
        "tone",
        Verdict.PASS,
        "Enthusiastic, not desperate",
        SEED_003_TONE,
        message="tone.pass",
        reason_id="003.tone",
    )


def check_length(text: str, facts: LetterFacts) -> CheckResult:
    count = word_count(text)
    if facts.channel == "letter":
        limit, reason_id = LETTER_WORDS, "004.letter"
    else:
        limit, reason_id = SHORT_WORDS, "004.short"
    reason = REASONS[reason_id]
    kind = {"card": "card", "phone": "call", "letter": "letter"}.get(facts.channel, "email")
    if count > limit:
        return CheckResult(
            "length",
            Verdict.WARN,
            f"Long for {'an' if kind == 'email' else 'a'} {kind}: {count} words "
            f"(aim for {limit} or fewer)",
            reason,
            message=f"length.long_{kind}",
            args=(count, limit),
            reason_id=reason_id,
        )
    return CheckResult(
        "length",
        Verdict.PASS,
        f"Short: {count} word" + ("" if count == 1 else "s"),
        reason,
        message="length.short",
        args=(count,),
        reason_id=reason_id,
    )


def check_placeholders(text: str) -> CheckResult | None:
    """A gap left to fill in ("[your name]", "[Company]", "{name}"), or None."""
    found = list(PLACEHOLDER.finditer(text))
    if not found:
        return None
    shown = list(dict.fromkeys(m.group() for m in found))
    names = ", ".join(shown)
    hint = (
        " (your name and details are in your Profile)"
        if any(_ABOUT_YOU.search(n) for n in shown)
        else ""
    )
    return CheckResult(
        "placeholders",
        Verdict.FAIL,
        f"Fill in {names}{hint}",
        SEED_003_NAMES,
        tuple(m.span() for m in found),
        message="placeholders.profile" if hint else "placeholders.fill",
        parts=tuple(Part("plain", (name,)) for name in shown),
        reason_id="003.names",
    )


def check_address(facts: LetterFacts) -> CheckResult | None:
    """A card or letter to post, to someone whose card has no postal address: a warning (it
    may be handed over); None for other channels."""
    if facts.channel not in ("letter", "card"):
        return None
    if facts.recipient_address.strip():
        return CheckResult(
            "address",
            Verdict.PASS,
            "Their postal address is on the letter",
            SEED_004_POST,
            message="address.pass",
            reason_id="004.post",
        )
    name = facts.recipient_name.strip()
    who = name or "The recipient"
    return CheckResult(
        "address",
        Verdict.WARN,
        f"{who} has no postal address on their card: add one to post this",
        SEED_004_POST,
        message="address.missing" if name else "address.missing_unnamed",
        args=(name,) if name else (),
        reason_id="004.post",
    )


def check_letter(text: str, facts: LetterFacts, speller: Speller) -> list[CheckResult]:
    """Every check that applies to this letter, in the order seed 003 lists them, then
    whether a letter to post can be addressed. What is found only when it is wrong (a
    placeholder, doubled punctuation, a sentence inside a sentence, a capital in
    mid-sentence) comes first, and is left out of the list when there is nothing to say."""
    results = [check_names(text, facts), check_spelling(text, speller)]
    if facts.purpose in ("thank_you", "follow_up"):
        results.append(check_strong_candidate(text, facts))
    results.append(check_tone(text, facts))
    results.append(check_length(text, facts))
    user_texts = (facts.selling_points, facts.strong_points, *facts.user_texts)
    found = [
        check_placeholders(text),
        check_punctuation(text),
        check_sentence_inside(text),
        check_capitals(text, user_texts, _common, words_of(facts.record_terms)),
    ]
    results[:0] = [result for result in found if result is not None]
    address = check_address(facts)
    if address is not None:
        results.append(address)
    return results
