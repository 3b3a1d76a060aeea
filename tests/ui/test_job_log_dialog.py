"""File ▸ Job-search log… (issue 17 §5): the dialog counts the range's activities, refuses a
range that ends before it starts, previews the pages for printing and saves the PDF or the
CSV; the user's text reaches the page as typed. Expected words written by hand."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from afterview.domain.records import Role
from afterview.store.values import NewPerson, Profile
from afterview.ui.job_log_dialog import JobLogDialog, LogPreview
from afterview.ui.main_window import MainWindow
from afterview.ui.validators import FieldMessage
from afterview.ui.workspace import Workspace
from tests.needs import need

HOSTILE = "<b>Bold</b> & Co"


@pytest.fixture
def dialog(qtbot: QtBot, window: MainWindow, workspace: Workspace) -> JobLogDialog:
    store = workspace.store
    store.settings.save_profile(Profile(name="Ada Park"))
    store.settings.save_playbook({"home_time_zone": "America/New_York"})
    store.applications.create(
        {"company": HOSTILE, "position": "Engineer", "applied_on": date(2026, 11, 2)}
    )
    store.interviews.create(
        {
            "company": "Globex",
            "position": "Analyst",
            "start": datetime(2026, 11, 4, 10, 0),
            "time_zone": "America/New_York",
            "format": "video",
        },
        [NewPerson("Dee Hiring", Role.HIRING_MANAGER)],
    )
    entry = window.findChild(QAction, "jobLogAction")
    assert entry is not None and entry.text() == "&Job-search log…"
    entry.trigger()
    opened = window.findChild(JobLogDialog, "jobLogDialog")
    assert opened is not None
    qtbot.waitUntil(opened.isVisible)
    opened.first.setDate(QDate(2026, 11, 1))
    opened.last.setDate(QDate(2026, 11, 30))
    return opened


def test_the_dialog_counts_the_range_and_refuses_one_that_ends_first(dialog: JobLogDialog) -> None:
    assert dialog.summary.text() == "2 items in the log for this range."
    assert dialog.preview_button.isEnabled() and dialog.save_button.isEnabled()
    dialog.first.setDate(QDate(2026, 11, 3))
    assert dialog.summary.text() == "1 item in the log for this range."
    dialog.last.setDate(QDate(2026, 11, 2))
    assert dialog.summary.text() == "The range ends before it starts."
    assert not dialog.preview_button.isEnabled() and not dialog.save_button.isEnabled()
    dialog.first.setDate(QDate(2027, 1, 1))
    dialog.last.setDate(QDate(2027, 1, 31))
    assert dialog.summary.text() == "No activity in this range."
    dialog.csv.setChecked(True)
    assert not dialog.preview_button.isEnabled()  # a print preview is for the pages
    assert dialog.first.accessibleName() == "From" and dialog.last.accessibleName() == "To"


def test_the_csv_is_saved_where_the_user_chose(
    dialog: JobLogDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "log.csv"
    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _pattern: str) -> tuple[str, str]:
        asked.append(Path(suggested).name)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog.csv.setChecked(True)
    dialog.save_button.click()
    assert asked == ["Job-search log 2026-11-01 to 2026-11-30.csv"]
    assert target.read_text("utf-8-sig") == (
        "date,activity,employer,position,contact,how,result\n"
        '2026-11-02,Application sent,<b>Bold</b> & Co,Engineer,,,"Applied, waiting"\n'
        "2026-11-04,Interview,Globex,Analyst,Dee Hiring,video,Scheduled\n"
    )
    assert dialog.summary.text() == f"Saved {target}."


def test_the_pdf_shows_the_user_text_as_typed(dialog: JobLogDialog, tmp_path: Path) -> None:
    need("pdftotext", package="poppler-utils")
    target = dialog.save(tmp_path / "log.pdf")
    assert target is not None
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(target), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert " ".join(text.split()) == (
        "Job-search log: Ada Park From 2026-11-01 to 2026-11-30 "
        "Date Activity Employer Position Contact person How Result "
        "2026-11-02 Application <b>Bold</b> & Engineer Applied, sent Co waiting "
        "2026-11-04 Interview Globex Analyst Dee Hiring video Scheduled "
        "Page 1 of 1"
    )


def test_the_preview_draws_the_pages(qtbot: QtBot, dialog: JobLogDialog) -> None:
    dialog.preview_button.click()
    preview = dialog.findChild(LogPreview, "jobLogPreview")
    assert preview is not None
    qtbot.waitUntil(preview.isVisible)
    shown = preview.findChild(QPrintPreviewWidget)
    assert shown is not None
    qtbot.waitUntil(lambda: shown.pageCount() == 1)
    assert preview.windowTitle() == "Job-search log: print preview"
    preview.reject()


def test_the_dialog_opens_on_the_last_seven_days(qtbot: QtBot, workspace: Workspace) -> None:
    """Tester 17 §12: on 1 December it opened on 2026-12-01 to 2026-12-01, "No activity in
    this range."; a week, as a weekly benefits claim asks, ends today."""
    opened = JobLogDialog(workspace.store, None, today=date(2026, 12, 1))
    qtbot.addWidget(opened)
    assert opened.range == (date(2026, 11, 25), date(2026, 12, 1))
    assert opened.first.text() == "2026-11-25" and opened.last.text() == "2026-12-01"


@pytest.mark.parametrize("typed", ["20261103", "2026-11-03"])
def test_a_whole_date_typed_after_home_becomes_the_range_start(
    qtbot: QtBot, dialog: JobLogDialog, typed: str
) -> None:
    """Tester 17 §12: Home, then 20261101, left the From field as it was."""
    field = dialog.first
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClicks(field, typed)
    assert dialog.range[0] == date(2026, 11, 1)  # read on Enter or on leaving, not before
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert dialog.range == (date(2026, 11, 3), date(2026, 11, 30))
    assert field.text() == "2026-11-03"
    assert dialog.summary.text() == "1 item in the log for this range."


def test_a_typed_date_that_is_none_is_refused_in_words(qtbot: QtBot, dialog: JobLogDialog) -> None:
    field = dialog.last
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "2026-13-45")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.range == (date(2026, 11, 1), date(2026, 11, 30))
    message = dialog.findChild(FieldMessage, "jobLogTo_message")
    assert message is not None and message.isVisible()
    assert field.accessibleDescription().startswith(message.message)
    assert message.message == (
        "“2026-13-45” is not a date: kept 2026-11-30. Type one like 2026-12-03."
    )
