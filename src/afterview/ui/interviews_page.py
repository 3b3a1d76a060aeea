"""The Interviews page: the filter bar, the interview list, and room for the detail beside it.

It needs no more than :mod:`afterview.store.interview_list` (plain ``sqlite3``),
so the window can show the list the user left open before the rest of the
store has loaded; the detail is attached once it has (see
:mod:`afterview.ui.workspace`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QLocale, QSettings, QSize, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterview.store.interview_list import ListSource
from afterview.ui.filter_bar import FilterBar
from afterview.ui.first_row import choose_first_row_on_focus
from afterview.ui.icons import icon
from afterview.ui.interviews_model import STATUS_LABELS, InterviewsModel, status_label
from afterview.ui.widgets import plain_label
from afterview.ui.write_guard import writes

if TYPE_CHECKING:
    from afterview.ui.interview_detail import InterviewDetail

DETAIL_MIN_WIDTH = 380
#: How the list and the detail share the room the window grows by.
DETAIL_STRETCH = (3, 2)
#: Each column's starting width in pixels, by the model's column (Date, Company, Position,
#: Round, Status, Next step, Next due).
COLUMN_WIDTHS = (150, 110, 150, 80, 125, 160, 120)
#: The order the columns are shown in: what the user scans for (the status and what comes
#: next) right after the company, so a narrow list shows them without scrolling sideways;
#: the position and the round follow.
SHOWN_ORDER = (0, 1, 4, 5, 6, 2, 3)
#: Narrower than this (pixels), the page puts the detail under the list instead of beside
#: it: beside, the list would have no room for its first four columns.
SIDE_BY_SIDE_MIN = DETAIL_MIN_WIDTH + sum(COLUMN_WIDTHS[c] for c in SHOWN_ORDER[:4]) + 60


class InterviewsPage(QWidget):
    def __init__(self, source: ListSource | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewsPage")
        self.setAccessibleName(self.tr("Interviews"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        bar = QHBoxLayout()
        # The bar the Board shares (afterview.ui.filter_bar).
        self.filter_bar = FilterBar(
            self.tr("Filter interviews"),
            self.tr("Filter by company, position or person  (Ctrl+F)"),
            "interview",
            self,
        )
        self.filter = self.filter_bar.filter
        assert self.filter_bar.status is not None
        self.status = self.filter_bar.status
        self.status.addItem(self.tr("All statuses"), None)
        for value in STATUS_LABELS:
            self.status.addItem(status_label(value), value)
        self.new_button = QPushButton(icon("add"), self.tr("New interview"), self)
        writes(self.new_button)
        self.new_button.setObjectName("newInterview")
        self.new_button.setAccessibleName(self.tr("New interview"))
        self.new_button.setIconSize(QSize(16, 16))
        bar.addWidget(self.filter_bar, 1)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("interviewsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.model = InterviewsModel(source)
        self.table = QTableView(self.splitter)
        self.table.setObjectName("interviewTable")
        self.table.setAccessibleName(self.tr("Interviews"))
        self.table.setModel(self.model)
        # Arrows move between interviews; Tab goes on to the detail, not round the cells.
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        choose_first_row_on_focus(self.table)  # Tab in chooses a row, not a bare focus
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        for shown, column in enumerate(SHOWN_ORDER):
            header.moveSection(header.visualIndex(column), shown)
        # A long company name is cut short at its end ("Northwind Traders Int…"), and its
        # whole name is in the detail beside or below.
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        # The detail needs the whole store; until it is open, an empty pane holds its place.
        self._detail_place = QWidget(self.splitter)
        self._detail_place.setMinimumWidth(DETAIL_MIN_WIDTH)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._detail_place)
        self.splitter.setStretchFactor(0, DETAIL_STRETCH[0])
        self.splitter.setStretchFactor(1, DETAIL_STRETCH[1])
        #: The list's and the detail's widths side by side, kept while they are stacked.
        self._side_sizes = [520, 600]
        self.splitter.splitterMoved.connect(self._remember_split)
        layout.addWidget(self.splitter, 1)
        self.count = plain_label("", self, "interviewCount")
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.count)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._orient()

    def _orient(self) -> None:
        """The detail beside the list when both fit, else below it (an 800-pixel window)."""
        vertical = self.width() < SIDE_BY_SIDE_MIN
        wanted = Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            rows = self.table.verticalHeader().defaultSectionSize()
            # Stacked: a few rows of the list above, the detail below with the rest; side by
            # side again: the split the user had.
            stacked = [rows * 6, max(self.height() - rows * 6, rows)]
            self.splitter.setSizes(stacked if vertical else self._side_sizes)
        self._fit_list_height()

    def _remember_split(self, *_: object) -> None:
        if self.splitter.orientation() == Qt.Orientation.Horizontal:
            self._side_sizes = self.splitter.sizes()

    def _fit_list_height(self) -> None:
        """Stacked, the list may shrink to its header and one row, so the window's smallest
        height is no larger than side by side."""
        rows = self.table.verticalHeader().defaultSectionSize()
        least = self.table.horizontalHeader().sizeHint().height() + rows + 2
        stacked = self.splitter.orientation() == Qt.Orientation.Vertical
        self.table.setMinimumHeight(least if stacked else 0)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.interview_id(index.row()) if index.isValid() else None

    def select(self, interview_id: int) -> bool:
        row = self.model.row_of(interview_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def update_count(self) -> None:
        model = self.model
        shown = model.rowCount()
        if shown == model.total:
            text = self.tr("%Ln interview(s)", "", model.total)
        else:  # "3 of 12 interviews": the plural follows the total
            text = self.tr("{0} of %Ln interview(s)", "", model.total).format(
                QLocale().toString(shown)
            )
        self.count.setText(text)

    def attach_detail(self, detail: InterviewDetail) -> None:
        """Put the interview detail beside the list, where its placeholder kept the room."""
        detail.setMinimumWidth(DETAIL_MIN_WIDTH)
        self.splitter.replaceWidget(1, detail)
        self.splitter.setStretchFactor(1, DETAIL_STRETCH[1])  # a factor belongs to the widget
        self._detail_place.deleteLater()
        self.detail = detail

    # --- state between runs ----------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("interviews/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)  # its orientation too
            self._remember_split()
        else:
            self.splitter.setSizes(self._side_sizes)
        self._fit_list_height()
        header = settings.value("interviews/header")
        if header is not None:
            header_view = self.table.horizontalHeader()
            header_view.restoreState(header)
            self.model.sort(header_view.sortIndicatorSection(), header_view.sortIndicatorOrder())

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("interviews/splitter", self.splitter.saveState())
        settings.setValue("interviews/header", self.table.horizontalHeader().saveState())
