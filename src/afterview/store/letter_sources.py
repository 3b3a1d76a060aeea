"""What a letter is drafted from, read from the records in one transaction: the interview,
the person it goes to, the sender's profile, and every name the spelling check must accept.

A letter goes to one person about one interview: a contact who took part, or a reference
used on the application; someone not on the interview can still be written to by the exact
name or id of their card (a referral lead met elsewhere).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain import records as r
from afterview.domain.contact_ways import address_text
from afterview.store import convert, letters
from afterview.store.errors import RecordError
from afterview.store.models import (
    ContactRow,
    InterviewPersonRow,
    InterviewRow,
    LetterRow,
    ReferenceRow,
    ReferralLeadRow,
    StepRow,
)
from afterview.store.operations.interviews import find_row
from afterview.store.profile import load_profile
from afterview.store.settings import load_settings
from afterview.store.values import (
    LetterSources,
    LetterView,
    Profile,
    Recipient,
    contact_recipient,
    people_on,
)


def letter_view(row: LetterRow) -> LetterView:
    return LetterView(
        id=row.id,
        template=row.template,
        subject=row.subject,
        body=row.body,
        channel=row.channel,
        created_at=row.created_at,
        sent_at=row.sent_at,
        step_id=row.step_id,
        interview_id=row.interview_id,
        contact_id=row.contact_id,
        reference_id=row.reference_id,
    )


def record_terms(session: Session, profile: Profile) -> frozenset[str]:
    """Names, titles and companies from every record, for the spelling check to accept."""
    terms: set[str] = set()
    for name, title, company in session.execute(
        select(ContactRow.name, ContactRow.title, ContactRow.company)
    ):
        terms.update((name, title, company))
    for company, position, location, decided_by in session.execute(
        select(
            InterviewRow.company,
            InterviewRow.position,
            InterviewRow.location,
            InterviewRow.decided_by,
        )
    ):
        terms.update((company, position, location, decided_by))
    for (name,) in session.execute(select(ReferenceRow.name)):
        terms.add(name)
    for (name,) in session.execute(select(ReferralLeadRow.name)):
        terms.add(name)
    terms.update((profile.name, address_text(profile.address), profile.signature))
    return frozenset(t for t in terms if t)


def find_person(
    session: Session, interview: r.Interview, name_or_id: str | int, label: str = "person"
) -> Recipient:
    """The person on this interview with this name (any case) or contact id, else a card
    with exactly this name or id; RecordError when nobody or several match."""
    text = str(name_or_id).strip()
    wanted = text.casefold()
    candidates = people_on(interview)
    matches = [p for p in candidates if p.name.strip().casefold() == wanted]
    if not matches and text.isdigit():
        matches = [p for p in candidates if p.kind == "contact" and p.id == int(text)]
    if not matches:
        rows = session.scalars(select(ContactRow)).all()
        matches = [
            contact_recipient(convert.contact(row), None)
            for row in rows
            if row.name.strip().casefold() == wanted or (text.isdigit() and row.id == int(text))
        ]
    if not matches:
        on = ", ".join(p.name for p in candidates) or "nobody yet"
        raise RecordError(
            f"{label} {text!r}", "name", f"nobody by this name or id (on this interview: {on})"
        )
    if len({(m.kind, m.id) for m in matches}) > 1:
        raise RecordError(f"{label} {text!r}", "name", "several people have this name; use the id")
    return matches[0]


def _sources(
    session: Session,
    interview: r.Interview,
    recipient: Recipient | None,
    *,
    step: StepRow | None = None,
    letter: LetterRow | None = None,
) -> LetterSources:
    profile = load_profile(session)
    return LetterSources(
        interview=interview,
        recipient=recipient,
        profile=profile,
        record_terms=record_terms(session, profile),
        home_country=load_settings(session).home_country,
        page_size=letters.load_page_size(session),
        step_id=step.id if step is not None else None,
        step_kind=step.kind if step is not None else None,
        step_channel=step.channel if step is not None else None,
        letter=letter_view(letter) if letter is not None else None,
    )


def by_name(session: Session, interview: str | int, person: str | int | None) -> LetterSources:
    """For the command line: the interview by key or id, the person by name or id."""
    record = convert.interview(find_row(session, interview))
    recipient = find_person(session, record, person) if person not in (None, "") else None
    return _sources(session, record, recipient)


def _chosen(
    session: Session, interview: r.Interview, recipient: tuple[str, int] | None
) -> Recipient | None:
    people = people_on(interview)
    chosen = next((p for p in people if (p.kind, p.id) == recipient), None)
    if chosen is None and recipient is not None and recipient[0] == "contact":
        row = session.get(ContactRow, recipient[1])
        if row is not None:
            chosen = contact_recipient(convert.contact(row), None)
    if chosen is None and recipient is not None and recipient[0] == "referral":
        lead = session.get(ReferralLeadRow, recipient[1])
        if lead is not None:  # a name picked up at the interview (seed 003), with no card
            chosen = Recipient(
                kind="referral", id=lead.id, name=lead.name, email=lead.email, phone=lead.phone
            )
    if chosen is None and people:
        chosen = people[0]
    return chosen


def for_letter(
    session: Session,
    *,
    step_id: int | None = None,
    letter_id: int | None = None,
    interview_id: int | None = None,
    recipient: tuple[str, int] | None = None,
) -> LetterSources:
    """What the letter editor opens on: a saved letter, a step's letter (its latest draft
    if there is one), or an interview and a person named by (kind, id). Without a person on
    the interview it goes to the first one; a contact alone means their newest interview."""
    letter: LetterRow | None = None
    if letter_id is not None:
        letter = letters.get_letter(session, letter_id)
        step_id = letter.step_id
        interview_id = letter.interview_id
        if letter.contact_id is not None:
            recipient = ("contact", letter.contact_id)
        elif letter.reference_id is not None:
            recipient = ("reference", letter.reference_id)
    step: StepRow | None = None
    if step_id is not None:
        step = session.get(StepRow, step_id)
        if step is None:
            raise RecordError(f"step {step_id}", "id", "no such step")
        if step.interview_id is None:
            raise RecordError(f"step {step_id}", "interview", "this step is not about an interview")
        interview_id = step.interview_id
        if step.contact_id is not None:
            recipient = ("contact", step.contact_id)
        elif step.reference_id is not None:
            recipient = ("reference", step.reference_id)
        elif step.referral_id is not None:
            recipient = ("referral", step.referral_id)
        if letter is None:
            letter = letters.latest_for_step(session, step_id)
    if interview_id is None and recipient is not None and recipient[0] == "contact":
        interview_id = session.scalar(
            select(InterviewRow.id)
            .join(InterviewPersonRow, InterviewPersonRow.interview_id == InterviewRow.id)
            .where(InterviewPersonRow.contact_id == recipient[1])
            .order_by(InterviewRow.start.desc())
            .limit(1)
        )
        if interview_id is None:
            raise RecordError(f"contact {recipient[1]}", "interviews", "not on any interview yet")
    if interview_id is None:
        raise RecordError("letter", "interview", "choose an interview or a person")
    record = convert.interview(find_row(session, interview_id))
    return _sources(session, record, _chosen(session, record, recipient), step=step, letter=letter)
