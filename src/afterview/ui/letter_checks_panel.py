"""The checks panel: each check's verdict, what it found, and why it matters (the seed), in
the user's language (:mod:`afterview.ui.check_words`)."""

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
        self.setWordWrap(True)
        # The view sizes a wrapped item with a slightly different width than it paints it
        # with; eliding would then cut a check's last line to "…" above blank space.
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setIconSize(QSize(18, 18))
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setUniformItemSizes(False)
        self.setSpacing(3)
        self.results: list[CheckResult] = []

    def show_results(self, results: list[CheckResult]) -> None:
        self.results = list(results)
        self.clear()
        for result in results:
            item = QListWidgetItem(self.style().standardIcon(_ICONS[result.verdict]), "")
            why = check_words.reason(result)
            item.setText(f"{check_words.summary(result)}\n{why}")
            item.setToolTip(why)
            item.setData(KEY_ROLE, result.key)
            item.setData(VERDICT_ROLE, result.verdict.value)
            self.addItem(item)

    def verdicts(self) -> dict[str, Verdict]:
        return {r.key: r.verdict for r in self.results}
