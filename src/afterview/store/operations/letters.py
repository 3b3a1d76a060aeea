"""Letters: what one is drafted from, the letters so far, and saving and sending them
(marking one sent completes its step, and logs a letter to a reference in their log)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.store import letter_sources, letters
from afterview.store.changes import Changes, Kind, Outcome
from afterview.store.models import ContactRow, InterviewRow, LetterRow, ReferenceRow
from afterview.store.operations.core import Core
from afterview.store.values import LetterLine, LetterSources, LetterView


class Letters:
    def __init__(self, core: Core) -> None:
        self._core = core

    # --- queries ------------------------------------------------------------------------

    def sources(
        self,
        *,
        step_id: int | None = None,
        letter_id: int | None = None,
        interview_id: int | None = None,
        recipient: tuple[str, int] | None = None,
    ) -> LetterSources:
        """What the letter editor opens on (see afterview.store.letter_sources.for_letter);
        RecordError when there is nothing to write about."""
        return self._core.read(
            lambda s: letter_sources.for_letter(
                s,
                step_id=step_id,
                letter_id=letter_id,
                interview_id=interview_id,
                recipient=recipient,
            )
        )

    def sources_by_name(self, interview: str | int, person: str | int | None) -> LetterSources:
        """For ``afterview letter``: the interview by key or id, the person by name or id."""
        return self._core.read(lambda s: letter_sources.by_name(s, interview, person))

    def get(self, letter_id: int) -> LetterView:
        return self._core.read(
            lambda s: letter_sources.letter_view(letters.get_letter(s, letter_id))
        )

    def lines(self) -> list[LetterLine]:
        """Every letter, newest first, with who and what it was about."""

        def work(session: Session) -> list[LetterLine]:
            query = (
                select(
                    LetterRow,
                    ContactRow.name,
                    ReferenceRow.name,
                    InterviewRow.company,
                    InterviewRow.position,
                )
                .outerjoin(ContactRow, ContactRow.id == LetterRow.contact_id)
                .outerjoin(ReferenceRow, ReferenceRow.id == LetterRow.reference_id)
                .outerjoin(InterviewRow, InterviewRow.id == LetterRow.interview_id)
                .order_by(LetterRow.created_at.desc(), LetterRow.id.desc())
            )
            return [
                LetterLine(
                    id=row.id,
                    created_at=row.created_at,
                    sent_at=row.sent_at,
                    channel=row.channel,
                    person=contact or reference or "",
                    interview=f"{company} — {position}" if company else "",
                    template=row.template,
                    subject=row.subject,
                )
                for row, contact, reference, company, position in session.execute(query)
            ]

        return self._core.read(work)

    def page_size(self) -> str:
        """ "auto" (by locale), "letter" or "a4"."""
        return self._core.read(letters.load_page_size)

    # --- commands -----------------------------------------------------------------------

    def save(
        self,
        *,
        template: str,
        subject: str,
        body: str,
        letter_id: int | None = None,
        step_id: int | None = None,
        interview_id: int | None = None,
        contact_id: int | None = None,
        reference_id: int | None = None,
        channel: str | None = None,
    ) -> Outcome[int]:
        """Create a letter, or update the text of ``letter_id``; returns its id."""

        def work(session: Session, now: datetime) -> int:
            row = letters.save_letter(
                session,
                template=template,
                subject=subject,
                body=body,
                now=now,
                letter_id=letter_id,
                step_id=step_id,
                interview_id=interview_id,
                contact_id=contact_id,
                reference_id=reference_id,
                channel=channel,
            )
            return row.id

        return self._core.write(work, Changes.of(Kind.LETTERS))

    def mark_sent(self, letter_id: int, *, sent_at: datetime, channel: str) -> Outcome[LetterView]:
        """Record when (aware) and how it went; its step is then done."""

        def work(session: Session, now: datetime) -> LetterView:
            row = letters.mark_sent(session, letter_id, sent_at=sent_at, channel=channel, now=now)
            return letter_sources.letter_view(row)

        kinds = (Kind.LETTERS, Kind.STEPS, Kind.INTERVIEWS, Kind.REFERENCES)
        return self._core.write(work, Changes.of(*kinds))

    def set_page_size(self, value: str) -> Outcome[str]:
        def work(session: Session, _now: datetime) -> str:
            letters.save_page_size(session, value)
            return value

        return self._core.write(work, Changes.of(Kind.SETTINGS))
