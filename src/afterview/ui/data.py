"""The window's link to the store: one place that turns the store's news into Qt signals.

Every page reads and writes through the store's operations (``data.store``). After every
successful write, in this process or another, :attr:`DataAccess.changed` carries the
:class:`~afterview.store.changes.Changes`, and each page reloads what it shows when its kind
is named (a page that wrote hears it too, and must not lose what is being typed). A write
that fails is reported with :attr:`failed` where the user is looking; a write that was
committed but whose follow-up failed (a backup, the calendar file) with :attr:`warned`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from afterview.store.changes import Changes, Outcome
from afterview.store.errors import StoreError

if TYPE_CHECKING:
    from afterview.store.operations import Store

T = TypeVar("T")
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """A command's value when it was written, else the error that refused it (an editor
    shows a :class:`~afterview.store.errors.RecordError` beside the field it names)."""

    value: T | None
    error: StoreError | None


class DataAccess(QObject):
    #: The Changes of a write (this process's or another's): reload what shows these kinds.
    changed = Signal(object)
    #: A message for the user after a failed write (plain text); nothing was written.
    failed = Signal(str)
    #: A message for the user: the write was saved, but something after it failed.
    warned = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        store.subscribe(self._heard)

    def write(self, command: Callable[[], Outcome[T]]) -> T | None:
        """Run a store command; its value, or None (and :attr:`failed`) when it was refused."""
        return self.attempt(command).value

    def attempt(self, command: Callable[[], Outcome[T]], *, quiet: bool = False) -> Attempt[T]:
        """As :meth:`write`, keeping the refusal for the caller too; ``quiet``: the caller
        shows the refusal itself (beside the field), so :attr:`failed` is not emitted."""
        try:
            outcome = command()
        except StoreError as error:
            if not quiet:
                self.failed.emit(str(error))
            return Attempt(None, error)
        return Attempt(outcome.value, None)

    def heard_from_elsewhere(self, changes: Changes) -> None:
        """Another process wrote (a ``changed`` message): reload as for our own writes."""
        self.changed.emit(changes)

    def _heard(self, changes: Changes) -> None:
        for warning in changes.warnings:
            self.warned.emit(warning)
        self.changed.emit(changes)
