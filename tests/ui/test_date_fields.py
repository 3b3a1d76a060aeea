"""Date and time fields (issue 14): typed in the locale's format, their calendar opening on
the field's value or on today, the same kind everywhere it is built (Process tab, snooze)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit
from pytestqt.qtbot import QtBot

from afterview.ui.assistive import is_invalid
from afterview.ui.main_window import MainWindow
from afterview.ui.snooze import SnoozeDialog
from afterview.ui.workspace import Workspace
from tests.ui.conftest import open_sample

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
#: The offscreen platform cannot raise a pop-up or grab the keyboard for it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


@pytest.fixture
def locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


def _open(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, Workspace]:
    window, workspace = open_sample(qtbot, data_dir, NOW)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    return window, workspace


def _type(qtbot: QtBot, editor: QDateTimeEdit, text: str) -> None:
    editor.setFocus()
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _open_calendar(qtbot: QtBot, editor: QDateTimeEdit) -> None:
    """Click the drop-down arrow, as a person opens the pop-up."""
    qtbot.mouseClick(
        editor, Qt.MouseButton.LeftButton, pos=QPoint(editor.width() - 6, editor.height() // 2)
    )
    qtbot.waitUntil(lambda: editor.calendarWidget().isVisible())


@pytest.mark.parametrize(
    ("name", "typed"),
    [("en_US", "11/30/2026 3:45 PM"), ("de_DE", "30.11.2026 15:45")],
    ids=["en_US", "de_DE"],
)
@pytest.mark.usefixtures("locale")
def test_the_interview_time_is_typed_in_the_locales_format(
    qtbot: QtBot, data_dir: Path, name: str, typed: str
) -> None:
    QLocale.setDefault(QLocale(name))
    _window, workspace = _open(qtbot, data_dir)
    process = workspace.page.detail.process
    interview_id = process.interview_id
    assert interview_id is not None
    _type(qtbot, process.start, typed)
    assert process.start.lineEdit().text() == typed
    process.save_now()
    row = workspace.store.interviews.get(interview_id)
    wall = row.start.astimezone(ZoneInfo(row.time_zone))
    assert (wall.year, wall.month, wall.day, wall.hour, wall.minute) == (2026, 11, 30, 15, 45)


@pytest.mark.usefixtures("locale")
def test_an_optional_date_is_typed_in_the_locales_format(qtbot: QtBot, data_dir: Path) -> None:
    QLocale.setDefault(QLocale("de_DE"))
    _window, workspace = _open(qtbot, data_dir)
    process = workspace.page.detail.process
    process.decision.set_value(None)
    _type(qtbot, process.decision.edit, "03.12.2026")
    assert process.decision.value() == datetime(2026, 12, 3).date()


def test_the_calendar_opens_on_the_value_or_today(qtbot: QtBot, data_dir: Path) -> None:
    _window, workspace = _open(qtbot, data_dir)
    process = workspace.page.detail.process
    start = process.start
    value = QDate(2027, 3, 9)
    start.setDate(value)
    _open_calendar(qtbot, start)
    calendar = start.calendarWidget()
    assert (calendar.yearShown(), calendar.monthShown()) == (2027, 3)
    assert calendar.selectedDate() == value
    calendar.hide()
    process.follow_up.set_value(None)  # "Not set": today's month, not January 2000
    edit = process.follow_up.edit
    _open_calendar(qtbot, edit)
    today = QDate.currentDate()
    shown = edit.calendarWidget()
    assert (shown.yearShown(), shown.monthShown()) == (today.year(), today.month())


@pytest.mark.usefixtures("locale")
def test_snooze_and_process_fields_are_the_same_kind(qtbot: QtBot, data_dir: Path) -> None:
    QLocale.setDefault(QLocale("en_US"))
    _window, workspace = _open(qtbot, data_dir)
    dialog = SnoozeDialog(NOW + timedelta(days=1), lambda: NOW)
    qtbot.addWidget(dialog)
    expected = "M/d/yyyy h:mm Ap"  # CLDR's, its narrow space made a typed one
    assert dialog.editor.displayFormat() == expected
    assert workspace.page.detail.process.start.displayFormat() == expected
    assert dialog.editor.calendarPopup()


@pytest.mark.usefixtures("locale")
def test_typing_into_not_set_replaces_it_and_one_digit_days_are_read(
    qtbot: QtBot, data_dir: Path
) -> None:
    """The tester's case: clicking into "Not set" and typing gave "Not set1 11 2026", which
    was then dropped. Typing replaces "Not set", and "1.12.2026" reads as "01.12.2026"."""
    QLocale.setDefault(QLocale("de_DE"))
    _window, workspace = _open(qtbot, data_dir)
    process = workspace.page.detail.process
    process.decision.set_value(None)
    editor = process.decision.edit
    assert editor.text() == "Not set"
    editor.setFocus()
    editor.lineEdit().setCursorPosition(len(editor.text()))  # clicked at its end, nothing selected
    qtbot.keyClicks(editor, "1.12.2026")
    assert "Not set" not in editor.lineEdit().text()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert process.decision.value() == datetime(2026, 12, 1).date()


@pytest.mark.usefixtures("locale")
def test_the_c_locale_types_dates_as_iso_8601(qtbot: QtBot, data_dir: Path) -> None:
    """Under LANG=C Qt's own short date is "30 11 2026", with no separators: ISO instead,
    as the lists show dates there (afterview.ui.dates)."""
    QLocale.setDefault(QLocale.c())
    _window, workspace = _open(qtbot, data_dir)
    process = workspace.page.detail.process
    assert process.decision.edit.displayFormat() == "yyyy-MM-dd"
    process.decision.set_value(None)
    _type(qtbot, process.decision.edit, "2026-12-03")
    assert process.decision.value() == datetime(2026, 12, 3).date()


def test_tab_leaves_an_optional_date_that_is_not_set(qtbot: QtBot, data_dir: Path) -> None:
    """Issue 15: "Agreed follow-up date" while "Not set" kept forward Tab (QDateTimeEdit
    swallows Tab while its special value shows). Tab and Shift+Tab move on; the clear button,
    with nothing to clear, is no Tab stop."""
    _window, workspace = _open(qtbot, data_dir)
    process = workspace.page.detail.process
    process.follow_up.set_value(None)
    field = process.follow_up.edit
    assert field.text() == "Not set"
    assert not process.follow_up.clear_button.isEnabled()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not process.follow_up.isAncestorOf(QApplication.focusWidget()))
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Backtab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is process.will_contact)


def test_clearing_an_optional_date_by_keyboard_keeps_focus_in_it(
    qtbot: QtBot, data_dir: Path
) -> None:
    _window, workspace = _open(qtbot, data_dir)
    process = workspace.page.detail.process
    process.follow_up.set_value(datetime(2026, 12, 3).date())
    button = process.follow_up.clear_button
    assert button.isEnabled()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: process.follow_up.value() is None)
    assert not button.isEnabled()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is process.follow_up.edit)


@pytest.mark.usefixtures("locale")
def test_the_process_tab_takes_a_date_typed_whole_and_says_when_it_cannot(
    qtbot: QtBot, data_dir: Path
) -> None:
    """Issue 15, M2 on the Process tab: Tab into "Date and time", type the date whole, Tab
    on: saved as typed. Text that is no date keeps the saved date, and the field's own
    message under it says so (the one the tab's other errors use)."""
    QLocale.setDefault(QLocale.c())
    _window, workspace = _open(qtbot, data_dir)
    process = workspace.page.detail.process
    interview_id = process.interview_id
    assert interview_id is not None
    process.position.setFocus()
    qtbot.waitUntil(process.position.hasFocus)
    qtbot.keyClick(process.position, Qt.Key.Key_Tab)
    while QApplication.focusWidget() is not process.start:  # past Round
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(process.start, "2026-12-03 14:30")
    qtbot.keyClick(process.start, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is process.zone)  # the next field
    process.save_now()
    row = workspace.store.interviews.get(interview_id)
    wall = row.start.astimezone(ZoneInfo(row.time_zone))
    assert (wall.year, wall.month, wall.day, wall.hour, wall.minute) == (2026, 12, 3, 14, 30)
    process.start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(process.start.hasFocus)
    qtbot.keyClicks(process.start, "20264-03-01 05:20")
    qtbot.keyClick(process.start, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not process.start.hasFocus())
    process.save_now()
    assert workspace.store.interviews.get(interview_id).start == row.start
    assert process.start.text() == "2026-12-03 14:30"
    message = process.messages["start"]
    assert message.isVisibleTo(process)
    assert message.message.startswith("“20264-03-01 05:20” is not a date and time: kept")
    assert is_invalid(process.start)
