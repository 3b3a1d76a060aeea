"""The Board (issue 17 §2): its columns and cards, moving a card by a drop and by the
keyboard, the question before a move the latest round contradicts, the close dialog for
Closed (§3), undo, and the filter the Interviews list shares."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.domain.applications import Outcome, Stage
from afterview.store.api import open_store
from afterview.store.operations import Store
from afterview.ui import board_page, close_dialog
from afterview.ui.board_model import MIME, BoardColumnModel
from afterview.ui.board_page import BoardPage
from afterview.ui.close_dialog import CloseDialog
from afterview.ui.data import DataAccess
from afterview.ui.main_window import BOARD, INTERVIEWS, MainWindow

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)


@pytest.fixture
def board_store(data_dir: Path) -> Iterator[Store]:
    """The sample (Acme awaiting a decision, Nordlys Data interviewed, Sakura KK scheduled)
    and two applications of the user's own with no interview yet."""
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as store:
        store.data.add_sample()
        for company, position in (("Fabrikam", "Platform Engineer"), ("Tailspin", "Analyst")):
            store.applications.create({"company": company, "position": position})
        yield store


@pytest.fixture
def page(qtbot: QtBot, board_store: Store) -> BoardPage:
    shown = BoardPage(DataAccess(board_store), lambda: NOW)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.load()
    shown.show()
    return shown


def app_id(store: Store, company: str) -> int:
    return next(a.id for a in store.applications.items() if a.company == company)


def companies(page: BoardPage, stage: Stage) -> list[str]:
    model = page.models[stage]
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def drop(page: BoardPage, company: str, stage: Stage) -> None:
    """As a view does at the end of a drag: the dragged card's data dropped on a column."""
    source = next(m for m in page.models.values() if company in companies(page, m.stage))
    row = companies(page, source.stage).index(company)
    mime = source.mimeData([source.index(row, 0)])
    page.models[stage].dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())


def test_every_column_model_passes_the_model_tester(qtmodeltester: Any, page: BoardPage) -> None:
    for model in page.models.values():
        qtmodeltester.check(model, force_py=True)


def test_each_application_is_a_card_in_its_stage_column(page: BoardPage) -> None:
    assert companies(page, Stage.APPLIED) == ["Fabrikam", "Tailspin"]
    assert companies(page, Stage.INTERVIEWING) == ["Sakura KK"]
    assert companies(page, Stage.AWAITING_DECISION) == ["Acme", "Nordlys Data"]
    assert companies(page, Stage.OFFER) == []
    assert companies(page, Stage.CLOSED) == []
    assert page.headers[Stage.APPLIED].text() == "Applied (2)"


def test_a_card_says_its_next_step_when_it_is_due_and_how_quiet_it_is(
    qtbot: QtBot, data_dir: Path
) -> None:
    made = NOW - timedelta(days=12)
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: made) as store:
        store.applications.create(
            {"company": "Fabrikam", "position": "Engineer", "applied_on": made.date()}
        )
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as store:
        page = BoardPage(DataAccess(store), lambda: NOW)
        qtbot.addWidget(page)
        page.load()
        words = page.models[Stage.APPLIED].words(0)
    assert (words.company, words.position) == ("Fabrikam", "Engineer")
    # The application's one follow-up, 10 days after applying (the setting's default),
    # moved into working hours: due two days ago.
    assert words.next_step.startswith("Next: ")
    assert words.due.startswith("Due ")
    assert words.quiet == "Quiet for 12 days"
    sentence = page.models[Stage.APPLIED].index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert sentence.startswith("Fabrikam. Engineer. Next: ")


def test_dropping_a_card_on_another_column_moves_it_and_undo_puts_it_back(
    qtbot: QtBot, page: BoardPage, board_store: Store
) -> None:
    fabrikam = app_id(board_store, "Fabrikam")
    drop(page, "Fabrikam", Stage.INTERVIEWING)
    qtbot.waitUntil(lambda: "Fabrikam" in companies(page, Stage.INTERVIEWING))
    assert board_store.applications.get(fabrikam).stage is Stage.INTERVIEWING
    assert "Fabrikam" not in companies(page, Stage.APPLIED)
    assert page.can_undo()
    page.undo_delete()
    assert board_store.applications.get(fabrikam).stage is Stage.APPLIED
    assert companies(page, Stage.APPLIED) == ["Fabrikam", "Tailspin"]
    assert not page.can_undo()


def test_a_drop_on_its_own_column_or_of_foreign_data_does_nothing(
    page: BoardPage, board_store: Store
) -> None:
    model = page.models[Stage.APPLIED]
    own = model.mimeData([model.index(0, 0)])
    assert not model.canDropMimeData(own, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    foreign = QMimeData()
    foreign.setText("Fabrikam")
    offer = page.models[Stage.OFFER]
    assert not offer.canDropMimeData(foreign, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert not offer.dropMimeData(foreign, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert own.hasFormat(MIME)


def test_a_move_the_latest_round_contradicts_asks_first(
    qtbot: QtBot, page: BoardPage, board_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer = [False]

    def ask(_parent: object, title: str, text: str) -> bool:
        asked.append(f"{title} {text}")
        return answer[0]

    monkeypatch.setattr(board_page, "ask", ask)
    acme = app_id(board_store, "Acme")
    assert not page.move_card(acme, Stage.OFFER)  # Acme's round awaits a decision
    assert len(asked) == 1 and "Awaiting decision" in asked[0] and "Acme" in asked[0]
    assert board_store.applications.get(acme).stage is Stage.AWAITING_DECISION
    answer[0] = True
    assert page.move_card(acme, Stage.OFFER)
    assert board_store.applications.get(acme).stage is Stage.OFFER
    asked.clear()
    # Fabrikam has no round: nothing to contradict, nothing asked.
    assert page.move_card(app_id(board_store, "Fabrikam"), Stage.OFFER)
    assert asked == []


def test_closing_asks_why_with_the_close_dialog(
    page: BoardPage, board_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[CloseDialog] = []

    def choose(dialog: CloseDialog) -> int:
        seen.append(dialog)
        assert not dialog.ok.isEnabled()  # Nordlys Data's round says nothing yet
        dialog.buttons[Outcome.REJECTED].setChecked(True)
        assert dialog.after_round.isEnabled() and not dialog.why.isEnabled()
        dialog.after_round.setEditText("Technical interview")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(CloseDialog, "exec", choose)
    nordlys = app_id(board_store, "Nordlys Data")
    assert page.move_card(nordlys, Stage.CLOSED)
    closed = board_store.applications.get(nordlys)
    assert (closed.stage, closed.outcome) == (Stage.CLOSED, Outcome.REJECTED)
    assert closed.outcome_detail == "Technical interview"
    words = page.models[Stage.CLOSED].words(0)
    assert words.next_step == "Rejected after Technical interview"
    page.undo_delete()
    assert board_store.applications.get(nordlys).stage is Stage.AWAITING_DECISION


def test_cancelling_the_close_dialog_leaves_the_card(
    page: BoardPage, board_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CloseDialog, "exec", lambda dialog: 0)
    tailspin = app_id(board_store, "Tailspin")
    assert not page.move_card(tailspin, Stage.CLOSED)
    assert board_store.applications.get(tailspin).stage is Stage.APPLIED
    assert not page.can_undo()


def test_an_offer_accepted_where_no_offer_is_recorded_asks_first(
    page: BoardPage, board_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tailspin has no round, so no offer: "offer accepted" asks before it closes (a fresh
    tester's finding), and No keeps the dialog open with nothing saved."""
    asked: list[str] = []
    answers = [False, True]

    def ask(_parent: object, title: str, text: str) -> bool:
        asked.append(f"{title} {text}")
        return answers[len(asked) - 1]

    def choose(dialog: CloseDialog) -> int:
        dialog.buttons[Outcome.OFFER_ACCEPTED].setChecked(True)
        dialog.accept()  # No: the dialog stays
        assert dialog.result() != QDialog.DialogCode.Accepted
        dialog.accept()  # Yes
        return int(dialog.result())

    monkeypatch.setattr(close_dialog, "ask", ask)
    monkeypatch.setattr(CloseDialog, "exec", choose)
    tailspin = app_id(board_store, "Tailspin")
    assert page.move_card(tailspin, Stage.CLOSED)
    assert len(asked) == 2 and "No round of Tailspin" in asked[0]
    assert board_store.applications.get(tailspin).outcome is Outcome.OFFER_ACCEPTED
    # Once at Offer (moved there by hand), declining it asks nothing.
    asked.clear()
    fabrikam = app_id(board_store, "Fabrikam")
    assert page.move_card(fabrikam, Stage.OFFER)

    def decline(dialog: CloseDialog) -> int:
        dialog.buttons[Outcome.OFFER_DECLINED].setChecked(True)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(CloseDialog, "exec", decline)
    assert page.move_card(fabrikam, Stage.CLOSED)
    assert asked == []
    assert board_store.applications.get(fabrikam).outcome is Outcome.OFFER_DECLINED


def test_the_close_dialog_asks_why_for_a_withdrawal_only(qtbot: QtBot, page: BoardPage) -> None:
    card = page.models[Stage.APPLIED].card(0)
    assert card is not None
    dialog = CloseDialog(card, page)
    qtbot.addWidget(dialog)
    assert [b.text() for b in dialog.buttons.values()] == [
        "Rejected", "I withdrew", "Offer accepted", "Offer declined", "Position closed",
        "Cancelled by the employer", "No response",
    ]  # fmt: skip
    dialog.buttons[Outcome.WITHDREW].setChecked(True)
    assert dialog.why.isEnabled() and not dialog.after_round.isEnabled()
    dialog.why.setText("  moved abroad ")
    assert dialog.values() == (Outcome.WITHDREW, "moved abroad")
    dialog.buttons[Outcome.NO_RESPONSE].setChecked(True)
    assert dialog.values() == (Outcome.NO_RESPONSE, "")


def test_the_keyboard_moves_a_card_to_the_next_column_and_back(
    qtbot: QtBot, page: BoardPage, board_store: Store
) -> None:
    page.activateWindow()
    view = page.views[Stage.APPLIED]
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.setCurrentIndex(view.model().index(1, 0))  # Tailspin
    QTest.keyClick(
        view,
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    tailspin = app_id(board_store, "Tailspin")
    assert board_store.applications.get(tailspin).stage is Stage.INTERVIEWING
    moved_to = page.views[Stage.INTERVIEWING]
    assert moved_to.hasFocus()
    assert page.current_card() is not None and page.current_card().id == tailspin  # type: ignore[union-attr]
    QTest.keyClick(
        moved_to,
        Qt.Key.Key_Left,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert board_store.applications.get(tailspin).stage is Stage.APPLIED


def test_left_and_right_go_across_the_columns(qtbot: QtBot, page: BoardPage) -> None:
    page.activateWindow()
    view = page.views[Stage.APPLIED]
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert page.views[Stage.INTERVIEWING].hasFocus()
    QTest.keyClick(page.views[Stage.INTERVIEWING], Qt.Key.Key_Right)
    assert page.current_card().company == "Acme"  # type: ignore[union-attr]
    QTest.keyClick(page.views[Stage.AWAITING_DECISION], Qt.Key.Key_Left)
    assert page.views[Stage.INTERVIEWING].hasFocus()


def test_the_move_to_menu_names_every_other_stage_and_moves(
    page: BoardPage, board_store: Store
) -> None:
    card = page.models[Stage.APPLIED].card(0)
    assert card is not None
    menu = page.move_menu(card)
    entries = [a.text() for a in menu.actions()]
    assert entries == ["&2 Interviewing", "&3 Awaiting decision", "&4 Offer", "&5 Closed…"]
    assert menu.accessibleName() == "Move Fabrikam to"
    assert page.move_action.shortcut().toString() == "Ctrl+M"
    next(a for a in menu.actions() if "Interviewing" in a.text()).trigger()
    assert board_store.applications.get(card.id).stage is Stage.INTERVIEWING


def test_the_columns_are_named_for_a_screen_reader(page: BoardPage) -> None:
    names = [view.accessibleName() for view in page.views.values()]
    assert names == ["Applied", "Interviewing", "Awaiting decision", "Offer", "Closed"]
    assert page.views[Stage.APPLIED].accessibleDescription() == "2 applications"
    assert page.filter.accessibleName() == "Filter applications"


@pytest.fixture
def board_window(sample_window: MainWindow) -> MainWindow:
    sample_window.show_page(BOARD)
    return sample_window


def test_the_board_is_a_page_of_the_window_with_the_list_s_filter(
    qtbot: QtBot, board_window: MainWindow
) -> None:
    page = board_window.pages[BOARD]
    assert isinstance(page, BoardPage)
    assert board_window.stack.currentWidget() is page
    workspace = board_window.workspace
    assert workspace is not None
    board_window.activateWindow()
    board_window.find_action.trigger()  # Ctrl+F: the board's own field, on the board
    qtbot.waitUntil(page.filter.hasFocus)
    assert board_window.stack.currentWidget() is page
    workspace.page.filter.setText("acme")
    assert page.filter.text() == "acme"
    assert [companies(page, s) for s in Stage] == [[], [], ["Acme"], [], []]
    page.filter.setText("sakura")
    assert workspace.page.filter.text() == "sakura"
    board_window.show_page(INTERVIEWS)
    assert workspace.page.model.rowCount() == 1


def test_edit_undo_on_the_board_puts_the_move_back(
    qtbot: QtBot, board_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = board_window.pages[BOARD]
    assert isinstance(page, BoardPage)
    monkeypatch.setattr(board_page, "ask", lambda *_: True)
    store = page.data.store
    sakura = app_id(store, "Sakura KK")
    assert board_window.undo_action.text() == "&Undo move"
    assert page.move_card(sakura, Stage.OFFER)
    qtbot.waitUntil(board_window.undo_action.isEnabled)
    assert board_window.undo_action.text() == "&Undo move of Sakura KK"
    board_window.undo_action.trigger()
    assert store.applications.get(sakura).stage is Stage.INTERVIEWING
    assert "Sakura KK" in companies(page, Stage.INTERVIEWING)
    board_window.show_page(INTERVIEWS)  # the delete's words again on the list
    assert board_window.undo_action.text() == "&Undo delete"


def test_a_write_elsewhere_is_shown_on_the_board(board_window: MainWindow) -> None:
    page = board_window.pages[BOARD]
    assert isinstance(page, BoardPage)
    workspace = board_window.workspace
    assert workspace is not None
    workspace.data.write(
        lambda: workspace.store.applications.create({"company": "Woodgrove", "position": "QA"})
    )
    assert "Woodgrove" in companies(page, Stage.APPLIED)


def test_the_column_model_ignores_an_ignore_action(page: BoardPage) -> None:
    model: BoardColumnModel = page.models[Stage.OFFER]
    assert model.dropMimeData(QMimeData(), Qt.DropAction.IgnoreAction, -1, -1, QModelIndex())
