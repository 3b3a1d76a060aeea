"""The Insight page on paper (issue 17 §4): each chart as a picture with its table below it,
printed and saved through the letters' pipeline (HTML, QTextDocument, the letters' paper and
margins: afterview.letters.render, afterview.ui.letter_output).

Paper is white whatever the window's scheme: the charts are drawn again in a light palette.
Every text is escaped: none of it is markup.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QLocale, QRectF, QSizeF
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QGraphicsScene, QWidget

from afterview.ui.insight_charts import build_chart
from afterview.ui.insight_figures import Figure, Shape
from afterview.ui.letter_output import PreviewDialog, save_pdf

#: The size a chart is laid out at for paper, in pixels; drawn at twice that (sharp on paper)
#: and shown at three quarters of it, in points (about 16 cm wide).
PAPER_CHART = (600, 290)


def tr(text: str) -> str:
    return QCoreApplication.translate("Insight", text)


def paper_palette() -> QPalette:
    """Black on white, the selection colour of the charts' first series."""
    palette = QPalette()
    role = QPalette.ColorRole
    for name, colour in ((role.Window, "#ffffff"), (role.Base, "#ffffff"),
                         (role.WindowText, "#000000"), (role.Text, "#000000"),
                         (role.Mid, "#a0a0a0"), (role.Highlight, "#0072B2")):  # fmt: skip
        palette.setColor(name, QColor(colour))
    return palette


def chart_png(figure: Figure) -> bytes:
    """``figure``'s chart on white, as PNG bytes."""
    width, height = PAPER_CHART
    chart = build_chart(figure, paper_palette())
    chart.resize(QSizeF(width, height))
    scene = QGraphicsScene()
    scene.addItem(chart)  # the scene owns the chart, and deletes it with itself
    image = QImage(width * 2, height * 2, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(0, 0, width * 2, height * 2), QRectF(0, 0, width, height))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes str
    return bytes(buffer.data().data())


def _table(figure: Figure) -> str:
    extra = (figure.extra_header,) if figure.extra else ()
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in (*figure.headers, *extra))
    rows = []
    for number, (label, counts) in enumerate(figure.rows):
        cells = [f"<td>{escape(label)}</td>"]
        cells += [
            f"<td align='right'>{'–' if c is None else QLocale().toString(c)}</td>" for c in counts
        ]
        if figure.extra:
            cells.append(f"<td align='right'>{escape(figure.extra[number])}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table border='1' cellspacing='0' cellpadding='4'><tr>{head}</tr>{''.join(rows)}</table>"
    )


def insight_html(figures: list[Figure], who: str, day: str) -> str:
    """The whole page: a heading with ``who`` (the user's name, may be empty) and ``day``,
    then each figure: its title, what it counts, its chart and its table."""
    heading = tr("Insight: your search at a glance")
    parts = [f"<h1>{escape(heading)}</h1>"]
    byline = tr("{0}, {1}").format(who, day) if who else day
    parts.append(f"<p>{escape(byline)}</p>")
    for number, figure in enumerate(figures):
        # The first figure under the heading, then a page each but for the last two (small):
        # none splits from its chart.
        page_break = " style='page-break-before: always'" if number in (1, 2, 3) else ""
        parts.append(f"<h2{page_break}>{escape(figure.title)}</h2><p>{escape(figure.note)}</p>")
        if figure.shape is not Shape.NONE and not figure.empty:
            data = base64.b64encode(chart_png(figure)).decode("ascii")
            width, height = (round(side * 0.75) for side in PAPER_CHART)
            parts.append(
                f"<p><img src='data:image/png;base64,{data}' width='{width}' height='{height}'></p>"
            )
        parts.append(_table(figure))
    return "<html><body>" + "".join(parts) + "</body></html>"


def preview(html: str, size: str, parent: QWidget | None) -> PreviewDialog:
    """The print preview (its own Print button), as the letters have it."""
    dialog = PreviewDialog(html, size, parent)
    dialog.setObjectName("insightPreview")
    dialog.setWindowTitle(tr("Insight: print preview"))
    return dialog


def write(html: str, target: Path, size: str) -> Path:
    """The PDF at ``target``, whole or not at all; StoreError says why not (the letters'
    write_pdf)."""
    return save_pdf(html, target, size, tr("Insight"))


__all__ = ["chart_png", "insight_html", "paper_palette", "preview", "write"]
