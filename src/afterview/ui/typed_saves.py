"""No lost updates for the tabs that save as you type (issue 16 §4): the Process and Debrief
tabs each keep a :class:`TypedSaves`.

It holds the version the tab read, and sends it with every save; a save that meets another
computer's opens the conflict dialog (:mod:`afterview.ui.conflict_dialog`). While the
database is away, the changes the store keeps to try again are remembered here too: if,
once it is back, another computer turns out to have saved first, they go back into the
tab's pending changes (the fields still show them) and its next save asks what to do.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from afterview.store.conflicts import STALE, ConflictError
from afterview.ui.data import Attempt, DataAccess, not_saved_conflict


class TypedTab(Protocol):
    """What a tab that saves as you type offers its :class:`TypedSaves`."""

    interview_id: int | None
    _pending: dict[str, Any]
    _timer: QTimer

    def show_interview(self, interview_id: int | None) -> None: ...

    def save_now(self) -> None: ...

    def say_unsaved(self, text: str) -> None:
        """Tell the user, beside the tab's fields, that a change stays unsaved."""


class TypedSaves:
    """``kind``: the record the tab saves, as a ConflictError names it ("interview",
    "debrief"); its id is always the tab's interview's."""

    def __init__(self, tab: TypedTab, widget: QWidget, kind: str, data: DataAccess | None) -> None:
        self.tab = tab
        self.widget = widget
        self.kind = kind
        #: The record's version when the tab read it (None: no record shown).
        self.version: int | None = None
        #: Changes the store keeps to save once it can be written again.
        self.kept: dict[str, Any] = {}
        if data is not None:
            data.conflicted.connect(self._kept_write_conflicted)
            data.caught_up.connect(self.kept.clear)

    def follow(self, stored: int) -> None:
        """Show what another computer (or process) saved since the tab read the record
        (``stored``: its version now), unless something typed in the tab waits to be saved:
        a reload never takes what the user is typing; its save asks instead."""
        tab = self.tab
        if tab.interview_id is None or tab._pending or tab._timer.isActive() or self.kept:
            return
        if self.version is None or self.version == STALE or stored == self.version:
            return
        tab.show_interview(tab.interview_id)

    def after(self, attempt: Attempt[int], sent: int | None, changes: dict[str, Any]) -> bool:
        """Note how a save of ``changes``, sent with version ``sent``, went (its value: the
        new version). True when it met another computer's save (the dialog was shown and
        its choice carried out); the tab then says nothing more about it."""
        if isinstance(attempt.error, ConflictError):
            self.resolve(attempt.error, changes)
            return True
        if attempt.value is not None:
            self.version = attempt.value
        elif attempt.waiting:
            self.kept.update(changes)
            if sent is not None:
                self.version = sent + 1  # what it will be once the kept save is made
        return False

    def resolve(self, conflict: ConflictError, changes: dict[str, Any]) -> None:
        """Ask, then show theirs, save ``changes`` over theirs, or (Cancel) keep them
        pending for the tab's next save."""
        from afterview.ui.conflict_dialog import Choice, ask

        tab = self.tab
        choice = ask(conflict, self.widget)
        if choice is Choice.RELOAD:
            tab._pending.clear()
            tab.show_interview(tab.interview_id)
            return
        tab._pending = {**changes, **tab._pending}
        if choice is Choice.KEEP:
            self.version = conflict.version
            tab.save_now()
            return
        tab.say_unsaved(not_saved_conflict())

    def _kept_write_conflicted(self, conflict: ConflictError) -> None:
        tab = self.tab
        if conflict.kind == self.kind and conflict.record_id == tab.interview_id and self.kept:
            tab._pending = {**self.kept, **tab._pending}
            self.kept.clear()
            self.version = STALE
            tab._timer.start(0)
