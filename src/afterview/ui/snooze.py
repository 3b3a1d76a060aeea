"""Snoozing a step: in an hour, tomorrow morning, or at a time the user picks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

MORNING = time(9, 0)


def in_one_hour(now: datetime) -> datetime:
    return now + timedelta(hours=1)


def tomorrow_morning(now: datetime, morning: time = MORNING) -> datetime:
    """Tomorrow at the start of the working day, in the computer's time zone."""
    local = now.astimezone()
    day = local.date() + timedelta(days=1)
    wall = datetime.combine(day, morning)
    return wall.astimezone().astimezone(UTC)  # naive wall time in the system zone


def pick_time(parent: QWidget | None, now: datetime) -> datetime | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Snooze until")
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Remind me again at:", dialog))
    editor = QDateTimeEdit(dialog)
    editor.setObjectName("snoozeUntil")
    editor.setAccessibleName("Snooze until")
    editor.setCalendarPopup(True)
    editor.setDisplayFormat("ddd d MMM yyyy HH:mm")
    editor.setDateTime(QDateTime.fromSecsSinceEpoch(int(in_one_hour(now).timestamp())))
    layout.addWidget(editor)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return datetime.fromtimestamp(editor.dateTime().toSecsSinceEpoch(), UTC)


def snooze_menu(
    parent: QWidget, now: Callable[[], datetime], chosen: Callable[[datetime], None]
) -> QMenu:
    """A menu whose entries call ``chosen`` with the instant to snooze until."""
    menu = QMenu(parent)
    menu.setAccessibleName("Snooze options")
    hour = menu.addAction("For 1 hour")
    hour.triggered.connect(lambda: chosen(in_one_hour(now())))
    morning = menu.addAction("Until tomorrow morning")
    morning.triggered.connect(lambda: chosen(tomorrow_morning(now())))
    menu.addSeparator()
    pick = menu.addAction("Pick a time…")

    def picked() -> None:
        until = pick_time(parent, now())
        if until is not None:
            chosen(until)

    pick.triggered.connect(picked)
    return menu
