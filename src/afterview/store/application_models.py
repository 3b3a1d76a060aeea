"""The applications' tables (issue 17 §1), beside afterview.store.models (whose module
imports this one, so every table is registered with the same Base)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from afterview.store.models import Base, new_key
from afterview.store.types import UTCDateTime


class ApplicationRow(Base):
    """One application (issue 17 §1); its interviews are its rounds. ``stage``, ``outcome``
    and ``outcome_detail`` hold afterview.domain.applications' Standing, moved by its rule."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Raised by one at every save (optimistic concurrency, issue 16).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    #: Migration 0007 keys an application it made from interviews "a-" and its first round's
    #: key, so the same interviews give the same key wherever they are grouped.
    key: Mapped[str] = mapped_column(String(80), unique=True, default=lambda: new_key("a"))
    company: Mapped[str] = mapped_column(Text)
    position: Mapped[str] = mapped_column(Text)
    #: Where the user found it: a job board, a referral, the company's site.
    source: Mapped[str] = mapped_column(Text, default="")
    #: The day the user applied; None when not known (made by migration 0007).
    applied_on: Mapped[date | None] = mapped_column(Date)
    link: Mapped[str] = mapped_column(Text, default="")
    #: The posting's text, as the user saved it.
    posting: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(32), default="applied", index=True)
    outcome: Mapped[str | None] = mapped_column(String(32))
    outcome_detail: Mapped[str] = mapped_column(Text, default="")
    sample: Mapped[bool] = mapped_column(Boolean, default=False)

    events: Mapped[list[ApplicationEventRow]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(ApplicationEventRow.at, ApplicationEventRow.id)",
    )


class ApplicationEventRow(Base):
    """One change of an application's standing, with when it happened: the history the user
    reads (issue 17 §3, "every status change is kept with its date")."""

    __tablename__ = "application_events"
    __table_args__ = (Index("ix_application_events_key", "key", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Identifies the entry across export and import (so importing twice adds it once).
    key: Mapped[str] = mapped_column(String(80), default=lambda: new_key("e"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The standing it moved to (afterview.domain.applications.Stage, Outcome).
    stage: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str | None] = mapped_column(String(32))
    outcome_detail: Mapped[str] = mapped_column(Text, default="")
    #: What moved it: "created", "round" (the stage rule), "moved" (by hand), "closed" (with
    #: an outcome), "undone", "grouped" (migration 0007).
    cause: Mapped[str] = mapped_column(String(16), default="")

    application: Mapped[ApplicationRow] = relationship(back_populates="events")
