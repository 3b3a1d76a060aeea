"""The References page: models, the stale-permission warning, used-on interviews, the log."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from afterview import paths
from afterview.store import references
from afterview.store.database import Database, open_database
from afterview.store.models import InterviewRow, ReferenceRow, StepRow
from afterview.ui.reference_log_model import ReferenceLogModel
from afterview.ui.references_model import PERMISSION_COLUMN, ReferencesModel, StaleRole
from afterview.ui.references_page import ReferencesPage
from tests.ui.conftest import ShowPage

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture
def page(db: Database, show_page: ShowPage) -> ReferencesPage:
    return show_page(ReferencesPage(db, clock=lambda: NOW), 1100, 760)


def _ref(db: Database, name: str) -> int:
    with db.read() as session:
        return session.scalars(select(ReferenceRow.id).where(ReferenceRow.name == name)).one()


def test_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, db: Database
) -> None:
    model = ReferencesModel(db, clock=lambda: NOW)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    ana = model.row_of(_ref(db, "Ana Ruiz"))
    assert model.index(ana, PERMISSION_COLUMN).data() == "2026-01-10"
    assert model.index(ana, PERMISSION_COLUMN).data(StaleRole) is True
    assert model.index(ana, PERMISSION_COLUMN).data(Qt.ItemDataRole.DecorationRole) is not None

    log = ReferenceLogModel(db)
    qtmodeltester.check(log, force_py=True)
    with db.write() as session:
        references.add_notice(
            session,
            _ref(db, "Ana Ruiz"),
            at=NOW,
            channel="email",
            note="a\nb",
            interview_id=None,
            now=NOW,
        )
    log.set_reference(_ref(db, "Ana Ruiz"))
    qtmodeltester.check(log, force_py=True)
    assert log.rowCount() == 1 and log.index(0, 1).data() == "Email"
    assert log.index(0, 3).data() == "a b"


def test_old_permission_warns_citing_the_seed_and_a_fresh_one_does_not(
    qtbot: QtBot, page: ReferencesPage
) -> None:
    page.select(_ref(page.db, "Ana Ruiz"))
    editor = page.editor
    assert editor.name.text() == "Ana Ruiz"
    message = editor.permission_message
    assert message.isVisible() and message.kind == "warning"
    assert "10 months ago" in message.text() and "seed 000 §3" in message.text()
    editor.permission.setDate(QDate(2026, 10, 1))
    assert not message.isVisible()
    assert editor.is_valid() and page.save_button.isEnabled()  # a warning never blocks
    editor.has_permission.setChecked(False)
    assert message.isVisible() and "No permission date" in message.text()


def test_edit_save_and_reopen(qtbot: QtBot, page: ReferencesPage, data_dir: Path) -> None:
    ben = _ref(page.db, "Ben Okafor")
    page.select(ben)
    editor = page.editor
    editor.name.setText("<b>Ben</b> & O'Kafor")
    editor.email.setText("ben@")
    assert editor.email_message.is_error and not page.save_button.isEnabled()
    editor.email.setText("ben@example.org")
    editor.has_permission.setChecked(True)
    editor.permission.setDate(QDate(2026, 11, 1))
    sakura = next(
        i for i in range(editor.used_on.count()) if "Sakura" in editor.used_on.item(i).text()
    )
    editor.used_on.item(sakura).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Saved."
    page.db.close()
    with open_database(paths.resolve(data_dir)) as again, again.read() as session:
        row = references.get_reference(session, ben)
        assert (row.name, row.email, row.permission_date) == (
            "<b>Ben</b> & O'Kafor",
            "ben@example.org",
            date(2026, 11, 1),
        )
        keys = [i.key for i in references.interviews_of(session, ben)]
        assert "sakura-1" in keys
        sakura_id = session.scalars(
            select(InterviewRow.id).where(InterviewRow.key == "sakura-1")
        ).one()
        planned = session.scalars(
            select(StepRow).where(
                StepRow.kind == "notify_reference",
                StepRow.reference_id == ben,
                StepRow.interview_id == sakura_id,
            )
        ).all()
        assert planned  # telling Ben about Sakura is now a step


def test_log_entry_added_and_removed(qtbot: QtBot, page: ReferencesPage) -> None:
    ana = _ref(page.db, "Ana Ruiz")
    page.select(ana)
    editor = page.editor
    assert editor.log_box.isEnabled()
    assert "Acme" in editor.log_interview.currentText()
    editor.log_channel.setCurrentIndex(editor.log_channel.findData("phone"))
    qtbot.keyClicks(editor.log_note, "Said <Acme> & co may call")
    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(editor.log_add, Qt.MouseButton.LeftButton)
    assert editor.log_model.rowCount() == 1
    assert editor.log_model.index(0, 1).data() == "Phone"
    assert editor.log_model.index(0, 3).data() == "Said <Acme> & co may call"
    assert editor.log_model.index(0, 0).data() == NOW.astimezone().strftime("%Y-%m-%d %H:%M")
    editor.log.selectRow(0)
    assert editor.log_remove.isEnabled()
    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(editor.log_remove, Qt.MouseButton.LeftButton)
    assert editor.log_model.rowCount() == 0


def test_new_reference_and_delete(
    qtbot: QtBot, page: ReferencesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert not page.editor.log_box.isEnabled()  # the log needs a saved reference
    qtbot.keyClicks(page.editor.name, "Carla")
    qtbot.keyClicks(page.editor.phone, "020 7946 0000")
    assert page.editor.phone_message.is_error  # read as a US number: too short
    page.editor.phone.clear()
    qtbot.keyClicks(page.editor.phone, "+44 20 7946 0000")
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    carla = page.editor.reference_id
    assert carla is not None and page.table.currentIndex().data() == "Carla"
    monkeypatch.setattr(page, "confirm_delete", lambda name: True)
    with qtbot.waitSignal(page.changed):
        page.delete_current()
    with page.db.read() as session:
        assert session.get(ReferenceRow, carla) is None


def test_undo_brings_a_deleted_reference_back_with_its_log(
    qtbot: QtBot, page: ReferencesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = _ref(page.db, "Ana Ruiz")
    with page.db.write() as session:
        references.add_notice(
            session, ana, at=NOW, channel="email", note="heads-up", interview_id=None, now=NOW
        )
    page.select(ana)
    monkeypatch.setattr(page, "confirm_delete", lambda name: True)
    page.delete_current()
    assert page.status.text() == "Deleted the reference Ana Ruiz."
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.editor.reference_id == ana
    assert page.editor.log_model.rowCount() == 1
    assert page.status.text() == "Restored the reference Ana Ruiz."
