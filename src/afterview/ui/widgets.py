"""Small widgets the window's pages share: time-zone picker, date fields, optional date,
plain labels."""

from __future__ import annotations

import html
from datetime import date
from functools import cache
from zoneinfo import available_timezones

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QObject,
    Qt,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QToolButton,
    QWidget,
)

from afterview.ui import dates
from afterview.ui.assistive import describe
from afterview.ui.date_typing import TypedDate, plain_spaces
from afterview.ui.icons import icon

NOT_SET = QDate(2000, 1, 1)


@cache
def zone_names() -> list[str]:
    return sorted(z for z in available_timezones() if "/" in z or z == "UTC")


def system_zone() -> str:
    """The computer's IANA time zone (UTC when the system does not say)."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    return name if name in set(zone_names()) else "UTC"


def quiet(label: QLabel) -> QLabel:
    """``label`` as a hint: the palette's secondary text colour, which afterview.ui.palette
    keeps at 4.5:1 or more (tests/ui/test_contrast.py). A disabled label, the old way, is
    about 1.8:1 in Fusion's light palette and reads as "not available"."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def plain_label(text: str, parent: QWidget | None = None, name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and notes are never markup
    label.setText(text)
    if name:
        # The object name is for tests and style sheets only: a screen reader reads a label's
        # own text (Qt's default accessible name for a QLabel), never "processError".
        label.setObjectName(name)
    return label


class ZoneBox(QComboBox):
    """An IANA time-zone picker; type to search ("berl" finds Europe/Berlin)."""

    def __init__(self, parent: QWidget | None = None, accessible: str | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(zone_names())
        completer = QCompleter(zone_names(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setAccessibleName(accessible or self.tr("Time zone"))
        self.setMinimumContentsLength(18)

    def zone(self) -> str:
        return self.currentText().strip()

    def set_zone(self, name: str) -> None:
        index = self.findText(name)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)


def typed_date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year: what a person types
    ("11/30/2026" in the United States, "30.11.2026" in Germany). A two-digit year would
    leave the century to guess."""
    # The C locale (LANG=C) writes "30 11 2026": ISO 8601 instead, as every list shows it.
    text = dates.date_pattern(locale or QLocale())
    if "yyyy" not in text:
        text = text.replace("yy", "yyyy")
    return plain_spaces(text)


def typed_time_format(locale: QLocale | None = None) -> str:
    """The locale's short time format ("h:mm AP", "HH:mm")."""
    return plain_spaces((locale or QLocale()).timeFormat(QLocale.FormatType.ShortFormat))


class _OpenOnValue(QObject):
    """Opens a date field's calendar on the field's date, or on today when the field has
    none (its minimum stands for "not set")."""

    def __init__(self, editor: QDateTimeEdit) -> None:
        super().__init__(editor)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            shown = self.editor.date()
            unset = bool(self.editor.specialValueText()) and shown == self.editor.minimumDate()
            day = QDate.currentDate() if unset or not shown.isValid() else shown
            calendar = self.editor.calendarWidget()
            calendar.setCurrentPage(day.year(), day.month())
            if not unset:
                calendar.setSelectedDate(day)
        return False


class DateTimeField(TypedDate, QDateTimeEdit):
    """A date and time typed in the locale's format or ISO 8601 (afterview.ui.date_typing;
    see :func:`date_field`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        QDateTimeEdit.__init__(self, parent)
        self._typing_setup()


class DateField(TypedDate, QDateEdit):
    """A date typed in the locale's format or ISO 8601 (see :func:`date_field`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        QDateEdit.__init__(self, parent)
        self._typing_setup()


def date_field(editor: QDateTimeEdit, accessible: str, *, with_time: bool = True) -> None:
    """Make ``editor`` (a QDateEdit or QDateTimeEdit) the kind of date field every form
    uses: typed in the locale's short format, with a calendar pop-up (Alt+Down, F4, or the
    arrow) that opens on the field's value or today; a DateTimeField or DateField also
    says the format to type in its accessible description."""
    text = typed_date_format()
    editor.setDisplayFormat(f"{text} {typed_time_format()}" if with_time else text)
    editor.setCalendarPopup(True)
    editor.setAccessibleName(accessible)
    calendar = editor.calendarWidget()
    calendar.setAccessibleName(
        QCoreApplication.translate("DateField", "{0} calendar").format(accessible)
    )
    calendar.installEventFilter(_OpenOnValue(editor))
    if isinstance(editor, TypedDate):
        # Read after its name: the format to type, and the key for the calendar.
        describe(editor, editor.format_help())


class OptionalDate(QWidget):
    """A date that may be unknown: "Not set" until picked, with a button to clear it."""

    changed = Signal()

    def __init__(self, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = DateField(self)
        self.edit.setMinimumDate(NOT_SET)
        self.edit.setSpecialValueText(self.tr("Not set"))
        date_field(self.edit, accessible, with_time=False)
        self.edit.setDate(NOT_SET)
        self.clear_button = QToolButton(self)
        self.clear_button.setIcon(icon("clear"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear: {0}").format(accessible))
        self.clear_button.clicked.connect(self._clear)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)  # a label's buddy, focus given to the row: the date
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        # Nothing to clear while "Not set": no dead Tab stop after the field.
        self.edit.dateChanged.connect(lambda _d: self._clearable())
        self._clearable()

    def _clear(self) -> None:
        had_focus = self.clear_button.hasFocus()
        self.edit.setDate(NOT_SET)
        if had_focus:  # the button turns off: focus goes back to the field, not nowhere
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clearable(self) -> None:
        self.clear_button.setEnabled(self.edit.date() != NOT_SET)

    def value(self) -> date | None:
        picked = self.edit.date()
        if picked == NOT_SET:
            return None
        return date(picked.year(), picked.month(), picked.day())

    def set_value(self, value: date | None) -> None:
        self.edit.blockSignals(True)
        self.edit.setDate(QDate(value.year, value.month, value.day) if value else NOT_SET)
        self.edit.blockSignals(False)
        self._clearable()


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


def discard_corrections(parent: QWidget | None) -> bool:
    """Asked before a preview with the user's corrections closes (Escape, Cancel, the
    window's close): Discard or Keep editing, Keep editing by default. True to discard."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("Preview", "Discard your corrections?"),
        "",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        QCoreApplication.translate(
            "Preview", "Discard your corrections? Nothing is imported and they are lost."
        )
    )
    discard = box.button(QMessageBox.StandardButton.Discard)
    discard.setText(QCoreApplication.translate("Preview", "&Discard"))
    keep = box.button(QMessageBox.StandardButton.Cancel)
    keep.setText(QCoreApplication.translate("Preview", "&Keep editing"))
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Discard


def menu_text(text: str) -> str:
    """User text in a menu entry: a single "&" would be read as a keyboard mnemonic."""
    return text.replace("&", "&&")


def plain_tooltip(text: str) -> str:
    """Tooltips guess rich text; escaped inside a paragraph they show the text as it is."""
    return f"<p>{html.escape(text)}</p>" if text else ""
