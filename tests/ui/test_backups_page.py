"""Settings → Backups: list with time and size, back up now, restore after a confirmation with
the current data backed up first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store import backup as backups
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.operations import Store
from afterview.store.values import ContactFields
from afterview.ui.backups_model import KIND, SIZE, TAKEN, BackupsModel, human_size
from afterview.ui.backups_page import BackupsPage
from afterview.ui.data import DataAccess

#: Afterview's backups are copies of the SQLite file (a server keeps its own).
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    """The sample, on the real clock: each backup is named after the instant it is taken."""
    with open_store(paths.resolve(data_dir), role="window") as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        yield opened


@pytest.fixture
def page(qtbot: QtBot, data: DataAccess) -> BackupsPage:
    widget = BackupsPage(data)
    qtbot.addWidget(widget)
    widget.resize(700, 480)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _contact_names(store: Store) -> set[str]:
    return {item.name for item in store.contacts.items()}


def test_human_sizes_are_written_as_the_locale_writes_numbers(
    use_locale: Callable[[str], None],
) -> None:
    sizes = (0, 1023, 1024, 5000, 123_456, 10**7)
    use_locale("en_US")
    assert [human_size(n) for n in sizes] == [
        "0 bytes",
        "1,023 bytes",
        "1.0 kB",
        "4.9 kB",
        "120.6 kB",
        "9.5 MB",
    ]
    use_locale("de_DE")
    assert [human_size(n) for n in sizes][1:3] == ["1.023 Bytes", "1,0 kB"]


def test_the_model_lists_backups_newest_first(
    qtmodeltester: ModelTester, store: Store, use_locale: Callable[[str], None]
) -> None:
    use_locale("en_GB")
    where = store.paths
    older = backups.take_backup(where.database, where.backup_dir, backups.BackupKind.AUTO, NOW)
    newer = backups.take_backup(
        where.database, where.backup_dir, backups.BackupKind.MANUAL, NOW.replace(hour=13)
    )
    for made in backups.list_backups(where.backup_dir):
        if made not in (older, newer):  # the import's own automatic backup
            made.path.unlink()
    model = BackupsModel(where.backup_dir)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.backup_at(0) == newer and model.backup_at(1) == older
    assert model.index(0, KIND).data() == "Made by hand"
    assert model.index(1, KIND).data() == "Automatic"
    assert model.index(0, SIZE).data() == human_size(newer.size)
    local = NOW.replace(hour=13).astimezone()
    assert model.index(0, TAKEN).data() == local.strftime("%d/%m/%Y %H:%M")  # en_GB


def test_back_up_now_adds_a_row(page: BackupsPage, qtbot: QtBot) -> None:
    for made in page.model._items:  # the import's own automatic backup
        made.path.unlink()
    page.refresh()
    assert page.model.rowCount() == 0 and page.empty.isVisible()
    assert not page.restore_button.isEnabled()
    with qtbot.waitSignal(page.backed_up):
        qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1 and not page.empty.isVisible()
    assert page.model.index(0, KIND).data() == "Made by hand"
    assert page.status.text().startswith("Backed up now (afterview-")


def test_restore_after_confirmation_keeps_the_current_data_first(
    page: BackupsPage, store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.back_up_now()
    store.contacts.create(ContactFields(name="Added after the backup"))
    assert "Added after the backup" in _contact_names(store)

    asked: list[str] = []
    monkeypatch.setattr(page, "confirm_restore", lambda chosen: asked.append(chosen.name) or False)
    page.select_row(0)
    assert page.restore_button.isEnabled()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert "Added after the backup" in _contact_names(store)  # said no: nothing changed

    monkeypatch.setattr(page, "confirm_restore", lambda chosen: True)
    page.select_row(0)
    with qtbot.waitSignal(page.restored):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert "Added after the backup" not in _contact_names(store)  # the same store still works
    kinds = [page.model.backup_at(r).kind for r in range(page.model.rowCount())]
    assert kinds[0] is backups.BackupKind.PRE_RESTORE  # the data as it was, kept first
    assert "is kept as “Before a restore”" in page.status.text()

    # And back again: the pre-restore backup has the contact.
    page.select_row(0)
    with qtbot.waitSignal(page.restored):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert "Added after the backup" in _contact_names(store)


def test_the_real_confirmation_box_cancel_does_nothing(page: BackupsPage, qtbot: QtBot) -> None:
    page.back_up_now()
    page.select_row(0)
    seen: list[str] = []

    def answer() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return False
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()
        return True

    # The box is modal: answer it from the event loop it runs, as a person would.
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: answer() and timer.stop())
    timer.start()
    assert page.restore_selected() is False
    assert seen and seen[0].startswith("Restore the backup from ")
    assert "backed up first" in seen[0]


def test_a_damaged_backup_is_refused_and_nothing_changes(
    page: BackupsPage, store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = page.back_up_now()
    assert made is not None
    made.path.write_bytes(b"not a database at all" * 100)
    page.refresh()
    page.select_row(0)
    monkeypatch.setattr(page, "confirm_restore", lambda chosen: True)
    before = _contact_names(store)
    assert page.restore_selected() is False
    assert page.status.text().startswith("Nothing was restored: the backup ")
    assert _contact_names(store) == before
