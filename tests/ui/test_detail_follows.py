"""An open interview shows what another computer saved (tester's F2): when a change is heard
from elsewhere, the Process and Debrief tabs read the interview again, unless something
typed in them waits to be saved, which a reload never takes (its save asks instead)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from afterview.store.changes import Changes
from tests.ui.conftest import open_sample

# A conflict dialog nobody answers is closed and fails the test (instead of waiting).
from tests.ui.test_conflicts import answer, elsewhere, no_unexpected_dialog  # noqa: F401

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def test_the_open_interview_follows_a_save_made_elsewhere(qtbot: QtBot, data_dir: Path) -> None:
    _window, workspace = open_sample(qtbot, data_dir, NOW)
    interview_id = workspace.page.model.interview_id(0)
    assert interview_id is not None
    workspace.page.select(interview_id)
    detail = workspace.page.detail
    elsewhere(
        data_dir,
        f"store.interviews.update({interview_id}, {{'location': 'Room 4, Berlin'}})\n"
        f"store.interviews.save_debrief({interview_id}, {{'learned': 'They ship weekly'}})\n",
    )
    # What an ipc or NOTIFY message from the other process does.
    workspace.data.heard_from_elsewhere(Changes.everything())
    assert detail.process.location.text() == "Room 4, Berlin"
    assert detail.debrief.editors["learned"].toPlainText() == "They ship weekly"


def test_what_is_being_typed_is_never_replaced(qtbot: QtBot, data_dir: Path) -> None:
    _window, workspace = open_sample(qtbot, data_dir, NOW)
    interview_id = workspace.page.model.interview_id(0)
    assert interview_id is not None
    workspace.page.select(interview_id)
    process = workspace.page.detail.process
    process.location.selectAll()
    qtbot.keyClicks(process.location, "Typed here")  # waits for its save (as you type)
    elsewhere(data_dir, f"store.interviews.update({interview_id}, {{'location': 'Theirs'}})\n")
    workspace.data.heard_from_elsewhere(Changes.everything())
    assert process.location.text() == "Typed here"
    # Its save asks, and keeping it saves what was typed.
    seen = answer(lambda dialog: dialog.keep.click())
    process.save_now()
    assert seen["rows"] == [("Location", "Theirs", "Typed here")]
    assert workspace.store.interviews.get(interview_id).location == "Typed here"
