"""The command line as a script uses it: JSON out, errors on stderr with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from afterview import __version__

Cli = Callable[..., tuple[int, str, str]]
STEP_FIELDS = {
    "id",
    "kind",
    "title",
    "interview",
    "person",
    "channel",
    "due",
    "optional",
    "reason",
    "rule",
    "rule_params",
    "status",
}
KINDS = {
    "debrief",
    "contact_cards",
    "thank_you",
    "notify_reference",
    "contact_referral",
    "follow_up",
    "keep_searching",
    "courtesy_note",
    "reconnect",
    "thank_references",
}


@pytest.fixture
def loaded(cli: Cli, tmp_path: Path, sample_document: dict[str, Any]) -> Cli:
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(sample_document), encoding="utf-8")
    status, _out, err = cli("import", "json", str(source))
    assert status == 0, err
    return cli


def _steps(cli: Cli, *args: str) -> list[dict[str, Any]]:
    status, out, err = cli(*args)
    assert status == 0, err
    return json.loads(out)


def test_version_runs_as_a_real_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "afterview", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"afterview {__version__}"


def test_steps_json_has_the_documented_shape(loaded: Cli) -> None:
    steps = _steps(loaded, "steps", "--json")
    assert steps, "the sample plans steps"
    for step in steps:
        assert set(step) >= STEP_FIELDS
        assert step["kind"] in KINDS
        assert step["channel"] in (None, "email", "phone", "letter")
        due = datetime.fromisoformat(step["due"])
        assert due.utcoffset() is not None
        assert step["status"] in ("pending", "done", "snoozed", "skipped")
        assert step["reason"]
        if step["interview"] is not None:
            assert set(step["interview"]) == {"key", "company", "position"}
    thank_yous = {s["person"] for s in steps if s["kind"] == "thank_you"}
    assert thank_yous == {"Laura Chen", "Omar O'Hara", "Zoë Ångström", "张伟"}
    japan = next(s for s in steps if s["kind"] == "thank_you" and s["person"] == "张伟")
    assert japan["optional"] is True and "Japan" in japan["reason"]
    # 000 §4: thank-you notes are not customary in Japan; the rule id says so for any language.
    assert japan["rule"] == "thank_you.not_customary"
    assert japan["rule_params"]["country"] == "JP"
    follow_ups = {s["rule"] for s in steps if s["kind"] == "follow_up"}
    assert {s["rule"] for s in steps if s["kind"] == "debrief"} == {"debrief"}
    assert follow_ups <= {"follow_up.first", "follow_up.second"} and follow_ups
    dues = [s["due"] for s in steps]
    assert [datetime.fromisoformat(d) for d in dues] == sorted(
        datetime.fromisoformat(d) for d in dues
    )


def test_status_filter(loaded: Cli) -> None:
    done = _steps(loaded, "steps", "--json", "--status", "done")
    assert done and all(s["status"] == "done" for s in done)
    assert {s["kind"] for s in done} == {"contact_cards"}  # complete cards tick themselves off


def test_due_at_an_instant(loaded: Cli) -> None:
    due = _steps(loaded, "due", "--json", "--at", "2026-11-21T20:00:00+00:00")
    titles = {s["title"] for s in due}
    assert "Thank-you note to Laura Chen" in titles  # due exactly then: 24 h after the end
    assert all(
        datetime.fromisoformat(s["due"]) <= datetime(2026, 11, 21, 20, tzinfo=UTC) for s in due
    )
    just_before = _steps(loaded, "due", "--json", "--at", "2026-11-21T19:59:59Z")
    assert "Thank-you note to Laura Chen" not in {s["title"] for s in just_before}


def test_done_snooze_skip(loaded: Cli) -> None:
    steps = _steps(loaded, "steps", "--json", "--status", "pending")
    first, second, third = steps[0], steps[1], steps[2]
    assert _steps(loaded, "step", "done", str(first["id"]), "--json")["status"] == "done"
    snoozed = _steps(
        loaded, "step", "snooze", str(second["id"]), "--until", "2030-01-02T09:00+01:00", "--json"
    )
    assert snoozed["status"] == "snoozed"
    assert snoozed["due"] == "2030-01-02T08:00:00+00:00"
    assert _steps(loaded, "step", "skip", str(third["id"]), "--json")["status"] == "skipped"
    at = "2029-12-31T00:00:00+00:00"
    due_ids = {s["id"] for s in _steps(loaded, "due", "--json", "--at", at)}
    assert first["id"] not in due_ids and second["id"] not in due_ids and third["id"] not in due_ids
    later = {s["id"] for s in _steps(loaded, "due", "--json", "--at", "2030-01-02T08:00:00Z")}
    assert second["id"] in later  # the snooze ran out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("step", "done", "424242"), "step 424242"),
        (("step", "snooze", "1", "--until", "next tuesday"), "--until"),
        (("due", "--at", "yesterday"), "--at"),
    ],
)
def test_errors_exit_2_with_a_message(loaded: Cli, args: tuple[str, ...], message: str) -> None:
    status, out, err = loaded(*args)
    assert status == 2
    assert message in err
    assert out == ""


def test_done_again_keeps_when_it_was_done(loaded: Cli) -> None:
    """A second Done (the tray's notification after the window's, say) changes nothing."""
    done = _steps(loaded, "steps", "--json", "--status", "done")[0]
    assert done["done_at"] is not None
    again = _steps(loaded, "step", "done", str(done["id"]), "--json")
    assert (again["status"], again["done_at"]) == ("done", done["done_at"])


def test_a_done_step_cannot_be_snoozed(loaded: Cli) -> None:
    done = _steps(loaded, "steps", "--json", "--status", "done")[0]
    status, _out, err = loaded("step", "snooze", str(done["id"]), "--until", "2030-01-01T00:00Z")
    assert status == 2 and "cannot be snoozed" in err
    assert f"step {done['id']} ('{done['title']}')" in err


def test_snoozing_several_is_all_or_nothing_and_names_the_step_refused(loaded: Cli) -> None:
    """One behaviour for one id and for several: a done step among them refuses them all."""
    pending = _steps(loaded, "steps", "--json", "--status", "pending")[:2]
    done = _steps(loaded, "steps", "--json", "--status", "done")[0]
    ids = [str(pending[0]["id"]), str(done["id"]), str(pending[1]["id"])]
    status, out, err = loaded("step", "snooze", *ids, "--until", "2030-01-01T00:00Z")
    assert status == 2 and out == ""
    assert f"step {done['id']} ('{done['title']}')" in err and "cannot be snoozed" in err
    after = {s["id"]: s for s in _steps(loaded, "steps", "--json")}
    assert after[pending[0]["id"]]["status"] == "pending"
    assert after[pending[1]["id"]]["status"] == "pending"
    status, _out, err = loaded(
        "step", "snooze", str(pending[0]["id"]), "424242", "--until", "2030-01-01T00:00Z"
    )
    assert status == 2 and "step 424242" in err
    snoozed = _steps(loaded, "step", "snooze", *ids[::2], "--until", "2030-01-01T00:00Z", "--json")
    assert [s["status"] for s in snoozed] == ["snoozed", "snoozed"]


def test_data_dir_from_the_environment(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    env = {"AFTERVIEW_DATA_DIR": str(target), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "afterview", "steps", "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert (target / "afterview.sqlite3").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("import", "json", "in.json", "--skip-bad"), "--skip-bad is for import vcf only"),
        (("export", "csv", "-", "--tasks"), "--tasks is for export ics only, not csv"),
        (("export", "json", "-", "--steps"), "--steps is for export csv only, not json"),
        (("export", "vcf", "-", "--interviews"), "--interviews is for export ics only"),
        (("export", "ics", "-", "--vcard-version", "4.0"), "--vcard-version is for export vcf"),
    ],
)
def test_an_option_of_another_kind_is_refused_not_ignored(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    status, out, err = cli(*args)
    assert (status, out) == (2, "") and message in err, err


def test_an_import_says_what_it_brought_in_words(cli: Cli, tmp_path: Path) -> None:
    one = {
        "format": "afterview/2",
        "contacts": [{"key": "kim", "name": "Kim Ito"}],
        "interviews": [
            {
                "key": "i-1",
                "company": "Initech",
                "position": "Analyst",
                "start": "2026-12-01T10:00",
                "time_zone": "Europe/Paris",
            }
        ],
    }
    source = tmp_path / "one.json"
    source.write_text(json.dumps(one), encoding="utf-8")
    status, out, err = cli("import", "json", str(source))
    assert status == 0, err
    # An older file's interview becomes a round of an application of its own.
    assert out == "Imported 1 application, 1 interview, 1 contact and 0 references.\n"
    # Again: the interview is updated, and it is a round of the application it had.
    status, out, err = cli("import", "json", str(source))
    assert out == "Imported 1 interview, 1 contact and 0 references.\n"
    source.write_text('{"format": "afterview/2", "contacts": [{"name": "Kim}]}', encoding="utf-8")
    status, out, err = cli("import", "json", str(source))
    assert status == 2 and "(line 1, column 49): Unterminated string starting" in err, err
    assert " at at " not in err
