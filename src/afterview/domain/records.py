"""The records Afterview keeps, as plain immutable values.

These are what the playbook reads; the store maps its rows onto them. They
carry no database identity beyond an integer id, so the playbook stays pure.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from afterview.domain.contact_ways import InUse, PostalAddress, Way, Ways


def token(key: str, record_id: int) -> str:
    """How a record is named inside a step key: its key, with ``%``, ``:``, ``=`` and ``#``
    percent-encoded so no two records' tokens can collide, or ``#`` and its id for a record
    that was never stored (a test's, a preview's), which has no key yet.

    Keys travel with export and import; ids do not, so a stored step's key never holds an id.
    """
    if not key:
        return f"#{record_id}"
    return "".join(_ESCAPES.get(char, char) for char in key)


_ESCAPES = {char: f"%{ord(char):02X}" for char in "%:=#"}


#: The salutations a card may hold, in the order the editor offers them; "" is none. Written
#: once here: the store checks against it, the vCard reader takes N's prefix only when it is one
#: of these, and the editor lists them. No full stop: "Dr", as British usage writes them.
SALUTATIONS: tuple[str, ...] = ("Ms", "Mr", "Dr", "Mx")


def salutation_of(text: str) -> str | None:
    """``text`` as one of :data:`SALUTATIONS` ("dr." and " Ms " are "Dr" and "Ms"), "" for
    blank, or None when it is something else ("Prof.", "Mrs", "Ms, Dr"): never a guess."""
    clean = text.strip()
    if clean.endswith("."):
        clean = clean[:-1].rstrip()
    if not clean:
        return "" if not text.strip() else None
    for salutation in SALUTATIONS:
        if clean.casefold() == salutation.casefold():
            return salutation
    return None


def is_one_line(text: str) -> bool:
    """No line break, tab or other control character: what a family name may hold, so the
    greeting stays on the "Dear …" line."""
    return not any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in text)


def greeting(name: str, salutation: str, family_name: str) -> str:
    """Whom a letter greets: "Ms Anders" when the card has both a salutation and a family
    name, else the full name as typed (a salutation alone, or a family name alone, is never
    enough to address someone by)."""
    if salutation.strip() and family_name.strip():
        return f"{salutation.strip()} {family_name.strip()}"
    return name.strip()


def application_group(company: str, position: str) -> tuple[str, str]:
    """The rule that makes interviews rounds of one application: the same company and
    position, ignoring case and spaces around and between the words ("Data  Engineer" from an
    invitation's title is "data engineer"). Written once: the playbook, migration 0007, the
    store, and an imported invitation or posting group by it."""
    return (" ".join(company.split()).casefold(), " ".join(position.split()).casefold())


class Status(StrEnum):
    SCHEDULED = "scheduled"
    DONE = "done"
    AWAITING_DECISION = "awaiting_decision"
    NEXT_ROUND = "next_round"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no_response"
    #: The employer called the meeting off (an invitation's ``METHOD:CANCEL``, RFC 5546
    #: §3.2.5, or the user's word): it never took place, so nothing follows it.
    CANCELLED = "cancelled"


#: Statuses in which the employer has not decided yet, so following up makes sense.
UNDECIDED = frozenset({Status.SCHEDULED, Status.DONE, Status.AWAITING_DECISION})
#: Statuses that count as an active application for the "keep searching" nudge.
ACTIVE = frozenset(
    {Status.SCHEDULED, Status.DONE, Status.AWAITING_DECISION, Status.NEXT_ROUND, Status.OFFER}
)


class Format(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    LUNCH = "lunch"


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    HIRING_MANAGER = "hiring_manager"
    DECISION_MAKER = "decision_maker"
    RECRUITER = "recruiter"
    REFERRAL = "referral"


#: Roles of the people who took part in the interview and so get a thank-you note.
PARTICIPANT_ROLES = frozenset({Role.INTERVIEWER, Role.HIRING_MANAGER, Role.DECISION_MAKER})


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"


class StepKind(StrEnum):
    DEBRIEF = "debrief"
    CONTACT_CARDS = "contact_cards"
    THANK_YOU = "thank_you"
    NOTIFY_REFERENCE = "notify_reference"
    CONTACT_REFERRAL = "contact_referral"
    FOLLOW_UP = "follow_up"
    KEEP_SEARCHING = "keep_searching"
    COURTESY_NOTE = "courtesy_note"
    RECONNECT = "reconnect"
    THANK_REFERENCES = "thank_references"


#: Steps done by writing to someone: the window offers a letter for them (the letters' templates).
WRITTEN_KINDS = frozenset(
    {
        StepKind.THANK_YOU,
        StepKind.FOLLOW_UP,
        StepKind.NOTIFY_REFERENCE,
        StepKind.COURTESY_NOTE,
        StepKind.RECONNECT,
        StepKind.THANK_REFERENCES,
        StepKind.CONTACT_REFERRAL,
    }
)


class StepStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Contact(InUse):
    id: int
    name: str
    title: str = ""
    company: str = ""
    #: One of cards.SALUTATIONS or "" (none); set by the user, never guessed from the name.
    salutation: str = ""
    #: The family name a letter greets with ("Dear Ms Anders"); "" when not given.
    family_name: str = ""
    #: Every email, phone and postal address on the card, in the card's order, each with its
    #: labels and rank (issue 12 §3); the one used is :func:`contact_ways.preferred`'s.
    emails: tuple[Way[str], ...] = ()
    phones: tuple[Way[str], ...] = ()
    addresses: tuple[Way[PostalAddress], ...] = ()
    #: The user's choice in the editor: an index into ``emails`` (``phones``, ``addresses``),
    #: or None to let the card's rank decide.
    chosen_email: int | None = None
    chosen_phone: int | None = None
    chosen_address: int | None = None
    preferred_channel: Channel | None = None
    notes: str = ""
    #: The record's key in the store and the interchange format (see :func:`token`).
    key: str = ""
    #: Part of the sample data (shown in italics, removed all at once).
    sample: bool = False
    #: The store's count of saves (optimistic concurrency, issue 16): an editor sends back
    #: the one it read. Not part of equality: two reads of the same card are the same card.
    version: int = field(default=0, compare=False)

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

    @property
    def greeting(self) -> str:
        """Whom a letter greets: "Ms Anders" with a salutation and family name, else the
        full name (cards.greeting)."""
        return greeting(self.name, self.salutation, self.family_name)

    @property
    def is_complete(self) -> bool:
        """A card is complete with a name, a job title and one way to reach the person."""
        reachable = bool(self.email.strip() or self.phone.strip() or self.address.strip())
        return bool(self.name.strip() and self.title.strip() and reachable)

    @property
    def channel(self) -> Channel | None:
        """The channel to use: the preferred one, else the first one the card allows."""
        if self.preferred_channel is not None:
            return self.preferred_channel
        if self.email.strip():
            return Channel.EMAIL
        if self.phone.strip():
            return Channel.PHONE
        if self.address.strip():
            return Channel.LETTER
        return None


@dataclass(frozen=True)
class Participation:
    contact: Contact
    role: Role


@dataclass(frozen=True)
class Reference:
    id: int
    name: str
    relationship: str = ""
    email: str = ""
    phone: str = ""
    permission_date: date | None = None
    key: str = ""
    sample: bool = False
    #: As :attr:`Contact.version`.
    version: int = field(default=0, compare=False)

    @property
    def channel(self) -> Channel | None:
        if self.email.strip():
            return Channel.EMAIL
        if self.phone.strip():
            return Channel.PHONE
        return None


@dataclass(frozen=True)
class Referral:
    """A name picked up at the interview: "anyone else in the field I can talk to?" (seed 003)."""

    id: int
    name: str
    email: str = ""
    phone: str = ""
    note: str = ""
    key: str = ""

    @property
    def channel(self) -> Channel | None:
        if self.email.strip():
            return Channel.EMAIL
        if self.phone.strip():
            return Channel.PHONE
        return None


@dataclass(frozen=True)
class Debrief:
    learned: str = ""
    significant_points: str = ""
    open_questions: str = ""
    strong_points: str = ""
    to_improve: str = ""
    thank_you_topic: str = ""

    @property
    def is_written(self) -> bool:
        return any(
            text.strip()
            for text in (
                self.learned,
                self.significant_points,
                self.open_questions,
                self.strong_points,
                self.to_improve,
                self.thank_you_topic,
            )
        )


#: The debrief's fields, in the order the Debrief tab shows them.
DEBRIEF_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Debrief))


@dataclass(frozen=True)
class Interview:
    """One interview (one round of one application).

    ``start`` is aware and expressed in ``time_zone``; ``status_changed_at``
    is the aware instant the status last changed (the anchor of the steps a
    status change adds).
    """

    id: int
    company: str
    position: str
    start: datetime
    time_zone: str
    duration_minutes: int = 60
    round: str = ""
    format: Format = Format.IN_PERSON
    location: str = ""
    country: str = ""
    #: An ISO 3166-2 subdivision of ``country`` (``"GB-ENG"``, ``"DE-BY"``, ``"US-CA"``) whose
    #: own public holidays count too; empty for the country's alone.
    region: str = ""
    status: Status = Status.SCHEDULED
    status_changed_at: datetime | None = None
    decision_expected: date | None = None
    decided_by: str = ""
    employer_will_contact: bool | None = None
    agreed_follow_up: date | None = None
    people: tuple[Participation, ...] = ()
    references: tuple[Reference, ...] = ()
    referrals: tuple[Referral, ...] = ()
    debrief: Debrief = field(default_factory=Debrief)
    key: str = ""
    sample: bool = False
    #: As :attr:`Contact.version`, for the interview's own fields and for its debrief (0: no
    #: debrief saved yet). Kept here, not in :class:`Debrief`, whose fields are the tab's.
    version: int = field(default=0, compare=False)
    debrief_version: int = field(default=0, compare=False)

    @property
    def end(self) -> datetime:
        """``duration_minutes`` of elapsed time after the start, in the start's zone: counted
        in UTC, so an interview across a DST change lasts what it says (issue 12 §2)."""
        elapsed = self.start.astimezone(UTC) + timedelta(minutes=self.duration_minutes)
        return elapsed.astimezone(self.start.tzinfo)

    #: The application this interview is a round of (issue 17); None for an interview the
    #: store has not grouped (a test's, a preview's): :attr:`application` groups it then.
    #: Not part of equality: an id of one database (the same interview read elsewhere is equal).
    application_id: int | None = field(default=None, compare=False)

    @property
    def application(self) -> tuple[str, str]:
        """Several rounds of one process share company and position: one application."""
        return application_group(self.company, self.position)
