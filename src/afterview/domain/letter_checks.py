"""What seed 003 asks of a letter before it goes, and seed 004's "short" (Qt-free).

Each check returns a result with a reason citing the article it comes from,
and the spans of the text it is about, so the editor can point at them.
Spelling uses pyspellchecker's English dictionary, the user's word list, and
every name, title and company in the records, which are never flagged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spellchecker import SpellChecker

from afterview.domain.letter_check_types import Card as Card
from afterview.domain.letter_check_types import CheckResult as CheckResult
from afterview.domain.letter_check_types import LetterFacts as LetterFacts
from afterview.domain.letter_check_types import Verdict as Verdict
from afterview.domain.letter_punctuation import (
    check_capitals,
    check_punctuation,
    check_sentence_inside,
)

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Addresses and links are not prose: their parts are not spell-checked.
_NOT_PROSE = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")
#: A gap left to fill in: "[your name]", "[Company]", or "{name}" / "{{ name }}" (a field a
#: template of the user's did not fill). Not "[1]" or "{}", which are no words.
PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]{0,40}[^\W\d_][^\[\]\n]{0,40}\]"  # [your name], [Company]
    r"|\{\{?[ \t]*[^\W\d][\w. \t]{0,40}\}\}?"  # {name}, {{ name }}
)
#: Placeholders about the user: Afterview fills them from the Profile.
_ABOUT_YOU = re.compile(r"\b(?:your|my|sender)\b", re.IGNORECASE)

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

#: Past this many words an email, card or phone script is no longer short (seed 004).
SHORT_WORDS = 200
#: A printed letter should still fit on one page.
LETTER_WORDS = 350

SEED_003_NAMES = (
    'Seed 003: "Make sure names and titles are correct" — get them from the business card.'
)
SEED_003_SPELLING = 'Seed 003: "… and the rest of the letter is spelled correctly, as well."'
SEED_003_STRONG = (
    "Seed 003: the note \"should remind the people you spoke to why you're the best "
    "candidate for the job, but don't overdo it.\""
)
SEED_003_TONE = 'Seed 003: "You want to sound enthusiastic, but not desperate."'
SEED_004_POST = (
    'Seed 004: send it "so it gets to them while your interview is still fresh"; a card or '
    "letter by post needs their postal address (000 §1: a way to reach everyone you met)."
)
SEED_004_SHORT = (
    'Seed 004: thank-you cards and emails "don\'t need to be long and elaborate"; '
    f"past about {SHORT_WORDS} words it is no longer a note."
)
SEED_004_LETTER = (
    f"Seed 004: keep it brief; a printed letter past about {LETTER_WORDS} words "
    "runs onto a second page."
)


# --- spelling -----------------------------------------------------------------------------


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


# --- the checks ---------------------------------------------------------------------------

_TITLE_NOUNS = (
    "Manager|Director|Engineer|Lead|Head|Recruiter|Officer|President|VP|Partner|Architect|"
    "Scientist|Analyst|Designer|Consultant|Specialist|Coordinator|Supervisor|Developer|"
    "Administrator|Executive|Principal|Advisor|Associate|Chief|Owner|Founder|Programmer"
)
_TITLE = re.compile(
    r"\b(?:[A-Z][\w&/-]*[ \t]+){0,4}(?:" + _TITLE_NOUNS + r")\b(?:[ \t]+of[ \t]+[A-Z][\w&-]*)?"
)
#: Capitalised words that open a sentence or greeting rather than a title.
_NOT_TITLE_WORDS = frozenset(
    [
        "dear",
        "hello",
        "hi",
        "the",
        "our",
        "your",
        "my",
        "as",
        "i",
        "a",
        "an",
        "this",
        "that",
        "thank",
        "thanks",
        "with",
        "best",
        "sincerely",
        "to",
        "for",
        "and",
        "at",
        "in",
        "on",
        "of",
        "mr",
        "ms",
        "mrs",
        "dr",
    ]
)
_GREETING = re.compile(r"^[ \t]*(?:Dear|Hello|Hi|Hey)\s+([^,:\n]+)", re.MULTILINE)

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


def _near(a: str, b: str) -> bool:
    """Edit distance of one or two (transpositions count once): 'Lara' for 'Laura'."""
    if a == b or abs(len(a) - len(b)) > 2:
        return False
    limit = 1 if len(b) <= 4 else 2
    previous = list(range(len(b) + 1))
    before: list[int] = []
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, before[j - 2] + 1)
            current.append(value)
        before, previous = previous, current
    return previous[-1] <= limit


def _name_tokens(name: str) -> list[str]:
    return [m.group() for m in WORD.finditer(name)]


#: What may stand between a name and its title: "Laura Chen, Engineering Manager",
#: "Omar O'Hara (Staff Engineer)", "Laura Chen – our Engineering Manager".
_BETWEEN_BEFORE = re.compile(r"[ \t]*[,(–—-]?[ \t]*(?:(?:the|our|your|their)[ \t]+)?$")
_BETWEEN_AFTER = re.compile(r"^[ \t]*[,(–—-]?[ \t]*")


def _mentions(card: Card) -> list[str]:
    """How a letter may name someone: their whole name, or one word of it (3+ letters)."""
    whole = " ".join(card.name.split())
    words = [t for t in _name_tokens(whole) if len(t) >= 3]
    return [m.casefold() for m in dict.fromkeys([whole, *words]) if m]


def _named_next_to(text: str, start: int, end: int, cards: list[Card]) -> Card | None:
    """The card of the person named right before or after ``text[start:end]`` on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    before = before[: _BETWEEN_BEFORE.search(before).start()].casefold()  # type: ignore[union-attr]
    after = text[end : len(text) if line_end < 0 else line_end]
    after = after[_BETWEEN_AFTER.match(after).end() :].casefold()  # type: ignore[union-attr]
    for card in cards:
        for mention in _mentions(card):
            if before.endswith(mention) and not before[: -len(mention)][-1:].isalnum():
                return card
            if after.startswith(mention) and not after[len(mention) :][:1].isalnum():
                return card
    return None


def _is_title(phrase: str, titles: list[str]) -> bool:
    low = " ".join(phrase.split()).casefold()
    return any(low == t or low in t for t in (" ".join(t.split()).casefold() for t in titles))


def _title_problem(
    text: str, start: int, end: int, facts: LetterFacts, recipient: Card
) -> str | None:
    """What is wrong with the title at ``text[start:end]``, or None. It is checked against
    the card of the person it is given to: the one named right next to it, else anyone on
    the interview whose card has it ("I enjoyed meeting your Staff Engineer"), else the
    recipient (seed 003: "Make sure names and titles are correct")."""
    phrase = text[start:end]
    others = [c for c in facts.others if c.name.strip()]
    card = _named_next_to(text, start, end, [recipient, *others])
    if card is None:
        if _is_title(phrase, [c.title for c in others if c.title.strip()]):
            return None
        card = recipient
    if _is_title(phrase, [t for t in (card.title, facts.position) if t.strip()]):
        return None
    whose = "the card" if card is recipient else f"{card.name}'s card"
    title = card.title.strip()
    return f"“{phrase}” — {whose} says “{title}”" if title else f"“{phrase}” — {whose} has no title"


def _misspelt_name(word: str, facts: LetterFacts) -> str | None:
    """“Lara” — the card spells it “Laura”: a word one or two letters from a word of the
    recipient's name (or, failing that, of someone else's on the interview), or None."""
    people = [Card(facts.recipient_name), *facts.others]
    for index, card in enumerate(people):
        for token in _name_tokens(card.name):
            if (
                len(token) >= 3
                and _is_latin(token)
                and word[:1].casefold() == token[:1].casefold()
                and _near(word.casefold(), token.casefold())
            ):
                whose = "the card" if index == 0 else f"{card.name}'s card"
                return f"“{word}” — {whose} spells it “{token}”"
    return None


def check_names(text: str, facts: LetterFacts) -> CheckResult:
    """The names and titles in the letter against the cards: the greeting against the
    recipient's, any other name or title against the card of the person it names."""
    name = facts.recipient_name.strip()
    tokens = _name_tokens(name)
    folded = [t.casefold() for t in tokens]
    problems: list[str] = []
    spans: list[tuple[int, int]] = []

    for greeting in _GREETING.finditer(text):
        greeted = greeting.group(1).strip()
        if tokens and not any(t in greeted.casefold() for t in folded) and name not in greeted:
            problems.append(f"the greeting says “{greeted}”, but this letter is to {name}")
            spans.append(greeting.span(1))

    known = words_of(facts.record_terms)
    everyone = set(folded) | {t.casefold() for c in facts.others for t in _name_tokens(c.name)}
    for match in WORD.finditer(text):
        word = match.group()
        low = _normal(word)
        if not word[:1].isupper() or low in everyone or low in known or _common(low):
            continue
        problem = _misspelt_name(word, facts)
        if problem is not None:
            problems.append(problem)
            spans.append(match.span())

    recipient = Card(name, facts.recipient_title)
    title = facts.recipient_title.strip()
    for match in _TITLE.finditer(text):
        words = list(re.finditer(r"\S+", match.group()))
        while words and words[0].group().casefold() in _NOT_TITLE_WORDS:
            words.pop(0)
        if not words:
            continue
        start = match.start() + words[0].start()
        problem = _title_problem(text, start, match.end(), facts, recipient)
        if problem is not None:
            problems.append(problem)
            spans.append((start, match.end()))

    if tokens and not problems and not any(t in text.casefold() for t in folded):
        return CheckResult(
            "names",
            Verdict.WARN,
            f"The letter does not use {name}'s name",
            SEED_003_NAMES,
        )
    if problems:
        return CheckResult(
            "names",
            Verdict.FAIL,
            "Check the name and title: " + "; ".join(dict.fromkeys(problems)),
            SEED_003_NAMES,
            tuple(spans),
        )
    what = f"{name}, {title}" if title else name
    return CheckResult(
        "names", Verdict.PASS, f"Name and title match the card ({what})", SEED_003_NAMES
    )


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
