"""The main window's process: one window per data directory, reachable over a local socket.

- A second ``afterview`` start sends ``{"type": "open"}`` to the running one,
  which raises its window, and exits 0.
- ``{"type": "open", "step": ID}`` (from the tray) raises the window on that step;
  ``{"type": "open", "files": [PATH, …]}`` (``afterview FILE``, "Open with") imports them.
- ``{"type": "changed", "kinds": [...]}`` re-reads what the window shows of those kinds;
  ``{"type": "quit"}`` closes the window as if the user had.
- The address names the database's identity and its data directory (afterview.ipc.name); a
  database that does not exist yet (or predates identities) is listened for once opened.
- SIGTERM and SIGINT close the window gracefully too (state saved, database
  closed, no running-marker left behind), so a session manager's stop is clean.
"""

from __future__ import annotations

import contextlib
import gc
import signal
import socket
import sys
from pathlib import Path
from typing import Any

import shiboken6
from filelock import FileLock, Timeout
from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

from afterview import ipc
from afterview.paths import APP_ID, APP_NAME, Paths
from afterview.store.faults import set_busy_timeout
from afterview.ui.first_run import ask_when_loaded
from afterview.ui.keyboard import install_keyboard_rules
from afterview.ui.main_window import MainWindow
from afterview.ui.palette import follow_color_scheme

WINDOW_LOCK = "window.lock"
MAX_MESSAGE = 64 * 1024


class WindowServer(QObject):
    """Listens at ``ipc.address(instance, "window")`` and acts on each JSON line."""

    def __init__(self, paths: Paths, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.paths = paths
        self.instance: str | None = None
        self.listening = False
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self.listen()
        window.loaded.connect(self.listen)  # a new or migrated file has its identity now

    def listen(self) -> None:
        """Listen at the database's address; again at a new one if its identity changed (an
        import into an empty database takes the identity of the file it came from)."""
        instance = ipc.instance_for(self.paths)
        if instance is None or instance == self.instance:
            return
        if self.listening:
            self.server.close()
        self.instance = instance
        try:
            address = ipc.address(instance, "window")
        except ipc.UnsafeFolderError as error:
            # The window works on its own; it only misses the other processes' messages.
            print(f"afterview: {error}", file=sys.stderr)
            self.listening = False
            return
        QLocalServer.removeServer(address)  # a stale socket of a crashed window
        self.listening = self.server.listen(address)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            client = self.server.nextPendingConnection()
            self._buffers[client] = b""
            client.readyRead.connect(lambda c=client: self._read(c))
            client.disconnected.connect(lambda c=client: self._done(c))

    def _read(self, client: QLocalSocket) -> None:
        data = self._buffers.get(client, b"") + bytes(client.readAll().data())
        while b"\n" in data:
            line, data = data.split(b"\n", 1)
            message = ipc.decode(line)
            if message is not None:
                self.handle(message)
        self._buffers[client] = data[-MAX_MESSAGE:]

    def _done(self, client: QLocalSocket) -> None:
        if not shiboken6.isValid(client):
            # The window is quitting: Qt deleted the socket before its last signal arrived.
            self._buffers.pop(client, None)
            return
        self._read(client)
        self._buffers.pop(client, None)
        client.deleteLater()

    def handle(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "open":
            step = message.get("step")
            files = message.get("files")
            if isinstance(step, int) and not isinstance(step, bool):
                self.window.open_step(step)
            elif isinstance(files, list) and all(isinstance(name, str) for name in files):
                self.window.open_files([Path(name) for name in files])
            else:
                self.window.raise_window()
        elif kind == "changed":
            self.listen()
            self.window.external_change(message)
        elif kind == "quit":
            self.window.close()


def _install_signal_handlers(window: MainWindow) -> Any:
    """Turn SIGTERM/SIGINT into a normal close: Python sees the signal on a socket Qt watches."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: None)  # the wake-up byte does the work
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def woke() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        window.close()

    notifier.activated.connect(woke)
    return reader, writer, notifier


def _hand_over(paths: Paths, message: dict[str, Any]) -> bool:
    """True when a window already running on this database took ``message``."""
    instance = ipc.instance_for(paths)
    return instance is not None and ipc.send(instance, "window", message)


#: Seconds a save in the window waits for another program's lock. Its writes run on the event
#: loop, so a longer wait freezes the window; a save that gives up is kept and retried.
WINDOW_BUSY_TIMEOUT_S = 3.0


def _listen(paths: Paths, window: MainWindow, server: WindowServer) -> None:
    from afterview.ui.server_listener import listener_for

    listener = listener_for(paths, window)
    if listener is not None:
        listener.changed.connect(server.handle)
        window.follow_server(listener)  # its banner while the server is away


def run_window(paths: Paths, step: int | None = None, files: list[Path] | None = None) -> int:
    # What is loaded by now (Qt, the window's modules; psycopg for a server) lives as long as
    # the process: a full collection need not walk it. On a server one fell in the middle of
    # building the window and cost the list 30-40 ms (bench/pg_store.py).
    gc.freeze()
    set_busy_timeout(WINDOW_BUSY_TIMEOUT_S)
    with contextlib.suppress(OSError):  # a read-only or full disk: the data opens read-only
        paths.ensure()
    message: dict[str, Any] = {"type": "open"}
    if step is not None:
        message["step"] = step
    if files:
        message["files"] = [str(path) for path in files]
    if _hand_over(paths, message):
        return 0  # the running window took it
    lock = FileLock(str(paths.data_dir / WINDOW_LOCK), mode=0o600)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        # Another window is starting right now: hand it the message once it listens.
        for _ in range(50):
            if _hand_over(paths, message):
                return 0
            with contextlib.suppress(Timeout):
                lock.acquire(timeout=0.1)
                break
        else:
            return 0
    except OSError:
        # A read-only or full data folder: no lock file can be made there. The window still
        # opens, read-only, to show the data (the hand-over above found no window running).
        pass
    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        app.setOrganizationName(APP_NAME)
        app.setOrganizationDomain("afterview.invalid")
        app.setApplicationName(APP_NAME)
        app.setDesktopFileName(APP_ID)
        follow_color_scheme(app)
        install_keyboard_rules(app)  # Enter presses a focused button; focus back after dialogs
        from afterview.ui.translation import install_translators

        install_translators(app)  # before any widget: a text is translated when it is set
        window = MainWindow(paths, step=step)
        window.pending_files.extend(files or ())
        ask_when_loaded(window)  # who you are, on the first run
        server = WindowServer(paths, window)
        handlers = _install_signal_handlers(window)
        window.show()
        # On a PostgreSQL server the other computers' changes come by NOTIFY: the same
        # reload as another process's "changed" message. Connected once the window is up:
        # its connection must not hold back the first paint.
        QTimer.singleShot(0, lambda: _listen(paths, window, server))
        code = int(app.exec())
        server.server.close()
        del handlers
        return code
    finally:
        signal.set_wakeup_fd(-1)
        lock.release()
