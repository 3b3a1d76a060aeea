"""Settings → Calendar file: choose a folder, the file appears and follows the steps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.interop.ics_sync import SYNC_FILE_NAME
from afterview.store import interchange
from afterview.store.database import Database, open_database
from afterview.ui.ics_sync import CalendarFileSettings

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


def test_choose_update_stop(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    widget = CalendarFileSettings(db)
    qtbot.addWidget(widget)
    assert widget.state.text() == "No calendar file is kept."
    assert not widget.update_button.isEnabled()
    folder = tmp_path / "cal"
    folder.mkdir()
    with qtbot.waitSignal(widget.changed):
        assert widget.choose(folder)
    target = folder / SYNC_FILE_NAME
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert widget.state.text() == f"Kept up to date: {target}\nWritten just now."
    target.unlink()
    widget.update_now()
    assert target.exists()
    assert not widget.choose(tmp_path / "missing")
    assert "Not changed:" in widget.state.text() and "is not a folder" in widget.state.text()
    assert widget.choose(None)
    assert widget.state.text() == "No calendar file is kept."
