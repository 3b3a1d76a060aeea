"""Two computers, one record (issue 16 §4): a second, real process saves a contact, an
interview or a debrief while this window's editor has it open; the editor's save then shows
the conflict dialog, field by field, and each choice does what it says. Both backends."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from afterview.store.conflicts import ConflictError, Difference
from afterview.store.operations import Store
from afterview.store.values import ContactFields, ReferenceFields
from afterview.ui.conflict_dialog import ConflictDialog
from afterview.ui.contact_editor import ContactEditor
from afterview.ui.data import DataAccess
from afterview.ui.debrief_tab import DebriefTab
from afterview.ui.process_tab import ProcessTab
from afterview.ui.references_editor import ReferenceEditor
from tests.ui.pseudo_walk import PseudoTranslator, leftover, visible_texts, word_pattern

ROOT = Path(__file__).resolve().parents[2]


def elsewhere(data_dir: Path, body: str) -> None:
    """Run ``body`` in another Python process with ``store`` open on the same database (the
    test's AFTERVIEW_DATABASE too, on the PostgreSQL run): another computer saving."""
    script = "from dataclasses import replace\nfrom afterview import paths\n"
    script += "from afterview.store.api import open_store\n"
    script += "from afterview.store.values import ContactFields, ReferenceFields\n"
    script += f"with open_store(paths.resolve({str(data_dir)!r})) as store:\n"
    script += textwrap.indent(textwrap.dedent(body), "    ")
    subprocess.run(
        [sys.executable, "-c", script], check=True, cwd=ROOT, env=dict(os.environ), timeout=120
    )


_EXPECTED: list[bool] = []


@pytest.fixture(autouse=True)
def no_unexpected_dialog(qtbot: QtBot) -> Iterator[list[str]]:
    """A conflict dialog no test answers is closed (Cancel) and fails the test, instead of
    waiting for a click for ever."""
    unexpected: list[str] = []
    watch = QTimer()

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ConflictDialog) and not _EXPECTED:
            unexpected.append(dialog.message.text())
            dialog.reject()

    watch.timeout.connect(check)
    watch.start(200)
    yield unexpected
    watch.stop()
    _EXPECTED.clear()
    assert not unexpected, f"a conflict dialog nobody expected: {unexpected}"


def answer(act: Callable[[ConflictDialog], None]) -> dict[str, Any]:
    """When the conflict dialog opens: note what it shows, then ``act`` on it."""
    seen: dict[str, Any] = {}
    _EXPECTED.append(True)

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(10, look)
            return
        _EXPECTED.pop()
        table = dialog.findChild(QTableWidget, "conflictTable")
        assert table is not None
        seen["message"] = dialog.message.text()
        seen["rows"] = [
            tuple(table.item(row, column).text() for column in range(3))  # type: ignore[union-attr]
            for row in range(table.rowCount())
        ]
        seen["headers"] = [
            table.horizontalHeaderItem(column).text()  # type: ignore[union-attr]
            for column in range(3)
        ]
        seen["default"] = dialog.reload.isDefault()
        act(dialog)

    QTimer.singleShot(0, look)
    return seen


def _editor(qtbot: QtBot, data: DataAccess, contact_id: int) -> ContactEditor:
    editor = ContactEditor(data)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(contact_id)
    return editor


def test_enter_reloads_theirs_into_the_contact_editor(
    qtbot: QtBot, data: DataAccess, store: Store, data_dir: Path
) -> None:
    new_id = store.contacts.create(ContactFields(name="Ann <b>Lee</b>", title="CTO")).value
    editor = _editor(qtbot, data, new_id)
    elsewhere(
        data_dir,
        f"""
        card = store.contacts.get({new_id})
        fields = replace(ContactFields.of(card), title="Chief Technology Officer")
        store.contacts.update({new_id}, fields, expected_version=card.version)
        """,
    )
    editor.notes.setPlainText("Met at PyCon")
    assert editor.is_dirty()
    seen = answer(lambda dialog: press(dialog, Qt.Key.Key_Return))
    assert editor.save() is None
    assert seen["message"] == (
        "The contact “Ann <b>Lee</b>” was changed on another computer since you opened it."
    )
    assert seen["headers"] == ["Field", "On the other computer", "Yours"]
    assert seen["rows"] == [
        ("Job title", "Chief Technology Officer", "CTO"),
        ("Notes", "(empty)", "Met at PyCon"),
    ]
    assert seen["default"]
    assert (editor.title.text(), editor.notes.toPlainText()) == ("Chief Technology Officer", "")
    assert not editor.is_dirty()
    card = store.contacts.get(new_id)
    assert (card.title, card.notes) == ("Chief Technology Officer", "")
    # The editor now holds their version: the next save is no conflict.
    editor.notes.setPlainText("Second try")
    assert editor.save() == new_id
    assert store.contacts.get(new_id).notes == "Second try"


def test_keep_mine_saves_the_contact_over_theirs(
    qtbot: QtBot, data: DataAccess, store: Store, data_dir: Path
) -> None:
    new_id = store.contacts.create(ContactFields(name="Ann Lee", title="CTO")).value
    editor = _editor(qtbot, data, new_id)
    elsewhere(
        data_dir,
        f"""
        card = store.contacts.get({new_id})
        store.contacts.update({new_id}, replace(ContactFields.of(card), company="Corvid Labs"))
        """,
    )
    editor.title.setText("Chief Technology Officer")
    seen = answer(lambda dialog: dialog.keep.click())
    assert editor.save() == new_id
    assert seen["rows"] == [
        ("Job title", "CTO", "Chief Technology Officer"),
        ("Company", "Corvid Labs", "(empty)"),
    ]
    card = store.contacts.get(new_id)
    assert (card.title, card.company) == ("Chief Technology Officer", "")
    assert not editor.is_dirty()


def test_escape_keeps_the_typed_text_unsaved(
    qtbot: QtBot, data: DataAccess, store: Store, data_dir: Path
) -> None:
    new_id = store.contacts.create(ContactFields(name="Ann Lee")).value
    editor = _editor(qtbot, data, new_id)
    elsewhere(
        data_dir,
        f"""
        card = store.contacts.get({new_id})
        store.contacts.update({new_id}, replace(ContactFields.of(card), title="CFO"))
        """,
    )
    editor.title.setText("CTO")
    answer(lambda dialog: press(dialog, Qt.Key.Key_Escape))
    assert editor.save() is None
    assert editor.title.text() == "CTO" and editor.is_dirty()
    assert "changed on another computer" in editor.name_message.text()
    assert store.contacts.get(new_id).title == "CFO"
    # Its next save asks again.
    seen = answer(lambda dialog: dialog.keep.click())
    assert editor.save() == new_id
    assert seen["rows"] == [("Job title", "CFO", "CTO")]
    assert store.contacts.get(new_id).title == "CTO"


def test_the_reference_editor_asks_too(
    qtbot: QtBot, data: DataAccess, store: Store, data_dir: Path
) -> None:
    ref_id = store.references.create(ReferenceFields(name="Bo Chen")).value
    editor = ReferenceEditor(data)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(ref_id)
    elsewhere(
        data_dir,
        f"store.references.update({ref_id}, ReferenceFields(name='Bo Chen', "
        "relationship='Former manager'))\n",
    )
    editor.relationship.setText("Mentor")
    seen = answer(lambda dialog: dialog.reload.click())
    assert editor.save() is None
    assert seen["rows"] == [("How you know them", "Former manager", "Mentor")]
    assert editor.relationship.text() == "Former manager"


def _interview(store: Store) -> int:
    from datetime import datetime

    values = {
        "company": "Corvid Labs",
        "position": "Data Engineer",
        "start": datetime(2026, 11, 24, 10),
        "time_zone": "Europe/Berlin",
    }
    return store.interviews.create(values).value


def test_the_process_tab_asks_on_its_next_save_and_keeps_mine(
    qtbot: QtBot, data: DataAccess, store: Store, data_dir: Path
) -> None:
    interview_id = _interview(store)
    tab = ProcessTab(data)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_interview(interview_id)
    elsewhere(
        data_dir,
        f"store.interviews.update({interview_id}, {{'round': 'Second', 'location': 'Berlin'}})\n",
    )
    tab.round.selectAll()
    qtbot.keyClicks(tab.round, "Final")  # saved as you type: the next save meets theirs
    seen = answer(lambda dialog: dialog.keep.click())
    tab.save_now()
    assert seen["message"] == (
        "The interview “Corvid Labs — Data Engineer” was changed on another computer since "
        "you opened it."
    )
    # Every field that differs, the one only they changed too (tester's F3); keeping mine
    # keeps each row as this tab shows it (test_conflict_choices: taking theirs for some).
    assert seen["rows"] == [("Round", "Second", "Final"), ("Location", "Berlin", "(empty)")]
    stored = store.interviews.get(interview_id)
    assert (stored.round, stored.location) == ("Final", "")
    # Typing on saves with the version just written: no dialog.
    qtbot.keyClicks(tab.round, " round")
    tab.save_now()
    assert store.interviews.get(interview_id).round == "Final round"


def test_the_debrief_tab_reloads_theirs(
    qtbot: QtBot, data: DataAccess, store: Store, data_dir: Path
) -> None:
    interview_id = _interview(store)
    tab = DebriefTab(data)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_interview(interview_id)
    elsewhere(
        data_dir,
        f"store.interviews.save_debrief({interview_id}, {{'learned': 'They ship weekly'}})\n",
    )
    tab.editors["learned"].setPlainText("Small team")
    seen = answer(lambda dialog: dialog.reload.click())
    tab.save_now()
    assert seen["rows"] == [
        ("What you learned about the company and the role", "They ship weekly", "Small team")
    ]
    assert tab.editors["learned"].toPlainText() == "They ship weekly"
    assert store.interviews.get(interview_id).debrief.learned == "They ship weekly"


def press(dialog: ConflictDialog, key: Qt.Key) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClick(dialog, key)


def test_every_text_of_the_dialog_is_translated_and_user_text_stays_plain(
    qtbot: QtBot, qapp: QApplication
) -> None:
    error = ConflictError(
        "contact", 1, "<b>Ann</b>", 2, [Difference("title", "Job title", "<i>CTO</i>", "")]
    )
    translator = PseudoTranslator(qapp)
    qapp.installTranslator(translator)
    try:
        dialog = ConflictDialog(error)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        mine = {"<b>Ann</b>", "<i>CTO</i>", "CTO", "Ann"}  # markup is dropped first
        words = word_pattern(["#"])
        rests = {leftover(seen.text, mine, words) for seen in visible_texts(dialog)}
        assert rests <= {""}, rests
        assert dialog.message.textFormat() == Qt.TextFormat.PlainText
        assert "“<b>Ann</b>”" in dialog.message.text()
        assert dialog.table.item(0, 1).text() == "<i>CTO</i>"  # type: ignore[union-attr]
        for control in (dialog, dialog.reload, dialog.keep, dialog.table):
            assert control.accessibleName().strip("[]"), control
    finally:
        qapp.removeTranslator(translator)
