"""An application's values the window holds (issue 17): the longest name it takes and what a
move changed, without the store's tables (tests/unit/test_store_seam.py).
afterview.store.applications uses them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from afterview.domain.applications import Standing

#: The longest company, position or source name, in characters.
MAX_NAME = 500


@dataclass(frozen=True)
class RoundsBefore:
    """What a hand move changed in the application's rounds, to put back on undo
    (afterview.store.application_rounds): the latest round's status and when it changed
    (``interview_id`` None: no round's status changed), and the follow-ups it ended, each
    with its status and snooze."""

    interview_id: int | None = None
    status: str = ""
    status_changed_at: datetime | None = None
    #: The status the move gave the round: put back only while it still has it.
    moved_to: str = ""
    ended: tuple[tuple[int, str, datetime | None], ...] = ()


@dataclass(frozen=True)
class MovedApplication:
    """What :func:`move` changed, to undo it: the standing before, the history entry it
    added (None when the standing did not change), the latest entry it left (an undo after a
    later one, which a round wrote, is refused) and the version it left."""

    application_id: int
    before: Standing
    event_id: int | None
    version: int
    label: str
    latest_event: int | None = None
    rounds: RoundsBefore = RoundsBefore()
