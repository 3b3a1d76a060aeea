"""Issue 14 on the contact card, through the window: the salutation and family name a letter
greets with; "A name is required" only once it is the user's concern; "No contact cards yet."
only without cards; sample cards marked on the Contacts page; Save on screen at 800 x 600;
a card made from an interview pre-filled with its company."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from afterview.store.operations import Store
from afterview.ui.contact_editor import ContactEditorDialog
from afterview.ui.contacts_model import SAMPLE_COLUMN
from afterview.ui.contacts_page import ContactsPage
from afterview.ui.data import DataAccess
from afterview.ui.main_window import CONTACTS, MainWindow
from afterview.ui.workspace import INTERVIEWS, Workspace
from tests.ui.conftest import ShowPage


def _select(page: ContactsPage, name: str) -> None:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data() == name:
            page.table.selectRow(row)
            break
    assert page.editor.name.text() == name


def _on_screen(widget: QWidget, window: QWidget) -> bool:
    """The whole widget is inside the window and no scroll area hides it."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    return (
        widget.isVisible() and window.rect().contains(rect) and not widget.visibleRegion().isEmpty()
    )


def test_a_salutation_and_family_name_are_typed_saved_and_make_the_greeting(
    qtbot: QtBot, data: DataAccess, store: Store, show_page: ShowPage
) -> None:
    page = show_page(ContactsPage(data), 1000, 700)
    _select(page, "Laura Chen")
    editor = page.editor
    assert editor.salutation.currentText() == "none" and editor.family_name.text() == ""
    assert editor.greeting_hint.text() == "Used only for a letter's greeting: “Dear Laura Chen”."

    editor.salutation.setFocus()
    qtbot.keyClick(editor.salutation, Qt.Key.Key_Down)  # none -> Ms
    assert editor.salutation.currentText() == "Ms"
    # A salutation alone is allowed, and the hint says the letter still uses the full name.
    assert "Without a family name" in editor.greeting_hint.text()
    assert "“Dear Laura Chen”" in editor.greeting_hint.text()
    assert page.save_button.isEnabled()
    qtbot.keyClicks(editor.family_name, "Chen")
    assert editor.greeting_hint.text() == "Used only for a letter's greeting: “Dear Ms Chen”."
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    laura = next(c for c in store.contacts.all() if c.name == "Laura Chen")
    assert (laura.salutation, laura.family_name, laura.greeting) == ("Ms", "Chen", "Ms Chen")

    # Another card and back: the fields show what was stored.
    _select(page, "Omar O'Hara")
    assert editor.salutation.currentText() == "none" and editor.family_name.text() == ""
    _select(page, "Laura Chen")
    assert editor.salutation.currentText() == "Ms" and editor.family_name.text() == "Chen"
    # The labels name both fields for the keyboard and a screen reader.
    assert editor.salutation.accessibleName() == "Salutation"
    assert editor.family_name.accessibleName() == "Family name"


def test_a_name_is_required_only_once_touched_or_saved(
    qtbot: QtBot, data: DataAccess, show_page: ShowPage
) -> None:
    page = show_page(ContactsPage(data), 1000, 700)
    editor = page.editor
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert editor.contact_id is None and not editor.name_message.isVisible()
    # Typing elsewhere first: Save can be tried, and says what is missing.
    qtbot.keyClicks(editor.title, "CTO")
    assert not editor.name_message.isVisible() and page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert editor.name_message.isVisible()
    assert editor.name_message.text() == "✕ A name is required"
    assert not page.save_button.isEnabled() and editor.name.hasFocus()
    qtbot.keyClicks(editor.name, "Ann")
    assert not editor.name_message.isVisible() and page.save_button.isEnabled()

    # Typing in the name and taking it out again counts as touching it; the focus a new card
    # gives the name field, and leaving it, do not.
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert editor.name.hasFocus() and not editor.name_message.isVisible()
    qtbot.mouseClick(editor.title, Qt.MouseButton.LeftButton)
    assert editor.title.hasFocus() and not editor.name_message.isVisible()
    qtbot.keyClicks(editor.name, "A")
    qtbot.keyClick(editor.name, Qt.Key.Key_Backspace)
    assert editor.name_message.isVisible()


def test_no_contact_cards_yet_only_when_there_are_none(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    window.show_page(CONTACTS)
    page = window.stack.currentWidget()
    assert isinstance(page, ContactsPage)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text().startswith("No contact cards yet.")
    assert not page.editor_buttons.isVisible()

    workspace.add_sample()
    window.show_page(CONTACTS)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)  # the sample's four cards
    assert page.stack.currentIndex() == 1 and page.editor_buttons.isVisible()
    qtbot.keyClicks(page.filter, "no such person")
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty)
    assert "No contact cards yet." not in page.empty.text()
    assert page.empty.text().startswith("No card matches the filter.")


def test_sample_cards_are_marked_in_the_list_and_on_the_card(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, data_dir: object
) -> None:
    workspace.add_sample()
    window.show_page(CONTACTS)
    page = window.stack.currentWidget()
    assert isinstance(page, ContactsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)  # the sample's four cards
    assert not page.table.isColumnHidden(SAMPLE_COLUMN)
    # Beside the name, where the eye reads it first.
    assert page.table.horizontalHeader().visualIndex(SAMPLE_COLUMN) == 1
    marks = {
        page.proxy.index(row, 0).data(): page.proxy.index(row, SAMPLE_COLUMN).data()
        for row in range(page.proxy.rowCount())
    }
    assert marks["Laura Chen"] == "Sample" and set(marks.values()) == {"Sample"}
    _select(page, "Laura Chen")
    assert page.editor.sample_note.isVisible()
    assert "Remove sample data" in page.editor.sample_note.text()

    # A card of the user's own is not marked.
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert not page.editor.sample_note.isVisible()
    qtbot.keyClicks(page.editor.name, "Maria Anders")
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    row = next(
        r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == "Maria Anders"
    )
    assert page.proxy.index(row, SAMPLE_COLUMN).data() == ""
    assert not page.editor.sample_note.isVisible()

    # Without sample data the column goes.
    workspace.remove_sample()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.table.isColumnHidden(SAMPLE_COLUMN)


def test_at_800_by_600_save_is_on_screen_on_the_page_and_in_the_dialog(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    window.resize(800, 600)
    workspace.add_sample()
    window.show_page(CONTACTS)
    page = window.stack.currentWidget()
    assert isinstance(page, ContactsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)  # the sample's four cards
    _select(page, "Zoë Ångström")  # the card with an address: the longest
    QApplication.processEvents()
    # The card is taller than the window: it scrolls, and Save stays put below it.
    assert page.editor.height() > page.stack.height()
    page.editor.notes.setFocus()
    qtbot.keyClicks(page.editor.notes, " More.")
    assert _on_screen(page.save_button, window) and page.save_button.isEnabled()
    assert _on_screen(page.revert_button, window)
    # Nothing sideways: the messages go under their fields, where they are seen.
    scroll = page.stack.currentWidget()
    assert page.editor.width() <= scroll.viewport().width()  # type: ignore[attr-defined]
    assert not page.editor.messages_beside
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor.title, "CTO")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert _on_screen(page.editor.name_message, window)
    under = page.editor.name_message.mapTo(window, QPoint(0, 0)).y()
    assert under > page.editor.name.mapTo(window, QPoint(0, 0)).y() + page.editor.name.height() - 1

    dialog = ContactEditorDialog(workspace.data, window)
    qtbot.addWidget(dialog)
    dialog.editor.load(None, company="Northwind")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 800 and dialog.height() <= 600
    assert dialog.editor.height() > dialog.scroll.viewport().height()  # it scrolls
    assert _on_screen(dialog.save_button, dialog) and dialog.save_button.isEnabled()
    assert not dialog.editor.name_message.isVisible()
    dialog.reject()


def test_a_person_added_on_the_people_tab_gets_the_interviews_company(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    workspace.add_sample()
    window.show_page(INTERVIEWS)
    page = workspace.page
    acme = next(
        row for row in range(page.model.rowCount()) if page.model.index(row, 1).data() == "Acme"
    )
    page.select(page.model.interview_id(acme) or 0)
    page.detail.tabs.setCurrentIndex(1)
    people = page.detail.people
    people.picker.who.setEditText("Ingrid Berg")
    qtbot.mouseClick(people.picker.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(
            people.tree.topLevelItem(n).text(0) == "Ingrid Berg"
            for n in range(people.tree.topLevelItemCount())
        )
    )
    ingrid = next(c for c in workspace.store.contacts.all() if c.name == "Ingrid Berg")
    assert ingrid.company == "Acme"


def test_the_import_preview_says_whom_letters_will_greet(qapp: object) -> None:
    from afterview.interop.vcard import parse_vcards
    from afterview.ui.vcard_preview_model import NAME, VCardPreviewModel

    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maria Anders\r\nN:Anders;Maria;;Ms.;\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Berg\r\nN:Berg;Bo;;Prof.;\r\nEND:VCARD\r\n"
    )
    model = VCardPreviewModel(parse_vcards(data).cards, {})
    maria = model.index(0, NAME).data(Qt.ItemDataRole.ToolTipRole)
    bo = model.index(1, NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert "Letters will greet “Dear Ms Anders”" in maria
    assert "greet" not in bo
