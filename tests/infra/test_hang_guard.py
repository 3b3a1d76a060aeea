"""The hang guard (tests/infra/hang_guard.py) on small suites of its own, each in a process of
its own (the guard ends the process it runs in)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.infra.hang_guard import EXIT_STATUS

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = (
    "-p", "tests.infra.hang_guard", "-p", "no:cacheprovider", "--import-mode=importlib",
)  # fmt: skip
#: Seconds the subprocess may take before pytester gives up on it: far above the 2 s limit.
OUTER_SECONDS = 120

HANGS = """
import threading

def test_quick():
    pass

def test_waits_for_ever():
    threading.Event().wait()

def test_never_reached():
    pass
"""

#: A timer answers the box by an assertion that fails, as issue 18's CI hang did.
MODAL_LEFT_OPEN = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

def test_a_failing_answer_closes_the_box(qtbot):
    def answer():
        assert False, "the answer went wrong"
    QTimer.singleShot(0, answer)
    box = QMessageBox(QMessageBox.Icon.Question, "Sure?", "Sure?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.exec()

def test_the_next_test_runs():
    pass
"""


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    pytester.makeini("[pytest]\nqt_api = pyside6\n")
    return pytester


def test_a_hung_test_stops_the_run_with_its_name_and_stack(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFTERVIEW_TEST_HANG_SECONDS", "2")
    suite.makepyfile(test_hangs=HANGS)
    result = suite.runpytest_subprocess(*PLUGIN, "-v", timeout=OUTER_SECONDS)
    assert result.ret == EXIT_STATUS
    err = result.stderr.str()
    assert "hang guard: test_hangs.py::test_waits_for_ever has run for more than 2 s" in err
    assert "in test_waits_for_ever" in err  # the stack names where it waits
    out = result.stdout.str()
    assert "test_quick PASSED" in out
    assert "test_never_reached" not in out


def test_a_quick_suite_is_not_stopped(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFTERVIEW_TEST_HANG_SECONDS", "60")
    suite.makepyfile(test_quick="def test_one():\n    pass\n\ndef test_two():\n    pass\n")
    result = suite.runpytest_subprocess(*PLUGIN, timeout=OUTER_SECONDS)
    result.assert_outcomes(passed=2)
    assert "hang guard" not in result.stderr.str()


def test_an_exception_in_a_slot_closes_the_modal_it_left_open(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFTERVIEW_TEST_HANG_SECONDS", "30")  # were the box left open
    suite.makepyfile(test_modal=MODAL_LEFT_OPEN)
    result = suite.runpytest_subprocess(*PLUGIN, timeout=OUTER_SECONDS)
    result.assert_outcomes(passed=1, failed=1)
    assert "the answer went wrong" in result.stdout.str()
