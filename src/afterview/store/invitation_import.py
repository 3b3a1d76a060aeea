"""Importing a calendar invitation (issue 18 §1): a new interview for a new ``UID``, a
reschedule for a higher ``SEQUENCE``, a close for ``METHOD:CANCEL``, all in the caller's one
transaction (afterview.store.operations.invitations), so a failure part-way leaves the data
as it was.

Rules and their sources:
- a later invitation for the same meeting has the same ``UID`` (RFC 5545 §3.8.4.7) and a
  higher ``SEQUENCE`` (RFC 5545 §3.8.7.4); a cancel is ``METHOD:CANCEL`` (RFC 5546 §3.2.5);
- attendees become contacts, merged by email with the cards that have it
  (afterview.store.contacts.same_email), the user's own address (the profile's email) left
  out; the organiser is the recruiter, the others interviewers (issue 18 §1);
- the new interview is grouped into an application as the New-interview dialog's are
  (afterview.store.applications.attach) and planned by the playbook (steps.replan);
- a cancel marks the interview "cancelled" (Status.CANCELLED: nothing is planned after it,
  so its open steps go) and closes the application as "cancelled by the employer"
  (Outcome.CANCELLED) when the interview is its latest round and it is open, as
  ``afterview application close`` does (afterview.store.application_rounds.follow);
- a reschedule (a higher ``SEQUENCE``) of a cancelled interview brings it back: scheduled,
  planned anew, its application reopened by the stage rule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain import cards
from afterview.domain.applications import Outcome, Stage, closed
from afterview.domain.contact_ways import ways
from afterview.domain.invitation_choices import zone_country
from afterview.domain.invitations import Invitation, Method
from afterview.domain.records import Role, Status, StepStatus
from afterview.store import application_rounds, applications, claims, contacts, interviews, steps
from afterview.store.errors import RecordError
from afterview.store.invitation_values import (
    Action,
    InvitationChoices,
    InvitationLook,
    InvitationResult,
    KnownInterview,
    PersonChoice,
)
from afterview.store.models import InterviewRow, StepRow
from afterview.store.profile import load_profile, save_profile
from afterview.store.settings import load_settings
from afterview.store.values import ContactFields

_OPEN = (StepStatus.PENDING.value, StepStatus.SNOOZED.value)
MAX_UID = 1000


def _record(invitation: Invitation) -> str:
    """How a message names the invitation: by its summary, else its UID."""
    title = invitation.summary.strip() or invitation.uid
    return f"the invitation {title!r}"


def find_by_uid(session: Session, uid: str) -> InterviewRow | None:
    """The interview imported from this UID (the newest, should there be several); None for
    an empty UID or one never imported."""
    if not uid:
        return None
    query = select(InterviewRow).where(InterviewRow.ical_uid == uid).order_by(InterviewRow.id)
    found = list(session.scalars(query))
    return found[-1] if found else None


def _closes_application(session: Session, row: InterviewRow) -> bool:
    if row.application_id is None:
        return False
    application = applications.get_application(session, row.application_id)
    if application.stage == Stage.CLOSED.value:
        return False
    rounds = applications.rounds(session, row.application_id)
    return bool(rounds) and rounds[-1].id == row.id


def _known(session: Session, row: InterviewRow) -> KnownInterview:
    return KnownInterview(
        id=row.id,
        company=row.company,
        position=row.position,
        start=row.start.astimezone(ZoneInfo(row.time_zone)),
        time_zone=row.time_zone,
        duration_minutes=row.duration_minutes,
        sequence=row.ical_sequence,
        closes_application=_closes_application(session, row),
    )


def action_for(invitation: Invitation, row: InterviewRow | None) -> Action:
    """What importing ``invitation`` does, given the interview its UID was imported into."""
    if invitation.method is Method.CANCEL:
        if row is None:
            return Action.CANCEL_UNKNOWN
        # RFC 5546 §2.1.5: a message older than the one imported (a lower SEQUENCE) is out
        # of date; a cancel sent before a reschedule must not cancel the new time.
        return Action.CANCEL if invitation.sequence >= row.ical_sequence else Action.ALREADY
    if row is None:
        return Action.CREATE
    return Action.RESCHEDULE if invitation.sequence > row.ical_sequence else Action.ALREADY


def look(session: Session, invitation: Invitation, now: datetime) -> InvitationLook:
    """The preview's facts: the action, the interview the UID names, the cards that already
    have an attendee's address, the user's own address, the home zone, the country, and
    whether the meeting has ended by ``now`` (aware)."""
    row = find_by_uid(session, invitation.uid)
    people = [p for p in (invitation.organiser, *invitation.attendees) if p is not None]
    known: dict[str, str] = {}
    for person in people:
        if person.email:
            matches = contacts.same_email(session, person.email)
            if matches:
                known[person.email.casefold()] = matches[0].name
    settings = load_settings(session)
    return InvitationLook(
        action=action_for(invitation, row),
        known=_known(session, row) if row is not None else None,
        contacts=known,
        own_email=load_profile(session).email.strip(),
        home_zone=settings.home_time_zone,
        country=zone_country(invitation.time_zone) or settings.home_country,
        past=invitation.start + timedelta(minutes=invitation.duration_minutes) <= now,
    )


def _wall(record: str, choices: InvitationChoices) -> datetime:
    """The start as the write path takes it: the wall time in the chosen zone, its ``fold``
    kept (PEP 495), so the second of a repeated hour stays the second."""
    if choices.start.tzinfo is None:
        raise RecordError(record, "start", "a time without its zone cannot be placed")
    zone = interviews.check_zone(record, choices.time_zone)
    return choices.start.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _save_me(session: Session, record: str, me: str) -> str:
    """The profile's email, after saving ``me`` there when the profile had none."""
    profile = load_profile(session)
    if profile.email.strip() or not me.strip():
        return profile.email.strip()
    checked = cards.check_email(me.strip())
    if checked.problem:
        raise RecordError(record, "this is me", f"{me!r}: {checked.problem}")
    save_profile(session, replace(profile, email=checked.value))
    return checked.value


def _contact_for(
    session: Session, record: str, person: PersonChoice, company: str, now: datetime
) -> tuple[int, bool]:
    """The card for ``person``: one that has the address (reused), else a new one. Returns
    (its id, whether it is new)."""
    where = f"{record}, attendee {person.name or person.email!r}"
    if person.email:
        matches = contacts.same_email(session, person.email)
        if matches:
            return matches[0].id, False
    name = person.name.strip() or person.email.strip()
    if not name:
        raise RecordError(where, "name", "required (the invitation gives no name or email)")
    try:
        row = contacts.create_contact(
            session,
            ContactFields(name=name, company=company.strip(), emails=ways(person.email)),
            now,
        )
    except RecordError as error:
        raise RecordError(where, error.field, error.problem) from error
    return row.id, True


def _people(
    session: Session, record: str, choices: InvitationChoices, own: str, now: datetime
) -> tuple[list[tuple[int, Role]], int, int]:
    links: list[tuple[int, Role]] = []
    added = reused = 0
    for person in choices.people:
        if person.email and (cards.email_key(person.email) in {cards.email_key(own)} - {""}):
            continue  # the user's own address is never a contact of the interview
        contact_id, new = _contact_for(session, record, person, choices.company, now)
        added, reused = added + new, reused + (not new)
        links.append((contact_id, person.role))
    return links, added, reused


def import_invitation(
    session: Session, invitation: Invitation, choices: InvitationChoices, now: datetime
) -> InvitationResult:
    """Do what :func:`action_for` says, with the user's ``choices``. RecordError naming the
    record and field for a bad value (the caller's transaction then rolls back); a cancel not
    ``choices.confirmed`` raises RecordError and changes nothing."""
    record = _record(invitation)
    if len(invitation.uid) > MAX_UID:
        raise RecordError(record, "UID", f"too long ({len(invitation.uid)}; at most {MAX_UID})")
    row = find_by_uid(session, invitation.uid)
    action = action_for(invitation, row)
    if action is Action.CANCEL_UNKNOWN:
        return InvitationResult(action, None, message=f"{record} cancels a meeting Afterview "
                                "does not have; nothing was imported.")  # fmt: skip
    if action is Action.ALREADY:
        assert row is not None
        if invitation.method is Method.CANCEL:
            return InvitationResult(action, row.id, message=f"{record} is an older cancel "
                                    f"(SEQUENCE {invitation.sequence}) than the invitation "
                                    f"imported for {interviews._row_label(row)} (SEQUENCE "
                                    f"{row.ical_sequence}); nothing changed.")  # fmt: skip
        message = f"{record} is already imported ({interviews._row_label(row)}); nothing changed."
        known = _known(session, row)
        if known.differs_from(invitation):
            local = invitation.start.astimezone(ZoneInfo(known.time_zone))
            message += (
                f" The file gives another time, {local:%Y-%m-%d %H:%M} ({known.time_zone}) for "
                f"{invitation.duration_minutes} minutes, but not as a newer version (its SEQUENCE "
                f"{invitation.sequence} is not higher than {row.ical_sequence}). If the meeting "
                "moved, change the interview's time."
            )
        return InvitationResult(action, row.id, message=message)
    if action is Action.CANCEL:
        assert row is not None
        if not choices.confirmed:
            raise RecordError(record, "METHOD", "a cancel closes the interview: confirm it first")
        return _cancel(session, record, row, invitation, now)
    own = _save_me(session, record, choices.me)
    links, added, reused = _people(session, record, choices, own, now)
    values: dict[str, Any] = {
        "start": _wall(record, choices),
        "time_zone": choices.time_zone,
        "duration_minutes": choices.duration_minutes,
        "format": choices.format.value,
        "location": choices.location.strip(),
    }
    if action is Action.CREATE:
        values |= {
            # One space between words: a title's doubled spaces would reach the list, Today and
            # the letters ("the data   ENGINEER position").
            "company": " ".join(choices.company.split()),
            "position": " ".join(choices.position.split()),
            "round": " ".join(choices.round.split()),
            "country": zone_country(choices.time_zone) or load_settings(session).home_country,
        }
        created = interviews.create_interview(session, values, links, now)
        created.ical_uid, created.ical_sequence = invitation.uid, invitation.sequence
        session.flush()
        return InvitationResult(
            action, created.id, added, reused,
            message=f"Created {interviews._row_label(created)}.",
        )  # fmt: skip
    assert row is not None
    revived = row.status == Status.CANCELLED.value
    if revived:
        # A newer invitation after the cancel is the meeting on again (RFC 5546 §2.1.5: the
        # higher SEQUENCE wins): scheduled, its steps planned anew (the cancel removed the
        # open ones), and its application reopened by the stage rule.
        values["status"] = Status.SCHEDULED.value
    claims.raise_version(row)  # an editor open on it is asked at its save
    moved = interviews.update_interview(session, row.id, values, now)
    moved.ical_sequence = invitation.sequence
    present = {(person.contact_id, person.role) for person in moved.people}
    kept = [(person.contact_id, Role(person.role)) for person in moved.people]
    new_links = [link for link in links if link not in present]
    if new_links:
        interviews.set_people(session, moved.id, [*kept, *new_links], now)
    session.flush()
    return InvitationResult(
        action, moved.id, added, reused,
        message=f"Rescheduled {interviews._row_label(moved)}"
        f"{', no longer cancelled' if revived else ''}.",
    )  # fmt: skip


def _cancel(
    session: Session, record: str, row: InterviewRow, invitation: Invitation, now: datetime
) -> InvitationResult:
    closing = _closes_application(session, row)
    query = select(StepRow).where(StepRow.interview_id == row.id, StepRow.status.in_(_OPEN))
    ended = len(list(session.scalars(query)))
    was = row.status
    if was != Status.CANCELLED.value:
        row.status, row.status_changed_at = Status.CANCELLED.value, now
        claims.raise_version(row)  # an editor open on the interview is asked at its save
    row.ical_sequence = max(row.ical_sequence, invitation.sequence)
    session.flush()
    # Nothing is planned after a cancelled meeting: the re-plan takes its open steps away
    # (what the user did stays), and a status set back by hand plans them again, where a
    # skipped step would have stayed skipped.
    steps.replan(session, now, [row.id])
    if closing:
        assert row.application_id is not None
        standing = closed(Outcome.CANCELLED)
        claims.raise_version(applications.get_application(session, row.application_id))
        applications.move(session, row.application_id, standing, now)
        application_rounds.follow(session, row.application_id, standing, now)
    if not closing and not ended and was == Status.CANCELLED.value:
        return InvitationResult(Action.ALREADY, row.id, message=f"{record}: "
                                f"{interviews._row_label(row)} was cancelled already.")  # fmt: skip
    closed_text = " and closed its application as cancelled by the employer" if closing else ""
    return InvitationResult(
        Action.CANCEL, row.id, application_closed=closing, steps_ended=ended,
        message=f"Cancelled {interviews._row_label(row)}: ended {ended} open "
        f"step{'s' if ended != 1 else ''}{closed_text}.",
    )  # fmt: skip


__all__ = ["action_for", "find_by_uid", "import_invitation", "look"]
