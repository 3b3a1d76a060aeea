"""`afterview report log` (issue 17 §5): the job-search log as a PDF, read back with pdftotext
page by page (300 activities over several pages: the name, the range, the page number and the
table's header row on each, no row lost or printed twice), and as a CSV with safe cells.
Both backends. Expected text is written by hand.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from afterview import paths
from afterview.domain.records import Role
from afterview.store.api import open_store
from afterview.store.values import NewPerson, Profile
from tests.needs import need

Cli = Callable[..., tuple[int, str, str]]
HEADER = "Date Activity Employer Position Contact person How Result"


def _text(path: Path, page: int | None = None) -> str:
    need("pdftotext", package="poppler-utils")
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        # -layout: the table's rows as they stand on the page, left to right.
        ["pdftotext", "-layout", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return " ".join(out.split())


def _info(path: Path) -> dict[str, str]:
    need("pdfinfo", package="poppler-utils")
    out = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    return dict(re.findall(r"^([^:]+):\s+(.*)$", out, re.MULTILINE))


@pytest.fixture
def named(data_dir: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Ada Park's search, on a computer whose paper is Letter."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    with open_store(paths.resolve(data_dir)) as store:
        store.settings.save_profile(Profile(name="Ada Park"))
    return cli


@pytest.fixture
def busy(data_dir: Path, named: Cli) -> Cli:
    """300 applications, ten a day from 1 to 30 November 2026."""
    with open_store(paths.resolve(data_dir)) as store:
        for number in range(300):
            store.applications.create(
                {
                    "company": f"Employer {number:03d}",
                    "position": f"Role {number:03d}",
                    "applied_on": date(2026, 11, 1) + timedelta(days=number // 10),
                }
            )
    return named


def test_300_activities_over_several_pages_each_with_name_range_number_and_header(
    busy: Cli, tmp_path: Path
) -> None:
    out = tmp_path / "log.pdf"
    status, said, err = busy(
        "report", "log", "--from", "2026-11-01", "--to", "2026-11-30", "--pdf", str(out)
    )
    assert status == 0, err
    info = _info(out)
    pages = int(info["Pages"])
    assert pages >= 5  # at most 30 rows fit on a Letter page
    assert said == f"{out}: 300 activities from 2026-11-01 to 2026-11-30, {pages} pages.\n"
    assert info["Page size"].startswith("612 x 792")  # Letter: LC_PAPER is en_US
    seen: list[str] = []
    for page in range(1, pages + 1):
        text = _text(out, page)
        assert text.startswith("Job-search log: Ada Park From 2026-11-01 to 2026-11-30 " + HEADER)
        assert text.endswith(f"Page {page} of {pages}")
        seen += re.findall(r"Employer (\d{3})", text)
    # Every row once, in order: none lost at a page's foot, none printed twice.
    assert seen == [f"{n:03d}" for n in range(300)]
    first = _text(out, 1)
    # The first row, its two-line cells ("Application / sent", "Applied, / waiting") as
    # pdftotext -layout reads them: the first lines, then the second ones.
    assert "2026-11-01 Application Employer 000 Role 000 Applied, sent waiting 2026-11-01" in first


def test_the_paper_follows_the_option_and_an_empty_range_prints_one_page(
    named: Cli, tmp_path: Path
) -> None:
    out = tmp_path / "empty.pdf"
    status, said, err = named(
        "report", "log", "--from", "2027-01-01", "--to", "2027-01-31", "--pdf", str(out),
        "--page-size", "a4",
    )  # fmt: skip
    assert status == 0, err
    assert said == f"{out}: 0 activities from 2027-01-01 to 2027-01-31, 1 page.\n"
    assert _info(out)["Page size"].startswith("595 x 842")  # A4
    assert _text(out) == (
        "Job-search log: Ada Park From 2027-01-01 to 2027-01-31 No activity in this range. "
        "Page 1 of 1"
    )


def test_the_csv_has_the_words_of_the_table_and_safe_cells(
    data_dir: Path, cli: Cli, tmp_path: Path
) -> None:
    with open_store(paths.resolve(data_dir)) as store:
        store.settings.save_playbook({"home_time_zone": "Europe/London"})
        store.applications.create(
            {"company": '=HYPERLINK("x")', "position": "@SUM", "applied_on": date(2026, 11, 2)}
        )
        store.interviews.create(
            {
                "company": "A&B <Labs>",
                "position": 'Data, "senior"',
                "round": "-1",
                "start": datetime(2026, 11, 3, 10, 0),
                "time_zone": "Europe/London",
                "format": "video",
            },
            [NewPerson("+Plus Person", Role.INTERVIEWER)],
        )
    out = tmp_path / "log.csv"
    status, said, err = cli(
        "report", "log", "--from", "2026-11-01", "--to", "2026-11-30", "--csv", str(out)
    )
    assert status == 0, err
    assert said == f"{out}: 2 activities from 2026-11-01 to 2026-11-30.\n"
    assert out.read_bytes().decode("utf-8") == (
        "\ufeffdate,activity,employer,position,contact,how,result\r\n"
        '2026-11-02,Application sent,"\'=HYPERLINK(""x"")",\'@SUM,,,"Applied, waiting"\r\n'
        '2026-11-03,Interview (-1),A&B <Labs>,"Data, ""senior""",\'+Plus Person,video,'
        "Scheduled\r\n"
    )


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--from", "2026-11-31", "--to", "2026-12-01"], "--from: '2026-11-31' is not a date"),
        (["--from", "2026-11-01", "--to", "soon"], "--to: 'soon' is not a date like 2026-11-01."),
        (
            ["--from", "2026-11-30", "--to", "2026-11-01"],
            "the range ends (2026-11-01) before it starts (2026-11-30).",
        ),
    ],
)
def test_bad_dates_exit_2_with_one_sentence(
    cli: Cli, tmp_path: Path, arguments: list[str], words: str
) -> None:
    out = tmp_path / "log.pdf"
    status, said, err = cli("report", "log", *arguments, "--pdf", str(out))
    assert (status, said) == (2, "")
    assert err.startswith(f"afterview: {words}")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_a_missing_folder_exits_2_in_words(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "log.csv"
    status, _, err = cli(
        "report", "log", "--from", "2026-11-01", "--to", "2026-11-30", "--csv", str(target)
    )
    assert status == 2
    assert err.startswith(f"afterview: cannot write {target}")
    assert err.count("\n") == 1


def test_one_output_is_required(cli: Cli) -> None:
    with pytest.raises(SystemExit) as raised:
        cli("report", "log", "--from", "2026-11-01", "--to", "2026-11-30")
    assert raised.value.code == 2
