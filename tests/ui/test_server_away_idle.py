"""The server goes away while the window is only being read (tester's F7): the window's
listener loses its connection, and the same banner a failed save brings says so at once,
with "Retry now"; it goes once the listener is back. No save is tried. A real server of the
test's own (tests/pg_cluster.py), stopped and started again."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from afterview.ui.server_listener import listener_for
from tests.pg_cluster import Cluster
from tests.ui.test_server_away import OFFLINE_ADVICE, _window, own_server  # noqa: F401


def test_an_idle_window_says_the_server_is_away_and_when_it_is_back(
    qtbot: QtBot,
    tmp_path: Path,
    own_server: Cluster,  # noqa: F811
) -> None:
    window, workspace = _window(qtbot, tmp_path)
    listener = listener_for(window.paths, window)
    assert listener is not None and listener.listening
    window.follow_server(listener)
    banner = workspace.banner
    assert not banner.isVisible()

    own_server.down()
    try:
        qtbot.waitUntil(banner.isVisible, timeout=15_000)
        assert banner.text.text() == f"What you see may be out of date: {OFFLINE_ADVICE}"
        assert banner.button.isVisible() and banner.button.isEnabled()
        assert not workspace.data.unsaved  # nothing was saved, or tried
        # "Retry now" while it is still away: the banner stays, and the status bar says so.
        banner.button.click()
        assert banner.isVisible()
        assert window.statusBar().currentMessage() == "Still cannot reach the database server."
    finally:
        own_server.up()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=60_000)
    assert listener.listening


def test_retry_now_brings_it_back_at_once(
    qtbot: QtBot,
    tmp_path: Path,
    own_server: Cluster,  # noqa: F811
) -> None:
    window, workspace = _window(qtbot, tmp_path)
    listener = listener_for(window.paths, window)
    assert listener is not None
    window.follow_server(listener)
    banner = workspace.banner
    own_server.down()
    try:
        qtbot.waitUntil(banner.isVisible, timeout=15_000)
    finally:
        own_server.up()
    listener._retry.stop()  # as if its next try were a minute away: the button, not the timer
    banner.button.click()
    assert not banner.isVisible()
    assert listener.listening


def test_the_cards_status_line_follows_a_save_kept_while_away(
    qtbot: QtBot,
    tmp_path: Path,
    own_server: Cluster,  # noqa: F811
) -> None:
    """Tester's F5, offline: not "fix the marked fields" while the save waits, and "Saved."
    once it is made, without another action."""
    from afterview.ui.contacts_page import ContactsPage
    from afterview.ui.main_window import CONTACTS

    window, workspace = _window(qtbot, tmp_path)
    window.show_page(CONTACTS)
    page = window.pages[CONTACTS]
    assert isinstance(page, ContactsPage)
    page.table.selectRow(0)
    editor = page.editor
    assert editor.contact_id is not None
    own_server.down()
    try:
        editor.notes.setPlainText("Typed while away")
        assert page.save() is None
        assert page.status.text() == (
            "Not saved yet: Afterview saves it once the database can be reached again."
        )
    finally:
        own_server.up()
    assert workspace.data.retry_now()
    assert page.status.text() == "Saved."
    assert workspace.store.contacts.get(editor.contact_id).notes == "Typed while away"
