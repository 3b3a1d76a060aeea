"""The tray soak's own process: the real tray, in this process, with a driven clock and a
counting notification backend (see test_tray_soak.py, which starts it).

It runs apart from pytest because a process that has already run other tests, or built
the soak's data with the full store, holds hundreds of MiB of freed heap: a leak would
fill those holes first and the resident size would not move. Here the heap holds only
the tray and this driver.

    python tray_soak.py --data-dir DIR --expected FILE [--steps N ...]

``FILE``: ``{"start": ISO, "zone": NAME, "due": {"<step id>": ISO, ...}}``, written by the
test from what it built. Prints one line of JSON: the figures, and how many times each
step was announced.
"""

from __future__ import annotations

import argparse
import array
import collections
import gc
import json
import logging
import logging.handlers
import os
import sys
import time
import tracemalloc
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from afterview import ipc, paths
from afterview.notify.message import Notification
from afterview.store.changes import Changes, Kind
from afterview.store.plain_database import PlainDatabase
from afterview.store.reminder_store import ReminderStore
from afterview.tray.app import Tray
from afterview.tray.clock import FakeClock

#: Each wait for a message to arrive, on a loaded machine.
MESSAGE_TIMEOUT_MS = 10_000


def rss_bytes() -> int:
    """Resident set size now (not the peak): /proc/self/statm's second field, in pages."""
    resident = int(Path("/proc/self/statm").read_text().split()[1])
    return resident * os.sysconf("SC_PAGE_SIZE")


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


class CountingNotifier:
    """The notification backend: counts each step's announcements in arrays sized before the
    measurement, so counting allocates nothing (a list of the notifications themselves would
    be the very growth the soak looks for)."""

    name = "counter"

    def __init__(self, due: dict[int, datetime], clock: FakeClock) -> None:
        self._clock = clock
        size = max(due) + 1
        self.times = array.array("H", bytes(2 * size))
        self.due = array.array("d", bytes(8 * size))
        for step_id, moment in due.items():
            self.due[step_id] = moment.timestamp()
        self.notifications = 0
        #: Steps announced at least once.
        self.steps = 0
        self.early = 0
        self.unknown = 0

    def notify(self, notification: Notification) -> None:
        self.notifications += 1
        now = self._clock.now().timestamp()
        for step_id in notification.step_ids:
            if not 0 <= step_id < len(self.times) or self.due[step_id] == 0.0:
                self.unknown += 1
                continue
            self.steps += self.times[step_id] == 0
            self.times[step_id] += 1
            if now < self.due[step_id]:
                self.early += 1

    def close(self) -> None:
        pass


class Soak:
    """Drives the tray: the clock moves to where the scheduler armed its timer, then the
    scheduler wakes as the timer's timeout makes it; "changed" messages go in between, over
    the tray's own socket, and the event loop runs until the tray has received each."""

    def __init__(self, tray: Tray, clock: FakeClock, counter: CountingNotifier) -> None:
        self.tray, self.clock, self.counter = tray, clock, counter
        self.instance = tray.store.instance
        self.message = Changes.of(Kind.STEPS).message()
        self.sent = 0
        self.timed_out = False
        #: A day after the last due time (quiet hours hold a step for hours, not for days),
        #: a step still not announced never will be: stop there and report it.
        self.deadline = max(counter.due) + 24 * 3600
        self._loop = QEventLoop()
        tray.server.received.connect(self._loop.quit)
        self._guard = QTimer()
        self._guard.setSingleShot(True)
        self._guard.timeout.connect(self._give_up)

    def _give_up(self) -> None:
        self.timed_out = True
        self._loop.quit()

    def send(self) -> None:
        scheduler = self.tray.scheduler
        wakes = scheduler.wakes
        if not ipc.deliver(self.instance, "tray", self.message):
            raise SystemExit("the tray is not listening")
        self._guard.start(MESSAGE_TIMEOUT_MS)
        self._loop.exec()
        self._guard.stop()
        if self.timed_out:
            raise SystemExit(f"message {self.sent + 1} did not arrive")
        # At least once: on a loaded machine the real timer (armed for a second, say) may
        # fire too before the message is read, which wakes it with the same driven clock.
        if scheduler.wakes <= wakes:
            raise SystemExit(f"message {self.sent + 1} did not re-plan")
        self.sent += 1

    def run_until(self, steps: int, messages: int) -> None:
        """Until ``steps`` steps were announced and ``messages`` messages sent, the messages
        spread evenly among the steps."""
        scheduler, counter = self.tray.scheduler, self.counter
        while counter.steps < steps or self.sent < messages:
            if self.clock.now().timestamp() > self.deadline:
                return
            if counter.steps < steps:
                wait_ms = scheduler.interval_ms
                if wait_ms < 0:
                    raise SystemExit(f"no timer armed with {counter.steps} steps announced")
                self.clock.advance(wait_ms / 1000)
                scheduler.wake("timer")
            if self.sent < messages and self.sent * steps <= counter.steps * messages:
                self.send()


def sqlite_memory() -> int:
    """Bytes SQLite has allocated (its page caches, mostly): sqlite3_memory_used()."""
    import _sqlite3
    import ctypes

    used = ctypes.CDLL(_sqlite3.__file__).sqlite3_memory_used
    used.restype = ctypes.c_int64
    return int(used())


def log_like_the_tray(log: Path) -> None:
    """INFO to a rotating file, as ``afterview tray`` logs."""
    handler = logging.handlers.RotatingFileHandler(log, maxBytes=512_000, backupCount=2)
    logger = logging.getLogger("afterview")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def object_counts() -> collections.Counter[str]:
    """The objects Python's collector tracks, by type: one left behind per step or message
    shows here as thousands, however small it is."""
    gc.collect()
    return collections.Counter(type(thing).__qualname__ for thing in gc.get_objects())


def print_traced(before: tracemalloc.Snapshot) -> None:
    after = tracemalloc.take_snapshot()
    for stat in after.compare_to(before, "traceback")[:8]:
        print(f"{stat.size_diff / 1024:+.0f} KiB in {stat.count_diff:+} blocks", file=sys.stderr)
        for frame in stat.traceback.format()[-12:]:
            print(f"    {frame}", file=sys.stderr)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--expected", type=Path, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=1_000)
    parser.add_argument("--warm-up-steps", type=int, default=500)
    parser.add_argument("--warm-up-messages", type=int, default=50)
    parser.add_argument(
        "--trace", action="store_true", help="where Python's memory grew, to stderr (slow)"
    )
    return parser.parse_args()


def measure(soak: Soak, args: argparse.Namespace) -> dict[str, Any]:
    """Warm up, then run the measured steps and messages in tenths, with the resident size
    after each (a leak grows in every tenth; a cache that fills up stops)."""
    tray, counter = soak.tray, soak.counter
    soak.run_until(args.warm_up_steps, args.warm_up_messages)
    figures: dict[str, Any] = {"fds_start": open_fds(), "sqlite_start": sqlite_memory()}
    objects = object_counts()
    blocks = sys.getallocatedblocks()
    if args.trace:
        tracemalloc.start(12)
    before = tracemalloc.take_snapshot() if args.trace else None
    figures["rss"] = [rss_bytes()]
    wakes, notifications = tray.scheduler.wakes, counter.notifications
    started = time.perf_counter()
    for tenth in range(1, 11):
        soak.run_until(
            args.warm_up_steps + args.steps * tenth // 10,
            args.warm_up_messages + args.messages * tenth // 10,
        )
        gc.collect()
        figures["rss"].append(rss_bytes())
    figures["seconds"] = time.perf_counter() - started
    figures["fds_end"], figures["sqlite_end"] = open_fds(), sqlite_memory()
    figures["wakes"] = tray.scheduler.wakes - wakes
    figures["notifications"] = counter.notifications - notifications
    figures["objects_grown"] = (object_counts() - objects).most_common(10)
    figures["blocks_grown"] = sys.getallocatedblocks() - blocks
    if before is not None:
        print_traced(before)
    return figures


def main() -> int:
    args = arguments()
    expected = json.loads(args.expected.read_text(encoding="utf-8"))
    due = {int(key): datetime.fromisoformat(value) for key, value in expected["due"].items()}
    start, zone = datetime.fromisoformat(expected["start"]), str(expected["zone"])
    del expected

    qt_warnings: list[str] = []

    def on_qt_message(kind: QtMsgType, _context: object, text: str) -> None:
        if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) and len(qt_warnings) < 20:
            qt_warnings.append(text)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # as in the tests
    qInstallMessageHandler(on_qt_message)
    log_like_the_tray(args.log)
    app = QApplication(["afterview"])
    app.setQuitOnLastWindowClosed(False)
    where = paths.resolve(args.data_dir)
    clock = FakeClock(start, zone)
    counter = CountingNotifier(due, clock)
    unexpected: list[str] = []
    store = ReminderStore(PlainDatabase(where))  # the file as the tray process opens it
    tray = Tray(
        where,
        store,
        clock=clock,
        factories=[("counter", lambda: counter)],
        opener=lambda _where, step: unexpected.append(f"open {step}") or "no",
        runner=lambda arguments, _finished: unexpected.append(" ".join(arguments)),
        quit=lambda: unexpected.append("quit"),
        watch_sleep=False,
    )
    tray.start()
    soak = Soak(tray, clock, counter)
    figures = measure(soak, args)
    # A week later nothing more is announced: nothing was left behind, or kept for later.
    clock.advance(7 * 24 * 3600)
    tray.scheduler.wake("timer")
    tray.close()
    store.close()
    figures.update(
        sent=soak.sent,
        early=counter.early,
        unknown=counter.unknown,
        unexpected=unexpected,
        qt_warnings=qt_warnings,
        times={str(i): counter.times[i] for i in range(len(counter.times)) if counter.times[i]},
    )
    print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
