"""Squiggles under misspelt words as you type, and a tint on what a check points at."""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from afterview.domain.letter_checks import Speller


class SpellHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, speller: Speller) -> None:
        super().__init__(document)
        self.speller = speller
        self._misspelt = QTextCharFormat()
        self._misspelt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._misspelt.setUnderlineColor(QColor("#d0021b"))
        self._flagged = QTextCharFormat()
        self._flagged.setBackground(QColor("#fff1b8"))
        #: Document positions a failed check points at (names, titles, desperate phrases).
        self._spans: list[tuple[int, int]] = []

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
