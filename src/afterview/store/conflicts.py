"""No lost updates (issue 16 §4): what a save beaten by another computer is told.

Interviews, contacts, references and debriefs carry a ``version``, raised by one at every
save (:mod:`afterview.store.claims` does the check). A save based on an older version is
refused with :class:`ConflictError`, which says, field by field, what the other computer
stored ("theirs") against what this save would write ("yours").

Light on purpose (no SQLAlchemy): the window imports it before the store has loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from afterview.domain.contact_ways import PostalAddress, Way
from afterview.store.errors import StoreError

#: A version no record has: an editor that knows its read is out of date sends it, so its
#: next save is compared with what is stored (and refused if anything differs).
STALE = -1

#: The fields' labels in words (English; the window shows its own translation of each).
LABELS: dict[str, str] = {
    # contacts and references
    "name": "Name",
    "salutation": "Salutation",
    "family_name": "Family name",
    "title": "Job title",
    "company": "Company",
    "emails": "Email",
    "phones": "Phone",
    "addresses": "Postal address",
    "chosen_email": "Email to use",
    "chosen_phone": "Phone to use",
    "chosen_address": "Address to use",
    "preferred_channel": "Preferred channel",
    "notes": "Notes",
    "relationship": "How you know them",
    "email": "Email",
    "phone": "Phone",
    "permission_date": "Permission given on",
    # interviews
    "position": "Position",
    "round": "Round",
    "start": "Start",
    "time_zone": "Time zone",
    "duration_minutes": "Duration (minutes)",
    "format": "Format",
    "location": "Location",
    "country": "Country",
    "region": "Region",
    "status": "Status",
    "decision_expected": "Decision expected",
    "decided_by": "Decided by",
    "employer_will_contact": "Employer will contact you",
    "agreed_follow_up": "Agreed follow-up",
    # applications
    "source": "Where you found it",
    "applied_on": "Applied on",
    "link": "Link to the posting",
    "posting": "The posting's text",
    "stage": "Stage",
    "outcome": "Outcome",
    "outcome_detail": "About the outcome",
    # debriefs
    "learned": "What you learned about the company and the role",
    "significant_points": "Significant points raised",
    "open_questions": "Questions still open",
    "strong_points": "Your strong points",
    "to_improve": "Points to improve",
    "thank_you_topic": "Topic for the thank-you note",
}


@dataclass(frozen=True)
class Difference:
    """One field the two saves disagree on, as text the user reads (plain text)."""

    #: The store's name of the field ("title"); the window labels it in its language.
    field: str
    #: The field's label in words (English).
    label: str
    #: What is stored now: the other computer's save.
    theirs: str
    #: What this save would write.
    yours: str


_RECORD_WORDS = {
    "contact": "The contact “{name}”",
    "reference": "The reference “{name}”",
    "interview": "The interview {name}",
    "debrief": "The debrief of {name}",
    "application": "The application {name}",
}


class ConflictError(StoreError):
    """A save refused because another computer saved the record since it was read; nothing
    was changed. ``version``: the record's version now (send it to save over theirs)."""

    def __init__(
        self,
        kind: str,
        record_id: int,
        name: str,
        version: int,
        differences: Sequence[Difference],
    ) -> None:
        #: "contact", "reference", "interview", "application" or "debrief" (whose id is the
        #: interview's).
        self.kind = kind
        self.record_id = record_id
        #: The record's name as the user wrote it: "Ann Lee", "Corvid Labs — Data Engineer".
        self.name = name
        #: The record in words: "The contact “Ann Lee”".
        self.record = _RECORD_WORDS[kind].format(name=name)
        self.version = version
        self.differences = tuple(differences)
        super().__init__(
            f"{self.record} was changed on another computer since you opened it. Nothing was saved."
        )


def text_of(value: Any) -> str:
    """A stored value as the dialog shows it: plain text, "" for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, PostalAddress):
        parts = (value.street, value.postal_code, value.locality, value.region, value.country)
        return ", ".join(p.replace("\n", ", ") for p in parts if p.strip())
    if isinstance(value, Way):
        return text_of(value.value)
    if isinstance(value, tuple):
        return "\n".join(text_of(item) for item in value)
    return str(getattr(value, "value", value))


def differences(
    names: Sequence[str], theirs: Callable[[str], Any], yours: Callable[[str], Any]
) -> list[Difference]:
    found = []
    for name in names:
        mine, stored = text_of(yours(name)), text_of(theirs(name))
        if mine != stored:
            found.append(Difference(name, LABELS.get(name, name), stored, mine))
    return found
