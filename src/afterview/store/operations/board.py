"""The board's one query (issue 17 §2): every application's card (afterview.store.board)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from afterview.store import board
from afterview.store.board_values import Card
from afterview.store.operations.core import Core


class Board:
    def __init__(self, core: Core) -> None:
        self._core = core

    def cards(self, now: datetime | None = None, only: Collection[int] | None = None) -> list[Card]:
        """Every application's card, oldest first (with ``only``, those applications' cards
        alone: after a move, its one card); ``now`` (aware; the store's clock when None)
        decides which rounds have taken place. Four queries, however many cards."""
        at = now if now is not None else self._core.clock()
        return self._core.read(lambda session: board.cards(session, at, only))


__all__ = ["Board"]
