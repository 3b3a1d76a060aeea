"""The contact card's status line says what is true now (tester's F5): after a conflict's
Cancel the card is unsaved because another computer saved first, after "Reload theirs" it
shows their card, and neither is "fix the marked fields" when no field is marked. Both
backends; the other computer is a real second process."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from afterview.store.operations import Store
from afterview.store.values import ContactFields
from afterview.ui.contacts_page import ContactsPage
from afterview.ui.data import DataAccess
from tests.ui.conftest import ShowPage

# A conflict dialog nobody answers is closed and fails the test (instead of waiting).
from tests.ui.test_conflicts import answer, elsewhere, no_unexpected_dialog  # noqa: F401

FIX_FIELDS = "Not saved: fix the marked fields."


def _page_on(
    data: DataAccess, store: Store, show_page: ShowPage, data_dir: Path
) -> tuple[ContactsPage, int]:
    contact_id = store.contacts.create(ContactFields(name="Ann Lee", title="CTO")).value
    page = show_page(ContactsPage(data), 1000, 600)
    page.reload()
    page.select(contact_id)
    assert page.editor.contact_id == contact_id
    elsewhere(
        data_dir,
        f"""
        card = store.contacts.get({contact_id})
        store.contacts.update({contact_id}, replace(ContactFields.of(card), title="CFO"))
        """,
    )
    return page, contact_id


def test_cancel_says_another_computer_saved_first(
    qtbot: QtBot, data: DataAccess, store: Store, show_page: ShowPage, data_dir: Path
) -> None:
    page, _contact_id = _page_on(data, store, show_page, data_dir)
    page.editor.notes.setPlainText("Met at PyCon")
    answer(lambda dialog: dialog.reject())
    assert page.save() is None
    assert page.status.text() == (
        "Not saved: this was changed on another computer. Save again to compare and choose."
    )
    # Saving again and keeping mine: the line says it is saved, nothing stale stays.
    answer(lambda dialog: dialog.keep.click())
    assert page.save() is not None
    assert page.status.text() == "Saved."


def test_reload_theirs_says_the_card_shows_theirs(
    qtbot: QtBot, data: DataAccess, store: Store, show_page: ShowPage, data_dir: Path
) -> None:
    page, contact_id = _page_on(data, store, show_page, data_dir)
    page.editor.title.setText("Chief Technology Officer")
    answer(lambda dialog: dialog.reload.click())
    assert page.save() is None
    assert page.editor.title.text() == "CFO"
    assert page.status.text() == "Not saved: this card now shows what the other computer saved."
    assert not page.editor.is_dirty()
    assert store.contacts.get(contact_id).title == "CFO"


def test_a_marked_field_still_says_fix_the_marked_fields(
    qtbot: QtBot, data: DataAccess, store: Store, show_page: ShowPage, data_dir: Path
) -> None:
    page, _contact_id = _page_on(data, store, show_page, data_dir)
    page.editor.email.setText("ann@")
    assert page.save() is None
    assert page.status.text() == FIX_FIELDS
