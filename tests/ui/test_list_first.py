"""When the user left the interview list (or Today) open, the window shows it before the store
has loaded (plain sqlite3, no SQLAlchemy), then attaches the rest to the same page."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store.operations import Store
from afterview.store.plain_reads import snapshots_to_read_first
from afterview.store.today import Group, TodaySource
from afterview.ui import today_page
from afterview.ui.main_window import INTERVIEWS, TODAY, MainWindow, window_settings


def _left_open(data_dir: Path, store: Store, page: int) -> Path:
    store.close()
    settings = window_settings(paths.resolve(data_dir))
    settings.setValue("window/page", page)
    settings.sync()
    return data_dir


@pytest.fixture
def list_left_open(data_dir: Path, store: Store) -> Path:
    """The sample database, closed, with the window last left on the interview list."""
    return _left_open(data_dir, store, INTERVIEWS)


@pytest.fixture
def today_left_open(data_dir: Path, store: Store) -> Path:
    """The sample database, closed, with the window last left on Today."""
    return _left_open(data_dir, store, TODAY)


def _window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    window = MainWindow(paths.resolve(data_dir))
    qtbot.addWidget(window)
    return window


def test_the_list_shows_before_the_store_and_keeps_its_place(
    qtbot: QtBot, list_left_open: Path
) -> None:
    window = _window(qtbot, list_left_open)
    window.show()
    window._start_loading()  # what the first paint does
    page = window.interviews_page
    assert window.workspace is None and page is not None  # the store is not open yet
    assert page.model.rowCount() == 4  # the sample interviews
    assert window.stack.currentWidget() is page
    page.table.selectRow(2)  # the user clicks a row meanwhile
    chosen = page.current_id()
    window.focus_filter()  # and presses Ctrl+F
    assert window.focusWidget() is page.filter
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        pass  # the store loads once the rows have painted
    assert window.workspace is not None
    assert window.workspace.page is page  # the same list, not rebuilt
    assert page.detail.interview_id == chosen  # the row chosen meanwhile is shown
    page.filter.setText("globex")  # filtering works on the list that came first
    assert page.model.rowCount() == 1
    assert page.splitter.count() == 2 and page.splitter.widget(1) is page.detail
    window.close()


@pytest.mark.sqlite_only
def test_a_file_that_needs_checking_loads_the_store_first(
    qtbot: QtBot, list_left_open: Path
) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # a process that died with the file open: a full check is due
    (list_left_open / "running" / f"{child.pid}-1").write_text("gone")
    window = _window(qtbot, list_left_open)
    window.show()
    window._start_loading()
    assert window.workspace is not None  # opened (and checked) before anything was read
    assert window.workspace.store._core.db.report.unclean_shutdown
    assert window.sidebar.currentRow() == INTERVIEWS
    assert window.interviews_page is window.workspace.page
    window.close()


PROBE = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from afterview import paths
from afterview.ui.main_window import MainWindow


class Painted(QObject):
    def eventFilter(self, watched, event):
        page = window.interviews_page
        today = window.today_page or (window.workspace and window.workspace.today)
        if event.type() != QEvent.Type.Paint:
            return False
        if page is not None and page.model.rowCount():
            what = "list"
        elif today is not None and today.cards:
            what = "today"
        else:
            return False
        heavy = sorted(m for m in ("sqlalchemy", "alembic") if m in sys.modules)
        print(what, "painted; loaded:", heavy or "none", flush=True)
        app.quit()
        return False

app = QApplication(sys.argv[:1])
window = MainWindow(paths.resolve(sys.argv[1]))
original = window.replace_page
def replace_page(row, page):
    original(row, page)
    if hasattr(page, "table"):
        page.table.viewport().installEventFilter(painted)
    if hasattr(page, "cards"):
        page.scroll.widget().installEventFilter(painted)
        page.scroll.viewport().installEventFilter(painted)
painted = Painted()
window.replace_page = replace_page
window.show()
app.exec()
"""


def test_the_list_paints_before_sqlalchemy_is_imported(list_left_open: Path) -> None:
    """A user's start, in its own process: SQLAlchemy's import (~0.3 s) comes after the rows."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(list_left_open)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == "list painted; loaded: none", result.stderr


def test_today_paints_before_sqlalchemy_is_imported(today_left_open: Path) -> None:
    """Today, the page most users see first, paints from the plain reader too."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(today_left_open)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == "today painted; loaded: none", result.stderr


def test_today_shows_before_the_store_and_the_store_keeps_it(
    qtbot: QtBot, today_left_open: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today paints its first cards from the plain reader; the cards below the fold follow
    once it has painted, in their places, and the store adopts the same page."""
    monkeypatch.setattr(today_page, "FIRST_CARDS", 3)
    first = snapshots_to_read_first(paths.resolve(today_left_open))  # the file or the server
    assert first is not None
    groups = TodaySource(first).groups(datetime.now(UTC))
    due = [item.step_id for group in Group for item in groups.get(group, [])]
    assert len(due) > 3  # the sample's steps are due, more than the first cards
    window = _window(qtbot, today_left_open)
    window.show()
    window._start_loading()  # what the first paint does
    page = window.today_page
    assert window.workspace is None and page is not None  # the store is not open yet
    assert [card.item.step_id for card in page.cards] == due[:3]
    assert window.stack.currentWidget() is page
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        pass  # the store loads once Today has painted
    assert window.workspace is not None
    assert window.workspace.today is page  # the same page, not rebuilt
    assert [card.item.step_id for card in page.cards] == due  # every card, in order
    body = page.scroll.widget()
    body.layout().activate()
    shown = [g for g in Group if groups.items.get(g)]
    edges = [body.findChild(QLabel, f"group-{g.name}").y() for g in shown] + [body.height()]
    for group, top, bottom in zip(shown, edges, edges[1:], strict=False):
        for item in groups[group]:  # every card under its own group's heading
            card = page.card(item.step_id)
            assert card is not None and top < card.mapTo(body, QPoint(0, 0)).y() < bottom
    page.cards[0].done_button.click()  # and it acts through the store
    assert page.card(due[0]) is None
    window.close()
