"""Squiggles under misspelt words as you type, and a tint on what a check points at.

Both follow the editor's palette: a fixed pale tint under the palette's own text colour is
light text on pale yellow in a dark palette, so the tint sets its text colour too, one pair
for light palettes and one for dark, each at least 4.5:1 (WCAG AA for text).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from afterview.domain.letter_checks import Speller

#: (text, background) of what a failed check points at: dark on pale yellow in a light
#: palette, pale yellow on dark amber in a dark one.
FLAGGED_LIGHT = ("#1f1a00", "#fff1b8")
FLAGGED_DARK = ("#fff4c2", "#5a4500")
#: The squiggle: a deep red on a light page, a lighter red on a dark one.
SQUIGGLE_LIGHT = "#c0001a"
SQUIGGLE_DARK = "#ff7b7b"


def utf16_offset(text: str, index: int) -> int:
    """Where character ``index`` of ``text`` (a Python code-point offset) is in Qt's UTF-16
    units: one more for every character outside the Basic Multilingual Plane before it."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def is_dark(palette: QPalette) -> bool:
    """Whether the palette's text background (Base) is dark."""
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


class SpellHighlighter(QSyntaxHighlighter):
    def __init__(
        self, document: QTextDocument, speller: Speller, palette: QPalette | None = None
    ) -> None:
        super().__init__(document)
        self.speller = speller
        self._misspelt = QTextCharFormat()
        self._misspelt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._flagged = QTextCharFormat()
        #: Document positions a failed check points at (names, titles, desperate phrases).
        self._spans: list[tuple[int, int]] = []
        self._dark: bool | None = None
        self.use_palette(palette if palette is not None else QPalette())

    def use_palette(self, palette: QPalette) -> None:
        """Pick the colours for this palette (light or dark) and repaint when they change."""
        dark = is_dark(palette)
        if dark == self._dark:
            return
        self._dark = dark
        text, background = FLAGGED_DARK if dark else FLAGGED_LIGHT
        self._flagged.setForeground(QColor(text))
        self._flagged.setBackground(QColor(background))
        self._misspelt.setUnderlineColor(QColor(SQUIGGLE_DARK if dark else SQUIGGLE_LIGHT))
        self.rehighlight()

    def set_flagged(self, spans: list[tuple[int, int]], text: str) -> None:
        """Tint ``spans``: (start, end) offsets in ``text``, the document's plain text, in
        Python characters (code points), as the checks give them."""
        in_document = [(utf16_offset(text, start), utf16_offset(text, end)) for start, end in spans]
        if in_document != self._spans:
            self._spans = in_document
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        # Qt counts positions in UTF-16 units, Python in code points: an emoji is two of the
        # first and one of the second, so every offset is converted before it reaches Qt.
        block_start = self.currentBlock().position()
        block_end = block_start + utf16_offset(text, len(text))
        for start, end in self._spans:
            if start < block_end and end > block_start:
                lo = max(start, block_start) - block_start
                hi = min(end, block_end) - block_start
                self.setFormat(lo, hi - lo, self._flagged)
        for wrong in self.speller.misspelled(text):
            start, end = utf16_offset(text, wrong.start), utf16_offset(text, wrong.end)
            fmt = QTextCharFormat(self.format(start))
            fmt.merge(self._misspelt)
            self.setFormat(start, end - start, fmt)

    def misspelt_at(self, block_text: str, column: int) -> str | None:
        """The misspelt word at ``column``, a position in the block in UTF-16 units (as
        QTextCursor.positionInBlock gives it), or None."""
        for wrong in self.speller.misspelled(block_text):
            start, end = utf16_offset(block_text, wrong.start), utf16_offset(block_text, wrong.end)
            if start <= column <= end:
                return wrong.word
        return None
