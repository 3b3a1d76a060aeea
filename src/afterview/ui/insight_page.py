"""The Insight page (issue 17 §4): a few honest charts of the user's own search.

Each chart (afterview.ui.insight_charts, QtCharts) has its table beside it
(afterview.ui.insight_model) holding the same figures for a screen reader; both are drawn
from afterview.ui.insight_figures, from the store's one query (store.insight). The page
follows the palette: a switch to the dark scheme draws the charts again. Print… and Save as
PDF… go through the letters' pipeline (afterview.ui.insight_print).

Built by the workspace the first time the page is shown, so QtCharts is loaded then and not
at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QBoxLayout,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterview.letters import page as paper
from afterview.letters.render import system_territory
from afterview.store.changes import Changes, Kind
from afterview.store.errors import StoreError
from afterview.ui import insight_print
from afterview.ui.data import DataAccess
from afterview.ui.heading import heading
from afterview.ui.insight_charts import chart_view, redraw
from afterview.ui.insight_figures import Figure, Shape, figures
from afterview.ui.insight_model import FigureTableModel
from afterview.ui.letter_output import PreviewDialog
from afterview.ui.widgets import message_box, plain_label
from afterview.ui.write_guard import reads

#: The least width (pixels) a chart keeps beside its table; with less room the table goes
#: under the chart, so the chart's labels and legend are not cut short.
CHART_ROOM = 520


class FigureBlock(QWidget):
    """One figure: its heading and note, the chart and the table beside it."""

    def __init__(self, figure: Figure, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"insight_{figure.name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        self.title = heading(figure.title, self, f"insightTitle_{figure.name}")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.note = plain_label(figure.note, self, f"insightNote_{figure.name}")
        self.note.setWordWrap(True)
        self.empty = plain_label(self.tr("Nothing to show yet."), self, "insightEmpty")
        #: The chart beside its table, or above it when the page is narrow.
        self.row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.chart: QChartView = chart_view(figure, self.palette(), self)
        self.model = FigureTableModel(figure, self)
        self.table = QTableView(self)
        self.table.setObjectName(f"insightTable_{figure.name}")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # As large as its cells: the page scrolls, not each table.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        row.addWidget(self.chart, 1)
        row.addWidget(self.empty, 1)
        row.addWidget(self.table, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(row)
        self.show_figure(figure)

    def show_figure(self, figure: Figure) -> None:
        self.figure = figure
        self.title.setText(figure.title)
        self.note.setText(figure.note)
        self.model.set_figure(figure)
        self.table.setAccessibleName(self.tr("{0}: table").format(figure.title))
        self.table.setAccessibleDescription(figure.note)
        drawn = figure.shape is not Shape.NONE and not figure.empty
        self.chart.setVisible(drawn)
        self.empty.setVisible(figure.shape is not Shape.NONE and not drawn)
        if drawn:
            redraw(self.chart, figure, self.palette())
        self._arrange(self.width())  # its table may have grown a column

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def _arrange(self, width: int) -> None:
        wide = width - self.table.sizeHint().width() >= CHART_ROOM
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A palette can change while the block is being built, before it has a chart.
        chart = getattr(self, "chart", None)
        if event.type() == QEvent.Type.PaletteChange and chart is not None and chart.isVisible():
            redraw(chart, self.figure, self.palette())


class InsightPage(QWidget):
    """The page on the store behind ``data``; ``clock`` gives now (aware UTC), for the date
    on paper."""

    def __init__(
        self, data: DataAccess, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.clock = clock
        self.setObjectName("insightPage")
        self.setAccessibleName(self.tr("Insight"))
        self.preview: PreviewDialog | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 0)
        top = QHBoxLayout()
        intro = plain_label(
            self.tr("Your own search, counted from your records. Sample records are left out."),
            self,
            "insightIntro",
        )
        intro.setWordWrap(True)
        top.addWidget(intro, 1)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setObjectName("insightPrint")
        self.print_button.clicked.connect(lambda _checked=False: self.show_preview())
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"), self)
        self.pdf_button.setObjectName("insightSavePdf")
        self.pdf_button.clicked.connect(lambda _checked=False: self.save_pdf())
        reads(self.print_button, self.pdf_button)
        top.addWidget(self.print_button)
        top.addWidget(self.pdf_button)
        outer.addLayout(top)
        scroll = QScrollArea(self)
        scroll.setObjectName("insightScroll")
        scroll.setAccessibleName(self.tr("Charts and their tables"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(0, 0, 8, 0)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        self.inner = inner
        self.blocks: dict[str, FigureBlock] = {}
        self.figures: list[Figure] = []
        data.changed.connect(self._heard)

    def load(self) -> None:
        """Read the figures again and show them."""
        self.figures = figures(self.data.store.insight.figures())
        for figure in self.figures:
            block = self.blocks.get(figure.name)
            if block is None:
                block = self.blocks[figure.name] = FigureBlock(figure, self.inner)
                self.column.addWidget(block)
            else:
                block.show_figure(figure)

    def _heard(self, changes: Changes) -> None:
        if changes.touches(Kind.APPLICATIONS, Kind.INTERVIEWS, Kind.STEPS, Kind.SETTINGS) or (
            changes.reorder
        ):
            self.load()

    # --- on paper ----------------------------------------------------------------------

    def paper(self) -> str:
        """The letters' paper: their setting, else by the locale's country."""
        store = self.data.store
        territory = system_territory() or store.settings.playbook().home_country
        return paper.page_size(store.letters.page_size(), territory)

    def html(self) -> str:
        today = self.clock().date()
        day = QLocale().toString(
            QDate(today.year, today.month, today.day), QLocale.FormatType.LongFormat
        )
        who = self.data.store.settings.profile().name
        return insight_print.insight_html(self.figures, who, day)

    def show_preview(self) -> PreviewDialog:
        self.preview = insight_print.preview(self.html(), self.paper(), self)
        self.preview.open()
        return self.preview

    def save_pdf(self, target: Path | None = None) -> Path | None:
        """Ask where (unless ``target`` is given) and write the page as a PDF; None when the
        user cancels or it cannot be written (a message says why)."""
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save Insight as PDF"),
                str(Path.home() / (self.tr("Insight") + ".pdf")),
                self.tr("PDF (*.pdf)"),
            )
            if not chosen:
                return None
            target = Path(chosen)
        try:
            return insight_print.write(self.html(), target, self.paper())
        except (StoreError, OSError) as error:
            message_box(
                self,
                QMessageBox.Icon.Warning,
                self.tr("Insight"),
                self.tr("Not saved: %1").replace("%1", str(error)),
            )
            return None


__all__ = ["FigureBlock", "InsightPage"]
