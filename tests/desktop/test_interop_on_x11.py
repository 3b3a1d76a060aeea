"""The interop dialogs on a real X server, photographed for a person to look at."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.conftest import screenshot, wait_until

pytestmark = pytest.mark.desktop
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "vcf"


def _spread(png: bytes) -> float:
    result = subprocess.run(
        ["convert", "png:-", "-format", "%[fx:standard_deviation]", "info:"],
        input=png,
        capture_output=True,
        check=True,
    )
    return float(result.stdout)


@pytest.fixture
def loaded_dir(tmp_path: Path, sample_json: Path) -> Path:
    data = tmp_path / "data"
    env = {**os.environ, "AFTERVIEW_DATA_DIR": str(data)}
    subprocess.run(
        [sys.executable, "-m", "afterview", "import", "json", str(sample_json)], env=env, check=True
    )
    return data


def _show(xvfb: str, data: Path, name: str, *args: str) -> Path:
    if shutil.which("import") is None:
        pytest.skip("imagemagick is needed for screenshots")
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb"}
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.desktop.show_interop", str(data), name, *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None
        line = app.stdout.readline()
        assert line.strip() == "shown", app.stderr.read() if app.stderr else ""
        last: list[bytes] = [b""]

        def painted_and_settled() -> bool:
            shot = screenshot(xvfb, f"interop-{name}").read_bytes()
            settled = shot == last[0] and _spread(shot) > 0.05
            last[0] = shot
            return settled

        wait_until(painted_and_settled, what=f"the {name} window to paint")
    finally:
        assert app.stdin is not None and app.stderr is not None
        app.stdin.close()  # the helper quits when its standard input closes
        app.wait(timeout=20)
        err = app.stderr.read()
    assert app.returncode == 0, err
    assert "Traceback" not in err
    return ROOT / "shots" / f"interop-{name}.png"


def test_vcard_import_dialog(xvfb: str, loaded_dir: Path, tmp_path: Path) -> None:
    cards = tmp_path / "phone.vcf"
    cards.write_bytes(
        (CORPUS / "apple_ios_3.0.vcf").read_bytes()
        + (CORPUS / "google_contacts_3.0.vcf").read_bytes()
        + (CORPUS / "bad_mixed.vcf").read_bytes()
    )
    assert _show(xvfb, loaded_dir, "vcard", str(cards)).stat().st_size > 0


def test_backups_page(xvfb: str, loaded_dir: Path) -> None:
    assert _show(xvfb, loaded_dir, "backups").stat().st_size > 0


def test_calendar_file_settings(xvfb: str, loaded_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "Calendar"
    folder.mkdir()
    assert _show(xvfb, loaded_dir, "calendar", str(folder)).stat().st_size > 0
    assert (folder / "afterview.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
