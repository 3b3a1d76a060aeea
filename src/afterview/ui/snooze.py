"""Snoozing a step: for an hour, until tomorrow morning, or until a time the user picks.

A snooze moves a step later, never earlier and never into the past
(:mod:`afterview.domain.snooze`, the one place the rule is written). The menu is rebuilt each
time it opens, for the step's due at that moment: when the usual time would not move the step
later (an hour from now for a step due tomorrow), the entry counts from the due instead and
says so ("1 hour after it is due"). The picker starts at the earliest whole minute allowed,
which is also its minimum; making a step due earlier is "Edit due…".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.snooze import (
    PresetKind,
    earliest_until,
    may_snooze_until,
    presets,
)
from afterview.ui.interviews_model import format_due
from afterview.ui.widgets import DateTimeField, date_field, plain_label, system_zone

Clock = Callable[[], datetime]


def to_qt(instant: datetime) -> QDateTime:
    """An aware instant as a QDateTime (shown in the computer's time zone)."""
    return QDateTime.fromSecsSinceEpoch(int(instant.timestamp()))


def from_qt(value: QDateTime) -> datetime:
    """A QDateTime as an aware UTC instant, in whole minutes (seconds never hide in it)."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC).replace(second=0, microsecond=0)


class SnoozeDialog(QDialog):
    """ "Snooze until": a date and time, never earlier than the first whole minute after both
    now and the step's due. It opens at that minute; if the clock passes the chosen time while
    the dialog is open, OK raises the minimum and says so instead of accepting."""

    def __init__(self, due: datetime, now: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.due = due
        self._now = now
        self.setWindowTitle(self.tr("Snooze until"))
        layout = QVBoxLayout(self)
        moment = now()
        when = format_due(due, moment)
        text = (
            self.tr("Due {0}. Remind me again at (your time):")
            if due > moment
            else self.tr("Due since {0}. Remind me again at (your time):")
        )
        self.label = plain_label(text.format(when), self, "snoozeDue")
        layout.addWidget(self.label)
        self.editor = DateTimeField(self)
        self.editor.setObjectName("snoozeUntil")
        date_field(self.editor, self.tr("Snooze until"))
        earliest = to_qt(earliest_until(due, moment))
        self.editor.setMinimumDateTime(earliest)
        self.editor.setDateTime(earliest)
        layout.addWidget(self.editor)
        self.hint = plain_label("", self, "snoozeHint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def until(self) -> datetime:
        """The chosen instant: aware UTC, a whole minute."""
        return from_qt(self.editor.dateTime())

    def accept(self) -> None:
        now = self._now()
        if may_snooze_until(self.until(), self.due, now):
            super().accept()
            return
        earliest = earliest_until(self.due, now)
        self.editor.setMinimumDateTime(to_qt(earliest))  # moves the chosen time up to it
        self.hint.setText(
            self.tr("That time has passed. The earliest you can choose now is {0}.").format(
                format_due(earliest, now)
            )
        )
        self.hint.show()


def pick_time(parent: QWidget | None, due: datetime, now: Clock) -> datetime | None:
    """Ask for the time to snooze a step due at ``due`` (aware) until: aware UTC, a whole
    minute later than both now and ``due``; None when the user cancels."""
    dialog = SnoozeDialog(due, now, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.until()
    finally:
        dialog.deleteLater()


class SnoozeMenu(QMenu):
    """The Snooze button's menu for one step. ``due`` gives the step's effective due (aware;
    None when no step is chosen); ``chosen`` is called with the instant to snooze until."""

    def __init__(
        self,
        parent: QWidget,
        now: Clock,
        due: Callable[[], datetime | None],
        chosen: Callable[[datetime], None],
        zone: Callable[[], str] = system_zone,
    ) -> None:
        super().__init__(parent)
        self._now, self._due, self._chosen, self._zone = now, due, chosen, zone
        self.setAccessibleName(self.tr("Snooze options"))
        self.aboutToShow.connect(self.refresh)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Opened by keyboard (no mouse button held: Space, Enter or Ctrl+L on Snooze), the
        first entry is active, so a screen reader reads it and Enter takes it; opened by the
        mouse, nothing is, as in any menu."""
        super().showEvent(event)
        if QApplication.mouseButtons() == Qt.MouseButton.NoButton:
            first = next((a for a in self.actions() if not a.isSeparator()), None)
            if first is not None:
                self.setActiveAction(first)

    def refresh(self) -> None:
        """Rebuild the entries for the step's due and the time now."""
        self.clear()
        now = self._now()
        due = self._due() or now
        for preset in presets(due, now, self._zone()):
            action = self.addAction(self._text(preset.kind, preset.after_due, preset.until, now))
            action.setObjectName(f"snooze-{preset.kind.value}")
            action.triggered.connect(lambda _=False, until=preset.until: self._chosen(until))
        self.addSeparator()
        pick = self.addAction(self.tr("Pick a time…"))
        pick.setObjectName("snooze-pick")
        pick.triggered.connect(self._pick)

    def _text(self, kind: PresetKind, after_due: bool, until: datetime, now: datetime) -> str:
        when = format_due(until, now)
        if kind is PresetKind.HOUR:
            if after_due:
                return self.tr("For 1 hour after it is due ({0})").format(when)
            return self.tr("For 1 hour")
        if after_due:
            return self.tr("Until the morning after it is due ({0})").format(when)
        return self.tr("Until tomorrow morning")

    def _pick(self) -> None:
        now = self._now()
        until = pick_time(self.parentWidget(), self._due() or now, self._now)
        if until is not None:
            self._chosen(until)
