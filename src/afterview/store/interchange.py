"""The ``afterview/1`` JSON interchange format: validated whole, then written in one transaction.

Parsing builds plain validated values without touching the database, so a
bad file reports the record and the field and leaves the database as it was.
Unknown fields are refused rather than dropped: a typo must not lose data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain import records as r
from afterview.store import steps
from afterview.store.errors import RecordError, StoreError
from afterview.store.models import (
    ContactRow,
    DebriefRow,
    InterviewPersonRow,
    InterviewReferenceRow,
    InterviewRow,
    ReferenceRow,
    ReferralLeadRow,
    SettingRow,
)
from afterview.store.setting_values import decode_setting, encode_setting
from afterview.store.settings import save_settings

FORMAT = "afterview/1"
MAX_NAME = 500
MAX_TEXT = 100_000
E = TypeVar("E", bound=StrEnum)
M = TypeVar("M", ContactRow, ReferenceRow)

CONTACT_FIELDS = ("name", "title", "company", "email", "phone", "address", "notes")
REFERENCE_FIELDS = ("name", "relationship", "email", "phone")
REFERRAL_FIELDS = ("name", "email", "phone", "note")
DEBRIEF_FIELDS = (
    "learned",
    "significant_points",
    "open_questions",
    "strong_points",
    "to_improve",
    "thank_you_topic",
)
ROLES_IN_FORMAT = ("interviewer", "hiring_manager", "decision_maker", "recruiter", "referral")


class ImportFileError(StoreError):
    """The file cannot be read as an ``afterview/1`` document."""


# --- validation ---------------------------------------------------------------------------


class _Record:
    """Reads one JSON object's fields, naming the record in every error."""

    def __init__(self, label: str, data: Any, allowed: tuple[str, ...]) -> None:
        self.label = label
        if not isinstance(data, dict):
            raise RecordError(label, "(record)", f"expected an object, got {_kind(data)}")
        unknown = sorted(set(data) - set(allowed))
        if unknown:
            raise RecordError(label, unknown[0], "unknown field (check the spelling)")
        self.data: dict[str, Any] = data

    def error(self, name: str, problem: str) -> RecordError:
        return RecordError(self.label, name, problem)

    def text(self, name: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
        value = self.data.get(name)
        if value is None:
            if required:
                raise self.error(name, "required")
            return ""
        if not isinstance(value, str):
            raise self.error(name, f"expected text, got {_kind(value)}")
        if required and not value.strip():
            raise self.error(name, "required (it is empty)")
        if len(value) > limit:
            raise self.error(name, f"too long ({len(value)} characters; at most {limit})")
        if "\x00" in value:
            raise self.error(name, "contains a NUL character")
        return value

    def choice(self, name: str, kind: type[E], default: E | None = None) -> E | None:
        value = self.data.get(name)
        if value is None:
            return default
        try:
            return kind(value)
        except ValueError:
            options = ", ".join(m.value for m in kind)
            raise self.error(name, f"{value!r} is not one of: {options}") from None

    def day(self, name: str) -> date | None:
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(name, f"expected a date YYYY-MM-DD, got {_kind(value)}")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(name, f"{value!r} is not a real date YYYY-MM-DD") from None

    def flag(self, name: str) -> bool | None:
        value = self.data.get(name)
        if value is not None and not isinstance(value, bool):
            raise self.error(name, f"expected true or false, got {_kind(value)}")
        return value

    def whole(self, name: str, default: int, low: int, high: int) -> int:
        value = self.data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.error(name, f"expected a whole number {low}-{high}, got {value!r}")
        return value

    def items(self, name: str) -> list[Any]:
        value = self.data.get(name, [])
        if not isinstance(value, list):
            raise self.error(name, f"expected a list, got {_kind(value)}")
        return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


@dataclass
class ParsedInterview:
    key: str | None
    values: dict[str, Any]
    people: list[tuple[str, r.Role]]
    references: list[str]
    referrals: list[dict[str, str]]
    debrief: dict[str, str] | None


@dataclass
class Document:
    settings: dict[str, Any] = field(default_factory=dict)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    references: list[dict[str, Any]] = field(default_factory=list)
    interviews: list[ParsedInterview] = field(default_factory=list)


def _label(kind: str, index: int, data: Any) -> str:
    key = data.get("key") if isinstance(data, dict) else None
    return f"{kind} #{index + 1}" + (f" (key {key!r})" if isinstance(key, str) else "")


def _key(rec: _Record, *, required: bool) -> str | None:
    value = rec.text("key", required=required, limit=64)
    return value or None


def _unique(keys: list[str | None], kind: str) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in seen:
            raise RecordError(f"{kind} #{index + 1}", "key", f"duplicate key {key!r}")
        seen.add(key)


_ZONES: set[str] | None = None


def _zone(rec: _Record) -> str:
    global _ZONES
    name = rec.text("time_zone", required=True, limit=64)
    if _ZONES is None:
        _ZONES = available_timezones()
    if name not in _ZONES:
        raise rec.error("time_zone", f"unknown IANA time zone {name!r} (e.g. 'Europe/Berlin')")
    return name


def _start(rec: _Record, zone_name: str) -> datetime:
    text = rec.text("start", required=True, limit=40)
    try:
        local = datetime.fromisoformat(text)
    except ValueError:
        raise rec.error("start", f"{text!r} is not a real date-time YYYY-MM-DDTHH:MM") from None
    zone = ZoneInfo(zone_name)
    if local.tzinfo is not None:
        raise rec.error(
            "start", f"{text!r} has a UTC offset; give the local wall time and the time_zone"
        )
    aware = local.replace(tzinfo=zone)
    # A wall time in a spring-forward gap does not exist: refuse it rather than guess.
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local:
        raise rec.error("start", f"{text!r} does not exist in {zone_name} (clocks change then)")
    return aware


def _country(rec: _Record, name: str) -> str:
    value = rec.text(name, limit=2)
    if value and not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise rec.error(name, f"expected an ISO 3166 alpha-2 code like 'US', got {value!r}")
    return value.upper()


def parse_document(data: Any) -> Document:
    if not isinstance(data, dict):
        raise RecordError("document", "(top level)", f"expected an object, got {_kind(data)}")
    top = _Record("document", data, ("format", "settings", "contacts", "references", "interviews"))
    if data.get("format") != FORMAT:
        raise top.error("format", f"expected {FORMAT!r}, got {data.get('format')!r}")
    doc = Document()
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise top.error("settings", f"expected an object, got {_kind(settings)}")
    for name, value in settings.items():
        doc.settings[name] = encode_setting(decode_setting(name, value))

    for index, item in enumerate(top.items("contacts")):
        rec = _Record(
            _label("contact", index, item), item, ("key", *CONTACT_FIELDS, "preferred_channel")
        )
        values: dict[str, Any] = {"key": _key(rec, required=True)}
        for name in CONTACT_FIELDS:
            limit = MAX_TEXT if name in ("notes", "address") else MAX_NAME
            values[name] = rec.text(name, required=name == "name", limit=limit)
        channel = rec.choice("preferred_channel", r.Channel)
        values["preferred_channel"] = channel.value if channel else None
        doc.contacts.append(values)
    _unique([c["key"] for c in doc.contacts], "contact")

    for index, item in enumerate(top.items("references")):
        rec = _Record(
            _label("reference", index, item), item, ("key", *REFERENCE_FIELDS, "permission_date")
        )
        values = {"key": _key(rec, required=True)}
        for name in REFERENCE_FIELDS:
            values[name] = rec.text(name, required=name == "name", limit=MAX_NAME)
        values["permission_date"] = rec.day("permission_date")
        doc.references.append(values)
    _unique([ref["key"] for ref in doc.references], "reference")

    contact_keys = {c["key"] for c in doc.contacts}
    reference_keys = {ref["key"] for ref in doc.references}
    for index, item in enumerate(top.items("interviews")):
        doc.interviews.append(
            _parse_interview(_label("interview", index, item), item, contact_keys, reference_keys)
        )
    _unique([i.key for i in doc.interviews], "interview")
    return doc


_INTERVIEW_FIELDS = (
    "key",
    "company",
    "position",
    "round",
    "start",
    "time_zone",
    "duration_minutes",
    "format",
    "location",
    "country",
    "status",
    "status_changed",
    "people",
    "references",
    "decision_expected",
    "decided_by",
    "employer_will_contact",
    "agreed_follow_up",
    "referrals",
    "debrief",
)


def _parse_interview(
    label: str, item: Any, contact_keys: set[str], reference_keys: set[str]
) -> ParsedInterview:
    rec = _Record(label, item, _INTERVIEW_FIELDS)
    zone = _zone(rec)
    values: dict[str, Any] = {
        "company": rec.text("company", required=True, limit=MAX_NAME),
        "position": rec.text("position", required=True, limit=MAX_NAME),
        "round": rec.text("round", limit=MAX_NAME),
        "time_zone": zone,
        "start": _start(rec, zone),
        "duration_minutes": rec.whole("duration_minutes", 60, 1, 24 * 60),
        "format": (rec.choice("format", r.Format, r.Format.IN_PERSON) or r.Format.IN_PERSON).value,
        "location": rec.text("location", limit=MAX_NAME),
        "country": _country(rec, "country"),
        "status": (rec.choice("status", r.Status, r.Status.SCHEDULED) or r.Status.SCHEDULED).value,
        "status_changed_at": _instant(rec, "status_changed"),
        "decision_expected": rec.day("decision_expected"),
        "decided_by": rec.text("decided_by", limit=MAX_NAME),
        "employer_will_contact": rec.flag("employer_will_contact"),
        "agreed_follow_up": rec.day("agreed_follow_up"),
    }
    people: list[tuple[str, r.Role]] = []
    for n, person in enumerate(rec.items("people")):
        sub = _Record(f"{label}, people #{n + 1}", person, ("contact", "role"))
        key = sub.text("contact", required=True, limit=64)
        if key not in contact_keys:
            raise sub.error("contact", f"no contact has the key {key!r}")
        role = sub.choice("role", r.Role, r.Role.INTERVIEWER) or r.Role.INTERVIEWER
        if (key, role) not in people:
            people.append((key, role))
    references: list[str] = []
    for n, key in enumerate(rec.items("references")):
        if not isinstance(key, str) or key not in reference_keys:
            raise RecordError(
                f"{label}, references #{n + 1}", "references", f"no reference has the key {key!r}"
            )
        if key not in references:
            references.append(key)
    referrals = []
    for n, lead in enumerate(rec.items("referrals")):
        sub = _Record(f"{label}, referrals #{n + 1}", lead, REFERRAL_FIELDS)
        referrals.append(
            {
                name: sub.text(
                    name, required=name == "name", limit=MAX_NAME if name != "note" else MAX_TEXT
                )
                for name in REFERRAL_FIELDS
            }
        )
    debrief = None
    if item.get("debrief") is not None:
        sub = _Record(f"{label}, debrief", item["debrief"], DEBRIEF_FIELDS)
        debrief = {name: sub.text(name) for name in DEBRIEF_FIELDS}
    return ParsedInterview(
        key=_key(rec, required=False),
        values=values,
        people=people,
        references=references,
        referrals=referrals,
        debrief=debrief,
    )


def _instant(rec: _Record, name: str) -> datetime | None:
    text = rec.text(name, limit=40)
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise rec.error(name, f"{text!r} is not an ISO 8601 date-time") from None
    if value.tzinfo is None:
        raise rec.error(name, f"{text!r} needs a UTC offset (e.g. +00:00)")
    return value.astimezone(UTC)


# --- reading and writing --------------------------------------------------------------------


def load_file(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from error
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path} is not UTF-8 text (byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from error
    return parse_document(data)


@dataclass(frozen=True)
class ImportSummary:
    contacts: int
    references: int
    interviews: int


def _by_key(session: Session, model: Any, keys: list[str]) -> dict[str, Any]:
    if not keys:
        return {}
    return {row.key: row for row in session.scalars(select(model).where(model.key.in_(keys)))}


def _upsert(row: Any, values: Mapping[str, Any], mapping: Callable[[str], str] = str) -> None:
    for name, value in values.items():
        setattr(row, mapping(name), value)


def _upsert_keyed(
    session: Session,
    model: type[M],
    items: list[dict[str, Any]],
    mapping: Callable[[str], str] = str,
) -> dict[str, M]:
    """Insert or update keyed records; returns every one of them by key."""
    rows: dict[str, M] = _by_key(session, model, [item["key"] for item in items])
    for values in items:
        row = rows.get(values["key"])
        if row is None:
            row = rows[values["key"]] = model()
            session.add(row)
        _upsert(row, values, mapping)
    return rows


def import_document(session: Session, doc: Document, now: datetime) -> ImportSummary:
    """Write a parsed document into the open transaction; records with a known key are updated."""
    save_settings(session, doc.settings)
    contacts = _upsert_keyed(session, ContactRow, doc.contacts)
    references = _upsert_keyed(
        session, ReferenceRow, doc.references, lambda n: "relation" if n == "relationship" else n
    )
    session.flush()

    existing = _by_key(session, InterviewRow, [i.key for i in doc.interviews if i.key])
    touched: list[InterviewRow] = []
    # Rows are linked before they are added; an autoflush halfway would see them half-built.
    with session.no_autoflush:
        for parsed in doc.interviews:
            touched.append(_write_interview(session, parsed, existing, contacts, references, now))
    session.flush()
    steps.replan(session, now, [row.id for row in touched] or None)
    return ImportSummary(len(doc.contacts), len(doc.references), len(doc.interviews))


def _write_interview(
    session: Session,
    parsed: ParsedInterview,
    existing: dict[str, InterviewRow],
    contacts: dict[str, ContactRow],
    references: dict[str, ReferenceRow],
    now: datetime,
) -> InterviewRow:
    values = dict(parsed.values)
    row = existing.get(parsed.key) if parsed.key else None
    if row is None:
        row = InterviewRow(key=parsed.key) if parsed.key else InterviewRow()
        session.add(row)
    elif row.status != values["status"] and values["status_changed_at"] is None:
        values["status_changed_at"] = now  # the status changes now, with this import
    _upsert(row, values)
    row.people = [
        InterviewPersonRow(contact=contacts[key], role=role.value, position=n)
        for n, (key, role) in enumerate(parsed.people)
    ]
    row.reference_links = [
        InterviewReferenceRow(reference=references[key], position=n)
        for n, key in enumerate(parsed.references)
    ]
    row.referrals = [ReferralLeadRow(**lead) for lead in parsed.referrals]
    if parsed.debrief is not None:
        if row.debrief is None:
            row.debrief = DebriefRow(**parsed.debrief)
        else:
            _upsert(row.debrief, parsed.debrief)
    return row


# --- export ----------------------------------------------------------------------------------


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in ("", None, [], {})}


def _wall_time(row: InterviewRow) -> str:
    local = row.start.astimezone(ZoneInfo(row.time_zone))
    fmt = "%Y-%m-%dT%H:%M" if local.second == 0 and local.microsecond == 0 else "%Y-%m-%dT%H:%M:%S"
    return local.strftime(fmt)


def export_document(session: Session) -> dict[str, Any]:
    settings = {
        row.name: json.loads(row.value)
        for row in session.scalars(select(SettingRow).order_by(SettingRow.name))
    }
    contacts = [
        _drop_empty(
            {
                "key": c.key,
                **{n: getattr(c, n) for n in CONTACT_FIELDS},
                "preferred_channel": c.preferred_channel,
            }
        )
        for c in session.scalars(select(ContactRow).order_by(ContactRow.key))
    ]
    references = [
        _drop_empty(
            {
                "key": ref.key,
                "name": ref.name,
                "relationship": ref.relation,
                "email": ref.email,
                "phone": ref.phone,
                "permission_date": ref.permission_date.isoformat() if ref.permission_date else None,
            }
        )
        for ref in session.scalars(select(ReferenceRow).order_by(ReferenceRow.key))
    ]
    interviews = []
    query = select(InterviewRow).options(*steps.FULL_INTERVIEW).order_by(InterviewRow.key)
    for row in session.scalars(query):
        item = {
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
            "status": row.status,
            "status_changed": row.status_changed_at.isoformat() if row.status_changed_at else None,
            "people": [{"contact": p.contact.key, "role": p.role} for p in row.people],
            "references": [link.reference.key for link in row.reference_links],
            "decision_expected": _iso(row.decision_expected),
            "decided_by": row.decided_by,
            "employer_will_contact": row.employer_will_contact,
            "agreed_follow_up": _iso(row.agreed_follow_up),
            "referrals": [
                _drop_empty({n: getattr(lead, n) for n in REFERRAL_FIELDS})
                for lead in row.referrals
            ],
            "debrief": _drop_empty({n: getattr(row.debrief, n) for n in DEBRIEF_FIELDS})
            if row.debrief is not None
            else None,
        }
        interviews.append(_drop_empty(item))
    document: dict[str, Any] = {"format": FORMAT}
    if settings:
        document["settings"] = settings
    document.update(contacts=contacts, references=references, interviews=interviews)
    return document


def _iso(value: date | time | None) -> str | None:
    return value.isoformat() if value is not None else None
