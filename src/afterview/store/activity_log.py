"""The job-search log's one query (issue 17 §5): every activity of the search in a date range.

Four kinds of activity, each read from where the records keep it:

- an application sent: :attr:`ApplicationRow.applied_on` (a date: the day the user applied,
  up to today);
- an interview: its start, once it has come (a round still to come is no activity yet); the
  contact persons are its people (any role but the referral, who was not met there),
  reached as its format says (a lunch is in person);
- a follow-up and a thank-you note: a step of that kind the user marked done (not one the
  records closed by themselves), on the day its letter was sent when one was, else the day
  it was marked done; reached by the sent letter's channel, else the step's; and a letter
  of those kinds sent outside any such step (a thank-you written without its step).

Sample records are left out: a log handed to a benefits office lists only what the user did.
Days are in the user's home time zone (the playbook's ``home_time_zone`` setting), both ends
of the range included. Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from afterview.domain.applications import Stage
from afterview.domain.job_log import Activity, ActivityKind, Reached, sort_key
from afterview.domain.records import Role, StepKind, StepStatus
from afterview.store.application_models import ApplicationRow
from afterview.store.models import (
    ContactRow,
    InterviewPersonRow,
    InterviewRow,
    LetterRow,
    StepRow,
)
from afterview.store.settings import load_settings

#: Letter templates by the activity they are, by the start of their name (thank_you_email,
#: thank_you_letter, thank_you_card; follow_up_email, follow_up_phone).
LETTER_KINDS = (("thank_you", ActivityKind.THANK_YOU), ("follow_up", ActivityKind.FOLLOW_UP))
STEP_KINDS = {StepKind.FOLLOW_UP.value: ActivityKind.FOLLOW_UP}
STEP_KINDS[StepKind.THANK_YOU.value] = ActivityKind.THANK_YOU

_FORMATS = {
    "in_person": Reached.IN_PERSON,
    "lunch": Reached.IN_PERSON,
    "phone": Reached.PHONE,
    "video": Reached.VIDEO,
}
_CHANNELS = {"email": Reached.EMAIL, "phone": Reached.PHONE, "letter": Reached.LETTER}


def utc_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants [start of ``first``, start of the day after ``last``) in ``zone``, as
    aware UTC: the range a day range covers in the user's home time zone."""
    start = datetime.combine(first, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return start, end


def activities(session: Session, first: date, last: date, now: datetime) -> list[Activity]:
    """Every activity from ``first`` to ``last`` (dates in the user's home time zone, both
    included) that has happened by ``now`` (aware), sorted by
    :func:`afterview.domain.job_log.sort_key`. ValueError when ``last`` is before ``first``."""
    if last < first:
        raise ValueError("the range ends before it starts")
    zone = ZoneInfo(load_settings(session).home_time_zone)
    start, end = utc_bounds(first, last, zone)
    # A benefits office reads the log as what was done: nothing still to come.
    today = now.astimezone(zone).date()
    found = [
        *_applications(session, first, min(last, today)),
        *_interviews(session, start, min(end, now + timedelta(microseconds=1)), zone),
        *_written(session, start, end, zone, first, last),
    ]
    return sorted(found, key=sort_key)


def _applications(session: Session, first: date, last: date) -> Iterable[Activity]:
    query = select(ApplicationRow).where(
        ApplicationRow.applied_on >= first,
        ApplicationRow.applied_on <= last,
        ApplicationRow.sample.is_(False),
    )
    for row in session.scalars(query):
        assert row.applied_on is not None
        result = row.outcome if row.stage == Stage.CLOSED.value and row.outcome else row.stage
        yield Activity(
            row.applied_on,
            ActivityKind.APPLIED,
            row.company,
            row.position,
            result=result,
            detail=row.outcome_detail,
        )


def _interviews(
    session: Session, start: datetime, end: datetime, zone: ZoneInfo
) -> Iterable[Activity]:
    query = select(InterviewRow).where(
        InterviewRow.start >= start, InterviewRow.start < end, InterviewRow.sample.is_(False)
    )
    rows = list(session.scalars(query))
    people = _people(session, [row.id for row in rows])
    for row in rows:
        yield Activity(
            row.start.astimezone(zone).date(),
            ActivityKind.INTERVIEW,
            row.company,
            row.position,
            contact="; ".join(people.get(row.id, [])),
            reached=_FORMATS.get(row.format),
            result=row.status,
            detail=row.round.strip(),
        )


def _people(session: Session, interview_ids: list[int]) -> dict[int, list[str]]:
    """Each interview's people (not its referrals), once each, in the order entered."""
    named: dict[int, list[str]] = {}
    for first in range(0, len(interview_ids), 500):
        batch = interview_ids[first : first + 500]
        query = (
            select(InterviewPersonRow.interview_id, ContactRow.id, ContactRow.name)
            .join(ContactRow, ContactRow.id == InterviewPersonRow.contact_id)
            .where(
                InterviewPersonRow.interview_id.in_(batch),
                InterviewPersonRow.role != Role.REFERRAL.value,
            )
            .order_by(InterviewPersonRow.interview_id, InterviewPersonRow.position)
        )
        seen: set[tuple[int, int]] = set()
        for interview_id, contact_id, name in session.execute(query):
            if (interview_id, contact_id) not in seen and name.strip():
                seen.add((interview_id, contact_id))
                named.setdefault(interview_id, []).append(name.strip())
    return named


def _letter_kind(template: str) -> ActivityKind | None:
    for prefix, kind in LETTER_KINDS:
        if template.startswith(prefix):
            return kind
    return None


def _written(
    session: Session, start: datetime, end: datetime, zone: ZoneInfo, first: date, last: date
) -> Iterable[Activity]:
    """Follow-ups and thank-you notes: the steps done by the user, each on the day its letter
    went (else the day it was done), and the sent letters of those kinds no such step holds."""
    sent_in_range = and_(LetterRow.sent_at >= start, LetterRow.sent_at < end)
    letters = {
        row.id: row
        for row in session.scalars(
            select(LetterRow).where(LetterRow.sent_at.is_not(None), sent_in_range)
        )
    }
    done = and_(
        StepRow.kind.in_(list(STEP_KINDS)),
        StepRow.status == StepStatus.DONE.value,
        StepRow.auto_done.is_(False),
    )
    touched = or_(
        and_(StepRow.done_at >= start, StepRow.done_at < end),
        StepRow.id.in_(select(LetterRow.step_id).where(sent_in_range)),
    )
    steps = list(session.scalars(select(StepRow).where(done, touched)))
    # A step's letter may have gone before the range (then the step is not in it): every
    # sent letter of these steps, not only the range's.
    sent_of_step = _sent_letters(session, [step.id for step in steps])
    for step in steps:
        sent = sent_of_step.get(step.id)
        when = sent.sent_at if sent is not None and sent.sent_at is not None else step.done_at
        assert when is not None
        day = when.astimezone(zone).date()
        if not first <= day <= last:
            continue
        where = _where(session, step.interview_id, step.application_id)
        if where is None:
            continue
        channel = sent.channel if sent is not None and sent.channel else step.channel
        contact = (step.person or "").strip() or _contact_name(session, step.contact_id)
        if not contact and sent is not None:
            contact = _contact_name(session, sent.contact_id)
        yield _written_activity(day, STEP_KINDS[step.kind], where, contact, channel, _result(step))
    for letter in letters.values():
        kind = _letter_kind(letter.template)
        if kind is None:
            continue
        if letter.step_id is not None and _counted_elsewhere(session, letter.step_id):
            continue
        where = _where(session, letter.interview_id, None)
        if where is None:
            continue
        assert letter.sent_at is not None
        contact = _contact_name(session, letter.contact_id)
        day = letter.sent_at.astimezone(zone).date()
        yield _written_activity(day, kind, where, contact, letter.channel, "sent")


def _result(step: StepRow) -> str:
    """A follow-up's answer when the user gave one (issue 17 §3), else "done"."""
    if step.answered is None:
        return "done"
    return "answered" if step.answered else "no_answer"


def _written_activity(
    day: date,
    kind: ActivityKind,
    where: tuple[str, str],
    contact: str,
    channel: str | None,
    result: str,
) -> Activity:
    return Activity(
        day,
        kind,
        where[0],
        where[1],
        contact=contact,
        reached=_CHANNELS.get(channel or ""),
        result=result,
    )


def _sent_letters(session: Session, step_ids: list[int]) -> dict[int, LetterRow]:
    """The latest sent letter of each step."""
    latest: dict[int, LetterRow] = {}
    for first in range(0, len(step_ids), 500):
        query = select(LetterRow).where(
            LetterRow.step_id.in_(step_ids[first : first + 500]), LetterRow.sent_at.is_not(None)
        )
        for row in session.scalars(query):
            assert row.step_id is not None and row.sent_at is not None
            held = latest.get(row.step_id)
            if held is None or (held.sent_at, held.id) < (row.sent_at, row.id):
                latest[row.step_id] = row
    return latest


def _counted_elsewhere(session: Session, step_id: int) -> bool:
    """The letter's step is a done follow-up or thank-you of the user's (counted as a step,
    on its own day, in whatever range holds it): the letter is not a second activity."""
    step = session.get(StepRow, step_id)
    return (
        step is not None
        and step.kind in STEP_KINDS
        and step.status == StepStatus.DONE.value
        and not step.auto_done
    )


def _where(
    session: Session, interview_id: int | None, application_id: int | None
) -> tuple[str, str] | None:
    """Employer and position, from the interview, else the application; None for a sample's
    (or for neither)."""
    if interview_id is not None:
        interview = session.get(InterviewRow, interview_id)
        if interview is not None:
            return None if interview.sample else (interview.company, interview.position)
    if application_id is not None:
        application = session.get(ApplicationRow, application_id)
        if application is not None:
            return None if application.sample else (application.company, application.position)
    return None


def _contact_name(session: Session, contact_id: int | None) -> str:
    if contact_id is None:
        return ""
    row = session.get(ContactRow, contact_id)
    return row.name.strip() if row is not None else ""


__all__ = ["LETTER_KINDS", "activities", "utc_bounds"]
