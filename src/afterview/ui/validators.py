"""Small pieces the editors share: plain-text labels, inline messages beside a field, and
the clock the widgets use (so tests can pin it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from afterview.ui import assistive

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def plain_label(text: str, parent: QWidget | None = None, *, name: str = "") -> QLabel:
    """A label that shows user text exactly as typed: never rich text, never a link."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if name:
        # The object name is for tests and style sheets only: a screen reader reads a label's
        # own text (Qt's default accessible name for a QLabel), never "contacts status".
        label.setObjectName(name)
    return label


def error_label(parent: QWidget) -> QLabel:
    """A dialog's hidden error line ("error"): plain text, wrapped, in the palette's error
    colour (readable on a light or a dark window)."""
    label = plain_label("", parent, name="error")
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, message_color(palette, "error"))
    label.setPalette(palette)
    label.hide()
    return label


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def message_color(palette: QPalette, kind: str) -> QColor:
    """Red for an error, amber for a warning, readable on a light or a dark window."""
    dark = _is_dark(palette)
    if kind == "error":
        return QColor("#ff8a80" if dark else "#b3261e")
    return QColor("#ffcc80" if dark else "#8a5300")


class FieldMessage(QLabel):
    """The message beside a field: hidden when there is nothing to say.

    ``kind`` is "error" (blocks saving) or "warning" (does not). The text is plain, so an
    address like ``<ann@x>`` in a message shows as typed.
    """

    def __init__(self, field_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        # No accessible name: a screen reader reads the message's own text, not "email
        # message"; the field it is about carries it too (see show_for).
        self.setObjectName(f"{field_name}_message")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.kind = ""
        #: The message without its symbol ("" when none is shown).
        self.message = ""
        self.hide()

    def show_message(self, text: str | None, kind: str = "error") -> None:
        if not text:
            self.kind = self.message = ""
            self.clear()
            self.setAccessibleName("")
            self.hide()
            return
        self.kind = kind
        text = self.message = _capitalised(text)
        symbol = "⚠ " if kind == "warning" else "✕ "
        self.setText(symbol + text)
        # The symbol in words: a screen reader would say "multiplication sign".
        spoken = self.tr("Warning: {0}") if kind == "warning" else self.tr("Error: {0}")
        self.setAccessibleName(spoken.format(text))
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, message_color(palette, kind))
        self.setPalette(palette)
        self.show()

    def show_for(self, field: QWidget, text: str | None, kind: str = "error") -> None:
        """Show ``text`` as ``field``'s message, tied to ``field`` for a screen reader.

        An error goes through :func:`assistive.show_field_error`: it becomes ``field``'s
        accessible description and invalid state, and is announced (once). A warning
        becomes ``field``'s accessible description only (before its help text, see
        :func:`assistive.describe`) (heard when focus lands on the
        field, without interrupting the typing). ``None`` clears the message, the
        description and the invalid state.
        """
        if text and kind == "error":
            assistive.show_field_error(field, self, _capitalised(text))
            self.show_message(text, kind)  # the symbol and colour besides the text
            return
        if assistive.is_invalid(field):
            assistive.clear_field_error(field, self)
        self.show_message(text, kind)
        # A warning is read before the field's help text; with none, the help text alone.
        own_help = assistive.help_text(field)
        spoken = f"{_capitalised(text)} {own_help}" if text else own_help
        field.setAccessibleDescription(spoken.strip())

    @property
    def is_error(self) -> bool:
        return self.kind == "error"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = ["Clock", "FieldMessage", "message_color", "plain_label", "utcnow"]
