"""The icon as a person sees it: drawn by a real tray host (trayer), with a menu of due steps."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.desktop.conftest import screenshot, wait_until
from tests.desktop.tray.conftest import (
    NotificationServer,
    TrayProcess,
    afterview,
    click,
    quiet_db,
)

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def _icon_geometry(display: str) -> tuple[int, int, int, int] | None:
    """Where trayer shows our icon: the embedded window named "Afterview" inside its panel."""
    tree = subprocess.run(
        ["xwininfo", "-display", display, "-root", "-tree"], capture_output=True, text=True
    ).stdout
    for line in tree.splitlines():
        if '"Afterview": ("afterview"' in line:
            match = re.search(r"(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)", line)
            if match:
                w, h, x, y = (int(v) for v in match.groups())
                if w > 1 and x >= 0:
                    return x, y, w, h
    return None


def test_the_icon_is_shown_by_trayer_and_its_menu_lists_the_due_steps(
    tmp_path: Path,
    sample_json: Path,
    trayer: str,
    notification_server: NotificationServer,
    start_tray: Callable[..., TrayProcess],
) -> None:
    data_dir = tmp_path / "data"
    quiet_db(data_dir, sample_json)
    due = json.loads(afterview(data_dir, "due", "--json"))
    assert due, "the sample data should have steps due now"
    tray = start_tray(data_dir, notification_server.address)
    tray.wait_running()
    assert "system tray available: showing the icon" in tray.log  # isSystemTrayAvailable()
    wait_until(lambda: _icon_geometry(trayer) is not None, what="the icon inside trayer")
    geometry = _icon_geometry(trayer)
    assert geometry is not None
    x, y, w, h = geometry
    shot = screenshot(trayer, "tray-icon")
    crop = shot.with_name("tray-icon-crop.png")
    subprocess.run(
        ["convert", str(shot), "-crop", f"{w + 40}x{h}+{x - 40}+{y}", "+repage", str(crop)],
        check=True,
    )
    # Something is drawn there: not the panel's flat tint.
    spread = subprocess.run(
        ["convert", str(crop), "-format", "%[fx:standard_deviation]", "info:"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert float(spread) > 0.05

    click(trayer, x + w // 2, y + h // 2, button=3)
    listed = min(len(due), 10)
    wait_until(
        lambda: f"menu opened: {listed} due steps listed" in tray.log,
        what="the menu to open",
    )

    def menu_mapped() -> bool:
        tree = subprocess.run(
            ["xwininfo", "-display", trayer, "-root", "-tree"], capture_output=True, text=True
        ).stdout
        for line in tree.splitlines():
            match = re.search(r'\("afterview" "Afterview"\)\s+(\d+)x(\d+)', line)
            if match and int(match.group(1)) > 100 and int(match.group(2)) > 100:
                return True  # a popup far bigger than the 22 px icon: the menu
        return False

    wait_until(menu_mapped, what="the menu window")
    # Painting lags mapping: wait until two screenshots agree before keeping one.
    last = [b""]

    def settled() -> bool:
        data = screenshot(trayer, "tray-menu").read_bytes()
        same = data == last[0]
        last[0] = data
        return same

    wait_until(settled, what="the menu to paint")
    assert "Traceback" not in tray.stop()
