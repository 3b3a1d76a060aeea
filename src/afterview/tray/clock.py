"""The tray's sense of time, injectable so tests can move it (quiet hours, suspend, jumps)."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock(Protocol):
    def now(self) -> datetime:
        """The wall clock, as an aware UTC datetime."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps (and, on Linux, stops while suspended)."""
        ...

    def zone(self) -> str:
        """The user's IANA time zone, for quiet hours and "tomorrow morning"."""
        ...


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


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def zone(self) -> str:
        return local_zone_name()


class FakeClock:
    """A clock tests move by hand; ``jump`` moves only the wall clock (a clock change or the
    time spent suspended, during which the monotonic clock stands still)."""

    def __init__(self, start: datetime, zone: str = "UTC") -> None:
        self._now = start.astimezone(UTC)
        self._mono = 1000.0
        self._zone = zone

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def zone(self) -> str:
        return self._zone

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def jump(self, seconds: float) -> None:
        from datetime import timedelta

        self._now += timedelta(seconds=seconds)
