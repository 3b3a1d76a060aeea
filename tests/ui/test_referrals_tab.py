"""Referrals (issue 14): Enter adds one, a lead can be edited; a new interview opens on its
Process tab."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.ui.assistive import is_invalid
from afterview.ui.main_window import MainWindow
from afterview.ui.new_interview_dialog import NewInterviewDialog
from afterview.ui.referrals_tab import ReferralsTab
from afterview.ui.workspace import INTERVIEWS, Workspace

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def _window(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, Workspace]:
    window = MainWindow(paths.resolve(data_dir), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.load()
    workspace = window.workspace
    assert workspace is not None
    return window, workspace


def test_enter_adds_a_referral_and_a_chosen_one_is_edited(qtbot: QtBot, data_dir: Path) -> None:
    window, workspace = _window(qtbot, data_dir)
    window.welcome.sample_button.click()
    window.show_page(INTERVIEWS)
    interview_id = workspace.page.model.interview_id(0) or 0
    workspace.page.select(interview_id)
    tab = workspace.page.detail.referrals
    before = len(workspace.store.interviews.get(interview_id).referrals)
    qtbot.keyClicks(tab.name, "Dana Ortiz")
    qtbot.keyClicks(tab.note, "Mentioned by the hiring manager")
    qtbot.keyClick(tab.note, Qt.Key.Key_Return)  # Enter in any field of the form adds it
    leads = workspace.store.interviews.get(interview_id).referrals
    assert len(leads) == before + 1
    dana = next(lead for lead in leads if lead.name == "Dana Ortiz")
    assert tab.name.text() == "" and tab.editing is None
    # Choose it in the list: the form holds it, and saving changes it in place.
    item = next(
        tab.tree.topLevelItem(n)
        for n in range(tab.tree.topLevelItemCount())
        if tab.tree.topLevelItem(n).text(0) == "Dana Ortiz"
    )
    tab.tree.setCurrentItem(item)
    assert tab.editing == dana.id and tab.name.text() == "Dana Ortiz"
    assert tab.add_button.text() == "Save changes"
    tab.email.setText("dana@example.com")
    qtbot.keyClick(tab.email, Qt.Key.Key_Return)
    leads = workspace.store.interviews.get(interview_id).referrals
    assert len(leads) == before + 1
    edited = next(lead for lead in leads if lead.id == dana.id)
    assert (edited.name, edited.email) == ("Dana Ortiz", "dana@example.com")
    assert tab.editing is None and tab.add_button.text() == "Add referral"


def test_a_new_interview_opens_on_its_process_tab(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, workspace = _window(qtbot, data_dir)
    window.welcome.sample_button.click()
    window.show_page(INTERVIEWS)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    detail = workspace.page.detail
    detail.tabs.setCurrentWidget(detail.referrals)

    def fill(dialog: NewInterviewDialog) -> int:
        dialog.company.setText("Umbra")
        dialog.position.setText("Analyst")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewInterviewDialog, "exec", fill)
    new_id = workspace.new_interview()
    assert new_id is not None and detail.interview_id == new_id
    assert detail.tabs.currentIndex() == 0 and detail.tabs.tabText(0) == "Process"


def test_a_bad_referral_email_is_said_beside_the_field_and_nothing_is_added(
    qtbot: QtBot, data_dir: Path
) -> None:
    """The tester's case: a referral's email was never checked. It is checked as a contact
    card's is, beside the field; the store refuses it too, for every caller."""
    import pytest

    from afterview.store.errors import RecordError

    window, workspace = _window(qtbot, data_dir)
    window.welcome.sample_button.click()
    window.show_page(INTERVIEWS)
    interview_id = workspace.page.model.interview_id(0) or 0
    workspace.page.select(interview_id)
    tab = workspace.page.detail.referrals
    before = len(workspace.store.interviews.get(interview_id).referrals)
    qtbot.keyClicks(tab.name, "Dana Ortiz")
    qtbot.keyClicks(tab.email, "dana@")
    qtbot.keyClick(tab.email, Qt.Key.Key_Return)
    assert len(workspace.store.interviews.get(interview_id).referrals) == before
    assert not tab.email_message.isHidden() and "@" in tab.email_message.text()
    assert tab.name.text() == "Dana Ortiz"  # nothing the user typed is lost
    qtbot.keyClicks(tab.email, "example.com")
    assert tab.email_message.isHidden()
    qtbot.keyClick(tab.email, Qt.Key.Key_Return)
    assert len(workspace.store.interviews.get(interview_id).referrals) == before + 1
    with pytest.raises(RecordError) as refused:
        workspace.store.interviews.add_referral(interview_id, {"name": "X", "email": "x@"})
    assert refused.value.field == "email"


def _referrals(qtbot: QtBot, data_dir: Path) -> tuple[Workspace, ReferralsTab, int]:
    window, workspace = _window(qtbot, data_dir)
    window.welcome.sample_button.click()
    window.show_page(INTERVIEWS)
    interview_id = workspace.page.model.interview_id(0) or 0
    workspace.page.select(interview_id)
    tab = workspace.page.detail.referrals
    workspace.page.detail.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.name.isVisible)
    return workspace, tab, interview_id


def test_after_adding_focus_is_on_the_next_name_and_it_is_said(
    qtbot: QtBot, data_dir: Path, heard: list[tuple[str, bool]]
) -> None:
    """Issue 15: the pressed Add button turned off with the form emptied, and focus went
    nowhere."""
    _workspace, tab, _interview_id = _referrals(qtbot, data_dir)
    tab.name.setFocus()
    qtbot.waitUntil(tab.name.hasFocus)
    qtbot.keyClicks(tab.name, "Dana Ortiz")
    tab.add_button.setFocus()
    qtbot.waitUntil(tab.add_button.hasFocus)
    qtbot.keyClick(tab.add_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.name)
    assert heard[-1] == ("Added: Dana Ortiz.", False)
    item = tab.tree.topLevelItem(tab.tree.topLevelItemCount() - 1)
    tab.tree.setCurrentItem(item)
    tab.remove_button.setFocus()
    qtbot.waitUntil(tab.remove_button.hasFocus)
    qtbot.keyClick(tab.remove_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: heard[-1] == ("Removed: Dana Ortiz.", False))
    assert QApplication.focusWidget() in (tab.tree, tab.name)


def test_a_bad_email_is_tied_to_its_field(
    qtbot: QtBot, data_dir: Path, heard: list[tuple[str, bool]]
) -> None:
    _workspace, tab, _interview_id = _referrals(qtbot, data_dir)
    tab.email.setFocus()
    qtbot.keyClicks(tab.email, "dana@")
    assert is_invalid(tab.email)
    assert tab.email.accessibleDescription() != ""
    assert heard and heard[-1] == (tab.email.accessibleDescription(), True)
    name = QAccessible.queryAccessibleInterface(tab.email_message).text(QAccessible.Text.Name)
    # Read by its words ("Error: …" for the ✕), not "referral email message".
    assert name == "Error: There must be something after the @-sign."
    qtbot.keyClicks(tab.email, "example.com")
    assert not is_invalid(tab.email) and tab.email.accessibleDescription() == ""


def test_tab_leaves_the_list(qtbot: QtBot, data_dir: Path) -> None:
    _workspace, tab, _interview_id = _referrals(qtbot, data_dir)
    qtbot.keyClicks(tab.name, "Dana Ortiz")
    qtbot.keyClick(tab.name, Qt.Key.Key_Return)
    tab.tree.setFocus()
    qtbot.waitUntil(tab.tree.hasFocus)
    qtbot.keyClick(tab.tree, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.name)
