"""The Backups page on each backend: Afterview's copies of the SQLite file, or, when the
data is on a server, a sentence saying the server keeps its own and how to keep a copy."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from afterview.store.errors import StoreError
from afterview.ui.backups_page import BackupsPage
from afterview.ui.data import DataAccess


def test_the_page_offers_copies_of_a_file_and_explains_a_server(
    qtbot: QtBot, data: DataAccess, backend: str
) -> None:
    page = BackupsPage(data)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    on_file = backend == "sqlite"
    assert page.table.isVisible() == on_file
    assert page.backup_button.isVisible() == on_file
    sentences = " ".join(label.text() for label in page.findChildren(type(page.status)))
    assert ("keeps its own backups" in sentences) == (not on_file)


def test_a_backup_or_restore_on_a_server_is_refused_in_words(
    data: DataAccess, backend: str
) -> None:
    store = data.store
    if backend == "sqlite":
        assert store.backups.take().path.is_file()
        return
    with pytest.raises(StoreError, match="keeps its own backups"):
        store.backups.take()
    assert store.backups.available() == []
