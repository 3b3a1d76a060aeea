"""An interview's region, typed in the window's Process tab: its public holidays move the steps
that reach out to someone (issue 12 §1; seed 001_78c410949a4570b0.txt §4, nobody answers on
a holiday), and the Steps tab shows the instant the plan holds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pytestqt.qtbot import QtBot

from afterview.store import interchange
from afterview.ui.interviews_model import format_due
from afterview.ui.main_window import MainWindow
from afterview.ui.steps_tab import STEP_ROLE
from afterview.ui.workspace import Workspace

#: Ends Monday 30 March 2026 10:00 BST (London); a week later is Easter Monday, a bank holiday
#: in England but not in the whole United Kingdom.
DOCUMENT: dict[str, Any] = {
    "format": "afterview/1",
    "contacts": [{"key": "ruth", "name": "Ruth Bell", "title": "Head of Data"}],
    "interviews": [
        {
            "key": "thames-1",
            "company": "Thames Analytics",
            "position": "Analyst",
            "start": "2026-03-30T09:00",
            "time_zone": "Europe/London",
            "duration_minutes": 60,
            "country": "GB",
            "status": "awaiting_decision",
            "people": [{"contact": "ruth", "role": "hiring_manager"}],
        }
    ],
}


def _follow_up(workspace: Workspace) -> Any:
    return next(s for s in workspace.store.steps.all() if s.key == "thames-1:follow_up:1")


def _shown_due(workspace: Workspace) -> str:
    tree = workspace.page.detail.steps.tree
    for n in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(n)
        if item.data(0, STEP_ROLE) == _follow_up(workspace).id:
            return str(item.text(1))
    raise AssertionError("the follow-up is not listed")


def test_a_region_moves_the_follow_up_off_its_own_holiday(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    workspace.store.data.import_document(interchange.parse_document(DOCUMENT))
    qtbot.waitUntil(lambda: workspace.page.model.total == 1)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    now = workspace.now()
    # Great Britain as a whole works on Easter Monday: 10:00 BST is 09:00 UTC.
    national = datetime(2026, 4, 6, 9, tzinfo=UTC)
    assert _follow_up(workspace).due == national
    qtbot.waitUntil(lambda: _shown_due(workspace) == format_due(national, now, "Europe/London"))

    process = workspace.page.detail.process
    qtbot.keyClicks(process.region, "gb-eng")
    moved = datetime(2026, 4, 7, 9, tzinfo=UTC)  # Tuesday, the same time of day
    qtbot.waitUntil(lambda: _follow_up(workspace).due == moved)
    qtbot.waitUntil(lambda: _shown_due(workspace) == format_due(moved, now, "Europe/London"))
    # On a computer whose clock is not London's, the time there is shown too.
    if datetime(2026, 4, 7, 9, tzinfo=UTC).astimezone().utcoffset() != timedelta(hours=1):
        assert _shown_due(workspace).endswith("(10:00 BST)")
    assert workspace.store.interviews.get(_follow_up(workspace).interview_id).region == "GB-ENG"
    assert "Easter Monday" in _follow_up(workspace).reason


def test_a_region_of_another_country_is_refused_by_name(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    workspace.store.data.import_document(interchange.parse_document(DOCUMENT))
    qtbot.waitUntil(lambda: workspace.page.model.total == 1)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    process = workspace.page.detail.process
    qtbot.keyClicks(process.region, "DE-BY")
    message = process.messages["region"]
    qtbot.waitUntil(lambda: message.text() == "✕ Region: DE-BY is a region of DE, not of GB")
    # Shown beside the form only: nothing left in the status bar once it is put right.
    assert window.statusBar().currentMessage() == ""
    assert process.region.text() == "DE-BY"  # what was typed is kept to correct
    interview_id = _follow_up(workspace).interview_id
    assert workspace.store.interviews.get(interview_id).region == ""
    process.region.clear()
    qtbot.keyClicks(process.region, "GB-SCT")
    qtbot.waitUntil(lambda: message.isHidden())
    assert workspace.store.interviews.get(interview_id).region == "GB-SCT"
