"""The notifier chain: backends tried in order, each proving at construction that it works.

On Linux: freedesktop (D-Bus, with actions), then plyer, then the tray
icon's own balloon. When every backend fails, the reminder is still in the
tray menu and the main window's Today view (in-app, always).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from afterview.notify.base import Notifier, NotifierFailed, NotifierUnavailable
from afterview.notify.message import Notification

log = logging.getLogger(__name__)

Factory = Callable[[], Notifier]
IN_APP = "in-app"
#: On a fallback, try the preferred backends again this often: at login the tray may start
#: before the desktop's notification service, and a service can restart.
RETRY_S = 300.0


class NotifierChain:
    def __init__(
        self,
        factories: Sequence[tuple[str, Factory]],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._factories = list(factories)
        self._pending = list(factories)
        self._current: Notifier | None = None
        self._monotonic = monotonic
        self._fell_back_at: float | None = None
        self.failures: list[tuple[str, str]] = []

    @property
    def backend(self) -> str:
        """The backend in use: constructing it now if none is yet."""
        current = self._ensure()
        return current.name if current is not None else IN_APP

    def _ensure(self) -> Notifier | None:
        while self._current is None and self._pending:
            name, factory = self._pending.pop(0)
            try:
                self._current = factory()
            except NotifierUnavailable as error:
                self._skip(name, str(error))
            except Exception as error:  # a backend must never take the tray down
                self._skip(name, f"{type(error).__name__}: {error}")
            else:
                log.info("notifications go through %s", name)
        return self._current

    def _skip(self, name: str, reason: str) -> None:
        self.failures.append((name, reason))
        if self._fell_back_at is None:
            self._fell_back_at = self._monotonic()
        log.warning("notifier %s unavailable: %s", name, reason)

    def _retry_preferred(self) -> None:
        if self._fell_back_at is None or self._monotonic() - self._fell_back_at < RETRY_S:
            return
        log.info("trying the preferred notifiers again")
        if self._current is not None:
            self._current.close()
        self._current, self._fell_back_at = None, None
        self._pending = list(self._factories)

    def notify(self, notification: Notification) -> str:
        """Show it with the first backend that works; which one did (``in-app`` when none)."""
        self._retry_preferred()
        while (current := self._ensure()) is not None:
            try:
                current.notify(notification)
            except NotifierFailed as error:
                self._skip(current.name, str(error))
                current.close()
                self._current = None
                continue
            return current.name
        log.info("no notifier works; %r shows in the tray menu only", notification.summary)
        return IN_APP

    def close(self) -> None:
        if self._current is not None:
            self._current.close()
            self._current = None
