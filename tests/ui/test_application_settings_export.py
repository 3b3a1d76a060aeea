"""Settings ▸ Follow-ups' two numbers of issue 17 (the application's follow-up, the "no
response" offer) and File ▸ Export applications as CSV…. Both backends."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store.api import open_store
from afterview.store.changes import Changes, Kind
from afterview.store.operations import Store
from afterview.ui.data import DataAccess
from afterview.ui.main_window import MainWindow
from afterview.ui.settings_dialog import SettingsDialog

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """At home in Berlin; Fabrikam applied on Friday 20 November 2026."""
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as opened:
        opened.settings.save_playbook({"home_time_zone": "Europe/Berlin", "home_country": "DE"})
        opened.applications.create(
            {"company": "Fabrikam", "position": "Analyst", "applied_on": date(2026, 11, 20)}
        )
        yield opened


def follow_up_due(store: Store) -> datetime | None:
    return next(s.planned_due for s in store.steps.all() if s.kind == "follow_up")


def _dialog(qtbot: QtBot, store: Store) -> SettingsDialog:
    dialog = SettingsDialog(DataAccess(store), clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_application_s_follow_up_days_move_its_due_date(qtbot: QtBot, store: Store) -> None:
    # 10 days (the default): Monday 30 November, 09:00 in Berlin.
    assert follow_up_due(store) == datetime(2026, 11, 30, 8, tzinfo=UTC)
    heard: list[Changes] = []
    store.subscribe(heard.append)
    dialog = _dialog(qtbot, store)
    box = dialog.playbook.application_follow_up_days
    assert (box.value(), box.minimum(), box.maximum()) == (10, 1, 60)
    box.setValue(5)
    assert dialog.save()
    assert store.settings.playbook().application_follow_up_days == 5
    # Wednesday 25 November, 09:00 in Berlin; the save re-planned (the steps were named).
    assert follow_up_due(store) == datetime(2026, 11, 25, 8, tzinfo=UTC)
    assert any(change.touches(Kind.STEPS) for change in heard)
    # 8 days land on Saturday 28 November: moved to Monday, a business day.
    dialog = _dialog(qtbot, store)
    dialog.playbook.application_follow_up_days.setValue(8)
    assert dialog.save()
    assert follow_up_due(store) == datetime(2026, 11, 30, 8, tzinfo=UTC)


def test_the_no_response_days_are_saved(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    box = dialog.playbook.no_response_days
    assert (box.value(), box.minimum(), box.maximum()) == (14, 1, 90)
    box.setValue(21)
    assert dialog.save()
    assert store.settings.playbook().no_response_days == 21


def test_a_save_that_changes_nothing_re_plans_nothing(qtbot: QtBot, store: Store) -> None:
    heard: list[Changes] = []
    store.subscribe(heard.append)
    assert _dialog(qtbot, store).save()
    assert not any(change.touches(Kind.STEPS) for change in heard)


def test_each_number_says_where_it_comes_from(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    ours = dialog.playbook.application_follow_up_days.accessibleDescription()
    assert "Afterview's own choice" in ours and "none of the articles" in ours
    quiet = dialog.playbook.no_response_days.accessibleDescription()
    assert "calmer than a third follow-up" in quiet
    assert "“What Professionals Do After Every Interview”" in quiet
    assert "never by itself" in quiet and "Afterview's own choice" in quiet
    assert dialog.playbook.no_response_days.accessibleName() == (
        "Offer to close as no response after days"
    )


def test_file_export_applications_writes_the_csv_with_safe_cells(
    sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = sample_window.workspace
    assert workspace is not None
    workspace.store.applications.create(
        {"company": '=HYPERLINK("http://x")', "position": "-Analyst", "source": "@home"}
    )
    action = sample_window.export_actions["applications_csv"]
    assert action.text() == "Export applications as CS&V…"
    target = tmp_path / "applications.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    action.trigger()
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so a spreadsheet reads the accents
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == [
        "company", "position", "source", "applied_on", "link", "stage", "outcome",
        "outcome_detail", "rounds", "key",
    ]  # fmt: skip
    by_company = {row[0]: row for row in rows[1:]}
    assert set(by_company) == {"Acme", "Nordlys Data", "Sakura KK", '\'=HYPERLINK("http://x")'}
    mine = by_company['\'=HYPERLINK("http://x")']
    assert mine[1:3] == ["'-Analyst", "'@home"]
    assert (mine[3], mine[5], mine[8]) == ("2026-11-30", "applied", "0")
    assert by_company["Acme"][5] == "awaiting_decision"
    message = sample_window.statusBar().currentMessage()
    assert message == f"Exported 4 applications to {target}."
