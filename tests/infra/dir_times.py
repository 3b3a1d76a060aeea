"""At the end of a run: each test directory with its number of tests and the seconds they took
(setup, call and teardown, session fixtures included where they were first set up), so a
directory that grows slow is seen the day it does. CI gives the whole run 90 minutes; the
project keeps it under 45 on a 2-core machine."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import PurePosixPath

import pytest

from tests.infra.ci_gate import directories

#: Directories this deep get their own line (tests/desktop/tray); deeper ones count in it.
DEPTH = 3


class DirectoryTimes:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.tests: defaultdict[str, set[str]] = defaultdict(set)
        self.total_seconds = 0.0
        self.all_tests: set[str] = set()
        self.started = time.monotonic()

    def _directories(self, report: pytest.TestReport) -> list[str]:
        path = PurePosixPath(report.fspath.replace("\\", "/"))  # relative to the rootdir
        if path.is_absolute():
            try:
                path = path.relative_to(self.config.rootpath.as_posix())
            except ValueError:
                return []
        return directories(path)[:DEPTH]

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.total_seconds += report.duration
        self.all_tests.add(report.nodeid)
        for directory in self._directories(report):
            self.seconds[directory] += report.duration
            self.tests[directory].add(report.nodeid)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.tests:
            return
        wall = time.monotonic() - self.started
        terminalreporter.write_sep("=", "time per test directory")
        width = max(len(d) + 2 * (d.count("/") - 1) for d in self.tests)
        width = max(width, len("directory"))
        terminalreporter.write_line(f"{'directory':<{width}}  {'tests':>6}  {'seconds':>9}")
        for directory in sorted(self.tests):
            depth = directory.count("/")
            if depth == 0:
                continue  # "tests" itself: the total below
            name = "  " * (depth - 1) + directory
            terminalreporter.write_line(
                f"{name:<{width}}  {len(self.tests[directory]):>6}  {self.seconds[directory]:>9.1f}"
            )
        terminalreporter.write_line(
            f"{'total':<{width}}  {len(self.all_tests):>6}  {self.total_seconds:>9.1f}"
            f"  (wall clock {wall:.1f} s)"
        )


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(DirectoryTimes(config), "afterview-directory-times")
