"""`make run` as a person sees it: the real app process maps its window on an X server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.conftest import screenshot, wait_until

pytestmark = pytest.mark.desktop


def _windows(display: str) -> str:
    result = subprocess.run(
        ["xwininfo", "-display", display, "-root", "-tree"], capture_output=True, text=True
    )
    return result.stdout


def _spread(png: bytes) -> float:
    result = subprocess.run(
        ["convert", "png:-", "-format", "%[fx:standard_deviation]", "info:"],
        input=png,
        capture_output=True,
        check=True,
    )
    return float(result.stdout)


def test_the_app_maps_its_window(xvfb: str, tmp_path: Path, sample_json: Path) -> None:
    if shutil.which("xwininfo") is None or shutil.which("import") is None:
        pytest.skip("x11-utils and imagemagick are needed")
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "AFTERVIEW_DATA_DIR": str(tmp_path),
    }
    subprocess.run(
        [sys.executable, "-m", "afterview", "import", "json", str(sample_json)], env=env, check=True
    )
    app = subprocess.Popen(
        [sys.executable, "-m", "afterview"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(
            lambda: '"Afterview"' in _windows(xvfb) or app.poll() is not None, what="the window"
        )
        assert app.poll() is None, app.communicate()[1]
        # Mapped is not painted: wait until two screenshots in a row agree and show something.
        last: list[bytes] = [b""]

        def painted_and_settled() -> bool:
            shot = screenshot(xvfb, "placeholder-window").read_bytes()
            settled = shot == last[0] and _spread(shot) > 0.05
            last[0] = shot
            return settled

        wait_until(painted_and_settled, what="the window to paint")
        info = subprocess.run(
            ["xwininfo", "-display", xvfb, "-name", "Afterview"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "IsViewable" in info
    finally:
        app.terminate()
        _out, err = app.communicate(timeout=20)
    assert "Traceback" not in err
    # A clean exit leaves no marker behind that would look like a crash next time.
    assert app.returncode is not None
