"""The tray among several computers (issue 16 §3, §5): what another process or computer
changed, the notifications it made stale, and the server going away.

On a PostgreSQL server a :class:`~afterview.ui.server_listener.ServerListener` hears every
other computer's writes (NOTIFY on a watched socket: no polling); on a file the local
"changed" messages do the same. Either way the scheduler re-plans and the notifications of
steps no longer due (done or snoozed elsewhere) are withdrawn: CloseNotification, through
the notifier chain. With the server away the store reminds from its offline schedule
(:mod:`afterview.store.offline_cache`) and this says so once, and in the tooltip.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

from afterview.notify import message
from afterview.notify.chain import NotifierChain
from afterview.paths import Paths
from afterview.store.faults import UnavailableError
from afterview.store.reminder_store import ReminderStore
from afterview.tray import words as tray_words
from afterview.tray.clock import Clock
from afterview.tray.scheduler import Scheduler

if TYPE_CHECKING:
    from afterview.ui.server_listener import ServerListener

log = logging.getLogger("afterview.tray")


class Host(Protocol):
    """The tray, as this sees it."""

    paths: Paths

    def show_count(self) -> None: ...


class TraySync(QObject):
    def __init__(
        self,
        tray: Host,
        store: ReminderStore,
        chain: NotifierChain,
        scheduler: Scheduler,
        clock: Clock,
    ) -> None:
        super().__init__()
        self._tray = tray
        self._store = store
        self._chain = chain
        self._scheduler = scheduler
        self._clock = clock
        #: On a PostgreSQL server: the other computers' changes, by NOTIFY.
        self.listener: ServerListener | None = None
        self._where = str(tray.paths.database)
        if store.on_server:
            from afterview.store.server_choice import server_for
            from afterview.ui.server_listener import ServerListener

            server = server_for(tray.paths)
            if server is not None:
                self._where = server.display
                self.listener = ServerListener(server, store.computer, self)
                self.listener.changed.connect(lambda _message: self.data_changed())
                # Lost or back: plan again now, from the server or the offline schedule.
                self.listener.lost.connect(lambda _error: scheduler.refresh())
                self.listener.back.connect(scheduler.refresh)

    def start(self) -> None:
        if self.listener is not None:
            self.listener.start()

    def data_changed(self) -> None:
        """Another process or computer wrote: re-plan now, and withdraw the notifications of
        steps no longer due (done or snoozed elsewhere)."""
        self._store.heard()
        self._scheduler.refresh()
        self.withdraw_gone()

    def withdraw_gone(self) -> list[int]:
        """Close the notifications whose steps are no longer due; the ids closed."""
        shown = self._chain.shown_steps()
        if not shown:
            return []
        gone = shown - self._store.still_due(shown, self._clock.now())
        return self._chain.withdraw(gone)

    def offline_changed(self, fault: UnavailableError | None) -> None:
        """Once when the server cannot be reached (reminders go on from the last schedule
        read), and when it is back: said in a notification, and in the tooltip meanwhile."""
        if fault is not None:
            log.warning("offline: %s (%s)", fault.reason, fault.detail)
            self._chain.notify(message.offline(self._where, tray_words.phrases()))
        else:
            log.info("the database server is back")
        self._tray.show_count()

    def close(self) -> None:
        if self.listener is not None:
            self.listener.close()


__all__ = ["TraySync"]
