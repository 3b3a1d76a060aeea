"""What a write changed, as every reader of the data hears of it (no database library here).

Each store operation that writes returns an :class:`Outcome`: its value and the
:class:`Changes` it made. The one post-write path (:mod:`afterview.store.write_path`) hands
the same ``Changes`` to the listeners in this process and, as
``{"type": "changed", "kinds": [...]}``, to the tray and the window over local sockets. Each
page reloads what it shows when its kind is named (the way Anki's operations return
``OpChanges``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Kind(StrEnum):
    """The kinds of record a write can change."""

    INTERVIEWS = "interviews"
    STEPS = "steps"
    CONTACTS = "contacts"
    REFERENCES = "references"
    LETTERS = "letters"
    SETTINGS = "settings"
    APPLICATIONS = "applications"


ALL_KINDS = frozenset(Kind)


@dataclass(frozen=True)
class Changes:
    """Which kinds of record a write changed.

    ``interviews``: the interviews whose data changed, when the writer knows (None: any of
    them). ``reorder``: interviews were added or removed, or may have been, so a list must
    read its order again rather than refresh rows in place. ``warnings``: the write was
    committed, but something that follows it failed (a backup, the calendar file, telling
    another process); each says what, in words for the user.
    """

    kinds: frozenset[Kind]
    interviews: frozenset[int] | None = None
    reorder: bool = False
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def of(
        cls, *kinds: Kind, interviews: Iterable[int] | None = None, reorder: bool = False
    ) -> Changes:
        chosen = None if interviews is None else frozenset(interviews)
        return cls(frozenset(kinds), chosen, reorder)

    @classmethod
    def everything(cls) -> Changes:
        """A change nobody described: a restore, another process's write."""
        return cls(ALL_KINDS, None, True)

    def touches(self, *kinds: Kind) -> bool:
        return any(kind in self.kinds for kind in kinds)

    def message(self) -> dict[str, Any]:
        """The IPC message for other processes (which re-read what they show, by kind)."""
        return {"type": "changed", "kinds": sorted(kind.value for kind in self.kinds)}

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> Changes:
        """The changes a ``changed`` message names; an old or odd message means everything."""
        names = message.get("kinds")
        if not isinstance(names, list):
            return cls.everything()
        known = {kind.value for kind in Kind}
        kinds = frozenset(Kind(name) for name in names if name in known)
        return cls(kinds or ALL_KINDS, None, True)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a write operation returns: its value, and the changes it committed."""

    value: T
    changes: Changes

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.changes.warnings


__all__ = ["ALL_KINDS", "Changes", "Kind", "Outcome"]
