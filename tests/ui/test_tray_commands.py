"""The tray's step actions run as real `afterview step …` processes and report back."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store.database import open_database
from afterview.tray.commands import CommandRunner


def test_a_step_action_runs_as_its_own_process_and_reports_back(
    qtbot: QtBot, data_dir: Path
) -> None:
    where = paths.resolve(data_dir)
    open_database(where).close()
    runner = CommandRunner(where)
    results: list[tuple[int, str]] = []
    runner.run(["step", "done", "99999"], lambda code, errors: results.append((code, errors)))
    qtbot.waitUntil(lambda: len(results) == 1, timeout=60_000)
    code, errors = results[0]
    assert code == 2 and "99999" in errors  # the CLI's own message, for the tray's log
    runner.run(["--version"], lambda code, errors: results.append((code, errors)))
    runner.finish()  # what quitting does: wait for it
    qtbot.waitUntil(lambda: len(results) == 2, timeout=60_000)
    assert results[1] == (0, "")


def test_a_command_that_cannot_start_is_reported(qtbot: QtBot, data_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from afterview.tray import commands

    monkeypatch.setattr(
        commands, "afterview_command", lambda where, *arguments: ["/nonexistent/afterview"]
    )
    runner = CommandRunner(paths.resolve(data_dir))
    results: list[tuple[int, str]] = []
    runner.run(["step", "done", "1"], lambda code, errors: results.append((code, errors)))
    qtbot.waitUntil(lambda: len(results) == 1, timeout=10_000)
    assert results[0][0] == -1 and results[0][1]
