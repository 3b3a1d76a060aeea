"""A move on the board reads its one card again, not every card (issue 17 §2: "it stays
fluid at 2,000 applications"): the columns the move did not touch keep their rows, and what
the card shows after the save is the stored card. A write from anywhere else still reads the
whole board. The window's Today, hidden, is read when next shown, not on the move."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.domain.applications import Stage
from afterview.store.api import open_store
from afterview.store.board_values import Card
from afterview.store.operations import Store
from afterview.ui import board_page
from afterview.ui.board_model import merged
from afterview.ui.board_page import BoardPage
from afterview.ui.data import DataAccess
from afterview.ui.main_window import BOARD, INTERVIEWS, TODAY, MainWindow

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as opened:
        for company in ("Fabrikam", "Tailspin", "Contoso"):
            opened.applications.create({"company": company, "position": "Engineer"})
        opened.data.add_sample()
        yield opened


@pytest.fixture
def page(qtbot: QtBot, store: Store) -> BoardPage:
    shown = BoardPage(DataAccess(store), lambda: NOW)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.load()
    shown.show()
    return shown


class Reads:
    """Counts the board's reads of the store, and which cards each asked for."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[list[int] | None] = []
        real = store.board.cards

        def counted(now: datetime | None = None, only: list[int] | None = None) -> list[Card]:
            self.asked.append(None if only is None else list(only))
            return real(now, only)

        monkeypatch.setattr(store.board, "cards", counted)


def _id(store: Store, company: str) -> int:
    return next(a.id for a in store.applications.items() if a.company == company)


def _drop(page: BoardPage, application_id: int, stage: Stage) -> None:
    card = page.card(application_id)
    assert card is not None
    source = page.models[card.stage]
    row = source.row_of(application_id)
    assert row is not None
    mime = source.mimeData([source.index(row, 0)])
    page.models[stage].dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())


def test_a_drop_reads_its_one_card_and_leaves_the_other_columns(
    qtbot: QtBot, page: BoardPage, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tailspin = _id(store, "Tailspin")
    reads = Reads(store, monkeypatch)
    reset: list[Stage] = []
    for stage, model in page.models.items():
        model.modelReset.connect(lambda s=stage: reset.append(s))
    before = page.card(tailspin)
    assert before is not None
    _drop(page, tailspin, Stage.OFFER)
    qtbot.waitUntil(page.can_undo)
    assert reads.asked == [[tailspin]]
    # Shown at once (before the write), then once more with the saved card.
    assert set(reset) == {Stage.APPLIED, Stage.OFFER}
    shown = page.card(tailspin)
    assert shown is not None and shown.stage is Stage.OFFER
    assert shown.version > before.version  # the stored card, read again
    assert [page.models[Stage.OFFER].card(r) for r in range(1)] == [shown]
    assert page.card(tailspin) == store.board.cards(NOW, [tailspin])[0]
    assert [page.models[Stage.APPLIED].card(r).company for r in range(2)] == [  # type: ignore[union-attr]
        "Fabrikam",
        "Contoso",
    ]
    # The whole board read again has the same cards as the page holds.
    whole = store.board.cards(NOW)
    assert [page.card(c.id) for c in whole] == whole
    reads.asked.clear()
    assert page.undo_delete() == tailspin
    assert reads.asked == [[tailspin]]
    assert page.card(tailspin) == store.board.cards(NOW, [tailspin])[0]
    assert page.card(tailspin).stage is Stage.APPLIED  # type: ignore[union-attr]


def test_a_write_elsewhere_reads_the_whole_board(
    page: BoardPage, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = Reads(store, monkeypatch)
    store.applications.move(_id(store, "Contoso"), Stage.INTERVIEWING)
    assert reads.asked == [None]
    assert page.card(_id(store, "Contoso")).stage is Stage.INTERVIEWING  # type: ignore[union-attr]


def test_merged_replaces_the_cards_read_again_and_keeps_the_others() -> None:
    def card(number: int, stage: Stage = Stage.APPLIED) -> Card:
        return Card(number, f"C{number}", "P", stage, None, "", 1, False)

    cards = [card(1), card(2), card(3)]
    fresh = card(2, Stage.OFFER)
    out = merged(cards, [fresh], [2])
    assert out == [cards[0], fresh, cards[2]]
    assert out[0] is cards[0] and out[2] is cards[2]
    assert merged(cards, [], [2]) == [cards[0], cards[2]]  # deleted meanwhile
    assert merged(cards, [card(4)], [4]) == [*cards, card(4)]  # made meanwhile, by id


def test_a_move_on_the_board_leaves_today_to_be_read_when_shown(
    sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's step cards take a second at thousands of steps: a write while another page is
    shown marks Today to be read again, and showing it reads it (once)."""
    workspace = sample_window.workspace
    assert workspace is not None
    sample_window.show_page(BOARD)
    page = sample_window.pages[BOARD]
    assert isinstance(page, BoardPage)
    loads: list[object] = []
    real = workspace.today.load
    monkeypatch.setattr(workspace.today, "load", lambda *a: (loads.append(a), real(*a)))
    monkeypatch.setattr(board_page, "ask", lambda *_: True)  # Offer while a round is to come
    column = page.models[Stage.INTERVIEWING]
    cards = [column.card(row) for row in range(column.rowCount())]
    sakura = next(c.id for c in cards if c is not None and c.company == "Sakura KK")
    assert page.move_card(sakura, Stage.OFFER)
    assert loads == []
    sample_window.show_page(TODAY)
    assert len(loads) == 1
    sample_window.show_page(INTERVIEWS)
    sample_window.show_page(TODAY)
    assert len(loads) == 1  # nothing changed since
    workspace.data.write(lambda: workspace.store.applications.move(sakura, Stage.INTERVIEWING))
    assert len(loads) == 2  # shown: read at once
