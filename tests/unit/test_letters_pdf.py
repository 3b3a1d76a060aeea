"""Letters rendered to PDF by `afterview letter`, read back with pdftotext and pdfinfo."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from afterview.letters.context import format_date
from tests.needs import need

Cli = Callable[..., tuple[int, str, str]]
TODAY = "2026-11-21"

# (interview, person, title, company, position, interview date)
CONTACTS = [
    ("acme-1", "Laura Chen", "Engineering Manager", "Acme", "Backend Engineer", date(2026, 11, 20)),
    ("acme-1", "Omar O'Hara", "Staff Engineer", "Acme", "Backend Engineer", date(2026, 11, 20)),
    ("ablabs-1", "Zoë Ångström", "Head of Data", "A&B <Labs>", "Data Engineer", date(2026, 11, 18)),
    ("sakura-1", "张伟", "技术总监", "Sakura KK", "SRE", date(2026, 11, 24)),
]
CONTACT_TEMPLATES = [
    "thank_you_email",
    "thank_you_letter",
    "thank_you_card",
    "follow_up_email",
    "follow_up_phone",
    "after_rejection",
]
#: Markup that must never reach the page (the company "A&B <Labs>" is text, so it is removed first).
LEAKS = re.compile(r"</?[a-z][a-z0-9]*[ />]|&[a-z]+;|&#\d+;|\{\{|\{%|\}\}")


@pytest.fixture
def imported(cli: Cli, sample_json: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    status, _, err = cli("import", "json", str(sample_json))
    assert status == 0, err
    return cli


def pdf_text(path: Path) -> str:
    need("pdftotext", package="poppler-utils")  # only reading the PDF back needs poppler
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    return " ".join(out.split())  # a line wrap is not a difference


def page_size(path: Path) -> str:
    need("pdfinfo", package="poppler-utils")
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    return re.search(r"Page size:\s+(.*)", info).group(1)  # type: ignore[union-attr]


def assert_clean(text: str) -> None:
    leftover = text.replace("A&B <Labs>", "")
    assert not LEAKS.search(leftover), LEAKS.search(leftover)


@pytest.mark.parametrize("template", CONTACT_TEMPLATES)
@pytest.mark.parametrize(("interview", "person", "title", "company", "position", "day"), CONTACTS)
def test_every_field_reads_back_exactly_as_typed(
    imported: Cli,
    tmp_path: Path,
    template: str,
    interview: str,
    person: str,
    title: str,
    company: str,
    position: str,
    day: date,
) -> None:
    out = tmp_path / "letter.pdf"
    status, stdout, err = imported(
        "letter", "--interview", interview, "--person", person, "--template", template,
        "--pdf", str(out), "--date", TODAY, "--page-size", "letter",
    )  # fmt: skip
    assert status == 0, err
    assert stdout.strip() == str(out)
    text = pdf_text(out)
    for expected in (person, title, company, position, format_date(day, "US")):
        assert expected in text, f"{expected!r} missing from {template}: {text}"
    assert_clean(text)
    assert "(letter)" in page_size(out)


def test_reference_brief_names_the_reference_and_the_interviewer(
    imported: Cli, tmp_path: Path
) -> None:
    out = tmp_path / "brief.pdf"
    status, _, err = imported(
        "letter", "--interview", "acme-1", "--person", "Ana Ruiz", "--template",
        "reference_brief", "--pdf", str(out), "--page-size", "a4",
    )  # fmt: skip
    assert status == 0, err
    text = pdf_text(out)
    for expected in ("Ana Ruiz", "Acme", "Backend Engineer", "November 20, 2026", "Laura Chen"):
        assert expected in text
    assert_clean(text)
    assert "(A4)" in page_size(out)


@pytest.mark.parametrize(
    ("locale_name", "setting", "expected"),
    [
        ("en_US.UTF-8", None, "letter"),
        ("fr_CA.UTF-8", None, "letter"),
        ("de_DE.UTF-8", None, "A4"),
        ("C", None, "letter"),  # no country in the locale: the home country (US in the sample)
        ("en_US.UTF-8", "a4", "A4"),
    ],
)
def test_paper_follows_the_locale_unless_the_setting_says(
    imported: Cli,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    locale_name: str,
    setting: str | None,
    expected: str,
) -> None:
    monkeypatch.setenv("LC_PAPER", locale_name)
    if setting is not None:
        from afterview import paths
        from afterview.store.api import open_store

        with open_store(paths.resolve(data_dir)) as store:
            store.letters.set_page_size(setting)
    out = tmp_path / "paper.pdf"
    status, _, err = imported(
        "letter", "--interview", "acme-1", "--person", "Laura Chen", "--template",
        "thank_you_letter", "--pdf", str(out),
    )  # fmt: skip
    assert status == 0, err
    assert f"({expected})" in page_size(out)


def test_the_pocket_card_lists_the_questions_to_ask(imported: Cli, tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    status, _, err = imported(
        "letter", "--interview", "sakura-1", "--template", "pocket_card", "--pdf", str(out)
    )
    assert status == 0, err
    text = pdf_text(out)
    for expected in (
        "Sakura KK",
        "SRE",
        "张伟",
        "技术总监",
        "When will a decision be made, and how will I hear?",
        "May I follow up",
        "Who will make the decision?",
        "May I have your card?",
        "anyone else in the field",
    ):
        assert expected in text
    assert_clean(text)
    assert "thank-you within 24 hours" in " ".join(text.split())
    # The card says the deadline the steps hold the user to: the setting, not a fixed one.
    settings = tmp_path / "settings.json"
    settings.write_text('{"format": "afterview/2", "settings": {"thank_you_deadline": "2bd"}}')
    assert imported("import", "json", str(settings))[0] == 0
    status, _, err = imported(
        "letter", "--interview", "sakura-1", "--template", "pocket_card", "--pdf", str(out)
    )
    assert status == 0, err
    words = " ".join(pdf_text(out).split())
    assert "thank-you within two business days" in words


def test_text_and_mailto_outputs(imported: Cli) -> None:
    status, text, _ = imported(
        "letter", "--interview", "acme-1", "--person", "laura chen", "--template",
        "thank_you_email", "--text",
    )  # fmt: skip
    assert status == 0
    assert text.startswith(
        "Subject: Thank you for the Backend Engineer interview\n\nDear Laura Chen,"
    )
    status, url, _ = imported(
        "letter", "--interview", "acme-1", "--person", "Laura Chen", "--template",
        "thank_you_email", "--mailto",
    )  # fmt: skip
    assert status == 0
    assert url.startswith("mailto:laura.chen@acme.example?subject=Thank%20you%20for%20the%20")
    assert "%0D%0A" in url and " " not in url.strip()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--interview", "nope", "--person", "x", "--template", "thank_you_email", "--text"],
         "interview 'nope': field 'key': no interview with this key or id"),
        (["--interview", "acme-1", "--person", "Nobody", "--template", "thank_you_email", "--text"],
         "person 'Nobody': field 'name': nobody by this name or id (on this interview: "
         "Laura Chen, Omar O'Hara, Ana Ruiz, Ben Okafor)"),
        (["--interview", "acme-1", "--person", "Laura Chen", "--template", "nope", "--text"],
         "template 'nope': field 'name': no such template"),
        (["--interview", "acme-1", "--person", "Omar O'Hara", "--template", "thank_you_email",
          "--mailto"], "contact \"Omar O'Hara\": field 'email': no email address to write to"),
        (["--interview", "acme-1", "--template", "thank_you_email", "--text"],
         "--person is required"),
        (["--interview", "acme-1", "--person", "Laura Chen", "--template", "thank_you_letter",
          "--pdf", "/nonexistent-dir/x.pdf"], "the folder /nonexistent-dir does not exist"),
    ],
)  # fmt: skip
def test_bad_input_says_what_is_wrong(imported: Cli, args: list[str], message: str) -> None:
    status, out, err = imported("letter", *args)
    assert status == 2
    assert message in err
    assert out == ""


def test_a_user_template_overrides_and_escapes(imported: Cli, data_dir: Path) -> None:
    folder = data_dir / "config" / "letters"
    folder.mkdir(parents=True)
    (folder / "short_thanks.html.j2").write_text(
        '{% extends "_note.html.j2" %}{% block title %}Short thanks{% endblock %}'
        "{% block subject %}Thanks, {{ company }}{% endblock %}"
        "{% block body %}Hi {{ name }} at {{ company }} <3{% endblock %}",
        encoding="utf-8",
    )
    status, text, err = imported(
        "letter", "--interview", "ablabs-1", "--person", "Zoë Ångström", "--template",
        "short_thanks", "--text",
    )  # fmt: skip
    assert status == 0, err
    assert text == "Subject: Thanks, A&B <Labs>\n\nHi Zoë Ångström at A&B <Labs> <3\n"


def test_the_cli_renders_headless_without_any_display(
    imported: Cli, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "headless.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "afterview", "--data-dir", str(data_dir), "letter",
         "--interview", "ablabs-1", "--person", "Zoë Ångström", "--template",
         "thank_you_letter", "--pdf", str(out)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Zoë Ångström" in pdf_text(out)
