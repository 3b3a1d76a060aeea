"""A newer Afterview upgrades the database while this window has it open (issue 16 §2): the
next save keeps what was typed and says, in words, to update Afterview; it does not fail
with a database error. On both backends."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.conftest import open_sample
from tests.unit.test_upgraded_meanwhile import WORDS, _upgrade_underneath

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def test_the_next_save_keeps_the_text_and_says_to_update_afterview(
    qtbot: QtBot, data_dir: Path, backend: str
) -> None:
    _window, workspace = open_sample(qtbot, data_dir, NOW)
    interview_id = workspace.page.model.interview_id(0)
    assert interview_id is not None
    workspace.page.select(interview_id)
    process = workspace.page.detail.process
    before = workspace.store.interviews.get(interview_id).company

    _upgrade_underneath(data_dir, backend)
    process.company.selectAll()
    qtbot.keyClicks(process.company, "Typed after the upgrade")
    process.save_now()

    assert process.company.text() == "Typed after the upgrade"
    assert WORDS in process.error.text()
    assert workspace.store.interviews.get(interview_id).company == before
