"""The merge fields of a letter, gathered from the records (Qt-free).

A letter goes to one person about one interview: a contact who took part, or
a reference used on the application. Everything a template can say comes from
here, so the checks can compare the letter with the same values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain import records as r
from afterview.store import convert
from afterview.store.errors import RecordError
from afterview.store.models import (
    ContactRow,
    InterviewRow,
    ReferenceRow,
    ReferralLeadRow,
    StepRow,
)
from afterview.store.profile import Profile, load_profile
from afterview.store.steps import FULL_INTERVIEW

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
class Recipient:
    """Who the letter is to: a contact card or a reference."""

    kind: str  # "contact" or "reference"
    id: int
    name: str
    title: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    channel: r.Channel | None = None
    role: r.Role | None = None
    relationship: str = ""


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
            "title": person.title if person else "",
            # A reference does not work at the employer; a contact card without a company does.
            "recipient_company": (
                person.company or interview.company
                if person and person.kind == "contact"
                else (person.company if person else "")
            ),
            "address": person.address if person else "",
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
            # A placeholder the checks point out, rather than a letter that just stops.
            "signature": self.profile.signature or self.profile.name or PLACEHOLDER_NAME,
            "people": others,
        }


def find_interview(session: Session, key_or_id: str | int) -> InterviewRow:
    text = str(key_or_id).strip()
    query = select(InterviewRow).options(*FULL_INTERVIEW)
    row = session.scalars(query.where(InterviewRow.key == text)).one_or_none()
    if row is None and text.isdigit():
        row = session.scalars(query.where(InterviewRow.id == int(text))).one_or_none()
    if row is None:
        raise RecordError(f"interview {text!r}", "key", "no interview with this key or id")
    return row


def _contact_recipient(contact: r.Contact, role: r.Role | None) -> Recipient:
    return Recipient(
        kind="contact",
        id=contact.id,
        name=contact.name,
        title=contact.title,
        company=contact.company,
        email=contact.email,
        phone=contact.phone,
        address=contact.address,
        channel=contact.channel,
        role=role,
    )


def _reference_recipient(reference: r.Reference) -> Recipient:
    return Recipient(
        kind="reference",
        id=reference.id,
        name=reference.name,
        email=reference.email,
        phone=reference.phone,
        channel=reference.channel,
        relationship=reference.relationship,
    )


def people_on(interview: r.Interview) -> list[Recipient]:
    """Everyone a letter about this interview can go to: its people, then its references."""
    seen: set[int] = set()
    found: list[Recipient] = []
    for part in interview.people:
        if part.contact.id not in seen:
            seen.add(part.contact.id)
            found.append(_contact_recipient(part.contact, part.role))
    found.extend(_reference_recipient(ref) for ref in interview.references)
    return found


def find_person(
    session: Session, interview: r.Interview, name_or_id: str | int, label: str = "person"
) -> Recipient:
    """The person on this interview with this name (any case) or contact id.

    Someone not on the interview can still be written to by the exact name or
    id of their contact card (a referral lead met elsewhere, for example).
    """
    text = str(name_or_id).strip()
    wanted = text.casefold()
    candidates = people_on(interview)
    matches = [p for p in candidates if p.name.strip().casefold() == wanted]
    if not matches and text.isdigit():
        matches = [p for p in candidates if p.kind == "contact" and p.id == int(text)]
    if not matches:
        rows = session.scalars(select(ContactRow)).all()
        matches = [
            _contact_recipient(convert.contact(row), None)
            for row in rows
            if row.name.strip().casefold() == wanted or (text.isdigit() and row.id == int(text))
        ]
    if not matches:
        on = ", ".join(p.name for p in candidates) or "nobody yet"
        raise RecordError(
            f"{label} {text!r}", "name", f"nobody by this name or id (on this interview: {on})"
        )
    if len({(m.kind, m.id) for m in matches}) > 1:
        raise RecordError(f"{label} {text!r}", "name", "several people have this name; use the id")
    return matches[0]


def record_terms(session: Session, profile: Profile) -> frozenset[str]:
    """Names, titles and companies from every record, for the spelling check to accept."""
    terms: set[str] = set()
    for name, title, company in session.execute(
        select(ContactRow.name, ContactRow.title, ContactRow.company)
    ):
        terms.update((name, title, company))
    for company, position, location, decided_by in session.execute(
        select(
            InterviewRow.company,
            InterviewRow.position,
            InterviewRow.location,
            InterviewRow.decided_by,
        )
    ):
        terms.update((company, position, location, decided_by))
    for (name,) in session.execute(select(ReferenceRow.name)):
        terms.add(name)
    for (name,) in session.execute(select(ReferralLeadRow.name)):
        terms.add(name)
    terms.update((profile.name, profile.address, profile.signature))
    return frozenset(t for t in terms if t)


def build_context(
    session: Session,
    interview_key: str | int,
    person: str | int | None,
    *,
    today: date,
    territory: str = "US",
    step_id: int | None = None,
) -> LetterContext:
    row = find_interview(session, interview_key)
    interview = convert.interview(row)
    recipient = find_person(session, interview, person) if person not in (None, "") else None
    profile = load_profile(session)
    return LetterContext(
        interview=interview,
        recipient=recipient,
        profile=profile,
        today=today,
        territory=territory,
        step_id=step_id,
        record_terms=record_terms(session, profile),
    )


def context_for(
    session: Session,
    interview_id: int,
    recipient: tuple[str, int] | None,
    *,
    today: date,
    territory: str = "US",
    step_id: int | None = None,
) -> LetterContext:
    """The letter about one interview to one of its people, named by (kind, id).

    Without a recipient (or one not on the interview) it goes to the first person on it.
    """
    interview = convert.interview(find_interview(session, interview_id))
    people = people_on(interview)
    chosen = next((p for p in people if (p.kind, p.id) == recipient), None)
    if chosen is None and recipient is not None and recipient[0] == "contact":
        row = session.get(ContactRow, recipient[1])
        if row is not None:
            chosen = _contact_recipient(convert.contact(row), None)
    if chosen is None and people:
        chosen = people[0]
    profile = load_profile(session)
    return LetterContext(
        interview=interview,
        recipient=chosen,
        profile=profile,
        today=today,
        territory=territory,
        step_id=step_id,
        record_terms=record_terms(session, profile),
    )


def context_for_step(
    session: Session, step_id: int, *, today: date, territory: str = "US"
) -> LetterContext:
    """The letter a step asks for: its interview, and its contact or reference."""
    step = session.get(StepRow, step_id)
    if step is None:
        raise RecordError(f"step {step_id}", "id", "no such step")
    if step.interview_id is None:
        raise RecordError(f"step {step_id}", "interview", "this step is not about an interview")
    row = find_interview(session, step.interview_id)
    interview = convert.interview(row)
    recipient: Recipient | None = None
    if step.contact_id is not None:
        recipient = next(
            (p for p in people_on(interview) if p.kind == "contact" and p.id == step.contact_id),
            None,
        )
        if recipient is None:
            contact_row = session.get(ContactRow, step.contact_id)
            if contact_row is not None:
                recipient = _contact_recipient(convert.contact(contact_row), None)
    elif step.reference_id is not None:
        recipient = next(
            (
                p
                for p in people_on(interview)
                if p.kind == "reference" and p.id == step.reference_id
            ),
            None,
        )
    profile = load_profile(session)
    return LetterContext(
        interview=interview,
        recipient=recipient,
        profile=profile,
        today=today,
        territory=territory,
        step_id=step_id,
        record_terms=record_terms(session, profile),
    )
