"""The letter editor as a person sees it on a real X server: squiggles and the checks panel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.conftest import screenshot, wait_until

pytestmark = pytest.mark.desktop

ROOT = Path(__file__).resolve().parents[3]


def _count(png: Path, colour: str) -> int:
    """Pixels within 20 % of a colour (the squiggle red, the flagged-text yellow)."""
    result = subprocess.run(
        ["convert", str(png), "-fuzz", "20%", "-fill", "black", "+opaque", colour,
         "-fill", "white", "-opaque", colour, "-format", "%[fx:mean*w*h]", "info:"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return round(float(result.stdout))


def test_the_editor_shows_squiggles_and_checks(
    xvfb: str, tmp_path: Path, sample_json: Path
) -> None:
    if shutil.which("import") is None or shutil.which("convert") is None:
        pytest.skip("imagemagick is needed")
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    data = tmp_path / "data"
    subprocess.run(
        [sys.executable, "-m", "afterview", "--data-dir", str(data), "import", "json",
         str(sample_json)],
        env=env, check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.desktop.letters.show_editor", str(data)],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert app.stdout is not None
        assert app.stdout.readline().strip() == "ready", app.communicate(timeout=20)[1]
        last: list[bytes] = [b""]

        def settled() -> bool:
            shot = screenshot(xvfb, "letter-editor").read_bytes()
            same = shot == last[0]
            last[0] = shot
            return same

        wait_until(settled, what="the editor to paint")
        shot = screenshot(xvfb, "letter-editor")
        assert _count(shot, "#d0021b") > 40  # red squiggles under especialy / excitted
        assert _count(shot, "#fff1b8") > 400  # the wrong title and the pleading, tinted
    finally:
        app.terminate()
        _out, err = app.communicate(timeout=20)
    assert "Traceback" not in err, err
