"""Applications: read them and their history, create, edit, move, close, undo a move, and
make an interview one of their rounds (issue 17 §1).

Every write re-plans in its own transaction (afterview.store.applications): the
keep-searching nudge counts applications, and the stage moves with the rounds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.applications import Application, Event, Outcome, Stage, Standing, closed
from afterview.domain.postings import Posting
from afterview.store import application_rounds, claims, convert, interviews, posting_import, steps
from afterview.store import applications as apps
from afterview.store.application_models import ApplicationRow
from afterview.store.application_values import MAX_NAME, MovedApplication, RoundsBefore
from afterview.store.changes import Changes, Kind
from afterview.store.changes import Outcome as Done
from afterview.store.errors import RecordError
from afterview.store.models import InterviewRow
from afterview.store.no_response import NoResponseOffer, no_response_offers
from afterview.store.operations.core import Core
from afterview.store.posting_values import PostingImport

_PLAN = (Kind.APPLICATIONS, Kind.STEPS)


def _stage_values(standing: Standing) -> dict[str, Any]:
    """A standing as the fields a conflict compares."""
    return {
        "stage": standing.stage.value,
        "outcome": standing.outcome.value if standing.outcome else None,
        "outcome_detail": standing.outcome_detail,
    }


class Applications:
    def __init__(self, core: Core) -> None:
        self._core = core

    # --- queries ------------------------------------------------------------------------

    def get(self, application_id: int) -> Application:
        """RecordError when there is none (deleted elsewhere)."""
        return self._core.read(
            lambda s: convert.application(apps.get_application(s, application_id))
        )

    def any(self) -> bool:
        """Whether there is at least one application (the sample's included): Today then has
        something to show even before the first interview."""
        return self._core.read(lambda s: s.scalar(select(ApplicationRow.id).limit(1)) is not None)

    def items(self, *, stage: Stage | None = None) -> list[Application]:
        """Every application (of ``stage``, when given), oldest first."""

        def work(session: Session) -> list[Application]:
            query = select(ApplicationRow).order_by(ApplicationRow.id)
            if stage is not None:
                query = query.where(ApplicationRow.stage == stage.value)
            return [convert.application(row) for row in session.scalars(query)]

        return self._core.read(work)

    def of_interview(self, interview_id: int) -> Application | None:
        """The application the interview is a round of (None: none, or no such interview)."""

        def work(session: Session) -> Application | None:
            row = session.get(InterviewRow, interview_id)
            if row is None or row.application_id is None:
                return None
            return convert.application(apps.get_application(session, row.application_id))

        return self._core.read(work)

    def rounds(self, application_id: int) -> list[int]:
        """Its interviews' ids, in start order. RecordError when there is no such application."""

        def work(session: Session) -> list[int]:
            apps.get_application(session, application_id)
            return [row.id for row in apps.rounds(session, application_id)]

        return self._core.read(work)

    def history(self, application_id: int) -> list[Event]:
        """Every change of its standing with its date, oldest first: the history it shows."""
        return self._core.read(lambda s: apps.history(s, application_id))

    # --- commands -----------------------------------------------------------------------

    def no_response_offers(self) -> list[NoResponseOffer]:
        """The applications Today offers to close as "no response" now (afterview.store.
        no_response); closing one is :meth:`close` with Outcome.NO_RESPONSE, on the click."""
        return self._core.read(lambda s: no_response_offers(s, self._core.clock()))

    def create(self, values: dict[str, Any]) -> Done[int]:
        """A new application, no interview yet (company and position required; source,
        applied_on, link, posting optional). Returns its id."""
        return self._core.write(
            lambda s, now: apps.create_application(s, values, now).id, Changes.of(*_PLAN)
        )

    def update(
        self, application_id: int, changes: dict[str, Any], *, expected_version: int | None = None
    ) -> Done[int]:
        """Edit what the user wrote; returns the new version. ``expected_version``: the version
        the editor read; ConflictError (afterview.store.conflicts), nothing changed, when
        another computer saved it since and one of these fields differs."""

        def work(session: Session, now: Any) -> int:
            checked = apps.check_fields(f"application {application_id}", changes)
            claims.claim_application(session, application_id, checked, expected_version)
            return apps.update_application(session, application_id, checked, now).version

        return self._core.write(work, Changes.of(*_PLAN))

    def move(
        self, application_id: int, stage: Stage, *, expected_version: int | None = None
    ) -> Done[MovedApplication]:
        """Move it to an open ``stage`` by hand (Closed: :meth:`close`, which asks why); the
        value undoes it (:meth:`undo_move`). ConflictError as for :meth:`update`."""
        if stage is Stage.CLOSED:
            raise RecordError(f"application {application_id}", "stage", "closing needs an outcome")
        return self._move(application_id, Standing(stage), expected_version)

    def close(
        self,
        application_id: int,
        outcome: Outcome,
        detail: str = "",
        *,
        expected_version: int | None = None,
    ) -> Done[MovedApplication]:
        """Close it with ``outcome`` and, for a rejection or a withdrawal, ``detail`` (after
        which round, why); the value undoes it. ConflictError as for :meth:`update`."""
        if len(detail) > MAX_NAME:
            raise RecordError(f"application {application_id}", "outcome_detail", "too long")
        return self._move(application_id, closed(outcome, detail), expected_version)

    def _move(
        self, application_id: int, new: Standing, expected: int | None
    ) -> Done[MovedApplication]:
        def work(session: Session, now: Any) -> MovedApplication:
            apps.get_application(session, application_id)
            claims.claim_application(session, application_id, _stage_values(new), expected)
            moved = apps.move(session, application_id, new, now)
            return replace(
                moved, rounds=application_rounds.follow(session, application_id, new, now)
            )

        # The rounds' statuses and steps may change with it (afterview.store.application_rounds).
        rounds = (Kind.INTERVIEWS,) if application_rounds.reaches_rounds(new) else ()
        return self._core.write(work, Changes.of(*_PLAN, *rounds))

    def undo_move(self, moved: MovedApplication) -> Done[int]:
        """Put back the stage a move or a close changed, and what it changed in the rounds.
        RecordError, nothing changed, when the application was changed since."""

        def work(session: Session, now: Any) -> int:
            undone = apps.undo_move(session, moved, now).id
            application_rounds.put_back(session, moved.rounds, now)
            return undone

        rounds = (Kind.INTERVIEWS,) if moved.rounds != RoundsBefore() else ()
        return self._core.write(work, Changes.of(*_PLAN, *rounds))

    def matching(self, company: str, position: str) -> Application | None:
        """The newest of the user's applications with this company and position (case and
        surrounding spaces aside; the sample's left out), which importing a posting for them
        would fill instead of making another (afterview.store.posting_import); None: none."""

        def work(session: Session) -> Application | None:
            row = posting_import.matching(session, company, position)
            return None if row is None else convert.application(row)

        return self._core.read(work)

    def from_posting(self, posting: Posting) -> Done[PostingImport]:
        """An application from a saved job posting (issue 18 §3), in one transaction: a new
        one at stage Applied with no "applied on" day, or the existing one with the same
        company and position given the posting's text where it has none (see
        afterview.store.posting_import). RecordError naming the field, nothing written, when
        a value cannot be stored."""
        return self._core.write(
            lambda s, now: posting_import.import_posting(s, posting, now), Changes.of(*_PLAN)
        )

    def add_round(self, application_id: int, interview_id: int) -> Done[int]:
        """Make the interview a round of this application (moving it from the one it was in);
        the stage rule runs on both. Returns the application's id."""

        def work(session: Session, now: Any) -> int:
            interview = interviews.get_interview(session, interview_id)
            attached = apps.attach(session, interview, now, application_id)
            steps.replan(session, now, [interview_id])
            return attached

        kinds = (*_PLAN, Kind.INTERVIEWS)
        return self._core.write(work, Changes.of(*kinds, interviews=[interview_id]))


__all__ = ["Applications"]
