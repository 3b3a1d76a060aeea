"""The conflict dialog lists every field that differs and lets the user choose each one
(tester's F3, F4): an interview's dialog shows what the other computer changed too, not
only what this save writes; every row has a "Keep mine" tick (on by default), and "Save as
chosen" saves the mix. Codes and yes/no are shown in the editors' words. Both backends;
the other computer is a real second process."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot

from afterview.domain.contact_ways import Way
from afterview.store.conflicts import ConflictError, Difference
from afterview.store.operations import Store
from afterview.store.values import ContactFields
from afterview.ui.conflict_dialog import KEEP_MINE, ConflictDialog
from afterview.ui.conflict_merge import merge
from afterview.ui.contact_editor import ContactEditor
from afterview.ui.data import DataAccess
from afterview.ui.process_tab import ProcessTab

# A conflict dialog nobody answers is closed and fails the test (instead of waiting).
from tests.ui.test_conflicts import answer, elsewhere, no_unexpected_dialog  # noqa: F401


def _interview(store: Store) -> int:
    values = {
        "company": "Corvid Labs",
        "position": "Data Engineer",
        "start": datetime(2026, 11, 24, 10),
        "time_zone": "Europe/Berlin",
    }
    return store.interviews.create(values).value


def _process_tab(qtbot: QtBot, data: DataAccess, interview_id: int) -> ProcessTab:
    tab = ProcessTab(data)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_interview(interview_id)
    return tab


def test_the_interview_dialog_lists_their_changes_in_words_and_saves_the_mix(
    qtbot: QtBot, data: DataAccess, store: Store, data_dir: Path
) -> None:
    interview_id = _interview(store)
    tab = _process_tab(qtbot, data, interview_id)
    elsewhere(
        data_dir,
        f"store.interviews.update({interview_id}, {{'location': 'Berlin', 'format': 'video', "
        "'status': 'awaiting_decision', 'employer_will_contact': True})\n",
    )
    tab.round.selectAll()
    qtbot.keyClicks(tab.round, "Final")

    def take_their_location(dialog: ConflictDialog) -> None:
        assert not dialog.merge.isEnabled()  # all mine: that is "Keep mine"
        dialog.set_mine("location", False)
        assert dialog.merge.isEnabled()
        dialog.merge.click()

    seen = answer(take_their_location)
    tab.save_now()
    assert seen["rows"] == [
        ("Round", "(empty)", "Final"),
        ("Format", "Video call", "In person"),
        ("Location", "Berlin", "(empty)"),
        ("Status", "Awaiting decision", "Scheduled"),
        ("Employer will contact you", "Yes, they will contact me", "Not known"),
    ]
    stored = store.interviews.get(interview_id)
    assert (stored.round, stored.location) == ("Final", "Berlin")
    assert (stored.format.value, stored.status.value) == ("in_person", "scheduled")
    assert stored.employer_will_contact is None
    # The tab shows what was saved, their location too.
    assert (tab.round.text(), tab.location.text()) == ("Final", "Berlin")
    assert tab.format.currentData() == "in_person"
    # Typing on saves with the version just written: no dialog.
    qtbot.keyClicks(tab.round, " round")
    tab.save_now()
    assert store.interviews.get(interview_id).round == "Final round"


def test_keep_mine_keeps_every_row_of_the_interview_as_shown(
    qtbot: QtBot, data: DataAccess, store: Store, data_dir: Path
) -> None:
    interview_id = _interview(store)
    tab = _process_tab(qtbot, data, interview_id)
    elsewhere(data_dir, f"store.interviews.update({interview_id}, {{'location': 'Berlin'}})\n")
    tab.decided_by.setText("Laura Chen and the CTO")
    tab._queue("decided_by")
    seen = answer(lambda dialog: dialog.keep.click())
    tab.save_now()
    assert seen["rows"] == [
        ("Location", "Berlin", "(empty)"),
        ("Decided by", "(empty)", "Laura Chen and the CTO"),
    ]
    stored = store.interviews.get(interview_id)
    assert (stored.location, stored.decided_by) == ("", "Laura Chen and the CTO")


def test_the_contact_saves_mine_for_ticked_fields_and_theirs_for_the_others(
    qtbot: QtBot, data: DataAccess, store: Store, data_dir: Path
) -> None:
    contact_id = store.contacts.create(ContactFields(name="Laura Chen", title="CTO")).value
    editor = ContactEditor(data)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(contact_id)
    elsewhere(
        data_dir,
        f"""
        card = store.contacts.get({contact_id})
        fields = replace(ContactFields.of(card), title="Director of Engineering",
                         notes="Laptop note: likes Go", preferred_channel="phone")
        store.contacts.update({contact_id}, fields, expected_version=card.version)
        """,
    )
    editor.title.setText("VP Engineering")
    editor.notes.setPlainText("Desktop note: prefers calls")

    def keep_my_title_only(dialog: ConflictDialog) -> None:
        dialog.set_mine("notes", False)
        dialog.set_mine("preferred_channel", False)
        dialog.merge.click()

    seen = answer(keep_my_title_only)
    assert editor.save() == contact_id
    assert seen["rows"] == [
        ("Job title", "Director of Engineering", "VP Engineering"),
        ("Preferred channel", "Phone", "No preference"),
        ("Notes", "Laptop note: likes Go", "Desktop note: prefers calls"),
    ]
    card = store.contacts.get(contact_id)
    assert (card.title, card.notes, card.preferred_channel) == (
        "VP Engineering",
        "Laptop note: likes Go",
        "phone",
    )
    assert editor.notes.toPlainText() == "Laptop note: likes Go"
    assert not editor.is_dirty()


def test_the_ticks_are_reached_and_changed_with_the_keyboard(
    qtbot: QtBot, qapp: QApplication
) -> None:
    error = ConflictError(
        "interview",
        1,
        "Acme — Backend Engineer",
        3,
        [
            Difference("location", "Location", "Zoom link", "Video call"),
            Difference("decided_by", "Decided by", "Laura Chen", "Laura Chen and the CTO"),
        ],
    )
    dialog = ConflictDialog(error)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.reload.hasFocus)
    for _ in range(6):  # Tab goes round the dialog: the table is one stop of it
        if dialog.table.hasFocus():
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.table.hasFocus()
    assert dialog.table.currentRow() == 0
    QTest.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.theirs() == {"location"}
    assert dialog.merge.isEnabled()
    QTest.keyClick(dialog.table, Qt.Key.Key_Down)
    QTest.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.theirs() == {"location", "decided_by"}
    assert not dialog.merge.isEnabled()  # all theirs: that is "Reload theirs"
    tick = dialog.table.cellWidget(1, KEEP_MINE)
    assert isinstance(tick, QCheckBox)
    assert tick.accessibleName() == "Keep mine for Decided by"
    assert tick.text() == "theirs"  # its side in words, not only a box
    QTest.keyClick(tick, Qt.Key.Key_Space)  # Tab reaches each tick too
    assert tick.isChecked() and tick.text() == "mine"
    assert dialog.theirs() == {"location"}
    header = dialog.table.horizontalHeaderItem(KEEP_MINE)
    assert header is not None and header.text() == "Keep"
    assert dialog.merge.accessibleName() == "Save as chosen"
    assert dialog.merge.text() == "Save as &chosen"
    assert dialog.reload.isDefault()  # Enter still never writes over theirs


def test_an_email_to_use_follows_the_list_it_points_into() -> None:
    a, b, c = Way("a@x.example"), Way("b@x.example"), Way("c@x.example")
    mine = ContactFields(name="Ann", emails=(a, b), chosen_email=1, notes="mine")
    stored = ContactFields(name="Ann", emails=(c, b, a), chosen_email=0, notes="theirs")
    # Their list, my choice (b): b's place in their list.
    assert merge(mine, stored, {"emails"}).chosen_email == 1
    # My list, their choice (c): not in mine, so none.
    assert merge(mine, stored, {"chosen_email"}).chosen_email is None
    # Both theirs, notes mine.
    both = merge(mine, stored, {"emails", "chosen_email"})
    assert (both.emails, both.chosen_email, both.notes) == ((c, b, a), 0, "mine")
    assert merge(mine, stored, set()) == mine
    assert merge(mine, stored, {"notes"}) == replace(mine, notes="theirs")


def test_the_reference_saves_the_mix_too(
    qtbot: QtBot, data: DataAccess, store: Store, data_dir: Path
) -> None:
    from afterview.store.values import ReferenceFields
    from afterview.ui.references_editor import ReferenceEditor

    ref_id = store.references.create(ReferenceFields(name="Bo Chen")).value
    editor = ReferenceEditor(data)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(ref_id)
    elsewhere(
        data_dir,
        f"store.references.update({ref_id}, ReferenceFields(name='Bo Chen', "
        "relationship='Former manager', email='bo@corvid.example'))\n",
    )
    editor.relationship.setText("Mentor")

    def take_their_email(dialog: ConflictDialog) -> None:
        dialog.set_mine("email", False)
        dialog.merge.click()

    seen = answer(take_their_email)
    assert editor.save() == ref_id
    assert seen["rows"] == [
        ("How you know them", "Former manager", "Mentor"),
        ("Email", "bo@corvid.example", "(empty)"),
    ]
    stored = store.references.get(ref_id)
    assert (stored.relationship, stored.email) == ("Mentor", "bo@corvid.example")
    assert editor.email.text() == "bo@corvid.example"
