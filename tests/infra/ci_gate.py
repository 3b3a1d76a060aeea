"""Under ``CI=true`` a green run must mean every test ran for real.

A skip, an xfail (or xpass), a deselected test, a module skipped while it was collected (a
module-level ``skip``/``importorskip``), or fewer collected tests in a directory than
``tests/collected-minimum.json`` says, each fails the run. So a CI machine that lost Xvfb,
trayer, dbus-daemon, poppler or the bundle cannot pass by skipping what needs them.

Outside CI, nothing changes: a developer without those tools gets skips, not failures.

The minimums are a floor a developer raises when adding tests (``make test`` prints the
counts per directory); a directory is only held to its floor when the run collected all of
it (a run of one file does not fail because the rest of ``tests/unit`` was not asked for).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path, PurePosixPath

import pytest

MINIMUM_INI = "collected_minimum"
DEFAULT_MINIMUM = "tests/collected-minimum.json"
TRUE = {"1", "true", "yes"}


def ci_strict() -> bool:
    """CI services set CI=true; .ci/run runs under it."""
    return os.environ.get("CI", "").strip().lower() in TRUE


def directories(relative: PurePosixPath) -> list[str]:
    """Every directory a test file lies in, outermost first: tests, tests/desktop, ..."""
    parents = list(relative.parents)[:-1]  # drop "."
    return [str(parent) for parent in reversed(parents)]


def _reason(longrepr: object) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr).strip().splitlines()[-1] if longrepr else ""


class CiGate:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.problems: list[str] = []
        self._xfailed: set[str] = set()

    # --- what must not happen -------------------------------------------------------------

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.skipped:
            self.problems.append(
                f"skipped while collecting (a module-level skip or importorskip): "
                f"{report.nodeid}: {_reason(report.longrepr)}"
            )

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.problems.extend(f"deselected: {item.nodeid}" for item in items)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if hasattr(report, "wasxfail"):
            if report.nodeid not in self._xfailed:
                self._xfailed.add(report.nodeid)
                outcome = "xpassed" if report.passed else "xfailed"
                self.problems.append(f"{outcome}: {report.nodeid}: {report.wasxfail}")
        elif report.skipped:
            self.problems.append(
                f"skipped ({report.when}): {report.nodeid}: {_reason(report.longrepr)}"
            )

    # --- how many ran -----------------------------------------------------------------------

    def _minimums(self) -> dict[str, int]:
        path = self.config.rootpath / str(self.config.getini(MINIMUM_INI))
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problems.append(f"no committed minimum of collected tests at {path}")
            return {}
        except json.JSONDecodeError as error:
            self.problems.append(f"{path} is not JSON: {error}")
            return {}
        if not isinstance(loaded, dict) or not all(
            isinstance(value, int) for value in loaded.values()
        ):
            self.problems.append(f"{path} must map directories to whole numbers")
            return {}
        return {str(key).rstrip("/"): int(value) for key, value in loaded.items()}

    def _asked_for(self, directory: str) -> bool:
        """Whether the run's arguments took in the whole directory (not one file of it)."""
        target = (self.config.rootpath / directory).resolve()
        for arg in self.config.args:
            asked = Path(arg.split("::", 1)[0])
            if not asked.is_absolute():
                asked = self.config.invocation_params.dir / asked
            asked = asked.resolve()
            if "::" not in arg and (asked == target or asked in target.parents):
                return True
        return False

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        counts: Counter[str] = Counter()
        root = self.config.rootpath
        for item in session.items:
            try:
                relative = PurePosixPath(item.path.resolve().relative_to(root).as_posix())
            except ValueError:
                continue
            counts.update(directories(relative))
        for directory, minimum in sorted(self._minimums().items()):
            if not self._asked_for(directory):
                continue
            if counts[directory] < minimum:
                self.problems.append(
                    f"{directory}: {counts[directory]} tests collected, the committed "
                    f"minimum is {minimum}"
                )

    # --- the verdict -----------------------------------------------------------------------

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.problems and session.exitstatus in (
            pytest.ExitCode.OK,
            pytest.ExitCode.NO_TESTS_COLLECTED,
        ):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    @pytest.hookimpl(trylast=True)  # the verdict last, next to the counts of passed tests
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.problems:
            terminalreporter.write_line("CI=true: no skip, xfail or deselection; counts met")
            return
        terminalreporter.write_sep("=", "CI=true: this run fails", red=True, bold=True)
        for problem in self.problems:
            terminalreporter.write_line(problem)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        MINIMUM_INI,
        "JSON file (from the rootdir) mapping test directories to their minimum collected count",
        default=DEFAULT_MINIMUM,
    )


def pytest_configure(config: pytest.Config) -> None:
    if ci_strict():
        config.pluginmanager.register(CiGate(config), "afterview-ci-gate")
