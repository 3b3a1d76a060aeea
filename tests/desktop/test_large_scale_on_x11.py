"""Large text (issue 15): at 2× scale on a 1920×1080 screen, at 2× font DPI on the same, and at
both on a 2560×1440 screen, the window fits its screen and every control of every page, tab
and dialog can be reached, in the window or by scrolling (tests/desktop/window/large_scale.py
runs the window on an X server of that size and walks it). A screenshot of each page is kept
in shots/ as large-NAME-PAGE.png."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.conftest import SHOTS, XServer, screenshot
from tests.needs import need

pytestmark = pytest.mark.desktop
HERE = Path(__file__).parent

CONFIGURATIONS = {
    "scale": ("1920x1080x24", {"QT_SCALE_FACTOR": "2"}),
    "font-dpi": ("1920x1080x24", {"QT_FONT_DPI": "192"}),
    "both": ("2560x1440x24", {"QT_SCALE_FACTOR": "2", "QT_FONT_DPI": "192"}),
}
#: The screen in logical pixels the app should see, worked out from the sizes above: Qt 6
#: scales by the font DPI over 96 as well as by QT_SCALE_FACTOR.
LOGICAL = {"scale": [960, 540], "font-dpi": [960, 540], "both": [640, 360]}
PAGES = ("today", "interviews-process", "contacts", "references")


@pytest.mark.parametrize("name", list(CONFIGURATIONS))
def test_the_window_fits_and_every_control_can_be_reached(name: str, tmp_path: Path) -> None:
    need("import", package="imagemagick")
    screen, extra = CONFIGURATIONS[name]
    server = XServer(screen)
    try:
        env = {
            **os.environ,
            **extra,
            "DISPLAY": server.display,
            "QT_QPA_PLATFORM": "xcb",
            "AFTERVIEW_DATA_DIR": str(tmp_path / "data"),
            "AFTERVIEW_SHOOT": "1",
            "PYTHONPATH": str(HERE.parents[1]),
        }
        process = subprocess.Popen(
            [sys.executable, str(HERE / "window" / "large_scale.py"), str(tmp_path / "data")],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdin is not None and process.stdout is not None
        shots, report = [], None
        for line in process.stdout:  # the script waits for a line after each "shoot"
            if line.startswith("shoot "):
                page = line.split()[1]
                shots.append(page)
                screenshot(server.display, f"large-{name}-{page}")
                process.stdin.write("\n")
                process.stdin.flush()
            elif line.startswith("{"):
                report = json.loads(line)
        _out, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors
    finally:
        server.stop()
    assert report is not None, errors
    assert report["screen"] == LOGICAL[name]
    width, height = report["window"]
    assert width <= LOGICAL[name][0] and height <= LOGICAL[name][1], report["window"]
    problems = "\n".join(
        f"{stop}: {p}" for stop, items in report["problems"].items() for p in items
    )
    assert not problems, f"At {name}:\n{problems}"
    for stop in (*PAGES, "dialog-new-interview", "dialog-settings", "dialog-sources"):
        assert stop in report["visited"], report["visited"]
    assert set(PAGES) <= set(shots)
    assert all((SHOTS / f"large-{name}-{page}.png").stat().st_size > 0 for page in shots)
