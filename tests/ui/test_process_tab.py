"""The Process tab's messages (issue 14): in words next to the field, nothing in the status
bar; an agreed follow-up before the interview refused; a decision date that has passed asks
whether a decision has been made and offers the status change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from afterview.ui.assistive import is_invalid
from afterview.ui.main_window import MainWindow
from afterview.ui.process_tab import ProcessTab
from afterview.ui.workspace import Workspace
from tests.ui.conftest import open_sample

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def _process(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, Workspace, ProcessTab]:
    window, workspace = open_sample(qtbot, data_dir, NOW)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    return window, workspace, workspace.page.detail.process


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def test_a_follow_up_before_the_interview_is_refused_next_to_the_field(
    qtbot: QtBot, data_dir: Path
) -> None:
    window, workspace, process = _process(qtbot, data_dir)
    interview_id = process.interview_id or 0
    row = workspace.store.interviews.get(interview_id)
    interview_day = row.start.astimezone(ZoneInfo(row.time_zone)).date()
    before = row.agreed_follow_up
    process.follow_up.edit.setDate(_qdate(interview_day - timedelta(days=1)))
    message = process.messages["agreed_follow_up"]
    assert message.text() == "✕ The agreed follow-up date must not be before the interview."
    assert not message.isHidden()
    process.save_now()
    assert workspace.store.interviews.get(interview_id).agreed_follow_up == before
    assert window.statusBar().currentMessage() == ""
    process.follow_up.edit.setDate(_qdate(interview_day + timedelta(days=7)))
    assert message.isHidden()
    process.save_now()
    saved = workspace.store.interviews.get(interview_id).agreed_follow_up
    assert saved == interview_day + timedelta(days=7)
    # The interview day itself is allowed (a call agreed for that afternoon).
    process.follow_up.edit.setDate(_qdate(interview_day))
    assert message.isHidden()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_a_decision_date_before_the_interview_is_refused_next_to_the_field(
    qtbot: QtBot, data_dir: Path
) -> None:
    """The tester's case: a decision "expected" before the interview planned the follow-up
    for the minute the interview ended. Refused beside the field, by the store's rule
    (afterview.domain.interview_dates), and nothing is saved."""
    _window, workspace, process = _process(qtbot, data_dir)
    interview_id = process.interview_id or 0
    before = workspace.store.interviews.get(interview_id)
    day = process.start.date().addDays(-1)
    process.decision.edit.setDate(day)
    message = process.messages["decision_expected"]
    qtbot.waitUntil(
        lambda: message.text() == "✕ The decision date must not be before the interview."
    )
    process.save_now()
    assert workspace.store.interviews.get(interview_id).decision_expected == (
        before.decision_expected
    )
    process.decision.edit.setDate(process.start.date())  # the interview's own day is fine
    qtbot.waitUntil(lambda: message.text() == "")
    process.save_now()
    qtbot.waitUntil(
        lambda: (
            workspace.store.interviews.get(interview_id).decision_expected
            == process.start.date().toPython()
        )
    )


def test_a_decision_date_in_the_past_asks_and_offers_the_status_change(
    qtbot: QtBot, data_dir: Path
) -> None:
    _window, workspace, process = _process(qtbot, data_dir)
    interview_id = process.interview_id or 0
    # The interview was ten days ago: a decision expected yesterday is after it.
    ten_days_ago = process.start.dateTime().addDays(
        -10 - process.start.date().daysTo(_qdate(NOW.astimezone().date()))
    )
    process.start.setDateTime(ten_days_ago)
    process.status.setCurrentIndex(process.status.findData("awaiting_decision"))
    process.save_now()
    today = NOW.astimezone().date()
    process.decision.edit.setDate(_qdate(today + timedelta(days=2)))
    assert process.decision_prompt.isHidden()
    process.decision.edit.setDate(_qdate(today - timedelta(days=1)))
    assert not process.decision_prompt.isHidden()
    assert process.decision_question.text() == "Has a decision been made?"
    menu = process.decision_button.menu()
    assert menu is not None
    offered = {action.objectName(): action for action in menu.actions()}
    assert set(offered) == {"decided-offer", "decided-next_round", "decided-rejected",
                            "decided-no_response"}  # fmt: skip
    offered["decided-offer"].trigger()
    qtbot.waitUntil(lambda: workspace.store.interviews.get(interview_id).status.value == "offer")
    assert process.decision_prompt.isHidden()  # decided: no more asking
    # Seen again later with a past date and no decision: asked again.
    process.status.setCurrentIndex(process.status.findData("awaiting_decision"))
    process.save_now()
    workspace.page.detail.show_interview(interview_id)
    assert not process.decision_prompt.isHidden()


def test_a_country_typed_by_name_is_saved_as_its_code(qtbot: QtBot, data_dir: Path) -> None:
    """The tester's case: the field cut "Japan" to "Ja", then said JA is not a country code.
    A name is read as its code, as the profile's and the cards' addresses read it."""
    _window, workspace, process = _process(qtbot, data_dir)
    interview_id = process.interview_id or 0
    process.country.setFocus()
    qtbot.waitUntil(process.country.hasFocus)
    process.country.selectAll()
    qtbot.keyClicks(process.country, "Japan")
    assert process.country.text() == "Japan"
    qtbot.keyClick(process.country, Qt.Key.Key_Return)
    assert process.country.text() == "JP"
    process.save_now()
    qtbot.waitUntil(lambda: workspace.store.interviews.get(interview_id).country == "JP")
    workspace.store.interviews.update(interview_id, {"country": "Deutschland"})
    assert workspace.store.interviews.get(interview_id).country == "DE"


def test_emptying_company_is_refused_on_the_field_and_announced(
    qtbot: QtBot, data_dir: Path, heard: list[tuple[str, bool]]
) -> None:
    """Issue 15 (blocker): emptying Company was refused with no field state and no
    announcement. The field now holds the error (description, invalid state), it is said
    at once, the typed (empty) text stays, and nothing is saved; Escape puts the saved
    value back."""
    _window, workspace, process = _process(qtbot, data_dir)
    interview_id = process.interview_id or 0
    saved = workspace.store.interviews.get(interview_id).company
    company = process.company
    company.setFocus()
    qtbot.waitUntil(company.hasFocus)
    company.selectAll()
    qtbot.keyClick(company, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: is_invalid(company))  # the save after the typing pause
    assert company.accessibleDescription() == "Company is required"
    assert ("Company is required", True) in heard
    message = process.messages["company"]
    assert message.text() == "✕ Company is required" and message.isVisible()
    assert company.text() == ""  # what the user did stays, to put right
    assert workspace.store.interviews.get(interview_id).company == saved
    process.save_now()
    assert workspace.store.interviews.get(interview_id).company == saved
    qtbot.keyClick(company, Qt.Key.Key_Escape)
    assert company.text() == saved
    assert not is_invalid(company) and company.accessibleDescription() == ""
    assert message.isHidden()
    assert heard[-1] == (f"Company: put back to “{saved}”.", False)
    assert company.hasFocus()


def test_a_refused_company_put_right_by_typing_is_saved_and_clears_the_error(
    qtbot: QtBot, data_dir: Path
) -> None:
    _window, workspace, process = _process(qtbot, data_dir)
    interview_id = process.interview_id or 0
    company = process.company
    company.setFocus()
    qtbot.waitUntil(company.hasFocus)
    company.selectAll()
    qtbot.keyClick(company, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: is_invalid(company))
    qtbot.keyClicks(company, "Initech")
    qtbot.waitUntil(lambda: not is_invalid(company))
    assert company.accessibleDescription() == ""
    qtbot.waitUntil(lambda: workspace.store.interviews.get(interview_id).company == "Initech")


def test_a_date_before_the_interview_is_tied_to_its_field(
    qtbot: QtBot, data_dir: Path, heard: list[tuple[str, bool]]
) -> None:
    _window, _workspace, process = _process(qtbot, data_dir)
    process.follow_up.edit.setDate(process.start.date().addDays(-1))
    text = "The agreed follow-up date must not be before the interview."
    assert process.follow_up.edit.accessibleDescription() == text
    assert is_invalid(process.follow_up.edit)
    assert (text, True) in heard


def _label_of(widget: QWidget) -> str:
    """The text of the label related to ``widget``, as AT-SPI's labelled-by gives it."""
    interface = QAccessible.queryAccessibleInterface(widget)
    labels = [
        other.text(QAccessible.Text.Name)
        for other, relation in interface.relations()
        if relation & QAccessible.RelationFlag.Label
    ]
    return " ".join(labels)


def test_every_field_has_a_related_label_so_combos_are_not_named_by_their_value(
    qtbot: QtBot, data_dir: Path
) -> None:
    """Issue 15: on Linux a combo box without a related label is named by its current text
    ("Video call"), whatever its accessible name. Each field's label is related to it."""
    _window, _workspace, process = _process(qtbot, data_dir)
    expected = {
        "Format": process.format,
        "Status": process.status,
        "Will they contact you": process.will_contact,
        "Time zone": process.zone,
        "Company": process.company,
        "Decision expected": process.decision.edit,
        "Agreed follow-up": process.follow_up.edit,
    }
    for label, widget in expected.items():
        assert _label_of(widget) == label


def test_the_status_line_reads_its_text_and_is_no_tab_stop(qtbot: QtBot, data_dir: Path) -> None:
    """Issue 15: "processError" was what a screen reader heard."""
    _window, _workspace, process = _process(qtbot, data_dir)
    error = process.error
    assert error.focusPolicy() == Qt.FocusPolicy.NoFocus
    error.setText("Not saved: the disk is full.")
    name = QAccessible.queryAccessibleInterface(error).text(QAccessible.Text.Name)
    assert name == "Not saved: the disk is full."
    message = process.messages["company"]
    process.errors.show("company", "Company is required")
    name = QAccessible.queryAccessibleInterface(message).text(QAccessible.Text.Name)
    assert name == "Error: Company is required"  # the ✕ said in words


def test_undo_in_a_refused_field_saves_nothing_and_clears_the_error(
    qtbot: QtBot, data_dir: Path
) -> None:
    _window, workspace, process = _process(qtbot, data_dir)
    interview_id = process.interview_id or 0
    saved = workspace.store.interviews.get(interview_id).company
    company = process.company
    company.setFocus()
    qtbot.waitUntil(company.hasFocus)
    company.selectAll()
    qtbot.keyClick(company, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: is_invalid(company))
    qtbot.keyClick(company, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert company.text() == saved
    qtbot.waitUntil(lambda: not is_invalid(company))
    assert workspace.store.interviews.get(interview_id).company == saved


def test_the_detail_has_no_unnamed_tab_stop_and_its_title_reads_its_text(
    qtbot: QtBot, data_dir: Path
) -> None:
    """Issue 15: the Process tab's scroll area was an invisible Tab stop; "detailTitle" was
    what a screen reader heard for the interview's title."""
    _window, workspace, _process_tab = _process(qtbot, data_dir)
    detail = workspace.page.detail
    scrolls = detail.tabs.findChildren(QScrollArea)
    assert scrolls and all(s.focusPolicy() == Qt.FocusPolicy.NoFocus for s in scrolls)
    title = detail.title
    assert title.text().strip()
    assert QAccessible.queryAccessibleInterface(title).text(QAccessible.Text.Name) == title.text()
