"""The Board page (issue 17 §2): one column per stage, a card per application.

A card moves by dragging it to another column, or from the keyboard: its "Move to…" menu
(the context menu key, Shift+F10 or Ctrl+M) and Ctrl+Shift+Right / Ctrl+Shift+Left to the next
or previous column. Either way the page decides: a move the latest round contradicts asks
first, Closed asks why (afterview.ui.close_dialog), and the write goes through the store's
operations, which re-plan. Edit ▸ Undo (Ctrl+Z) puts back the last move made here, as it
brings back the last delete on the other pages. Enter or a double-click edits a card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelectionModel, QLocale, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.applications import Outcome, Stage
from afterview.store.application_values import MovedApplication
from afterview.store.board_values import Card
from afterview.store.changes import Changes, Kind
from afterview.store.changes import Outcome as Done
from afterview.ui import assistive
from afterview.ui.board_column_view import ColumnView
from afterview.ui.board_model import (
    BoardColumnModel,
    contradicting_round,
    matches,
    merged,
    needle_words,
    round_words,
)
from afterview.ui.close_dialog import CloseDialog
from afterview.ui.data import DataAccess
from afterview.ui.filter_bar import FilterBar
from afterview.ui.icons import icon
from afterview.ui.stage_words import stage_label
from afterview.ui.widgets import ask, menu_text, plain_label
from afterview.ui.write_guard import writes

STAGES = tuple(Stage)


class BoardPage(QWidget):
    """The board on the store behind ``data``; ``clock`` gives now (aware UTC)."""

    def __init__(
        self, data: DataAccess, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.clock = clock
        self.setObjectName("boardPage")
        self.setAccessibleName(self.tr("Board"))
        self._cards: list[Card] = []
        self._moves: list[tuple[MovedApplication, Card]] = []
        #: The application this page is writing a move of (its one card is read again).
        self._moving: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        self.filter_bar = FilterBar(
            self.tr("Filter applications"),
            self.tr("Filter by company or position  (Ctrl+F)"),
            "board",
            self,
            with_status=False,
        )
        self.filter = self.filter_bar.filter
        self.filter.textChanged.connect(lambda _t: self._show_cards())
        top = QHBoxLayout()
        top.addWidget(self.filter_bar, 1)
        # An application with no interview yet (issue 17 §1); File ▸ New application's key.
        self.new_button = QPushButton(icon("add"), self.tr("New &application…"), self)
        self.new_button.setObjectName("boardNewApplication")
        self.new_button.setAccessibleName(self.tr("New application"))
        self.new_button.setToolTip(self.tr("New application (Ctrl+Shift+N)"))
        self.new_button.clicked.connect(lambda _checked=False: self.new_application())
        writes(self.new_button)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.models: dict[Stage, BoardColumnModel] = {}
        self.views: dict[Stage, ColumnView] = {}
        self.headers: dict[Stage, QLabel] = {}
        for stage in STAGES:
            model = BoardColumnModel(stage, clock, self)
            # Queued: the drag has ended before a question or the close dialog opens.
            model.dropped.connect(self._dropped, Qt.ConnectionType.QueuedConnection)
            column = QVBoxLayout()
            header = plain_label(stage_label(stage), self, f"boardHeader_{stage.value}")
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            view = ColumnView(model, self)
            view.setAccessibleName(stage_label(stage))
            view.customContextMenuRequested.connect(
                lambda point, v=view: self._context_menu(v, point)
            )
            view.installEventFilter(self)
            # Enter or a double-click on a card opens its editor (a click selects, a drag moves).
            view.activated.connect(lambda i, v=view: self.edit_card(v.column_model().card(i.row())))
            column.addWidget(header)
            column.addWidget(view, 1)
            row.addLayout(column, 1)
            self.models[stage], self.views[stage], self.headers[stage] = model, view, header
        layout.addLayout(row, 1)
        self.count = plain_label("", self, "boardCount")
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.count)
        self.status = plain_label("", self, "boardStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.move_action = self._action(self.tr("&Move to…"), "Ctrl+M", self._move_menu_here)
        self.next_action = self._action(
            self.tr("Move to the &next stage"), "Ctrl+Shift+Right", lambda: self._step(1)
        )
        self.previous_action = self._action(
            self.tr("Move to the &previous stage"), "Ctrl+Shift+Left", lambda: self._step(-1)
        )
        data.changed.connect(self._heard)

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        made = QAction(text, self)
        made.setShortcut(QKeySequence(keys))
        made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        made.triggered.connect(lambda _checked=False: slot())
        self.addAction(made)
        return made

    # --- reading -------------------------------------------------------------------------

    def load(self) -> None:
        """Read every card again and show those the filter lets through."""
        self._cards = self.data.store.board.cards(self.clock())
        self._show_cards()

    def _heard(self, changes: Changes) -> None:
        if changes.touches(Kind.APPLICATIONS, Kind.INTERVIEWS, Kind.STEPS) or changes.reorder:
            keep = self.current_card()
            if self._moving is None:
                self.load()
            else:  # our own move changed its one card (store.applications.replan_one)
                fresh = self.data.store.board.cards(self.clock(), [self._moving])
                self._cards = merged(self._cards, fresh, [self._moving])
                self._show_cards()
            if keep is not None:
                self.select(keep.id)

    def _show_cards(self) -> None:
        words = needle_words(self.filter.text())
        shown = [card for card in self._cards if matches(card, words)]
        for stage in STAGES:
            cards = [card for card in shown if card.stage is stage]
            self.models[stage].set_cards(cards)
            count = QLocale().toString(len(cards))
            self.headers[stage].setText(self.tr("{0} ({1})").format(stage_label(stage), count))
            self.views[stage].setAccessibleDescription(self.tr("%n application(s)", "", len(cards)))
        total = len(self._cards)
        if len(shown) == total:
            text = self.tr("%n application(s)", "", total)
        else:
            text = self.tr("{0} of %n application(s)", "", total).format(
                QLocale().toString(len(shown))
            )
        self.count.setText(text)

    def card(self, application_id: int) -> Card | None:
        return next((card for card in self._cards if card.id == application_id), None)

    def current_card(self) -> Card | None:
        """The card the keyboard is on (the focused column's current card, else the last
        column's that had one)."""
        for view in self._views_by_focus():
            index = view.currentIndex()
            if index.isValid():
                return view.column_model().card(index.row())
        return None

    def _views_by_focus(self) -> list[ColumnView]:
        views = list(self.views.values())
        focused = [v for v in views if v.hasFocus()]
        return focused + [v for v in views if v not in focused]

    def select(self, application_id: int) -> bool:
        """Make the card current in its column (and focus it when the board has focus)."""
        card = self.card(application_id)
        if card is None:
            return False
        view = self.views[card.stage]
        row = view.column_model().row_of(application_id)
        if row is None:
            return False
        index = view.model().index(row, 0)
        for other in self.views.values():
            if other is not view:
                other.selectionModel().clearCurrentIndex()
                other.clearSelection()
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        view.scrollTo(index)
        if self.isAncestorOf(self.focusWidget()):
            view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # --- moving --------------------------------------------------------------------------

    def _dropped(self, application_id: int, stage: str) -> None:
        self.move_card(application_id, Stage(stage))

    def move_card(self, application_id: int, stage: Stage) -> bool:
        """Move the application's card to ``stage``: asks first when its latest round says
        otherwise, asks why for Closed. True when it moved."""
        card = self.card(application_id)
        if card is None or card.stage is stage:
            return False
        store = self.data.store.applications
        if stage is Stage.CLOSED:
            dialog = CloseDialog(card, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            outcome, detail = dialog.values()
            self._show_at(card, stage, outcome, detail)
            moved = self._write_move(
                application_id,
                lambda: store.close(application_id, outcome, detail, expected_version=card.version),
            )
        else:
            against = contradicting_round(card, stage)
            if against is not None and not ask(
                self,
                self.tr("Move to {0}?").format(stage_label(stage)),
                self.tr(
                    "The latest round at {0}, {1}, says otherwise. Move {2} to {3} all the "
                    "same? The next change of a round moves it by the rounds again."
                ).format(card.company, round_words(against), card.position, stage_label(stage)),
            ):
                return False
            self._show_at(card, stage)
            moved = self._write_move(
                application_id,
                lambda: store.move(application_id, stage, expected_version=card.version),
            )
        if moved is None:
            self.load()  # the store refused (DataAccess said why): the card goes back
            return False
        self._moves.append((moved, card))
        # The write was heard already (DataAccess.changed, at once): the board is read again.
        self.select(application_id)
        self.views[stage].setFocus(Qt.FocusReason.OtherFocusReason)
        self._say(
            self.tr("Moved {0} ({1}) to {2}. Ctrl+Z puts it back.").format(
                card.company, card.position, stage_label(stage)
            )
        )
        return True

    def _write_move(
        self, application_id: int, command: Callable[[], Done[MovedApplication]]
    ) -> MovedApplication | None:
        self._moving = application_id
        try:
            return self.data.write(command)
        finally:
            self._moving = None

    def _show_at(
        self, card: Card, stage: Stage, outcome: Outcome | None = None, detail: str = ""
    ) -> None:
        """Show the card in its new column at once, painted, before the write (which
        re-plans and commits): the board reads the card stored again when the write is
        heard."""
        moved = replace(card, stage=stage, outcome=outcome, outcome_detail=detail)
        self._cards = [moved if c.id == card.id else c for c in self._cards]
        self._show_cards()
        self.select(card.id)
        self.views[stage].viewport().repaint()

    def can_undo(self) -> bool:
        return bool(self._moves)

    def undo_text(self) -> str:
        """Edit ▸ Undo's words while the board is shown: what it would put back."""
        if not self._moves:
            return self.tr("&Undo move")
        return self.tr("&Undo move of {0}").format(menu_text(self._moves[-1][1].company))

    def undo_delete(self) -> int | None:
        """Edit ▸ Undo on this page: put back the last move made here (its id, or None)."""
        if not self._moves:
            return None
        moved, card = self._moves.pop()
        self._moving = moved.application_id
        try:
            result = self.data.attempt(lambda: self.data.store.applications.undo_move(moved))
        finally:
            self._moving = None
        if result.value is None:
            self._say(str(result.error), error=True)
            return None
        self.select(moved.application_id)  # read again when the write was heard
        self._say(
            self.tr("Put back {0} ({1}) in {2}.").format(
                card.company, card.position, stage_label(moved.before.stage)
            )
        )
        return result.value

    def _step(self, direction: int) -> None:
        card = self.current_card()
        if card is None:
            return
        at = STAGES.index(card.stage) + direction
        if 0 <= at < len(STAGES):
            self.move_card(card.id, STAGES[at])

    def move_menu(self, card: Card) -> QMenu:
        """The "Move to…" menu of ``card``: every other stage, with its number key."""
        menu = QMenu(self.tr("Move to"), self)
        menu.setObjectName("moveMenu")
        menu.setAccessibleName(self.tr("Move {0} to").format(card.company))
        for number, stage in enumerate(STAGES, start=1):
            if stage is card.stage:
                continue
            text = self.tr("&{0} {1}").format(number, menu_text(stage_label(stage)))
            if stage is Stage.CLOSED:
                text = self.tr("&{0} {1}…").format(number, menu_text(stage_label(stage)))
            entry = menu.addAction(text)
            entry.setObjectName(f"moveTo_{stage.value}")
            entry.triggered.connect(lambda _checked=False, s=stage, i=card.id: self.move_card(i, s))
        return menu

    def _context_menu(self, view: ColumnView, point: QPoint) -> None:
        index = view.indexAt(point)
        if not index.isValid():
            index = view.currentIndex()
        card = view.column_model().card(index.row()) if index.isValid() else None
        if card is None:
            return
        view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Card"))
        edit = menu.addAction(self.tr("&Edit application…"))
        edit.setObjectName("editApplication")
        edit.triggered.connect(lambda _checked=False, c=card: self.edit_card(c))
        sub = self.move_menu(card)
        menu.addMenu(sub)
        for action in (self.next_action, self.previous_action):
            menu.addAction(action)
        menu.exec(view.viewport().mapToGlobal(point))

    def _move_menu_here(self) -> None:
        card = self.current_card()
        if card is None:
            return
        view = self.views[card.stage]
        rect = view.visualRect(view.currentIndex())
        self.move_menu(card).exec(view.viewport().mapToGlobal(rect.center()))

    def new_application(self) -> int | None:
        """Ask for a new application; its card is made current once saved (its id)."""
        from afterview.ui.application_saves import new_application

        if (made := new_application(self, self.data, self.clock())) is not None and made > 0:
            self.select(made)
        return made

    def edit_card(self, card: Card | None) -> bool:
        """Open the application's editor; True when the user saved it."""
        from afterview.ui.application_saves import edit_application

        return card is not None and edit_application(self, self.data, self.clock(), card.id)

    # --- keys --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Left and Right in a column go to the card at the same height in the next one."""
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(watched, ColumnView)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right)
        ):
            self._go_across(watched, -1 if event.key() == Qt.Key.Key_Left else 1)
            return True
        return super().eventFilter(watched, event)

    def _go_across(self, view: ColumnView, direction: int) -> None:
        at = STAGES.index(view.column_model().stage)
        row = max(view.currentIndex().row(), 0)
        others = STAGES[at + 1 :] if direction > 0 else STAGES[:at][::-1]
        for other in others:  # the next column that has a card
            target = self.views[other]
            count = target.model().rowCount()
            if count:
                target.setCurrentIndex(target.model().index(min(row, count - 1), 0))
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        assistive.announce(self.status, text, assertive=error)


__all__ = ["BoardPage", "ColumnView"]
