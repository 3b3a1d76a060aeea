"""The window's link to the store: one place that turns the store's news into Qt signals.

Every page reads and writes through the store's operations (``data.store``). After every
successful write, in this process or another, :attr:`DataAccess.changed` carries the
:class:`~afterview.store.changes.Changes`, and each page reloads what it shows when its kind
is named (a page that wrote hears it too, and must not lose what is being typed). A write
that fails is reported with :attr:`failed` where the user is looking; a write that was
committed but whose follow-up failed (a backup, the calendar file) with :attr:`warned`.

When the disk, not the input, refuses a write (a full disk, an I/O error, a lock held too
long: :class:`~afterview.store.faults.UnavailableError`), a caller that asks for it
(``retry=True``: an edit that may be written again as it is) has its command kept: the
kept commands are tried again in order, after 2, 4, 8 … s (at most a minute apart), or at
once with :meth:`DataAccess.retry_now`, and a later write waits behind them so it never
lands before them. :attr:`availability` tells the window when to show or hide its banner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from afterview.store.changes import Changes, Outcome
from afterview.store.conflicts import ConflictError
from afterview.store.errors import StoreError
from afterview.store.faults import Fault, UnavailableError

if TYPE_CHECKING:
    from afterview.store.operations import Store

T = TypeVar("T")
Clock = Callable[[], datetime]
log = logging.getLogger(__name__)

#: Milliseconds before each try again of the kept writes; the last one repeats.
RETRY_DELAYS_MS = (2_000, 4_000, 8_000, 16_000, 32_000, 60_000)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """A command's value when it was written, else the error that refused it (an editor
    shows a :class:`~afterview.store.errors.RecordError` beside the field it names).
    ``waiting``: not written yet, but kept and tried again (the editor keeps the text)."""

    value: T | None
    error: StoreError | None
    waiting: bool = False


def not_saved_yet(error: StoreError) -> str:
    """What an editor says beside a change that waits to be saved (plain text)."""
    reason = error.advice if isinstance(error, UnavailableError) else str(error)
    if isinstance(error, UnavailableError) and error.fault is Fault.OFFLINE:
        # Its advice already says that Afterview keeps the text and tries again.
        return QCoreApplication.translate("DataAccess", "Not saved yet: {reason}").format(
            reason=reason
        )
    return QCoreApplication.translate(
        "DataAccess", "Not saved yet: {reason} Afterview will try again."
    ).format(reason=reason)


def not_saved_conflict() -> str:
    """What an editor says beside a change the user chose to keep unsaved after a conflict
    (or whose kept save met another computer's): plain text."""
    return QCoreApplication.translate(
        "DataAccess",
        "Not saved: this was changed on another computer. Save again to compare and choose.",
    )


def kept_text_message(error: StoreError) -> str | None:
    """For a refusal by the disk, not by the input: what an editor says while it keeps the
    text for the user to save again; None for any other refusal."""
    if not isinstance(error, UnavailableError):
        return None
    return QCoreApplication.translate(
        "DataAccess", "Not saved: {reason} Your text is kept here; save again later."
    ).format(reason=error.advice)


class DataAccess(QObject):
    #: The Changes of a write (this process's or another's): reload what shows these kinds.
    changed = Signal(object)
    #: A message for the user after a failed write (plain text); nothing was written.
    failed = Signal(str)
    #: A message for the user: the write was saved, but something after it failed.
    warned = Signal(str)
    #: Whether the data can be written, or writes wait, changed: see :attr:`read_only`,
    #: :attr:`unsaved` and :attr:`fault`.
    availability = Signal()
    #: Every kept write has now been saved (after a try again).
    caught_up = Signal()
    #: A kept write was refused on its try again because another computer saved the same
    #: record meanwhile (a :class:`~afterview.store.conflicts.ConflictError`): the editor of
    #: that record keeps its text and asks the user on its next save. Emitted before
    #: :attr:`caught_up`.
    conflicted = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        store.subscribe(self._heard)
        #: The commands refused by a fault of the disk, oldest first, waiting for a try again.
        self.unsaved: list[Callable[[], Outcome[Any]]] = []
        #: Why the oldest kept command was last refused (None when nothing waits).
        self.fault: UnavailableError | None = None
        self._tries = 0
        self._retrying = False
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.retry_now)

    @property
    def read_only(self) -> UnavailableError | None:
        """Why the database was opened read-only (None when it can be written)."""
        return self.store.read_only

    def write(self, command: Callable[[], Outcome[T]], *, retry: bool = False) -> T | None:
        """Run a store command; its value, or None (and :attr:`failed`) when it was refused."""
        return self.attempt(command, retry=retry).value

    def attempt(
        self, command: Callable[[], Outcome[T]], *, quiet: bool = False, retry: bool = False
    ) -> Attempt[T]:
        """As :meth:`write`, keeping the refusal for the caller too; ``quiet``: the caller
        shows the refusal itself (beside the field), so :attr:`failed` is not emitted.
        ``retry``: a refusal by the disk keeps the command to try again (``waiting``; the
        banner, not :attr:`failed`, says so). While writes wait, a new one is tried only
        after them: kept behind them (``retry``) or refused with their fault."""
        if self.unsaved and not self._retrying:
            self._retry_once(schedule=False)  # the earlier ones first; the timer keeps its time
        if self.unsaved:
            assert self.fault is not None
            if retry:
                self.unsaved.append(command)
                self.availability.emit()
                return Attempt(None, self.fault, waiting=True)
            return self._refused(self.fault, quiet)
        try:
            outcome = command()
        except UnavailableError as error:
            if retry and self.store.read_only is None:
                self._keep(command, error)
                return Attempt(None, error, waiting=True)
            return self._refused(error, quiet)
        except StoreError as error:
            return self._refused(error, quiet)
        return Attempt(outcome.value, None)

    def _refused(self, error: StoreError, quiet: bool) -> Attempt[Any]:
        # A conflict is the editor's to show: it opens the conflict dialog.
        if not quiet and not isinstance(error, ConflictError):
            self.failed.emit(str(error))
        return Attempt(None, error)

    def _keep(self, command: Callable[[], Outcome[Any]], error: UnavailableError) -> None:
        log.warning("a change waits to be saved: %s (%s)", error.fault, error.detail)
        self.unsaved.append(command)
        self.fault = error
        self._schedule()
        self.availability.emit()

    def _schedule(self) -> None:
        delay = RETRY_DELAYS_MS[min(self._tries, len(RETRY_DELAYS_MS) - 1)]
        self._tries += 1
        self.retry_timer.start(delay)

    def retry_now(self) -> bool:
        """Try again at once: open the database for writing if it was opened read-only,
        then save the kept commands in order. True when nothing waits any more and the
        database can be written. A kept command the store now refuses for its input (the
        record was deleted meanwhile) is dropped with :attr:`failed`."""
        self.retry_timer.stop()
        return self._retry_once(schedule=True)

    def _retry_once(self, *, schedule: bool) -> bool:
        if self._retrying:
            return False
        self._retrying = True
        try:
            return self._retry(schedule)
        finally:
            self._retrying = False

    def _retry(self, schedule: bool) -> bool:
        was_read_only = self.store.read_only is not None
        if was_read_only and not self._reopen():
            self.availability.emit()
            return False
        waited = bool(self.unsaved)
        while self.unsaved:
            try:
                self.unsaved[0]()
            except UnavailableError as error:
                self.fault = error
                if schedule or not self.retry_timer.isActive():
                    self._schedule()
                self.availability.emit()
                return False
            except ConflictError as error:
                self.conflicted.emit(error)
            except StoreError as error:
                self.failed.emit(str(error))
            self.unsaved.pop(0)
        self.fault = None
        self._tries = 0
        if was_read_only or waited:
            self.availability.emit()
            self.caught_up.emit()
            self.heard_from_elsewhere(Changes.everything())
        return True

    def _reopen(self) -> bool:
        """Close and open the database again (it may be writable now); True if it is."""
        try:
            return self.store.reopen() is None  # every page keeps the same Store
        except StoreError as error:
            self.failed.emit(str(error))
            return False

    def heard_from_elsewhere(self, changes: Changes) -> None:
        """Another process wrote (a ``changed`` message): reload as for our own writes."""
        self.changed.emit(changes)

    def _heard(self, changes: Changes) -> None:
        for warning in changes.warnings:
            self.warned.emit(warning)
        self.changed.emit(changes)
