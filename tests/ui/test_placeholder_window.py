"""The window `make run` opens: it paints first, then says calmly what is due."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store import interchange
from afterview.store.database import open_database
from afterview.ui.app import PlaceholderWindow


def test_empty_data_says_nothing_is_due(qtbot: QtBot, data_dir: Path) -> None:
    window = PlaceholderWindow(paths.resolve(data_dir))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.summary.text() == "Opening your follow-ups…"
    window.load()
    assert window.summary.text() == "Nothing is due. Enjoy your day."
    assert str(data_dir) in window.where.text()


def test_due_steps_are_listed_as_plain_text(
    qtbot: QtBot, data_dir: Path, sample_document: dict[str, Any]
) -> None:
    from datetime import UTC, datetime

    with open_database(paths.resolve(data_dir)) as db, db.write() as session:
        doc = interchange.parse_document(json.loads(json.dumps(sample_document)))
        interchange.import_document(session, doc, datetime(2026, 11, 22, tzinfo=UTC))
    window = PlaceholderWindow(paths.resolve(data_dir))
    qtbot.addWidget(window)
    window.load()
    assert "follow-up steps are due" in window.summary.text()
    # A company called "A&B <Labs>" shows as typed, not as markup.
    assert "A&B <Labs>" in window.details.text()
    assert window.details.textFormat().name == "PlainText"


def test_a_database_from_a_newer_version_is_reported(
    qtbot: QtBot, data_dir: Path, monkeypatch: Any
) -> None:
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    where = paths.resolve(data_dir)
    open_database(where).close()
    with sqlite3.connect(where.database) as raw:
        raw.execute("PRAGMA user_version = 50")
    raw.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    window = PlaceholderWindow(where)
    qtbot.addWidget(window)
    window.load()
    assert window.summary.text() == "Afterview could not open your data."
    assert shown and "newer Afterview" in shown[0]
