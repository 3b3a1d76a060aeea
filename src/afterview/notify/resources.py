"""Where the app's icons live: next to a frozen bundle, or in the source tree."""

from __future__ import annotations

import sys
from pathlib import Path

ICON_NAME = "afterview"
DESKTOP_ENTRY = "afterview"


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:  # PyInstaller one-dir bundle
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


def icon_path(size: int = 128) -> Path | None:
    """An absolute path to the app icon as PNG (what every notification server reads)."""
    icons = resources_dir() / "icons"
    for candidate in (icons / f"{ICON_NAME}-{size}.png", icons / f"{ICON_NAME}.svg"):
        if candidate.is_file():
            return candidate
    return None
