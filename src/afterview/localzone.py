"""The computer's own IANA time zone, found without Qt on Linux (the store uses it)."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _valid(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def local_zone_name() -> str:
    """The system's IANA zone name: $TZ, /etc/localtime's target, Qt's answer, else UTC."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and _valid(tz):
        return tz
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if _valid(name):
            return name
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        name = timezone_file.read_text(encoding="utf-8").strip()
        if _valid(name):
            return name
    try:  # Windows and macOS: Qt maps the system's own zone ids to IANA ones
        from PySide6.QtCore import QTimeZone

        name = bytes(QTimeZone.systemTimeZoneId().data()).decode()
        if _valid(name):
            return name
    except ImportError:  # pragma: no cover
        pass
    return "UTC"


__all__ = ["local_zone_name"]
