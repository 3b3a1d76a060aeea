"""Headings a screen reader reads as headings.

A bold, larger QLabel looks like a heading but is read as plain text ("static"): a
screen-reader user cannot jump from heading to heading (issue 15: Today's group headings).
Qt 6.11 has no property for it; an accessibility factory (``QAccessible.installFactory``)
gives every :class:`Heading` an interface whose role is ``QAccessible.Role.Heading``, which
Qt's AT-SPI bridge reports as the role "heading" (checked over AT-SPI with pyatspi).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget


class Heading(QLabel):
    """A label a screen reader reads as a heading (AT-SPI role "heading"), not as text."""


class _HeadingAccessible(QAccessibleWidget):
    def __init__(self, label: Heading) -> None:
        super().__init__(label, QAccessible.Role.Heading)
        self._label = label

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._label.accessibleName() or self._label.text()
        return str(super().text(kind))


def _heading_factory(_class_name: str, target: QObject) -> QAccessibleWidget | None:
    return _HeadingAccessible(target) if isinstance(target, Heading) else None


_factory_installed = False


def heading(text: str, parent: QWidget, name: str) -> Heading:
    """A heading showing ``text`` as plain text (never markup), named ``name`` for tests; its
    accessible name is its text unless one is set. Needs the QApplication to exist."""
    global _factory_installed
    if not _factory_installed:
        # Qt asks the factories in turn for each widget; this one answers only for a Heading.
        # Installed with the first heading: before the application exists, Qt crashes.
        QAccessible.installFactory(_heading_factory)
        _factory_installed = True
    label = Heading(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # user text: never rich text
    label.setText(text)
    label.setObjectName(name)
    return label
