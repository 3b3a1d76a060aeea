"""Everything the user made, as an ``afterview/3`` document (README, "The interchange format").

Records by key, never by id: the file imports into another database (or the same one) and
every step, letter and log entry finds its records again. Empty fields are left out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from afterview.domain.contact_ways import PostalAddress, Way
from afterview.domain.records import DEBRIEF_FIELDS
from afterview.domain.settings import PREFERENCES, PROFILE_PREFIX, Settings
from afterview.store.computer import EVERY_COMPUTER
from afterview.store.contact_way_rows import ways_of
from afterview.store.interchange_application_rows import add_applications
from afterview.store.interchange_format import (
    FORMAT,
    REFERRAL_FIELDS,
    iso,
)
from afterview.store.models import (
    ContactRow,
    InterviewRow,
    LetterRow,
    MetaRow,
    ReferenceNoticeRow,
    ReferenceRow,
    ReferralLeadRow,
    SettingRow,
    StepNoticeRow,
    StepRow,
)
from afterview.store.steps import FULL_INTERVIEW
from afterview.store.values import PROFILE_FIELDS

_PLAYBOOK = frozenset(Settings.__dataclass_fields__)


def drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    # False stays: "employer_will_contact": false is an answer, not a missing one.
    return {k: v for k, v in values.items() if v not in ("", None, [], {})}


def _ways(value: str) -> list[dict[str, str]]:
    return [{"value": value}] if value else []


def _wall_time(row: InterviewRow) -> str:
    local = row.start.astimezone(ZoneInfo(row.time_zone))
    fmt = "%Y-%m-%dT%H:%M" if local.second == 0 and local.microsecond == 0 else "%Y-%m-%dT%H:%M:%S"
    return local.strftime(fmt)


def export_document(session: Session, computer: str = EVERY_COMPUTER) -> dict[str, Any]:
    """The whole database as a JSON-ready ``afterview/3`` document. A step's ``notified_at``
    is when ``computer`` (the one exporting, :func:`afterview.store.computer.computer_id`)
    announced it: "notified" is kept per computer (issue 16)."""
    rows = {
        row.name: json.loads(row.value)
        for row in session.scalars(select(SettingRow).order_by(SettingRow.name))
    }
    identity = session.get(MetaRow, "database_id")
    profile = {
        name: rows[PROFILE_PREFIX + name]
        for name in PROFILE_FIELDS
        if PROFILE_PREFIX + name in rows
    }
    # Settings left at their defaults are not written; the lists of records always are.
    document: dict[str, Any] = drop_empty(
        {
            "format": FORMAT,
            "database_id": identity.value if identity is not None else None,
            "settings": {name: value for name, value in rows.items() if name in _PLAYBOOK},
            "preferences": {name: rows[name] for name in PREFERENCES if name in rows},
            "profile": drop_empty(profile),
        }
    )
    document |= {
        "contacts": [
            _contact(row) for row in session.scalars(select(ContactRow).order_by(ContactRow.key))
        ],
        "references": _references(session),
    }
    keys = _keys(session)
    by_interview: dict[int | None, list[dict[str, Any]]] = {}
    notices = _notices(session, computer)
    query = select(StepRow).order_by(StepRow.due, StepRow.id)
    for step in session.scalars(query):
        item = _step(step, keys, notices.get(step.id))
        by_interview.setdefault(step.interview_id, []).append(item)
    interviews = []
    query_i = select(InterviewRow).options(*FULL_INTERVIEW).order_by(InterviewRow.key)
    for row in session.scalars(query_i):
        interviews.append(_interview(row, by_interview.get(row.id, [])))
    document["interviews"] = interviews
    document["steps"] = by_interview.get(None, [])
    step_keys = dict(session.execute(select(StepRow.id, StepRow.key)).all())
    document["letters"] = [
        _letter(letter, keys, step_keys)
        for letter in session.scalars(
            select(LetterRow).order_by(LetterRow.created_at, LetterRow.key)
        )
    ]
    add_applications(session, document)
    return document


class _KeyMaps:
    def __init__(
        self,
        contacts: dict[int, str],
        references: dict[int, str],
        interviews: dict[int, str],
        referrals: dict[int, str],
    ) -> None:
        self.contacts, self.references = contacts, references
        self.interviews, self.referrals = interviews, referrals


def _keys(session: Session) -> _KeyMaps:
    def ids(model: Any) -> dict[int, str]:
        return dict(session.execute(select(model.id, model.key)).all())

    return _KeyMaps(ids(ContactRow), ids(ReferenceRow), ids(InterviewRow), ids(ReferralLeadRow))


def _entries(ways: Sequence[Way[Any]], chosen: int | None) -> list[dict[str, Any]]:
    """A contact's emails (phones, addresses) as the format's entries: ``value`` (an address
    as an object of its non-empty parts), ``labels``, ``pref`` and ``preferred`` (the user's
    choice); empty fields left out."""
    entries = []
    for index, way in enumerate(ways):
        value = way.value
        if isinstance(value, PostalAddress):
            value = drop_empty(
                {
                    "street": value.street,
                    "locality": value.locality,
                    "region": value.region,
                    "postal_code": value.postal_code,
                    "country": value.country,
                }
            )
        entry = {
            "value": value,
            "labels": list(way.labels),
            "pref": way.pref,
            "preferred": True if index == chosen else None,
        }
        entries.append(drop_empty(entry))
    return entries


def _contact(row: ContactRow) -> dict[str, Any]:
    ways = ways_of(row)
    return drop_empty(
        {
            "key": row.key,
            "name": row.name,
            "salutation": row.salutation,
            "family_name": row.family_name,
            "title": row.title,
            "company": row.company,
            "emails": _entries(ways.emails, ways.chosen_email),
            "phones": _entries(ways.phones, ways.chosen_phone),
            "addresses": _entries(ways.addresses, ways.chosen_address),
            "preferred_channel": row.preferred_channel,
            "notes": row.notes,
            "sample": row.sample or None,
        }
    )


def _references(session: Session) -> list[dict[str, Any]]:
    interview_keys = dict(session.execute(select(InterviewRow.id, InterviewRow.key)).all())
    query = (
        select(ReferenceRow).options(selectinload(ReferenceRow.notices)).order_by(ReferenceRow.key)
    )
    found = []
    for ref in session.scalars(query):
        log = [
            drop_empty(
                {
                    "key": notice.key,
                    "at": notice.at.isoformat(),
                    "channel": notice.channel,
                    "note": notice.note,
                    "interview": interview_keys.get(notice.interview_id)
                    if notice.interview_id is not None
                    else None,
                }
            )
            for notice in sorted(ref.notices, key=_notice_order)
        ]
        found.append(
            drop_empty(
                {
                    "key": ref.key,
                    "name": ref.name,
                    "relationship": ref.relation,
                    "emails": _ways(ref.email),
                    "phones": _ways(ref.phone),
                    "permission_date": iso(ref.permission_date),
                    "sample": ref.sample or None,
                    "log": log,
                }
            )
        )
    return found


def _notice_order(notice: ReferenceNoticeRow) -> tuple[Any, str]:
    return (notice.at, notice.key)


def _interview(row: InterviewRow, steps: list[dict[str, Any]]) -> dict[str, Any]:
    return drop_empty(
        {
            "key": row.key,
            "company": row.company,
            "position": row.position,
            "round": row.round,
            "start": _wall_time(row),
            "time_zone": row.time_zone,
            "duration_minutes": row.duration_minutes,
            "format": row.format,
            "location": row.location,
            "country": row.country,
            "region": row.region,
            "status": row.status,
            "status_changed": iso(row.status_changed_at),
            "people": [{"contact": p.contact.key, "role": p.role} for p in row.people],
            "references": [link.reference.key for link in row.reference_links],
            "decision_expected": iso(row.decision_expected),
            "decided_by": row.decided_by,
            "employer_will_contact": row.employer_will_contact,
            "agreed_follow_up": iso(row.agreed_follow_up),
            "referrals": [
                drop_empty({"key": lead.key, **{n: getattr(lead, n) for n in REFERRAL_FIELDS}})
                for lead in row.referrals
            ],
            "debrief": drop_empty({n: getattr(row.debrief, n) for n in DEBRIEF_FIELDS})
            if row.debrief is not None
            else None,
            "sample": row.sample or None,
            # The calendar invitation it was imported from (issue 18 §1; "" and 0: none).
            "uid": row.ical_uid,
            "sequence": row.ical_sequence or None,
            "steps": steps,
        }
    )


def _notices(session: Session, computer: str) -> dict[int, datetime]:
    """When ``computer`` announced each step: its own notice, else one for every computer."""
    query = select(StepNoticeRow).where(StepNoticeRow.computer.in_([computer, EVERY_COMPUTER]))
    found: dict[int, datetime] = {}
    for notice in session.scalars(query):
        if notice.step_id not in found or notice.computer == computer:
            found[notice.step_id] = notice.notified_at
    return found


def _step(row: StepRow, keys: _KeyMaps, notified_at: datetime | None) -> dict[str, Any]:
    return drop_empty(
        {
            "key": row.key,
            "kind": row.kind,
            "title": row.title,
            "reason": row.reason,
            "person": row.person,
            "channel": row.channel,
            "optional": row.optional or None,
            "planned_due": row.planned_due.isoformat(),
            "status": row.status,
            "due": iso(row.due_override),
            "snoozed_until": iso(row.snoozed_until),
            "done_at": iso(row.done_at),
            "auto_done": row.auto_done or None,
            # false stays: "no answer yet" is an answer (drop_empty keeps it).
            "answered": row.answered,
            "notified_at": iso(notified_at),
            "contact": keys.contacts.get(row.contact_id) if row.contact_id is not None else None,
            "reference": keys.references.get(row.reference_id)
            if row.reference_id is not None
            else None,
            "referral": keys.referrals.get(row.referral_id)
            if row.referral_id is not None
            else None,
        }
    )


def _letter(row: LetterRow, keys: _KeyMaps, step_keys: dict[int, str]) -> dict[str, Any]:
    return drop_empty(
        {
            "key": row.key,
            "template": row.template,
            "subject": row.subject,
            "body": row.body,
            "channel": row.channel,
            "created_at": row.created_at.isoformat(),
            "sent_at": iso(row.sent_at),
            "step": step_keys.get(row.step_id) if row.step_id is not None else None,
            "interview": keys.interviews.get(row.interview_id)
            if row.interview_id is not None
            else None,
            "contact": keys.contacts.get(row.contact_id) if row.contact_id is not None else None,
            "reference": keys.references.get(row.reference_id)
            if row.reference_id is not None
            else None,
        }
    )
