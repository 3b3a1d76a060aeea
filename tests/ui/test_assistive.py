"""Announcements and errors tied to their fields (ui/assistive.py), in process.

The AT-SPI side (that an announcement reaches the bus as ``object:announcement``) is checked
by tests/desktop/accessibility/."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from afterview.ui.assistive import (
    announce,
    announcer,
    clear_field_error,
    describe,
    is_invalid,
    name_editable_combo,
    show_field_error,
)
from afterview.ui.widgets import plain_label


def _form(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QLabel]:
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    field, label = QLineEdit(), QLabel()
    layout.addWidget(field)
    layout.addWidget(label)
    form.show()
    return form, field, label


def test_an_error_is_shown_described_marked_and_announced_once(qtbot: QtBot) -> None:
    _form_widget, field, label = _form(qtbot)
    heard: list[tuple[str, bool]] = []
    announcer.announced.connect(lambda text, assertive: heard.append((text, assertive)))
    show_field_error(field, label, "Needs a company.")
    assert label.text() == "Needs a company."
    assert label.isVisible()
    assert field.accessibleDescription() == "Needs a company."
    assert is_invalid(field)
    assert "border" in field.styleSheet()
    show_field_error(field, label, "Needs a company.")
    assert heard == [("Needs a company.", True)]


def test_clearing_an_error_restores_the_field(qtbot: QtBot) -> None:
    _form_widget, field, label = _form(qtbot)
    field.setStyleSheet("QLineEdit { padding: 1px; }")
    show_field_error(field, label, "Not an email address.")
    clear_field_error(field, label)
    assert field.accessibleDescription() == ""
    assert not is_invalid(field)
    assert not label.isVisible()
    assert field.styleSheet() == "QLineEdit { padding: 1px; }"


def test_a_confirmation_is_polite_and_blank_text_is_not_announced(qtbot: QtBot) -> None:
    form, _field, _label = _form(qtbot)
    heard: list[tuple[str, bool]] = []
    announcer.announced.connect(lambda text, assertive: heard.append((text, assertive)))
    announce(form, "  ")
    announce(form, "Saved.")
    assert heard == [("Saved.", False)]


def test_a_status_label_is_read_by_its_text_not_its_object_name(qtbot: QtBot) -> None:
    label = plain_label("3 interviews", name="interviewCount")
    qtbot.addWidget(label)
    assert label.objectName() == "interviewCount"
    assert label.accessibleName() == ""  # Qt then reads the label's text
    label.setText("4 interviews")
    assert QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name) == (
        "4 interviews"
    )


def test_a_fields_help_text_comes_back_when_its_error_goes(qtbot: QtBot) -> None:
    _form_widget, field, label = _form(qtbot)
    describe(field, "Printed at the top of a letter you post.")
    assert field.accessibleDescription() == "Printed at the top of a letter you post."
    show_field_error(field, label, "Needs a town.")
    describe(field, "Printed at the top of a letter you post.")  # a refill keeps the error
    assert field.accessibleDescription() == "Needs a town."
    clear_field_error(field, label)
    assert field.accessibleDescription() == "Printed at the top of a letter you post."


def test_an_editable_combo_boxs_text_field_is_named_by_its_label(qtbot: QtBot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    labelled, named = QComboBox(), QComboBox()
    for combo in (labelled, named):
        combo.setEditable(True)
        combo.addItems(["Etc/UTC", "Europe/Berlin"])
    label = QLabel("Your &time zone:")
    label.setBuddy(labelled)
    named.setAccessibleName("Person")
    for widget in (label, labelled, named):
        layout.addWidget(widget)
    form.show()  # in the window, ui/keyboard.py's rules do this when a combo box is shown
    for combo in (labelled, named):
        name_editable_combo(combo)
    assert labelled.lineEdit().accessibleName() == "Your time zone"
    assert named.lineEdit().accessibleName() == "Person"
