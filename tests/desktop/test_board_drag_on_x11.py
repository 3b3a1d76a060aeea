"""A card dragged on the Board the way a person drags it (issue 17 §2): the real pointer of an
X server pressed on the card, moved onto another column and released, so that QDrag.exec runs
the xcb drag loop (QTest's mouse events never reach it; tests/ui/test_board.py hands the
view the drop's data instead). The stored stage changes; Edit ▸ Undo (Ctrl+Z, a real key
press) puts it back.

The pointer and the keys go through the XTEST extension, as xdotool's do. Nothing waits for
a time: the window says what it saw (tests/desktop/window/drag_board.py), and the test waits
for that, or for the stored stage."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from afterview import paths
from afterview.domain.applications import Stage
from afterview.store.api import open_store
from tests.desktop.conftest import wait_until

pytestmark = pytest.mark.desktop
DRIVER = Path(__file__).parent / "window" / "drag_board.py"
COMPANY = "Fabrikam"


class Pointer:
    """The X server's own pointer and keyboard, driven through XTEST."""

    def __init__(self, display: str) -> None:
        self.xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        self.xlib.XOpenDisplay.restype = ctypes.c_void_p
        self.xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.xlib.XStringToKeysym.restype = ctypes.c_ulong
        self.xlib.XStringToKeysym.argtypes = [ctypes.c_char_p]
        self.xlib.XKeysymToKeycode.restype = ctypes.c_ubyte
        self.xlib.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.xtst.XTestFakeMotionEvent.argtypes = [
            ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_ulong
        ]  # fmt: skip
        self.xtst.XTestFakeButtonEvent.argtypes = [
            ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong
        ]  # fmt: skip
        self.xtst.XTestFakeKeyEvent.argtypes = [
            ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong
        ]  # fmt: skip
        self.handle = self.xlib.XOpenDisplay(display.encode())
        if not self.handle:
            pytest.fail(f"cannot open display {display}")

    def close(self) -> None:
        self.xlib.XCloseDisplay(self.handle)

    def move(self, x: int, y: int) -> None:
        self.xtst.XTestFakeMotionEvent(self.handle, -1, x, y, 0)
        self.xlib.XSync(self.handle, 0)

    def button(self, down: bool) -> None:
        self.xtst.XTestFakeButtonEvent(self.handle, 1, int(down), 0)
        self.xlib.XSync(self.handle, 0)

    def keys(self, *names: str) -> None:
        """Press the keys in order, then release them in reverse (a chord: Control_L, z)."""
        codes = [self.xlib.XKeysymToKeycode(self.handle, self.xlib.XStringToKeysym(n.encode()))
                 for n in names]  # fmt: skip
        for code in codes:
            self.xtst.XTestFakeKeyEvent(self.handle, code, 1, 0)
        for code in reversed(codes):
            self.xtst.XTestFakeKeyEvent(self.handle, code, 0, 0)
        self.xlib.XSync(self.handle, 0)


class Driver:
    """drag_board.py in its own process, its JSON lines read as they come."""

    def __init__(self, display: str, data_dir: Path) -> None:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "AFTERVIEW_DATA_DIR": str(data_dir)}  # fmt: skip
        env.pop("AFTERVIEW_DATABASE", None)
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(data_dir), COMPANY],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._read_errors, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(json.loads(line))

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        self.errors.extend(self.process.stderr)

    def heard(self, wanted: Callable[[dict[str, Any]], bool]) -> bool:
        """Whether the window has said something ``wanted`` (reads what came so far)."""
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        if self.process.poll() is not None and self.lines.empty():
            pytest.fail(f"the window exited: {self.stop()}")
        return any(wanted(line) for line in self.seen)

    def wait(self, wanted: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        wait_until(lambda: self.heard(wanted), what=what, timeout=60)
        return next(line for line in self.seen if wanted(line))

    def stop(self) -> str:
        """Ask it to close; its stderr."""
        assert self.process.stdin is not None
        if self.process.poll() is None:
            self.process.stdin.write("done\n")
            self.process.stdin.flush()
        try:
            self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        for reader in self._readers:
            reader.join(timeout=60)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return "".join(self.errors)


@contextmanager
def running(display: str, data_dir: Path) -> Iterator[Driver]:
    driver = Driver(display, data_dir)
    try:
        yield driver
    finally:
        if driver.process.poll() is None:
            driver.process.kill()
            driver.process.wait()


def event(kind: str, stage: Stage) -> Callable[[dict[str, Any]], bool]:
    return lambda line: line.get("event") == kind and line.get("on") == stage.value


def test_a_card_dragged_with_the_real_pointer_moves_and_undo_puts_it_back(
    xvfb: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AFTERVIEW_DATABASE", raising=False)
    where = paths.resolve(tmp_path)
    with open_store(where) as store:
        made = store.applications.create({"company": COMPANY, "position": "Engineer"}).value
        store.applications.create({"company": "Tailspin", "position": "Analyst"})
    pointer = Pointer(xvfb)

    def stage() -> Stage:
        with open_store(where) as store:
            return store.applications.get(made).stage

    try:
        with running(xvfb, tmp_path) as window:
            ready = window.wait(lambda line: "ready" in line, "the board")["ready"]
            (x, y), (tx, ty) = ready["card"], ready["target"]
            pointer.move(x, y)
            window.wait(event("move", Stage.APPLIED), "the pointer over the card")
            pointer.button(down=True)
            window.wait(event("press", Stage.APPLIED), "the press on the card")
            # Past the drag distance: the view starts the drag (QDrag.exec, the xcb loop).
            pointer.move(x, y + 3 * ready["distance"])
            # Over the Interviewing column until the drag loop has carried the pointer there:
            # one pixel each time, so each look at the window sees a new motion.
            nudge = [0]

            def over_target() -> bool:
                if window.heard(event("drag", Stage.INTERVIEWING)):
                    return True
                nudge[0] += 1
                pointer.move(tx + nudge[0] % 2, ty)
                return False

            wait_until(over_target, what="the drag over Interviewing", timeout=60)
            pointer.button(down=False)
            window.wait(event("drop", Stage.INTERVIEWING), "the drop on Interviewing")
            wait_until(lambda: stage() is Stage.INTERVIEWING, what="the move saved")
            # Edit ▸ Undo by its shortcut, a real key press, once the menu item is enabled
            # (as a person sees it): the window enables it on the next turn of its event
            # loop after the save, and keys sent sooner would find it disabled.
            window.wait(lambda line: line.get("undo") is True, "Edit > Undo enabled")
            pointer.keys("Control_L", "z")
            wait_until(lambda: stage() is Stage.APPLIED, what="the move undone")
            err = window.stop()
            assert window.process.returncode == 0, err
            assert err == ""  # no Qt warning, no traceback
            assert {"done": True} in window.seen
    finally:
        pointer.close()
    with open_store(where) as store:
        causes = [e.cause.value for e in store.applications.history(made)]
    assert causes == ["created"]  # the move's history entry went with its undo
