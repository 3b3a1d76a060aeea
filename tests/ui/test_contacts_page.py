"""The Contacts page: the model, filtering, sorting, saving as you move on, deleting, and
showing what was written elsewhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from afterview.domain.records import Role
from afterview.store.database import Database
from afterview.store.models import ContactRow, StepRow
from afterview.store.operations import Store
from afterview.store.values import ContactFields, NewPerson
from afterview.ui.contacts_model import ContactIdRole, ContactsModel
from afterview.ui.contacts_page import ContactsPage
from afterview.ui.data import DataAccess
from afterview.ui.person_picker import PersonPicker, contact_choices
from tests.ui.conftest import ShowPage


@pytest.fixture
def page(data: DataAccess, show_page: ShowPage) -> ContactsPage:
    return show_page(ContactsPage(data), 1000, 600)


def _names(page: ContactsPage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_contacts_model_passes_the_model_tester(
    qtmodeltester: ModelTester, data: DataAccess
) -> None:
    model = ContactsModel(data)
    qtmodeltester.check(model, force_py=True)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 5
    laura = model.row_of(model.item(0).id)
    assert model.index(laura, 0).data() == "Laura Chen"
    assert model.index(laura, 7).data() == 1  # on one interview
    assert model.index(laura, 0).data(ContactIdRole) == model.item(0).id


def test_names_show_exactly_as_typed(page: ContactsPage) -> None:
    names = _names(page)
    assert "Omar O'Hara" in names and "张伟" in names and "Zoë Ångström" in names
    companies = [page.proxy.index(r, 2).data() for r in range(page.proxy.rowCount())]
    assert "A&B <Labs>" in companies


def test_filter_as_you_type_across_columns(qtbot: QtBot, page: ContactsPage) -> None:
    qtbot.keyClicks(page.filter, "acme")
    assert sorted(_names(page)) == ["Laura Chen", "Omar O'Hara"]
    page.filter.clear()
    qtbot.keyClicks(page.filter, "<LABS")
    assert _names(page) == ["Zoë Ångström"]
    # Folded as the interview list folds: no accents needed, words in any order.
    page.filter.clear()
    qtbot.keyClicks(page.filter, "angstrom zoe")
    assert _names(page) == ["Zoë Ångström"]


def test_names_sort_by_their_letters_whatever_the_accents_and_case(
    page: ContactsPage, store: Store
) -> None:
    for name in ("Ångström, Anna", "émile Zola", "Bob Brown", "ÉMILE ABEL"):
        store.contacts.create(ContactFields(name=name))
    # Worked out by hand: Å sorts as A, é and É as e, and case never counts.
    expected = [
        "Ångström, Anna",
        "Bob Brown",
        "ÉMILE ABEL",
        "émile Zola",
        "Laura Chen",
        "Omar O'Hara",
        "Rita Recruiter",
        "Zoë Ångström",
        "张伟",
    ]
    assert _names(page) == expected
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _names(page) == expected[::-1]


def test_moving_on_saves_valid_edits_and_keeps_invalid_ones(
    qtbot: QtBot, page: ContactsPage, store: Store
) -> None:
    page.table.selectRow(0)
    first = page.editor.contact_id
    assert page.editor.name.text() == "Laura Chen"
    assert "Acme — Backend Engineer" in page.interviews.text()
    assert not page.save_button.isEnabled()
    page.editor.title.setText("Director of Engineering")
    assert page.save_button.isEnabled() and page.revert_button.isEnabled()
    with qtbot.waitSignal(page.changed):
        page.table.selectRow(1)
    qtbot.waitUntil(lambda: page.editor.contact_id != first)
    assert store.contacts.get(first).title == "Director of Engineering"  # type: ignore[arg-type]
    second = page.editor.contact_id
    assert second != first

    page.editor.email.setText("broken@")
    assert not page.save_button.isEnabled()
    page.table.selectRow(2)
    qtbot.waitUntil(lambda: page.status.text() == "Fix the marked fields first, or revert.")
    # The card with the mistake stays on screen, its text intact.
    assert page.editor.contact_id == second and page.editor.email.text() == "broken@"
    assert page.table.currentIndex().data(ContactIdRole) == second
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert page.editor.email.text() != "broken@" and not page.editor.is_dirty()


def test_new_card_is_saved_and_selected(qtbot: QtBot, page: ContactsPage) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.editor.contact_id is None and not page.save_button.isEnabled()
    qtbot.keyClicks(page.editor.name, "<b>Ann</b> & O'Hara")
    qtbot.keyClicks(page.editor.phone, "212 555 1234")
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Saved."
    assert page.editor.phone.text() == "+1 212-555-1234"
    current = page.table.currentIndex()
    assert current.data() == "<b>Ann</b> & O'Hara"
    assert current.data(ContactIdRole) == page.editor.contact_id


def test_delete_asks_and_replans(
    qtbot: QtBot, page: ContactsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.read() as session:
        omar = session.scalars(select(ContactRow.id).where(ContactRow.name == "Omar O'Hara")).one()
    page.select(omar)
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm_delete", lambda name: asked.append(name) or False)
    page.delete_current()
    assert asked == ["Omar O'Hara"]
    with db.read() as session:
        assert session.get(ContactRow, omar) is not None
    monkeypatch.setattr(page, "confirm_delete", lambda name: True)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Omar O'Hara" not in _names(page)
    with db.read() as session:
        assert session.get(ContactRow, omar) is None
        assert not session.scalars(select(StepRow).where(StepRow.contact_id == omar)).all()
    assert page.editor.contact_id is not None  # the next card is shown


def test_every_control_has_an_accessible_name(page: ContactsPage) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTableView

    controls = [
        w
        for kind in (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTableView)
        for w in page.findChildren(kind)
        if w.parent() is not None and not w.objectName().startswith("qt_")
    ]
    unnamed = [w for w in controls if not w.accessibleName() and w.isVisibleTo(page)]
    assert unnamed == []


def test_undo_brings_a_deleted_card_back(
    qtbot: QtBot, page: ContactsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.read() as session:
        zoe = session.scalars(select(ContactRow.id).where(ContactRow.name == "Zoë Ångström")).one()
    page.select(zoe)
    monkeypatch.setattr(page, "confirm_delete", lambda name: True)
    page.delete_current()
    assert page.status.text() == "Deleted the card of Zoë Ångström."
    assert page.undo_button.isVisible() and page.can_undo()
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.editor.contact_id == zoe and page.editor.company.text() == "A&B <Labs>"
    assert page.table.currentIndex().data(ContactIdRole) == zoe
    assert not page.undo_button.isVisible() and page.undo_delete() is None


def test_a_write_elsewhere_keeps_unsaved_edits(page: ContactsPage, store: Store) -> None:
    page.table.selectRow(0)
    shown = page.editor.contact_id
    assert shown is not None
    page.editor.notes.setPlainText("typed, not saved")
    # Another part of the window writes through the same store: the page hears it.
    store.contacts.create(ContactFields(name="Aaron First"))
    assert page.editor.contact_id == shown
    assert page.editor.notes.toPlainText() == "typed, not saved" and page.editor.is_dirty()
    assert "Aaron First" in _names(page)
    # A clean card shows what another part of the window saved.
    page.editor.revert()
    fields = ContactFields.of(store.contacts.get(shown))
    store.contacts.update(shown, replace(fields, title="CTO"))
    assert page.editor.title.text() == "CTO"


def test_people_typed_in_the_new_interview_dialog_show_at_once(
    page: ContactsPage, store: Store
) -> None:
    assert "Nadia Novak" not in _names(page)
    # What the New-interview dialog does with a name that has no card yet.
    values = {
        "company": "Initech",
        "position": "Platform Engineer",
        "start": datetime(2026, 12, 1, 10, 0),
        "time_zone": "Europe/Berlin",
    }
    store.interviews.create(values, [NewPerson(name="Nadia Novak", role=Role.INTERVIEWER)])
    # Nothing else was saved, and the page was not told to reload: it heard data.changed.
    assert "Nadia Novak" in _names(page)
    row = page.model.row_of(page.model.item(_names(page).index("Nadia Novak")).id)
    assert page.model.index(row, 7).data() == 1  # on the new interview


def test_a_hidden_page_catches_up_when_shown(page: ContactsPage, store: Store) -> None:
    page.hide()
    store.contacts.create(ContactFields(name="Aaron First"))
    page.show()
    assert "Aaron First" in _names(page)


def test_keyboard_goes_from_the_list_to_the_card_and_saves(
    qtbot: QtBot, page: ContactsPage, store: Store
) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    page.table.selectRow(3)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.editor.name.hasFocus()
    qtbot.keyClick(page.editor.name, Qt.Key.Key_Tab)
    assert page.editor.title.hasFocus()
    page.editor.title.selectAll()
    qtbot.keyClicks(page.editor.title, "Chief Data Officer")
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(page.editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert store.contacts.get(page.editor.contact_id).title == "Chief Data Officer"  # type: ignore[arg-type]


def test_person_picker_offers_every_card_with_its_title_and_company(
    qtbot: QtBot, store: Store
) -> None:
    picker = PersonPicker()
    qtbot.addWidget(picker)
    picker.set_contacts(contact_choices(store.contacts.items()))
    offered = [picker.who.itemText(i) for i in range(picker.who.count())]
    assert offered == [
        "Laura Chen (Engineering Manager, Acme)",
        "Omar O'Hara (Staff Engineer, Acme)",
        "Rita Recruiter (Globex)",
        "Zoë Ångström (Head of Data, A&B <Labs>)",
        "张伟 (技术总监, Sakura KK)",
    ]
    picker.who.setEditText("Laura Chen (Engineering Manager, Acme)")
    person = picker.current()
    assert person is not None and person.name == "Laura Chen" and person.contact_id is not None


def test_tab_visits_every_value_control_of_the_card_in_order(
    qtbot: QtBot, page: ContactsPage
) -> None:
    """Issue 12 §3's lists are reached from the keyboard: each kind's value, its list, its
    labels and buttons, then the next kind, then the channel."""
    editor = page.editor
    expected = [
        editor.company,
        editor.salutation,
        editor.family_name,
        editor.email,
        editor.emails.list,
        editor.emails.labels,
        editor.emails.use_button,
        editor.emails.add_button,
        editor.emails.remove_button,
        editor.phone,
        editor.phones.list,
        editor.phones.labels,
        editor.phones.use_button,
        editor.phones.add_button,
        editor.phones.remove_button,
        editor.addresses.street,
        editor.addresses.locality,
        editor.addresses.region,
        editor.addresses.postal_code,
        editor.addresses.country,
        editor.addresses.list,
        editor.addresses.labels,
        editor.addresses.use_button,
        editor.addresses.add_button,
        editor.addresses.remove_button,
        editor.channel,
    ]
    # A button that cannot be pressed (the value shown is the one in use) is passed over.
    expected = [widget for widget in expected if widget.isEnabled()]
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    editor.company.setFocus()
    qtbot.waitUntil(editor.company.hasFocus)
    visited = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert [w.objectName() or type(w).__name__ for w in visited] == [
        w.objectName() or type(w).__name__ for w in expected
    ]
    assert visited == expected
