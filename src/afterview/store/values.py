"""The plain values the store's operations take and return: no database library, no rows.

The window, the tray, the letters, the interchange code and the command line see the data
only as these frozen dataclasses (and the domain's records, :mod:`afterview.domain.records`),
so none of them can hold a session, a row or a database error. Instants are aware UTC
datetimes unless a field says otherwise.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from afterview.domain import records as r
from afterview.domain.contact_ways import InUse, PostalAddress, Way, Ways
from afterview.domain.rules import parse_params

# --- what the user edits ---------------------------------------------------------------------


@dataclass(frozen=True)
class ContactFields(InUse):
    """What the user can edit on a card (``preferred_channel``: email, phone, letter or None):
    every email, phone and postal address with its labels and rank, and which one to use
    (``chosen_*``: an index, or None to let the card's rank decide; contact_ways.preferred)."""

    name: str
    title: str = ""
    company: str = ""
    #: One of afterview.domain.cards.SALUTATIONS or "" (none), and the family name letters
    #: greet with: both given by the user, never guessed from ``name``.
    salutation: str = ""
    family_name: str = ""
    emails: tuple[Way[str], ...] = ()
    phones: tuple[Way[str], ...] = ()
    addresses: tuple[Way[PostalAddress], ...] = ()
    chosen_email: int | None = None
    chosen_phone: int | None = None
    chosen_address: int | None = None
    preferred_channel: str | None = None
    notes: str = ""

    @property
    def ways(self) -> Ways:
        return Ways(
            self.emails,
            self.phones,
            self.addresses,
            self.chosen_email,
            self.chosen_phone,
            self.chosen_address,
        )

    @classmethod
    def of(cls, contact: r.Contact) -> ContactFields:
        channel = contact.preferred_channel
        return cls(
            name=contact.name,
            title=contact.title,
            company=contact.company,
            salutation=contact.salutation,
            family_name=contact.family_name,
            emails=contact.emails,
            phones=contact.phones,
            addresses=contact.addresses,
            chosen_email=contact.chosen_email,
            chosen_phone=contact.chosen_phone,
            chosen_address=contact.chosen_address,
            preferred_channel=channel.value if channel is not None else None,
            notes=contact.notes,
        )


@dataclass(frozen=True)
class ReferenceFields:
    name: str
    relationship: str = ""
    email: str = ""
    phone: str = ""
    permission_date: date | None = None

    @classmethod
    def of(cls, reference: r.Reference) -> ReferenceFields:
        return cls(
            name=reference.name,
            relationship=reference.relationship,
            email=reference.email,
            phone=reference.phone,
            permission_date=reference.permission_date,
        )


@dataclass(frozen=True)
class Profile:
    """Merge fields the letters take from the user rather than from the records."""

    name: str = ""
    #: Where printed letters come from, printed in its country's order (issue 12 §3).
    address: PostalAddress = field(default_factory=PostalAddress)
    phone: str = ""
    email: str = ""
    #: The lines under "Best regards," (name, maybe a phone); the name when empty.
    signature: str = ""
    #: Why you are a strong candidate (seed 003), as a phrase that completes
    #: "I would bring …", e.g. "eight years of data pipelines and calm database migrations".
    selling_points: str = ""


PROFILE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Profile))


@dataclass(frozen=True)
class NewPerson:
    """Someone named in the New-interview dialog: an existing card (``contact_id``) or a new
    one made from ``name``."""

    name: str
    role: r.Role
    contact_id: int | None = None


# --- steps -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepView:
    """One follow-up step as stored, with its interview's names."""

    id: int
    key: str
    kind: str
    title: str
    reason: str
    person: str | None
    channel: str | None
    optional: bool
    status: str
    #: The effective due (afterview.domain.steps.effective_due).
    due: datetime
    planned_due: datetime
    due_override: datetime | None
    snoozed_until: datetime | None
    done_at: datetime | None
    auto_done: bool
    notified_at: datetime | None
    interview_id: int | None
    contact_id: int | None
    reference_id: int | None
    interview_key: str | None = None
    company: str = ""
    position: str = ""
    interview_round: str = ""
    #: The interview's IANA zone (None for a step about no interview).
    time_zone: str | None = None
    #: The playbook rule that planned it (afterview.domain.rules; "" for a step not planned
    #: again since before rule ids existed) and its parameters (JSON text).
    rule: str = ""
    rule_params: str = "{}"
    #: Whether a done follow-up got an answer (None: not asked); the application a step of no
    #: interview belongs to.
    answered: bool | None = None
    application_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        """The step as ``afterview steps --json`` prints it (README, "The command line")."""
        return {
            "id": self.id,
            "key": self.key,
            "kind": self.kind,
            "title": self.title,
            "interview": {
                "key": self.interview_key,
                "company": self.company,
                "position": self.position,
            }
            if self.interview_key is not None
            else None,
            "person": self.person,
            "channel": self.channel,
            "due": self.due.isoformat(),
            "planned_due": self.planned_due.isoformat(),
            "optional": self.optional,
            "reason": self.reason,
            "rule": self.rule,
            "rule_params": parse_params(self.rule_params),
            "status": self.status,
            "done_at": self.done_at.isoformat() if self.done_at else None,
            "notified_at": self.notified_at.isoformat() if self.notified_at else None,
        }


# --- lists -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InterviewChoice:
    """An interview as a picker or a "used on" list names it."""

    id: int
    company: str
    position: str
    start: datetime  # aware, in the interview's own zone
    sample: bool = False


@dataclass(frozen=True)
class ContactItem:
    """A row of the Contacts table."""

    id: int
    name: str
    title: str
    company: str
    email: str
    phone: str
    channel: str | None
    interviews: int
    sample: bool = False


@dataclass(frozen=True)
class ReferenceItem:
    """A row of the References table."""

    id: int
    name: str
    relationship: str
    email: str
    phone: str
    permission_date: date | None
    interviews: int
    sample: bool = False


@dataclass(frozen=True)
class NoticeItem:
    """When a reference was told what to expect, how, and about which interview."""

    id: int
    at: datetime
    channel: str | None
    interview: InterviewChoice | None
    note: str


@dataclass(frozen=True)
class LetterView:
    id: int
    template: str
    subject: str
    body: str
    channel: str | None
    created_at: datetime
    sent_at: datetime | None
    step_id: int | None
    interview_id: int | None
    contact_id: int | None
    reference_id: int | None


@dataclass(frozen=True)
class LetterLine:
    """A row of the letters list: a letter and who and what it was about."""

    id: int
    created_at: datetime
    sent_at: datetime | None
    channel: str | None
    person: str
    interview: str
    template: str
    subject: str


# --- letters' merge fields -------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """Who the letter is to: a contact card or a reference."""

    kind: str  # "contact", "reference" or "referral" (a lead met at the interview, no card)
    id: int
    name: str
    #: Whom the letter greets: "Ms Anders" when the card has a salutation and family name,
    #: else the full name ("" means ``name``: a reference keeps neither).
    greeting: str = ""
    title: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    channel: r.Channel | None = None
    role: r.Role | None = None
    relationship: str = ""
    #: The chosen postal address in its parts (a contact's; None for a reference or none).
    postal_address: PostalAddress | None = None


@dataclass(frozen=True)
class LetterSources:
    """What a letter is drafted from, read in one go: the interview, the person, the sender,
    and every name in the records (never flagged as misspelled)."""

    interview: r.Interview
    recipient: Recipient | None
    profile: Profile
    record_terms: frozenset[str]
    home_country: str
    #: "auto", "letter" or "a4".
    page_size: str
    step_id: int | None = None
    #: The template the step calls for, when the letter is for a step.
    step_kind: str | None = None
    step_channel: str | None = None
    #: The saved letter (a draft, or one already sent) when there is one.
    letter: LetterView | None = None


# --- bulk writes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleCounts:
    interviews: int
    contacts: int
    references: int

    @property
    def total(self) -> int:
        return self.interviews + self.contacts + self.references


@dataclass(frozen=True)
class ImportSummary:
    contacts: int
    references: int
    interviews: int
    letters: int = 0
    #: The file's applications, and those its interviews were grouped into (an older file).
    applications: int = 0


# --- undo ------------------------------------------------------------------------------------
# What a delete took with it, column by column, so Undo can put it back exactly (ids and keys
# too). Opaque to the caller: it keeps one and hands it back.


@dataclass(frozen=True)
class DeletedInterview:
    interview: dict[str, Any]
    people: list[dict[str, Any]]
    reference_links: list[dict[str, Any]]
    referrals: list[dict[str, Any]]
    debrief: dict[str, Any] | None
    steps: list[dict[str, Any]]
    letter_ids: list[int] = field(default_factory=list)
    notice_ids: list[int] = field(default_factory=list)
    #: Letter id -> the key of the step it was written for (afterview.store.letter_links).
    letter_steps: dict[int, str] = field(default_factory=dict)
    #: The history entry the delete added to its application (its stage moved), which the
    #: undo takes back; None when the stage stayed.
    application_event: int | None = None

    @property
    def label(self) -> str:
        return f"{self.interview['company']} — {self.interview['position']}"


@dataclass(frozen=True)
class DeletedContact:
    contact: dict[str, Any]
    roles: list[dict[str, Any]]
    steps: list[dict[str, Any]]
    letter_ids: list[int]
    ways: list[dict[str, Any]] = field(default_factory=list)
    letter_steps: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.contact["name"])


@dataclass(frozen=True)
class DeletedReference:
    reference: dict[str, Any]
    links: list[dict[str, Any]]
    notices: list[dict[str, Any]]
    steps: list[dict[str, Any]]
    letter_ids: list[int]
    letter_steps: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.reference["name"])


def contact_recipient(contact: r.Contact, role: r.Role | None) -> Recipient:
    return Recipient(
        kind="contact",
        id=contact.id,
        name=contact.name,
        greeting=contact.greeting,
        title=contact.title,
        company=contact.company,
        email=contact.email,
        phone=contact.phone,
        address=contact.address,
        channel=contact.channel,
        role=role,
        postal_address=contact.postal_address,
    )


def reference_recipient(reference: r.Reference) -> Recipient:
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
            found.append(contact_recipient(part.contact, part.role))
    found.extend(reference_recipient(ref) for ref in interview.references)
    return found
