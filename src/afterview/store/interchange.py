"""Writing an interchange document into the store, in the caller's one transaction.

Reading and checking a file is :mod:`afterview.store.interchange_format` (no database);
writing one is :mod:`afterview.store.interchange_export`. A record whose key the database
already has is updated; keys in the file may name records the database already holds, and
a key found in neither is refused with the record and field named, so nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.domain.settings import PROFILE_PREFIX
from afterview.domain.text import fold
from afterview.store import applications, steps
from afterview.store.application_models import ApplicationRow
from afterview.store.claims import raise_version
from afterview.store.computer import EVERY_COMPUTER
from afterview.store.contact_way_rows import set_ways
from afterview.store.errors import RecordError
from afterview.store.interchange_application_rows import application_ids, write_applications
from afterview.store.interchange_export import export_document
from afterview.store.interchange_format import (
    FORMAT,
    Document,
    ImportFileError,
    ParsedInterview,
    load_file,
    parse_document,
)
from afterview.store.interchange_history import ParsedLetter, ParsedNotice, ParsedStep
from afterview.store.models import (
    ContactRow,
    DebriefRow,
    InterviewPersonRow,
    InterviewReferenceRow,
    InterviewRow,
    LetterRow,
    MetaRow,
    ReferenceNoticeRow,
    ReferenceRow,
    ReferralLeadRow,
    StepNoticeRow,
    StepRow,
)
from afterview.store.notices import forget_notices
from afterview.store.settings import save_settings, write_row
from afterview.store.values import ImportSummary

M = TypeVar("M")


def _by_key(session: Session, model: Any, keys: Iterable[str | None]) -> dict[str, Any]:
    wanted = sorted({key for key in keys if key})
    found: dict[str, Any] = {}
    for first in range(0, len(wanted), 500):
        query = select(model).where(model.key.in_(wanted[first : first + 500]))
        found.update((row.key, row) for row in session.scalars(query))
    return found


def _upsert(row: Any, values: Mapping[str, Any], mapping: Callable[[str], str] = str) -> None:
    for name, value in values.items():
        setattr(row, mapping(name), value)


def _upsert_keyed(
    session: Session,
    model: type[M],
    items: list[dict[str, Any]],
    mapping: Callable[[str], str] = str,
) -> None:
    """Insert or update keyed records."""
    rows: dict[str, Any] = _by_key(session, model, [item["key"] for item in items])
    for values in items:
        row = rows.get(values["key"])
        if row is None:
            row = rows[values["key"]] = model()
            session.add(row)
        else:
            raise_version(row)
        _upsert(row, values, mapping)


def _is_empty(session: Session) -> bool:
    return not any(
        session.scalar(select(func.count()).select_from(model))
        for model in (InterviewRow, ContactRow, ReferenceRow, LetterRow)
    )


def import_document(
    session: Session, doc: Document, now: datetime, *, group: bool = True
) -> ImportSummary:
    """Write a checked document: records, then what the user did (step states, the log,
    letters), then re-plan every interview it holds, keeping what the user did.

    Into an empty database the file's identity comes along, so a calendar subscribed to
    the exported steps keeps its entries after a move to another computer. Interviews that
    come without an application become rounds of one (afterview.store.applications), unless
    ``group`` is False: the caller groups them once it has marked them (the sample).
    """
    applications_before = _application_count(session)
    if doc.database_id is not None and _is_empty(session):
        identity = session.get(MetaRow, "database_id")
        if identity is not None:
            identity.value = doc.database_id
    save_settings(session, doc.settings)
    for name, value in doc.preferences.items():
        write_row(session, name, value)
    if doc.profile is not None:
        for name, value in doc.profile.items():
            write_row(session, PROFILE_PREFIX + name, value)
    _upsert_keyed(
        session, ContactRow, [{k: v for k, v in c.items() if k != "ways"} for c in doc.contacts]
    )
    stored = _by_key(session, ContactRow, [contact["key"] for contact in doc.contacts])
    for contact in doc.contacts:
        set_ways(stored[contact["key"]], contact["ways"])
    _upsert_keyed(
        session, ReferenceRow, doc.references, lambda n: "relation" if n == "relationship" else n
    )
    session.flush()
    keys = _Keys(session, doc)
    owners = _applications(session, doc)
    touched: list[InterviewRow] = []
    # Rows are linked before they are added; an autoflush halfway would see them half-built.
    with session.no_autoflush:
        for parsed in doc.interviews:
            touched.append(_write_interview(session, parsed, keys, now))
            if parsed.application is not None:
                touched[-1].application_id = owners[parsed.application]
    session.flush()
    with session.no_autoflush:
        written = [(_write_step(session, step, keys), step.notified_at) for step in doc.steps]
        for row, step in zip(written, doc.steps, strict=True):
            row[0].application_id = owners[step.application] if step.application else None
    session.flush()
    _write_step_notices(session, written)
    with session.no_autoflush:
        for notice in doc.notices:
            _write_notice(session, notice, keys)
        for letter in doc.letters:
            _write_letter(session, letter, keys)
    session.flush()
    if group:
        applications.group_loose(session, now)
    steps.replan(session, now, [row.id for row in touched] or None)
    return ImportSummary(
        len(doc.contacts),
        len(doc.references),
        len(doc.interviews),
        len(doc.letters),
        _application_count(session) - applications_before,
    )


def _application_count(session: Session) -> int:
    return session.scalar(select(func.count(ApplicationRow.id))) or 0


def _applications(session: Session, doc: Document) -> dict[str, int]:
    """Write the file's applications (version 3) and give the id of every application its
    interviews and steps name, in the file or stored; RecordError for one that is neither."""
    owners = write_applications(session, doc.applications)
    named = {i.application for i in doc.interviews if i.application}
    named |= {s.application for s in doc.steps if s.application}
    return owners | application_ids(session, named - owners.keys(), "document")


class _Keys:
    """Records named by key, from the file or the database, as ids (RecordError if neither)."""

    def __init__(self, session: Session, doc: Document) -> None:
        self.session = session
        people = {key for i in doc.interviews for key, _ in i.people}
        people |= {s.contact for s in doc.steps if s.contact}
        people |= {letter.contact for letter in doc.letters if letter.contact}
        self.contacts = _by_key(session, ContactRow, people)
        named = {key for i in doc.interviews for key in i.references}
        named |= {s.reference for s in doc.steps if s.reference}
        named |= {n.reference for n in doc.notices}
        named |= {letter.reference for letter in doc.letters if letter.reference}
        self.references = _by_key(session, ReferenceRow, named)
        self.interviews: dict[str, InterviewRow] = _by_key(
            session,
            InterviewRow,
            [i.key for i in doc.interviews]
            + [s.interview for s in doc.steps]
            + [n.interview for n in doc.notices]
            + [letter.interview for letter in doc.letters],
        )
        #: Stored interviews this import writes, so no two of the file's become one.
        self.taken = {self.interviews[i.key].id for i in doc.interviews if i.key in self.interviews}

    def same_interview(self, values: Mapping[str, Any]) -> InterviewRow | None:
        """The stored interview a keyless one of the file is (a hand-written file imported
        again): the same company and position, folded, at the same instant; None if none is
        left that this import has not taken."""
        query = (
            select(InterviewRow)
            .where(
                InterviewRow.company_sort == fold(values["company"]),
                InterviewRow.position_sort == fold(values["position"]),
                InterviewRow.start == values["start"],
            )
            .order_by(InterviewRow.id)
        )
        for row in self.session.scalars(query):
            if row.id not in self.taken:
                self.taken.add(row.id)
                return row
        return None

    def _find(self, found: dict[str, Any], key: str, record: str, name: str, what: str) -> Any:
        row = found.get(key)
        if row is None:
            raise RecordError(record, name, f"no {what} has the key {key!r}, here or in the file")
        return row

    def contact(self, key: str, record: str, name: str = "contact") -> ContactRow:
        return self._find(self.contacts, key, record, name, "contact")  # type: ignore[no-any-return]

    def reference(self, key: str, record: str, name: str = "reference") -> ReferenceRow:
        return self._find(self.references, key, record, name, "reference")  # type: ignore[no-any-return]

    def interview(self, key: str, record: str, name: str = "interview") -> InterviewRow:
        return self._find(self.interviews, key, record, name, "interview")  # type: ignore[no-any-return]


def _write_interview(
    session: Session, parsed: ParsedInterview, keys: _Keys, now: datetime
) -> InterviewRow:
    values = dict(parsed.values)
    record = parsed.label
    row = keys.interviews.get(parsed.key) if parsed.key else keys.same_interview(values)
    if row is None:
        row = InterviewRow(key=parsed.key) if parsed.key else InterviewRow()
        session.add(row)
        if parsed.key:
            keys.interviews[parsed.key] = row
    else:
        raise_version(row)
        if row.status != values["status"] and values["status_changed_at"] is None:
            values["status_changed_at"] = now  # the status changes now, with this import
    _upsert(row, values)
    row.people = [
        InterviewPersonRow(
            contact=keys.contact(key, f"{record}, people #{n + 1}"), role=role.value, position=n
        )
        for n, (key, role) in enumerate(parsed.people)
    ]
    row.reference_links = [
        InterviewReferenceRow(
            reference=keys.reference(key, f"{record}, references #{n + 1}", "references"),
            position=n,
        )
        for n, key in enumerate(parsed.references)
    ]
    _refuse_others_leads(session, row, parsed)
    row.referrals = _matched_leads(list(row.referrals), parsed.referrals)
    if parsed.debrief is not None:
        if row.debrief is None:
            row.debrief = DebriefRow(**parsed.debrief)
        else:
            raise_version(row.debrief)
            _upsert(row.debrief, parsed.debrief)
    return row


def _write_step_notices(session: Session, written: list[tuple[StepRow, datetime | None]]) -> None:
    """A step's ``notified_at`` in a file is when the computer that exported it announced it;
    here it counts for every computer (the file names none), as before computers were kept
    apart. Replaces the notices the steps had."""
    forget_notices(session, [row.id for row, _ in written])
    session.add_all(
        StepNoticeRow(step_id=row.id, computer=EVERY_COMPUTER, notified_at=notified_at)
        for row, notified_at in written
        if notified_at is not None
    )


def _write_step(session: Session, step: ParsedStep, keys: _Keys) -> StepRow:
    record = f"step {step.key!r}"
    row = session.scalars(select(StepRow).where(StepRow.key == step.key)).one_or_none()
    if row is None:
        row = StepRow(key=step.key)
        session.add(row)
    interview = keys.interview(step.interview, record) if step.interview else None
    row.interview_id = interview.id if interview is not None else None
    row.contact_id = keys.contact(step.contact, record).id if step.contact else None
    row.reference_id = keys.reference(step.reference, record).id if step.reference else None
    row.referral_id = None
    if step.referral:
        lead = next(
            (
                lead
                for lead in (interview.referrals if interview else [])
                if lead.key == step.referral
            ),
            None,
        )
        if lead is None:
            raise RecordError(record, "referral", f"no referral has the key {step.referral!r}")
        row.referral_id = lead.id
    row.kind, row.title, row.reason = step.kind.value, step.title, step.reason
    row.person, row.channel, row.optional = step.person, step.channel, step.optional
    row.planned_due, row.status = step.planned_due, step.status.value
    row.due_override, row.snoozed_until = step.due_override, step.snoozed_until
    row.done_at, row.auto_done, row.notified_at = step.done_at, step.auto_done, step.notified_at
    row.answered = step.answered
    return row


def _refuse_others_leads(session: Session, row: InterviewRow, parsed: ParsedInterview) -> None:
    """A lead's key that another stored interview's lead has: the file means another lead."""
    own = {lead.key for lead in row.referrals}
    for n, lead in enumerate(parsed.referrals):
        key = lead.get("key")
        if key is None or key in own:
            continue
        if session.scalar(select(ReferralLeadRow.id).where(ReferralLeadRow.key == key)):
            raise RecordError(
                f"{parsed.label}, referrals #{n + 1}",
                "key",
                f"{key!r} is the key of a referral lead of another interview",
            )


def _matched_leads(
    stored: list[ReferralLeadRow], incoming: list[dict[str, Any]]
) -> list[ReferralLeadRow]:
    """The interview's referral leads as the file lists them, each the stored row it names
    (so its step keeps what the user did with it): by key, or, for a lead without one (a
    hand-written file, release 0.1.0's), the first stored lead of the same name (folded) that
    no other lead of the file took. The rest are new rows."""
    by_key = {lead.key: lead for lead in stored}
    claimed = {id(by_key[v["key"]]) for v in incoming if v.get("key") in by_key}
    leads = []
    for values_of_lead in incoming:
        lead = by_key.get(values_of_lead.get("key", ""))
        if lead is None and "key" not in values_of_lead:
            name = fold(str(values_of_lead.get("name", "")))
            lead = next((s for s in stored if id(s) not in claimed and fold(s.name) == name), None)
        if lead is None:
            lead = ReferralLeadRow()
        claimed.add(id(lead))
        _upsert(lead, values_of_lead)
        leads.append(lead)
    return leads


def _write_notice(session: Session, notice: ParsedNotice, keys: _Keys) -> None:
    record = f"log entry of reference {notice.reference!r}"
    reference_id = keys.reference(notice.reference, record).id
    interview_id = keys.interview(notice.interview, record).id if notice.interview else None
    if notice.key is not None:
        query = select(ReferenceNoticeRow).where(ReferenceNoticeRow.key == notice.key)
    else:  # a hand-written entry: the same telling again is the entry already there
        query = select(ReferenceNoticeRow).where(
            ReferenceNoticeRow.reference_id == reference_id,
            ReferenceNoticeRow.interview_id.is_(None)
            if interview_id is None
            else ReferenceNoticeRow.interview_id == interview_id,
            ReferenceNoticeRow.at == notice.at,
            ReferenceNoticeRow.channel == notice.channel,
            ReferenceNoticeRow.note == notice.note,
        )
    row = session.scalars(query.limit(1)).one_or_none()
    if row is None:
        row = ReferenceNoticeRow(key=notice.key) if notice.key else ReferenceNoticeRow()
        session.add(row)
    row.reference_id, row.interview_id = reference_id, interview_id
    row.at, row.channel, row.note = notice.at, notice.channel, notice.note


def _write_letter(session: Session, letter: ParsedLetter, keys: _Keys) -> None:
    record = f"letter {letter.key!r}"
    row = session.scalars(select(LetterRow).where(LetterRow.key == letter.key)).one_or_none()
    if row is None:
        row = LetterRow(key=letter.key)
        session.add(row)
    step_id = None
    if letter.step is not None:
        step_id = session.scalar(select(StepRow.id).where(StepRow.key == letter.step))
        if step_id is None:
            raise RecordError(record, "step", f"no step has the key {letter.step!r}")
    row.step_id = step_id
    row.interview_id = keys.interview(letter.interview, record).id if letter.interview else None
    row.contact_id = keys.contact(letter.contact, record).id if letter.contact else None
    row.reference_id = keys.reference(letter.reference, record).id if letter.reference else None
    row.template, row.subject, row.body = letter.template, letter.subject, letter.body
    row.channel, row.created_at, row.sent_at = letter.channel, letter.created_at, letter.sent_at


__all__ = [
    "FORMAT",
    "Document",
    "ImportFileError",
    "export_document",
    "import_document",
    "load_file",
    "parse_document",
]
