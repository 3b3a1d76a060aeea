"""The list pages (Interviews, Contacts, References) as a keyboard and a screen reader meet them
(issue 15): Tab leaves every table, the filter's clear button has a name and no Tab stop,
combo boxes have related labels, labels are read by their text, and after Delete and Undo
focus is on the list and the result is announced."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from afterview.ui import assistive
from afterview.ui.contacts_model import ContactIdRole
from afterview.ui.contacts_page import ContactsPage
from afterview.ui.data import DataAccess
from afterview.ui.interviews_page import InterviewsPage
from afterview.ui.references_page import ReferencesPage
from tests.ui.conftest import ShowPage, open_sample

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture
def contacts(data: DataAccess, show_page: ShowPage, qtbot: QtBot) -> ContactsPage:
    page = show_page(ContactsPage(data), 1000, 600)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


@pytest.fixture
def references(data: DataAccess, show_page: ShowPage, qtbot: QtBot) -> ReferencesPage:
    page = show_page(ReferencesPage(data, clock=lambda: NOW), 1100, 760)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


@pytest.fixture
def interviews(qtbot: QtBot, data_dir: Path) -> InterviewsPage:
    window, _workspace = open_sample(qtbot, data_dir, NOW)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.interviews_page
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() > 2)
    return page


def _leaves_by_tab(qtbot: QtBot, view: QAbstractItemView) -> QWidget | None:
    """Focus ``view`` on its second row and press Tab: where focus went."""
    view.setFocus(Qt.FocusReason.TabFocusReason)
    view.setCurrentIndex(view.model().index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def _labels_of(widget: QWidget) -> list[str]:
    top = widget.window()
    return [label.text() for label in top.findChildren(QLabel) if label.buddy() is widget]


def test_tab_leaves_the_contacts_table_for_the_next_control(
    qtbot: QtBot, contacts: ContactsPage
) -> None:
    went = _leaves_by_tab(qtbot, contacts.table)
    assert went is not None and went is not contacts.table
    assert contacts.table.currentIndex().row() == 1  # Tab did not walk the cells either
    assert contacts.table.currentIndex().column() == 0


def test_tab_leaves_the_references_tables_and_lists(
    qtbot: QtBot, references: ReferencesPage
) -> None:
    assert _leaves_by_tab(qtbot, references.table) is not references.table
    editor = references.editor
    references.table.selectRow(0)
    for view in (editor.used_on, editor.log):
        assert view.tabKeyNavigation() is False
    if editor.log.model().rowCount() > 1:
        assert _leaves_by_tab(qtbot, editor.log) is not editor.log


def test_tab_leaves_the_interviews_table(qtbot: QtBot, interviews: InterviewsPage) -> None:
    went = _leaves_by_tab(qtbot, interviews.table)
    assert went is not None and went is not interviews.table
    assert interviews.table.currentIndex().column() == 0


def _clear_button(edit: QLineEdit) -> QToolButton:
    edit.setText("a")
    shown = [b for b in edit.findChildren(QToolButton) if b.isVisibleTo(edit)]
    clear = [b for b in shown if b.defaultAction().objectName() == "_q_qlineeditclearaction"]
    assert len(clear) == 1
    return clear[0]


@pytest.mark.parametrize("page_name", ["contacts", "references", "interviews"])
def test_the_filters_clear_button_has_a_name_and_no_tab_stop(
    page_name: str, request: pytest.FixtureRequest
) -> None:
    page = request.getfixturevalue(page_name)
    button = _clear_button(page.filter)
    assert button.accessibleName() == "Clear the filter"
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    # Every other button inside the filter is named too (the Interviews page's search icon).
    assert all(b.accessibleName() for b in page.filter.findChildren(QToolButton))


def test_combo_boxes_on_the_lists_have_related_labels(
    references: ReferencesPage, interviews: InterviewsPage
) -> None:
    combos: list[QComboBox] = [
        interviews.status,
        references.editor.log_channel,
        references.editor.log_interview,
    ]
    for combo in combos:
        assert _labels_of(combo), combo.accessibleName()
    assert _labels_of(interviews.status) == ["Status:"]


def test_gave_permission_on_is_read_as_it_is_shown(references: ReferencesPage) -> None:
    box = references.editor.has_permission
    assert box.accessibleName() == box.text().replace("&", "") == "Gave permission on"


def test_status_lines_are_read_by_their_text(
    contacts: ContactsPage, references: ReferencesPage, interviews: InterviewsPage
) -> None:
    labels = [
        contacts.status,
        contacts.interviews,
        references.status,
        references.editor.log_message,
        references.editor.sample_mark,
        interviews.count,
        contacts.empty,
        references.empty,
    ]
    # Qt reads a label without an accessible name by its text.
    assert [label.objectName() for label in labels if label.accessibleName()] == []
    assert interviews.count.text().endswith("interviews")


def test_the_empty_list_message_is_quiet_not_disabled(contacts: ContactsPage) -> None:
    assert contacts.empty.isEnabled()
    assert contacts.empty.foregroundRole() == contacts.empty.palette().ColorRole.PlaceholderText


def test_after_delete_by_keyboard_focus_is_on_the_next_record_and_it_is_said(
    qtbot: QtBot,
    contacts: ContactsPage,
    heard: list[tuple[str, bool]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(contacts, "confirm_delete", lambda name: True)
    table = contacts.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.selectRow(1)
    gone = table.currentIndex().data(ContactIdRole)
    below = contacts.proxy.index(2, 0).data(ContactIdRole)
    with qtbot.waitSignal(contacts.changed):
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    assert table.currentIndex().data(ContactIdRole) == below != gone
    assert contacts.editor.contact_id == below
    assert heard[-1] == (contacts.status.text(), False)
    assert heard[-1][0].startswith("Deleted the card of ")

    # Undo from its button: the button hides itself, focus goes to the card brought back.
    contacts.undo_button.setFocus(Qt.FocusReason.TabFocusReason)
    with qtbot.waitSignal(contacts.changed):
        qtbot.keyClick(contacts.undo_button, Qt.Key.Key_Space)
    assert not contacts.undo_button.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    assert table.currentIndex().data(ContactIdRole) == gone
    assert heard[-1][0].startswith("Restored the card of ")


def test_deleting_the_last_record_puts_focus_on_new(
    qtbot: QtBot, references: ReferencesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(references, "confirm_delete", lambda name: True)
    while references.proxy.rowCount() > 0:
        references.table.selectRow(0)
        references.table.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(references.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is references.new_button)
    assert references.stack.currentIndex() == 0  # the "no references yet" message


def test_a_references_errors_are_tied_to_their_fields(
    qtbot: QtBot, references: ReferencesPage, heard: list[tuple[str, bool]]
) -> None:
    editor = references.editor
    references.table.selectRow(0)
    editor.email.setFocus(Qt.FocusReason.TabFocusReason)
    editor.email.selectAll()
    qtbot.keyClicks(editor.email, "ana@")
    assert assistive.is_invalid(editor.email)
    problem = editor.email.accessibleDescription()
    assert problem and editor.email_message.text() == f"✕ {problem}"
    assert heard.count((problem, True)) == 1  # said once, not at every key
    # Read by its words ("Error: …" for the ✕), not by its object name.
    assert editor.email_message.accessibleName() == f"Error: {problem}"
    qtbot.keyClicks(editor.email, "example.com")
    assert not assistive.is_invalid(editor.email) and editor.email.accessibleDescription() == ""
    editor.has_permission.setChecked(False)
    assert editor.has_permission.accessibleDescription().startswith("No permission date")


def test_removing_a_log_entry_keeps_focus_in_the_log(
    qtbot: QtBot, references: ReferencesPage, heard: list[tuple[str, bool]]
) -> None:
    editor = references.editor
    references.table.selectRow(0)
    for note in ("first", "second"):
        editor.log_note.setText(note)
        editor.add_log_entry()
    assert heard[-1] == ("Added to the log.", False)
    editor.log.selectRow(0)
    editor.log_remove.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(editor.log_remove, Qt.Key.Key_Space)
    assert editor.log_model.rowCount() == 1
    assert QApplication.focusWidget() is editor.log
    assert heard[-1] == ("Entry removed.", False)
    editor.log.selectRow(0)
    editor.log_remove.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(editor.log_remove, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is editor.log_note


def _tab_chain(qtbot: QtBot, start: QWidget, steps: int) -> list[QWidget]:
    """Where focus goes at each of ``steps`` presses of Tab from ``start``."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    for _ in range(steps):
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        went = QApplication.focusWidget()
        assert went is not None
        seen.append(went)
    return seen


@pytest.mark.parametrize("page_name", ["contacts", "references"])
def test_the_editors_scroll_area_is_no_tab_stop(
    qtbot: QtBot, page_name: str, request: pytest.FixtureRequest
) -> None:
    page = request.getfixturevalue(page_name)
    page.table.selectRow(0)
    chain = _tab_chain(qtbot, page.table, 60)  # round the whole page
    assert [w for w in chain if isinstance(w, QScrollArea)] == []
    assert page.editor.isAncestorOf(chain[1])  # Tab went on into the editor
