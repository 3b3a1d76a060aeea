"""The New interview dialog's messages (issue 14): "Company is required" appears only once
the user has typed in the field or left it, never on a dialog just opened."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from afterview.ui.new_interview_dialog import NewInterviewDialog

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _dialog(qtbot: QtBot) -> NewInterviewDialog:
    dialog = NewInterviewDialog([], NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def test_a_new_dialog_says_nothing_yet_and_cannot_be_saved(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert dialog.error.text() == ""
    assert not dialog.save_button.isEnabled()


def test_a_field_emptied_or_left_says_it_is_required(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.company.setFocus()
    qtbot.keyClicks(dialog.company, "A")
    assert dialog.error.text() == ""
    qtbot.keyClick(dialog.company, Qt.Key.Key_Backspace)
    assert dialog.error.text() == "Company is required."
    dialog.position.setFocus()
    qtbot.waitUntil(dialog.position.hasFocus)
    qtbot.keyClick(dialog.position, Qt.Key.Key_Tab)  # left empty: now it counts
    qtbot.waitUntil(lambda: "Position is required." in dialog.error.text())
    assert dialog.error.text() == "Company is required. Position is required."
    qtbot.keyClicks(dialog.company, "Acme")
    qtbot.keyClicks(dialog.position, "Engineer")
    assert dialog.error.text() == ""
    assert dialog.save_button.isEnabled()


def test_enter_on_a_name_adds_the_person_and_stays_for_the_next(qtbot: QtBot) -> None:
    """The tester's case: Enter on a typed name added the person and also saved and closed
    the dialog, so a second interviewer could not be added."""
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.company, "Acme")
    qtbot.keyClicks(dialog.position, "Engineer")
    name = dialog.picker.who.lineEdit()
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    for person in ("Ada Lovelace", "Grace Hopper"):
        qtbot.keyClicks(name, person)
        qtbot.keyClick(name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert [p.name for p in dialog.people] == ["Ada Lovelace", "Grace Hopper"]
    assert name.text() == ""
    qtbot.keyClick(name, Qt.Key.Key_Return)  # nothing typed: Enter is the dialog's Save
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == NewInterviewDialog.DialogCode.Accepted.value
