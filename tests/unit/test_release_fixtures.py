"""Databases made by earlier releases open in this one, losing nothing (tests/data/releases/).

Each release adds its own fixture (tools/make-release-fixture-VERSION.py, run from that release's
code); every migration is tested against all of them. Expected values are written out here from
what the fixture's script did, never read back from the code under test.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

#: Released SQLite files, opened as they are: about the file, so SQLite only.
pytestmark = pytest.mark.sqlite_only

RELEASES = Path(__file__).parents[1] / "data" / "releases"
#: The files the same user story was told into, up to 0.2.0 (this module asks each the same
#: questions); 0.3.0's own story, and migration 0006, are tests/unit/test_release_0_3_0.py.
FIXTURES = sorted(p for p in RELEASES.glob("*.sqlite3") if p.stem in ("0.1.0", "0.2.0"))


def test_there_is_a_fixture_of_release_0_1_0() -> None:
    assert RELEASES / "0.1.0.sqlite3" in FIXTURES


@pytest.fixture(params=FIXTURES, ids=[p.stem for p in FIXTURES])
def released(request: pytest.FixtureRequest, data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    shutil.copyfile(request.param, data_dir / "afterview.sqlite3")
    return data_dir


Steps = dict[tuple[str, str, str], dict[str, str]]


def _steps(cli: Callable[..., tuple[int, str, str]]) -> Steps:
    """Steps by (interview key, title, person): what a user would recognise them by."""
    status, out, err = cli("steps", "--json")
    assert status == 0, err
    found = {}
    for item in json.loads(out):
        interview = item["interview"]["key"] if item["interview"] else ""
        found[(interview, item["title"], item["person"] or "")] = item
    return found


def test_what_the_user_did_with_steps_survives(
    released: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    steps = _steps(cli)
    assert steps[("acme-1", "Write the debrief", "")]["status"] == "done"
    assert steps[("acme-1", "Contact referral Sam Lee", "Sam Lee")]["status"] == "skipped"
    snoozed = steps[("acme-1", "Follow up on your application", "Laura Chen")]
    assert snoozed["status"] == "snoozed"
    assert snoozed["due"] == "2026-11-25T15:00:00+00:00"
    # The second follow-up is anchored on the snoozed first one: 7 days later.
    second = steps[("acme-1", "Second follow-up, then let it rest", "Laura Chen")]
    assert second["due"] == "2026-12-02T15:00:00+00:00"
    assert steps[("sakura-1", "Write the debrief", "")]["due"] == "2026-11-24T12:30:00+00:00"
    courtesy = steps[("ablabs-1", "Send a courteous note after the rejection", "Zoë Ångström")]
    assert courtesy["notified_at"] == "2026-11-22T14:00:00+00:00"
    # Marking the thank-you letter sent completed its step.
    assert steps[("acme-1", "Thank-you note to Laura Chen", "Laura Chen")]["status"] == "done"
    assert steps[("acme-1", "Thank-you note to Omar O'Hara", "Omar O'Hara")]["status"] == "pending"
    assert steps[("acme-1", "Complete the contact cards", "")]["status"] == "done"
    assert len(steps) == 41


def _migrated(data_dir: Path) -> sqlite3.Connection:
    from afterview import paths
    from afterview.store.database import open_database

    open_database(paths.resolve(data_dir)).close()
    return sqlite3.connect(data_dir / "afterview.sqlite3")


def test_0_1_0_step_keys_become_record_keys_and_letters_keep_their_steps(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    shutil.copyfile(RELEASES / "0.1.0.sqlite3", data_dir / "afterview.sqlite3")
    with contextlib.closing(_migrated(data_dir)) as db:
        keys = {key for (key,) in db.execute("SELECT key FROM steps")}
        assert {
            "acme-1:debrief",
            "acme-1:thank_you:c=laura",
            "acme-1:notify_reference:r=ben",
            "acme-1:follow_up:2",
            "ablabs-1:courtesy_note",
            "globex-2:thank_references:r=ana",
            "sample-acme:thank_you:c=sample-omar",
        } <= keys
        assert not [key for key in keys if key.startswith("i") and key[1].isdigit()]
        (lead_key,) = db.execute("SELECT key FROM referral_leads WHERE name = 'Sam Lee'").fetchone()
        assert f"acme-1:contact_referral:l={lead_key}" in keys
        letter = db.execute(
            "SELECT s.key FROM letters AS l JOIN steps AS s ON s.id = l.step_id"
        ).fetchall()
        assert letter == [("acme-1:thank_you:c=laura",)]
        (identity,) = db.execute("SELECT value FROM meta WHERE name = 'database_id'").fetchone()
        assert len(identity) == 32 and int(identity, 16) >= 0


def test_0_1_0_interviews_get_their_next_step_and_sort_names(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    shutil.copyfile(RELEASES / "0.1.0.sqlite3", data_dir / "afterview.sqlite3")
    with contextlib.closing(_migrated(data_dir)) as db:
        rows = {
            key: rest
            for key, *rest in db.execute(
                "SELECT key, company_sort, next_step, next_due FROM interviews"
            )
        }
        # The debrief is done and the thank-you to Laura sent: Omar's note is next (due
        # 24 h after the 14:00-15:00 EST interview on 20 November).
        assert rows["acme-1"] == [
            "acme",
            "Thank-you note to Omar O'Hara",
            "2026-11-21 20:00:00.000000",
        ]
        # The debrief's due was edited to 12:30 UTC on the 24th.
        assert rows["sakura-1"][1:] == ["Write the debrief", "2026-11-24 12:30:00.000000"]
        assert rows["ablabs-1"][0] == "a&b <labs>"
        names = dict(db.execute("SELECT name, sort_name FROM contacts"))
        assert names["Zoë Ångström"] == "zoe angstrom"


def test_a_released_database_moves_to_another_computer_whole(
    released: Path, tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    """Exported from each release's file and imported into an empty data directory: the same
    steps (what the user did with each), letters, log and settings."""
    from afterview.cli import main

    exported = tmp_path / "all.json"
    assert cli("export", "json", str(exported))[0] == 0
    laptop = tmp_path / "laptop"
    assert main(["--data-dir", str(laptop), "import", "json", str(exported)]) == 0
    first = json.loads(exported.read_text("utf-8"))
    again = tmp_path / "again.json"
    assert main(["--data-dir", str(laptop), "export", "json", str(again)]) == 0
    assert json.loads(again.read_text("utf-8")) == first
    letters = {letter["subject"]: letter for letter in first["letters"]}
    assert letters["Thank you, Laura"]["sent_at"] == "2026-11-22T15:05:00+00:00"
    assert letters["Thank you, Laura"]["step"] == "acme-1:thank_you:c=laura"
    assert "sent_at" not in letters["A call from Acme"]
    ben = next(ref for ref in first["references"] if ref["key"] == "ben")
    assert [entry["note"] for entry in ben["log"]] == ["Told Ben about the Acme onsite"]
    assert first["profile"]["selling_points"] == "eight years of data pipelines"
    assert first["preferences"]["letters.page_size"] == "a4"


def test_every_contacts_email_phone_and_address_survives_the_move_to_several(
    released: Path,
) -> None:
    """Migration 0004: each contact's one email, phone and free-text address become its first
    (and only) values, the address whole in the street; the old columns keep them as a cache."""
    with contextlib.closing(_migrated(released)) as db:
        ways = sorted(
            db.execute(
                "SELECT c.name, w.kind, w.position, w.value, w.street, w.locality, w.labels, "
                "w.pref FROM contact_ways AS w JOIN contacts AS c ON c.id = w.contact_id "
                "WHERE c.sample = 0"
            )
        )
        cache = set(db.execute("SELECT name, email, phone, address FROM contacts"))
        chosen = set(db.execute("SELECT chosen_email, chosen_phone, chosen_address FROM contacts"))
    assert ways == [
        ("Laura Chen", "email", 0, "laura.chen@acme.example", "", "", "", None),
        ("Omar O'Hara", "phone", 0, "+1 555 0100", "", "", "", None),
        ("Rita Recruiter", "email", 0, "rita@globex.example", "", "", "", None),
        ("Zoë Ångström", "address", 0, "", "Storgatan 1\n111 22 Stockholm", "", "", None),
        ("张伟", "email", 0, "zhang.wei@sakura.example", "", "", "", None),
    ]
    assert ("Zoë Ångström", "", "", "Storgatan 1\n111 22 Stockholm") in cache
    assert chosen == {(None, None, None)}


def test_a_migrated_contact_is_read_with_its_values_by_the_command_line(
    released: Path, cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    status, _out, err = cli("export", "json", str(tmp_path / "out.json"))
    assert status == 0, err
    contacts = {
        c["key"]: c for c in json.loads((tmp_path / "out.json").read_text("utf-8"))["contacts"]
    }
    assert contacts["laura"]["emails"] == [{"value": "laura.chen@acme.example"}]
    assert contacts["omar"]["phones"] == [{"value": "+1 555 0100"}]
    assert contacts["zoe"]["addresses"] == [{"value": {"street": "Storgatan 1\n111 22 Stockholm"}}]


def test_no_salutation_is_guessed_for_a_released_contact(released: Path) -> None:
    """Migration 0005: every card starts with no salutation and no family name (issue 14,
    "never guessed"), so its letters greet with the full name as before."""
    with contextlib.closing(_migrated(released)) as db:
        values = set(db.execute("SELECT salutation, family_name FROM contacts"))
        (version,) = db.execute("PRAGMA user_version").fetchone()
    assert values == {("", "")}
    assert version == 9


def test_a_released_databases_steps_get_their_rule_ids_at_open(
    released: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    # Migration 0005 adds steps.rule blank; planning again at open (RULES_VERSION) fills it,
    # and the reasons no longer send the user to "seed 004".
    steps = _steps(cli)
    assert steps[("acme-1", "Write the debrief", "")]["rule"] == "debrief"
    thanks = steps[("acme-1", "Thank-you note to Omar O'Hara", "Omar O'Hara")]
    assert (thanks["rule"], thanks["rule_params"]["person"]) == ("thank_you.fast", "Omar O'Hara")
    pending = [s for s in steps.values() if s["status"] == "pending"]
    assert pending and all(s["rule"] for s in pending)
    assert not [s["reason"] for s in steps.values() if "Seed" in s["reason"] or "§" in s["reason"]]


def test_a_database_planned_by_the_previous_rules_is_planned_again_with_rule_ids(
    released: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    # As release 0.2.x's code left a database it planned: rules version 2, reasons citing
    # "Seed 004", no rule ids (the column migration 0005 adds blank).
    with contextlib.closing(_migrated(released)) as db, db:
        db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('plan_rules', '2')")
        db.execute("UPDATE steps SET rule = '', rule_params = '{}', reason = 'Seed 004 §2'")
    steps = _steps(cli)
    assert steps[("acme-1", "Write the debrief", "")]["rule"] == "debrief"
    assert steps[("sakura-1", "Write the debrief", "")]["reason"].startswith("Write down what")


#: Every release before applications were records (0.4.0's own test: test_release_0_4_0.py).
BEFORE_APPLICATIONS = sorted(
    p for p in RELEASES.glob("*.sqlite3") if p.stem in ("0.1.0", "0.2.0", "0.3.0")
)


@pytest.mark.parametrize("release", BEFORE_APPLICATIONS, ids=[p.stem for p in BEFORE_APPLICATIONS])
def test_an_older_releases_interviews_become_rounds_of_applications_by_the_story(
    release: Path, data_dir: Path
) -> None:
    """Migration 0007 (issue 17 §1) on every release before it: the same story's seven
    interviews, the user's four processes and the sample's three, each a round of one
    application, with the stage the latest round gives it (written out from the story)."""
    data_dir.mkdir(parents=True)
    shutil.copyfile(release, data_dir / "afterview.sqlite3")
    with contextlib.closing(_migrated(data_dir)) as connection:
        groups = connection.execute(
            "SELECT a.sample, a.company, a.position, a.stage, a.outcome, count(i.id) "
            "FROM applications AS a JOIN interviews AS i ON i.application_id = a.id "
            "GROUP BY a.id ORDER BY a.sample, a.company"
        ).fetchall()
        loose = connection.execute("SELECT count(*) FROM interviews WHERE application_id IS NULL")
        assert loose.fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM interviews").fetchone() == (7,)
    assert groups == [
        (0, "A&B <Labs>", "Data Engineer", "closed", "rejected", 1),
        (0, "Acme", "Backend Engineer", "awaiting_decision", None, 1),
        (0, "Globex", "Platform Engineer", "offer", None, 1),
        (0, "Sakura KK", "SRE", "interviewing", None, 1),
        # The sample's rounds at Acme and Sakura KK stay out of the user's applications.
        (1, "Acme", "Backend Engineer", "awaiting_decision", None, 1),
        (1, "Nordlys Data", "Data Engineer", "awaiting_decision", None, 1),
        (1, "Sakura KK", "SRE", "interviewing", None, 1),
    ]
