"""The contact card as a screen reader and a keyboard meet it (issue 15): each error tied to
its field and announced, Save saying why it is off, the phone left as stored when only
passed through, combo boxes named by a related label, Tab leaving the lists, and focus
after adding or removing a way to reach someone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from afterview.interop.vcard import parse_vcards
from afterview.store.operations import Store
from afterview.ui.assistive import is_invalid
from afterview.ui.contact_editor import ContactEditor, ContactEditorDialog
from afterview.ui.contacts_page import ContactsPage
from afterview.ui.data import DataAccess
from afterview.ui.postal_address_form import PostalAddressForm
from afterview.ui.validators import plain_label

BAD_EMAIL = "The part after the @-sign contains invalid characters: '@'."
SHORT_PHONE = "Too short for a number in the United States"


def _dialog(qtbot: QtBot, data: DataAccess) -> ContactEditorDialog:
    dialog = ContactEditorDialog(data)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _focus_lands_on(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_an_email_error_is_the_fields_description_announced_and_explains_save(
    qtbot: QtBot, data: DataAccess, heard: list[tuple[str, bool]]
) -> None:
    dialog = _dialog(qtbot, data)
    editor = dialog.editor
    qtbot.keyClicks(editor.name, "Ann Example")
    qtbot.keyClicks(editor.email, "ann@@example.com")
    assert is_invalid(editor.email)
    assert editor.email.accessibleDescription() == BAD_EMAIL
    assert (BAD_EMAIL, True) in heard
    # The message under the field is read as words, not as its "✕" sign or an object name.
    assert editor.email_message.accessibleName() == f"Error: {BAD_EMAIL}"
    # Save is off, and says why to whoever reaches it.
    assert not dialog.save_button.isEnabled()
    assert dialog.save_button.toolTip() == f"Fix this first: {BAD_EMAIL}"
    assert dialog.save_button.accessibleDescription() == f"Fix this first: {BAD_EMAIL}"

    editor.email.clear()
    qtbot.keyClicks(editor.email, "ann@example.com")
    assert not is_invalid(editor.email) and editor.email.accessibleDescription() == ""
    assert dialog.save_button.isEnabled()
    assert dialog.save_button.toolTip() == "" and dialog.save_button.accessibleDescription() == ""


def test_phone_and_name_errors_are_tied_to_their_fields(
    qtbot: QtBot, data: DataAccess, heard: list[tuple[str, bool]]
) -> None:
    dialog = _dialog(qtbot, data)
    editor = dialog.editor
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # an empty new card
    assert is_invalid(editor.name)
    assert editor.name.accessibleDescription() == "A name is required"
    assert ("A name is required", True) in heard
    assert dialog.save_button.accessibleDescription() == "Fix this first: A name is required"
    qtbot.keyClicks(editor.name, "Ann")
    assert not is_invalid(editor.name) and editor.name.accessibleDescription() == ""

    qtbot.keyClicks(editor.phone, "555 01")
    assert is_invalid(editor.phone)
    assert editor.phone.accessibleDescription() == SHORT_PHONE
    assert heard[-1] == (SHORT_PHONE, True)
    assert dialog.save_button.accessibleDescription() == f"Fix this first: {SHORT_PHONE}"


def test_a_warning_is_the_fields_description_but_not_an_error(
    qtbot: QtBot, data: DataAccess, heard: list[tuple[str, bool]]
) -> None:
    dialog = _dialog(qtbot, data)
    editor = dialog.editor
    qtbot.keyClicks(editor.name, "L. Chen")
    qtbot.keyClicks(editor.email, "Laura.Chen@acme.example")
    warning = "Another card has this email: Laura Chen (Acme). Same person?"
    assert editor.email.accessibleDescription() == warning
    assert editor.email_message.accessibleName() == f"Warning: {warning}"
    assert not is_invalid(editor.email)
    assert all(text != warning for text, _ in heard)  # said on reaching the field, not typing
    assert dialog.save_button.isEnabled() and dialog.save_button.toolTip() == ""


def test_passing_through_a_stored_phone_does_not_change_the_card(
    qtbot: QtBot, data: DataAccess, store: Store
) -> None:
    # Imported as an address book wrote it: not the way Afterview would format it.
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pat Lee\r\nTEL:+1 212 555 1234\r\nEND:VCARD\r\n"
    assert store.contacts.import_cards(parse_vcards(card).cards).value is not None
    contact_id = next(c.id for c in store.contacts.all() if c.name == "Pat Lee")
    dialog = _dialog(qtbot, data)
    editor = dialog.editor
    editor.load(contact_id)
    assert editor.phone.text() == "+1 212 555 1234"
    dialog.activateWindow()
    editor.phone.setFocus()
    _focus_lands_on(qtbot, editor.phone)
    qtbot.keyClick(editor.phone, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not editor.phone)
    assert editor.phone.text() == "+1 212 555 1234"
    assert not editor.is_dirty()

    # A number typed anew is still formatted on leaving the field.
    editor.phone.setFocus()
    _focus_lands_on(qtbot, editor.phone)
    editor.phone.clear()
    qtbot.keyClicks(editor.phone, "(212) 555-9876")
    qtbot.keyClick(editor.phone, Qt.Key.Key_Tab)
    assert editor.phone.text() == "+1 212-555-9876"
    assert editor.is_dirty()


def _related_label(widget: QWidget) -> str:
    """The text of the label Qt relates to ``widget`` (what AT-SPI's labelled-by gives)."""
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None
    labels = [
        other.text(QAccessible.Text.Name)
        for other, _relation in face.relations(QAccessible.RelationFlag.Label)
    ]
    return " ".join(labels)


def test_every_combo_box_on_the_card_has_a_related_label(qtbot: QtBot, data: DataAccess) -> None:
    editor = ContactEditor(data)
    qtbot.addWidget(editor)
    editor.show()
    combos = [c for c in editor.findChildren(QComboBox) if c.isVisibleTo(editor)]
    assert {c.objectName() for c in combos} == {"salutation", "preferred_channel"}
    assert _related_label(editor.salutation).replace("&", "") == "Salutation"
    assert _related_label(editor.channel).replace("&", "") == "Prefers"


def test_the_ways_lists_let_tab_leave(qtbot: QtBot, data: DataAccess) -> None:
    dialog = _dialog(qtbot, data)
    editor = dialog.editor
    editor.load(None, name="Ann")
    for ways in (editor.emails, editor.phones, editor.addresses):
        ways.add()
        ways.add()  # one row more than the first: Tab could walk from row to row
        ways.select(0)
    dialog.activateWindow()
    for ways in (editor.emails, editor.phones, editor.addresses):
        ways.list.setFocus()
        _focus_lands_on(qtbot, ways.list)
        qtbot.keyClick(ways.list, Qt.Key.Key_Tab)
        _focus_lands_on(qtbot, ways.labels)


def test_focus_after_adding_and_removing_a_way_to_reach(
    qtbot: QtBot, data: DataAccess, heard: list[tuple[str, bool]]
) -> None:
    dialog = _dialog(qtbot, data)
    editor = dialog.editor
    editor.load(None, name="Ann")
    dialog.activateWindow()
    emails = editor.emails
    emails.value.setFocus()
    _focus_lands_on(qtbot, emails.value)
    qtbot.keyClicks(emails.value, "ann@example.com")
    emails.add_button.setFocus()
    _focus_lands_on(qtbot, emails.add_button)
    qtbot.keyClick(emails.add_button, Qt.Key.Key_Space)
    _focus_lands_on(qtbot, emails.value)  # where the new one is typed
    qtbot.keyClicks(emails.value, "ann@work.example")
    assert emails.model.rowCount() == 2

    # Removing one: focus on the list, on the one now selected (Remove stays a Tab away).
    emails.remove_button.setFocus()
    _focus_lands_on(qtbot, emails.remove_button)
    qtbot.keyClick(emails.remove_button, Qt.Key.Key_Space)
    _focus_lands_on(qtbot, emails.list)
    assert emails.model.rowCount() == 1
    assert heard[-1] == ("Removed ann@work.example", False)

    # Removing the last one: nothing to select; focus where a new one is typed.
    emails.remove_button.setFocus()
    _focus_lands_on(qtbot, emails.remove_button)
    qtbot.keyClick(emails.remove_button, Qt.Key.Key_Space)
    _focus_lands_on(qtbot, emails.value)
    assert emails.model.rowCount() == 0
    assert heard[-1] == ("Removed ann@example.com", False)


def test_the_cards_messages_are_read_by_their_words(qtbot: QtBot, data: DataAccess) -> None:
    editor = ContactEditor(data)
    qtbot.addWidget(editor)
    editor.load(None, name="Ann")
    editor.show()
    # No label on the card is named after its object name ("greeting hint", "name message").
    for label in editor.findChildren(QLabel):
        name = label.accessibleName()
        assert not name or name != label.objectName(), label.objectName()
        assert "message" not in name and "hint" not in name, name
    face = QAccessible.queryAccessibleInterface(editor.greeting_hint)
    assert face is not None
    assert face.text(QAccessible.Text.Name) == ("Used only for a letter's greeting: “Dear Ann”.")


def test_tab_goes_down_the_card_as_it_reads(qtbot: QtBot, data: DataAccess) -> None:
    dialog = _dialog(qtbot, data)
    editor = dialog.editor
    editor.load(None, name="Ann")  # no ways yet: Use and Remove are grey, so not visited
    dialog.activateWindow()
    editor.name.setFocus()
    _focus_lands_on(qtbot, editor.name)
    expected = [
        editor.title,
        editor.company,
        editor.salutation,
        editor.family_name,
        editor.email,
        editor.emails.list,
        editor.emails.labels,
        editor.emails.add_button,
        editor.phone,
        editor.phones.list,
        editor.phones.labels,
        editor.phones.add_button,
        editor.addresses.street,
        editor.addresses.locality,
        editor.addresses.region,
        editor.addresses.postal_code,
        editor.addresses.country,
        editor.addresses.list,
        editor.addresses.labels,
        editor.addresses.add_button,
        editor.channel,
        editor.notes,
    ]
    visited = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert [w.objectName() for w in visited] == [w.objectName() for w in expected]
    qtbot.keyClick(editor.notes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in dialog.buttons.buttons()


def test_on_the_contacts_page_save_says_why_and_focus_stays_on_the_card(
    qtbot: QtBot, data: DataAccess, heard: list[tuple[str, bool]]
) -> None:
    page = ContactsPage(data)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitActive(page)
    page.new_contact()
    editor = page.editor
    qtbot.keyClicks(editor.name, "Ann Example")
    qtbot.keyClicks(editor.email, "ann@@example.com")
    assert not page.save_button.isEnabled()
    assert page.save_button.accessibleDescription() == f"Fix this first: {BAD_EMAIL}"
    assert page.save_button.toolTip() == f"Fix this first: {BAD_EMAIL}"
    editor.email.clear()
    qtbot.keyClicks(editor.email, "ann@example.com")
    assert page.save_button.isEnabled() and page.save_button.accessibleDescription() == ""

    page.save_button.setFocus()
    _focus_lands_on(qtbot, page.save_button)
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: editor.contact_id is not None)
    assert not page.save_button.isEnabled()  # nothing left to save
    _focus_lands_on(qtbot, editor.name)  # not "New contact", where Qt would move it


def test_an_address_parts_problem_is_its_description(qtbot: QtBot, data: DataAccess) -> None:
    editor = ContactEditor(data)
    qtbot.addWidget(editor)
    editor.load(None, name="Ann")
    addresses = editor.addresses
    addresses.street.setPlainText("400 Lake Shore Dr")
    addresses.locality.setText("Chicago")
    addresses.region.setText("IL")
    addresses.country.setText("US")
    assert addresses.postal_code.accessibleDescription() == (
        "An address in the United States needs a ZIP code."
    )
    assert addresses.street.accessibleDescription() == ""
    addresses.postal_code.setText("60611")
    assert addresses.postal_code.accessibleDescription() == ""


def test_the_address_forms_problem_is_its_parts_description(qtbot: QtBot) -> None:
    form = PostalAddressForm()
    qtbot.addWidget(form)
    form.street.setPlainText("400 Lake Shore Dr")
    form.locality.setText("Chicago")
    form.region.setText("IL")
    form.country.setText("US")
    assert form.postal_code.accessibleDescription() == (
        "An address in the United States needs a ZIP code."
    )
    assert form.message.accessibleName() == (
        "Warning: An address in the United States needs a ZIP code."
    )
    form.postal_code.setText("60611")
    assert form.postal_code.accessibleDescription() == ""


def test_use_this_one_leaves_focus_on_the_list_and_says_so(
    qtbot: QtBot, data: DataAccess, heard: list[tuple[str, bool]]
) -> None:
    dialog = _dialog(qtbot, data)
    editor = dialog.editor
    editor.load(None, name="Ann")
    dialog.activateWindow()
    phones = editor.phones
    phones.value.setFocus()
    _focus_lands_on(qtbot, phones.value)
    qtbot.keyClicks(phones.value, "+1 212 555 0100")
    phones.add()
    qtbot.keyClicks(phones.value, "+1 212 555 0199")
    phones.use_button.setFocus()
    _focus_lands_on(qtbot, phones.use_button)
    qtbot.keyClick(phones.use_button, Qt.Key.Key_Space)
    _focus_lands_on(qtbot, phones.list)  # not "Add", where Qt moves it from a grey button
    assert phones.model.used() == 1
    assert heard[-1] == ("Letters and drafts go to +1 212-555-0199", False)  # as formatted
    assert phones.use_button.accessibleName() == "Use this phone number"


def test_a_status_label_from_validators_is_read_by_its_text(qtbot: QtBot) -> None:
    # The contacts page's status and the settings' error are made by validators.plain_label.
    label = plain_label("Saved.", name="contacts status")
    qtbot.addWidget(label)
    assert label.objectName() == "contacts status" and label.accessibleName() == ""
    label.setText("Deleted card Ann.")
    face = QAccessible.queryAccessibleInterface(label)
    assert face is not None and face.text(QAccessible.Text.Name) == "Deleted card Ann."
