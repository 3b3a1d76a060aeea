"""Help ▸ Sources: the five articles Afterview's advice comes from, by title, with what each
contributed and the figures quoted from them (:mod:`afterview.domain.rules`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.rules import ARTICLES, TIPS
from afterview.ui.keyboard import name_scroll_area
from afterview.ui.rule_words import article_contribution, article_title, percent
from afterview.ui.widgets import plain_label


class SourcesDialog(QDialog):
    """Non-modal: it can stay open beside the step it explains."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcesDialog")
        self.setWindowTitle(self.tr("Sources of the advice"))
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "Afterview's steps follow five articles about what to do after a job "
                "interview. Where they disagree, the stricter deadline is the default and the "
                "other is a setting."
            ),
            self,
            "sourcesIntro",
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        body = QWidget()
        #: Each article's title label, by its number (a key of ARTICLES).
        self.titles: dict[str, QLabel] = {}
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        for number in ARTICLES:
            title = plain_label(article_title(number), body, f"article{number}")
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            title.setWordWrap(True)
            title.setAutoFillBackground(True)
            self.titles[number] = title
            column.addWidget(title)
            what = plain_label(article_contribution(number), body)
            what.setWordWrap(True)
            what.setIndent(12)
            column.addWidget(what)
            column.addSpacing(6)
        column.addWidget(self._figures(body))
        column.addStretch(1)
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setObjectName("sourcesScroll")
        # Text alone: the area stays a Tab stop so arrow keys scroll it, named and framed.
        name_scroll_area(scroll, self.tr("Sources of the advice"))
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def point_at(self, source: str | None) -> None:
        """Mark the article a step's "Why?" names (by its title, as the step shows it) and
        scroll to it; None marks none."""
        for number, label in self.titles.items():
            chosen = source is not None and article_title(number) == source
            label.setBackgroundRole(
                QPalette.ColorRole.Highlight if chosen else QPalette.ColorRole.Window
            )
            label.setForegroundRole(
                QPalette.ColorRole.HighlightedText if chosen else QPalette.ColorRole.WindowText
            )
            if chosen:
                self.scroll.ensureWidgetVisible(label, 0, 24)

    def _figures(self, parent: QWidget) -> QLabel:
        """The figures quoted as tips, each with the article it comes from."""
        by_number = {f.percent: f for figures in TIPS.values() for f in figures}
        sentences = (
            (22, self.tr("• %1 of employers are less likely to hire someone who sends no "
                         "thank-you note (CareerBuilder, in “%2”).")),
            (80, self.tr("• %1 of hiring managers find a thank-you note influential (“%2”).")),
            (57, self.tr("• Only %1 of candidates send one (CareerBuilder, in “%2”).")),
            (56, self.tr("• %1 of career advisers say a candidate who seems uninterested is "
                         "less likely to get an offer (Workopolis, in “%2”).")),
        )  # fmt: skip
        lines = [self.tr("Figures quoted as tips:")] + [
            text.replace("%1", percent(value)).replace(
                "%2", article_title(by_number[value].article)
            )
            for value, text in sentences
        ]
        label = plain_label("\n".join(lines), parent, "sourcesFigures")
        label.setWordWrap(True)
        label.setContentsMargins(0, 8, 0, 0)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


def show_sources(parent: QWidget, source: str | None = None) -> SourcesDialog:
    """Show the window's one Sources dialog (made on first use), raised, with ``source`` (an
    article's title, as a step's "Why?" names it) marked and in view."""
    window = parent.window()
    dialog = window.findChild(SourcesDialog, "sourcesDialog")
    if dialog is None:
        dialog = SourcesDialog(window)
    shown = dialog.isVisible()
    dialog.show()
    dialog.point_at(source)
    # A dialog shown now comes up on top; one already open behind the window is raised.
    if shown and QGuiApplication.platformName() != "offscreen":  # it cannot, and says so
        dialog.raise_()
        dialog.activateWindow()
    return dialog
