"""The merge fields of a letter, gathered from the records (Qt-free).

A letter goes to one person about one interview: a contact who took part, or
a reference used on the application. Everything a template can say comes from
here, so the checks can compare the letter with the same values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from afterview.domain import records as r
from afterview.domain.phone_lines import is_phone_line, without_phone_lines
from afterview.domain.postal import country_code, format_lines
from afterview.store.values import LetterSources, Profile, Recipient, people_on

#: Countries that write dates month first; everywhere else writes the day first.
MONTH_FIRST = frozenset({"US", "CA", "PH"})

PLACEHOLDER_NAME = "[your name]"

ROLE_LABELS = {
    r.Role.INTERVIEWER: "interviewer",
    r.Role.HIRING_MANAGER: "hiring manager",
    r.Role.DECISION_MAKER: "decision maker",
    r.Role.RECRUITER: "recruiter",
    r.Role.REFERRAL: "referral",
}


def format_date(day: date, territory: str = "US") -> str:
    """A date as a letter writes it, in English: 'November 20, 2026' or '20 November 2026'."""
    if territory.upper() in MONTH_FIRST:
        return f"{day:%B} {day.day}, {day.year}"
    return f"{day.day} {day:%B} {day.year}"


@dataclass(frozen=True)
class LetterContext:
    interview: r.Interview
    recipient: Recipient | None
    profile: Profile
    today: date
    territory: str = "US"
    step_id: int | None = None
    #: Every name, title and company in the records: never flagged as misspelled.
    record_terms: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        sources: LetterSources,
        *,
        today: date,
        territory: str,
        recipient: Recipient | None = None,
    ) -> LetterContext:
        """The context of a letter drafted from ``sources`` (the store's read), dated
        ``today``, for a reader in ``territory`` (ISO country: how dates are written)."""
        return cls(
            interview=sources.interview,
            recipient=recipient or sources.recipient,
            profile=sources.profile,
            today=today,
            territory=territory,
            step_id=sources.step_id,
            record_terms=sources.record_terms,
        )

    @property
    def sender_country(self) -> str:
        """Where the letter is posted: the country of the user's own address, else the
        reader's (``territory``); an ISO code when Afterview knows the country."""
        written = self.profile.address.country.strip() or self.territory
        return country_code(written) or written

    @property
    def recipient_address(self) -> str:
        """The chosen postal address as the recipient's country prints it, with the country
        line when the letter leaves the sender's country and without it when it stays. A street
        line that is a phone number is left out: the block is for the post."""
        person = self.recipient
        if person is None:
            return ""
        if person.postal_address is None:
            return "\n".join(line for line in person.address.split("\n") if not is_phone_line(line))
        postal = without_phone_lines(person.postal_address)
        return "\n".join(format_lines(postal, home_country=self.sender_country))

    @property
    def sender_address(self) -> str:
        """The user's own address as its country prints it, without the country line when the
        letter stays in that country (the recipient's, else the reader's)."""
        address = self.profile.address
        if address.is_empty:
            return ""
        person = self.recipient
        goes_to = person.postal_address if person is not None else None
        written = goes_to.country if goes_to is not None and goes_to.country else self.territory
        country = country_code(written) or written  # a card may write "USA"
        return "\n".join(format_lines(without_phone_lines(address), home_country=country))

    def address_field(self, template_channel: str) -> str:
        """What the letter's address field holds for a template of ``template_channel``
        ("email", "letter", "card" or "phone"): the recipient's email address, postal address
        (:attr:`recipient_address`, its lines joined by ", ") or phone number; "" when their
        card lacks that way, or for a channel Afterview does not know. Never another
        channel's: a phone number is no postal address, an email address no phone number."""
        person = self.recipient
        if person is None:
            return ""
        if template_channel == "email":
            return person.email.strip()
        if template_channel in ("letter", "card"):
            return ", ".join(line for line in self.recipient_address.split("\n") if line.strip())
        if template_channel == "phone":
            return person.phone.strip()
        return ""

    @property
    def interview_date(self) -> str:
        return format_date(self.interview.start.date(), self.territory)

    @property
    def letter_date(self) -> str:
        return format_date(self.today, self.territory)

    def variables(self) -> dict[str, Any]:
        """What a template sees. Plain values only: Jinja2 escapes them on the way out."""
        person = self.recipient
        interview = self.interview
        debrief = interview.debrief
        decision = interview.decision_expected
        follow_up = interview.agreed_follow_up
        others = [
            {"name": p.contact.name, "title": p.contact.title, "role": ROLE_LABELS[p.role]}
            for p in interview.people
            if person is None or person.kind != "contact" or p.contact.id != person.id
        ]
        return {
            "name": person.name if person else "",
            # The "Dear …" line: "Ms Anders" when the card has both, else the full name.
            "greeting": (person.greeting or person.name) if person else "",
            "title": person.title if person else "",
            # A reference does not work at the employer; a contact card without a company does.
            "recipient_company": (
                person.company or interview.company
                if person and person.kind == "contact"
                else (person.company if person else "")
            ),
            "address": self.recipient_address,
            "email": person.email if person else "",
            "phone": person.phone if person else "",
            "role": ROLE_LABELS[person.role] if person and person.role else "",
            "relationship": person.relationship if person else "",
            "company": interview.company,
            "position": interview.position,
            "round": interview.round,
            "location": interview.location,
            "interview_format": interview.format.value.replace("_", " "),
            "interview_date": self.interview_date,
            "date": self.letter_date,
            "decision_expected": format_date(decision, self.territory) if decision else "",
            "agreed_follow_up": format_date(follow_up, self.territory) if follow_up else "",
            "decided_by": interview.decided_by,
            "employer_will_contact": interview.employer_will_contact,
            "topic": debrief.thank_you_topic,
            "learned": debrief.learned,
            "strong_points": debrief.strong_points,
            "significant_points": debrief.significant_points,
            "open_questions": debrief.open_questions,
            "selling_points": self.profile.selling_points,
            "sender": self.profile,
            "sender_address": self.sender_address,
            # A placeholder the checks point out, rather than a letter that just stops.
            "signature": self.profile.signature or self.profile.name or PLACEHOLDER_NAME,
            "people": others,
        }


__all__ = ["LetterContext", "Recipient", "format_date", "people_on"]
