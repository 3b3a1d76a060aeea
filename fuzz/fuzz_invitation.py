"""Atheris harness: the calendar-invitation reader (``afterview import invitation``, a dropped
``.ics`` or ``.eml``). It never raises for what a file holds but InvitationError, and what it
gives keeps its promises: an aware start, a length between 1 minute and 24 hours, and no NUL
in any text (issue 18 §1, §4)."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["afterview"]):
    from afterview.interop.invitation_read import InvitationError, read_invitation


def one_input(data: bytes) -> None:
    try:
        invitation = read_invitation(data, source="fuzz.ics", home_zone="Europe/Berlin")
    except InvitationError:
        return
    assert invitation.start.tzinfo is not None, invitation
    assert 1 <= invitation.duration_minutes <= 24 * 60, invitation
    people = [invitation.organiser, *invitation.attendees]
    texts = [invitation.summary, invitation.location, invitation.description, invitation.uid]
    texts += [p.name for p in people if p is not None] + [p.email for p in people if p]
    assert all("\x00" not in text for text in texts), invitation


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
