"""What seed 003 asks of a letter before it goes, and seed 004's "short" (Qt-free).

Each check returns a result with a reason citing the article it comes from,
and the spans of the text it is about, so the editor can point at them.
Spelling uses pyspellchecker's English dictionary, the user's word list, and
every name, title and company in the records, which are never flagged.
"""

from __future__ import annotations

import re

from afterview.domain.letter_check_types import Card as Card
from afterview.domain.letter_check_types import CheckResult as CheckResult
from afterview.domain.letter_check_types import LetterFacts as LetterFacts
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
from afterview.domain.rules import cited

#: A gap left to fill in: "[your name]", "[Company]", or "{name}" / "{{ name }}" (a field a
#: template of the user's did not fill). Not "[1]" or "{}", which are no words.
PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]{0,40}[^\W\d_][^\[\]\n]{0,40}\]"  # [your name], [Company]
    r"|\{\{?[ \t]*[^\W\d][\w. \t]{0,40}\}\}?"  # {name}, {{ name }}
)
#: Placeholders about the user: Afterview fills them from the Profile.
_ABOUT_YOU = re.compile(r"\b(?:your|my|sender)\b", re.IGNORECASE)

#: Past this many words an email, card or phone script is no longer short (seed 004).
SHORT_WORDS = 200
#: A printed letter should still fit on one page.
LETTER_WORDS = 350
SEED_003_SPELLING = cited("003") + '"… and the rest of the letter is spelled correctly, as well."'
SEED_003_STRONG = (
    cited("003") + "the note \"should remind the people you spoke to why you're the best "
    "candidate for the job, but don't overdo it.\""
)
SEED_003_TONE = cited("003") + '"You want to sound enthusiastic, but not desperate."'
SEED_004_POST = (
    cited("004") + 'send it "so it gets to them while your interview is still fresh"; a card or '
    "letter by post needs their postal address (000 §1: a way to reach everyone you met)."
)
SEED_004_SHORT = (
    cited("004") + 'thank-you cards and emails "don\'t need to be long and elaborate"; '
    f"past about {SHORT_WORDS} words it is no longer a note."
)
SEED_004_LETTER = (
    cited("004") + f"keep it brief; a printed letter past about {LETTER_WORDS} words "
    "runs onto a second page."
)


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
        return CheckResult("spelling", Verdict.PASS, "No spelling errors", SEED_003_SPELLING)
    shown = []
    for item in list(dict.fromkeys(w.word for w in wrong))[:5]:
        guesses = speller.suggestions(item, limit=1)
        shown.append(f"“{item}”" + (f" ({guesses[0]}?)" if guesses else ""))
    count = len({w.word for w in wrong})
    noun = "word looks" if count == 1 else "words look"
    return CheckResult(
        "spelling",
        Verdict.FAIL,
        f"{count} {noun} misspelled: " + ", ".join(shown),
        SEED_003_SPELLING,
        tuple((w.start, w.end) for w in wrong),
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
        )
    hint = " (your selling points are in your Profile)" if facts.selling_points else ""
    return CheckResult(
        "strong_candidate",
        Verdict.WARN,
        "It does not say why you are a strong candidate" + hint,
        SEED_003_STRONG,
    )


def check_tone(text: str, facts: LetterFacts) -> CheckResult:
    pleading = list(PLEADING.finditer(text))
    runs = list(EXCLAMATION_RUN.finditer(text))
    singles = text.count("!")
    if pleading or runs:
        found = [f"“{m.group()}”" for m in pleading] + [f"“{m.group()}”" for m in runs]
        return CheckResult(
            "tone",
            Verdict.FAIL,
            "Sounds desperate: " + ", ".join(dict.fromkeys(found)),
            SEED_003_TONE,
            tuple(m.span() for m in [*pleading, *runs]),
        )
    if singles > 2:
        return CheckResult(
            "tone",
            Verdict.WARN,
            f"{singles} exclamation marks: one is plenty",
            SEED_003_TONE,
            tuple((i, i + 1) for i, c in enumerate(text) if c == "!"),
        )
    if facts.purpose in ("thank_you", "follow_up") and not _ENTHUSIASM.search(text):
        return CheckResult(
            "tone",
            Verdict.WARN,
            "It does not say you are still interested or excited about the role",
            SEED_003_TONE,
        )
    return CheckResult("tone", Verdict.PASS, "Enthusiastic, not desperate", SEED_003_TONE)


def check_length(text: str, facts: LetterFacts) -> CheckResult:
    count = word_count(text)
    if facts.channel == "letter":
        limit, reason = LETTER_WORDS, SEED_004_LETTER
    else:
        limit, reason = SHORT_WORDS, SEED_004_SHORT
    kind = {"card": "card", "phone": "call", "letter": "letter"}.get(facts.channel, "email")
    if count > limit:
        return CheckResult(
            "length",
            Verdict.WARN,
            f"Long for {'an' if kind == 'email' else 'a'} {kind}: {count} words "
            f"(aim for {limit} or fewer)",
            reason,
        )
    return CheckResult("length", Verdict.PASS, f"Short: {count} words", reason)


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
    )


def check_address(facts: LetterFacts) -> CheckResult | None:
    """A card or letter to post, to someone whose card has no postal address: a warning (it
    may be handed over); None for other channels."""
    if facts.channel not in ("letter", "card"):
        return None
    if facts.recipient_address.strip():
        return CheckResult(
            "address", Verdict.PASS, "Their postal address is on the letter", SEED_004_POST
        )
    who = facts.recipient_name.strip() or "The recipient"
    return CheckResult(
        "address",
        Verdict.WARN,
        f"{who} has no postal address on their card: add one to post this",
        SEED_004_POST,
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
