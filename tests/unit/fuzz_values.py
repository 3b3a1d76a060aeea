"""Valid contacts and interviews for the importers' fuzz tests: hypothesis strategies, each
written as JSON (the interchange format as the README describes it) and as vCard text (RFC
6350's escapes and folding) by this module itself, and the checks of what the store reads
back. Not Afterview's exporters: a mistake shared by exporter and importer would pass.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hypothesis import strategies as st

from afterview.domain import records as r

#: One line of text as people type it: any Unicode but controls and lone surrogates, with no
#: space at either end (a card's parts are read trimmed).
LINE = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)
OPTIONAL = st.one_of(st.just(""), LINE)
NOTES = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), max_size=120)
LABELS = st.lists(st.sampled_from(["work", "home", "cell", "voice", "x-desk"]), unique=True)
PREF = st.one_of(st.none(), st.integers(1, 100))
LOCAL = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"), min_size=1, max_size=8)
COUNTRIES = st.sampled_from(["", "US", "DE", "JP"])

CONTACT = st.fixed_dictionaries(
    {
        "name": LINE,
        "title": OPTIONAL,
        "company": OPTIONAL,
        "notes": NOTES,
        "emails": st.lists(st.tuples(LOCAL, LABELS, PREF), max_size=3),
        "phones": st.lists(st.tuples(st.integers(0, 9999), LABELS, PREF), max_size=3),
        "addresses": st.lists(
            st.tuples(LINE, OPTIONAL, OPTIONAL, OPTIONAL, COUNTRIES, LABELS, PREF), max_size=2
        ),
    }
)
CONTACTS = st.lists(CONTACT, min_size=1, max_size=4)

INTERVIEW = st.fixed_dictionaries(
    {
        "company": LINE,
        "position": LINE,
        "round": OPTIONAL,
        "start": st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31)).map(
            lambda moment: moment.replace(hour=9 + moment.hour % 9, second=0, microsecond=0)
        ),
        "time_zone": st.sampled_from(
            ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]
        ),
        "duration_minutes": st.integers(1, 24 * 60),
        "format": st.sampled_from([f.value for f in r.Format]),
        "location": OPTIONAL,
    }
)
INTERVIEWS = st.lists(INTERVIEW, max_size=3)


def email(prefix: str, contact: int, index: int, local: str) -> str:
    # Unique in the store: a value shared with an earlier example would merge the cards.
    return f"{local}.{prefix}.{contact}.{index}@example.org"


def phone(number: int, index: int) -> str:
    return f"+1 202 555 {(number + index * 3331) % 10000:04d}"


def _phones(given: dict[str, Any]) -> list[tuple[str, list[str], int | None]]:
    """The phones, each number once (two draws can land on the same one)."""
    seen: dict[str, tuple[str, list[str], int | None]] = {}
    for index, (number, labels, pref) in enumerate(given["phones"]):
        seen.setdefault(phone(number, index), (phone(number, index), labels, pref))
    return list(seen.values())


def _street(index: int, street: str) -> str:
    return f"{index + 1} {street}"  # two draws alike would be one address


def contact_json(prefix: str, n: int, given: dict[str, Any]) -> dict[str, Any]:
    def entry(value: Any, labels: list[str], pref: int | None) -> dict[str, Any]:
        made: dict[str, Any] = {"value": value, "labels": labels}
        if pref is not None:
            made["pref"] = pref
        return made

    return {
        "key": f"{prefix}-c{n}",
        "name": given["name"],
        "title": given["title"],
        "company": given["company"],
        "notes": given["notes"],
        "emails": [
            entry(email(prefix, n, i, local), labels, pref)
            for i, (local, labels, pref) in enumerate(given["emails"])
        ],
        "phones": [entry(value, labels, pref) for value, labels, pref in _phones(given)],
        "addresses": [
            entry(
                {
                    "street": _street(i, street),
                    "locality": locality,
                    "region": region,
                    "postal_code": code,
                    "country": country,
                },
                labels,
                pref,
            )
            for i, (street, locality, region, code, country, labels, pref) in enumerate(
                given["addresses"]
            )
        ],
    }


def interview_json(prefix: str, n: int, given: dict[str, Any]) -> dict[str, Any]:
    return {
        **given,
        "key": f"{prefix}-i{n}",
        "start": given["start"].strftime("%Y-%m-%dT%H:%M"),
    }


# --- vCard, written by hand -----------------------------------------------------------------


def escape(text: str) -> str:
    """RFC 6350 §3.4: backslash, comma, semicolon and newline escaped."""
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _params(labels: list[str], pref: int | None, version: str) -> str:
    types = list(labels)
    params = ""
    if pref is not None:
        if version == "4.0":
            params += f";PREF={pref}"
        else:
            types.append("pref")  # 3.0 has only "preferred", read as rank 1
    if types:
        params = f";TYPE={','.join(types)}" + params
    return params


def _fold(line: bytes, width: int) -> bytes:
    """Fold every ``width`` octets, even inside a UTF-8 character (RFC 6350 §3.2 allows it)."""
    pieces = [line[at : at + width] for at in range(0, len(line), width)]
    return b"\r\n ".join(pieces)


def vcard_of(prefix: str, n: int, given: dict[str, Any], version: str, fold: int) -> bytes:
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{escape(given['name'])}"]
    lines.append(f"UID:{prefix}-c{n}")
    if given["title"]:
        lines.append(f"TITLE:{escape(given['title'])}")
    if given["company"]:
        lines.append(f"ORG:{escape(given['company'])}")
    if given["notes"]:
        lines.append(f"NOTE:{escape(given['notes'])}")
    for i, (local, labels, pref) in enumerate(given["emails"]):
        lines.append(f"EMAIL{_params(labels, pref, version)}:{email(prefix, n, i, local)}")
    for value, labels, pref in _phones(given):
        lines.append(f"TEL{_params(labels, pref, version)}:{value}")
    for i, (street, locality, region, code, country, labels, pref) in enumerate(given["addresses"]):
        parts = ["", "", _street(i, street), locality, region, code, country]
        lines.append(f"ADR{_params(labels, pref, version)}:{';'.join(map(escape, parts))}")
    lines.append("END:VCARD")
    return b"".join(_fold(line.encode("utf-8"), fold) + b"\r\n" for line in lines)


# --- what the store must give back ----------------------------------------------------------


def _rank(pref: int | None, version: str | None) -> int | None:
    if version == "3.0":
        return None if pref is None else 1
    return pref


def assert_contact(stored: r.Contact, given: dict[str, Any], version: str | None = None) -> None:
    """``version``: the vCard version the contact came in, None for JSON."""
    assert stored.name == given["name"]
    assert stored.title == given["title"]
    assert stored.company == given["company"]
    assert stored.notes == given["notes"]
    assert [(w.labels, w.pref) for w in stored.emails] == [
        (tuple(labels), _rank(pref, version)) for _local, labels, pref in given["emails"]
    ]
    assert [w.value.split(".", 1)[0] for w in stored.emails] == [
        local for local, _labels, _pref in given["emails"]
    ]
    assert [(w.value, w.labels, w.pref) for w in stored.phones] == [
        (value, tuple(labels), _rank(pref, version)) for value, labels, pref in _phones(given)
    ]
    assert [
        (a.value.street, a.value.locality, a.value.region, a.value.postal_code, a.value.country)
        for a in stored.addresses
    ] == [
        (_street(i, street), locality, region, code, country)
        for i, (street, locality, region, code, country, _l, _p) in enumerate(given["addresses"])
    ]
    assert [(a.labels, a.pref) for a in stored.addresses] == [
        (tuple(labels), _rank(pref, version)) for *_parts, labels, pref in given["addresses"]
    ]


def assert_interview(stored: r.Interview, given: dict[str, Any]) -> None:
    assert stored.company == given["company"]
    assert stored.position == given["position"]
    assert stored.round == given["round"]
    assert stored.time_zone == given["time_zone"]
    assert stored.start.replace(tzinfo=None) == given["start"]
    assert str(stored.start.tzinfo) == given["time_zone"]
    assert stored.duration_minutes == given["duration_minutes"]
    assert stored.format.value == given["format"]
    assert stored.location == given["location"]
