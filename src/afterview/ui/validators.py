"""Small pieces the editors share: plain-text labels, inline messages beside a field, and
the clock the widgets use (so tests can pin it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def plain_label(text: str, parent: QWidget | None = None, *, name: str = "") -> QLabel:
    """A label that shows user text exactly as typed: never rich text, never a link."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if name:
        label.setObjectName(name)
        label.setAccessibleName(name)
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
        self.setObjectName(f"{field_name}_message")
        self.setAccessibleName(f"{field_name} message")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.kind = ""
        self.hide()

    def show_message(self, text: str | None, kind: str = "error") -> None:
        if not text:
            self.kind = ""
            self.clear()
            self.hide()
            return
        self.kind = kind
        text = text[:1].upper() + text[1:]
        symbol = "⚠ " if kind == "warning" else "✕ "
        self.setText(symbol + text)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, message_color(palette, kind))
        self.setPalette(palette)
        self.setAccessibleDescription(text)
        self.show()

    @property
    def is_error(self) -> bool:
        return self.kind == "error"


__all__ = ["Clock", "FieldMessage", "message_color", "plain_label", "utcnow"]
