"""The References page: models, the stale-permission warning, the interviews a reference is
used on (listed, added through a search, removed), the log, and writes made elsewhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from afterview import paths
from afterview.store import references
from afterview.store.database import Database, open_database
from afterview.store.models import InterviewRow, ReferenceRow, StepRow
from afterview.store.operations import Store
from afterview.store.values import ReferenceFields
from afterview.ui.data import DataAccess
from afterview.ui.interview_picker import InterviewPicker
from afterview.ui.reference_log_model import ReferenceLogModel
from afterview.ui.references_model import PERMISSION_COLUMN, ReferencesModel, StaleRole
from afterview.ui.references_page import ReferencesPage
from tests.ui.conftest import ShowPage

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)

# The sample's interviews as the page names them (tests/data/sample.json, dated where each
# takes place).
ACME = "Acme — Backend Engineer (2026-11-20)"
ABLABS = "A&B <Labs> — Data Engineer (2026-11-18)"
SAKURA = "Sakura KK — SRE (2026-11-24)"
GLOBEX = "Globex — Platform Engineer (2026-11-10)"


@pytest.fixture
def page(data: DataAccess, show_page: ShowPage) -> ReferencesPage:
    return show_page(ReferencesPage(data, clock=lambda: NOW), 1100, 760)


def _ref(db: Database, name: str) -> int:
    with db.read() as session:
        return session.scalars(select(ReferenceRow.id).where(ReferenceRow.name == name)).one()


def _interview(db: Database, key: str) -> int:
    with db.read() as session:
        return session.scalars(select(InterviewRow.id).where(InterviewRow.key == key)).one()


def _texts(widget: QListWidget) -> list[str]:
    return [widget.item(row).text() for row in range(widget.count())]


def _open_picker(qtbot: QtBot, page: ReferencesPage) -> InterviewPicker:
    qtbot.mouseClick(page.editor.add_interview, Qt.MouseButton.LeftButton)
    picker = page.editor.picker
    assert picker is not None and picker.isVisible()
    return picker


def test_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, data: DataAccess, store: Store, db: Database
) -> None:
    model = ReferencesModel(data, clock=lambda: NOW)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    ana = model.row_of(_ref(db, "Ana Ruiz"))
    # The locale's short date (one date format everywhere); sorted by the date itself.
    shown = QLocale().toString(QDate(2026, 1, 10), QLocale.FormatType.ShortFormat)
    assert model.index(ana, PERMISSION_COLUMN).data() == shown
    assert model.index(ana, PERMISSION_COLUMN).data(StaleRole) is True
    assert model.index(ana, PERMISSION_COLUMN).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(ana, 5).data() == 2  # used on Acme and Globex

    log = ReferenceLogModel(data)
    qtmodeltester.check(log, force_py=True)
    store.references.add_notice(
        _ref(db, "Ana Ruiz"),
        at=NOW,
        channel="email",
        note="a\nb",
        interview_id=_interview(db, "acme-1"),
    )
    log.set_reference(_ref(db, "Ana Ruiz"))
    qtmodeltester.check(log, force_py=True)
    assert log.rowCount() == 1 and log.index(0, 1).data() == "Email"
    assert log.index(0, 2).data() == ACME
    assert log.index(0, 3).data() == "a b"


def test_old_permission_warns_citing_the_seed_and_a_fresh_one_does_not(
    qtbot: QtBot, page: ReferencesPage, db: Database
) -> None:
    page.select(_ref(db, "Ana Ruiz"))
    editor = page.editor
    assert editor.name.text() == "Ana Ruiz"
    message = editor.permission_message
    assert message.isVisible() and message.kind == "warning"
    assert "10 months ago" in message.text() and "Every Job Interview”" in message.text()
    editor.permission.setDate(QDate(2026, 10, 1))
    assert not message.isVisible()
    assert editor.is_valid() and page.save_button.isEnabled()  # a warning never blocks
    editor.has_permission.setChecked(False)
    assert message.isVisible() and "No permission date" in message.text()


def test_only_the_interviews_the_reference_is_on_are_listed(
    page: ReferencesPage, db: Database
) -> None:
    page.select(_ref(db, "Ana Ruiz"))
    editor = page.editor
    assert _texts(editor.used_on) == [ACME, GLOBEX]  # newest first; not Sakura, not A&B
    # The log is about one of these, or none: never any other interview.
    log_choices = [editor.log_interview.itemText(i) for i in range(editor.log_interview.count())]
    assert log_choices == ["No particular interview", ACME, GLOBEX]
    page.select(_ref(db, "Ben Okafor"))
    assert _texts(editor.used_on) == [ACME]
    page.new_reference()
    assert _texts(editor.used_on) == ["Not on any interview yet"]
    assert not editor.remove_interview.isEnabled()


def test_edit_save_and_reopen(
    qtbot: QtBot, page: ReferencesPage, data_dir: Path, store: Store, db: Database
) -> None:
    ben = _ref(db, "Ben Okafor")
    page.select(ben)
    editor = page.editor
    editor.name.setText("<b>Ben</b> & O'Kafor")
    editor.email.setText("ben@")
    assert editor.email_message.is_error and not page.save_button.isEnabled()
    editor.email.setText("ben@example.org")
    editor.has_permission.setChecked(True)
    editor.permission.setDate(QDate(2026, 11, 1))
    picker = _open_picker(qtbot, page)
    qtbot.keyClicks(picker.search, "sakura")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    assert not picker.isVisible()
    assert _texts(editor.used_on) == [SAKURA, ACME]
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Saved."
    store.close()
    with open_database(paths.resolve(data_dir)) as again, again.read() as session:
        row = references.get_reference(session, ben)
        assert (row.name, row.email, row.permission_date) == (
            "<b>Ben</b> & O'Kafor",
            "ben@example.org",
            date(2026, 11, 1),
        )
        keys = [i.key for i in references.interviews_of(session, ben)]
        assert keys == ["sakura-1", "acme-1"]
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


def test_the_picker_searches_and_adds_from_the_keyboard(
    qtbot: QtBot, page: ReferencesPage, store: Store, db: Database
) -> None:
    ana = _ref(db, "Ana Ruiz")
    page.select(ana)
    editor = page.editor
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    editor.add_interview.setFocus()
    qtbot.keyClick(editor.add_interview, Qt.Key.Key_Space)
    picker = editor.picker
    assert picker is not None and picker.isVisible()
    qtbot.waitUntil(picker.search.hasFocus)
    # Nothing typed: the interviews Ana is not on yet, newest first.
    assert _texts(picker.results) == [SAKURA, ABLABS]
    assert picker.hint.text() == "2 interviews match."
    qtbot.keyClicks(picker.search, "ENGINEER")  # A&B's position; folded like the list
    assert _texts(picker.results) == [ABLABS]
    assert picker.hint.text() == "1 interview matches."
    picker.search.clear()
    qtbot.keyClicks(picker.search, "zzz")
    assert _texts(picker.results) == [] and picker.hint.text() == "No interview matches."
    assert not picker.add_button.isEnabled()
    picker.search.clear()
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.results.currentItem().text() == ABLABS
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    assert picker.results.currentItem().text() == SAKURA
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    # Added behind the picker (not saved yet), and no longer offered.
    assert _texts(editor.used_on) == [SAKURA, ACME, GLOBEX]
    assert _texts(picker.results) == [ABLABS]
    assert picker.hint.text() == f"Added: {SAKURA}"
    assert editor.is_dirty() and page.save_button.isEnabled()
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    assert not picker.isVisible()
    page.activateWindow()  # what the window manager does when a dialog closes
    qtbot.waitUntil(page.isActiveWindow)
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(editor.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [c.id for c in store.references.interviews_of(ana)] == [
        _interview(db, "sakura-1"),
        _interview(db, "acme-1"),
        _interview(db, "globex-2"),
    ]


def test_removing_an_interview_is_saved_and_replanned(
    qtbot: QtBot, page: ReferencesPage, store: Store, db: Database
) -> None:
    ana, globex = _ref(db, "Ana Ruiz"), _interview(db, "globex-2")

    def told_about_globex() -> list[StepRow]:
        with db.read() as session:
            query = select(StepRow).where(
                StepRow.kind == "notify_reference",
                StepRow.reference_id == ana,
                StepRow.interview_id == globex,
            )
            return list(session.scalars(query))

    assert told_about_globex()
    page.select(ana)
    editor = page.editor
    editor.used_on.setCurrentRow(1)
    assert editor.used_on.currentItem().text() == GLOBEX
    editor.used_on.setFocus()
    qtbot.keyClick(editor.used_on, Qt.Key.Key_Delete)
    assert _texts(editor.used_on) == [ACME]
    assert editor.is_dirty()
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert [c.id for c in store.references.interviews_of(ana)] == [_interview(db, "acme-1")]
    assert not told_about_globex()
    # Remove the last one with the button; Revert brings it back unsaved.
    editor.used_on.setCurrentRow(0)
    qtbot.mouseClick(editor.remove_interview, Qt.MouseButton.LeftButton)
    assert _texts(editor.used_on) == ["Not on any interview yet"]
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert _texts(editor.used_on) == [ACME] and not editor.is_dirty()


def test_writes_elsewhere_show_and_keep_what_is_being_typed(
    qtbot: QtBot, page: ReferencesPage, store: Store, db: Database
) -> None:
    ben, sakura = _ref(db, "Ben Okafor"), _interview(db, "sakura-1")
    page.select(ben)
    editor = page.editor
    qtbot.keyClicks(editor.log_note, "Called about")
    # Another part of the window puts Ben on Sakura: shown without saving anything here.
    fields = ReferenceFields.of(store.references.get(ben))
    store.references.update(ben, fields, [_interview(db, "acme-1"), sakura])
    assert _texts(editor.used_on) == [SAKURA, ACME]
    assert editor.log_note.text() == "Called about"  # the log entry being typed stays
    # An unsaved edit stays as typed when another reference is saved elsewhere.
    editor.relationship.setText("Mentor")
    ana = _ref(db, "Ana Ruiz")
    store.references.update(ana, replace(ReferenceFields.of(store.references.get(ana)), phone=""))
    assert editor.relationship.text() == "Mentor" and editor.is_dirty()


def test_log_entry_added_and_removed(qtbot: QtBot, page: ReferencesPage, db: Database) -> None:
    ana = _ref(db, "Ana Ruiz")
    page.select(ana)
    editor = page.editor
    assert editor.log_box.isEnabled()
    assert editor.log_interview.currentText() == ACME
    editor.log_channel.setCurrentIndex(editor.log_channel.findData("phone"))
    qtbot.keyClicks(editor.log_note, "Said <Acme> & co may call")
    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(editor.log_add, Qt.MouseButton.LeftButton)
    assert editor.log_model.rowCount() == 1
    assert editor.log_model.index(0, 1).data() == "Phone"
    assert editor.log_model.index(0, 2).data() == ACME
    assert editor.log_model.index(0, 3).data() == "Said <Acme> & co may call"
    # In the locale's short format (one date format everywhere), to the minute.
    told = QDateTime.fromSecsSinceEpoch(int(NOW.timestamp()))
    assert editor.log_model.index(0, 0).data() == QLocale().toString(
        told, QLocale.FormatType.ShortFormat
    )
    assert editor.log_message.text() == "Added to the log."
    editor.log.selectRow(0)
    assert editor.log_remove.isEnabled()
    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(editor.log_remove, Qt.MouseButton.LeftButton)
    assert editor.log_model.rowCount() == 0


def test_new_reference_and_delete(
    qtbot: QtBot, page: ReferencesPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert not page.editor.log_box.isEnabled()  # the log needs a saved reference
    qtbot.keyClicks(page.editor.name, "Carla")
    qtbot.keyClicks(page.editor.phone, "020 7946 0000")
    assert page.editor.phone_message.is_error  # read as a US number: too short
    page.editor.phone.clear()
    qtbot.keyClicks(page.editor.phone, "+44 20 7946 0000")
    picker = _open_picker(qtbot, page)
    qtbot.keyClicks(picker.search, "globex")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(picker.close_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    carla = page.editor.reference_id
    assert carla is not None and page.table.currentIndex().data() == "Carla"
    assert _texts(page.editor.used_on) == [GLOBEX]
    monkeypatch.setattr(page, "confirm_delete", lambda name: True)
    with qtbot.waitSignal(page.changed):
        page.delete_current()
    with db.read() as session:
        assert session.get(ReferenceRow, carla) is None


def test_undo_brings_a_deleted_reference_back_with_its_log(
    qtbot: QtBot,
    page: ReferencesPage,
    store: Store,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ana = _ref(db, "Ana Ruiz")
    store.references.add_notice(ana, at=NOW, channel="email", note="heads-up", interview_id=None)
    page.select(ana)
    monkeypatch.setattr(page, "confirm_delete", lambda name: True)
    page.delete_current()
    assert page.status.text() == "Deleted the reference Ana Ruiz."
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.editor.reference_id == ana
    assert page.editor.log_model.rowCount() == 1
    assert _texts(page.editor.used_on) == [ACME, GLOBEX]
    assert page.status.text() == "Restored the reference Ana Ruiz."


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, page: ReferencesPage, db: Database
) -> None:
    page.select(_ref(db, "Ana Ruiz"))
    picker = _open_picker(qtbot, page)
    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTableView, QListWidget)

    def unnamed(root: QWidget) -> list[QWidget]:
        return [
            w
            for kind in kinds
            for w in root.findChildren(kind)
            if not w.objectName().startswith("qt_")
            and w.isVisibleTo(root)
            and not w.accessibleName()
        ]

    assert unnamed(page) == [] and unnamed(picker) == []


def test_the_permission_and_log_dates_are_the_usual_date_fields(
    qtbot: QtBot, page: ReferencesPage, db: Database
) -> None:
    """Seen in the screenshots: the permission date read "12/1/26". Like every date field
    (issue 14) it shows a four-digit year and takes a date typed in the locale's format."""
    page.select(_ref(db, "Ana Ruiz"))
    editor = page.editor
    assert "yyyy" in editor.permission.displayFormat()
    assert "yyyy" in editor.log_at.displayFormat()
    editor.has_permission.setChecked(True)
    editor.permission.setFocus()
    editor.permission.lineEdit().selectAll()
    typed = QLocale().toString(QDate(2026, 11, 2), editor.permission.displayFormat())
    qtbot.keyClicks(editor.permission, typed)
    qtbot.keyClick(editor.permission, Qt.Key.Key_Return)
    assert editor.permission.date() == QDate(2026, 11, 2)
