"""Applications in the CSV and ICS exports (issue 17 §1), through `afterview export`, on both
backends: the applications' CSV with their stage and outcome (safe cells), the interviews'
events naming their application, and an application's own follow-up as a VTODO like the
other steps. Expected cells are written by hand from tests/data/sample.json (its four
interviews, one application each, staged by the issue's rule) and the records added here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from afterview import paths
from afterview.domain.applications import Outcome
from afterview.store.api import open_store

Cli = Callable[..., tuple[int, str, str]]
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)

HEADER = [
    "company", "position", "source", "applied_on", "link", "stage", "outcome",
    "outcome_detail", "rounds", "key",
]  # fmt: skip


@pytest.fixture
def loaded(cli: Cli, sample_json: Path, data_dir: Path) -> Cli:
    status, _out, err = cli("import", "json", str(sample_json))
    assert status == 0, err
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        store.applications.create(
            {
                "company": '=HYPERLINK("http://evil.example")',
                "position": "+Analyst",
                "source": "@LinkedIn",
                "applied_on": date(2026, 11, 2),
                "link": "https://jobs.example/42",
            }
        )
        gone = store.applications.create(
            {"company": "Initech", "position": "SRE", "applied_on": date(2026, 11, 3)}
        ).value
        store.applications.close(gone, Outcome.NO_RESPONSE)
        store.applications.create(
            {"company": "Hooli", "position": "Data Engineer", "applied_on": date(2026, 11, 2)}
        )
    return cli


def test_the_applications_csv(loaded: Cli, tmp_path: Path) -> None:
    target = tmp_path / "applications.csv"
    status, out, err = loaded("export", "csv", str(target), "--applications")
    assert status == 0, err
    assert out == f"Exported 7 applications to {target}.\n"
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(text[1:], newline=""))
    rows = list(reader)
    assert reader.fieldnames == HEADER
    cells = sorted(
        tuple(row[name] for name in HEADER[:-1]) for row in rows
    )  # the keys are the store's own
    assert cells == [
        # Formulas a spreadsheet would run are text (a leading quote); plain text is as typed.
        ("'=HYPERLINK(\"http://evil.example\")", "'+Analyst", "'@LinkedIn", "2026-11-02",
         "https://jobs.example/42", "applied", "", "", "0"),
        # The sample's: grouped from its interviews, day applied unknown; staged by the rule.
        ("A&B <Labs>", "Data Engineer", "", "", "", "closed", "rejected", "", "1"),
        ("Acme", "Backend Engineer", "", "", "", "awaiting_decision", "", "", "1"),
        ("Globex", "Platform Engineer", "", "", "", "offer", "", "", "1"),
        ("Hooli", "Data Engineer", "", "2026-11-02", "", "applied", "", "", "0"),
        ("Initech", "SRE", "", "2026-11-03", "", "closed", "no_response", "", "0"),
        ("Sakura KK", "SRE", "", "", "", "interviewing", "", "", "1"),
    ]  # fmt: skip
    assert all(row["key"] for row in rows)


def test_applications_is_a_csv_option_only(loaded: Cli, tmp_path: Path) -> None:
    status, _out, err = loaded("export", "ics", str(tmp_path / "a.ics"), "--applications")
    assert status == 2
    assert "--applications is for export csv only" in err


def _calendar(cli: Cli, path: Path) -> Calendar:
    status, _out, err = cli("export", "ics", str(path), "--interviews", "--tasks")
    assert status == 0, err
    return Calendar.from_ical(path.read_bytes())


def test_interview_events_name_their_application(loaded: Cli, tmp_path: Path) -> None:
    calendar = _calendar(loaded, tmp_path / "a.ics")
    events = {
        str(e["summary"]): str(e["description"]).splitlines()[0]
        for e in calendar.walk("VEVENT")
        if "interview" in [str(c) for c in e["categories"].cats]
    }
    assert events == {
        "Interview: Platform Engineer at Globex (Final)":
            "Application: Platform Engineer at Globex (offer)",
        "Interview: Data Engineer at A&B <Labs>":
            "Application: Data Engineer at A&B <Labs> (closed: rejected)",
        "Interview: Backend Engineer at Acme (Onsite)":
            "Application: Backend Engineer at Acme (awaiting decision)",
        "Interview: SRE at Sakura KK": "Application: SRE at Sakura KK (interviewing)",
    }  # fmt: skip


def test_an_applications_follow_up_is_a_todo_like_the_others(loaded: Cli, tmp_path: Path) -> None:
    calendar = _calendar(loaded, tmp_path / "a.ics")
    todos = [t for t in calendar.walk("VTODO") if str(t["summary"]).endswith(" — Hooli")]
    (hooli,) = todos
    assert str(hooli["description"]).splitlines()[0] == (
        "Application: Data Engineer at Hooli (applied, waiting)"
    )
    assert [str(c) for c in hooli["categories"].cats] == ["Afterview", "follow_up"]
    assert str(hooli["status"]) == "NEEDS-ACTION"
    # Its UID is its step key (afterview.domain.application_plan.follow_up_key), as others'.
    uid = str(hooli["uid"])
    assert uid.startswith("step-application:a-") and ":follow_up." in uid
    # A closed application plans no follow-up: Initech has none.
    assert not [t for t in calendar.walk("VTODO") if "Initech" in str(t["summary"])]
