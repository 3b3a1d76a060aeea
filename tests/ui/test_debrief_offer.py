"""Debrief done (issue 14): writing what the debrief step asks for offers to mark "Write the
debrief" done, as the contact-cards step completes itself. What the step asks for is its
reason: seed 000 §2 (what you learned, open questions, what to improve), seed 004."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from afterview.ui.assistive import announcer
from tests.ui.conftest import open_sample

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def test_a_written_debrief_offers_to_mark_its_step_done(qtbot: QtBot, data_dir: Path) -> None:
    _window, workspace = open_sample(qtbot, data_dir, NOW)
    store = workspace.store
    open_debriefs = [
        s for s in store.steps.all() if s.kind == "debrief" and s.status in ("pending", "snoozed")
    ]
    assert open_debriefs, "the sample has an interview whose debrief is still to write"
    step = open_debriefs[0]
    assert step.interview_id is not None
    workspace.page.select(step.interview_id)
    debrief = workspace.page.detail.debrief
    for editor in debrief.editors.values():
        editor.clear()
    debrief.save_now()
    assert debrief.offer.isHidden()
    qtbot.keyClicks(debrief.editors["learned"], "They ship weekly")
    qtbot.keyClicks(debrief.editors["open_questions"], "Team size?")
    debrief.save_now()
    assert debrief.offer.isHidden()  # not yet: what to improve is still empty
    qtbot.keyClicks(debrief.editors["to_improve"], "Shorter answers")
    qtbot.waitUntil(lambda: debrief.state.text() == "Saved.", timeout=3000)
    assert not debrief.offer.isHidden()
    assert store.steps.get(step.id).status in ("pending", "snoozed")  # only offered
    qtbot.mouseClick(debrief.offer_button, Qt.MouseButton.LeftButton)
    assert store.steps.get(step.id).status == "done"
    qtbot.waitUntil(lambda: debrief.offer.isHidden())


def test_mark_done_by_keyboard_keeps_focus_in_the_debrief_and_says_so(
    qtbot: QtBot, data_dir: Path
) -> None:
    """Issue 15: the offer's button vanished under the keyboard and focus went nowhere;
    the state line ("debriefState") is read by its text, and the page has no unnamed stop."""
    _window, workspace = open_sample(qtbot, data_dir, NOW)
    step = next(
        s
        for s in workspace.store.steps.all()
        if s.kind == "debrief" and s.status in ("pending", "snoozed")
    )
    assert step.interview_id is not None
    workspace.page.select(step.interview_id)
    detail = workspace.page.detail
    debrief = detail.debrief
    detail.tabs.setCurrentWidget(debrief)
    for name, text in (("learned", "Ships weekly"), ("open_questions", "Team size?"),
                       ("to_improve", "Shorter answers")):  # fmt: skip
        debrief.editors[name].setPlainText(text)
    debrief.save_now()
    assert debrief.state.text() == "Saved."
    name = QAccessible.queryAccessibleInterface(debrief.state).text(QAccessible.Text.Name)
    assert name == "Saved."
    qtbot.waitUntil(debrief.offer_button.isVisible)
    said: list[str] = []

    def listen(text: str, _assertive: bool) -> None:
        said.append(text)

    announcer.announced.connect(listen)
    try:
        debrief.offer_button.setFocus()
        qtbot.waitUntil(debrief.offer_button.hasFocus)
        qtbot.keyClick(debrief.offer_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: workspace.store.steps.get(step.id).status == "done")
        qtbot.waitUntil(lambda: QApplication.focusWidget() is debrief.editors["learned"])
        assert "Done: Write the debrief." in said
    finally:
        announcer.announced.disconnect(listen)
    scrolls = [w for w in debrief.findChildren(QScrollArea)]
    assert scrolls and all(w.focusPolicy() == Qt.FocusPolicy.NoFocus for w in scrolls)
    labels = {
        label.text(): label.buddy()
        for label in debrief.findChildren(QLabel)
        if label.buddy() is not None
    }
    assert labels["Questions still open"] is debrief.editors["open_questions"]
