"""The notifier chain: backends tried in order, each proving at construction that it works.

On Linux: freedesktop (D-Bus, with actions), then plyer, then the tray
icon's own balloon. When every backend fails, the reminder is still in the
tray menu and the main window's Today view (in-app, always).

After a fallback the chain does not poll: whoever watches the preferred
backend's service (the tray watches ``org.freedesktop.Notifications`` appear
on the bus) calls :meth:`NotifierChain.prefer_again`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from afterview.notify.base import Notifier, NotifierFailed, NotifierUnavailable
from afterview.notify.message import Notification

log = logging.getLogger(__name__)

Factory = Callable[[], Notifier]
IN_APP = "in-app"
FAILURES_KEPT = 32


class NotifierChain:
    def __init__(self, factories: Sequence[tuple[str, Factory]]) -> None:
        self._factories = list(factories)
        self._pending = list(factories)
        self._current: Notifier | None = None
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
        del self.failures[:-FAILURES_KEPT]  # a service that keeps restarting, all day
        log.warning("notifier %s unavailable: %s", name, reason)

    def prefer_again(self) -> None:
        """The preferred backend's service is there again (at login the tray may start
        before it; a service restarts): from the next notification on, try the backends
        from the first again. Nothing changes while the first one is in use."""
        if not self._factories:
            return
        if self._current is not None and self._current.name == self._factories[0][0]:
            return
        log.info("trying the preferred notifiers again")
        if self._current is not None:
            self._current.close()
        self._current = None
        self._pending = list(self._factories)

    def notify(self, notification: Notification) -> str:
        """Show it with the first backend that works; which one did (``in-app`` when none)."""
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

    def shown_steps(self) -> set[int]:
        """The steps whose notifications the current backend still shows, when it can tell
        (freedesktop can; the others show a bubble that goes by itself)."""
        shown = getattr(self._current, "shown_steps", None)
        return set(shown()) if shown is not None else set()

    def withdraw(self, gone: set[int]) -> list[int]:
        """Take down the notifications of steps in ``gone`` (done or snoozed elsewhere);
        the ids closed (none where the backend cannot close one)."""
        withdraw = getattr(self._current, "withdraw", None)
        return list(withdraw(gone)) if withdraw is not None and gone else []

    def close(self) -> None:
        if self._current is not None:
            self._current.close()
            self._current = None
