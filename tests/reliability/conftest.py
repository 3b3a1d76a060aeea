"""Reliability fixtures: writer processes, and the figures printed at the end of the run.

A test records its figures with the ``reliability_figures`` fixture before it
asserts, so they are printed in the terminal summary whether it passed or not
(and without ``-s``).
"""

from __future__ import annotations

import contextlib
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

WRITER = Path(__file__).with_name("writer.py")
FIGURES = pytest.StashKey[list[str]]()


class WriterProcess:
    """``writer.py`` as a separate OS process; its stdout is read line by line with timeouts."""

    def __init__(self, args: list[str], stderr_path: Path) -> None:
        self.stderr_path = stderr_path
        self._stderr: IO[bytes] = stderr_path.open("wb")
        self.popen = subprocess.Popen(
            [sys.executable, str(WRITER), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            bufsize=1,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.popen.pid

    def _read(self) -> None:
        stdout = self.popen.stdout
        assert stdout is not None
        for line in stdout:
            # A line the process did not finish writing before it died is not a confirmation.
            if line.endswith("\n"):
                self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def line(self, timeout: float) -> str | None:
        """The next line of output, or None once the process closed its stdout."""
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(
                f"writer {self.pid} printed nothing for {timeout} s; stderr:\n{self.stderr()}"
            ) from None

    def remaining_lines(self, timeout: float) -> list[str]:
        """Every line up to the end of the output (the process must be ending)."""
        lines = []
        while (line := self.line(timeout)) is not None:
            lines.append(line)
        return lines

    def send(self, text: str) -> None:
        stdin = self.popen.stdin
        assert stdin is not None
        stdin.write(text + "\n")
        stdin.flush()

    def wait(self, timeout: float) -> int:
        return self.popen.wait(timeout=timeout)

    def stderr(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-4000:]

    def stop(self) -> None:
        """Kill the process if it is still running, and release its pipes."""
        if self.popen.poll() is None:
            self.popen.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=10)
        for stream in (self.popen.stdin, self.popen.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._stderr.close()


@pytest.fixture
def spawn_writer(tmp_path: Path) -> Iterator[Callable[..., WriterProcess]]:
    """Start ``writer.py`` with the given arguments; whatever is left running is killed after."""
    started: list[WriterProcess] = []

    def spawn(*args: str) -> WriterProcess:
        process = WriterProcess(list(args), tmp_path / f"writer-{len(started)}.stderr")
        started.append(process)
        return process

    yield spawn
    for process in started:
        process.stop()


@pytest.fixture
def reliability_figures(pytestconfig: pytest.Config) -> Callable[[str], None]:
    """Record one line of figures for the terminal summary."""
    figures = pytestconfig.stash.setdefault(FIGURES, [])
    return figures.append


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    figures = config.stash.get(FIGURES, [])
    if not figures:
        return
    terminalreporter.write_sep("=", "reliability figures")
    for line in figures:
        terminalreporter.write_line(f"reliability: {line}")
