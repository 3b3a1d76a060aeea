"""The server goes away while the window is open (issue 16 §5): what is typed is kept in
the editor, the banner says the server cannot be reached and retries with backoff, "Retry
now" tries at once, and once the server is back the text is saved. A real server of the
test's own (tests/pg_cluster.py), stopped and started again: not the session's, which
other tests share."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from afterview.paths import ENV_DATABASE
from afterview.ui.main_window import MainWindow
from afterview.ui.workspace import Workspace
from tests.pg_cluster import Cluster
from tests.ui.conftest import open_sample
from tests.ui.test_conflicts import answer, elsewhere

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
OFFLINE_ADVICE = (
    "the database server cannot be reached (is the network up, and the server running?). "
    "Afterview keeps what you typed and tries again."
)


@pytest.fixture
def own_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cluster]:
    cluster = Cluster.start(tmp_path / "pg")
    try:
        cluster.create_database("away")
        monkeypatch.setenv("AFTERVIEW_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.setenv(ENV_DATABASE, cluster.uri("away"))
        yield cluster
    finally:
        cluster.stop()


def _window(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, Workspace]:
    window, workspace = open_sample(qtbot, tmp_path / "data", NOW)
    assert workspace.store._core.db.server is not None  # on the server, not a file
    return window, workspace


def test_typed_text_waits_while_the_server_is_away_and_is_saved_when_it_is_back(
    qtbot: QtBot, tmp_path: Path, own_server: Cluster
) -> None:
    window, workspace = _window(qtbot, tmp_path)
    interview_id = workspace.page.model.interview_id(0)
    assert interview_id is not None
    workspace.page.select(interview_id)
    process = workspace.page.detail.process
    debrief = workspace.page.detail.debrief
    data = workspace.data
    before = workspace.store.interviews.get(interview_id)

    own_server.down()
    try:
        process.company.selectAll()
        qtbot.keyClicks(process.company, "Typed while away")
        process.save_now()
        debrief.editors["to_improve"].setPlainText("Slower answers.")
        debrief.save_now()

        assert process.company.text() == "Typed while away"
        assert debrief.editors["to_improve"].toPlainText() == "Slower answers."
        assert process.error.text() == f"Not saved yet: {OFFLINE_ADVICE}"
        banner = workspace.banner
        assert banner.isVisible()
        assert banner.text.text() == f"Your change is not saved yet: {OFFLINE_ADVICE}"
        assert len(data.unsaved) == 2 and data.retry_timer.isActive()
        assert data.retry_timer.interval() == 2_000

        # Each try that fails waits longer; "Retry now" tries at once and fails as well.
        waits = []
        for _ in range(3):
            data.retry_timer.start(0)
            qtbot.waitUntil(lambda: data.retry_timer.interval() != 0)
            waits.append(data.retry_timer.interval())
        assert waits == [4_000, 8_000, 16_000]
        qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
        assert window.statusBar().currentMessage() == "Still cannot save."
        assert len(data.unsaved) == 2 and banner.isVisible()
        assert process.company.text() == "Typed while away"  # nothing typed is lost
    finally:
        own_server.up()

    qtbot.mouseClick(workspace.banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not data.unsaved)
    stored = workspace.store.interviews.get(interview_id)
    assert stored.company == "Typed while away"
    assert stored.debrief.to_improve == "Slower answers."
    assert stored.position == before.position
    assert not workspace.banner.isVisible()
    assert window.statusBar().currentMessage() == "Saved."
    assert process.company.text() == "Typed while away"
    # The versions the tabs hold are the saved ones: typing on saves with no conflict.
    qtbot.keyClicks(process.company, "!")
    process.save_now()
    assert workspace.store.interviews.get(interview_id).company == "Typed while away!"
    window.close()


def test_a_kept_change_that_meets_another_computers_save_asks_on_the_next_save(
    qtbot: QtBot, tmp_path: Path, own_server: Cluster
) -> None:
    window, workspace = _window(qtbot, tmp_path)
    interview_id = workspace.page.model.interview_id(0)
    assert interview_id is not None
    workspace.page.select(interview_id)
    process = workspace.page.detail.process
    data = workspace.data

    own_server.down()
    try:
        process.round.selectAll()
        qtbot.keyClicks(process.round, "Mine, typed while away")
        process.save_now()
        assert len(data.unsaved) == 1
    finally:
        own_server.up()
    # Meanwhile another computer, which could reach the server, saved the same field.
    elsewhere(
        tmp_path / "data", f"store.interviews.update({interview_id}, {{'round': 'Theirs'}})\n"
    )

    seen = answer(lambda dialog: dialog.keep.click())
    qtbot.mouseClick(workspace.banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "rows" in seen)
    assert seen["rows"] == [("Round", "Theirs", "Mine, typed while away")]
    qtbot.waitUntil(
        lambda: workspace.store.interviews.get(interview_id).round == "Mine, typed while away"
    )
    assert not data.unsaved and not workspace.banner.isVisible()
    assert process.round.text() == "Mine, typed while away"
    window.close()


def test_typing_an_email_while_the_server_is_away_checks_the_field_and_raises_nothing(
    qtbot: QtBot, tmp_path: Path, own_server: Cluster
) -> None:
    """The card checks an email as it is typed, and asks the store whether another card has
    it: with the server away that hint waits, the field is still checked, and Save still
    keeps the card until the server is back (tester's F1: a traceback per keystroke, and a
    check stuck on the half-typed address)."""
    from afterview.ui.contact_editor import ContactEditor

    workspace = _window(qtbot, tmp_path)[1]
    laura = next(c for c in workspace.store.contacts.all() if c.name == "Laura Chen")
    editor = ContactEditor(workspace.data)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(laura.id)
    own_server.down()
    try:
        editor.email.clear()
        qtbot.keyClicks(editor.email, "laura.chen@acme.example")
        assert editor.validate()  # the whole address, checked: not "ends with a period"
        editor.save()
        assert workspace.data.unsaved  # kept, to be saved when the server is back
    finally:
        own_server.up()
    assert workspace.data.retry_now()
    stored = workspace.store.contacts.get(laura.id)
    assert next(way.value for way in stored.emails) == "laura.chen@acme.example"
