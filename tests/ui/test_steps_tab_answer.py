"""A follow-up's answer from the interview's Steps tab (issue 17 §3), on the sample data and
both backends: a follow-up shows "No answer yet" and "They answered" in place of Done, each
marks it done with that answer in one click, and a done follow-up's answer can be changed
when it comes later. Other steps keep their one Done."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from afterview.ui.steps_tab import STEP_ROLE, StepsTab
from afterview.ui.workspace import Workspace
from tests.ui.conftest import SAMPLE_IMPORTED_AT, open_sample


def _follow_up(qtbot: QtBot, data_dir: Path) -> tuple[Workspace, StepsTab, int]:
    window, workspace = open_sample(qtbot, data_dir, SAMPLE_IMPORTED_AT)
    window.resize(1200, 800)
    step = next(
        s
        for s in workspace.store.steps.all()
        if s.kind == "follow_up" and s.interview_id is not None and s.status == "pending"
    )
    assert step.interview_id is not None
    workspace.page.select(step.interview_id)
    detail = workspace.page.detail
    steps = detail.steps
    detail.tabs.setCurrentWidget(steps)
    assert steps.select_step(step.id)
    qtbot.waitUntil(steps.answered_button.isVisible)
    return workspace, steps, step.id


def _status(steps: StepsTab, step_id: int) -> str:
    tree = steps.tree
    for n in range(tree.topLevelItemCount()):
        if tree.topLevelItem(n).data(0, STEP_ROLE) == step_id:
            return tree.topLevelItem(n).text(2)
    raise AssertionError(f"step {step_id} is not listed")


def test_a_follow_up_is_done_with_its_answer(qtbot: QtBot, data_dir: Path) -> None:
    workspace, steps, step_id = _follow_up(qtbot, data_dir)
    assert not steps.done_button.isVisible()
    assert steps.no_answer_button.accessibleName() == "Mark done, no answer yet"
    steps.no_answer_button.click()
    qtbot.waitUntil(lambda: workspace.store.steps.get(step_id).status == "done")
    assert workspace.store.steps.get(step_id).answered is False
    assert _status(steps, step_id) == "Done, no answer yet"
    # The answer came a week later: the done follow-up's answer changes, its day stays.
    done_at = workspace.store.steps.get(step_id).done_at
    assert steps.select_step(step_id)
    assert steps.answered_button.isEnabled()
    steps.answered_button.click()
    qtbot.waitUntil(lambda: workspace.store.steps.get(step_id).answered is True)
    assert workspace.store.steps.get(step_id).done_at == done_at
    assert _status(steps, step_id) == "Done, they answered"


def test_other_steps_keep_their_one_done(qtbot: QtBot, data_dir: Path) -> None:
    workspace, steps, _step_id = _follow_up(qtbot, data_dir)
    other = next(
        s
        for s in workspace.store.steps.all()
        if s.kind == "thank_you" and s.interview_id is not None
    )
    assert other.interview_id is not None
    workspace.page.select(other.interview_id)
    assert steps.select_step(other.id)
    qtbot.waitUntil(steps.done_button.isVisible)
    assert not steps.answered_button.isVisible() and not steps.no_answer_button.isVisible()
