"""The real window process on a real read-only data folder (issue 13 §2): it opens, shows
why nothing can be saved and what to do, every editor is off, and the file is untouched.

The folder is a read-only bind mount in a mount namespace of the window's own (as
tests/reliability/fault_injection.py makes it for the command line); root ignores file
modes, a mount it does not. The window's states are read from its widget dump
(afterview/ui/widget_dump.py); a screenshot is kept for a person to look at.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.desktop.conftest import screenshot, wait_until
from tests.desktop.window.x11 import close_window, window_id
from tests.needs import need
from tests.reliability import fault_injection as faults

pytestmark = pytest.mark.desktop
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "sample.json"
ADVICE = "the database or its folder is read-only"


def _controls(dump: Path) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for entry in json.loads(dump.read_text(encoding="utf-8")):
        found.setdefault(entry["name"], []).append(entry)
        if entry["accessible"] and entry["accessible"] != entry["name"]:
            found.setdefault(entry["accessible"], []).append(entry)
    return found


@pytest.mark.parametrize("folder", ["data-folder", "database-file-alone"])
def test_the_window_on_a_read_only_folder_says_so_and_changes_nothing(
    xvfb: str, tmp_path: Path, folder: str
) -> None:
    """``database-file-alone``: a folder holding only the database (a copy on a read-only
    medium), with no config or backup folder, which cannot be made there."""
    need("unshare", "mount", package="util-linux")
    need("xwininfo", package="x11-utils")
    data, mount, dump = tmp_path / "data", tmp_path / "ro", tmp_path / "widgets.json"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AFTERVIEW_")},
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "AFTERVIEW_NO_AUTOSTART": "1",
        "PYTHONPATH": str(ROOT / "src"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    subprocess.run(
        [sys.executable, "-m", "afterview", "--data-dir", str(data), "import", "json",
         str(SAMPLE)],
        env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    if folder == "database-file-alone":
        alone = tmp_path / "alone"
        alone.mkdir()
        (alone / "afterview.sqlite3").write_bytes((data / "afterview.sqlite3").read_bytes())
        data = alone
    before = hashlib.sha256((data / "afterview.sqlite3").read_bytes()).hexdigest()
    mount.mkdir()
    script = (
        "set -e\n"
        f"mount --bind {data} {mount}\n"
        f"mount -o remount,bind,ro {mount}\n"
        f"exec {sys.executable} -m afterview --data-dir {mount}\n"
    )
    app = subprocess.Popen(
        [*faults.namespace(), "bash", "-c", script],
        env={**env, "AFTERVIEW_WIDGET_DUMP": str(dump)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: dump.exists() or app.poll() is not None, 60, "the window to load")
        assert app.poll() is None, app.communicate()[1]
        controls = _controls(dump)
        banner = controls["availabilityText"][0]
        assert banner["visible"]
        assert banner["text"].startswith(
            "Afterview opened your data read-only, so nothing can be changed: " + ADVICE
        )
        assert "Copy the data folder somewhere you can write" in banner["text"]
        assert controls["retryNow"][0]["enabled"] and controls["retryNow"][0]["visible"]
        # Every editor is off; the text fields can still be read and selected.
        for name in ("process-company", "process-position", "debrief-learned"):
            assert controls[name][0]["read_only"], name
            assert controls[name][0]["enabled"], name
        marks = [c for name, cs in controls.items() if name.startswith("Mark done: ") for c in cs]
        assert marks and not any(c["enabled"] for c in marks)
        assert not controls["New interview"][0]["enabled"]
        # Looking around still works.
        assert controls["Pages"][0]["enabled"]
        assert controls["Filter interviews"][0]["enabled"]
        assert not controls["Filter interviews"][0]["read_only"]
        wait_until(lambda: window_id(xvfb, "Afterview") is not None, what="the window")
        screenshot(xvfb, f"window-read-only-{folder}-x11")
        window = window_id(xvfb, "Afterview")
        assert window is not None
        close_window(xvfb, window)
        _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, err
    assert "Traceback" not in err
    assert hashlib.sha256((data / "afterview.sqlite3").read_bytes()).hexdigest() == before
    assert not (data / "damaged").exists()
    if folder == "database-file-alone":
        assert sorted(p.name for p in data.iterdir()) == ["afterview.sqlite3"]
