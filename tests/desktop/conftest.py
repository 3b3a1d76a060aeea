"""A real X server (Xvfb) for tests that run Afterview the way a desktop does."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.needs import need

SHOTS = Path(__file__).resolve().parents[2] / "shots"


class XServer:
    """A private Xvfb and one client connection held open for as long as it runs.

    Xvfb resets itself whenever its last client disconnects, and refuses connections
    while it does ("cannot open display"): between two tests, that is exactly when the
    next trayer or tray starts. A client that never leaves means no resets."""

    def __init__(self, *screen: str) -> None:
        need("Xvfb", package="xvfb")
        read_fd, write_fd = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", *screen, "-nolisten", "tcp",
             "-noreset"],
            pass_fds=(write_fd,),
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write_fd)
        # Xvfb writes the display number once it accepts connections: no guessing, no sleeping.
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.process.kill()
            pytest.fail("Xvfb did not start")
        self.display = f":{number}"
        self._xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self._xlib.XOpenDisplay.restype = ctypes.c_void_p
        self._xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self._xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._handle = None

        def connected() -> bool:
            self._handle = self._xlib.XOpenDisplay(self.display.encode())
            return bool(self._handle)

        wait_until(connected, what=f"the X server {self.display} to accept a connection")

    def stop(self) -> None:
        self._xlib.XCloseDisplay(self._handle)
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def xvfb() -> Iterator[str]:
    """The DISPLAY of a private X server, started for this test session."""
    server = XServer("1280x800x24")
    yield server.display
    server.stop()


def wait_until(condition: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
    """Poll a condition of the outside world (a window mapping) until it holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def screenshot(display: str, name: str) -> Path:
    need("import", package="imagemagick")
    SHOTS.mkdir(exist_ok=True)
    target = SHOTS / f"{name}.png"
    subprocess.run(
        ["import", "-display", display, "-window", "root", str(target)], check=True, timeout=30
    )
    return target
