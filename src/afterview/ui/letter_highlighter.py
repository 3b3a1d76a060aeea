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

    def set_flagged(self, spans: list[tuple[int, int]]) -> None:
        if spans != self._spans:
            self._spans = spans
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        block_start = self.currentBlock().position()
        block_end = block_start + len(text)
        for start, end in self._spans:
            if start < block_end and end > block_start:
                lo = max(start, block_start) - block_start
                hi = min(end, block_end) - block_start
                self.setFormat(lo, hi - lo, self._flagged)
        for wrong in self.speller.misspelled(text):
            fmt = QTextCharFormat(self.format(wrong.start))
            fmt.merge(self._misspelt)
            self.setFormat(wrong.start, wrong.end - wrong.start, fmt)

    def misspelt_at(self, block_text: str, column: int) -> str | None:
        for wrong in self.speller.misspelled(block_text):
            if wrong.start <= column <= wrong.end:
                return wrong.word
        return None
