"""Debrief done (issue 14): writing what the debrief step asks for offers to mark "Write the
debrief" done, as the contact-cards step completes itself. What the step asks for is its
reason: seed 000 §2 (what you learned, open questions, what to improve), seed 004."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

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
