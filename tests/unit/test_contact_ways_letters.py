"""Letters and mail drafts go to the contact's chosen email and postal address (issue 12 §3):
the user's choice when there is one, else the card's preferred one, never simply the first."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from tests.needs import need

Cli = Callable[..., tuple[int, str, str]]


def _document(priya: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": "afterview/2",
        "contacts": [{"key": "priya", "name": "Priya Raman", "title": "VP Engineering",
                      "company": "Corvid Health", **priya}],
        "interviews": [
            {"key": "corvid-1", "company": "Corvid Health", "position": "Staff Engineer",
             "start": "2026-11-20T14:00", "time_zone": "America/Chicago", "country": "US",
             "status": "done", "people": [{"contact": "priya", "role": "hiring_manager"}]}
        ],
    }  # fmt: skip


HOME = {"street": "12 Elm St", "locality": "Springfield", "region": "IL",
        "postal_code": "62701", "country": "USA"}  # fmt: skip
WORK = {"street": "400 Lake Shore Dr\nSuite 9", "locality": "Chicago", "region": "IL",
        "postal_code": "60611", "country": "USA"}  # fmt: skip
RANKED = {
    "emails": [{"value": "priya.home@example.net", "labels": ["home"], "pref": 2},
               {"value": "priya.raman@corvid.example", "labels": ["work"], "pref": 1}],
    "addresses": [{"value": HOME, "labels": ["home"], "pref": 2},
                  {"value": WORK, "labels": ["work"], "pref": 1}],
}  # fmt: skip


def _imported(cli: Cli, tmp_path: Path, priya: dict[str, Any]) -> None:
    path = tmp_path / "corvid.json"
    path.write_text(json.dumps(_document(priya)), "utf-8")
    status, _out, err = cli("import", "json", str(path))
    assert status == 0, err


def _mailto(cli: Cli) -> str:
    status, out, err = cli(
        "letter", "--interview", "corvid-1", "--person", "Priya Raman",
        "--template", "thank_you_email", "--mailto",
    )  # fmt: skip
    assert status == 0, err
    return unquote(out.strip().split("?", 1)[0])


@pytest.mark.parametrize(
    ("priya", "expected"),
    [
        (RANKED, "mailto:priya.raman@corvid.example"),
        # The user's choice wins over the card's rank.
        ({"emails": [{"value": "priya.home@example.net", "pref": 2, "preferred": True},
                     {"value": "priya.raman@corvid.example", "pref": 1}]},
         "mailto:priya.home@example.net"),
        # Nothing ranked: work over home, though home comes first.
        ({"emails": [{"value": "priya.home@example.net", "labels": ["home"]},
                     {"value": "priya.raman@corvid.example", "labels": ["work"]}]},
         "mailto:priya.raman@corvid.example"),
    ],
)  # fmt: skip
def test_a_mail_draft_goes_to_the_chosen_email(
    cli: Cli, tmp_path: Path, priya: dict[str, Any], expected: str
) -> None:
    _imported(cli, tmp_path, priya)
    assert _mailto(cli) == expected


def _pdf_lines(path: Path) -> list[str]:
    need("pdftotext", package="poppler-utils")
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout  # fmt: skip
    return [line.strip() for line in out.splitlines() if line.strip()]


def test_a_printed_letter_is_addressed_to_the_chosen_postal_address_line_by_line(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    _imported(cli, tmp_path, RANKED)
    out = tmp_path / "letter.pdf"
    status, _out, err = cli(
        "letter", "--interview", "corvid-1", "--person", "Priya Raman",
        "--template", "thank_you_letter", "--pdf", str(out), "--date", "2026-11-21",
    )  # fmt: skip
    assert status == 0, err
    lines = _pdf_lines(out)
    start = lines.index("Priya Raman")
    # In the United States' order (domain/postal.py); a letter from the US to the US has
    # no country line.
    assert lines[start : start + 7] == [
        "Priya Raman",
        "VP Engineering",
        "Corvid Health",
        "400 Lake Shore Dr",
        "Suite 9",
        "Chicago, IL 60611",
        "Re: Staff Engineer interview of November 20, 2026",
    ]
    assert not any("Elm St" in line for line in lines)
    assert os.path.getsize(out) > 0


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        # From Berlin to Chicago: Germany's order (postal code before the town) and the
        # country's name, as the post of the sender's country asks.
        ({"street": "Hauptstraße 5", "locality": "Berlin", "postal_code": "10115",
          "country": "DE"},
         ["Jordan Doe", "Hauptstraße 5", "10115 Berlin", "GERMANY"]),
        # Within the United States: no country line.
        ({"street": "1 Main St", "locality": "Springfield", "region": "IL",
          "postal_code": "62701", "country": "US"},
         ["Jordan Doe", "1 Main St", "Springfield, IL 62701", "jordan@example.net"]),
        # As Afterview 0.2 kept it, one text: printed as written.
        ("1 Main St\nSpringfield", ["Jordan Doe", "1 Main St", "Springfield"]),
    ],
)  # fmt: skip
def test_the_sender_block_prints_the_users_address_in_its_countrys_order(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    address: dict[str, str] | str,
    expected: list[str],
) -> None:
    """Issue 12 §3: a printed letter needs a real address, the sender's too."""
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    document = _document(RANKED)
    document["profile"] = {"name": "Jordan Doe", "email": "jordan@example.net", "address": address}
    path = tmp_path / "corvid.json"
    path.write_text(json.dumps(document), "utf-8")
    status, _out, err = cli("import", "json", str(path))
    assert status == 0, err
    out = tmp_path / "letter.pdf"
    status, _out, err = cli(
        "letter", "--interview", "corvid-1", "--person", "Priya Raman",
        "--template", "thank_you_letter", "--pdf", str(out), "--date", "2026-11-21",
    )  # fmt: skip
    assert status == 0, err
    lines = _pdf_lines(out)
    assert lines[: len(expected)] == expected


def test_a_letter_posted_abroad_names_the_recipients_country(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From Berlin (the profile's address) to Chicago, with the reader's locale and home
    country left as the United States: the post in Germany needs "UNITED STATES" on the
    recipient block, whatever the settings say."""
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    document = _document(RANKED)
    document["profile"] = {
        "name": "Jordan Doe",
        "address": {"street": "Hauptstraße 5", "locality": "Berlin", "postal_code": "10115",
                    "country": "DE"},
    }  # fmt: skip
    path = tmp_path / "corvid.json"
    path.write_text(json.dumps(document), "utf-8")
    assert cli("import", "json", str(path))[0] == 0
    out = tmp_path / "letter.pdf"
    status, _out, err = cli(
        "letter", "--interview", "corvid-1", "--person", "Priya Raman",
        "--template", "thank_you_letter", "--pdf", str(out), "--date", "2026-11-21",
    )  # fmt: skip
    assert status == 0, err
    lines = _pdf_lines(out)
    start = lines.index("Priya Raman")
    assert lines[start + 3 : start + 7] == [
        "400 Lake Shore Dr",
        "Suite 9",
        "Chicago, IL 60611",
        "UNITED STATES",
    ]


def test_a_letter_to_post_without_an_address_is_printed_with_a_warning(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    _imported(cli, tmp_path, {"emails": RANKED["emails"]})
    out = tmp_path / "letter.pdf"
    status, printed, err = cli(
        "letter", "--interview", "corvid-1", "--person", "Priya Raman",
        "--template", "thank_you_letter", "--pdf", str(out), "--date", "2026-11-21",
    )  # fmt: skip
    assert (status, printed.strip()) == (0, str(out))
    assert err == (
        "afterview: warning: Priya Raman has no postal address on their card: the letter's "
        "address block is empty; add one to post it\n"
    )
