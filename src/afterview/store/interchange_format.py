"""The interchange format, read and checked: a file becomes plain validated values without
touching the database (and without a database library), so a bad file reports the record and
the field and leaves the database as it was. Unknown fields are refused rather than dropped:
a typo must not lose data. Writing it into the store: :mod:`afterview.store.interchange`.

Three versions are read (README, "The interchange format"): ``afterview/3``, which Afterview
writes: version 2 and the applications with their history (issue 17,
:mod:`afterview.store.interchange_applications`); ``afterview/2``, which carries everything a
user made (step states, letters, the references' log,
the profile and every setting, the database's identity), and ``afterview/1``, the records
alone. A contact's ``emails``, ``phones`` and ``addresses`` are lists of entries, each with
its labels, the card's rank (``pref``) and whether it is the user's choice (``preferred``); an
address is an object of its five parts. A contact's ``salutation`` (Ms, Mr, Dr, Mx) and
``family_name``, which letters greet with, are optional in version 2 and need no new version:
a file without them (every earlier one) reads as before, and an Afterview that does not know
them refuses them by name instead of dropping them. Version 2 has room for what later versions add
(an invitation's UID; applications, which version 3 reads); this version refuses such values
by name rather than keeping part of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from afterview.domain import records as r
from afterview.domain.calendar import region_problem
from afterview.domain.contact_ways import (
    PREF_MAX,
    PREF_MIN,
    PostalAddress,
    Way,
    Ways,
    parse_labels,
)
from afterview.domain.contact_ways import ways as ways_of
from afterview.domain.records import DEBRIEF_FIELDS, SALUTATIONS, is_one_line, salutation_of
from afterview.domain.settings import PREFERENCES, PROFILE_PREFIX
from afterview.store import interchange_history as history
from afterview.store.errors import RecordError, StoreError
from afterview.store.interchange_applications import MAX_KEY, ParsedApplication, parse_applications
from afterview.store.interchange_fields import MAX_NAME, MAX_TEXT, FieldReader, kind_of
from afterview.store.interchange_read import ImportFileError as ImportFileError
from afterview.store.interchange_read import in_file, load_json
from afterview.store.setting_values import decode_setting, encode_setting
from afterview.store.values import PROFILE_FIELDS

FORMAT = "afterview/3"
FORMAT_2 = "afterview/2"
FORMAT_1 = "afterview/1"
FORMATS = (FORMAT, FORMAT_2, FORMAT_1)

CONTACT_FIELDS = ("name", "title", "company", "email", "phone", "address", "notes")
REFERENCE_FIELDS = ("name", "relationship", "email", "phone")
REFERRAL_FIELDS = ("name", "email", "phone", "note")
#: Version 2 keeps a person's ways to reach them as lists of these entries.
WAYS = {"email": "emails", "phone": "phones", "address": "addresses"}
#: An entry: ``value`` (text; for an address an object of its five parts), ``labels`` (or
#: ``label``), ``pref`` (the card's rank, 1-100) and ``preferred`` (the user's choice).
_ENTRY_FIELDS = ("value", "label", "labels", "pref", "preferred")
_REFERENCE_ENTRY_FIELDS = ("value", "label", "preferred")
LATER = "a later version of Afterview keeps this; update Afterview to import it"
ONE_EACH = "a reference keeps one email and one phone, unlabelled (contacts keep several)"


@dataclass
class ParsedInterview:
    #: How errors name it: "interview #3 (key 'acme-1')".
    label: str
    key: str | None
    values: dict[str, Any]
    people: list[tuple[str, r.Role]]
    references: list[str]
    referrals: list[dict[str, str]]
    debrief: dict[str, str] | None
    #: The key of the application it is a round of (version 3), or None: grouped on import.
    application: str | None = None


@dataclass
class Document:
    """A checked document. Keys refer to records in the file or, failing that, in the
    database it is imported into (checked then, in the import's transaction)."""

    version: str = FORMAT
    database_id: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    preferences: dict[str, Any] = field(default_factory=dict)
    profile: dict[str, Any] | None = None
    contacts: list[dict[str, Any]] = field(default_factory=list)
    references: list[dict[str, Any]] = field(default_factory=list)
    interviews: list[ParsedInterview] = field(default_factory=list)
    steps: list[history.ParsedStep] = field(default_factory=list)
    letters: list[history.ParsedLetter] = field(default_factory=list)
    notices: list[history.ParsedNotice] = field(default_factory=list)
    applications: list[ParsedApplication] = field(default_factory=list)


def label(kind: str, index: int, data: Any) -> str:
    key = data.get("key") if isinstance(data, dict) else None
    return f"{kind} #{index + 1}" + (f" (key {key!r})" if isinstance(key, str) else "")


def _unique_leads(interviews: list[ParsedInterview]) -> None:
    """A referral lead's key names one lead in the whole file, not one per interview."""
    seen: dict[str, str] = {}
    for interview in interviews:
        for n, lead in enumerate(interview.referrals):
            key = lead.get("key")
            if key is None:
                continue
            if key in seen:
                raise RecordError(
                    f"{interview.label}, referrals #{n + 1}",
                    "key",
                    f"duplicate key {key!r} (a referral of {seen[key]} has it)",
                )
            seen[key] = interview.label


def unique(keys: list[str | None], kind: str) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in seen:
            raise RecordError(f"{kind} #{index + 1}", "key", f"duplicate key {key!r}")
        seen.add(key)


_TOP_2 = (
    "format",
    "database_id",
    "settings",
    "preferences",
    "profile",
    "contacts",
    "references",
    "applications",
    "interviews",
    "steps",
    "letters",
)
_TOP = {
    FORMAT_1: ("format", "settings", "contacts", "references", "interviews"),
    FORMAT_2: _TOP_2,
    FORMAT: _TOP_2,  # version 3: the same names; "applications" is read now
}


def parse_document(data: Any) -> Document:
    """A checked :class:`Document` from JSON data; RecordError names the record and field."""
    if not isinstance(data, dict):
        raise RecordError("document", "(top level)", f"expected an object, got {kind_of(data)}")
    version = data.get("format")
    if version not in FORMATS:
        known = ", ".join(repr(name) for name in FORMATS)
        raise RecordError("document", "format", f"expected one of {known}, got {version!r}")
    top = FieldReader("document", data, _TOP[version])
    doc = Document(version=version)
    _settings(top, doc)
    v2 = version in (FORMAT, FORMAT_2)
    v3 = version == FORMAT
    if v2:
        doc.database_id = _identity(top)
        doc.profile = _profile(top)
    if v3:
        doc.applications = parse_applications(top.items("applications"))
    else:
        top.reject("applications", f"applications: {LATER}")
    for index, item in enumerate(top.items("contacts")):
        doc.contacts.append(_contact(label("contact", index, item), item, v2))
    unique([c["key"] for c in doc.contacts], "contact")
    for index, item in enumerate(top.items("references")):
        where = label("reference", index, item)
        values, log = _reference(where, item, v2)
        doc.references.append(values)
        doc.notices += history.parse_log(where, values["key"], log)
    unique([ref["key"] for ref in doc.references], "reference")
    for index, item in enumerate(top.items("interviews")):
        where = label("interview", index, item)
        doc.interviews.append(_interview(where, item, v2, v3))
        if v2 and isinstance(item, dict):
            key = doc.interviews[-1].key
            if key is None and item.get("steps"):
                raise RecordError(where, "steps", "the interview needs a key: its steps name it")
            doc.steps += history.parse_steps(where, key, item.get("steps", []))
    unique([i.key for i in doc.interviews], "interview")
    _unique_leads(doc.interviews)
    if v2:
        doc.steps += history.parse_steps("document", None, top.items("steps"))
        doc.letters = [
            history.parse_letter(label("letter", n, item), item)
            for n, item in enumerate(top.items("letters"))
        ]
        history.check_keys(doc.steps, doc.letters, doc.notices)
    return doc


def _identity(top: FieldReader) -> str | None:
    value = top.text("database_id", limit=64)
    if value and not (len(value) == 32 and all(c in "0123456789abcdef" for c in value)):
        raise top.error("database_id", f"expected 32 hexadecimal digits, got {value!r}")
    return value or None


def _settings(top: FieldReader, doc: Document) -> None:
    settings = top.data.get("settings", {})
    if not isinstance(settings, dict):
        raise top.error("settings", f"expected an object, got {kind_of(settings)}")
    for name, value in settings.items():
        if doc.version == FORMAT_1 and (name in PREFERENCES or name.startswith(PROFILE_PREFIX)):
            # Release 0.1.0 exported every row of its settings table here.
            _legacy_setting(doc, name, value)
            continue
        doc.settings[name] = encode_setting(decode_setting(name, value))
    if doc.version in (FORMAT, FORMAT_2):
        prefs = top.data.get("preferences", {})
        if not isinstance(prefs, dict):
            raise top.error("preferences", f"expected an object, got {kind_of(prefs)}")
        for name, value in prefs.items():
            doc.preferences[name] = history.check_preference(name, value)


def _legacy_setting(doc: Document, name: str, value: Any) -> None:
    if name in PREFERENCES:
        doc.preferences[name] = history.check_preference(name, value)
        return
    field_name = name[len(PROFILE_PREFIX) :]
    if field_name not in PROFILE_FIELDS:
        raise RecordError("settings", name, "unknown setting")
    if not isinstance(value, str):
        raise RecordError("settings", name, f"expected text, got {kind_of(value)}")
    doc.profile = {**(doc.profile or {}), field_name: value}


def _profile(top: FieldReader) -> dict[str, Any] | None:
    data = top.data.get("profile")
    if data is None:
        return None
    rec = FieldReader("profile", data, PROFILE_FIELDS)
    values: dict[str, Any] = {name: rec.text(name) for name in PROFILE_FIELDS if name != "address"}
    address = rec.data.get("address")
    if isinstance(address, dict):
        parts = FieldReader("profile, address", address, _ADDRESS_FIELDS)
        values["address"] = {name: parts.text(name, limit=MAX_TEXT) for name in _ADDRESS_FIELDS}
    else:  # one text, as Afterview 0.2 wrote it
        values["address"] = rec.text("address")
    return values


def _way(rec: FieldReader, single: str, v2: bool) -> str:
    """A reference's one email or phone: v1's text field, or v2's list of at most one entry."""
    if not v2:
        return rec.text(single, limit=MAX_TEXT if single == "address" else MAX_NAME)
    plural = WAYS[single]
    entries = rec.items(plural)
    if len(entries) > 1:
        raise rec.error(plural, f"several {plural} on one reference: {ONE_EACH}")
    if not entries:
        return ""
    entry = FieldReader(f"{rec.label}, {plural} #1", entries[0], _REFERENCE_ENTRY_FIELDS)
    entry.reject("label", f"labelled {plural} on a reference: {ONE_EACH}")
    entry.flag("preferred")
    limit = MAX_TEXT if single == "address" else MAX_NAME
    return entry.text("value", required=True, limit=limit)


_ADDRESS_FIELDS = ("street", "locality", "region", "postal_code", "country")


def _address_value(entry: FieldReader) -> PostalAddress:
    """An address entry's value: an object of the five parts, or (as Afterview 0.2 wrote it)
    one text, kept whole as the street."""
    value = entry.data.get("value")
    if isinstance(value, dict):
        parts = FieldReader(f"{entry.label}, value", value, _ADDRESS_FIELDS)
        address = PostalAddress(*(parts.text(name, limit=MAX_TEXT) for name in _ADDRESS_FIELDS))
        if address.is_empty:
            raise entry.error("value", "required (every part is empty)")
        return address
    return PostalAddress(street=entry.text("value", required=True, limit=MAX_TEXT))


def _labels(entry: FieldReader) -> tuple[str, ...]:
    """``labels``, a list of words, or ``label``, one word (or several separated by commas)."""
    given = entry.data.get("labels")
    if given is not None and entry.data.get("label") is not None:
        raise entry.error("label", "give labels or label, not both")
    if given is None:
        return parse_labels(entry.text("label", limit=MAX_NAME))
    words = entry.items("labels")
    for word in words:
        if not isinstance(word, str) or not word.strip() or "," in word:
            raise entry.error("labels", f'expected a list of words like "work", got {word!r}')
    return parse_labels(",".join(words))


def _ways(rec: FieldReader, single: str) -> tuple[tuple[Way[Any], ...], int | None]:
    """A contact's list ``emails`` (``phones``, ``addresses``): every entry, and which one the
    user chose (``"preferred": true``, at most one)."""
    plural = WAYS[single]
    found: list[Way[Any]] = []
    chosen: int | None = None
    for index, item in enumerate(rec.items(plural)):
        entry = FieldReader(f"{rec.label}, {plural} #{index + 1}", item, _ENTRY_FIELDS)
        if single == "address":
            value: Any = _address_value(entry)
        else:
            value = entry.text("value", required=True, limit=MAX_NAME)
        pref = entry.data.get("pref")
        if pref is not None:
            pref = entry.whole("pref", 0, PREF_MIN, PREF_MAX)
        if entry.flag("preferred"):
            if chosen is not None:
                raise entry.error("preferred", f"{plural} #{chosen + 1} is already the one to use")
            chosen = index
        found.append(Way(value, _labels(entry), pref))
    return tuple(found), chosen


def _greeting(rec: FieldReader, values: dict[str, Any]) -> None:
    """``salutation``: one of SALUTATIONS ("Dr." read as "Dr") or absent; ``family_name``: one
    line of text or absent."""
    given = rec.text("salutation", limit=MAX_NAME)
    salutation = salutation_of(given)
    if salutation is None:
        allowed = ", ".join(repr(s) for s in SALUTATIONS)
        raise rec.error("salutation", f"expected one of {allowed}, got {given!r}")
    family = rec.text("family_name", limit=MAX_NAME).strip()
    if not is_one_line(family):
        raise rec.error("family_name", "expected one line of text")
    values["salutation"], values["family_name"] = salutation, family


def _contact(where: str, item: Any, v2: bool) -> dict[str, Any]:
    plain = ("name", "title", "company", "notes")
    ways = tuple(WAYS.values()) if v2 else ("email", "phone", "address")
    extra = ("sample", "salutation", "family_name") if v2 else ()
    rec = FieldReader(where, item, ("key", *plain, *ways, "preferred_channel", *extra))
    values: dict[str, Any] = {"key": rec.key(required=True)}
    for name in plain:
        limit = MAX_TEXT if name == "notes" else MAX_NAME
        values[name] = rec.text(name, required=name == "name", limit=limit)
    if v2:
        emails, chosen_email = _ways(rec, "email")
        phones, chosen_phone = _ways(rec, "phone")
        addresses, chosen_address = _ways(rec, "address")
        values["ways"] = Ways(emails, phones, addresses, chosen_email, chosen_phone, chosen_address)
    else:
        values["ways"] = Ways(
            emails=ways_of(rec.text("email", limit=MAX_NAME)),
            phones=ways_of(rec.text("phone", limit=MAX_NAME)),
            addresses=ways_of(PostalAddress(street=rec.text("address", limit=MAX_TEXT))),
        )
    if v2:
        _greeting(rec, values)
    channel = rec.choice("preferred_channel", r.Channel)
    values["preferred_channel"] = channel.value if channel else None
    values["sample"] = bool(rec.flag("sample"))
    return values


def _reference(where: str, item: Any, v2: bool) -> tuple[dict[str, Any], list[Any]]:
    ways = ("emails", "phones") if v2 else ("email", "phone")
    extra = ("sample", "log") if v2 else ()
    rec = FieldReader(
        where, item, ("key", "name", "relationship", *ways, "permission_date", *extra)
    )
    values: dict[str, Any] = {"key": rec.key(required=True)}
    values["name"] = rec.text("name", required=True, limit=MAX_NAME)
    values["relationship"] = rec.text("relationship", limit=MAX_NAME)
    values["email"] = _way(rec, "email", v2)
    values["phone"] = _way(rec, "phone", v2)
    values["permission_date"] = rec.day("permission_date")
    values["sample"] = bool(rec.flag("sample"))
    return values, rec.items("log") if v2 else []


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
    "region",
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
_INTERVIEW_FIELDS_2 = (*_INTERVIEW_FIELDS, "sample", "steps", "uid", "application")
#: Version 3 keeps the calendar invitation an interview was imported from (issue 18 §1).
_INTERVIEW_FIELDS_3 = (*_INTERVIEW_FIELDS_2, "sequence")
#: A UID is any text (RFC 5545 §3.8.4.7); Exchange's are about 110 characters.
MAX_UID = 1000
_ZONES: set[str] | None = None


def _zone(rec: FieldReader) -> str:
    global _ZONES
    name = rec.text("time_zone", required=True, limit=64)
    if _ZONES is None:
        _ZONES = available_timezones()
    if name not in _ZONES:
        raise rec.error("time_zone", f"unknown IANA time zone {name!r} (e.g. 'Europe/Berlin')")
    return name


def _start(rec: FieldReader, zone_name: str) -> datetime:
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


def _country(rec: FieldReader, name: str) -> str:
    value = rec.text(name, limit=2)
    if value and not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise rec.error(name, f"expected an ISO 3166 alpha-2 code like 'US', got {value!r}")
    return value.upper()


def _region(rec: FieldReader) -> str:
    value = rec.text("region", limit=16).strip().upper()
    country = rec.data.get("country")
    problem = region_problem(value, country if isinstance(country, str) else "")
    if problem is not None:
        raise rec.error("region", problem)
    return value


def _interview(where: str, item: Any, v2: bool, v3: bool = False) -> ParsedInterview:
    fields = _INTERVIEW_FIELDS_3 if v3 else _INTERVIEW_FIELDS_2 if v2 else _INTERVIEW_FIELDS
    rec = FieldReader(where, item, fields)
    if not v3:
        rec.reject("uid", f"an invitation's UID: {LATER}")
    if not v3:
        rec.reject("application", f"applications: {LATER}")
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
        "region": _region(rec),
        "status": (rec.choice("status", r.Status, r.Status.SCHEDULED) or r.Status.SCHEDULED).value,
        "status_changed_at": rec.instant("status_changed"),
        "decision_expected": rec.day("decision_expected"),
        "decided_by": rec.text("decided_by", limit=MAX_NAME),
        "employer_will_contact": rec.flag("employer_will_contact"),
        "agreed_follow_up": rec.day("agreed_follow_up"),
        "sample": bool(rec.flag("sample")),
    }
    if v3:  # the invitation it came from: UID and SEQUENCE (RFC 5545 §3.8.4.7, §3.8.7.4)
        values["ical_uid"] = rec.text("uid", limit=MAX_UID)
        values["ical_sequence"] = rec.whole("sequence", 0, 0, 2**31 - 1)
    people: list[tuple[str, r.Role]] = []
    for n, person in enumerate(rec.items("people")):
        sub = FieldReader(f"{where}, people #{n + 1}", person, ("contact", "role"))
        key = sub.text("contact", required=True, limit=64)
        role = sub.choice("role", r.Role, r.Role.INTERVIEWER) or r.Role.INTERVIEWER
        if (key, role) not in people:
            people.append((key, role))
    references: list[str] = []
    for n, key in enumerate(rec.items("references")):
        if not isinstance(key, str) or not key.strip():
            raise RecordError(f"{where}, references #{n + 1}", "references", f"bad key {key!r}")
        if key not in references:
            references.append(key)
    referrals = []
    lead_fields = ("key", *REFERRAL_FIELDS) if v2 else REFERRAL_FIELDS
    for n, lead in enumerate(rec.items("referrals")):
        sub = FieldReader(f"{where}, referrals #{n + 1}", lead, lead_fields)
        values_of_lead = {
            name: sub.text(
                name, required=name == "name", limit=MAX_TEXT if name == "note" else MAX_NAME
            )
            for name in REFERRAL_FIELDS
        }
        lead_key = sub.key(required=False)
        if lead_key is not None:
            values_of_lead["key"] = lead_key
        referrals.append(values_of_lead)
    unique([lead.get("key") for lead in referrals], f"{where}, referral")
    debrief = None
    if item.get("debrief") is not None:
        sub = FieldReader(f"{where}, debrief", item["debrief"], DEBRIEF_FIELDS)
        debrief = {name: sub.text(name) for name in DEBRIEF_FIELDS}
    return ParsedInterview(
        label=where,
        key=rec.key(required=False),
        values=values,
        people=people,
        references=references,
        referrals=referrals,
        debrief=debrief,
        application=(rec.text("application", limit=MAX_KEY) or None) if v3 else None,
    )


# --- reading a file --------------------------------------------------------------------------


def load_file(path: Path) -> Document:
    """Read and check a whole file; ImportFileError when it is not a readable JSON file of at
    most MAX_FILE_BYTES (or holds a NUL, a lone surrogate, too many values, too deep),
    RecordError naming the record and field when a value is wrong (see
    :mod:`afterview.store.interchange_read`)."""
    try:
        return parse_document(load_json(path))
    except StoreError as error:
        told = in_file(error, path)
        if told is error:
            raise
        raise told from error


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
