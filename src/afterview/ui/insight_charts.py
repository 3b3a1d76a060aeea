"""The Insight page's charts, drawn by QtCharts (PySide6-Addons) in the palette's colours.

This is the one module that imports PySide6.QtCharts; the page imports it when it is first
shown, so the window's start-up never pays for it (tests/ui/test_insight_page.py checks).
A chart is built anew for each figure and palette (a reload, a switch to the dark scheme):
there are five, each with a handful of bars.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from afterview.ui.insight_figures import Figure, Shape

#: Okabe and Ito's colours, told apart with every common colour-vision deficiency, and
#: readable beside both the light and the dark palette (black, their eighth, is left out).
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


def _colours(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """Text, the page's background, and faint lines (the grid), from ``palette``."""
    role = QPalette.ColorRole
    return palette.color(role.WindowText), palette.color(role.Window), palette.color(role.Mid)


def build_chart(figure: Figure, palette: QPalette) -> QChart:
    """``figure`` as a chart in ``palette``'s colours (Shape.NONE: an empty chart)."""
    chart = QChart()
    text, background, grid = _colours(palette)
    chart.setBackgroundBrush(QBrush(background))
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    legend = chart.legend()
    legend.setLabelColor(text)
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    if figure.shape is Shape.RING:
        _ring(chart, figure, text, background)
    elif figure.shape in (Shape.BARS, Shape.STACKED):
        _bars(chart, figure, palette, text, grid)
    return chart


def _bars(chart: QChart, figure: Figure, palette: QPalette, text: QColor, grid: QColor) -> None:
    stacked = figure.shape is Shape.STACKED
    # The funnel and the outcomes read down the page; the days from left to right.
    horizontal = stacked or figure.name == "funnel"
    series: QAbstractBarSeries
    if stacked:
        series = QHorizontalStackedBarSeries()
    else:
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
    # A horizontal chart lists its categories from the bottom up: reversed, they read down.
    rows = list(reversed(figure.rows)) if horizontal else list(figure.rows)
    for column, header in enumerate(figure.headers[1:]):
        bars = QBarSet(header)
        colour = (
            QColor(SERIES_COLOURS[column % len(SERIES_COLOURS)])
            if stacked
            else palette.color(QPalette.ColorRole.Highlight)
        )
        bars.setColor(colour)
        bars.setBorderColor(colour)
        bars.setLabelColor(_label_on(colour) if stacked else text)
        for _label, counts in rows:
            bars.append(counts[column] or 0)
        series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    series.setLabelsPosition(
        QAbstractBarSeries.LabelsPosition.LabelsCenter
        if stacked
        else QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd
    )
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([label for label, _counts in rows])
    values = QValueAxis()
    totals = [sum(c or 0 for c in counts) if stacked else max((c or 0 for c in counts), default=0)
              for _label, counts in rows]  # fmt: skip
    _count_axis(values, max(totals, default=0))
    for axis in (categories, values):
        axis.setLabelsColor(text)
        axis.setLinePenColor(grid)
        axis.setGridLineColor(grid)
    categories.setGridLineVisible(False)
    left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
    chart.addAxis(categories, left if horizontal else bottom)
    chart.addAxis(values, bottom if horizontal else left)
    series.attachAxis(categories)
    series.attachAxis(values)
    chart.legend().setVisible(stacked)
    # Beside the bars, one outcome a line: below them the names are cut short.
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)


def _count_axis(axis: QValueAxis, top: int) -> None:
    """Whole numbers from 0, a round step, a little room above ``top`` for the bars' labels."""
    steps = (m * 10**k for k in range(12) for m in (1, 2, 5))  # 1, 2, 5, 10, 20, 50…
    step = next(n for n in steps if top / n <= 6)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d")
    axis.setRange(0, (top // step + 1) * step)


def _label_on(colour: QColor) -> QColor:
    """Black or white, whichever reads on ``colour``."""
    return QColor("#000000") if colour.lightnessF() > 0.55 else QColor("#ffffff")


def _ring(chart: QChart, figure: Figure, text: QColor, background: QColor) -> None:
    ring = QPieSeries()
    ring.setHoleSize(0.45)
    ring.setPieSize(0.8)
    for number, (label, counts) in enumerate(figure.rows):
        count = counts[0] or 0
        extra = figure.extra[number] if figure.extra else ""
        piece = ring.append(f"{label}: {count} ({extra})" if extra else f"{label}: {count}", count)
        colour = QColor(SERIES_COLOURS[number % len(SERIES_COLOURS)])
        piece.setBrush(colour)
        piece.setPen(QPen(background, 2))
        piece.setLabelColor(text)
    chart.addSeries(ring)
    chart.legend().setVisible(True)


def chart_view(figure: Figure, palette: QPalette, parent: QWidget | None = None) -> QChartView:
    """A view of ``figure``'s chart, named for assistive technology by its title; its table,
    beside it, holds the same figures for a screen reader."""
    view = QChartView(build_chart(figure, palette), parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setObjectName(f"insightChart_{figure.name}")
    view.setAccessibleName(figure.title)
    view.setAccessibleDescription(figure.note)
    view.setMinimumSize(320, 220)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table beside it is what the keys walk
    view.setBackgroundBrush(QBrush(_colours(palette)[1]))
    return view


def redraw(view: QChartView, figure: Figure, palette: QPalette) -> None:
    """Show ``figure`` in ``view`` anew (new figures, or a new palette)."""
    old = view.chart()
    view.setChart(build_chart(figure, palette))
    view.setBackgroundBrush(QBrush(_colours(palette)[1]))
    view.setAccessibleName(figure.title)
    view.setAccessibleDescription(figure.note)
    old.deleteLater()  # the view gives up a chart it no longer shows, without deleting it


__all__ = ["SERIES_COLOURS", "build_chart", "chart_view", "redraw"]
