"""Interviews: read one whole, choose among them, create, edit, delete and undo.

Every write re-plans the interview's steps in its own transaction (afterview.store.interviews),
so the plan that goes with a change is committed with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.domain import records as r
from afterview.domain.text import fold
from afterview.store import claims, convert, interview_undo, interviews
from afterview.store.changes import Changes, Kind, Outcome
from afterview.store.errors import RecordError
from afterview.store.models import InterviewRow, StepRow
from afterview.store.operations.core import Core
from afterview.store.steps import FULL_INTERVIEW
from afterview.store.values import DeletedInterview, InterviewChoice, NewPerson

_PLAN = (Kind.INTERVIEWS, Kind.STEPS)


def choice(row: InterviewRow) -> InterviewChoice:
    return InterviewChoice(
        id=row.id,
        company=row.company,
        position=row.position,
        start=row.start.astimezone(ZoneInfo(row.time_zone)),
        sample=row.sample,
    )


def find_row(session: Session, key_or_id: str | int) -> InterviewRow:
    """An interview by its id (an int), or by its key, else its id, as typed (a str: the
    command line's way)."""
    text = str(key_or_id).strip()
    query = select(InterviewRow).options(*FULL_INTERVIEW)
    row = None
    if not isinstance(key_or_id, int):
        row = session.scalars(query.where(InterviewRow.key == text)).one_or_none()
    if row is None and text.isdigit():
        row = session.scalars(query.where(InterviewRow.id == int(text))).one_or_none()
    if row is None:
        raise RecordError(f"interview {text!r}", "key", "no interview with this key or id")
    return row


class Interviews:
    def __init__(self, core: Core) -> None:
        self._core = core

    # --- queries ------------------------------------------------------------------------

    def get(self, interview_id: int) -> r.Interview:
        """The whole interview: its people, references, referrals and debrief.
        RecordError when there is none (deleted elsewhere)."""

        def work(session: Session) -> r.Interview:
            query = select(InterviewRow).options(*FULL_INTERVIEW)
            row = session.scalars(query.where(InterviewRow.id == interview_id)).one_or_none()
            if row is None:
                raise RecordError(f"interview {interview_id}", "id", "no such interview")
            return convert.interview(row)

        return self._core.read(work)

    def find(self, key_or_id: str | int) -> r.Interview:
        """By key, else by id; RecordError naming what was asked for."""
        return self._core.read(lambda s: convert.interview(find_row(s, key_or_id)))

    def exists(self, interview_id: int) -> bool:
        return self._core.read(lambda s: s.get(InterviewRow, interview_id) is not None)

    def count(self) -> int:
        return self._core.read(lambda s: int(s.scalar(select(func.count(InterviewRow.id))) or 0))

    def of_step(self, step_id: int) -> int | None:
        """The interview a step belongs to (None for a global step or an unknown id)."""
        return self._core.read(
            lambda s: s.scalar(select(StepRow.interview_id).where(StepRow.id == step_id))
        )

    def choices(self, ids: Sequence[int]) -> list[InterviewChoice]:
        """These interviews as a picker names them, newest first."""

        def work(session: Session) -> list[InterviewChoice]:
            found: list[InterviewChoice] = []
            wanted = sorted(set(ids))
            for first in range(0, len(wanted), 500):
                query = select(InterviewRow).where(InterviewRow.id.in_(wanted[first : first + 500]))
                found += [choice(row) for row in session.scalars(query)]
            return sorted(found, key=lambda c: (c.start, c.id), reverse=True)

        return self._core.read(work)

    def search(
        self, text: str, *, limit: int = 50, exclude: Sequence[int] = ()
    ) -> list[InterviewChoice]:
        """Interviews whose company or position holds every word of ``text`` (folded as the
        list folds, afterview.domain.text.fold), newest first, at most ``limit``."""
        words = fold(text).split(" ") if fold(text) else []

        def work(session: Session) -> list[InterviewChoice]:
            query = select(InterviewRow).order_by(InterviewRow.start.desc(), InterviewRow.id)
            for word in words:
                pattern = f"%{_escape_like(word)}%"
                query = query.where(
                    InterviewRow.company_sort.like(pattern, escape="\\")
                    | InterviewRow.position_sort.like(pattern, escape="\\")
                )
            if exclude:
                query = query.where(InterviewRow.id.not_in(sorted(set(exclude))))
            return [choice(row) for row in session.scalars(query.limit(limit))]

        return self._core.read(work)

    def each(self, batch: int = 500) -> Iterator[r.Interview]:
        """Every interview, whole, by key order, read in batches (exports walk them all)."""
        keys: list[str] = self._core.read(
            lambda s: list(s.scalars(select(InterviewRow.key).order_by(InterviewRow.key)))
        )
        for first in range(0, len(keys), batch):
            chunk = keys[first : first + batch]

            def work(session: Session, chunk: list[str] = chunk) -> list[r.Interview]:
                query = select(InterviewRow).options(*FULL_INTERVIEW)
                rows = session.scalars(query.where(InterviewRow.key.in_(chunk)))
                return sorted((convert.interview(row) for row in rows), key=lambda i: i.key)

            yield from self._core.read(work)

    # --- commands -----------------------------------------------------------------------

    def create(self, values: dict[str, Any], people: Sequence[NewPerson] = ()) -> Outcome[int]:
        """A new interview (``values['start']``: the wall time in ``values['time_zone']``);
        people named without a card get a new one. Returns its id."""
        new_cards = any(person.contact_id is None for person in people)

        def work(session: Session, now: datetime) -> int:
            links = _links(session, people, str(values.get("company") or ""))
            return interviews.create_interview(session, values, links, now).id

        kinds = (*_PLAN, Kind.CONTACTS) if new_cards else _PLAN
        return self._core.write(work, lambda i: Changes.of(*kinds, interviews=[i], reorder=True))

    def update(
        self,
        interview_id: int,
        changes: dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> Outcome[int]:
        """Edit fields (the New-interview dialog's names); a new status records when.
        Returns the interview's new version (r.Interview.version).
        ``expected_version``: the version the editor read (r.Interview.version);
        ConflictError (afterview.store.conflicts), nothing changed, when another computer
        saved the interview since and one of these fields differs."""

        def work(session: Session, now: datetime) -> int:
            claims.claim_interview(session, interview_id, changes, expected_version)
            return interviews.update_interview(session, interview_id, changes, now).version

        return self._core.write(work, Changes.of(*_PLAN, interviews=[interview_id]))

    def set_people(self, interview_id: int, people: Sequence[NewPerson]) -> Outcome[int]:
        """Exactly these people on the interview, in this order (new names get a card).
        Returns the interview's id."""

        def work(session: Session, now: datetime) -> int:
            company = interviews.get_interview(session, interview_id).company
            links = _links(session, people, company)
            return interviews.set_people(session, interview_id, links, now).id

        kinds = (*_PLAN, Kind.CONTACTS)
        return self._core.write(work, Changes.of(*kinds, interviews=[interview_id]))

    def save_debrief(
        self, interview_id: int, fields: dict[str, str], *, expected_version: int | None = None
    ) -> Outcome[int]:
        """Returns the debrief's new version (r.Interview.debrief_version).
        ``expected_version``: the debrief's version the tab read (r.Interview.debrief_version,
        0 for none yet); ConflictError as for :meth:`update`."""

        def work(session: Session, now: datetime) -> int:
            claims.claim_debrief(session, interview_id, fields, expected_version)
            debrief = interviews.save_debrief(session, interview_id, fields, now)
            session.flush()
            return debrief.version

        return self._core.write(work, Changes.of(*_PLAN, interviews=[interview_id]))

    def add_referral(self, interview_id: int, values: dict[str, str]) -> Outcome[int]:
        def work(session: Session, now: datetime) -> int:
            return interviews.add_referral(session, interview_id, values, now).id

        return self._core.write(work, Changes.of(*_PLAN, interviews=[interview_id]))

    def update_referral(self, referral_id: int, values: dict[str, str]) -> Outcome[int]:
        """Replace a referral lead's fields; returns its id."""

        def work(session: Session, now: datetime) -> int:
            return interviews.update_referral(session, referral_id, values, now).id

        return self._core.write(work, Changes.of(*_PLAN))

    def remove_referral(self, referral_id: int) -> Outcome[int]:
        """Returns the referral's id."""

        def work(session: Session, now: datetime) -> int:
            interviews.remove_referral(session, referral_id, now)
            return referral_id

        return self._core.write(work, Changes.of(*_PLAN))

    def delete(self, interview_id: int) -> Outcome[DeletedInterview]:
        """Delete it with its steps, debrief, referrals and people's roles (its letters and
        reference notices stay, unlinked); the value undoes it, links included."""

        def work(session: Session, now: datetime) -> DeletedInterview:
            return interview_undo.delete_interview(session, interview_id, now)

        kinds = (*_PLAN, Kind.LETTERS, Kind.REFERENCES, Kind.CONTACTS)
        return self._core.write(work, Changes.of(*kinds, reorder=True))

    def undo_delete(self, deleted: DeletedInterview) -> Outcome[int]:
        def work(session: Session, now: datetime) -> int:
            return interview_undo.undo_delete(session, deleted, now).id

        kinds = (*_PLAN, Kind.LETTERS, Kind.REFERENCES, Kind.CONTACTS)
        return self._core.write(work, lambda i: Changes.of(*kinds, interviews=[i], reorder=True))


def _links(session: Session, people: Sequence[NewPerson], company: str) -> list[tuple[int, r.Role]]:
    """The people's cards and roles; a name without a card gets one at the interview's
    ``company`` (issue 14: a new card pre-fills where the person was met)."""
    links: list[tuple[int, r.Role]] = []
    for person in people:
        contact_id = person.contact_id
        if contact_id is None:
            contact_id = interviews.create_contact(session, person.name, company=company).id
        links.append((contact_id, person.role))
    return links


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
