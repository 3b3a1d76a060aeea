"""The checks for one letter: the card, the interview and the profile as facts (Qt-free)."""

from __future__ import annotations

from pathlib import Path

from afterview.domain.letter_checks import Card, CheckResult, LetterFacts, Speller, check_letter
from afterview.letters.context import LetterContext
from afterview.letters.words import load_user_words


def purpose_of(template: str) -> str:
    for prefix, purpose in (
        ("thank_you", "thank_you"),
        ("follow_up", "follow_up"),
        ("reference", "reference"),
        ("after_rejection", "after_rejection"),
    ):
        if template.startswith(prefix):
            return purpose
    return "other"


def facts_for(context: LetterContext, template: str, channel: str) -> LetterFacts:
    person = context.recipient
    interview = context.interview
    # Everyone on the interview but the recipient, each with their own card: a name or
    # title the letter gives one of them is checked against that card (a reference brief
    # names the interviewer, whose title is not the reference's).
    cards = tuple(
        dict.fromkeys(
            Card(p.contact.name, p.contact.title)
            for p in interview.people
            if person is None or person.kind != "contact" or p.contact.id != person.id
        )
    )
    debrief = interview.debrief
    return LetterFacts(
        recipient_name=person.name if person else "",
        recipient_title=person.title if person else "",
        recipient_greeting=person.greeting if person else "",
        channel=channel,
        purpose=purpose_of(template),
        company=interview.company,
        position=interview.position,
        selling_points=context.profile.selling_points,
        strong_points=interview.debrief.strong_points,
        record_terms=context.record_terms,
        other_names=frozenset(card.name for card in cards),
        recipient_address=context.recipient_address,
        others=cards,
        user_texts=(
            debrief.thank_you_topic,
            debrief.learned,
            debrief.significant_points,
            debrief.open_questions,
        ),
    )


def speller_for(context: LetterContext, config_dir: Path | None) -> Speller:
    speller = Speller(load_user_words(config_dir) if config_dir is not None else ())
    speller.accept_terms(context.record_terms)
    return speller


def check(
    context: LetterContext, template: str, channel: str, body: str, speller: Speller
) -> list[CheckResult]:
    return check_letter(body, facts_for(context, template, channel), speller)
