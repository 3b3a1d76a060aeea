"""The job-search log (issue 17 §5): every activity of the search in a date range, as plain
values, and the words they are printed with.

Benefits offices ask for such a record (Germany's "Nachweis der Eigenbemühungen", the US
states' weekly work-search logs, the UK's Universal Credit journal): for each activity the
date, the employer, the position, the person contacted and how, and the result. The store
reads the activities (:mod:`afterview.store.activity_log`); the PDF, the CSV and the window
print them with the words below. Qt-free and database-free, so every one of them may import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ActivityKind(StrEnum):
    """What the user did, in the order a day's activities are listed."""

    APPLIED = "applied"
    INTERVIEW = "interview"
    FOLLOW_UP = "follow_up"
    THANK_YOU = "thank_you"


class Reached(StrEnum):
    """How the contact person was reached: the interview's format (a lunch is in person), or
    the channel of the follow-up or the letter (the letter's, once it was sent)."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    EMAIL = "email"
    LETTER = "letter"


@dataclass(frozen=True, order=True)
class Activity:
    """One line of the log.

    ``day`` is the date in the user's home time zone (an application's day applied is a date
    already). ``contact`` is the person (or, for an interview, the people, joined by "; ")
    as the records name them, "" when none is known; ``reached`` None when not known.
    ``result`` is a code: the application's outcome or else its stage (afterview.domain.
    applications), the interview's status (records.Status), or "done" / "sent" for a
    follow-up or a thank-you note ("answered" / "no_answer" for a follow-up whose answer the
    user gave). ``detail``: the interview's round, or an outcome's detail.
    """

    day: date
    kind: ActivityKind
    company: str
    position: str
    contact: str = ""
    reached: Reached | None = None
    result: str = ""
    detail: str = ""


def kind_order(kind: ActivityKind) -> int:
    return list(ActivityKind).index(kind)


def sort_key(activity: Activity) -> tuple[date, int, str, str, str]:
    """By day, then applications before interviews before follow-ups before notes, then
    employer, position and person, case-blind."""
    return (
        activity.day,
        kind_order(activity.kind),
        activity.company.casefold(),
        activity.position.casefold(),
        activity.contact.casefold(),
    )


# --- words ----------------------------------------------------------------------------------
# English here; the window and the PDF pass each through Qt's translate() (context
# "JobSearchLog"), the CSV keeps them as they are.

KIND_WORDS: dict[ActivityKind, str] = {
    ActivityKind.APPLIED: "Application sent",
    ActivityKind.INTERVIEW: "Interview",
    ActivityKind.FOLLOW_UP: "Follow-up",
    ActivityKind.THANK_YOU: "Thank-you note",
}

REACHED_WORDS: dict[Reached, str] = {
    Reached.IN_PERSON: "in person",
    Reached.PHONE: "phone",
    Reached.VIDEO: "video",
    Reached.EMAIL: "email",
    Reached.LETTER: "letter",
}

RESULT_WORDS: dict[str, str] = {
    # an application's stage
    "applied": "Applied, waiting",
    "interviewing": "Interviewing",
    "awaiting_decision": "Awaiting decision",
    "offer": "Offer",
    # an application's outcome
    "rejected": "Rejected",
    "withdrew": "Withdrew",
    "offer_accepted": "Offer accepted",
    "offer_declined": "Offer declined",
    "position_closed": "Position closed",
    "cancelled": "Cancelled by the employer",
    "no_response": "No response",
    # an interview's status
    "scheduled": "Scheduled",
    "next_round": "Next round",
    "withdrawn": "Withdrew",
    # a follow-up, a thank-you note
    "done": "Done",
    "sent": "Sent",
    # a follow-up, with the answer the user gave when marking it done
    "answered": "They answered",
    "no_answer": "No answer",
}

#: The columns of the table, the CSV's and the PDF's, in order.
COLUMN_WORDS: tuple[str, ...] = (
    "Date",
    "Activity",
    "Employer",
    "Position",
    "Contact person",
    "How",
    "Result",
)


def _same(text: str) -> str:
    return text


def row_words(activity: Activity, tr: Callable[[str], str] = _same) -> tuple[str, ...]:
    """The activity as the table's cells (:data:`COLUMN_WORDS`): the date in ISO 8601, the
    fixed words through ``tr``, the user's own text as typed. The round of an interview
    follows its kind ("Interview (Second round)"); an outcome's detail follows the result."""
    kind = tr(KIND_WORDS[activity.kind])
    result = tr(RESULT_WORDS.get(activity.result, activity.result)) if activity.result else ""
    if activity.detail and activity.kind is ActivityKind.INTERVIEW:
        kind = f"{kind} ({activity.detail})"
    elif activity.detail:
        result = f"{result} ({activity.detail})"
    return (
        activity.day.isoformat(),
        kind,
        activity.company,
        activity.position,
        activity.contact,
        tr(REACHED_WORDS[activity.reached]) if activity.reached else "",
        result,
    )


__all__ = [
    "COLUMN_WORDS",
    "KIND_WORDS",
    "REACHED_WORDS",
    "RESULT_WORDS",
    "Activity",
    "ActivityKind",
    "Reached",
    "row_words",
    "sort_key",
]
