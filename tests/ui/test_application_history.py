"""The application's history in the interview's Process tab (issue 17 §3), on both backends:
every change of where the application stands, with its date, oldest first, and what moved
it; a status changed elsewhere shows at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.domain.applications import Cause, Event, Outcome, Stage, Standing
from afterview.ui.application_history import day_text
from afterview.ui.main_window import INTERVIEWS, MainWindow
from afterview.ui.workspace import Workspace

#: Monday 23 November 2026, 09:00 UTC.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _window(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, Workspace]:
    window = MainWindow(paths.resolve(data_dir), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1200, 900)
    window.show()
    qtbot.waitExposed(window)
    assert window.load()
    assert window.workspace is not None
    window.show_page(INTERVIEWS)
    return window, window.workspace


def _rows(workspace: Workspace) -> list[tuple[str, str]]:
    tree = workspace.page.detail.process.history.tree
    return [
        (tree.topLevelItem(n).text(1), tree.topLevelItem(n).text(2))
        for n in range(tree.topLevelItemCount())
    ]


def test_the_history_is_read_in_the_process_tab(qtbot: QtBot, data_dir: Path) -> None:
    _w, workspace = _window(qtbot, data_dir)
    store = workspace.store
    values = {"company": "Acme", "position": "Engineer", "round": "Onsite",
              "start": datetime(2026, 11, 24, 10, 0), "time_zone": "UTC"}  # fmt: skip
    interview = store.interviews.create(values, []).value
    workspace.page.model.reload()
    workspace.page.select(interview)
    history = workspace.page.detail.process.history
    qtbot.waitUntil(history.isVisible)
    assert history.tree.accessibleName() == "History of the application"
    # The application began as Applied; the round added moved it to Interviewing (the
    # issue's stage rule).
    assert _rows(workspace) == [
        ("Applied", "You added the application"),
        ("Interviewing", "A round was added or changed"),
    ]
    store.interviews.update(interview, {"status": "rejected"})
    qtbot.waitUntil(lambda: len(_rows(workspace)) == 3)
    assert _rows(workspace)[2] == ("Closed: Rejected after Onsite", "A round was added or changed")
    application = store.applications.of_interview(interview)
    assert application is not None
    store.applications.move(application.id, Stage.INTERVIEWING)
    store.applications.close(application.id, Outcome.WITHDREW, "Relocation <b>abroad</b>")
    qtbot.waitUntil(lambda: len(_rows(workspace)) == 5)
    assert _rows(workspace)[3:] == [
        ("Interviewing", "You moved it"),
        ("Closed: I withdrew: Relocation <b>abroad</b>", "You closed it"),
    ]
    # Each row has its date, in the locale's short format (a day and a time).
    tree = history.tree
    assert all(tree.topLevelItem(n).text(0) for n in range(tree.topLevelItemCount()))


def test_a_change_is_dated_as_every_date_of_the_window(
    use_locale: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the C locale (LANG=C.UTF-8) Qt's own short format wrote "1 12 2026 13:05" (a fresh
    tester's finding); the window's dates are ISO 8601 there, and the locale's elsewhere."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    at = datetime(2026, 12, 1, 13, 5, tzinfo=UTC)  # 14:05 in Berlin
    event = Event(at, Standing(Stage.APPLIED), Cause.CREATED)
    try:
        use_locale("C")
        assert day_text(event) == "2026-12-01 14:05"
        use_locale("de_DE")
        assert day_text(event) == "01.12.26 14:05"
    finally:
        monkeypatch.undo()
        time.tzset()
