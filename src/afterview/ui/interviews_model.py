"""The interview list as a table model that sorts and filters in the store, a page at a time.

Instead of a QSortFilterProxyModel over every row (which would load all rows
first), the model keeps only the ordered ids and a small search index, and
asks the store for the rows the view paints, in pages. So 100,000 interviews
open at once, and a keystroke in the filter costs one pass over the index.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont

from afterview.domain.text import fold
from afterview.store import interview_list
from afterview.store.faults import UnavailableError
from afterview.store.interview_list import IndexEntry, ListRow, ListSource, SortKey
from afterview.ui import dates
from afterview.ui.rule_words import step_title

PAGE = 100
CACHE_LIMIT = 5000
#: The search index loads this long after the list, so the rows paint first.
INDEX_DELAY_MS = 250
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_CONTEXT = "InterviewsModel"
#: Each column's title (English, marked for translation; headerData translates it) and key.
COLUMNS: tuple[tuple[str, SortKey], ...] = (
    (QT_TRANSLATE_NOOP(_CONTEXT, "Date"), SortKey.DATE),
    (QT_TRANSLATE_NOOP(_CONTEXT, "Company"), SortKey.COMPANY),
    (QT_TRANSLATE_NOOP(_CONTEXT, "Position"), SortKey.POSITION),
    (QT_TRANSLATE_NOOP(_CONTEXT, "Round"), SortKey.ROUND),
    (QT_TRANSLATE_NOOP(_CONTEXT, "Status"), SortKey.STATUS),
    (QT_TRANSLATE_NOOP(_CONTEXT, "Next step"), SortKey.NEXT_STEP),
    (QT_TRANSLATE_NOOP(_CONTEXT, "Next due"), SortKey.NEXT_DUE),
)
#: Each status's name in English, marked for translation: show it with status_label().
STATUS_LABELS = {
    "scheduled": QT_TRANSLATE_NOOP(_CONTEXT, "Scheduled"),
    "done": QT_TRANSLATE_NOOP(_CONTEXT, "Interviewed"),
    "awaiting_decision": QT_TRANSLATE_NOOP(_CONTEXT, "Awaiting decision"),
    "next_round": QT_TRANSLATE_NOOP(_CONTEXT, "Next round"),
    "offer": QT_TRANSLATE_NOOP(_CONTEXT, "Offer"),
    "rejected": QT_TRANSLATE_NOOP(_CONTEXT, "Rejected"),
    "withdrawn": QT_TRANSLATE_NOOP(_CONTEXT, "Withdrawn"),
    "no_response": QT_TRANSLATE_NOOP(_CONTEXT, "No response"),
    "cancelled": QT_TRANSLATE_NOOP(_CONTEXT, "Cancelled by the employer"),
}


def status_label(status: str) -> str:
    """A status as the user reads it, in their language (the stored value if unknown)."""
    label = STATUS_LABELS.get(status)
    return QCoreApplication.translate(_CONTEXT, label) if label else status


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


Index = QModelIndex | QPersistentModelIndex


def format_start(start: datetime) -> str:
    """When an interview starts, on its own clock, in the locale's short date and time and
    with the zone's abbreviation: "11/28/26 10:00 AM CET" (en_US)."""
    shown = dates.date_time(start.replace(tzinfo=None))
    return f"{shown} {start.tzname() or ''}".strip()


def format_due(due: datetime, now: datetime, zone: str | None = None) -> str:
    """When a step is due, on the computer's clock, as a person says it ("Today at 3:00 PM",
    "Friday at 9:00 AM", else the locale's short date and time); with ``zone`` (the
    interview's IANA zone) the time there too when its clock differs ("… (Fri 11:00 CET)"),
    so a call moved into the interview country's working hours reads as such."""
    text = dates.relative_date_time(due, now)
    if not zone:
        return text
    try:
        there = due.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return text
    local = due.astimezone()
    if there.utcoffset() == local.utcoffset():
        return text
    clock = dates.time_of_day(there.replace(tzinfo=None))
    if there.date() != local.date():
        weekday = QLocale().dayName(there.isoweekday(), QLocale.FormatType.ShortFormat)
        clock = f"{weekday} {clock}"
    return f"{text} ({clock} {there.tzname()})"


class _IndexLoader(QObject):
    """Carries an index from the loading thread to the GUI thread (a queued signal).

    One for the whole process, made on the GUI thread: the worker thread then holds no
    reference to a model, so a model is never destroyed on that thread.
    """

    done = Signal(int, int, object)  # model token, generation, index


_LOADER: _IndexLoader | None = None
_TOKENS = itertools.count(1)


def _loader() -> _IndexLoader:
    global _LOADER
    if _LOADER is None:
        _LOADER = _IndexLoader()
    return _LOADER


class InterviewsModel(QAbstractTableModel):
    def __init__(
        self, source: ListSource | None = None, now: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__()
        self._source = source
        self._now = now or (lambda: datetime.now().astimezone())
        self._order: list[int] = []
        self._index: dict[int, IndexEntry] = {}
        self._ids: list[int] = []
        self._all = interview_list.Filtered([], [], [])
        self._shown = self._all
        self._shown_stale = False
        self._cache: dict[int, ListRow] = {}
        self._text = ""
        self._status: str | None = None
        self.sort_key = SortKey.DATE
        self.descending = True
        self._loaded = False
        self._index_ready = False
        self._generation = 0
        self._token = next(_TOKENS)
        _loader().done.connect(self._index_loaded)

    # --- loading -----------------------------------------------------------------------------

    def set_source(self, source: ListSource) -> None:
        self._source = source
        self.reload()

    def reload(self) -> None:
        """Re-query the order (after a create, a delete, an import). The search index
        follows right after the list is shown, or at once when a filter needs it."""
        self.beginResetModel()
        self._index, self._index_ready = {}, False
        if self._source is None:
            self._order = []
        else:
            key, descending = self.sort_key, self.descending
            self._order = self._source.sorted_ids(key, descending)
        self._cache.clear()
        if self._text or self._status is not None:
            self._ensure_index()
        self._refilter(incremental=False)
        self._loaded = self._source is not None
        self.endResetModel()
        if not self._index_ready and self._source is not None:
            self._generation += 1
            generation = self._generation
            QTimer.singleShot(INDEX_DELAY_MS, lambda: self._load_index_in_background(generation))

    def _load_index_in_background(self, generation: int) -> None:
        """At 100,000 interviews the index takes most of a second to read: off the GUI
        thread, so the list stays responsive meanwhile (a keystroke before it is done
        simply reads it at once)."""
        source = self._source
        if self._index_ready or source is None or generation != self._generation:
            return

        token, loader = self._token, _loader()

        def work() -> None:
            try:
                index = source.search_index()
            except Exception:  # the window closed meanwhile: nothing to show it in
                return
            loader.done.emit(token, generation, index)

        threading.Thread(target=work, name="search-index", daemon=True).start()

    def _index_loaded(self, token: int, generation: int, index: dict[int, IndexEntry]) -> None:
        if token != self._token or self._index_ready or generation != self._generation:
            return  # a reload or a keystroke came first
        self._index = index
        self._index_ready = True
        self._all = interview_list.Filtered.of(self._order, self._index)
        if not self._text and self._status is None:
            self._shown = self._all

    def _ensure_index(self) -> None:
        if self._index_ready or self._source is None:
            return
        self._index = self._source.search_index()
        self._index_ready = True
        self._all = interview_list.Filtered.of(self._order, self._index)
        if not self._text and self._status is None:
            self._shown = self._all

    def _refilter(self, *, incremental: bool, previous: str = "") -> None:
        """Filter the whole list, or only what the last filter showed when the new text
        only adds to it (typing on), which is most keystrokes."""
        needle = fold(self._text)
        if not self._index_ready:  # nothing to filter by yet: the whole list, in order
            self._all = self._shown = interview_list.Filtered(list(self._order), [], [])
            self._ids = self._shown.ids
            return
        if not incremental:
            self._all = interview_list.Filtered.of(self._order, self._index)
        narrowing = (
            incremental and previous and needle.startswith(previous) and not self._shown_stale
        )
        self._shown_stale = False
        base = self._shown if narrowing else self._all
        self._shown = base.narrow(needle, self._status) if needle or self._status else base
        self._ids = self._shown.ids

    def refresh(self, interview_ids: list[int]) -> None:
        """Show new values of edited interviews in place (their order is kept until a reload)."""
        if self._source is None:
            return
        if not interview_ids:
            self._cache.clear()
            if self._ids:
                last = self.index(len(self._ids) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        if self._index_ready:
            fresh = self._source.search_index(interview_ids)
            self._index.update(fresh)
            self._all = interview_list.Filtered.of(self._order, self._index)
            self._shown_stale = True  # the rows stay put; the next keystroke filters afresh
        for interview_id in interview_ids:
            self._cache.pop(interview_id, None)
            row = self.row_of(interview_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_filter(self, text: str, status: str | None) -> None:
        if (text, status) == (self._text, self._status):
            return
        previous = fold(self._text) if status == self._status else ""
        self._text, self._status = text, status
        self._ensure_index()
        self.beginResetModel()
        self._refilter(incremental=True, previous=previous)
        self.endResetModel()

    @property
    def index_ready(self) -> bool:
        """Whether the search index is loaded (it follows the list by a moment)."""
        return self._index_ready

    @property
    def total(self) -> int:
        return len(self._order)

    def interview_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, interview_id: int) -> int | None:
        try:
            return self._ids.index(interview_id)
        except ValueError:
            return None

    def _row(self, row: int) -> ListRow | None:
        interview_id = self._ids[row]
        found = self._cache.get(interview_id)
        if found is None and self._source is not None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            first = row - row % PAGE
            page = self._ids[first : first + PAGE]
            try:
                self._cache.update(self._source.list_rows(page))
            except UnavailableError:
                # The server is away (issue 16 §5): the rows stay blank until it is back,
                # when the window reloads the list; a paint must not raise.
                return None
            found = self._cache.get(interview_id)
        return found

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS)
        if horizontal and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _tr(COLUMNS[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.FontRole:
            overdue = column is SortKey.NEXT_DUE and row.next_due is not None
            if overdue and row.next_due is not None and row.next_due <= self._now():
                font = QFont()
                font.setBold(True)
                return font
            if row.sample:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.sample:
                return _tr("Sample record (File ▸ Remove sample data deletes it)")
            return None
        return self._text_of(row, column)

    def _text_of(self, row: ListRow, column: SortKey) -> str:
        if column is SortKey.DATE:
            return format_start(row.start)
        if column is SortKey.COMPANY:
            return row.company
        if column is SortKey.POSITION:
            return row.position
        if column is SortKey.ROUND:
            return row.round
        if column is SortKey.STATUS:
            return status_label(row.status)
        if column is SortKey.NEXT_STEP:
            return step_title(row.next_step_rule, row.next_step_params, row.next_step)
        return format_due(row.next_due, self._now()) if row.next_due else ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][1]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self._order:
            return
        self.sort_key, self.descending = key, descending
        if not self._loaded:
            return  # the first load sorts this way
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [self.interview_id(p.row()) for p in persistent]
        if self._source is not None:
            self._order = self._source.sorted_ids(key, descending)
        self._refilter(incremental=False)
        rows = {interview_id: row for row, interview_id in enumerate(self._ids)}
        after = [
            self.index(rows[i], p.column()) if i in rows else QModelIndex()
            for p, i in zip(persistent, before, strict=True)
        ]
        self.changePersistentIndexList(persistent, after)
        self.layoutChanged.emit()
