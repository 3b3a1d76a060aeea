"""CSV for a spreadsheet, as `afterview export csv` writes it: every text cell a spreadsheet
would run as a formula is neutralised (100 %), and no numeric cell is changed (0 %).

Black-box: the records go in with `afterview import json` and the file is read back with the
csv module. The expected cells come from the input records and values worked out by hand
from tests/data/sample.json, never from the code under test.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview.cli import main
from afterview.interop.csv_export import neutralise
from afterview.store.backup import copy_database
from tests.hypothesis_settings import NO_EXPLAIN, examples

Cli = Callable[..., tuple[int, str, str]]

#: What the README says a spreadsheet runs as a formula when a cell starts with it.
LEADS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "company", "position", "round", "start", "time_zone", "duration_minutes", "format",
    "location", "country", "status", "decision_expected", "decided_by", "people",
    "pending_steps", "next_step", "next_step_due", "key",
]  # fmt: skip
STEP_HEADER = [
    "step", "step_status", "step_due", "days_until_due", "step_person", "step_channel",
    "step_optional",
]  # fmt: skip
#: The sample's interviews, oldest first, as worked out by hand (see test_ics.py for the
#: plan). The start is the wall time where the interview was.
SAMPLE_ROWS = [
    {"key": "globex-2", "company": "Globex", "position": "Platform Engineer", "round": "Final",
     "start": "2026-11-10 09:00", "time_zone": "Europe/Berlin", "duration_minutes": "60",
     "format": "in_person", "location": "", "country": "DE", "status": "offer",
     "decision_expected": "", "decided_by": "", "people": "Rita Recruiter (recruiter)",
     "pending_steps": "4", "next_step_due": "2026-11-10 12:00"},
    {"key": "ablabs-1", "company": "A&B <Labs>", "position": "Data Engineer", "round": "",
     "start": "2026-11-18 10:30", "time_zone": "Europe/Stockholm", "duration_minutes": "45",
     "format": "in_person", "location": "Stockholm office", "country": "SE",
     "status": "rejected", "decision_expected": "", "decided_by": "",
     "people": "Zoë Ångström (decision maker)", "pending_steps": "4",
     "next_step": "Write the debrief", "next_step_due": "2026-11-18 13:15"},
    {"key": "acme-1", "company": "Acme", "position": "Backend Engineer", "round": "Onsite",
     "start": "2026-11-20 14:00", "time_zone": "America/New_York", "duration_minutes": "60",
     "format": "video", "location": "Zoom", "country": "US", "status": "awaiting_decision",
     "decision_expected": "2026-12-01", "decided_by": "Laura Chen",
     "people": "Laura Chen (hiring manager); Omar O'Hara (interviewer)", "pending_steps": "8",
     "next_step": "Write the debrief", "next_step_due": "2026-11-20 17:00"},
    {"key": "sakura-1", "company": "Sakura KK", "position": "SRE", "round": "",
     "start": "2026-11-24 16:00", "time_zone": "Asia/Tokyo", "duration_minutes": "60",
     "format": "lunch", "location": "", "country": "JP", "status": "scheduled",
     "decision_expected": "", "decided_by": "", "people": "张伟 (interviewer)",
     "pending_steps": "4", "next_step": "Write the debrief",
     "next_step_due": "2026-11-24 19:00"},
]  # fmt: skip
#: Every step of the sample (key, status, due on the interview's wall clock).
SAMPLE_STEPS = [
    ("globex-2", "pending", "2026-11-10 12:00"),  # debrief
    ("globex-2", "pending", "2026-11-10 12:00"),  # contact cards: only a recruiter met
    ("globex-2", "pending", "2026-11-11 10:00"),  # tell Ana
    ("globex-2", "pending", "2026-11-23 16:00"),  # thank the references (Sat 21 -> Mon)
    ("ablabs-1", "pending", "2026-11-18 13:15"),  # debrief
    ("ablabs-1", "done", "2026-11-18 13:15"),  # contact cards, complete
    ("ablabs-1", "pending", "2026-11-19 11:15"),  # thank Zoë
    ("ablabs-1", "pending", "2026-11-23 10:00"),  # courteous note
    ("ablabs-1", "pending", "2027-02-22 10:00"),  # reconnect (Sun 21 -> Mon)
    ("acme-1", "pending", "2026-11-20 17:00"),  # debrief
    ("acme-1", "done", "2026-11-20 17:00"),  # contact cards, complete
    ("acme-1", "pending", "2026-11-21 15:00"),  # thank Laura
    ("acme-1", "pending", "2026-11-21 15:00"),  # thank Omar
    ("acme-1", "pending", "2026-11-23 15:00"),  # tell Ana
    ("acme-1", "pending", "2026-11-23 15:00"),  # tell Ben
    ("acme-1", "pending", "2026-11-23 15:00"),  # contact Sam Lee
    ("acme-1", "pending", "2026-12-02 09:00"),  # follow up
    ("acme-1", "pending", "2026-12-09 09:00"),  # second follow-up
    ("sakura-1", "pending", "2026-11-24 19:00"),  # debrief
    ("sakura-1", "done", "2026-11-24 19:00"),  # contact cards, complete
    ("sakura-1", "pending", "2026-11-25 17:00"),  # thank 张伟 (optional in Japan)
    ("sakura-1", "pending", "2026-12-04 09:00"),  # follow up on the agreed date
    ("sakura-1", "pending", "2026-12-11 09:00"),  # second follow-up
]


@pytest.fixture
def loaded(cli: Cli, sample_json: Path) -> Cli:
    status, _out, err = cli("import", "json", str(sample_json))
    assert status == 0, err
    return cli


def _read(cli: Cli, path: Path, *options: str) -> tuple[list[str], list[dict[str, str]]]:
    status, _out, err = cli("export", "csv", str(path), *options)
    assert status == 0, err
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the BOM to read UTF-8
    reader = csv.DictReader(io.StringIO(text[1:], newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


@pytest.mark.parametrize("lead", LEADS)
def test_each_dangerous_lead_is_neutralised(lead: str) -> None:
    assert neutralise(f"{lead}SUM(A1)") == f"'{lead}SUM(A1)"


@pytest.mark.parametrize("text", ["Acme", "1+1", "", " =x", "'quoted", "2026-11-20"])
def test_safe_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_the_interviews_export_with_their_people(loaded: Cli, tmp_path: Path) -> None:
    header, rows = _read(loaded, tmp_path / "i.csv")
    assert header == HEADER
    assert [row["key"] for row in rows] == [row["key"] for row in SAMPLE_ROWS]  # by start
    for row, expected in zip(rows, SAMPLE_ROWS, strict=True):
        assert {name: row[name] for name in expected} == expected
    # Globex's debrief and contact cards fall due together: either is the next step.
    assert rows[0]["next_step"] in {"Write the debrief", "Complete the contact cards"}


def test_a_snoozed_step_is_still_open_and_next_at_its_new_time(loaded: Cli, tmp_path: Path) -> None:
    status, out, err = loaded("steps", "--json")
    assert status == 0, err
    (debrief,) = [s["id"] for s in json.loads(out)
                  if s["kind"] == "debrief" and s["interview"]["key"] == "acme-1"]  # fmt: skip
    status, _out, err = loaded("step", "snooze", str(debrief), "--until", "2026-12-31T12:00Z")
    assert status == 0, err
    _header, rows = _read(loaded, tmp_path / "i.csv")
    (acme,) = [row for row in rows if row["key"] == "acme-1"]
    assert acme["pending_steps"] == "8"
    # Now the thank-you notes, Saturday 15:00 New York, come first.
    assert acme["next_step"].startswith("Thank-you note to ")
    assert acme["next_step_due"] == "2026-11-21 15:00"
    # Globex's debrief and contact cards fall due together: either is the next step.
    assert rows[0]["next_step"] in {"Write the debrief", "Complete the contact cards"}


def test_with_steps_one_row_per_step_and_negative_days_stay_numbers(
    loaded: Cli, tmp_path: Path
) -> None:
    today = datetime.now(UTC).date()
    header, rows = _read(loaded, tmp_path / "s.csv", "--steps")
    after = datetime.now(UTC).date()
    assert header == HEADER + STEP_HEADER
    assert Counter((r["key"], r["step_status"], r["step_due"]) for r in rows) == Counter(
        SAMPLE_STEPS
    )
    for row in rows:
        due = date.fromisoformat(row["step_due"][:10])
        # Days from today (UTC) to the due day; every step of the sample falls due on the
        # same date in UTC as on the interview's wall clock.
        assert int(row["days_until_due"]) in {(due - today).days, (due - after).days}, row
        assert row["days_until_due"].lstrip("-").isdigit()  # a number, never '-3
    thanks = {(r["step_person"], r["step_channel"], r["step_optional"]) for r in rows
              if r["step"].startswith("Thank-you note")}  # fmt: skip
    assert thanks == {
        ("Laura Chen", "email", "no"),
        ("Omar O'Hara", "phone", "no"),
        ("Zoë Ångström", "letter", "no"),
        ("张伟", "email", "yes"),  # no preferred channel: the one there is
    }


def _expected_cell(text: str) -> str:
    return "'" + text if text.startswith(LEADS) else text


@pytest.fixture
def imported_file(tmp_path_factory: pytest.TempPathFactory, sample_json: Path) -> Path:
    """A data directory's database with the sample in it, made once for a property."""
    directory = tmp_path_factory.mktemp("imported")
    assert main(["--data-dir", str(directory), "import", "json", str(sample_json)]) == 0
    return directory / "afterview.sqlite3"


_TEXT = st.text(max_size=30).filter(lambda text: "\x00" not in text)
_CELL = _TEXT | st.tuples(st.sampled_from(LEADS), _TEXT).map("".join)
_REQUIRED = _CELL.filter(lambda text: text.strip())


@settings(
    max_examples=examples(25),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    company=_REQUIRED,
    position=_REQUIRED,
    location=_CELL,
    name=_REQUIRED.filter(lambda text: text.strip() == text),
    minutes=st.integers(1, 1440),
)
def test_formula_cells_100_percent_neutralised_numbers_0_percent_changed(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    imported_file: Path,
    sample_document: dict[str, Any],
    company: str,
    position: str,
    location: str,
    name: str,
    minutes: int,
) -> None:
    directory = tmp_path_factory.mktemp("data")
    copy_database(imported_file, directory / "afterview.sqlite3")

    def cli(*args: str) -> tuple[int, str, str]:
        status = main(["--data-dir", str(directory), *args])
        out, err = capsys.readouterr()
        return status, out, err

    document = copy.deepcopy(sample_document)
    (acme,) = [i for i in document["interviews"] if i["key"] == "acme-1"]
    acme.update(company=company, position=position, location=location, duration_minutes=minutes)
    (laura,) = [c for c in document["contacts"] if c["key"] == "laura"]
    laura["name"] = name
    (directory / "edited.json").write_text(json.dumps(document), encoding="utf-8")
    status, _out, err = cli("import", "json", str(directory / "edited.json"))
    assert status == 0, err

    _header, rows = _read(cli, directory / "e.csv", "--steps")
    acme_rows = [row for row in rows if row["key"] == "acme-1"]
    assert len(acme_rows) == 9
    people = f"{name} (hiring manager); Omar O'Hara (interviewer)"
    for row in acme_rows:
        assert row["company"] == _expected_cell(company)
        assert row["position"] == _expected_cell(position)
        assert row["location"] == _expected_cell(location)
        assert row["people"] == _expected_cell(people)
        assert row["duration_minutes"] == str(minutes)  # a number, untouched
        assert row["pending_steps"] == "8"
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(LEADS) or column == "days_until_due", (column, cell)
