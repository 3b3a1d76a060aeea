"""The Process tab's messages (issue 14): in words next to the field, nothing in the status
bar; an agreed follow-up before the interview refused; a decision date that has passed asks
whether a decision has been made and offers the status change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

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
