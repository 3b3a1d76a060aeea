"""The contact-card editor: inline checks, phone formatting, duplicate email, plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from afterview import paths
from afterview.store.api import open_store
from afterview.store.changes import Kind
from afterview.store.database import Database
from afterview.store.models import ContactRow
from afterview.store.operations import Store
from afterview.ui.contact_editor import ContactEditor, ContactEditorDialog
from afterview.ui.data import DataAccess


def _id(db: Database, name: str) -> int:
    with db.read() as session:
        return session.scalars(select(ContactRow.id).where(ContactRow.name == name)).one()


def _dialog(qtbot: QtBot, data: DataAccess) -> ContactEditorDialog:
    dialog = ContactEditorDialog(data)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_invalid_email_and_phone_are_rejected_beside_the_field(
    qtbot: QtBot, data: DataAccess, db: Database
) -> None:
    dialog = _dialog(qtbot, data)
    editor = dialog.editor
    # A new card is not wrong yet: nothing is said until the user tries to save.
    assert dialog.save_button.isEnabled() and not editor.name_message.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not dialog.save_button.isEnabled()
    assert editor.name_message.isVisible() and "name is required" in editor.name_message.text()
    qtbot.keyClicks(editor.name, "Ann Example")
    assert dialog.save_button.isEnabled() and not editor.name_message.isVisible()

    qtbot.keyClicks(editor.email, "ann@@example.com")
    assert not dialog.save_button.isEnabled()
    assert editor.email_message.isVisible() and editor.email_message.text().startswith("✕")
    assert "@" in editor.email_message.text()
    editor.email.clear()
    qtbot.keyClicks(editor.email, "ann@example.com")
    assert dialog.save_button.isEnabled() and not editor.email_message.isVisible()

    qtbot.keyClicks(editor.phone, "555 01")
    assert not dialog.save_button.isEnabled()
    assert editor.phone_message.text() == "✕ Too short for a number in the United States"
    # The message sits beside the field, on the same row of the card (the phone field is in
    # the phones' list editor: compare where both are on the card).
    field = editor.phone.mapTo(editor.card, QPoint(0, 0))
    assert abs(editor.phone_message.y() - field.y()) < editor.phone.height()
    assert editor.phone_message.x() > field.x() + editor.phone.width()
    # Save refuses too, even if called directly, and writes nothing.
    assert editor.save() is None
    with db.read() as session:
        assert not session.scalars(select(ContactRow).where(ContactRow.name == "Ann Example")).all()


def test_a_valid_phone_is_accepted_and_formatted_in_the_contacts_region(
    qtbot: QtBot, data: DataAccess, db: Database
) -> None:
    editor = ContactEditor(data)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(None, name="Ann")
    editor.phone.setFocus()
    qtbot.keyClicks(editor.phone, "(212) 555-1234")
    qtbot.keyClick(editor.phone, Qt.Key.Key_Return)
    assert editor.phone.text() == "+1 212-555-1234"
    assert editor.is_valid() and not editor.phone_message.isVisible()

    # 张伟 is met in Japan: a national Japanese number reads as one.
    editor.load(_id(db, "张伟"))
    assert editor.region == "JP"
    editor.phone.setFocus()
    qtbot.keyClicks(editor.phone, "03-1234-5678")
    qtbot.keyClick(editor.phone, Qt.Key.Key_Return)
    assert editor.phone.text() == "+81 3-1234-5678"


def test_same_email_as_another_card_warns_but_does_not_block(
    qtbot: QtBot, data: DataAccess
) -> None:
    dialog = _dialog(qtbot, data)
    editor = dialog.editor
    qtbot.keyClicks(editor.name, "L. Chen")
    qtbot.keyClicks(editor.email, "Laura.Chen@acme.example")
    message = editor.email_message
    assert message.isVisible() and message.kind == "warning"
    assert message.text() == "⚠ Another card has this email: Laura Chen (Acme). Same person?"
    assert dialog.save_button.isEnabled()
    # Saved through the store's one write path, which tells the window (and the tray).
    with (
        qtbot.waitSignal(dialog.changed),
        qtbot.waitSignal(data.changed, check_params_cb=lambda c: c.touches(Kind.CONTACTS)),
    ):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ContactEditorDialog.DialogCode.Accepted
    assert dialog.contact_id is not None


def test_names_are_saved_and_shown_exactly_as_typed(
    qtbot: QtBot, data: DataAccess, store: Store
) -> None:
    editor = ContactEditor(data)
    qtbot.addWidget(editor)
    editor.load(None)
    qtbot.keyClicks(editor.name, "<b>Ann</b> & O'Hara")
    qtbot.keyClicks(editor.company, "A&B <Labs>")
    qtbot.keyClicks(editor.notes, "Likes <i>tea</i> & ")
    # QTest types Latin-1 only; an input method commits the rest as one string.
    editor.notes.insertPlainText("张伟's jokes")
    with qtbot.waitSignal(editor.saved) as saved:
        assert editor.save() is not None
    card = store.contacts.get(saved.args[0])
    assert (card.name, card.company, card.notes) == (
        "<b>Ann</b> & O'Hara",
        "A&B <Labs>",
        "Likes <i>tea</i> & 张伟's jokes",
    )


def test_channel_without_a_way_to_reach_them_is_a_hint(qtbot: QtBot, data: DataAccess) -> None:
    editor = ContactEditor(data)
    qtbot.addWidget(editor)
    editor.load(None, name="Ann")
    editor.channel.setCurrentIndex(editor.channel.findData("letter"))
    assert editor.channel_message.kind == "warning" and editor.is_valid()
    assert "address" in editor.channel_message.text()


def test_create_dialog_returns_the_new_id(qtbot: QtBot, data: DataAccess, store: Store) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ContactEditorDialog)
        assert dialog.editor.company.text() == "Sakura KK" and dialog.editor.region == "JP"
        dialog.editor.name.insert("田中 花子")  # as an input method commits it
        qtbot.keyClicks(dialog.editor.phone, "03-1234-5678")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    new_id = ContactEditorDialog.create(data, None, company="Sakura KK", country="JP")
    assert new_id is not None
    card = store.contacts.get(new_id)
    assert (card.name, card.company, card.phone) == ("田中 花子", "Sakura KK", "+81 3-1234-5678")

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
    assert ContactEditorDialog.create(data, None) is None


def test_an_edited_card_is_found_again_after_reopening(
    qtbot: QtBot, data_dir: Path, data: DataAccess, store: Store, db: Database
) -> None:
    omar = _id(db, "Omar O'Hara")
    editor = ContactEditor(data)
    qtbot.addWidget(editor)
    editor.load(omar)
    editor.title.setText("Principal Engineer")
    editor.phone.setText("+1 212 555 0100")
    editor.email.setText("omar@acme.example")
    assert editor.is_dirty()
    assert editor.save() == omar
    assert not editor.is_dirty()
    store.close()
    with open_store(paths.resolve(data_dir)) as again:
        reopened = ContactEditor(DataAccess(again))
        qtbot.addWidget(reopened)
        reopened.load(omar)
        assert reopened.title.text() == "Principal Engineer"
        assert reopened.phone.text() == "+1 212-555-0100"
        assert reopened.email.text() == "omar@acme.example"
        assert reopened.notes.toPlainText() == "Asked about <on-call> & pager duty"
