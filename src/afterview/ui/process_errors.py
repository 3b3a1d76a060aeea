"""The Process tab's fields with their labels and their errors.

Each field has a label related to it (its buddy, and its sibling: Qt relates a label to a
field only among siblings, and on Linux a combo box without a related label is named by its
current text, "Video call" rather than "Format"), and a message under it. An error is tied
to its field by :mod:`afterview.ui.assistive`: the field's accessible description, its
invalid state, an announcement. Escape in a text field whose change was refused asks for
the saved value back (the user's text stays until then, so nothing typed is lost unasked).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from afterview.store.errors import RecordError, StoreError
from afterview.ui.assistive import clear_field_error, is_invalid, show_field_error
from afterview.ui.process_fields import FIELD_LABELS, label_of
from afterview.ui.validators import FieldMessage


class FieldErrors(QObject):
    """The form's rows and the message beside each field, by the store's field name."""

    def __init__(self, form: QFormLayout, parent: QWidget, revert: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.form = form
        self.revert = revert
        #: The message next to each field.
        self.messages: dict[str, FieldMessage] = {}
        #: The widget each message is about (the one that takes focus).
        self.fields: dict[str, QWidget] = {}

    def add_row(self, name: str, widget: QWidget) -> None:
        """``widget`` with its label, and its message on a row of its own under it (in the
        field column; a hidden message takes no room)."""
        parent = self.parent()
        assert isinstance(parent, QWidget)
        field = widget.focusProxy() or widget
        label = QLabel(label_of(name), parent)
        label.setBuddy(field)
        self.form.addRow(label, widget)
        message = FieldMessage(name, parent)
        message.setAccessibleName("")  # read by its own text, not "company message"
        self.form.setWidget(self.form.rowCount(), QFormLayout.ItemRole.FieldRole, message)
        self.messages[name] = message
        self.fields[name] = field
        if isinstance(field, QLineEdit):
            field.installEventFilter(self)

    def show(self, name: str, text: str | None) -> None:
        """``text`` as field ``name``'s error (None: none): beside it, as its accessible
        description and invalid state, and announced (afterview.ui.assistive)."""
        field, message = self.fields[name], self.messages[name]
        if text:
            show_field_error(field, message, text)
            message.show_message(text)  # its look: the mark and the error colour
        else:
            clear_field_error(field, message)
            message.show_message(None)

    def clear(self) -> None:
        for name in self.messages:
            self.show(name, None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            key = event.key() if isinstance(event, QKeyEvent) else None
            name = next((n for n, f in self.fields.items() if f is watched), None)
            if key == Qt.Key.Key_Escape and name is not None and is_invalid(self.fields[name]):
                event.accept()  # the key is the field's, not a shortcut's
                if event.type() == QEvent.Type.KeyPress:
                    self.revert(name)
                return True
        return super().eventFilter(watched, event)


def refusal(error: StoreError) -> str:
    """The store's refusal in words, next to its field: the field by its label ("Company is
    required"), never the record's id or the store's field name."""
    if isinstance(error, RecordError):
        known = error.field in FIELD_LABELS
        label = label_of(error.field) if known else _tr("A field")
        if error.problem == "required":
            return _tr("{0} is required").format(label)
        return _tr("{0}: {1}").format(label, error.problem)
    return str(error)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProcessTab", text)


__all__ = ["FieldErrors", "refusal"]
