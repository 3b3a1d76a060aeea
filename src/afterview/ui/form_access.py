"""What the list pages, Settings and the first run share so a screen reader reads them as they
look: messages tied to their fields, labels tied to their combo boxes, a filter's clear button
with a name.

Errors go through :mod:`afterview.ui.assistive` (the one way to tie an error to its field,
announce it and give the field its help text back) by way of
:meth:`~afterview.ui.validators.FieldMessage.show_for`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton, QWidget

from afterview.ui.assistive import describe
from afterview.ui.validators import FieldMessage

#: The property a field's own help text is kept in while an error replaces its description.


def field_message(field_name: str, parent: QWidget | None = None) -> FieldMessage:
    """A :class:`FieldMessage` read by its text: its object name stays for tests, but a
    screen reader never hears "work days message"."""
    message = FieldMessage(field_name, parent)
    message.setAccessibleName("")
    return message


def show_message(
    field: QWidget, message: FieldMessage, text: str | None, kind: str = "error"
) -> None:
    """``text`` beside ``field`` in ``message``, tied to the field (FieldMessage.show_for:
    an error is its description, invalid state and announcement; a warning is read before
    its help text). No text takes the message away and gives the field its help text back.
    """
    message.show_for(field, text, kind)


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
