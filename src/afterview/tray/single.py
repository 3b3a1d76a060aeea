"""One tray per data directory: a QLockFile says who owns it, a QLocalServer receives messages.

The lock is taken first; only its holder removes a stale socket and listens,
so a second tray can never steal the first one's address.
"""

from __future__ import annotations

import contextlib
import logging
import os

import shiboken6
from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from afterview import ipc
from afterview.paths import Paths
from afterview.private_files import PRIVATE_FILE_MODE, make_private_dir

log = logging.getLogger(__name__)

LOCK_NAME = "tray.lock"
#: A client that sends more than this without a newline is not one of ours.
MAX_LINE = 64 * 1024


class InstanceLock:
    def __init__(self, paths: Paths) -> None:
        if not paths.data_dir.is_dir():  # one already there is made private by paths.ensure()
            make_private_dir(paths.data_dir)
        self.path = paths.data_dir / LOCK_NAME
        self._lock = QLockFile(str(self.path))
        # Stale only when its process is gone (checked by pid), never by age: a tray runs for days.
        self._lock.setStaleLockTime(0)

    #: Set when the lock file cannot be written (a read-only folder, a full disk): the tray
    #: runs anyway, reminding from what it can read, without the one-tray guard.
    unguarded = False

    def acquire(self) -> bool:
        """True when this process may run the tray: it holds the lock, or no lock can be
        written at all; False when another tray holds it."""
        if not self._lock.tryLock(0):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
            self.unguarded = True
            return True
        # QLockFile writes the pid and host name with the umask's mode.
        with contextlib.suppress(OSError):
            os.chmod(self.path, PRIVATE_FILE_MODE)
        return True

    def release(self) -> None:
        self._lock.unlock()


class MessageServer(QObject):
    """Receives one JSON message per line (see afterview.ipc) and emits it."""

    received = Signal(dict)

    def __init__(self, instance: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.instance = instance
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    @property
    def address(self) -> str:
        return ipc.address(self.instance, "tray")

    def listen(self, instance: str | None = None) -> bool:
        """Listen at the address of ``instance`` (:func:`afterview.ipc.name`; by default the
        one it was made with). False, with a line in the log, when it cannot: the tray
        still reminds, but hears of changes only when it next plans."""
        if instance is not None and instance != self.instance:
            self._server.close()
            with contextlib.suppress(ipc.UnsafeFolderError):
                QLocalServer.removeServer(self.address)
            self.instance = instance
        elif self._server.isListening():
            return True
        try:
            address = self.address
        except ipc.UnsafeFolderError as error:
            log.warning("%s", error)
            return False
        QLocalServer.removeServer(address)
        if not self._server.listen(address):
            log.warning("cannot listen on %s: %s", address, self._server.errorString())
            return False
        return True

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(QByteArray(socket.readAll()).data())
        *lines, rest = data.split(b"\n")
        self._buffers[socket] = rest if len(rest) <= MAX_LINE else b""
        for line in lines:
            message = ipc.decode(line)
            if message is not None:
                self.received.emit(message)

    def _drop(self, socket: QLocalSocket) -> None:
        if not shiboken6.isValid(socket):  # a quit closed the server, and Qt deleted it
            self._buffers.pop(socket, None)
            return
        self._read(socket)
        self._buffers.pop(socket, None)
        # The server's wrapper keeps every socket wrapper it handed out, even once Qt has
        # deleted the socket: about 1 KiB per message for as long as the tray runs, unless the
        # parent is let go first (tests/reliability/test_tray_soak.py).
        socket.setParent(None)
        socket.deleteLater()

    def close(self) -> None:
        self._server.close()
