"""The values an invitation's import takes and gives (issue 18 §1): the user's choices from
the preview, what the store already knows of the invitation, and what the import did. No
database library here: the window and the command line build and read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from afterview.domain.invitations import Invitation
from afterview.domain.records import Format, Role


class Action(StrEnum):
    """What importing an invitation does (or did)."""

    #: A UID the store does not know: a new interview.
    CREATE = "create"
    #: A known UID with a higher SEQUENCE (RFC 5545 §3.8.7.4): the interview moves.
    RESCHEDULE = "reschedule"
    #: A known UID with the same or a lower SEQUENCE: nothing to do.
    ALREADY = "already"
    #: ``METHOD:CANCEL`` (RFC 5546 §3.2.5) for a known UID: asks first, then closes.
    CANCEL = "cancel"
    #: ``METHOD:CANCEL`` for a UID the store does not know: nothing to do.
    CANCEL_UNKNOWN = "cancel_unknown"


@dataclass(frozen=True)
class PersonChoice:
    """One person to put on the interview, as the preview left them."""

    name: str
    #: Lower-case address, or "" (then a new card is made from the name).
    email: str
    role: Role


@dataclass(frozen=True)
class InvitationChoices:
    """The preview's fields, each possibly corrected by the user.

    ``start`` is aware (any zone: the instant counts), shown in ``time_zone`` (IANA).
    ``people`` are the ticked attendees only, the user's own address already left out
    (the import leaves out the profile's email again, so a stale preview cannot add the user).
    ``me``: the address the user marked "This is me", saved as the profile's email when the
    profile has none ("" for none). ``confirmed``: the user said yes to a cancel."""

    company: str
    position: str
    start: datetime
    time_zone: str
    duration_minutes: int
    format: Format
    location: str
    people: tuple[PersonChoice, ...]
    round: str = ""
    me: str = ""
    confirmed: bool = False


@dataclass(frozen=True)
class KnownInterview:
    """The interview a UID was imported into before."""

    id: int
    company: str
    position: str
    #: Aware, in :attr:`time_zone`.
    start: datetime
    time_zone: str
    duration_minutes: int
    sequence: int
    #: Whether its application is still open and this is its latest round: a cancel then
    #: closes the application as "cancelled by the employer".
    closes_application: bool

    def differs_from(self, invitation: Invitation) -> bool:
        """Whether ``invitation`` gives this interview another instant or length. For an
        invitation whose ``SEQUENCE`` is not higher (Action.ALREADY) the user is told so: some
        tools move a meeting without raising it, though RFC 5545 §3.8.7.4 says they must, and
        Afterview keeps no ``DTSTAMP`` to tell a newer file from an older one."""
        return (invitation.start, invitation.duration_minutes) != (
            self.start,
            self.duration_minutes,
        )


@dataclass(frozen=True)
class InvitationLook:
    """What the store knows of an invitation before it is imported: the preview's facts."""

    action: Action
    known: KnownInterview | None
    #: Lower-case address → the name on the card that already has it.
    contacts: dict[str, str]
    #: The profile's email ("" when the user has not given one).
    own_email: str
    #: The user's home zone (afterview.domain.settings.Settings.home_time_zone).
    home_zone: str
    #: The interview's country proposed from the zone, else the home country.
    country: str
    #: Whether the meeting has ended by the store's clock: its steps are planned from that
    #: past time, so the thank-you note may be overdue at once (seed 000 §2 gives it a day).
    past: bool = False


@dataclass(frozen=True)
class InvitationResult:
    """What the import did, and a sentence saying it."""

    action: Action
    interview_id: int | None
    contacts_added: int = 0
    contacts_reused: int = 0
    application_closed: bool = False
    steps_ended: int = 0
    message: str = ""


__all__ = [
    "Action",
    "InvitationChoices",
    "InvitationLook",
    "InvitationResult",
    "KnownInterview",
    "PersonChoice",
]
