"""The vCard import preview: duplicates marked, merge or skip, bad cards listed, one
transaction on Import."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from afterview import ipc, paths
from afterview.interop.vcard import Choice, find_duplicates, parse_vcards
from afterview.store import interchange
from afterview.store.database import Database, open_database
from afterview.store.models import ContactRow
from afterview.ui.vcard_import_dialog import VCardImportDialog
from afterview.ui.vcard_preview_model import ACTION, DUPLICATE, ChoiceRole, VCardPreviewModel

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcf"


@pytest.fixture
def db(
    data_dir: Path, sample_document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Database]:
    monkeypatch.setattr(ipc, "notify_changed", lambda where: False)
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


def _cards(*cards: str) -> bytes:
    return "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{c}END:VCARD\r\n" for c in cards).encode()


@pytest.fixture
def mixed_file(tmp_path: Path) -> Path:
    path = tmp_path / "phone.vcf"
    path.write_bytes(
        _cards(
            "FN:Laura Chen\r\nEMAIL:laura.chen@acme.example\r\nTITLE:Director\r\n",
            "FN:New <b>Person</b>\r\nEMAIL:new@example.com\r\n",
            "FN:Rita R.\r\nEMAIL:rita@globex.example\r\nTITLE:Talent\r\n",
        )
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\n"  # no END: card 4 runs into card 5
        + _cards("FN:After Broken\r\n")
    )
    return path


def _dialog(qtbot: QtBot, db: Database, path: Path) -> VCardImportDialog:
    dialog = VCardImportDialog(db, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _names(db: Database) -> dict[str, ContactRow]:
    with db.read() as session:
        return {row.name: row for row in session.scalars(select(ContactRow))}


def test_the_preview_model_passes_the_model_tester(
    qtmodeltester: ModelTester, db: Database
) -> None:
    parsed = parse_vcards((CORPUS / "google_contacts_3.0.vcf").read_bytes())
    with db.read() as session:
        duplicates = find_duplicates(session, parsed)
    model = VCardPreviewModel(parsed.cards, duplicates)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    rita = 1
    assert model.index(rita, DUPLICATE).data() == "Rita Recruiter (same email)"
    assert model.index(rita, ACTION).data(ChoiceRole) == "merge"
    assert model.setData(
        model.index(rita, ACTION), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert model.index(rita, ACTION).data() == "Skip"
    assert model.choices() == {1: Choice.IMPORT, 2: Choice.SKIP, 3: Choice.IMPORT}


def test_duplicates_and_bad_cards_are_shown(qtbot: QtBot, db: Database, mixed_file: Path) -> None:
    dialog = _dialog(qtbot, db, mixed_file)
    model = dialog.model
    assert model.rowCount() == 4  # the broken card is not a row
    assert [model.index(r, DUPLICATE).data() for r in range(4)] == [
        "Laura Chen (same email)",
        "",
        "Rita Recruiter (same email)",
        "",
    ]
    assert model.index(1, 2).data() == "New <b>Person</b>"  # shown as typed, never as markup
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert problems == ["Card 4 (line 18): no END:VCARD before the next card begins at line 21"]
    assert dialog.heading.text() == (
        "4 good cards in phone.vcf; 2 to add, 2 to merge, 0 to skip; 1 problem (listed below)."
    )
    assert dialog.heading.textFormat() == Qt.TextFormat.PlainText
    # A bad card blocks the import until the user chooses to leave it out.
    assert not dialog.import_button.isEnabled()
    dialog.skip_bad.setChecked(True)
    assert dialog.import_button.isEnabled()


def test_merge_one_skip_another_then_import(qtbot: QtBot, db: Database, mixed_file: Path) -> None:
    dialog = _dialog(qtbot, db, mixed_file)
    dialog.set_choice(3, checked=False)  # skip Rita's card
    dialog.skip_bad.setChecked(True)
    with qtbot.waitSignal(dialog.imported) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    summary = signal.args[0]
    assert (summary.added, summary.merged, summary.skipped, summary.bad) == (2, 1, 1, 1)
    contacts = _names(db)
    assert contacts["Laura Chen"].title == "Director"  # merged
    assert contacts["Rita Recruiter"].title == ""  # skipped: untouched
    assert "New <b>Person</b>" in contacts and "After Broken" in contacts
    assert "Broken" not in contacts


def test_skip_all_duplicates(qtbot: QtBot, db: Database, mixed_file: Path) -> None:
    dialog = _dialog(qtbot, db, mixed_file)
    qtbot.mouseClick(dialog.skip_all, Qt.MouseButton.LeftButton)
    assert dialog.choices() == {1: Choice.SKIP, 2: Choice.IMPORT, 3: Choice.SKIP, 5: Choice.IMPORT}
    qtbot.mouseClick(dialog.merge_all, Qt.MouseButton.LeftButton)
    assert dialog.choices()[1] is Choice.MERGE


def test_a_file_without_cards_cannot_be_imported(qtbot: QtBot, db: Database) -> None:
    dialog = _dialog(qtbot, db, CORPUS / "bad_binary_junk.vcf")
    assert dialog.model.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    assert dialog.problems.item(0).text().startswith("Line 1: no contact cards in this file")
    dialog.skip_bad.setChecked(True)
    assert not dialog.import_button.isEnabled()


def test_an_unreadable_file_says_why(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, db, tmp_path / "missing.vcf")
    assert dialog.error.isVisible() and "cannot read" in dialog.error.text()
    assert not dialog.import_button.isEnabled()


def test_a_failed_import_writes_nothing_and_says_so(
    qtbot: QtBot, db: Database, mixed_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterview.interop import vcard_import
    from afterview.store.errors import StoreError

    def broken(*_args: Any) -> None:
        raise StoreError("the disk is full")

    dialog = _dialog(qtbot, db, mixed_file)
    dialog.skip_bad.setChecked(True)
    before = set(_names(db))
    monkeypatch.setattr(vcard_import.steps, "replan", broken)  # fails after rows are added
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.summary is None
    assert dialog.error.text() == "Nothing was imported: the disk is full"
    assert set(_names(db)) == before
