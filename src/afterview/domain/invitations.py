"""A calendar invitation as Afterview reads it (issue 18 §1): the values the invitation reader
(``interop/invitation_read.py``) gives and the store's import of an invitation takes.

Times are aware datetimes in the invitation's own zone, named by its IANA name (a Windows
zone name or a ``VTIMEZONE`` the reader mapped to IANA, RFC 5545 §3.6.5). Emails are
lower-cased ``mailto:`` addresses without the scheme (RFC 5545 §3.3.3, §3.8.4.1, §3.8.4.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from afterview.domain.records import Format


class Method(StrEnum):
    """The invitation's ``METHOD`` (RFC 5546 §1.4): what the sender asks of the calendar."""

    #: No METHOD: a plain calendar file (an .ics saved from a calendar), read as a request.
    NONE = ""
    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@dataclass(frozen=True)
class Attendee:
    """One person the invitation names: the ``ORGANIZER`` or an ``ATTENDEE``."""

    #: The ``CN`` parameter, or "" when the invitation gives none.
    name: str
    #: Lower-cased, without ``mailto:``; "" when the invitation gives no address.
    email: str
    organiser: bool = False


@dataclass(frozen=True)
class Invitation:
    """One ``VEVENT`` of an invitation, read and checked."""

    #: ``UID`` (RFC 5545 §3.8.4.7): a later invitation with the same UID is the same meeting.
    uid: str
    #: ``SEQUENCE`` (RFC 5545 §3.8.7.4), 0 when absent: a higher number reschedules.
    sequence: int
    method: Method
    #: ``SUMMARY``, plain text ("" when absent).
    summary: str
    #: Aware, in :attr:`time_zone`.
    start: datetime
    #: IANA name ("Europe/Berlin"); "UTC" for a time given in UTC.
    time_zone: str
    #: From ``DTEND`` or ``DURATION``; 60 when neither is given.
    duration_minutes: int
    #: A video meeting's link when one is found, else ``LOCATION`` (plain text).
    location: str
    #: VIDEO when a Teams, Zoom, Meet or Webex link is found; IN_PERSON otherwise.
    format: Format
    organiser: Attendee | None
    #: The attendees in file order, the organiser left out, each address once.
    attendees: tuple[Attendee, ...]
    #: The company guessed from the organiser's email domain ("" when it is a mail provider's).
    company_guess: str
    #: ``DESCRIPTION`` as plain text.
    description: str = ""
    #: Things the reader noticed and the user should know (an unknown ``X-`` zone mapped…).
    warnings: tuple[str, ...] = ()
