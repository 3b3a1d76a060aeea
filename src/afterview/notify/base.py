"""The one small interface every notification backend implements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from afterview.notify.message import Notification

#: Called with the notification and the action key ("done", "snooze", "open", "default").
ActionHandler = Callable[[Notification, str], None]


class NotifierUnavailable(Exception):
    """Raised by a backend's constructor when it cannot work here; the chain moves on."""


class NotifierFailed(Exception):
    """Raised by ``notify`` when delivery failed; the chain tries the next backend."""


class Notifier(Protocol):
    name: str

    def notify(self, notification: Notification) -> None: ...

    def close(self) -> None: ...
