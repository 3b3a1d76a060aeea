"""The vCard import preview: duplicates marked, merge or skip, bad cards listed, one
transaction on Import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from afterview.interop.vcard import Choice, find_duplicates, parse_vcards
from afterview.store.operations import Store
from afterview.ui.data import DataAccess
from afterview.ui.vcard_import_dialog import VCardImportDialog
from afterview.ui.vcard_preview_model import ACTION, DUPLICATE, ChoiceRole, VCardPreviewModel

CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcf"
#: How long a big file may take to read on a busy two-core machine.
READ_TIMEOUT_MS = 120_000


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


def _open(qtbot: QtBot, data: DataAccess, path: Path) -> VCardImportDialog:
    dialog = VCardImportDialog(data, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _dialog(qtbot: QtBot, data: DataAccess, path: Path) -> VCardImportDialog:
    """The dialog once the file has been read."""
    dialog = _open(qtbot, data, path)
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=READ_TIMEOUT_MS)
    return dialog


def _names(store: Store) -> dict[str, Any]:
    return {contact.name: contact for contact in store.contacts.all()}


def test_the_preview_model_passes_the_model_tester(
    qtmodeltester: ModelTester, store: Store
) -> None:
    parsed = parse_vcards((CORPUS / "google_contacts_3.0.vcf").read_bytes())
    duplicates = find_duplicates(store, parsed)
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


def test_duplicates_and_bad_cards_are_shown(
    qtbot: QtBot, data: DataAccess, mixed_file: Path
) -> None:
    dialog = _dialog(qtbot, data, mixed_file)
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


def test_merge_one_skip_another_then_import(
    qtbot: QtBot, data: DataAccess, store: Store, mixed_file: Path
) -> None:
    dialog = _dialog(qtbot, data, mixed_file)
    dialog.set_choice(3, checked=False)  # skip Rita's card
    dialog.skip_bad.setChecked(True)
    with qtbot.waitSignal(dialog.imported) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    summary = signal.args[0]
    assert (summary.added, summary.merged, summary.skipped, summary.bad) == (2, 1, 1, 1)
    contacts = _names(store)
    assert contacts["Laura Chen"].title == "Director"  # merged
    assert contacts["Rita Recruiter"].title == ""  # skipped: untouched
    assert "New <b>Person</b>" in contacts and "After Broken" in contacts
    assert "Broken" not in contacts


def test_skip_all_duplicates(qtbot: QtBot, data: DataAccess, mixed_file: Path) -> None:
    dialog = _dialog(qtbot, data, mixed_file)
    qtbot.mouseClick(dialog.skip_all, Qt.MouseButton.LeftButton)
    assert dialog.choices() == {1: Choice.SKIP, 2: Choice.IMPORT, 3: Choice.SKIP, 5: Choice.IMPORT}
    qtbot.mouseClick(dialog.merge_all, Qt.MouseButton.LeftButton)
    assert dialog.choices()[1] is Choice.MERGE


def test_a_file_without_cards_cannot_be_imported(qtbot: QtBot, data: DataAccess) -> None:
    dialog = _dialog(qtbot, data, CORPUS / "bad_binary_junk.vcf")
    assert dialog.model.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    assert dialog.problems.item(0).text().startswith("Line 1: no contact cards in this file")
    dialog.skip_bad.setChecked(True)
    assert not dialog.import_button.isEnabled()


def test_an_unreadable_file_says_why(qtbot: QtBot, data: DataAccess, tmp_path: Path) -> None:
    missing = tmp_path / "missing.vcf"
    dialog = _dialog(qtbot, data, missing)
    assert dialog.error.isVisible()
    assert dialog.error.text() == f"cannot read {missing}: No such file or directory"
    assert not dialog.import_button.isEnabled() and not dialog.progress.isVisible()


def test_a_file_too_big_to_import_says_so_in_words(
    qtbot: QtBot, data: DataAccess, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.vcf"
    with huge.open("wb") as handle:
        handle.truncate(101 * 1024 * 1024)  # sparse: refused by its size, never read
    dialog = _dialog(qtbot, data, huge)
    assert dialog.error.text() == (
        f"{huge} is 101 MB; a contact card file of at most 100 MB can be imported"
    )
    assert dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_a_failed_import_writes_nothing_and_says_so(
    qtbot: QtBot, data: DataAccess, store: Store, mixed_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterview.store import card_import
    from afterview.store.errors import StoreError

    def broken(*_args: Any) -> None:
        raise StoreError("the disk is full")

    dialog = _dialog(qtbot, data, mixed_file)
    dialog.skip_bad.setChecked(True)
    before = set(_names(store))
    monkeypatch.setattr(card_import.steps, "replan", broken)  # fails after rows are added
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.summary is None
    assert dialog.error.text() == "Nothing was imported: the disk is full"
    assert set(_names(store)) == before


# --- a big file: read off the GUI thread --------------------------------------------------


def _big_file(folder: Path, count: int) -> Path:
    path = folder / "big.vcf"
    path.write_bytes(
        b"".join(
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nN:%d;Person;;;\r\n"
            b"EMAIL:person%d@example.org\r\nTEL:+1 555 %04d\r\nORG:Org %d\r\n"
            b"TITLE:Title\r\nNOTE:Met at the fair\\, booth %d\r\nEND:VCARD\r\n"
            % (n, n, n, n % 10_000, n, n)
            for n in range(count)
        )
    )
    return path


def test_a_big_file_is_read_while_the_window_stays_responsive(
    qtbot: QtBot, data: DataAccess, tmp_path: Path
) -> None:
    big = _big_file(tmp_path, 15_000)  # about a second of parsing here
    opened: list[VCardImportDialog] = []
    ticks: list[tuple[bool, int]] = []  # (still reading, the bar) at each tick of the GUI thread

    def tick() -> None:
        if opened:
            ticks.append((opened[0].is_reading(), opened[0].progress.value()))

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    try:
        dialog = _open(qtbot, data, big)
        opened.append(dialog)
        assert dialog.is_reading() and not dialog.import_button.isEnabled()
        qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=READ_TIMEOUT_MS)
    finally:
        timer.stop()
    while_reading = [value for reading, value in ticks if reading]
    # The GUI thread kept its timer going while the file was read, and the bar moved through
    # at least two values short of full (per mille of the bytes read).
    assert len(while_reading) >= 3, ticks
    assert len({value for value in while_reading if 0 < value < 1000}) >= 2, while_reading
    assert dialog.model.rowCount() == 15_000
    assert dialog.heading.text() == (
        "15000 good cards in big.vcf; 15000 to add, 0 to merge, 0 to skip."
    )
    assert not dialog.progress.isVisible() and dialog.import_button.isEnabled()


def test_cancel_while_reading_stops_the_reader_and_imports_nothing(
    qtbot: QtBot, data: DataAccess, store: Store, tmp_path: Path
) -> None:
    before = store.contacts.items()
    dialog = _open(qtbot, data, _big_file(tmp_path, 40_000))
    reader = dialog.reader
    assert reader is not None
    qtbot.waitUntil(lambda: dialog.progress.value() > 0)  # under way
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert not dialog.is_reading() and dialog.summary is None
    # Stopped part-way (not left to finish), joined, and then gone.
    assert reader.outcome == "cancelled"
    qtbot.waitUntil(lambda: not shiboken6.isValid(reader))
    assert store.contacts.items() == before


def test_a_dialog_destroyed_while_reading_stops_its_reader(
    qtbot: QtBot, data: DataAccess, store: Store, tmp_path: Path
) -> None:
    dialog = _open(qtbot, data, _big_file(tmp_path, 40_000))
    reader = dialog.reader
    assert reader is not None
    qtbot.waitUntil(lambda: dialog.progress.value() > 0)
    shiboken6.delete(dialog)  # as when the window it belongs to goes, with no close first
    qtbot.waitUntil(lambda: not shiboken6.isValid(reader), timeout=READ_TIMEOUT_MS)
    assert reader.outcome == "cancelled"


def test_a_reader_that_breaks_down_says_so_in_words(
    qtbot: QtBot, data: DataAccess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterview.ui import vcard_import_dialog

    def out_of_memory(*_args: Any) -> None:
        raise MemoryError

    monkeypatch.setattr(vcard_import_dialog, "load_vcards", out_of_memory)
    dialog = _dialog(qtbot, data, _big_file(tmp_path, 10))
    assert dialog.error.text() == "big.vcf could not be read (MemoryError)."
    assert not dialog.import_button.isEnabled() and not dialog.progress.isVisible()


def test_the_preview_is_read_and_left_by_keyboard(
    qtbot: QtBot, data: DataAccess, mixed_file: Path, heard: list[tuple[str, bool]]
) -> None:
    dialog = _dialog(qtbot, data, mixed_file)
    # What the file holds is said once it is read (it is read in the background).
    heading = (
        "4 good cards in phone.vcf; 2 to add, 2 to merge, 0 to skip; 1 problem (listed below)."
    )
    assert (heading, False) in heard
    assert dialog.table.accessibleName() == "Cards in the file"
    assert dialog.problems.accessibleName() == "Cards that cannot be imported"
    # Import is grey while a bad card blocks it, and says why to a screen reader too.
    why = "Tick “Import the good cards…” to import without them"
    assert not dialog.import_button.isEnabled()
    assert dialog.import_button.accessibleDescription() == why
    dialog.skip_bad.setChecked(True)
    assert dialog.import_button.accessibleDescription() == ""
    # Tab leaves the table and the problems list (arrows move inside them).
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    for view in (dialog.table, dialog.problems):
        view.setCurrentIndex(view.model().index(0, 0))
        view.setFocus()
        qtbot.waitUntil(lambda view=view: QApplication.focusWidget() is view)
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda view=view: QApplication.focusWidget() is not view)


def test_an_error_reading_the_file_is_announced(
    qtbot: QtBot, data: DataAccess, tmp_path: Path, heard: list[tuple[str, bool]]
) -> None:
    missing = tmp_path / "missing.vcf"
    _dialog(qtbot, data, missing)
    assert (f"cannot read {missing}: No such file or directory", True) in heard
