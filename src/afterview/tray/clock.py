"""The tray's sense of time, injectable so tests can move it (quiet hours, suspend, jumps)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol

from afterview.localzone import local_zone_name


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
