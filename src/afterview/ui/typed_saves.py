"""No lost updates for the tabs that save as you type (issue 16 §4): the Process and Debrief
tabs each keep a :class:`TypedSaves`.

It holds the version the tab read, and sends it with every save; a save that meets another
computer's opens the conflict dialog (:mod:`afterview.ui.conflict_dialog`). The store
compares only the fields the save writes; the dialog lists every field of the tab that
differs (tester's F3), the others as the tab read them against what is stored now, so the
user sees what the other computer changed too, and may keep or take each. While the
database is away, the changes the store keeps to try again are remembered here too: if,
once it is back, another computer turns out to have saved first, they go back into the
tab's pending changes (the fields still show them) and its next save asks what to do.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from afterview.domain.records import Interview
from afterview.store.conflicts import LABELS, STALE, ConflictError, Difference, text_of
from afterview.store.errors import StoreError
from afterview.ui.data import Attempt, DataAccess, not_saved_conflict

#: Saved together: a start is a wall time in its time zone.
_TOGETHER = {"start": "time_zone", "time_zone": "start"}


class TypedTab(Protocol):
    """What a tab that saves as you type offers its :class:`TypedSaves`."""

    interview_id: int | None
    _pending: dict[str, Any]
    _timer: QTimer

    def show_interview(self, interview_id: int | None) -> None: ...

    def save_now(self) -> None: ...

    def say_unsaved(self, text: str) -> None:
        """Tell the user, beside the tab's fields, that a change stays unsaved."""

    def values_of(self, interview: Interview) -> dict[str, Any]:
        """The tab's fields of ``interview``, in its form order, as its saves write them."""


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
        #: The tab's fields as it read them (:meth:`TypedTab.values_of`).
        self.read: dict[str, Any] = {}
        self.data = data
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
        from afterview.ui.conflict_dialog import Choice, ask_fields

        tab = self.tab
        shown, unchanged = self._every_difference(conflict, changes)
        choice, theirs = ask_fields(shown, self.widget)
        if choice is Choice.RELOAD:
            tab._pending.clear()
            tab.show_interview(tab.interview_id)
            return
        if choice in (Choice.KEEP, Choice.MERGE):
            mine = {**unchanged, **changes}
            kept = {name: value for name, value in mine.items() if name not in theirs}
            for name, partner in _TOGETHER.items():
                if name in kept and partner not in {*kept, *theirs} and partner in self.read:
                    kept[partner] = mine.get(partner, self.read[partner])
            tab._pending = {**kept, **tab._pending}
            self.version = conflict.version
            tab.save_now()
            if theirs and not tab._pending and not self.kept:
                tab.show_interview(tab.interview_id)  # theirs where it was chosen
            return
        tab._pending = {**changes, **tab._pending}
        tab.say_unsaved(not_saved_conflict())

    def _every_difference(
        self, conflict: ConflictError, changes: dict[str, Any]
    ) -> tuple[ConflictError, dict[str, Any]]:
        """``conflict`` with a row for every field of the tab that differs from what is
        stored now, in the tab's order, and the values read of those this save does not
        write (what keeping mine means for them)."""
        if self.data is None or not self.read:
            return conflict, {}
        try:
            now = self.tab.values_of(self.data.store.interviews.get(conflict.record_id))
        except StoreError:
            return conflict, {}
        given = {difference.field: difference for difference in conflict.differences}
        rows: list[Difference] = []
        unchanged: dict[str, Any] = {}
        for name, value in self.read.items():
            if name in given:
                rows.append(given.pop(name))
            elif name not in changes and text_of(value) != text_of(now.get(name)):
                label = LABELS.get(name, name)
                rows.append(Difference(name, label, text_of(now.get(name)), text_of(value)))
                unchanged[name] = value
        rows.extend(given.values())
        everything = ConflictError(
            conflict.kind, conflict.record_id, conflict.name, conflict.version, rows
        )
        return everything, unchanged

    def _kept_write_conflicted(self, conflict: ConflictError) -> None:
        tab = self.tab
        if conflict.kind == self.kind and conflict.record_id == tab.interview_id and self.kept:
            tab._pending = {**self.kept, **tab._pending}
            self.kept.clear()
            self.version = STALE
            tab._timer.start(0)
