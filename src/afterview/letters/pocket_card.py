"""The interview-day pocket card: the questions to ask before leaving (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from afterview.domain import records as r
from afterview.domain.settings import ThankYouDeadline
from afterview.letters.context import ROLE_LABELS, format_date


@dataclass(frozen=True)
class Question:
    text: str
    why: str


QUESTIONS = (
    Question(
        "When will a decision be made, and how will I hear?",
        "Know the process before you leave: no waiting by the phone.",  # seeds 002, 003
    ),
    Question(
        "May I follow up, and when would suit you?",
        "Leave knowing the next steps; asking shows genuine interest.",  # seed 004
    ),
    Question(
        "Who will make the decision?",
        "The follow-up goes to the decision maker first.",  # seed 000 §1
    ),
    Question(
        "May I have your card?",
        "Correct names and titles for each thank-you note.",  # seeds 002, 003
    ),
    Question(
        "Is there anyone else in the field I could talk to?",
        "Get into networking mode; note names and numbers and follow up soon.",  # seed 003
    ),
)


#: The thank-you deadline the user chose (the setting thank_you_deadline), in words.
THANK_YOU_WITHIN = {
    ThankYouDeadline.HOURS_24: "within 24 hours",  # seed 004
    ThankYouDeadline.BUSINESS_DAYS_2: "within two business days",  # seeds 002, 003
}


def pocket_card_variables(
    interview: r.Interview, territory: str, deadline: ThankYouDeadline
) -> dict[str, Any]:
    """The card's template variables; ``deadline`` is the playbook's thank-you setting, so
    the card says what the steps will hold the user to."""
    return {
        "thank_you_within": THANK_YOU_WITHIN[deadline],
        "company": interview.company,
        "position": interview.position,
        "round": interview.round,
        "location": interview.location,
        "interview_date": format_date(interview.start.date(), territory),
        "time": interview.start.strftime("%H:%M"),
        "people": [
            {"name": p.contact.name, "title": p.contact.title, "role": ROLE_LABELS[p.role]}
            for p in interview.people
        ],
        "questions": QUESTIONS,
        "subject_text": f"Interview day: {interview.company}",
    }
