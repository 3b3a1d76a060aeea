"""The Steps tab by keyboard (issue 15): focus lands on the next step after an action, which
is announced; Tab goes in the on-screen order and leaves the list."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from afterview.ui.steps_tab import STEP_ROLE, StepsTab
from afterview.ui.widgets import DateTimeField
from afterview.ui.workspace import Workspace
from tests.ui.conftest import SAMPLE_IMPORTED_AT, open_sample

NOW: datetime = SAMPLE_IMPORTED_AT


def _steps(qtbot: QtBot, data_dir: Path) -> tuple[Workspace, StepsTab, int]:
    """The Steps tab of the interview with Laura Chen's thank-you note, that step chosen."""
    window, workspace = open_sample(qtbot, data_dir, NOW)
    window.resize(1200, 800)
    step = next(
        s for s in workspace.store.steps.all() if s.kind == "thank_you" and s.person == "Laura Chen"
    )
    assert step.interview_id is not None
    workspace.page.select(step.interview_id)
    detail = workspace.page.detail
    steps = detail.steps
    detail.tabs.setCurrentWidget(steps)
    assert steps.select_step(step.id)
    qtbot.waitUntil(steps.done_button.isVisible)
    return workspace, steps, step.id


def _rows(steps: StepsTab) -> list[tuple[int, str, str]]:
    tree = steps.tree
    return [
        (
            int(tree.topLevelItem(n).data(0, STEP_ROLE)),
            tree.topLevelItem(n).text(0),
            tree.topLevelItem(n).text(2),
        )
        for n in range(tree.topLevelItemCount())
    ]


def _next_open(rows: list[tuple[int, str, str]], step_id: int) -> tuple[int, str]:
    """The first open step ("To do", "Snoozed") below ``step_id`` in the list as shown."""
    at = [r[0] for r in rows].index(step_id)
    below = [(i, title) for i, title, status in rows[at + 1 :] if status in ("To do", "Snoozed")]
    return below[0]


def test_after_done_focus_is_on_the_next_step_and_it_is_said(
    qtbot: QtBot, data_dir: Path, heard: list[tuple[str, bool]]
) -> None:
    """Issue 15: after Done, focus jumped to the sidebar."""
    workspace, steps, step_id = _steps(qtbot, data_dir)
    next_id, next_title = _next_open(_rows(steps), step_id)
    steps.done_button.setFocus()
    qtbot.waitUntil(steps.done_button.hasFocus)
    qtbot.keyClick(steps.done_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: workspace.store.steps.get(step_id).status == "done")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is steps.tree)
    assert steps.current_step() == next_id
    assert (f"Done: Thank-you note to Laura Chen. Next: {next_title}.", False) in heard
    # The next Done acts on the step focus is on.
    steps.done_button.setFocus()
    qtbot.waitUntil(steps.done_button.hasFocus)
    qtbot.keyClick(steps.done_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: workspace.store.steps.get(next_id).status == "done")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is steps.tree)


def test_after_snooze_and_reopen_focus_stays_in_the_list(
    qtbot: QtBot, data_dir: Path, heard: list[tuple[str, bool]]
) -> None:
    workspace, steps, step_id = _steps(qtbot, data_dir)
    steps.snooze_button.setFocus()
    qtbot.waitUntil(steps.snooze_button.hasFocus)
    steps.snooze_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: workspace.store.steps.get(step_id).status == "snoozed")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is steps.tree)
    assert heard[-1][0].startswith("Snoozed: Thank-you note to Laura Chen.")
    assert steps.select_step(step_id)
    steps.reopen_button.setFocus()
    qtbot.waitUntil(steps.reopen_button.hasFocus)
    qtbot.keyClick(steps.reopen_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: workspace.store.steps.get(step_id).status == "pending")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is steps.tree)
    assert steps.current_step() == step_id  # reopened: the same step, to act on again
    assert heard[-1] == ("Reopened: Thank-you note to Laura Chen.", False)


def _on_screen(widget: QWidget, within: QWidget) -> tuple[int, int]:
    at = widget.mapTo(within, QPoint(0, 0))
    return at.y(), at.x()


def test_tab_goes_in_the_on_screen_order_and_leaves_the_tab(qtbot: QtBot, data_dir: Path) -> None:
    """Issue 15: "Write…" is first on screen but came last by Tab; the list kept Tab."""
    _workspace, steps, _step_id = _steps(qtbot, data_dir)
    steps.tree.setFocus()
    qtbot.waitUntil(steps.tree.hasFocus)
    walked: list[QWidget] = [steps.tree]
    for _ in range(20):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if not steps.isAncestorOf(focused):
            break
        walked.append(focused)
    else:
        pytest.fail("Tab never left the Steps tab")
    stops = [
        w
        for w in steps.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    rows_first = sorted(stops, key=lambda w: _on_screen(w, steps))
    # Widgets on one line share a top edge within a few pixels: compare line by line.
    assert [w.objectName() or w.text() for w in walked] == [
        w.objectName() or w.text() for w in rows_first
    ]
    assert steps.write_button in walked and steps.done_button in walked
    assert walked.index(steps.write_button) < walked.index(steps.done_button)


def test_edit_due_takes_a_date_typed_whole(qtbot: QtBot, data_dir: Path) -> None:
    """The tester's M2 on the Steps tab: "Edit due…" is the same typed date field as every
    form, so a date typed whole after Ctrl+A is the due time saved (in the computer's zone)."""
    workspace, steps, step_id = _steps(qtbot, data_dir)
    typed = datetime(2026, 12, 9, 10, 15).astimezone()

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        try:
            fields = dialog.findChildren(DateTimeField)
            assert fields, "Edit due… has no typed date field"
            fields[0].setFocus()
            qtbot.keyClick(fields[0], Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(fields[0], "2026-12-09 10:15")
            qtbot.keyClick(fields[0], Qt.Key.Key_Tab)  # leaving the field reads it
        finally:
            dialog.accept()  # never leave the modal dialog open, whatever went wrong

    QTimer.singleShot(0, in_dialog)
    qtbot.keyClick(steps.edit_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: workspace.store.steps.get(step_id).due == typed)
