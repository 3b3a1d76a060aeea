"""The checks panel ("Before it goes"): each check's verdict in words, what it found, and why
it matters (the seed), in the user's language (:mod:`afterview.ui.check_words`).

A screen reader reaches it by Tab (arrows move between the checks, Tab leaves) and hears
each check as "Needs attention: Sounds desperate: …": the verdict is in the words, not only
in the icon's shape and colour (WCAG 2.2, 1.1.1 and 1.4.1).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from afterview.domain.letter_checks import CheckResult, Verdict
from afterview.ui import check_words

_ICONS = {
    Verdict.PASS: QStyle.StandardPixmap.SP_DialogApplyButton,
    Verdict.WARN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Verdict.FAIL: QStyle.StandardPixmap.SP_MessageBoxCritical,
}
KEY_ROLE = Qt.ItemDataRole.UserRole
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 1


class ChecksPanel(QListWidget):
    """A list of plain-text items (QListWidget never reads item text as markup)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterChecks")
        self.setAccessibleName(self.tr("Before it goes"))
        self.setWordWrap(True)
        # The view sizes a wrapped item with a slightly different width than it paints it
        # with; eliding would then cut a check's last line to "…" above blank space.
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setIconSize(QSize(18, 18))
        # Read, not chosen: no selection, but a current item the arrows move, so the
        # keyboard and a screen reader can go from check to check.
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTabKeyNavigation(False)
        self.setUniformItemSizes(False)
        self.setSpacing(3)
        self.results: list[CheckResult] = []

    def show_results(self, results: list[CheckResult]) -> None:
        # The checks run again as the letter changes: the reader keeps their place.
        row = self.currentRow()
        self.results = list(results)
        self.clear()
        for result in results:
            item = QListWidgetItem(self.style().standardIcon(_ICONS[result.verdict]), "")
            why = check_words.reason(result)
            text = f"{check_words.line(result)}\n{why}"
            item.setText(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            item.setToolTip(why)
            item.setData(KEY_ROLE, result.key)
            item.setData(VERDICT_ROLE, result.verdict.value)
            self.addItem(item)
        if 0 <= row < self.count():
            self.setCurrentRow(row)

    def verdicts(self) -> dict[str, Verdict]:
        return {r.key: r.verdict for r in self.results}

    def focus_first_failing(self) -> None:
        """Put the keyboard on the first check that fails (the first check when none does):
        after "Go back" in "Send anyway?", the reader lands on what to fix."""
        rows = [row for row, r in enumerate(self.results) if r.verdict is Verdict.FAIL]
        if self.count():
            self.setCurrentRow(rows[0] if rows else 0)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
