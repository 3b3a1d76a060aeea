"""References: the table, one reference, the interviews they are used on, the log of when
each was told what to expect (seed 001 §2), and the edits, each re-planning what it touches."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.domain import cards
from afterview.domain import records as r
from afterview.store import claims, convert, references
from afterview.store.changes import Changes, Kind, Outcome
from afterview.store.contacts import home_region
from afterview.store.models import (
    InterviewReferenceRow,
    InterviewRow,
    ReferenceNoticeRow,
    ReferenceRow,
)
from afterview.store.operations.core import Core
from afterview.store.operations.interviews import choice
from afterview.store.values import (
    DeletedReference,
    InterviewChoice,
    NoticeItem,
    ReferenceFields,
    ReferenceItem,
)

_EDIT = (Kind.REFERENCES, Kind.STEPS, Kind.INTERVIEWS)


class References:
    def __init__(self, core: Core) -> None:
        self._core = core

    # --- queries ------------------------------------------------------------------------

    def items(self) -> list[ReferenceItem]:
        """Every reference with the number of interviews it is used on, by folded name."""

        def work(session: Session) -> list[ReferenceItem]:
            counts = dict(
                session.execute(
                    select(
                        InterviewReferenceRow.reference_id,
                        func.count(InterviewReferenceRow.interview_id),
                    ).group_by(InterviewReferenceRow.reference_id)
                ).all()
            )
            query = select(ReferenceRow).order_by(ReferenceRow.sort_name, ReferenceRow.id)
            return [
                ReferenceItem(
                    id=row.id,
                    name=row.name,
                    relationship=row.relation,
                    email=row.email,
                    phone=row.phone,
                    permission_date=row.permission_date,
                    interviews=counts.get(row.id, 0),
                    sample=row.sample,
                )
                for row in session.scalars(query)
            ]

        return self._core.read(work)

    def get(self, reference_id: int) -> r.Reference:
        return self._core.read(
            lambda s: convert.reference(references.get_reference(s, reference_id))
        )

    def interviews_of(self, reference_id: int) -> list[InterviewChoice]:
        """The interviews this reference is used on, newest first (only those: a picker
        searches the others, so this stays small with 100,000 interviews)."""
        return self._core.read(
            lambda s: [choice(row) for row in references.interviews_of(s, reference_id)]
        )

    def region(self, reference_id: int | None) -> str | None:
        """Where a phone number without a + is read: the country of the newest interview the
        reference is used on that names one, else the home country."""

        def work(session: Session) -> str | None:
            if reference_id is not None:
                for row in references.interviews_of(session, reference_id):
                    region = cards.region_for(row.country)
                    if region is not None:
                        return region
            return home_region(session)

        return self._core.read(work)

    def notices(self, reference_id: int) -> list[NoticeItem]:
        """When this reference was told what to expect, newest first."""

        def work(session: Session) -> list[NoticeItem]:
            query = (
                select(ReferenceNoticeRow, InterviewRow)
                .outerjoin(InterviewRow, InterviewRow.id == ReferenceNoticeRow.interview_id)
                .where(ReferenceNoticeRow.reference_id == reference_id)
                .order_by(ReferenceNoticeRow.at.desc(), ReferenceNoticeRow.id.desc())
            )
            return [
                NoticeItem(
                    id=notice.id,
                    at=notice.at,
                    channel=notice.channel,
                    interview=choice(interview) if interview is not None else None,
                    note=notice.note,
                )
                for notice, interview in session.execute(query)
            ]

        return self._core.read(work)

    # --- commands -----------------------------------------------------------------------

    def create(self, fields: ReferenceFields, interview_ids: Iterable[int] = ()) -> Outcome[int]:
        """A new reference, used on ``interview_ids``; returns its id."""
        wanted = list(interview_ids)

        def work(session: Session, now: datetime) -> int:
            row = references.create_reference(session, fields, now)
            if wanted:
                references.set_interviews(session, row.id, wanted, now)
            return row.id

        return self._core.write(work, Changes.of(*_EDIT))

    def update(
        self,
        reference_id: int,
        fields: ReferenceFields,
        interview_ids: Iterable[int] | None = None,
        *,
        expected_version: int | None = None,
    ) -> Outcome[r.Reference]:
        """Edit the fields; with ``interview_ids``, use it on exactly those interviews.
        Returns the reference as saved (with its new version). ``expected_version``: the
        version the editor read; ConflictError (afterview.store.conflicts), nothing changed,
        when another computer saved it since."""
        wanted = None if interview_ids is None else list(interview_ids)

        def work(session: Session, now: datetime) -> r.Reference:
            claims.claim_reference(session, reference_id, fields, expected_version)
            row = references.update_reference(session, reference_id, fields, now)
            if wanted is not None:
                references.set_interviews(session, reference_id, wanted, now)
            return convert.reference(row)

        return self._core.write(work, Changes.of(*_EDIT))

    def delete(self, reference_id: int) -> Outcome[DeletedReference]:
        def work(session: Session, now: datetime) -> DeletedReference:
            return references.delete_reference(session, reference_id, now)

        return self._core.write(work, Changes.of(*_EDIT, Kind.LETTERS))

    def undo_delete(self, deleted: DeletedReference) -> Outcome[int]:
        def work(session: Session, now: datetime) -> int:
            return references.undo_delete_reference(session, deleted, now).id

        return self._core.write(work, Changes.of(*_EDIT, Kind.LETTERS))

    def add_notice(
        self,
        reference_id: int,
        *,
        at: datetime,
        channel: str | None,
        note: str,
        interview_id: int | None,
    ) -> Outcome[int]:
        """Log that the reference was told (when: aware; how; about which interview)."""

        def work(session: Session, now: datetime) -> int:
            notice = references.add_notice(
                session,
                reference_id,
                at=at,
                channel=channel,
                note=note,
                interview_id=interview_id,
                now=now,
            )
            return notice.id

        return self._core.write(work, Changes.of(*_EDIT))

    def delete_notice(self, notice_id: int) -> Outcome[int]:
        """Returns the entry's id."""

        def work(session: Session, now: datetime) -> int:
            references.delete_notice(session, notice_id, now)
            return notice_id

        return self._core.write(work, Changes.of(*_EDIT))


__all__ = ["References"]
