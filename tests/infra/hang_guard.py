"""A test that hangs stops the run with its name and its stacks, instead of using up CI's 90
minutes in silence (issue 18's CI run ended that way: a keyboard answer to a box, sent before a
busy machine had given the box the focus, raised inside a timer and left the box's own event
loop waiting for ever).

Two parts:

- **The limit.** Each test (setup, call and teardown) has ``AFTERVIEW_TEST_HANG_SECONDS``
  (default 600 s; a ``packaging`` test, which builds the bundle, three times that). Past it, the
  test's node id and every thread's stack are written to stderr and the process exits with
  status 3. Python's own ``faulthandler`` backs this up 30 s later, for a hang that holds the
  interpreter's lock.
- **A modal left open by an exception.** An exception raised in a Qt slot (a timer answering a
  dialog) is recorded by pytest-qt and fails the test at its end, but the dialog it meant to
  answer stays open and its ``exec()`` never returns. While a test runs, such an exception also
  closes every modal widget, so the test goes on to fail with that exception."""

from __future__ import annotations

import faulthandler
import os
import sys
import threading
from collections.abc import Callable, Generator
from types import TracebackType
from typing import Any, TextIO

import pytest

DEFAULT_SECONDS = 600.0
#: The bundle's first build is part of a packaging test's setup.
PACKAGING_FACTOR = 3
#: How long after the guard Python's faulthandler exits on its own.
BACKSTOP_SECONDS = 30.0
EXIT_STATUS = 3

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


def limit_for(item: pytest.Item) -> float:
    """Seconds ``item`` may take, setup and teardown included."""
    seconds = float(os.environ.get("AFTERVIEW_TEST_HANG_SECONDS", DEFAULT_SECONDS))
    if item.get_closest_marker("packaging") is not None:
        seconds *= PACKAGING_FACTOR
    return seconds


class _Terminal:
    """The terminal's stderr, kept from before pytest captured it: a test's own stderr goes to
    a capture file, which is lost when the process exits."""

    stream: TextIO | None = None


def pytest_configure(config: pytest.Config) -> None:
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        with capture.global_and_fixture_disabled():
            descriptor = os.dup(sys.__stderr__.fileno() if sys.__stderr__ else 2)
    else:
        descriptor = os.dup(2)
    _Terminal.stream = os.fdopen(descriptor, "w", buffering=1)


def _stop(nodeid: str, seconds: float) -> None:
    stream = _Terminal.stream or sys.__stderr__ or sys.stderr
    stream.write(
        f"\nhang guard: {nodeid} has run for more than {seconds:g} s; "
        "the stacks of every thread follow, and the run stops here.\n"
    )
    stream.flush()
    faulthandler.dump_traceback(file=stream, all_threads=True)
    stream.flush()
    os._exit(EXIT_STATUS)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    seconds = limit_for(item)
    guard = threading.Timer(seconds, _stop, args=(item.nodeid, seconds))
    guard.daemon = True
    guard.start()
    faulthandler.dump_traceback_later(
        seconds + BACKSTOP_SECONDS, exit=True, file=_Terminal.stream or sys.stderr
    )
    try:
        return (yield)
    finally:
        guard.cancel()
        faulthandler.cancel_dump_traceback_later()


def _closing_modals(previous: ExceptHook) -> ExceptHook:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> Any:
        result = previous(kind, value, tb)
        widgets = sys.modules.get("PySide6.QtWidgets")
        if widgets is not None:
            application = widgets.QApplication.instance()
            # Each reject() ends one nested exec(); a widget that refuses to close ends the loop.
            for _ in range(20):
                modal = widgets.QApplication.activeModalWidget() if application else None
                if modal is None:
                    break
                if isinstance(modal, widgets.QDialog):
                    modal.reject()
                else:
                    modal.close()
                if modal.isVisible():
                    break
        return result

    return hook


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None]:
    # Inside pytest-qt's own wrapper (tryfirst), so this hook wraps the one recording the
    # exception, and both are put back when the test ends.
    before = sys.excepthook
    sys.excepthook = _closing_modals(before)
    try:
        return (yield)
    finally:
        sys.excepthook = before
