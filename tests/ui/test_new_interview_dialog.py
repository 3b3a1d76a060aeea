"""The New interview dialog's messages (issue 14): "Company is required" appears only once
the user has typed in the field or left it, never on a dialog just opened; each is tied to
its field, and Save puts focus on the first field to put right (issue 15)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from afterview.ui.assistive import is_invalid
from afterview.ui.new_interview_dialog import NewInterviewDialog

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _dialog(qtbot: QtBot) -> NewInterviewDialog:
    dialog = NewInterviewDialog([], NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def _said(dialog: NewInterviewDialog) -> list[str]:
    """The errors under the fields, in the form's order."""
    return [m.text() for m in dialog.messages.values() if m.isVisibleTo(dialog)]


def test_a_new_dialog_says_nothing_yet(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert _said(dialog) == []
    assert not any(is_invalid(field) for field in dialog.messages)
    assert dialog.save_button.isEnabled()  # Save says why it cannot save; a disabled one can't


def test_a_field_emptied_or_left_says_it_is_required(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.company.setFocus()
    qtbot.keyClicks(dialog.company, "A")
    assert _said(dialog) == []
    qtbot.keyClick(dialog.company, Qt.Key.Key_Backspace)
    assert _said(dialog) == ["✕ Company is required."]
    assert dialog.company.accessibleDescription() == "Company is required."
    dialog.position.setFocus()
    qtbot.waitUntil(dialog.position.hasFocus)
    qtbot.keyClick(dialog.position, Qt.Key.Key_Tab)  # left empty: now it counts
    qtbot.waitUntil(lambda: is_invalid(dialog.position))
    assert _said(dialog) == ["✕ Company is required.", "✕ Position is required."]
    qtbot.keyClicks(dialog.company, "Acme")
    qtbot.keyClicks(dialog.position, "Engineer")
    assert _said(dialog) == []
    assert not is_invalid(dialog.company) and dialog.company.accessibleDescription() == ""


def test_save_with_empty_fields_ties_each_error_to_its_field_and_focuses_the_first(
    qtbot: QtBot, heard: list[tuple[str, bool]]
) -> None:
    """Issue 15: "Needs a company and a position." was a label nobody could reach. Save
    now marks each empty field (its description and invalid state), says it, and puts focus
    on the first, whose error a screen reader reads with it."""
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.position, "Engineer")
    dialog.save_button.setFocus()
    qtbot.waitUntil(dialog.save_button.hasFocus)
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.company)
    assert dialog.isVisible() and dialog.result() == 0
    assert is_invalid(dialog.company) and not is_invalid(dialog.position)
    assert dialog.company.accessibleDescription() == "Company is required."
    assert heard == [("Company is required.", True)]
    heard.clear()
    dialog.position.clear()  # after a Save, the emptied field says so at once
    assert heard == [("Position is required.", True)]
    dialog.position.setFocus()
    qtbot.waitUntil(dialog.position.hasFocus)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.company)
    assert is_invalid(dialog.position) and is_invalid(dialog.company)
    qtbot.keyClicks(dialog.company, "Acme")
    qtbot.keyClicks(dialog.position, "Engineer")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == NewInterviewDialog.DialogCode.Accepted.value


def test_a_time_zone_not_in_the_list_is_tied_to_its_field(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.zone.setEditText("Mars/Olympus")
    assert is_invalid(dialog.zone)
    assert dialog.zone.accessibleDescription() == "Choose a time zone from the list."


def test_the_fields_have_related_labels(qtbot: QtBot) -> None:
    """On Linux a combo box without a related label is named by its text ("Europe/Berlin")."""
    dialog = _dialog(qtbot)
    for field, text in (
        (dialog.company, "Company"),
        (dialog.position, "Position"),
        (dialog.start, "Date and time"),
        (dialog.zone, "Time zone"),
    ):
        relations = QAccessible.queryAccessibleInterface(field).relations()
        labels = [i.text(QAccessible.Text.Name) for i, r in relations if r & QAccessible.Label]
        assert labels == [text]


def test_enter_on_a_focused_button_presses_it(qtbot: QtBot) -> None:
    """Issue 15: Enter presses the focused push button (Qt's auto-default in a dialog), not
    the dialog's Save."""
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.company, "Acme")
    qtbot.keyClicks(dialog.position, "Engineer")
    name = dialog.picker.who.lineEdit()
    qtbot.keyClicks(name, "Ada Lovelace")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    dialog.list.setCurrentRow(0)
    dialog.remove_button.setFocus()
    qtbot.waitUntil(dialog.remove_button.hasFocus)
    qtbot.keyClick(dialog.remove_button, Qt.Key.Key_Return)
    assert dialog.people == [] and dialog.isVisible()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setFocus()
    qtbot.waitUntil(cancel.hasFocus)
    qtbot.keyClick(cancel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == NewInterviewDialog.DialogCode.Rejected.value


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


def test_save_on_a_new_dialog_marks_both_and_says_the_focused_one_last(
    qtbot: QtBot, heard: list[tuple[str, bool]]
) -> None:
    dialog = _dialog(qtbot)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.company)
    assert _said(dialog) == ["✕ Company is required.", "✕ Position is required."]
    assert heard == [("Position is required.", True), ("Company is required.", True)]
