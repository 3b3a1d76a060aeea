"""What the tray does to steps (done, snooze) runs as an ``afterview step …`` process.

Those re-plan the interview, which needs the full store: run in the tray, they
would leave SQLAlchemy (about 45 MiB) in a process that runs all day. A short
process does the work instead and, like any writer, tells the tray and the
window that the data changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QProcess, QTimer

from afterview.paths import Paths
from afterview.tray.opener import afterview_command

log = logging.getLogger(__name__)

#: ``finished(exit code, what it wrote to stderr)``; -1 when it could not start.
Finished = Callable[[int, str], None]
#: ``run(arguments, finished)``: ``arguments`` are the verb's, after ``afterview --data-dir``.
Runner = Callable[[list[str], Finished], None]
#: On quit, how long an action still running may take to finish its transaction.
FINISH_ON_QUIT_MS = 10_000


class CommandRunner(QObject):
    def __init__(self, paths: Paths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        # Owned here, not by a Qt parent: a process is dropped one turn of the event loop after
        # it reported (never inside its own signal), and with the runner at the latest.
        self._running: set[QProcess] = set()
        self._reported: list[QProcess] = []

    def run(self, arguments: list[str], finished: Finished) -> None:
        program, *rest = afterview_command(self.paths, *arguments)
        process = QProcess()
        process.setStandardOutputFile(QProcess.nullDevice())  # "Step 12: done." is for people
        self._running.add(process)
        reported = False

        def report(code: int, errors: str) -> None:
            nonlocal reported
            if reported:
                return
            reported = True
            self._running.discard(process)
            self._reported.append(process)
            QTimer.singleShot(0, self._reported.clear)
            finished(code, errors)

        def exited(code: int, status: QProcess.ExitStatus) -> None:
            errors = bytes(process.readAllStandardError().data()).decode(errors="replace")
            # After a crash the exit code means nothing: report a failure.
            report(code if status == QProcess.ExitStatus.NormalExit else -1, errors)

        def failed(error: QProcess.ProcessError) -> None:
            if error == QProcess.ProcessError.FailedToStart:  # no finished() will follow
                report(-1, process.errorString())

        process.finished.connect(exited)
        process.errorOccurred.connect(failed)
        process.start(program, rest)

    def finish(self) -> None:
        """Let running actions commit before the tray quits (a killed one commits nothing)."""
        for process in list(self._running):
            if not process.waitForFinished(FINISH_ON_QUIT_MS):
                log.warning("a step action did not finish before quit: %s", process.arguments())
