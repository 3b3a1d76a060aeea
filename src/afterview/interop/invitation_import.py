"""``afterview import invitation FILE [--company X] [--position Y] [--yes]`` (issue 18 §1),
and what the command line and the window's preview share: the choices proposed before the
user corrects anything, and the preview's lines.

The file is read and checked whole (afterview.interop.invitation_read) before anything is
written; the store's import then writes in one transaction (store.invitations).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from afterview.domain.invitation_choices import default_role, position_and_round, same_address
from afterview.domain.invitations import Attendee, Invitation
from afterview.domain.records import Role
from afterview.interop.invitation_people import company_guess
from afterview.store.errors import StoreError
from afterview.store.invitation_values import (
    Action,
    InvitationChoices,
    InvitationLook,
    PersonChoice,
)

ROLE_WORDS = {
    Role.INTERVIEWER: "interviewer",
    Role.HIRING_MANAGER: "hiring manager",
    Role.DECISION_MAKER: "decision maker",
    Role.RECRUITER: "recruiter",
    Role.REFERRAL: "referral",
}


def people_of(invitation: Invitation) -> list[Attendee]:
    """The organiser first, then the attendees in file order."""
    found = [invitation.organiser] if invitation.organiser is not None else []
    return [*found, *invitation.attendees]


def one_line(text: str) -> str:
    """A place written on several lines (Apple Calendar's LOCATION), on one: ", " between."""
    return ", ".join(line.strip() for line in text.splitlines() if line.strip())


def default_choices(
    invitation: Invitation,
    look: InvitationLook,
    *,
    company: str | None = None,
    position: str | None = None,
) -> InvitationChoices:
    """What is imported when the user changes nothing: the invitation's time, zone, length,
    format and location; the company guessed from the organiser's address (``company``
    overrides); the position and round from the summary (``position_and_round``; ``position``
    overrides); everyone but the user's own address (the profile's email), the organiser as
    recruiter and the others as interviewers (issue 18 §1). The guessed company leaves the
    user's own address out (:func:`company_guess` again, without it): the reader's guess
    knows no profile."""
    chosen_company = invitation.company_guess if company is None else company
    if company is None and look.own_email:
        chosen_company = company_guess(invitation.organiser, invitation.attendees, [look.own_email])
    if look.known is not None and company is None:
        chosen_company = look.known.company
    chosen_position, chosen_round = position, ""
    if chosen_position is None:
        if look.known is not None:
            chosen_position = look.known.position
        else:
            chosen_position, chosen_round = position_and_round(invitation.summary, chosen_company)
    people = tuple(
        PersonChoice(person.name, person.email, default_role(person))
        for person in people_of(invitation)
        if not same_address(person.email, look.own_email)
    )
    return InvitationChoices(
        company=chosen_company.strip(),
        position=chosen_position.strip(),
        round=chosen_round,
        start=invitation.start,
        time_zone=invitation.time_zone,
        duration_minutes=invitation.duration_minutes,
        format=invitation.format,
        location=invitation.location,
        people=people,
    )


def when_text(start: datetime, zone: str, duration: int) -> str:
    """ "Tue 8 Dec 2026, 10:00-10:45 (Europe/Berlin)": the wall time in ``zone`` (IANA), the
    end ``duration`` minutes of elapsed time later."""
    local = start.astimezone(ZoneInfo(zone))
    end = (local + timedelta(minutes=duration)).astimezone(ZoneInfo(zone))
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M}-{end:%H:%M} ({zone})"


def home_text(start: datetime, zone: str, home_zone: str) -> str:
    """The start in the user's home zone ("" when it is the invitation's own)."""
    if zone == home_zone:
        return ""
    home = start.astimezone(ZoneInfo(home_zone))
    return f"{home:%a} {home.day} {home:%b %Y}, {home:%H:%M} in {home_zone}, your home zone"


def preview_lines(
    invitation: Invitation, look: InvitationLook, choices: InvitationChoices
) -> list[str]:
    """The short preview the command line prints before it imports."""
    lines = [f"Read: {invitation.summary or '(no title)'}"]
    lines.append("  When: " + when_text(choices.start, choices.time_zone, choices.duration_minutes))
    home = home_text(choices.start, choices.time_zone, look.home_zone)
    if home:
        lines.append(f"        {home}")
    if look.known is not None and look.action is Action.RESCHEDULE:
        known = look.known
        before = when_text(known.start, known.time_zone, known.duration_minutes)
        lines.append(f"  Moved from: {before}")
    lines.append(f"  Format: {choices.format.value.replace('_', ' ')}")
    if choices.location:
        lines.append(f"  Where: {one_line(choices.location)}")
    lines.append(f"  Company: {choices.company or '(none guessed)'}")
    lines.append(f"  Position: {choices.position}")
    if choices.round:
        lines.append(f"  Round: {choices.round}")
    for person in choices.people:
        who = person.name or person.email
        if person.email and person.name:
            who = f"{person.name} <{person.email}>"
        known_as = look.contacts.get(person.email.casefold()) if person.email else None
        extra = f"; already a contact: {known_as}" if known_as else ""
        lines.append(f"  Person: {who} ({ROLE_WORDS[person.role]}{extra})")
    if look.own_email:
        lines.append(f"  Left out: {look.own_email} (your own address, from the profile)")
    return lines


def run(args: argparse.Namespace) -> int:
    """The command: read the file whole, print the preview, import (no prompts)."""
    from afterview.cli import open_cli_store, report_warnings
    from afterview.interop.invitation_read import load_invitation

    path = Path(args.file)
    # Read and checked whole before the database is even opened (a bad file touches nothing);
    # read again once the home zone is known, which places a time given without a zone.
    invitation = load_invitation(path)
    with open_cli_store(args) as store:
        home_zone = store.settings.playbook().home_time_zone
        if home_zone != "UTC":
            invitation = load_invitation(path, home_zone=home_zone)
        look = _with_me(store.invitations.look(invitation), getattr(args, "me", None))
        choices = default_choices(invitation, look, company=args.company, position=args.position)
        choices = replace(choices, me=look.own_email)
        for line in preview_lines(invitation, look, choices):
            print(line)
        for warning in invitation.warnings:
            print(f"afterview: note: {path}: {warning}", file=sys.stderr)
        if look.past and look.action in (Action.CREATE, Action.RESCHEDULE):
            print(
                f"afterview: note: {path}: this meeting is already past; its steps are planned "
                "from that time, so its thank-you note may be due at once",
                file=sys.stderr,
            )
        if not look.own_email and choices.people:
            named = ", ".join(person.email or person.name for person in choices.people)
            print(
                f"afterview: note: your profile has no email, so none of these people is left "
                f"out as you: {named}. If one is you, run again with --me EMAIL (saved as your "
                "profile's email)",
                file=sys.stderr,
            )
        if look.action is Action.CREATE and not choices.company:
            raise StoreError(
                f"{path}: the organiser's address does not name the company, so nothing was "
                "imported: give it with --company NAME"
            )
        if look.action is Action.CANCEL and not args.yes:
            assert look.known is not None
            closes = (
                " and close its application as cancelled by the employer"
                if look.known.closes_application
                else ""
            )
            raise StoreError(
                f"{path} cancels the interview at {look.known.company} "
                f"({look.known.position}). Nothing was changed. To end its steps{closes}, "
                f"run: {_again(args)} import invitation {_quoted(str(path))} --yes"
            )
        confirmed = replace(choices, confirmed=bool(args.yes))
        outcome = store.invitations.import_invitation(invitation, confirmed)
    print(outcome.value.message)
    report_warnings(outcome.warnings)
    return 0


def _with_me(look: InvitationLook, me: str | None) -> InvitationLook:
    """``look`` with ``--me`` as the user's own address: the profile's email when it has none
    (the import saves it there, as the window's "This is me" does); refused when the profile
    names another address."""
    if me is None:
        return look
    from afterview.domain.cards import check_email

    checked = check_email(me.strip())
    if checked.problem or "@" not in me:
        raise StoreError(f"--me {me!r} is not an email address; nothing was imported")
    checked = replace(checked, value=checked.value.casefold())  # as the reader gives addresses
    if look.own_email and not same_address(look.own_email, checked.value):
        raise StoreError(
            f"your profile's email is {look.own_email}, not {checked.value}; nothing was "
            "imported: change it in Settings ▸ Profile, or leave out --me"
        )
    return replace(look, own_email=look.own_email or checked.value)


def _again(args: argparse.Namespace) -> str:
    """ "afterview" with the ``--data-dir`` / ``--database`` the user ran with, so a command
    copied from a message acts on the same data."""
    words = ["afterview"]
    for option, value in (("--data-dir", args.data_dir), ("--database", args.database)):
        if value:
            words += [option, _quoted(str(value))]
    return " ".join(words)


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


__all__ = [
    "ROLE_WORDS",
    "default_choices",
    "home_text",
    "one_line",
    "people_of",
    "preview_lines",
    "run",
    "when_text",
]
