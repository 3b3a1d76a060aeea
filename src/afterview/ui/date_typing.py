"""Typing into a date field as into a text field (issue 15, finding M2).

QDateTimeEdit types section by section: a date typed whole became
"2026-12-01 05:00026-12-03 14:30", Tab moved between sections, and text it could not read
fell back to the old value, or to another date, without a word. The rules here:

- Entering the field by keyboard (Tab, Shift+Tab, its label's mnemonic, a dialog opening
  on it) selects its whole text, as a QLineEdit does; Ctrl+A selects it all too.
- While the text still shows the field's value (nothing typed since), the first typed
  character starts a new date: after Home, End or a click, typing replaces the text instead
  of being inserted into the old date. Once typing has begun, keys edit the text as in any
  text field.
- The text is read only on Enter and on leaving the field, never keystroke by keystroke
  (no half-typed "14:3" saved as 14:03). It is read in the field's format (the locale's
  short one), with one-digit days, months and hours, and in ISO 8601 ("2026-12-03 14:30");
  a date without a time keeps the field's time of day. Emptying an optional field ("Not
  set") makes it "Not set" again.
- Text that is not such a date, or is out of the field's range, never becomes another
  date: the field keeps its value and says so under it, in its accessible description and
  aloud (afterview.ui.assistive), with the format to type. On Enter the typed text stays,
  to correct; on leaving, the field shows its kept value again. Escape puts the value back.
- Tab and Shift+Tab always leave the field. Up and Down step the part under the cursor,
  Left and Right move the cursor. Alt+Down, Alt+Up and F4 open the calendar.
"""

from __future__ import annotations

import re
from typing import cast

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QLocale, QPoint, Qt, QTime
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QMouseEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateEdit,
    QDateTimeEdit,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from afterview.ui.assistive import clear_field_error, describe, show_field_error
from afterview.ui.date_messages import FLOATING, message_under
from afterview.ui.validators import FieldMessage

#: Keys that open the calendar, as they open a combo box's list.
_POPUP_KEYS = {
    (Qt.Key.Key_F4, False),
    (Qt.Key.Key_Down, True),
    (Qt.Key.Key_Up, True),
}
#: Entering by these means is entering by keyboard (or by the program, after an action):
#: the whole text is selected. A click places the cursor instead.
_SELECT_ALL_ON = {
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
    Qt.FocusReason.OtherFocusReason,
    Qt.FocusReason.ActiveWindowFocusReason,  # a dialog opened on the field
}


def plain_spaces(text: str) -> str:
    """Locales put narrow or no-break spaces in their formats; a person types a space."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _tr(text: str) -> str:
    return QCoreApplication.translate("DateField", text)


def _lenient(pattern: str) -> str:
    """``pattern`` with one-digit days, months and hours allowed ("d.M.yyyy H:mm")."""
    return re.sub(r"(?<![dMHh])(dd|MM|HH|hh)(?![dMHh])", lambda m: m.group(1)[0], pattern)


class TypedDate:
    """The typing rules above, for a QDateTimeEdit subclass (DateTimeField, DateField).
    The subclass calls :meth:`_typing_setup` after QDateTimeEdit's constructor."""

    def _typing_setup(self) -> None:
        editor = self._editor()
        editor.setKeyboardTracking(False)  # read on Enter or on leaving only
        self._message: QLabel | None = None
        self._error_shown = False
        #: Whether the user has edited the text since it last showed the value.
        self._typed = False
        editor.lineEdit().textEdited.connect(lambda _t: setattr(self, "_typed", True))
        editor.dateTimeChanged.connect(lambda _v: self._shows_value())

    def _editor(self) -> QDateTimeEdit:
        return cast("QDateTimeEdit", self)

    # -- reading ---------------------------------------------------------------------------

    def _has_time(self) -> bool:
        return not isinstance(self, QDateEdit)

    def _date_patterns(self) -> list[str]:
        shown = self._editor().displayFormat()
        date_part = shown.split(" ")[0] if self._has_time() else shown
        return list(dict.fromkeys((date_part, _lenient(date_part), "yyyy-MM-dd", "yyyy-M-d")))

    def _read(self, text: str) -> QDateTime:
        """``text`` as a date-time on the field's clock (invalid when it is none)."""
        editor = self._editor()
        text = re.sub(r"\s+", " ", plain_spaces(text)).strip()
        locale = QLocale()
        kept = editor.dateTime()
        if self._has_time():
            shown = editor.displayFormat()
            full = [shown, _lenient(shown)]
            full += [f"{d} {t}" for d in ("yyyy-MM-dd", "yyyy-M-d") for t in ("HH:mm", "H:mm")]
            full += ["yyyy-MM-dd'T'HH:mm"]
            for pattern in dict.fromkeys(full):
                value = locale.toDateTime(text, pattern)
                if value.isValid():
                    return QDateTime(value.date(), value.time(), kept.timeZone())
        for pattern in self._date_patterns():
            day = locale.toDate(text, pattern)
            if day.isValid():
                time = kept.time() if self._has_time() and kept.isValid() else QTime(0, 0)
                return QDateTime(day, time, kept.timeZone())
        return QDateTime()

    def _in_range(self, value: QDateTime) -> bool:
        editor = self._editor()
        if not self._has_time():
            return editor.minimumDate() <= value.date() <= editor.maximumDate()
        return editor.minimumDateTime() <= value <= editor.maximumDateTime()

    def _optional(self) -> bool:
        return bool(self._editor().specialValueText())

    def _value_of(self, text: str) -> QDateTime | None:
        """The value ``text`` stands for, or None when it is not a date the field takes."""
        editor = self._editor()
        if self._optional() and (not text.strip() or text == editor.specialValueText()):
            return editor.minimumDateTime()  # "Not set"
        value = self._read(text)
        if not value.isValid() or not self._in_range(value):
            return None
        if self._optional() and value.date() == editor.minimumDate():
            return None  # that day stands for "Not set": typing it must not clear the field
        return value

    def _untouched(self) -> bool:
        """Whether the text still shows the field's value (nothing typed since)."""
        return not self._typed or self._editor().lineEdit().text() == self._shown()

    def _shows_value(self) -> None:
        """The text shows the value again (a new value, or the kept one put back)."""
        self._typed = False
        self._clear_error()

    def _shown(self) -> str:
        """The text the field's value shows as ("Not set" for an optional field's minimum)."""
        editor = self._editor()
        if self._optional() and editor.dateTime() == editor.minimumDateTime():
            return editor.specialValueText()
        return editor.textFromDateTime(editor.dateTime())

    # -- QDateTimeEdit's hooks -------------------------------------------------------------

    def validate(self, text: str, pos: int) -> object:
        # Any text may stand while typing; it is judged on Enter and on leaving.
        value = self._value_of(text)
        state = QValidator.State.Acceptable if value is not None else QValidator.State.Intermediate
        return state, text, pos

    def fixup(self, text: str) -> str:
        return text  # Qt's fixup would put the old value back silently; _commit says so

    def dateTimeFromText(self, text: str) -> QDateTime:
        value = self._value_of(text)
        return value if value is not None else self._editor().dateTime()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editor = self._editor()
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and plain:
            back = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
            QWidget.focusNextPrevChild(editor, not back)  # never from section to section
            event.accept()
            return
        if (key, alt) in _POPUP_KEYS and editor.calendarPopup():
            event.accept()
            self._open_calendar()
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            editor.lineEdit().selectAll()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._untouched() or self._commit(leaving=False):
                event.ignore()  # the dialog's default button may have it
                editor.editingFinished.emit()
            else:
                event.accept()  # refused: no Save of the kept value behind the user's back
            return
        if key == Qt.Key.Key_Escape and not self._untouched():
            editor.lineEdit().setText(self._shown())
            editor.lineEdit().selectAll()
            self._shows_value()
            event.accept()
            return
        if key in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
            Qt.Key.Key_PageUp,
            Qt.Key.Key_PageDown,
        ):
            if self._untouched() or self._commit(leaving=False):
                QDateTimeEdit.keyPressEvent(editor, event)  # steps the part at the cursor
            return
        text = event.text()
        control = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if text and text.isprintable() and not control and not self._typed:
            # A new date, never one typed into the old one, nor into the part Qt selected
            # on its own when the window opened on this field.
            editor.lineEdit().selectAll()
        # Everything else edits the text as in a QLineEdit (QAbstractSpinBox hands it on).
        QAbstractSpinBox.keyPressEvent(editor, event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        editor = self._editor()
        QDateTimeEdit.focusInEvent(editor, event)
        if event.reason() in _SELECT_ALL_ON and not self._typed:
            editor.lineEdit().selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        editor = self._editor()
        if event.reason() != Qt.FocusReason.PopupFocusReason and not self._untouched():
            self._commit(leaving=True)
        QDateTimeEdit.focusOutEvent(editor, event)

    # -- committing and errors -------------------------------------------------------------

    def _commit(self, *, leaving: bool) -> bool:
        """Read the text into the value; False (and the error shown) when it is no date."""
        editor = self._editor()
        line = editor.lineEdit()
        typed = line.text()
        value = self._value_of(typed)
        if value is None:
            self._show_error(typed)
            if leaving:
                line.setText(self._shown())
                self._typed = False  # the kept value is shown again; its error stays
            return False
        self._clear_error()
        if value != editor.dateTime():
            editor.setDateTime(value)
        line.setText(self._shown())  # "1.2.2026" as "01.02.2026"
        self._typed = False
        return True

    def example(self) -> str:
        """3 December of this year at 14:30, in the field's format: the day and the month
        differ, so the example shows their order."""
        editor = self._editor()
        day = QDate(QDate.currentDate().year(), 12, 3)
        return plain_spaces(
            QLocale().toString(QDateTime(day, QTime(14, 30)), editor.displayFormat())
        )

    def format_help(self) -> str:
        """The accessible description: what to type, and how to open the calendar."""
        if self._has_time():
            text = _tr("Type a date and time like {0}, or press Alt+Down for a calendar.")
        else:
            text = _tr("Type a date like {0}, or press Alt+Down for a calendar.")
        return text.format(self.example())

    def error_text(self, typed: str) -> str:
        """Why ``typed`` was refused, the value kept, and the format to type."""
        kept = self._shown()
        editor = self._editor()
        value = self._read(typed)
        if not self._optional() and value.isValid():
            # A date, but before the earliest (a snooze) or after the latest one allowed.
            if value < editor.minimumDateTime():
                text = _tr("“{0}” is before the earliest allowed, {1}: kept {2}.")
                bound = editor.minimumDateTime()
            else:
                text = _tr("“{0}” is after the latest allowed, {1}: kept {2}.")
                bound = editor.maximumDateTime()
            return text.format(typed.strip(), editor.textFromDateTime(bound), kept)
        if self._has_time():
            text = _tr("“{0}” is not a date and time: kept {1}. Type one like {2}.")
        else:
            text = _tr("“{0}” is not a date: kept {1}. Type one like {2}.")
        return text.format(typed.strip(), kept, self.example())

    def set_message(self, label: QLabel) -> None:
        """Show this field's typing errors in ``label`` (otherwise: the FieldMessage under the
        field in its layout, or one put there)."""
        self._message = label

    def _show_error(self, typed: str) -> None:
        label = self._message_label()
        text = self.error_text(typed)
        self._error_shown = True
        show_field_error(self._editor(), label, text)
        if isinstance(label, FieldMessage):
            label.show_message(text)  # its look: the mark and the error colour
        if label.property(FLOATING):
            editor = self._editor()
            label.setAutoFillBackground(True)
            label.setFixedWidth(max(editor.width(), 240))
            label.adjustSize()
            label.move(editor.mapTo(label.parentWidget(), QPoint(0, editor.height())))
            label.raise_()

    def _clear_error(self) -> None:
        if not self._error_shown or self._message is None:
            return
        self._error_shown = False
        clear_field_error(self._editor(), self._message)
        if isinstance(self._message, FieldMessage):
            self._message.show_message(None)

    def _message_label(self) -> QLabel:
        if self._message is None:
            self._message = message_under(self._editor())
        return self._message

    def _open_calendar(self) -> None:
        """Open the pop-up as a click on the arrow does (QDateTimeEdit has no other public
        way): Qt places it, sets its date and closes it on a pick or Escape."""
        editor = self._editor()
        if not self._untouched():
            self._commit(leaving=False)
        option = QStyleOptionComboBox()
        option.initFrom(editor)
        option.editable = True
        option.frame = True
        option.subControls = QStyle.SubControl.SC_All
        arrow = editor.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, editor
        )
        at = arrow.center() if arrow.isValid() else QPoint(editor.width() - 4, editor.height() // 2)
        press = QMouseEvent(
            QEvent.Type.MouseButtonPress,
            at,
            editor.mapToGlobal(at),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QDateTimeEdit.mousePressEvent(editor, press)


__all__ = ["TypedDate", "describe", "plain_spaces"]
