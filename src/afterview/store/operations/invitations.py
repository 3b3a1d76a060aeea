"""Calendar invitations (issue 18 §1): what the store knows of one before it is imported, and
the import itself in one transaction (afterview.store.invitation_import)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from afterview.domain.invitations import Invitation
from afterview.store import invitation_import
from afterview.store.changes import Changes, Kind, Outcome
from afterview.store.invitation_values import (
    Action,
    InvitationChoices,
    InvitationLook,
    InvitationResult,
)
from afterview.store.operations.core import Core


def _changes(result: InvitationResult) -> Changes:
    if result.action in (Action.ALREADY, Action.CANCEL_UNKNOWN) and not result.steps_ended:
        return Changes.of()
    kinds = [Kind.INTERVIEWS, Kind.STEPS, Kind.APPLICATIONS]
    if result.contacts_added or result.contacts_reused:
        kinds.append(Kind.CONTACTS)
    if result.action is Action.CREATE:
        kinds.append(Kind.SETTINGS)  # "This is me" may have saved the profile's email
    ids = [result.interview_id] if result.interview_id is not None else []
    return Changes.of(*kinds, interviews=ids, reorder=True)


class Invitations:
    def __init__(self, core: Core) -> None:
        self._core = core

    def look(self, invitation: Invitation) -> InvitationLook:
        """What importing it would do, the interview its UID names, the cards that already
        have an attendee's address, the user's own address, home zone and the country, and
        whether the meeting is already past by the store's clock."""
        now = self._core.clock()
        return self._core.read(lambda s: invitation_import.look(s, invitation, now))

    def import_invitation(
        self, invitation: Invitation, choices: InvitationChoices
    ) -> Outcome[InvitationResult]:
        """Create, reschedule or cancel the interview the invitation names, with the
        preview's ``choices``, in one transaction (RecordError naming the record and field,
        nothing changed, for a bad value; a cancel needs ``choices.confirmed``)."""

        def work(session: Session, now: datetime) -> InvitationResult:
            return invitation_import.import_invitation(session, invitation, choices, now)

        return self._core.write(work, _changes)


__all__ = ["Invitations"]
