"""QSystemTrayIcon.showMessage: the last native resort, through the tray icon itself.

With the Warning icon: Qt sends Information at low urgency, and GNOME shows
no banner for low-urgency notifications.
"""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QSystemTrayIcon

from afterview.notify.base import ActionHandler, NotifierFailed, NotifierUnavailable
from afterview.notify.message import ACTION_OPEN, Notification

SHOW_MS = 15_000


class QtTrayNotifier:
    name = "qt-tray"

    def __init__(self, icon: QSystemTrayIcon | None, on_action: ActionHandler) -> None:
        if icon is None or not QSystemTrayIcon.isSystemTrayAvailable():
            raise NotifierUnavailable("no system tray to show messages from")
        if not icon.supportsMessages():
            raise NotifierUnavailable("this system tray cannot show messages")
        self._icon = icon
        self._on_action = on_action
        self._last: Notification | None = None
        icon.messageClicked.connect(self._clicked)

    def _clicked(self) -> None:
        if self._last is not None:
            self._on_action(self._last, ACTION_OPEN)

    def notify(self, notification: Notification) -> None:
        if not self._icon.isVisible():
            raise NotifierFailed("the tray icon is not shown")
        self._last = notification
        self._icon.showMessage(
            notification.summary,
            notification.body,
            QSystemTrayIcon.MessageIcon.Warning,
            SHOW_MS,
        )

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self._icon.messageClicked.disconnect(self._clicked)
