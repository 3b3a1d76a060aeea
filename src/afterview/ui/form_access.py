"""What the list pages, Settings and the first run share so a screen reader reads them as they
look: messages tied to their fields, labels tied to their combo boxes, a filter's clear button
with a name.

Errors go through :mod:`afterview.ui.assistive` (the one way to tie an error to its field and
announce it); this module only adds what a :class:`~afterview.ui.validators.FieldMessage`
needs around it: its ✕/⚠ and colour, a warning that is described but not invalid, and the
field's help text coming back when its error goes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton, QWidget

from afterview.ui import assistive
from afterview.ui.validators import FieldMessage

#: The property a field's own help text is kept in while an error replaces its description.
_HELP = "afterviewHelpText"


def field_message(field_name: str, parent: QWidget | None = None) -> FieldMessage:
    """A :class:`FieldMessage` read by its text: its object name stays for tests, but a
    screen reader never hears "work days message"."""
    message = FieldMessage(field_name, parent)
    message.setAccessibleName("")
    return message


def describe(field: QWidget, help_text: str) -> None:
    """``help_text`` as ``field``'s accessible description (read after its name), kept so it
    comes back when an error shown on the field goes away."""
    field.setProperty(_HELP, help_text)
    if not assistive.is_invalid(field):
        field.setAccessibleDescription(help_text)


def show_message(
    field: QWidget, message: FieldMessage, text: str | None, kind: str = "error"
) -> None:
    """``text`` beside ``field`` in ``message``, and tied to the field.

    An error (``kind`` "error") marks the field invalid, becomes its accessible description
    and is announced once (assistive.show_field_error); a warning only becomes part of the
    description. No text takes the message away and gives the field its help text back.
    """
    help_text = str(field.property(_HELP) or "")
    if not text:
        if assistive.is_invalid(field):
            assistive.clear_field_error(field, message)
        message.show_message(None)
        field.setAccessibleDescription(help_text)
        return
    text = text[:1].upper() + text[1:]
    if kind == "error":
        assistive.show_field_error(field, message, text)
    else:
        if assistive.is_invalid(field):
            assistive.clear_field_error(field, message)
        field.setAccessibleDescription(f"{text} {help_text}".strip())
    message.show_message(text, kind)  # its ✕ or ⚠ and its colour


def buddy_label(caption: str, field: QWidget, parent: QWidget | None = None) -> QLabel:
    """A plain-text label for ``field``. On Linux Qt names a combo box by its current text
    unless a label is related to it (QAccessibleComboBox), so this relation is its name."""
    label = QLabel(caption, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setBuddy(field)
    return label


def name_clear_button(edit: QLineEdit, name: str) -> None:
    """Give ``edit``'s clear button (Qt's, shown by setClearButtonEnabled) a name and a
    tooltip. Qt keeps it out of the Tab chain (the keyboard clears with Ctrl+A, Delete), but
    a screen reader still lists it as a button, and unnamed it is read as just "button"."""
    action = edit.findChild(QAction, "_q_qlineeditclearaction")
    if action is not None:
        name_action_button(edit, action, name)


def name_action_button(edit: QLineEdit, action: QAction, name: str) -> None:
    """Name the button ``edit`` shows for ``action`` (QLineEdit.addAction), and keep it out
    of the Tab chain as Qt's own clear button is."""
    action.setText(name)
    action.setToolTip(name)
    for button in edit.findChildren(QToolButton):
        if button.defaultAction() is action:
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)


__all__ = [
    "buddy_label",
    "describe",
    "field_message",
    "name_action_button",
    "name_clear_button",
    "show_message",
]
