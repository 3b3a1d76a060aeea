"""A coach opens a job seeker's shared search (issue 16, item 7): the window is read-only,
every editor off, and the banner says whose search it is, in plain text."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store import coach, interchange
from afterview.store.api import open_store
from afterview.store.server_choice import server_for
from afterview.store.values import Profile
from afterview.ui.contact_editor import ContactEditor
from afterview.ui.main_window import CONTACTS, INTERVIEWS, MainWindow
from afterview.ui.storage_sharing import SharingBox

#: A name a markup reader would turn into bold: it must show as typed.
SEEKER_NAME = "Anna <b>Berg</b>"


@dataclass
class Desk:
    seeker: paths.Paths  # the job seeker's folders and database (their role's own schema)
    reader: str  # the coach's role
    coach_target: str


@pytest.fixture
def desk(
    pg_cluster: Any, tmp_path: Path, sample_document: dict[str, Any], monkeypatch: Any
) -> Iterator[Desk]:
    monkeypatch.delenv("AFTERVIEW_DATABASE", raising=False)
    tag = uuid.uuid4().hex[:8]
    database, seeker, reader = f"deskui_{tag}", f"anna_{tag}", f"coach_{tag}"
    pg_cluster.create_role(seeker)
    pg_cluster.create_role(reader)
    pg_cluster.create_database(database)
    with psycopg.connect(pg_cluster.conninfo(database), autocommit=True) as admin:
        admin.execute(
            sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(
                sql.Identifier(seeker), sql.Identifier(seeker)
            )
        )
    where = paths.resolve(tmp_path / "seeker", pg_cluster.uri(database, user=seeker))
    with open_store(where) as store:
        store.data.import_document(interchange.parse_document(sample_document))
        store.settings.save_profile(Profile(name=SEEKER_NAME))
    yield Desk(where, reader, pg_cluster.uri(database, user=reader, search=seeker))
    pg_cluster.drop_database(database)
    with psycopg.connect(pg_cluster.conninfo("postgres"), autocommit=True) as admin:
        for role in (seeker, reader):
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture
def coach_target(desk: Desk) -> str:
    server = server_for(desk.seeker)
    assert server is not None
    coach.share(server, desk.reader)
    return desk.coach_target


def test_the_job_seeker_shares_from_settings(qtbot: QtBot, desk: Desk) -> None:
    box = SharingBox(desk.seeker, owner=True)
    qtbot.addWidget(box)
    box.show()
    assert box.isVisible()
    qtbot.keyClicks(box.role, desk.reader)
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    assert box.status.text().endswith(f"Shared with: {desk.reader}.")
    with open_store(paths.resolve(desk.seeker.data_dir.parent / "coach", desk.coach_target)) as s:
        assert s.read_only is not None
    qtbot.mouseClick(box.stop_button, Qt.MouseButton.LeftButton)
    assert box.status.text().endswith("Shared with: nobody.")
    box.role.setText("no_such_role_here")
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    assert box.status.text().startswith('There is no role "no_such_role_here"')
    host = QWidget()
    qtbot.addWidget(host)
    theirs, mine = SharingBox(desk.seeker, host, owner=False), SharingBox(desk.seeker, host)
    host.show()
    assert mine.isVisible() and not theirs.isVisible()


def test_the_coach_reads_with_every_editor_off(
    qtbot: QtBot, tmp_path: Path, coach_target: str
) -> None:
    window = MainWindow(paths.resolve(tmp_path / "coach", coach_target))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.load()
    workspace = window.workspace
    assert workspace is not None
    banner = workspace.banner
    assert banner.isVisible()
    assert banner.text.text() == f"You are reading {SEEKER_NAME}'s search (read-only)."
    assert banner.text.textFormat() == Qt.TextFormat.PlainText
    assert not banner.button.isVisible()  # retrying cannot make it writable

    window.show_page(INTERVIEWS)
    assert workspace.page.model.total == 4  # reading works
    interview_id = workspace.page.model.interview_id(0)
    assert interview_id is not None
    workspace.page.select(interview_id)
    process = workspace.page.detail.process
    assert process.company.text() and process.company.isReadOnly()
    assert not process.status.isEnabled()
    assert not workspace.page.new_button.isEnabled()
    why = f"{SEEKER_NAME} shared this search with you to read only."
    assert window.new_action.toolTip() == why and not window.new_action.isEnabled()
    assert not window.import_json_action.isEnabled()
    assert window.settings_action.isEnabled()  # Settings ▸ Storage: open another database
    window.close()


def test_the_coachs_fields_look_read_only_and_say_why(
    qtbot: QtBot, tmp_path: Path, coach_target: str
) -> None:
    """Tester's F9: no field looks as if it could be typed in, and each editor says why."""
    window = MainWindow(paths.resolve(tmp_path / "coach", coach_target))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.load()
    workspace = window.workspace
    assert workspace is not None
    why = (
        "You can read and copy these fields, not change them. "
        f"{SEEKER_NAME} shared this search with you to read only."
    )
    window.show_page(INTERVIEWS)
    interview_id = workspace.page.model.interview_id(0)
    assert interview_id is not None
    workspace.page.select(interview_id)
    detail = workspace.page.detail
    process = detail.process
    assert process.read_only_note.isVisible()
    assert process.read_only_note.text() == why
    assert process.read_only_note.textFormat() == Qt.TextFormat.PlainText
    before = process.location.text()
    process.location.setFocus()
    qtbot.keyClicks(process.location, "typed")
    assert process.location.text() == before
    for field in (process.company, process.location, process.decided_by):
        assert field.isReadOnly()
        assert _looks_read_only(field)
    detail.tabs.setCurrentWidget(detail.debrief)
    assert detail.debrief.read_only_note.isVisible()
    assert detail.debrief.read_only_note.text() == why
    assert all(_looks_read_only(editor) for editor in detail.debrief.editors.values())
    # A page built after the window turned read-only: its card says it too.
    window.show_page(CONTACTS)
    contacts = window.stack.currentWidget().findChild(ContactEditor)
    assert isinstance(contacts, ContactEditor)
    assert contacts.read_only_note.isVisible()
    assert contacts.read_only_note.text() == why
    assert contacts.notes.isReadOnly() and _looks_read_only(contacts.notes)
    assert contacts.title.isReadOnly() and _looks_read_only(contacts.title)
    window.close()


def _looks_read_only(field: QWidget) -> bool:
    palette = field.palette()
    return palette.color(QPalette.ColorRole.Base) == palette.color(QPalette.ColorRole.Window)
