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

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from afterview.ui.insight_charts import chart_view
from afterview.ui.insight_figures import Figure, Shape
from afterview.ui.letter_output import PreviewDialog, save_pdf

#: The size a chart is drawn at for paper, in pixels (shown about 16 cm wide).
PAPER_CHART = (900, 400)


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
    view = chart_view(figure, paper_palette())
    view.resize(*PAPER_CHART)
    image = view.grab().toImage()
    view.deleteLater()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
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
    for figure in figures:
        parts.append(f"<h2>{escape(figure.title)}</h2><p>{escape(figure.note)}</p>")
        if figure.shape is not Shape.NONE and not figure.empty:
            data = base64.b64encode(chart_png(figure)).decode("ascii")
            width = PAPER_CHART[0] * 0.5
            parts.append(
                f"<p><img src='data:image/png;base64,{data}' width='{width:.0f}'"
                f" height='{PAPER_CHART[1] * 0.5:.0f}'></p>"
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
