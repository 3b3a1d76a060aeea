"""The preview of an email's people (issue 18 §2): it shows what the message gives, every
field can be corrected and every row unticked, Import writes the ticked rows merged by
email, and a file that is not an email shows the reader's message and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from afterview.domain.contact_ways import ways
from afterview.interop.email_contacts import EmailContacts, EmailPerson, load_email
from afterview.store.values import ContactFields, Profile
from afterview.ui import email_preview
from afterview.ui.email_preview import (
    ADDRESS,
    COMPANY,
    EMAIL,
    KNOWN,
    NAME,
    PHONE,
    TICK,
    TITLE,
    EmailPreviewDialog,
    preview_and_import_email,
)
from afterview.ui.widgets import discard_corrections
from afterview.ui.workspace import Workspace

CORPUS = Path(__file__).resolve().parents[1] / "data" / "signatures"
Driver = Callable[[EmailPreviewDialog], int]


def _cells(dialog: EmailPreviewDialog, row: int) -> list[str]:
    table = dialog.table
    return [table.item(row, column).text() for column in range(table.columnCount())]


def _drive(monkeypatch: pytest.MonkeyPatch, driver: Driver) -> list[EmailPreviewDialog]:
    seen: list[EmailPreviewDialog] = []

    def run(dialog: EmailPreviewDialog) -> int:
        seen.append(dialog)
        return driver(dialog)

    monkeypatch.setattr(email_preview, "_run", run)
    return seen


def _contacts(workspace: Workspace) -> dict[str, tuple[str, str, str, str]]:
    return {c.email: (c.name, c.title, c.company, c.phone) for c in workspace.store.contacts.all()}


def test_the_preview_shows_the_message_and_import_writes_the_ticked_rows(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.store.settings.save_profile(Profile(email="jamie.doe@mailbox.example"))
    workspace.store.settings.save_playbook({"home_country": "DE"})  # 030 … is read in Germany

    def driver(dialog: EmailPreviewDialog) -> int:
        assert dialog.table.rowCount() == 2  # Jamie, the user, is left out
        assert _cells(dialog, 0) == [
            "Sender",
            "Anna Schmidt",
            "Personalreferentin",
            "Nordlicht Software GmbH",
            "anna.schmidt@nordlicht-software.example",
            "+49 30 1234567",
            "Friedrichstraße 123, 10117 Berlin",
            "",
        ]
        assert _cells(dialog, 1) == [
            "Cc", "Tobias Keller", "", "", "tobias.keller@nordlicht-software.example", "", "", "",
        ]  # fmt: skip
        assert dialog.heading.text() == (
            "People in 02-lines-de.eml (“Ihr Gespräch am Dienstag”): 2 rows, 2 ticked; your own "
            "address is left out."
        )
        assert dialog.heading.textFormat() == Qt.TextFormat.PlainText
        dialog.table.item(1, TITLE).setText("Leiter <b>Entwicklung</b>")
        dialog.table.item(0, PHONE).setText("030 1234567")
        dialog.import_button.click()
        return dialog.result()

    shown = _drive(monkeypatch, driver)
    assert preview_and_import_email(workspace, CORPUS / "02-lines-de.eml")
    assert len(shown) == 1
    assert _contacts(workspace) == {
        "anna.schmidt@nordlicht-software.example": (
            "Anna Schmidt",
            "Personalreferentin",
            "Nordlicht Software GmbH",
            "+49 30 1234567",
        ),
        "tobias.keller@nordlicht-software.example": (
            "Tobias Keller",
            "Leiter <b>Entwicklung</b>",
            "",
            "",
        ),
    }
    assert workspace.window.statusBar().currentMessage() == (
        "Contacts from the email: 2 added, 0 merged."
    )


def test_an_unticked_row_is_left_out_and_a_known_email_is_marked_and_merged(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = workspace.store.contacts.create(
        ContactFields(name="Sam", emails=ways("SAM.ORTIZ@cedarloop.example"))
    ).value

    def driver(dialog: EmailPreviewDialog) -> int:
        assert [_cells(dialog, row)[EMAIL] for row in range(3)] == [
            "nina.patel@cedarloop.example",
            "jamie.doe@mailbox.example",
            "sam.ortiz@cedarloop.example",
        ]
        assert [_cells(dialog, row)[KNOWN] for row in range(3)] == ["", "", "Yes: Sam"]
        dialog.table.item(1, TICK).setCheckState(Qt.CheckState.Unchecked)
        assert (
            dialog.heading.text()
            == "People in 20-multipart-alt.eml (“Panel confirmed”): 3 rows, 2 ticked."
        )
        dialog.import_button.click()
        return dialog.result()

    _drive(monkeypatch, driver)
    assert preview_and_import_email(workspace, CORPUS / "20-multipart-alt.eml")
    contacts = _contacts(workspace)
    # Merged: the stored address keeps its own spelling, and is there once.
    assert set(contacts) == {"nina.patel@cedarloop.example", "SAM.ORTIZ@cedarloop.example"}
    # What the contact has stays; an email fills only what it lacks.
    assert workspace.store.contacts.get(known).name == "Sam"
    assert contacts["nina.patel@cedarloop.example"][1:] == (
        "Director of People Operations",
        "Cedarloop Health",
        "+1 206-555-0148",
    )
    assert workspace.window.statusBar().currentMessage() == (
        "Contacts from the email: 1 added, 1 merged."
    )


def test_a_bad_edit_says_which_person_and_field_and_writes_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def driver(dialog: EmailPreviewDialog) -> int:
        dialog.table.item(2, EMAIL).setText("sam at cedarloop")
        dialog.import_button.click()
        assert dialog.isVisible() or dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.error.text().startswith(
            "Nothing was imported: person 3 (Sam Ortiz): the email 'sam at cedarloop'"
        )
        assert dialog.error.text().casefold().count("nothing was imported") == 1  # said once
        assert dialog.error.textFormat() == Qt.TextFormat.PlainText
        dialog.reject()  # with a correction: asked first, and Discard is chosen
        return dialog.result()

    asked: list[object] = []
    monkeypatch.setattr(email_preview, "discard_corrections", lambda p: not asked.append(p))
    _drive(monkeypatch, driver)
    assert not preview_and_import_email(workspace, CORPUS / "20-multipart-alt.eml")
    assert len(asked) == 1
    assert workspace.store.contacts.all() == []


def test_a_file_that_is_not_an_email_shows_the_message_and_writes_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(email_preview, "message_box", lambda _p, _i, _t, text: shown.append(text))
    _drive(monkeypatch, lambda _dialog: pytest.fail("no preview for a bad file"))
    notes = tmp_path / "notes.eml"
    notes.write_bytes(b"Call Anna on Monday <b>re: offer</b>\n")
    assert not preview_and_import_email(workspace, notes)
    assert shown == [
        f"{notes} is not an email Afterview can read: it has no From header with an address "
        "(nothing was imported)"
    ]
    assert not preview_and_import_email(workspace, tmp_path)  # a folder
    assert (
        shown[1] == f"{tmp_path} is a folder, not a file: choose the file itself (nothing was read)"
    )
    assert workspace.store.contacts.all() == []


def test_every_field_is_editable_and_the_columns_are_named(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def driver(dialog: EmailPreviewDialog) -> int:
        table = dialog.table
        for column in (NAME, TITLE, COMPANY, EMAIL, PHONE, ADDRESS):
            assert table.item(0, column).flags() & Qt.ItemFlag.ItemIsEditable
        assert table.item(0, TICK).flags() & Qt.ItemFlag.ItemIsUserCheckable
        assert not table.item(0, KNOWN).flags() & Qt.ItemFlag.ItemIsEditable
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert headers == [
            "Import", "Name", "Title", "Company", "Email", "Phone", "Address", "In your contacts",
        ]  # fmt: skip
        dialog.reject()
        return dialog.result()

    _drive(monkeypatch, driver)
    assert not preview_and_import_email(workspace, CORPUS / "03-dashdash-en.eml")


@pytest.mark.parametrize(("screen", "most"), [((1440, 900), (1180, 852)), ((800, 600), (784, 552))])
def test_the_preview_fits_the_screen_and_is_never_wider_than_the_main_window_starts(
    qtbot: QtBot,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    screen: tuple[int, int],
    most: tuple[int, int],
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(0, 0, *screen))
    sender = EmailPerson(
        "Anna Schmidt", "anna@nordlicht.example", "sender", address="Friedrichstraße 123, " * 12
    )
    read = EmailContacts("wide.eml", "Ihr Gespräch", sender, ())
    dialog = EmailPreviewDialog(workspace.data, read, "DE")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # 16 px and 48 px kept for the window manager's borders and title bar.
    assert dialog.width() <= most[0] and dialog.height() <= most[1]
    assert dialog.rect().contains(dialog.buttons.geometry())


def _shown(qtbot: QtBot, workspace: Workspace) -> EmailPreviewDialog:
    read = load_email(CORPUS / "02-lines-de.eml", "DE")
    dialog = EmailPreviewDialog(workspace.data, read, "DE")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


@pytest.mark.parametrize("change", ["edit", "untick"])
def test_closing_with_corrections_asks_first(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    answers = [False, True]  # Keep editing, then Discard
    asked: list[bool] = []

    def discard(_parent: object) -> bool:
        asked.append(answers[len(asked)])
        return asked[-1]

    monkeypatch.setattr(email_preview, "discard_corrections", discard)
    dialog = _shown(qtbot, workspace)
    if change == "edit":
        dialog.table.item(0, PHONE).setText("030 7654321")
    else:
        dialog.table.item(1, TICK).setCheckState(Qt.CheckState.Unchecked)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert asked == [False] and dialog.isVisible()  # Keep editing: still open, still edited
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert asked == [False, True] and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert workspace.store.contacts.all() == []


def test_without_corrections_escape_closes_at_once(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(email_preview, "discard_corrections", lambda p: asked.append(p) or True)
    dialog = _shown(qtbot, workspace)
    dialog.table.item(0, PHONE).setText(dialog.table.item(0, PHONE).text())  # the same text
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert asked == [] and not dialog.isVisible()


def test_moving_between_cells_does_not_open_an_editor_and_f2_does(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = _shown(qtbot, workspace)
    table = dialog.table
    table.setFocus()
    table.setCurrentCell(0, NAME)
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left):
        qtbot.keyClick(table, key)
        assert table.state() != QAbstractItemView.State.EditingState
    assert (table.currentRow(), table.currentColumn()) == (1, NAME)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() == QAbstractItemView.State.EditingState


@pytest.mark.parametrize(("button", "discarded"), [("&Keep editing", False), ("&Discard", True)])
def test_the_question_offers_discard_and_keep_editing(
    qtbot: QtBot, workspace: Workspace, button: str, discarded: bool
) -> None:
    dialog = _shown(qtbot, workspace)
    seen: list[tuple[str, list[str], str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        texts = [b.text() for b in box.buttons()]
        seen.append((box.windowTitle(), sorted(texts), box.defaultButton().text()))
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, answer)
    assert discard_corrections(dialog) is discarded
    assert seen == [("Discard your corrections?", ["&Discard", "&Keep editing"], "&Keep editing")]


def test_a_known_contact_shows_its_own_values_and_a_correction_is_saved(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tester's finding 3: an email's "Sam" must not replace what a contact has, and the
    # preview shows what will be kept; what the user types there is what is saved.
    known = workspace.store.contacts.create(
        ContactFields(
            name="Samuel Ortiz", company="Cedarloop", emails=ways("sam.ortiz@cedarloop.example")
        )
    ).value

    def driver(dialog: EmailPreviewDialog) -> int:
        row = [_cells(dialog, r)[EMAIL] for r in range(3)].index("sam.ortiz@cedarloop.example")
        cells = _cells(dialog, row)
        assert (cells[NAME], cells[TITLE], cells[COMPANY]) == ("Samuel Ortiz", "", "Cedarloop")
        assert dialog.table.item(row, NAME).toolTip() == "The email gives: Sam Ortiz"
        dialog.table.item(row, TITLE).setText("Hiring Manager")
        dialog.import_button.click()
        return dialog.result()

    _drive(monkeypatch, driver)
    assert preview_and_import_email(workspace, CORPUS / "20-multipart-alt.eml")
    sam = workspace.store.contacts.get(known)
    assert (sam.name, sam.title, sam.company) == ("Samuel Ortiz", "Hiring Manager", "Cedarloop")
