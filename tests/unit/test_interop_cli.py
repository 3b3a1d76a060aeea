"""`afterview import vcf` and `afterview export ics|vcf|csv` as a script uses them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest

Cli = Callable[..., tuple[int, str, str]]
CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcf"


@pytest.fixture
def loaded(cli: Cli, sample_json: Path) -> Cli:
    status, _out, err = cli("import", "json", str(sample_json))
    assert status == 0, err
    return cli


def _contact_names(cli: Cli, tmp_path: Path) -> list[str]:
    status, _out, err = cli("export", "json", str(tmp_path / "dump.json"))
    assert status == 0, err
    data = json.loads((tmp_path / "dump.json").read_text(encoding="utf-8"))
    return sorted(c["name"] for c in data["contacts"])


def test_import_good_cards(cli: Cli, tmp_path: Path) -> None:
    status, out, err = cli("import", "vcf", str(CORPUS / "google_contacts_3.0.vcf"))
    assert (status, err) == (0, "")
    assert out.strip() == "Imported 3 new contacts, merged 0."
    assert _contact_names(cli, tmp_path) == ["Omar O'Hara", "Rita Recruiter", "Sam Lee"]


def test_one_card_is_counted_in_the_singular(cli: Cli) -> None:
    field = CORPUS.parent / "field" / "07-vcard4-pref-rank.vcf"
    status, out, err = cli("import", "vcf", str(field))
    assert (status, err, out.strip()) == (0, "", "Imported 1 new contact, merged 0.")


def test_duplicates_are_merged_from_the_command_line(loaded: Cli, tmp_path: Path) -> None:
    before = _contact_names(loaded, tmp_path)
    status, out, _err = loaded("import", "vcf", str(CORPUS / "google_contacts_3.0.vcf"))
    assert status == 0
    assert out.strip() == "Imported 2 new contacts, merged 1."  # Rita, by email; Omar had none
    assert _contact_names(loaded, tmp_path) == sorted([*before, "Omar O'Hara", "Sam Lee"])


def test_a_bad_card_imports_nothing_and_exits_2(cli: Cli, tmp_path: Path) -> None:
    status, out, err = cli("import", "vcf", str(CORPUS / "bad_missing_end.vcf"))
    assert status == 2 and out == ""
    assert "afterview: 1 problem in the file, so nothing was imported" in err
    assert "card 2 (line 6): no END:VCARD before the next card begins at line 10" in err
    assert _contact_names(cli, tmp_path) == []


def test_skip_bad_imports_the_good_ones_and_lists_the_bad(cli: Cli, tmp_path: Path) -> None:
    status, out, err = cli("import", "vcf", str(CORPUS / "bad_mixed.vcf"), "--skip-bad")
    assert status == 0
    assert out.strip() == "Imported 2 new contacts, merged 0, left out 6 bad cards."
    assert "card 3 (line 11): unsupported vCard version '5.0'" in err
    assert _contact_names(cli, tmp_path) == ["Good After", "Good Before"]


@pytest.mark.parametrize("name", ["bad_binary_junk.vcf", "bad_empty.vcf"])
def test_a_file_without_cards_exits_2_even_with_skip_bad(cli: Cli, name: str) -> None:
    status, _out, err = cli("import", "vcf", str(CORPUS / name), "--skip-bad")
    assert status == 2
    assert "no card in" in err and "no contact cards in this file" in err


def test_a_missing_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    status, _out, err = cli("import", "vcf", str(tmp_path / "nope.vcf"))
    assert status == 2 and "cannot read" in err


def test_warnings_go_to_stderr(cli: Cli) -> None:
    status, _out, err = cli("import", "vcf", str(CORPUS / "bad_invalid_dates.vcf"))
    assert status == 0
    assert "card 1 (Feb Thirty): line 4: BDAY '1985-02-30' is not a real date; ignored" in err


def test_export_each_kind_to_a_file(loaded: Cli, tmp_path: Path) -> None:
    for kind, expected in (("ics", "follow-up steps"), ("vcf", "5 contacts"), ("csv", "4 interv")):
        target = tmp_path / f"out.{kind}"
        status, out, err = loaded("export", kind, str(target))
        assert status == 0, err
        assert expected in out and str(target) in out
        assert target.stat().st_size > 100
    calendar = icalendar.Calendar.from_ical((tmp_path / "out.ics").read_bytes())
    assert calendar.walk("VEVENT")
    assert not list(tmp_path.glob("*.partial"))


def test_export_to_an_unwritable_place_exits_2(loaded: Cli, tmp_path: Path) -> None:
    status, _out, err = loaded("export", "csv", str(tmp_path / "no" / "such" / "dir.csv"))
    assert status == 2 and "cannot write" in err


def test_export_to_standard_output(data_dir: Path, sample_json: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "afterview", "--data-dir", str(data_dir), *args],
            capture_output=True,
            timeout=60,
        )

    assert run("import", "json", str(sample_json)).returncode == 0
    result = run("export", "vcf", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "张伟".encode() in result.stdout
    four = run("export", "vcf", "-", "--vcard-version", "4.0")
    assert four.returncode == 0, four.stderr
    assert four.stdout.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert "张伟".encode() in four.stdout
    assert run("export", "vcf", "-", "--vcard-version", "2.1").returncode == 2


def test_the_interop_modules_never_import_qt() -> None:
    code = (
        "import sys, afterview.interop.cli, afterview.interop.vcard, afterview.interop.ics, "
        "afterview.interop.ics_sync, afterview.interop.csv_export; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_export_options_for_calendars_and_spreadsheets(loaded: Cli, tmp_path: Path) -> None:
    def calendar(*options: str) -> icalendar.Calendar:
        target = tmp_path / "out.ics"
        status, _out, err = loaded("export", "ics", str(target), *options)
        assert status == 0, err
        return icalendar.Calendar.from_ical(target.read_bytes())

    steps_only = calendar()
    with_interviews = calendar("--interviews")
    as_tasks = calendar("--tasks")
    events = len(steps_only.walk("VEVENT"))
    assert len(with_interviews.walk("VEVENT")) == events + 4  # the sample's four interviews
    assert len(as_tasks.walk("VTODO")) == events and not as_tasks.walk("VEVENT")

    plain, with_steps = tmp_path / "i.csv", tmp_path / "s.csv"
    status, said, _err = loaded("export", "csv", str(plain))
    assert status == 0 and said.startswith("Exported 4 interviews to ")  # the sample's four
    status, said, _err = loaded("export", "csv", str(with_steps), "--steps")
    rows = len(with_steps.read_text("utf-8-sig").splitlines()) - 1  # less the header
    assert status == 0 and said.startswith(f"Exported {rows} rows to ")  # a row per step
    assert len(with_steps.read_text("utf-8-sig").splitlines()) > len(
        plain.read_text("utf-8-sig").splitlines()
    )
