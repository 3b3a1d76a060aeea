"""The next-due scheduler: one single-shot timer, never armed for more than 15 minutes.

It sleeps until the earliest step falls due and recomputes everything from
the wall clock on every wake, so a long wait, a suspend or a clock change can
make it late by at most the cap. It reacts at once to "changed" messages
(:meth:`Scheduler.refresh`; on a PostgreSQL server also every computer's NOTIFY, see
:mod:`afterview.tray.sync`), notices other writers of a file through
``PRAGMA data_version``, and notices a jump of the wall clock against the
monotonic clock (resume from suspend, a clock change). It does not poll:
when nothing changed and nothing is due, a wake costs one PRAGMA.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from afterview.notify.message import ENGLISH, Notification, Phrases, compose
from afterview.store.reminder_store import ReminderStore
from afterview.tray.clock import Clock

log = logging.getLogger(__name__)

CAP = timedelta(minutes=15)
#: Wall clock and monotonic clock disagreeing by more than this means suspend or a clock change.
JUMP_S = 20.0

Deliver = Callable[[Notification], str]


class Scheduler(QObject):
    #: The number of steps due now (for the badge), emitted when it may have changed.
    dueCountChanged = Signal(int)
    #: A notification was composed and handed to the notifier chain.
    announced = Signal(object)

    def __init__(
        self,
        store: ReminderStore,
        clock: Clock,
        deliver: Deliver,
        parent: QObject | None = None,
        phrases: Callable[[], Phrases] | None = None,
    ) -> None:
        super().__init__(parent)
        #: The notifications' words, asked for at each one: the tray passes the user's
        #: language (afterview.tray.words.phrases); English without.
        self._phrases = phrases or (lambda: ENGLISH)
        self._store = store
        self._clock = clock
        self._deliver = deliver
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Coarse timers may fire 5 % late (45 s on a 15 min wait); a step must be on time.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(lambda: self.wake("timer"))
        self._version: int | None = None
        self._target: datetime | None = None
        self._last_wall: datetime | None = None
        self._last_mono = 0.0
        self.due_count = 0
        self.wakes = 0
        self.jumps = 0

    @property
    def target(self) -> datetime | None:
        """When the scheduler next expects something to do (None: nothing planned)."""
        return self._target

    @property
    def interval_ms(self) -> int:
        return self._timer.interval() if self._timer.isActive() else -1

    def start(self) -> None:
        self.wake("start")

    def refresh(self) -> None:
        """The data changed (a message from the window or the CLI): re-plan now."""
        self._version = None
        self.wake("changed")

    def resumed(self) -> None:
        """logind says the machine woke up: catch up now."""
        self._version = None
        self.wake("resume")

    def _noticed_jump(self, now: datetime, mono: float) -> bool:
        if self._last_wall is None:
            return False
        drift = (now - self._last_wall).total_seconds() - (mono - self._last_mono)
        if abs(drift) <= JUMP_S:
            return False
        self.jumps += 1
        log.info("the wall clock moved %+.0f s against the monotonic clock; catching up", drift)
        return True

    def wake(self, reason: str = "timer") -> None:
        self.wakes += 1
        now, mono = self._clock.now(), self._clock.monotonic()
        jumped = self._noticed_jump(now, mono)
        self._last_wall, self._last_mono = now, mono
        version = self._store.data_version()
        stale = jumped or version != self._version or self._target is None
        due_now = self._target is not None and self._target <= now
        if stale or due_now:
            self._version = version
            self._plan(now)
        # At info: one line per wake (at most every 15 minutes when idle, plus one per change),
        # the only sign from outside the process that the scheduler has run (tests wait on it).
        log.info("wake (%s): next %s", reason, self._target)
        self._arm(now)

    def _plan(self, now: datetime) -> None:
        zone = self._clock.zone()
        plan = self._store.plan(now, zone)
        claim, upcoming, count = plan.claim, plan.upcoming, plan.due_count
        if claim.held_until is not None:
            # Held (quiet hours, a pause): nothing is said until then, but the badge still
            # counts each step as it falls due, so wake for that too.
            target: datetime | None = min(claim.held_until, claim.count_changes or claim.held_until)
        elif upcoming is not None and upcoming <= now:
            target = now + timedelta(seconds=1)  # cannot happen; never spin if it does
        else:
            # Wake at the due instant even in quiet hours: the badge counts it then.
            target = upcoming
        self._target = target
        if count != self.due_count or claim.reminders:
            self.due_count = count
            self.dueCountChanged.emit(count)
        notification = compose(claim.reminders, now, zone, self._phrases())
        if notification is not None:
            backend = self._deliver(notification)
            log.info("announced %s via %s", notification.summary, backend)
            self.announced.emit(notification)

    def _arm(self, now: datetime) -> None:
        wait = CAP if self._target is None else min(max(self._target - now, timedelta(0)), CAP)
        self._timer.start(math.ceil(wait.total_seconds() * 1000))

    def stop(self) -> None:
        self._timer.stop()
