"""Small widgets the window's pages share: time-zone picker, optional date, plain labels."""

from __future__ import annotations

import html
from datetime import date
from functools import cache
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QToolButton,
    QWidget,
)

from afterview.ui.icons import icon

NOT_SET = QDate(2000, 1, 1)


@cache
def zone_names() -> list[str]:
    return sorted(z for z in available_timezones() if "/" in z or z == "UTC")


def system_zone() -> str:
    """The computer's IANA time zone (UTC when the system does not say)."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    return name if name in set(zone_names()) else "UTC"


def plain_label(text: str, parent: QWidget | None = None, name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and notes are never markup
    label.setText(text)
    if name:
        label.setObjectName(name)
        label.setAccessibleName(name)
    return label


class ZoneBox(QComboBox):
    """An IANA time-zone picker; type to search ("berl" finds Europe/Berlin)."""

    def __init__(self, parent: QWidget | None = None, accessible: str = "Time zone") -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(zone_names())
        completer = QCompleter(zone_names(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setAccessibleName(accessible)
        self.setMinimumContentsLength(18)

    def zone(self) -> str:
        return self.currentText().strip()

    def set_zone(self, name: str) -> None:
        index = self.findText(name)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)


class OptionalDate(QWidget):
    """A date that may be unknown: "Not set" until picked, with a button to clear it."""

    changed = Signal()

    def __init__(self, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(NOT_SET)
        self.edit.setSpecialValueText("Not set")
        self.edit.setDisplayFormat("ddd d MMM yyyy")
        self.edit.setDate(NOT_SET)
        self.edit.setAccessibleName(accessible)
        self.clear_button = QToolButton(self)
        self.clear_button.setIcon(icon("clear"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip("Clear")
        self.clear_button.setAccessibleName(f"Clear {accessible.lower()}")
        self.clear_button.clicked.connect(lambda: self.edit.setDate(NOT_SET))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        calendar = self.edit.calendarWidget()
        calendar.setAccessibleName(f"{accessible} calendar")
        calendar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # "Not set" is stored as 1 Jan 2000; the calendar should open on this month instead.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    def value(self) -> date | None:
        picked = self.edit.date()
        if picked == NOT_SET:
            return None
        return date(picked.year(), picked.month(), picked.day())

    def set_value(self, value: date | None) -> None:
        self.edit.blockSignals(True)
        self.edit.setDate(QDate(value.year, value.month, value.day) if value else NOT_SET)
        self.edit.blockSignals(False)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
) -> QMessageBox.StandardButton:
    """A message box that shows its text exactly: QMessageBox's static helpers guess rich
    text, and a company called "A&B <Labs>" would lose its "<Labs>"."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes or Cancel, Cancel by default."""
    answer = message_box(
        parent,
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def menu_text(text: str) -> str:
    """User text in a menu entry: a single "&" would be read as a keyboard mnemonic."""
    return text.replace("&", "&&")


def plain_tooltip(text: str) -> str:
    """Tooltips guess rich text; escaped inside a paragraph they show the text as it is."""
    return f"<p>{html.escape(text)}</p>" if text else ""
