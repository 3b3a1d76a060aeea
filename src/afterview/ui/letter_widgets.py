"""The letter editor's parts: the plain-text body with spelling suggestions, the
"Mark as sent" question, and the channel and paper choices (translated where shown)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, QPoint, Signal
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QTextEdit,
    QWidget,
)

from afterview.ui.letter_highlighter import SpellHighlighter

#: (label, value); the labels are translated where they are shown (context "LetterEditor").
CHANNELS = (
    (QT_TRANSLATE_NOOP("LetterEditor", "Email"), "email"),
    (QT_TRANSLATE_NOOP("LetterEditor", "Letter or card by post"), "letter"),
    (QT_TRANSLATE_NOOP("LetterEditor", "Phone"), "phone"),
)
#: The paper sizes, after a "Paper" label (the box's name for a screen reader).
PAPER = (
    (QT_TRANSLATE_NOOP("LetterEditor", "Automatic"), "auto"),
    (QT_TRANSLATE_NOOP("LetterEditor", "US Letter"), "letter"),
    (QT_TRANSLATE_NOOP("LetterEditor", "A4"), "a4"),
)


def tr_editor(text: object) -> str:
    """Translated in the letter editor's context."""
    return QCoreApplication.translate("LetterEditor", str(text))


class LetterTextEdit(QTextEdit):
    """Plain text only, with spelling suggestions on the context menu."""

    word_added = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        # A letter has no use for a tab character: Tab moves on, as everywhere else.
        self.setTabChangesFocus(True)
        self.setObjectName("letterBody")
        self.highlighter: SpellHighlighter | None = None

    def misspelt_word_at(self, position: QPoint) -> tuple[QTextCursor, str] | None:
        if self.highlighter is None:
            return None
        cursor = self.cursorForPosition(position)
        block = cursor.block()
        word = self.highlighter.misspelt_at(block.text(), cursor.positionInBlock())
        if word is None:
            return None
        column = cursor.positionInBlock()
        start = block.text().rfind(word, 0, column + 1)
        if start < 0:
            start = block.text().find(word)
        cursor.setPosition(block.position() + start)
        cursor.setPosition(block.position() + start + len(word), QTextCursor.MoveMode.KeepAnchor)
        return cursor, word

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        found = self.misspelt_word_at(event.pos())
        if found is not None and self.highlighter is not None:
            cursor, word = found
            first = menu.actions()[0] if menu.actions() else None
            suggestions = self.highlighter.speller.suggestions(word)
            for suggestion in suggestions:
                action = menu.addAction(suggestion)
                action.triggered.connect(lambda _=False, c=cursor, s=suggestion: c.insertText(s))
                if first is not None:
                    menu.insertAction(first, action)
            add = menu.addAction(self.tr("Add “{word}” to my word list").format(word=word))
            add.triggered.connect(lambda _=False, w=word: self.word_added.emit(w))
            if first is not None:
                menu.insertAction(first, add)
                menu.insertSeparator(first)
        menu.exec(event.globalPos())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Light to dark (or back): the check's tint picks colours readable on the new page.
        if event.type() == QEvent.Type.PaletteChange and self.highlighter is not None:
            self.highlighter.use_palette(self.palette())


class MarkSentDialog(QDialog):
    def __init__(self, channel: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark as sent"))
        form = QFormLayout(self)
        self.channel = QComboBox(self)
        for label, value in CHANNELS:
            self.channel.addItem(tr_editor(label), value)
        self.channel.setCurrentIndex(max(0, self.channel.findData(channel)))
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        form.addRow(self.tr("Sent by"), self.channel)
        form.addRow(self.tr("On"), self.day)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, date]:
        day = self.day.date().toPython()
        assert isinstance(day, date)
        return str(self.channel.currentData()), day


__all__ = ["CHANNELS", "PAPER", "LetterTextEdit", "MarkSentDialog"]
