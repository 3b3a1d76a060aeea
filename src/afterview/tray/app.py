"""``afterview tray``: the process that tells the user, once and on time, that a step is due.

It owns no window: a QSystemTrayIcon with a badge and a menu, a scheduler
with one timer, a notifier chain, a local server for "changed" messages and
a single-instance lock. Without a tray host it keeps scheduling and
notifying, and says so once in its log.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import signal
import socket
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from afterview import ipc
from afterview.domain.snooze import may_snooze_until
from afterview.notify import message
from afterview.notify.base import Notifier
from afterview.notify.chain import Factory, NotifierChain
from afterview.notify.message import (
    ACTION_ANSWERED,
    ACTION_DEFAULT,
    ACTION_DONE,
    ACTION_NO_ANSWER,
    ACTION_OPEN,
    ACTION_SNOOZE,
    Notification,
)
from afterview.paths import APP_NAME, Paths
from afterview.private_files import PrivateLogFile, make_private_dir
from afterview.store.changes import Changes, Kind
from afterview.store.errors import StoreError
from afterview.store.faults import UnavailableError
from afterview.store.reminder_store import ReminderStore, open_reminders
from afterview.tray import icon as tray_icon
from afterview.tray import words as tray_words
from afterview.tray.clock import Clock, SystemClock
from afterview.tray.commands import CommandRunner, Runner
from afterview.tray.menu import MENU_STEPS, MenuActions, MenuState, TrayMenu
from afterview.tray.opener import open_window
from afterview.tray.scheduler import Scheduler
from afterview.tray.single import InstanceLock, MessageServer
from afterview.tray.sleep import SleepWatcher
from afterview.tray.sync import TraySync

if TYPE_CHECKING:
    from afterview.notify.service_watch import ServiceWatcher

log = logging.getLogger("afterview.tray")

ALREADY_RUNNING = "Afterview tray is already running."
SNOOZE = timedelta(hours=1)
Opener = Callable[[Paths, "int | None"], str]


def default_factories(
    on_action: Callable[[Notification, str], None], icon: QSystemTrayIcon | None
) -> list[tuple[str, Factory]]:
    from afterview.notify.freedesktop import FreedesktopNotifier
    from afterview.notify.plyer_backend import PlyerNotifier
    from afterview.notify.qt_backend import QtTrayNotifier

    chain: list[tuple[str, Factory]] = []
    if sys.platform.startswith("linux"):
        chain.append(("freedesktop", lambda: FreedesktopNotifier(on_action)))
    chain.append(("plyer", PlyerNotifier))
    chain.append(("qt-tray", lambda: QtTrayNotifier(icon, on_action)))
    return chain


def watch_notification_service(chain: NotifierChain, parent: QObject) -> ServiceWatcher | None:
    """Send reminders to the desktop's notification service again the moment it appears
    (after a restart, or when it starts after the tray). None where there is no D-Bus."""
    if not sys.platform.startswith("linux"):
        return None
    from afterview.notify.base import NotifierUnavailable
    from afterview.notify.service_watch import ServiceWatcher

    try:
        watcher = ServiceWatcher(parent)
    except NotifierUnavailable as error:
        log.info("not watching for a notification service: %s", error)
        return None
    watcher.appeared.connect(lambda _owner: chain.prefer_again())
    return watcher


class Tray(QObject):
    def __init__(
        self,
        paths: Paths,
        store: ReminderStore,
        *,
        clock: Clock | None = None,
        factories: Sequence[tuple[str, Callable[[], Notifier]]] | None = None,
        opener: Opener = open_window,
        runner: Runner | None = None,
        quit: Callable[[], None] | None = None,
        watch_sleep: bool = True,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.store = store
        self.clock = clock or SystemClock()
        self._opener = opener
        self.commands = CommandRunner(paths, self)
        self._run = runner or self.commands.run
        self._quit = quit or QApplication.quit
        self.base_icon = tray_icon.app_icon()
        self.icon = QSystemTrayIcon(self.base_icon, self)
        self.menu = TrayMenu(
            self.menu_state,
            MenuActions(
                open_step=self.open_step,
                snooze_all=self.snooze_all,
                pause=self.pause,
                resume=self.resume,
                open_window=lambda: self.open_step(None),
                quit=self._quit,
            ),
        )
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        if self.tray_available:
            self.icon.show()
            log.info("system tray available: showing the icon")
        else:
            log.warning("no system tray on this desktop: reminders go on, without an icon")
        watch = factories is None
        if factories is None:
            factories = default_factories(self.on_action, self.icon)
        self.chain = NotifierChain(factories)
        # Watching before the first backend is tried: a service that appears in between
        # is not missed.
        self.service_watch = watch_notification_service(self.chain, self) if watch else None
        store.on_saving_fails = self._cannot_save
        self.scheduler = Scheduler(store, self.clock, self.chain.notify, self, tray_words.phrases)
        self.scheduler.dueCountChanged.connect(self._show_count)
        self.server = MessageServer(store.instance, self)
        self.server.received.connect(self.on_message)
        self.sleep = SleepWatcher(self) if watch_sleep else None
        if self.sleep is not None:
            self.sleep.resumed.connect(self.scheduler.resumed)
        #: The other computers' changes (on a server), withdrawing notifications, offline.
        self.sync = TraySync(self, store, self.chain, self.scheduler, self.clock)
        store.on_offline = self.sync.offline_changed
        self._show_count(0)

    def start(self) -> None:
        self.server.listen()
        self.sync.start()
        log.info("notifications via %s", self.chain.backend)
        self.scheduler.start()

    # --- what the user sees ---------------------------------------------------------------

    def _pause_label(self) -> tuple[datetime | None, str]:
        now = self.clock.now()
        until = self.store.paused_until(now)
        if until is None:
            return None, ""
        return until, tray_words.when(until, now, self.clock.zone())

    def show_count(self) -> None:
        """The badge and tooltip again (paused? offline?), with the count last planned."""
        self._show_count(self.scheduler.due_count)

    def _show_count(self, count: int) -> None:
        _until, label = self._pause_label()
        self.icon.setIcon(tray_icon.badged(self.base_icon, count))
        tooltip = tray_icon.tooltip(count, label)
        if self.store.offline is not None:
            tooltip += "\n" + tray_words.offline_tooltip()
        self.icon.setToolTip(tooltip)

    def menu_state(self) -> MenuState:
        now = self.clock.now()
        due = self.store.due(now, limit=MENU_STEPS)
        total = self.store.due_count(now)
        until, label = self._pause_label()
        if total != self.scheduler.due_count:
            self.scheduler.due_count = total
            self._show_count(total)
        return MenuState(due=due, total_due=total, paused_until=until, paused_label=label)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_step(None)

    # --- what the user does ---------------------------------------------------------------

    def open_step(self, step: int | None) -> None:
        how = self._opener(self.paths, step)
        log.info("open the window%s: %s", f" on step {step}" if step else "", how)

    def _changed(self) -> None:
        """Our own write (the pause; done and snooze were written by a step process, which told
        the window itself): re-plan now, and tell the window."""
        ipc.send(self.store.instance, "window", Changes.of(Kind.SETTINGS).message())
        self.scheduler.refresh()
        self._show_count(self.scheduler.due_count)  # the tooltip also says whether paused

    def snooze_all(self) -> None:
        now = self.clock.now()
        self._snooze([reminder.id for reminder in self.store.due(now)], now)

    def _snooze(self, ids: Sequence[int], now: datetime) -> None:
        """Snooze ``ids`` for an hour: those an hour from now moves later (a snooze never moves
        a step earlier). A step done, or moved later, since its notification is left as it
        is, rather than refusing the others with it."""
        until = now + SNOOZE
        due = {reminder.id: reminder.due for reminder in self.store.due(until)}
        later = [i for i in ids if i in due and may_snooze_until(until, due[i], now)]
        if len(later) < len(ids):
            left = [i for i in ids if i not in later]
            log.info("not snoozed (done, or due after %s already): %s", until.isoformat(), left)
        if later:
            arguments = ["step", "snooze", *map(str, later), "--until", until.isoformat()]
            self._act(arguments, f"snoozed {later}")

    def _act(self, arguments: list[str], what: str) -> None:
        """Done and snooze re-plan, which takes the full store: a short ``afterview step``
        process does it (see :mod:`afterview.tray.commands`), then the tray re-plans."""

        def finished(code: int, errors: str) -> None:
            if code == 0:
                log.info("%s", what)
            else:  # e.g. the step was deleted meanwhile: the data is as it was
                log.warning("could not do it (%s): %s", what, errors.strip() or f"exit {code}")
            self._changed()

        self._run(arguments, finished)

    def _cannot_save(self, fault: UnavailableError) -> None:
        """Once, when saving starts to fail: reminders go on from what can be read."""
        log.warning("cannot save: %s (%s)", fault.reason, fault.detail)
        self.chain.notify(message.cannot_save(fault.reason, tray_words.phrases()))

    def data_changed(self) -> None:
        """Another process or computer wrote (afterview.tray.sync.TraySync.data_changed)."""
        self.sync.data_changed()

    def pause(self) -> None:
        try:
            until = self.store.pause_until_morning(self.clock.now(), self.clock.zone())
        except UnavailableError as fault:
            self._cannot_save(fault)
            return
        log.info("reminders paused until %s", until.astimezone(ZoneInfo(self.clock.zone())))
        self._changed()

    def resume(self) -> None:
        try:
            self.store.resume()
        except UnavailableError as fault:
            self._cannot_save(fault)
            return
        self._changed()

    def on_action(self, notification: Notification, key: str) -> None:
        ids = notification.step_ids
        if key == ACTION_DONE and len(ids) == 1:
            self._act(["step", "done", str(ids[0])], f"step {ids[0]} done from its notification")
        elif key in (ACTION_ANSWERED, ACTION_NO_ANSWER) and len(ids) == 1:
            answer = "yes" if key == ACTION_ANSWERED else "no"
            self._act(
                ["step", "done", str(ids[0]), "--answered", answer],
                f"step {ids[0]} done from its notification (answered: {answer})",
            )
        elif key == ACTION_SNOOZE:
            self._snooze(ids, self.clock.now())
        elif key in (ACTION_OPEN, ACTION_DEFAULT):
            self.open_step(ids[0] if len(ids) == 1 else None)

    def on_message(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "changed":
            if self.store.instance != self.server.instance:
                # An import into an empty database took the file's identity: listen there.
                self.server.listen(self.store.instance)
            self.data_changed()
        elif kind == "quit":
            self._quit()

    def close(self) -> None:
        self.commands.finish()
        self.scheduler.stop()
        self.sync.close()
        self.server.close()
        self.chain.close()
        if self.service_watch is not None:
            self.service_watch.close()
        if self.sleep is not None:
            self.sleep.close()
        self.icon.hide()


def _log_to_file(paths: Paths) -> None:
    # Opened on its first line, so the folder can be made (or made private) after the
    # handler is in place and that line lands in the log too.
    handler = PrivateLogFile(
        paths.log_dir / "tray.log", maxBytes=512_000, backupCount=2, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("afterview tray: %(message)s"))
    console.setLevel(logging.WARNING)
    root = logging.getLogger("afterview")
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    root.addHandler(console)
    make_private_dir(paths.log_dir)


def _quit_on_signals(app: QApplication) -> QSocketNotifier:
    """SIGTERM/SIGINT quit cleanly (lock released, database closed) without a polling timer."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: None)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        app.quit()

    notifier.activated.connect(drain)
    _keep.extend((reader, writer))  # the sockets must live as long as the notifier
    return notifier


_keep: list[socket.socket] = []


def _install_translations(app: QApplication) -> None:
    """The window's translators (afterview.ui.translation, issue 14), before any menu or
    notification is worded: the user's language, and "1 step" / "2 steps" from "%n step(s)"."""
    from afterview.ui.translation import install_translators

    install_translators(app)


def run_tray(paths: Paths) -> int:
    # paths.ensure() runs in open_reminders, once the log is set up: what it makes private
    # is said in the log.
    # argv[0] names the X11 window class ("afterview", not "__main__.py").
    app = QApplication.instance() or QApplication(["afterview"])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName("afterview")
    app.setQuitOnLastWindowClosed(False)
    _install_translations(app)
    lock = InstanceLock(paths)
    if not lock.acquire():
        print(ALREADY_RUNNING)
        return 0
    _log_to_file(paths)
    if lock.unguarded:
        log.warning("the tray's lock file cannot be written in %s; running anyway", paths.data_dir)
    try:
        store = open_reminders(paths)
    except StoreError as error:
        lock.release()
        print(f"afterview: {error}", file=sys.stderr)
        return 2
    app.setWindowIcon(tray_icon.app_icon())
    _notifier = _quit_on_signals(app) if sys.platform != "win32" else None
    tray = Tray(paths, store)
    tray.start()
    log.info("tray running for %s (pid %s)", paths.data_dir, app.applicationPid())
    try:
        return int(app.exec())
    finally:
        tray.close()
        menu = tray.menu
        # Delete the Qt objects in order now, not in whatever order the collector picks.
        shiboken6.delete(tray)
        shiboken6.delete(menu)
        store.close()
        lock.release()
        del _notifier
