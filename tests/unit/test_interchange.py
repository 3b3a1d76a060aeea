"""The interchange format (afterview/2, and afterview/1 still read): round trips, and bad
files refused whole."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.store import interchange
from afterview.store.database import open_database

Cli = Callable[..., tuple[int, str, str]]


def _write(tmp_path: Path, document: Any, name: str = "in.json") -> Path:
    target = tmp_path / name
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return target


def _export(cli: Cli) -> dict[str, Any]:
    status, out, err = cli("export", "json", "-")
    assert status == 0, err
    return json.loads(out)


def test_export_then_import_gives_back_the_same_records(
    tmp_path: Path, cli: Cli, sample_document: dict[str, Any]
) -> None:
    status, out, err = cli("import", "json", str(_write(tmp_path, sample_document)))
    assert status == 0, err
    assert "4 interviews, 5 contacts and 2 references" in out
    first = _export(cli)

    other = paths.resolve(tmp_path / "other")
    with open_database(other) as db, db.write() as session:
        interchange.import_document(session, interchange.parse_document(first), _now())
    with open_database(other) as db, db.read() as session:
        second = interchange.export_document(session)
    assert second == first

    by_key = {c["key"]: c for c in first["contacts"]}
    assert by_key["zoe"]["name"] == "Zoë Ångström"
    assert by_key["zoe"]["company"] == "A&B <Labs>"
    # A free-text address (as 0.2 kept it) is all street: nothing split or guessed.
    assert by_key["zoe"]["addresses"] == [{"value": {"street": "Storgatan 1\n111 22 Stockholm"}}]
    assert by_key["omar"]["name"] == "Omar O'Hara"
    assert by_key["wei"]["name"] == "张伟"
    acme = next(i for i in first["interviews"] if i["key"] == "acme-1")
    original = next(i for i in sample_document["interviews"] if i["key"] == "acme-1")
    for name in ("start", "time_zone", "people", "references", "debrief", "status"):
        assert acme[name] == original[name], name
    # A lead gets a key of its own (its steps name it), and keeps everything else.
    assert [{k: v for k, v in lead.items() if k != "key"} for lead in acme["referrals"]] == (
        original["referrals"]
    )
    assert all(lead["key"] for lead in acme["referrals"])


def test_importing_again_updates_records_by_key(
    tmp_path: Path, cli: Cli, sample_document: dict[str, Any]
) -> None:
    assert cli("import", "json", str(_write(tmp_path, sample_document)))[0] == 0
    changed = copy.deepcopy(sample_document)
    changed["contacts"][0]["title"] = "Director of Engineering"
    assert cli("import", "json", str(_write(tmp_path, changed, "again.json")))[0] == 0
    exported = _export(cli)
    assert len(exported["contacts"]) == 5
    laura = next(c for c in exported["contacts"] if c["key"] == "laura")
    assert laura["title"] == "Director of Engineering"


def test_importing_a_file_again_keeps_what_was_done_with_its_keyless_records(
    tmp_path: Path, cli: Cli, sample_document: dict[str, Any]
) -> None:
    """A hand-written file (or release 0.1.0's) names no referral lead and no log entry by
    key. Imported again, its Sam Lee is the lead already there, so the step to contact him
    keeps what the user did with it, and the same telling is not logged twice."""
    document = copy.deepcopy(sample_document)
    document["format"] = "afterview/2"
    ways = (("email", "emails"), ("phone", "phones"), ("address", "addresses"))
    for people, kept in ((document["contacts"], ways), (document["references"], ways[:2])):
        for person in people:
            for name, plural in kept:
                text = person.pop(name, "")
                person[plural] = [{"value": text}] if text else []
    (ana,) = [r for r in document["references"] if r["key"] == "ana"]
    ana["log"] = [
        {"at": "2026-11-21T15:00:00+00:00", "channel": "phone", "note": "", "interview": "acme-1"}
    ]
    source = _write(tmp_path, document)
    status, out, err = cli("import", "json", str(source))
    assert status == 0, err
    status, out, err = cli("steps", "--json")
    (referral,) = [s for s in json.loads(out) if s["kind"] == "contact_referral"]
    assert cli("step", "done", str(referral["id"]))[0] == 0

    assert cli("import", "json", str(source))[0] == 0
    status, out, err = cli("steps", "--json")
    assert status == 0, err
    again = [s for s in json.loads(out) if s["kind"] == "contact_referral"]
    assert [(s["id"], s["person"], s["status"]) for s in again] == [
        (referral["id"], "Sam Lee", "done")
    ]
    exported = _export(cli)
    (acme,) = [i for i in exported["interviews"] if i["key"] == "acme-1"]
    assert [lead["name"] for lead in acme["referrals"]] == ["Sam Lee"]
    (ana,) = [r for r in exported["references"] if r["key"] == "ana"]
    assert [(entry["at"], entry["channel"]) for entry in ana["log"]] == [
        ("2026-11-21T15:00:00+00:00", "phone")
    ]


def test_a_keyless_interview_imported_again_is_the_same_interview(
    tmp_path: Path, cli: Cli, sample_document: dict[str, Any]
) -> None:
    """An interview with no key is known by what it is: company and position (folded) at
    the same instant. Imported again it is updated, not doubled, and keeps its steps' state;
    one that moved to another time is another interview."""
    document = copy.deepcopy(sample_document)
    for interview in document["interviews"]:
        del interview["key"]
    assert cli("import", "json", str(_write(tmp_path, document)))[0] == 0
    status, out, err = cli("steps", "--json")
    assert status == 0, err
    (debrief,) = [
        s for s in json.loads(out) if s["kind"] == "debrief" and s["interview"]["company"] == "Acme"
    ]
    assert cli("step", "done", str(debrief["id"]))[0] == 0

    document["interviews"][0]["company"] = document["interviews"][0]["company"].upper()
    assert cli("import", "json", str(_write(tmp_path, document, "again.json")))[0] == 0
    exported = _export(cli)
    assert sorted(i["company"] for i in exported["interviews"]) == sorted(
        i["company"] for i in document["interviews"]
    )
    status, out, err = cli("steps", "--json")
    assert {s["id"]: s["status"] for s in json.loads(out)}[debrief["id"]] == "done"

    document["interviews"][1]["start"] = "2027-01-05T10:00"
    assert cli("import", "json", str(_write(tmp_path, document, "moved.json")))[0] == 0
    assert len(_export(cli)["interviews"]) == len(document["interviews"]) + 1


def test_a_referral_lead_key_names_one_lead_in_the_file_and_the_database(
    tmp_path: Path, cli: Cli, sample_document: dict[str, Any]
) -> None:
    """Two interviews' leads with one key, in the file or one in the file and one stored, are
    refused by name, and nothing is written (not a database error)."""
    assert cli("import", "json", str(_write(tmp_path, sample_document)))[0] == 0
    before = _export(cli)
    (acme,) = [i for i in before["interviews"] if i["key"] == "acme-1"]
    (sam,) = acme["referrals"]
    in_file = copy.deepcopy(before)
    in_file["interviews"][-1]["referrals"] = [{**sam, "name": "Someone Else"}]
    label = f"interview #{len(in_file['interviews'])}"
    status, _out, err = cli("import", "json", str(_write(tmp_path, in_file, "twice.json")))
    assert status == 2 and f"{label} (key " in err and "referrals #1" in err, err
    assert "'key'" in err and "duplicate" in err and "interview #" in err

    stored = {
        "format": "afterview/2",
        "interviews": [
            {
                "key": "new-1",
                "company": "Initech",
                "position": "Analyst",
                "start": "2026-12-01T10:00",
                "time_zone": "Europe/Paris",
                "referrals": [{"key": sam["key"], "name": "Not Sam"}],
            }
        ],
    }
    status, _out, err = cli("import", "json", str(_write(tmp_path, stored, "stored.json")))
    assert status == 2, err
    assert "interview #1 (key 'new-1'), referrals #1" in err and "another interview" in err
    assert _export(cli) == before


def test_a_step_whose_key_does_not_name_it_is_refused_by_name(
    tmp_path: Path, cli: Cli, sample_document: dict[str, Any]
) -> None:
    """A step's key names its interview, kind and person; one that does not would never be
    found by a re-plan and stay beside the real one forever."""
    assert cli("import", "json", str(_write(tmp_path, sample_document)))[0] == 0
    before = _export(cli)
    (acme,) = [i for i in before["interviews"] if i["key"] == "acme-1"]
    n, laura = next(
        (n, s) for n, s in enumerate(acme["steps"]) if s["key"] == "acme-1:thank_you:c=laura"
    )
    pending = {k: v for k, v in laura.items() if k != "done_at"} | {"status": "pending"}
    cases = [
        ({**laura, "key": "acme-1:thank_you:c=bob"}, "field 'key'", "'acme-1:thank_you:c=laura'"),
        ({**laura, "contact": "omar"}, "field 'key'", "'acme-1:thank_you:c=omar'"),
        ({**laura, "key": "globex-2:thank_you:c=laura"}, "field 'key'", "c=laura'"),
        ({**pending, "status": "snoozed"}, "field 'snoozed_until'", "required"),
        ({**pending, "done_at": "2026-11-21T18:05:00+00:00"}, "field 'done_at'", "is pending"),
    ]
    for wrong, field, expected in cases:
        document = copy.deepcopy(before)
        (target,) = [i for i in document["interviews"] if i["key"] == "acme-1"]
        target["steps"][n] = wrong
        status, _out, err = cli("import", "json", str(_write(tmp_path, document, "bad.json")))
        assert status == 2, err
        assert f"steps #{n + 1}: {field}" in err and expected in err, err
    keyless = copy.deepcopy(before)
    (target,) = [i for i in keyless["interviews"] if i["key"] == "acme-1"]
    del target["key"]
    status, _out, err = cli("import", "json", str(_write(tmp_path, keyless, "keyless.json")))
    assert status == 2 and "field 'steps'" in err and "needs a key" in err, err
    assert _export(cli) == before


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime(2026, 11, 22, 12, tzinfo=UTC)


def _break(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of the document with one field set (or removed, for the value ...)."""
    broken = copy.deepcopy(document)
    *parents, last = path.split(".")
    target: Any = broken
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is ...:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return broken


BAD = [
    ("missing-name", "contacts.1.name", ..., ["contact #2 (key 'omar')", "'name'", "required"]),
    ("empty-company", "interviews.0.company", "  ", ["interview #1 (key 'acme-1')", "'company'"]),
    (
        "unknown-zone",
        "interviews.2.time_zone",
        "Asia/Atlantis",
        ["interview #3", "'time_zone'", "Asia/Atlantis"],
    ),
    (
        "unknown-contact",
        "interviews.0.people.1.contact",
        "nobody",
        ["people #2", "'contact'", "'nobody'"],
    ),
    (
        "unknown-reference",
        "interviews.0.references.0",
        "zed",
        ["interview #1", "references", "'zed'"],
    ),
    (
        "impossible-date",
        "interviews.0.decision_expected",
        "2026-02-30",
        ["interview #1", "'decision_expected'", "real date"],
    ),
    ("impossible-start", "interviews.0.start", "2026-13-01T10:00", ["interview #1", "'start'"]),
    (
        "start-with-offset",
        "interviews.0.start",
        "2026-11-20T14:00+01:00",
        ["'start'", "UTC offset"],
    ),
    ("start-in-dst-gap", "interviews.0.start", "2026-03-08T02:30", ["'start'", "does not exist"]),
    (
        "naive-status-change",
        "interviews.1.status_changed",
        "2026-11-21T09:00",
        ["interview #2", "'status_changed'", "UTC offset"],
    ),
    ("bad-status", "interviews.0.status", "ghosted", ["'status'", "ghosted"]),
    ("bad-role", "interviews.0.people.0.role", "boss", ["'role'", "boss"]),
    ("typo-field", "contacts.0.emial", "x@example.com", ["contact #1", "'emial'", "unknown field"]),
    ("duplicate-key", "contacts.1.key", "laura", ["contact #2", "'key'", "duplicate"]),
    ("bad-duration", "interviews.0.duration_minutes", "an hour", ["'duration_minutes'"]),
    ("bad-setting", "settings.follow_up_days", -3, ["settings", "'follow_up_days'"]),
    ("bad-format", "format", "afterview/9", ["document", "'format'"]),
    ("not-a-list", "contacts", {"laura": {}}, ["document", "'contacts'", "list"]),
    ("nul-in-text", "contacts.0.notes", "a\x00b", ["contact #1", "'notes'", "NUL"]),
    ("empty-key", "interviews.0.key", "", ["interview #1", "'key'", "empty"]),
    ("spaced-key", "contacts.0.key", " laura ", ["contact #1", "'key'", "space"]),
    ("spaced-interview-key", "interviews.1.key", "acme-1 ", ["interview #2", "'key'", "space"]),
]


@pytest.mark.parametrize(
    ("path", "value", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_a_bad_import_names_the_record_and_field_and_imports_nothing(
    tmp_path: Path,
    cli: Cli,
    sample_document: dict[str, Any],
    path: str,
    value: Any,
    expected: list[str],
) -> None:
    # A database with records already in it must come out exactly as it went in.
    assert cli("import", "json", str(_write(tmp_path, sample_document)))[0] == 0
    before = _export(cli)
    extra = copy.deepcopy(sample_document)
    extra["contacts"].append({"key": "new-person", "name": "Should Not Appear"})
    broken = _break(extra, path, value)
    status, out, err = cli("import", "json", str(_write(tmp_path, broken, "bad.json")))
    assert status == 2
    assert out == ""
    for fragment in expected:
        assert fragment in err
    assert err.startswith("afterview: ") and err.count("\n") == 1
    assert _export(cli) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "afterview/1", "contacts": [', "not valid JSON"),
        (b"\xff\xfe\x00junk", "not UTF-8"),
        (b"[1, 2, 3]", "expected an object"),
        (b"", "not valid JSON"),
    ],
    ids=["truncated", "binary", "top-level-list", "empty"],
)
def test_an_unreadable_file_is_refused_with_a_clear_message(
    tmp_path: Path, cli: Cli, content: bytes, expected: str
) -> None:
    target = tmp_path / "in.json"
    target.write_bytes(content)
    status, _out, err = cli("import", "json", str(target))
    assert status == 2
    assert expected in err


def test_a_missing_file_is_reported(tmp_path: Path, cli: Cli) -> None:
    status, _out, err = cli("import", "json", str(tmp_path / "nope.json"))
    assert status == 2 and "cannot read" in err


# Text as people type it: any Unicode but NUL and lone surrogates (which UTF-8 cannot hold).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=TEXT.filter(lambda s: s.strip() != ""), notes=TEXT, company=TEXT, topic=TEXT)
def test_any_unicode_text_survives_a_round_trip(
    tmp_path_factory: pytest.TempPathFactory, name: str, notes: str, company: str, topic: str
) -> None:
    document = {
        "format": "afterview/1",
        "contacts": [{"key": "k", "name": name, "notes": notes, "company": company}],
        "interviews": [
            {
                "key": "i",
                "company": name,
                "position": "P",
                "start": "2026-05-04T10:00",
                "time_zone": "Europe/Paris",
                "people": [{"contact": "k", "role": "interviewer"}],
                "debrief": {"thank_you_topic": topic},
            }
        ],
    }
    where = paths.resolve(tmp_path_factory.mktemp("rt"))
    with open_database(where) as db:
        with db.write() as session:
            interchange.import_document(session, interchange.parse_document(document), _now())
        with db.read() as session:
            exported = interchange.export_document(session)
    contact = exported["contacts"][0]
    assert contact["name"] == name
    assert contact.get("notes", "") == notes
    assert contact.get("company", "") == company
    assert exported["interviews"][0]["company"] == name
    assert exported["interviews"][0].get("debrief", {}).get("thank_you_topic", "") == topic
