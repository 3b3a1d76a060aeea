"""A list that gets keyboard focus with nothing chosen chooses its first row.

Qt makes the first row current, unselected, when a view with no current index gets focus
(QAbstractItemView.focusInEvent): a screen reader hears a row that nothing acts on, and Down
then selects the second, so the first is skipped (issue 15, seen in Interviews and Contacts).
:func:`choose_first_row_on_focus` selects that row instead, as a click would, so a page
that shows the chosen record shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTreeView


class _FirstRow(QObject):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(event, QFocusEvent)
            and event.reason() != Qt.FocusReason.MouseFocusReason  # the click chooses
        ):
            # After the focus change is done: a page that shows the chosen record may
            # rebuild widgets, which must not happen inside the focus event.
            QTimer.singleShot(0, self, self._choose)
        return False

    def _choose(self) -> None:
        if self.view.hasFocus():
            choose_current_row(self.view)


def _first_column(view: QAbstractItemView) -> int:
    model = view.model()
    for column in range(model.columnCount()):
        if not (isinstance(view, QTableView | QTreeView) and view.isColumnHidden(column)):
            return column
    return 0


def choose_current_row(view: QAbstractItemView) -> None:
    """Select the current row of ``view`` (the first when none is current) when nothing is
    selected; nothing when the list is empty or a row is already chosen."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or model.rowCount() == 0 or selection.hasSelection():
        return
    current = view.currentIndex()
    if not current.isValid():
        current = model.index(0, _first_column(view))
    flags = selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
    selection.setCurrentIndex(current, flags)


def choose_first_row_on_focus(*views: QAbstractItemView) -> None:
    """Each of ``views``, given keyboard focus with no row chosen, chooses one."""
    for view in views:
        view.installEventFilter(_FirstRow(view))


__all__ = ["choose_current_row", "choose_first_row_on_focus"]
