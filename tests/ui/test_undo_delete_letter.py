"""Delete an interview, then Edit ▸ Undo: its saved letter draft comes back with it
(tester14 finding 2: the letter editor showed the template text again)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from afterview.ui.letter_editor import LetterEditor
from afterview.ui.main_window import MainWindow
from afterview.ui.workspace import INTERVIEWS, Workspace

ADDED = " I enjoyed our talk about Kafka."


def _open_letter(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, step_id: int
) -> LetterEditor:
    """Steps tab ▸ choose the step ▸ Write…, as a user opens the letter."""
    tab = workspace.page.detail.steps
    tab.select_step(step_id)
    assert tab.write_button.isEnabled()
    qtbot.mouseClick(tab.write_button, Qt.MouseButton.LeftButton)
    editors: list[LetterEditor] = []

    def shown() -> bool:
        editors[:] = [e for e in window.findChildren(LetterEditor) if e.isVisible()]
        return len(editors) == 1

    qtbot.waitUntil(shown)
    return editors[0]


def test_a_saved_draft_comes_back_with_the_undone_interview(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.welcome.sample_button.click()
    window.show_page(INTERVIEWS)
    model = workspace.page.model
    store = workspace.store
    candidates = [
        (model.interview_id(row), step)
        for row in range(model.rowCount())
        for step in store.steps.of_interview(model.interview_id(row) or 0)
        if step.kind == "thank_you" and step.status in ("pending", "snoozed")
    ]
    assert candidates, "the sample should have an open thank-you step"
    target, step = candidates[0]
    assert target is not None
    workspace.page.select(target)

    editor = _open_letter(qtbot, window, workspace, step.id)
    template_text = editor.body.toPlainText()
    editor.body.setFocus()
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.body, ADDED)
    qtbot.mouseClick(editor.buttons["save"], Qt.MouseButton.LeftButton)
    assert editor.status.text() == "Draft saved."
    saved = editor.body.toPlainText()
    assert saved == template_text + ADDED
    editor.close()

    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes.value)
    workspace.page.table.setFocus()
    qtbot.keyClick(workspace.page.table, Qt.Key.Key_Delete)
    assert model.row_of(target) is None
    qtbot.waitUntil(window.undo_action.isEnabled)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.row_of(target) is not None)

    workspace.page.select(target)
    again = next(s for s in store.steps.of_interview(target) if s.key == step.key)
    reopened = _open_letter(qtbot, window, workspace, again.id)
    assert reopened.body.toPlainText() == saved
    reopened.close()
