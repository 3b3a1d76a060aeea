"""`make run` as a person sees it: the real app process on an X server, one window only,
and a clean exit when the window is closed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from afterview import ipc, paths
from tests.desktop.conftest import SHOTS, screenshot, wait_until
from tests.desktop.window.x11 import close_window, window_id

pytestmark = pytest.mark.desktop
HERE = Path(__file__).parent


def _spread(png: bytes) -> float:
    result = subprocess.run(
        ["convert", "png:-", "-format", "%[fx:standard_deviation]", "info:"],
        input=png,
        capture_output=True,
        check=True,
    )
    return float(result.stdout)


def _env(display: str, data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "AFTERVIEW_DATA_DIR": str(data),
    }


@pytest.fixture
def tools() -> None:
    if shutil.which("xwininfo") is None or shutil.which("import") is None:
        pytest.skip("x11-utils and imagemagick are needed")


@pytest.mark.usefixtures("tools")
def test_the_app_opens_one_window_and_exits_cleanly_when_closed(
    xvfb: str, tmp_path: Path, sample_json: Path
) -> None:
    env = _env(xvfb, tmp_path)
    subprocess.run(
        [sys.executable, "-m", "afterview", "import", "json", str(sample_json)], env=env, check=True
    )
    steps = json.loads(
        subprocess.run(
            [sys.executable, "-m", "afterview", "steps", "--json", "--status", "pending"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
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
            lambda: window_id(xvfb, "Afterview") is not None or app.poll() is not None,
            what="the window",
        )
        assert app.poll() is None, app.communicate()[1]
        last: list[bytes] = [b""]

        def painted_and_settled() -> bool:
            if not any((tmp_path / "running").glob("*")):
                return False  # the database is not open yet: the window is still loading
            shot = screenshot(xvfb, "window-x11").read_bytes()
            settled = shot == last[0] and _spread(shot) > 0.05
            last[0] = shot
            return settled

        wait_until(painted_and_settled, what="the window to paint")

        # A second start hands over to the running window and exits at once.
        second = subprocess.run(
            [sys.executable, "-m", "afterview", "window", "--step", str(steps[0]["id"])],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert app.poll() is None
        where = paths.resolve(tmp_path)
        identity = ipc.instance_of(where.data_dir, where.database)
        assert identity is not None
        assert ipc.send(identity, "window", {"type": "open"})
        wait_until(painted_and_settled, what="the window on the step")

        window = window_id(xvfb, "Afterview")
        assert window is not None
        close_window(xvfb, window)  # what the title bar's close button does
        _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, err
    assert "Traceback" not in err
    # A clean exit leaves no running marker that would look like a crash next time.
    running = tmp_path / "running"
    assert not running.exists() or not any(running.iterdir())
    assert (tmp_path / "config" / "window.ini").exists()  # its size and layout were kept


@pytest.mark.usefixtures("tools")
def test_sigterm_closes_the_window_gracefully(xvfb: str, tmp_path: Path) -> None:
    env = _env(xvfb, tmp_path)
    app = subprocess.Popen(
        [sys.executable, "-m", "afterview"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        running = tmp_path / "running"
        wait_until(lambda: running.is_dir() and any(running.iterdir()), what="the database")
        app.terminate()
        _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, err
    assert not any(running.iterdir())


@pytest.mark.usefixtures("tools")
def test_every_page_renders(xvfb: str, tmp_path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    result = subprocess.run(
        [
            sys.executable,
            str(HERE / "window" / "shoot_pages.py"),
            str(tmp_path / "data"),
            str(SHOTS),
        ],
        env={**_env(xvfb, tmp_path / "data"), "PYTHONPATH": str(HERE.parents[1])},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for name in ("welcome", "today", "interviews-process", "interviews-steps", "contacts"):
        shot = (SHOTS / f"window-{name}.png").read_bytes()
        assert _spread(shot) > 0.05, name


@pytest.mark.usefixtures("tools")
def test_a_dark_palette_is_followed(xvfb: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(HERE / "window" / "shoot_pages.py"),
            str(tmp_path),
            str(SHOTS),
            "dark",
        ],
        env={**_env(xvfb, tmp_path), "PYTHONPATH": str(HERE.parents[1])},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    mean = subprocess.run(
        ["convert", str(SHOTS / "window-today-dark.png"), "-format", "%[fx:mean]", "info:"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert float(mean.stdout) < 0.35  # mostly dark: no page keeps a light background
