"""Where the app's icons live: next to a frozen bundle, or in the source tree."""

from __future__ import annotations

from pathlib import Path

from afterview.resources import resources_dir

ICON_NAME = "afterview"
#: The installed desktop entry's id (packaging/linux), so the desktop groups the notifications.
DESKTOP_ENTRY = "org.afterview.Afterview"


def icon_path(size: int = 128) -> Path | None:
    """An absolute path to the app icon as PNG (what every notification server reads)."""
    icons = resources_dir() / "icons"
    for candidate in (icons / f"{ICON_NAME}-{size}.png", icons / f"{ICON_NAME}.svg"):
        if candidate.is_file():
            return candidate
    return None
