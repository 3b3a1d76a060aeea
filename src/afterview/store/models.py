"""The tables, as SQLAlchemy 2.0 typed mappings.

Kept portable (no SQLite-only types) so a coach can later point Afterview at
PostgreSQL. Enumerations are stored as their string values, validated by the
domain's StrEnums on the way in.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from afterview.store.types import UTCDateTime

# Named constraints keep Alembic's batch migrations on SQLite deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_key(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class MetaRow(Base):
    """Facts about the database itself, not the user's records: its identity."""

    __tablename__ = "meta"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SettingRow(Base):
    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: JSON text, so each setting keeps its own type.
    value: Mapped[str] = mapped_column(Text)


class ContactRow(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Raised by one at every save; a save that read another number was beaten by another
    #: computer (optimistic concurrency, issue 16).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    key: Mapped[str] = mapped_column(String(64), unique=True, default=lambda: new_key("c"))
    name: Mapped[str] = mapped_column(Text)
    #: "Ms", "Mr", "Dr", "Mx" or "" (afterview.domain.cards.SALUTATIONS): set by the user only.
    salutation: Mapped[str] = mapped_column(String(8), default="")
    #: The family name letters greet with ("Dear Ms Anders"); never guessed from ``name``.
    family_name: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    company: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    preferred_channel: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str] = mapped_column(Text, default="")
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    #: ``name`` folded (afterview.domain.text.fold), kept by store/derived.py: lists sort by it.
    sort_name: Mapped[str] = mapped_column(Text, default="")
    #: The user's choice among the card's emails (phones, addresses): a position in ``ways``
    #: of that kind, or None to let the card's rank decide (afterview.domain.contact_ways).
    #: ``email``, ``phone`` and ``address`` above hold the value so chosen, as a cache that
    #: afterview.store.contact_way_rows keeps (lists and plain readers need no join).
    chosen_email: Mapped[int | None] = mapped_column(Integer)
    chosen_phone: Mapped[int | None] = mapped_column(Integer)
    chosen_address: Mapped[int | None] = mapped_column(Integer)

    roles: Mapped[list[InterviewPersonRow]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", passive_deletes=True
    )
    ways: Mapped[list[ContactWayRow]] = relationship(
        order_by="(ContactWayRow.kind, ContactWayRow.position)",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class ContactWayRow(Base):
    """One email, phone number or postal address of a contact (issue 12 §3), with its vCard
    labels and rank. ``value`` holds an email or a phone; an address is in the five parts."""

    __tablename__ = "contact_ways"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    #: "email", "phone" or "address".
    kind: Mapped[str] = mapped_column(String(16))
    #: The card's order within the kind, from 0.
    position: Mapped[int] = mapped_column(Integer)
    value: Mapped[str] = mapped_column(Text, default="")
    #: The vCard TYPE labels, lower case, comma-separated: "work,voice".
    labels: Mapped[str] = mapped_column(Text, default="")
    #: RFC 6350 §5.3 rank, 1 (most preferred) to 100; None when unranked.
    pref: Mapped[int | None] = mapped_column(Integer)
    street: Mapped[str] = mapped_column(Text, default="")
    locality: Mapped[str] = mapped_column(Text, default="")
    region: Mapped[str] = mapped_column(Text, default="")
    postal_code: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(Text, default="")


class ReferenceRow(Base):
    __tablename__ = "job_references"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Raised by one at every save; a save that read another number was beaten by another
    #: computer (optimistic concurrency, issue 16).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    key: Mapped[str] = mapped_column(String(64), unique=True, default=lambda: new_key("r"))
    name: Mapped[str] = mapped_column(Text)
    #: How you know them (the column keeps the word the interchange format uses).
    relation: Mapped[str] = mapped_column("relationship", Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    permission_date: Mapped[date | None] = mapped_column(Date)
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_name: Mapped[str] = mapped_column(Text, default="")

    notices: Mapped[list[ReferenceNoticeRow]] = relationship(
        back_populates="reference", cascade="all, delete-orphan", passive_deletes=True
    )


class InterviewRow(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Raised by one at every save; a save that read another number was beaten by another
    #: computer (optimistic concurrency, issue 16).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    key: Mapped[str] = mapped_column(String(64), unique=True, default=lambda: new_key("i"))
    company: Mapped[str] = mapped_column(Text)
    position: Mapped[str] = mapped_column(Text)
    round: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    time_zone: Mapped[str] = mapped_column(String(64))
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    format: Mapped[str] = mapped_column(String(16), default="in_person")
    location: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    #: ISO 3166-2 (``"DE-BY"``), or empty: whose public holidays count besides the country's.
    region: Mapped[str] = mapped_column(String(16), default="")
    status: Mapped[str] = mapped_column(String(32), default="scheduled", index=True)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_expected: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(Text, default="")
    employer_will_contact: Mapped[bool | None] = mapped_column(Boolean)
    agreed_follow_up: Mapped[date | None] = mapped_column(Date)
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The application this interview is a round of (issue 17; set for all by migration 0007).
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    #: The calendar invitation's UID and SEQUENCE it was imported from (RFC 5545 §3.8.4.7,
    #: §3.8.7.4; issue 18 §1, migration 0009): "" and 0 for an interview typed by hand.
    ical_uid: Mapped[str] = mapped_column(Text, default="", server_default=text("''"), index=True)
    ical_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # Derived columns, kept by store/derived.py and never written by hand: the folded text the
    # list sorts by, and the interview's next open step (afterview.domain.steps.next_step).
    company_sort: Mapped[str] = mapped_column(Text, default="")
    position_sort: Mapped[str] = mapped_column(Text, default="")
    round_sort: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    next_step_sort: Mapped[str] = mapped_column(Text, default="")
    next_due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The next step's rule and parameters (StepRow.rule, .rule_params), for its words.
    next_step_rule: Mapped[str] = mapped_column(String(64), default="")
    next_step_params: Mapped[str] = mapped_column(Text, default="{}")

    people: Mapped[list[InterviewPersonRow]] = relationship(
        back_populates="interview",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="InterviewPersonRow.position",
    )
    reference_links: Mapped[list[InterviewReferenceRow]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="InterviewReferenceRow.position",
    )
    referrals: Mapped[list[ReferralLeadRow]] = relationship(
        back_populates="interview",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ReferralLeadRow.id",
    )
    debrief: Mapped[DebriefRow | None] = relationship(
        back_populates="interview", cascade="all, delete-orphan", passive_deletes=True
    )


class InterviewPersonRow(Base):
    """A contact's role on one interview; one person can sit on several interviews."""

    __tablename__ = "interview_people"

    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    interview: Mapped[InterviewRow] = relationship(back_populates="people")
    contact: Mapped[ContactRow] = relationship(back_populates="roles")


class InterviewReferenceRow(Base):
    __tablename__ = "interview_references"

    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    )
    reference_id: Mapped[int] = mapped_column(
        ForeignKey("job_references.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    reference: Mapped[ReferenceRow] = relationship()


class DebriefRow(Base):
    __tablename__ = "debriefs"

    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    )
    learned: Mapped[str] = mapped_column(Text, default="")
    significant_points: Mapped[str] = mapped_column(Text, default="")
    open_questions: Mapped[str] = mapped_column(Text, default="")
    strong_points: Mapped[str] = mapped_column(Text, default="")
    to_improve: Mapped[str] = mapped_column(Text, default="")
    thank_you_topic: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    interview: Mapped[InterviewRow] = relationship(back_populates="debrief")


class ReferenceNoticeRow(Base):
    """When and how a reference was told what to expect (seed 001 §2)."""

    __tablename__ = "reference_notices"
    __table_args__ = (Index("ix_reference_notices_key", "key", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Identifies the entry across export and import (so importing twice adds it once).
    key: Mapped[str] = mapped_column(String(64), default=lambda: new_key("n"))
    reference_id: Mapped[int] = mapped_column(
        ForeignKey("job_references.id", ondelete="CASCADE"), index=True
    )
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")

    reference: Mapped[ReferenceRow] = relationship(back_populates="notices")


class ReferralLeadRow(Base):
    __tablename__ = "referral_leads"
    __table_args__ = (Index("ix_referral_leads_key", "key", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), default=lambda: new_key("l"))
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    email: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    interview: Mapped[InterviewRow] = relationship(back_populates="referrals")


class StepRow(Base):
    """A follow-up step: the playbook's plan plus what the user did with it."""

    __tablename__ = "steps"
    # Every query for open steps (the tray's next wake-up, Today) reads this index.
    __table_args__ = (Index("ix_steps_status_due", "status", "due"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Built from the records' keys, never their ids (afterview.domain.playbook.step_key).
    key: Mapped[str] = mapped_column(String(320), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    reference_id: Mapped[int | None] = mapped_column(
        ForeignKey("job_references.id", ondelete="CASCADE")
    )
    referral_id: Mapped[int | None] = mapped_column(
        ForeignKey("referral_leads.id", ondelete="CASCADE")
    )
    #: The application a step of no interview belongs to: its follow-up (issue 17 §1).
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    #: The playbook rule that planned the step (afterview.domain.rules) and its parameters as
    #: a JSON object: the window and the tray word the reason from these, in the user's language.
    rule: Mapped[str] = mapped_column(String(64), default="")
    rule_params: Mapped[str] = mapped_column(Text, default="{}")
    person: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(16))
    optional: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    planned_due: Mapped[datetime] = mapped_column(UTCDateTime)
    due_override: Mapped[datetime | None] = mapped_column(UTCDateTime)
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    auto_done: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Whether a follow-up done by the user got an answer (issue 17 §3): True, False (no
    #: answer yet), None when not asked (done before 0008, or not a follow-up).
    answered: Mapped[bool | None] = mapped_column(Boolean)
    #: The effective due (afterview.domain.steps.effective_due), kept by store/derived.py.
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Written in the same transaction that decides to notify, so nothing fires twice.
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    interview: Mapped[InterviewRow | None] = relationship()


class StepNoticeRow(Base):
    """When one computer's tray announced a step; ``computer`` "*" stands for every computer
    (notices given before they were kept per computer)."""

    __tablename__ = "step_notices"

    step_id: Mapped[int] = mapped_column(
        ForeignKey("steps.id", ondelete="CASCADE"), primary_key=True
    )
    computer: Mapped[str] = mapped_column(String(64), primary_key=True)
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LetterRow(Base):
    __tablename__ = "letters"
    __table_args__ = (Index("ix_letters_key", "key", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Identifies the letter across export and import (so importing twice adds it once).
    key: Mapped[str] = mapped_column(String(64), default=lambda: new_key("m"))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("steps.id", ondelete="SET NULL"))
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    reference_id: Mapped[int | None] = mapped_column(
        ForeignKey("job_references.id", ondelete="SET NULL")
    )
    template: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# The applications' tables, in a module of their own (this one's size): registered with Base
# by this import whichever module is imported first.
import afterview.store.application_models  # noqa: E402, F401

__all__ = [
    "Base",
    "ContactRow",
    "DebriefRow",
    "InterviewPersonRow",
    "InterviewReferenceRow",
    "InterviewRow",
    "LetterRow",
    "MetaRow",
    "ReferenceNoticeRow",
    "ReferenceRow",
    "ReferralLeadRow",
    "SettingRow",
    "StepRow",
]
