"""800×600 logical pixels is the smallest supported window: every page, tab and dialog is laid
out at that size (with the sample data and with long, realistic names) and no button's words
are cut short, and no primary button (OK, Save, a default button) lies outside the window.

The stops are found by walking the window (tests/ui/tour.py), so a new page or dialog is
checked without editing this file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QStyle, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.ui.main_window import PAGES, MainWindow
from tests.ui.tour import Tour, fit_dialog, layout_problems, text_room

WIDTH, HEIGHT = 800, 600
NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)

#: Names as long as real ones get: a double-barrelled name, a company with its legal form, a
#: position with its team.
LONG = {
    "format": "afterview/1",
    "contacts": [
        {"key": "maria", "name": "Maria Fernanda Anders-Lindqvist", "title":
         "Director of Business Intelligence and Analytics", "company":
         "Northwind Traders International Logistics GmbH", "email":
         "maria.fernanda.anders-lindqvist@northwind-traders.example",
         "preferred_channel": "email"},
    ],
    "references": [
        {"key": "chris", "name": "Christopher Montgomery-Whitfield", "relationship":
         "former head of department at Contoso Pharmaceuticals", "email":
         "christopher.montgomery-whitfield@contoso.example", "permission_date": "2026-10-01"},
    ],
    "interviews": [
        {"key": "northwind", "company": "Northwind Traders International Logistics GmbH",
         "position": "Senior Business Intelligence Analyst, Customer Insights",
         "round": "Second round with the leadership team", "start": "2026-11-28T10:00",
         "time_zone": "Europe/Berlin", "format": "video", "location": "Microsoft Teams",
         "country": "DE", "status": "awaiting_decision",
         "people": [{"contact": "maria", "role": "hiring_manager"}],
         "references": ["chris"]},
    ],
}  # fmt: skip


def settle(widget: QWidget) -> None:
    """Pending layouts and deferred loads done: the event queue drained until the widget's
    size and its children's geometry stop changing."""
    app = QApplication.instance()
    assert app is not None
    last: list[Any] = []
    for _ in range(50):  # a bound, not a wait: each turn processes what is queued
        app.processEvents()
        shape = [(w.geometry(), w.isVisible()) for w in widget.findChildren(QWidget)]
        if shape == last:
            return
        last = shape


@pytest.fixture
def small_window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as store:
        store.data.import_document(interchange.parse_document(LONG))
    window = MainWindow(paths.resolve(data_dir), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    assert window.load() and window.workspace is not None
    window.workspace.add_sample()
    yield window
    if window.isVisible():
        window.close()


def walk(window: MainWindow) -> tuple[Tour, dict[str, list[str]]]:
    found: dict[str, list[str]] = {}

    def check(name: str, top: QWidget) -> None:
        problems = [] if top is window else fit_dialog(top, WIDTH, HEIGHT)
        settle(top)
        if top is window and (window.width(), window.height()) != (WIDTH, HEIGHT):
            problems.append(f"the window is {window.width()}×{window.height()}")
        problems += layout_problems(top)
        if problems:
            found[name] = problems

    tour = Tour(window, check, settle, prefer="Northwind")
    tour.pages(window.show_page, [name for _text, name in PAGES])
    return tour, found


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{name}: {problem}" for name, items in found.items() for problem in items)


def test_every_page_and_dialog_fits_800_by_600(small_window: MainWindow) -> None:
    tour, found = walk(small_window)
    assert not found, "At 800×600:\n" + report(found)
    # The walk found what it should: each page, each tab of the interview, the dialogs.
    expected = ("today", "interviews-process", "interviews-people", "interviews-steps",
                "contacts", "references", "dialog-new-interview", "dialog-settings",
                "dialog-interviews-people-edit-card",
                "dialog-references-add-to-interview")  # fmt: skip
    for stop in expected:
        assert stop in tour.visited, f"{stop} not visited; visited {tour.visited}"


def test_the_check_sees_a_cut_short_button_and_a_save_outside(qtbot: QtBot) -> None:
    """The checks themselves: a button narrower than its words, and a default button
    pushed past the window's edge, are both reported."""
    top = QWidget()
    qtbot.addWidget(top)
    top.resize(300, 200)
    narrow = QPushButton("Send the thank-you letter to every interviewer", top)
    narrow.setGeometry(10, 10, 80, 30)
    fine = QPushButton("OK", top)
    fine.setGeometry(10, 50, 120, 30)
    save = QPushButton("Save", top)
    save.setDefault(True)
    save.setGeometry(250, 170, 100, 30)
    tool = QToolButton(top)  # as Today's step buttons are made
    tool.setText("Snooze until tomorrow")
    tool.setIcon(top.style().standardIcon(QStyle.StandardPixmap.SP_DialogYesButton))
    tool.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tool.setGeometry(10, 90, 90, 30)
    wide = QToolButton(top)
    wide.setText("Done")
    wide.setIcon(tool.icon())
    wide.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    wide.resize(wide.sizeHint())
    wide.move(10, 130)
    top.show()
    qtbot.waitExposed(top)
    problems = sorted(layout_problems(top))
    assert len(problems) == 3, problems
    assert problems[0].startswith("QPushButton 'Save': primary button not wholly in the window")
    assert "'Send the thank-you letter to every interviewer': text needs" in problems[1]
    assert problems[2].startswith("QToolButton 'Snooze until tomorrow': text needs")
    width, _height = text_room(fine)
    assert 0 < width < 120
