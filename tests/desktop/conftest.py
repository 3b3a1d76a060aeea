"""A real X server (Xvfb) for tests that run Afterview the way a desktop does."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parents[2] / "shots"


@pytest.fixture(scope="session")
def xvfb() -> Iterator[str]:
    """The DISPLAY of a private X server, started for this test session."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (make test installs it on Debian)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    # Xvfb writes the display number once it accepts connections: no guessing, no sleeping.
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def wait_until(condition: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
    """Poll a condition of the outside world (a window mapping) until it holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def screenshot(display: str, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    target = SHOTS / f"{name}.png"
    subprocess.run(
        ["import", "-display", display, "-window", "root", str(target)], check=True, timeout=30
    )
    return target
