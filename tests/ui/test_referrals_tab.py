"""Referrals (issue 14): Enter adds one, a lead can be edited; a new interview opens on its
Process tab."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.ui.main_window import MainWindow
from afterview.ui.new_interview_dialog import NewInterviewDialog
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
