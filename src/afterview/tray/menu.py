"""The tray menu, rebuilt each time it opens so it always shows what is due now."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import QMenu, QWidget

from afterview.store.reminders import Reminder
from afterview.tray.words import title

log = logging.getLogger(__name__)

#: The menu lists this many steps; the rest are one "more" entry that opens the window.
MENU_STEPS = 10
LABEL_MAX = 70


def action_text(text: str) -> str:
    """User text as a menu label: '&' would be read as a keyboard accelerator."""
    if len(text) > LABEL_MAX:
        text = text[: LABEL_MAX - 1] + "…"
    return text.replace("&", "&&")


def step_label(reminder: Reminder) -> str:
    """The step's title in the user's language, and its company."""
    where = f" — {reminder.company}" if reminder.company else ""
    return action_text(title(reminder) + where)


@dataclass(frozen=True)
class MenuState:
    due: list[Reminder]
    total_due: int
    paused_until: datetime | None
    #: "08:00" or "Mon 09:00": the pause's end as the user reads it.
    paused_label: str = ""


@dataclass(frozen=True)
class MenuActions:
    open_step: Callable[[int], None]
    snooze_all: Callable[[], None]
    pause: Callable[[], None]
    resume: Callable[[], None]
    open_window: Callable[[], None]
    quit: Callable[[], None]


class TrayMenu(QMenu):
    def __init__(
        self,
        load: Callable[[], MenuState],
        actions: MenuActions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._actions = actions
        self.aboutToShow.connect(self.rebuild)

    def rebuild(self) -> None:
        state = self._load()
        self.clear()
        log.info("menu opened: %d due steps listed", min(len(state.due), MENU_STEPS))
        if state.due:
            heading = self.addAction(self.tr("%n step(s) due", "", state.total_due))
            heading.setEnabled(False)
            for reminder in state.due[:MENU_STEPS]:
                action = self.addAction(step_label(reminder))
                action.setData(reminder.id)
                action.triggered.connect(
                    lambda _checked=False, step=reminder.id: self._actions.open_step(step)
                )
            if state.total_due > MENU_STEPS:
                more = self.addAction(self.tr("%n more…", "", state.total_due - MENU_STEPS))
                more.triggered.connect(self._actions.open_window)
        else:
            nothing = self.addAction(self.tr("Nothing is due"))
            nothing.setEnabled(False)
        self.addSeparator()
        snooze = self.addAction(self.tr("Snooze all 1 hour"))
        snooze.setEnabled(bool(state.due))
        snooze.triggered.connect(self._actions.snooze_all)
        if state.paused_until is not None:
            resume = self.addAction(
                self.tr("Resume reminders (paused until %1)").replace("%1", state.paused_label)
            )
            resume.triggered.connect(self._actions.resume)
        else:
            pause = self.addAction(self.tr("Pause until tomorrow morning"))
            pause.triggered.connect(self._actions.pause)
        self.addSeparator()
        self.addAction(self.tr("Open Afterview")).triggered.connect(self._actions.open_window)
        self.addAction(self.tr("Quit")).triggered.connect(self._actions.quit)

    def step_ids(self) -> list[int]:
        return [int(a.data()) for a in self.actions() if isinstance(a.data(), int)]
