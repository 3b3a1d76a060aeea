"""The Settings dialog: a playbook change re-plans pending steps; done ones stay done."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from afterview import ipc, paths
from afterview.store import interchange, steps
from afterview.store.database import Database, open_database
from afterview.store.models import StepRow
from afterview.store.profile import load_profile
from afterview.store.settings import autostart_choice, load_settings
from afterview.ui.settings_dialog import SettingsDialog

NOW = datetime(2026, 11, 20, 20, tzinfo=UTC)  # the Acme interview ended an hour ago


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


@pytest.fixture
def notified(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []
    monkeypatch.setattr(ipc, "notify_changed", lambda where: calls.append(where) or False)
    return calls


def _dialog(qtbot: QtBot, db: Database) -> SettingsDialog:
    dialog = SettingsDialog(db, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _thank_yous(db: Database) -> dict[str, StepRow]:
    with db.read() as session:
        rows = session.scalars(
            select(StepRow).where(StepRow.kind == "thank_you", StepRow.key.startswith("acme-1:"))
        )
        return {row.person or "": row for row in rows}


def test_changing_the_deadline_replans_pending_steps_and_keeps_done_ones(
    qtbot: QtBot, db: Database, notified: list[object]
) -> None:
    before = _thank_yous(db)
    laura, omar = before["Laura Chen"], before["Omar O'Hara"]
    # The interview ended 15:00 in New York (20:00 UTC) on Friday 20 November.
    assert omar.planned_due == datetime(2026, 11, 21, 20, tzinfo=UTC)  # 24 hours
    with db.write() as session:
        steps.mark_done(session, laura.id, NOW)

    dialog = _dialog(qtbot, db)
    assert dialog.within_24h.isChecked()
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.within_2bd, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted and notified

    after = _thank_yous(db)
    # Two business days after Friday is Tuesday, same wall-clock time.
    assert after["Omar O'Hara"].planned_due == datetime(2026, 11, 24, 20, tzinfo=UTC)
    assert after["Omar O'Hara"].status == "pending"
    assert after["Laura Chen"].status == "done"
    assert after["Laura Chen"].done_at == NOW
    with db.read() as session:
        assert load_settings(session).thank_you_deadline == "2bd"


def test_other_playbook_settings_are_saved(qtbot: QtBot, db: Database) -> None:
    dialog = _dialog(qtbot, db)
    dialog.follow_up_days.setValue(10)
    dialog.quiet_from.setTime(QTime(22, 30))
    dialog.home_country.setCurrentIndex(dialog.home_country.findData("SE"))
    dialog.work_day_boxes[5].setChecked(True)  # Saturday
    assert dialog.save()
    with db.read() as session:
        settings = load_settings(session)
    assert settings.follow_up_days == 10
    assert settings.quiet_hours[0].strftime("%H:%M") == "22:30"
    assert settings.home_country == "SE"
    assert settings.work_days == frozenset({1, 2, 3, 4, 5, 6})


def test_no_work_days_is_refused_beside_the_field(qtbot: QtBot, db: Database) -> None:
    dialog = _dialog(qtbot, db)
    for box in dialog.work_day_boxes:
        box.setChecked(False)
    assert not dialog.save_button.isEnabled()
    assert dialog.work_days_message.text() == "✕ Pick at least one work day"
    assert not dialog.save()
    dialog.work_day_boxes[0].setChecked(True)
    assert dialog.save_button.isEnabled()


def test_profile_is_saved_as_typed_and_checked(qtbot: QtBot, db: Database) -> None:
    dialog = _dialog(qtbot, db)
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.profile_name, "<b>Ann</b> & O'Hara")
    qtbot.keyClicks(dialog.profile_email, "ann@")
    assert not dialog.save_button.isEnabled() and dialog.profile_email_message.is_error
    qtbot.keyClicks(dialog.profile_email, "example.com")
    qtbot.keyClicks(dialog.profile_phone, "212 555 1234")
    dialog.profile_selling_points.setPlainText("Ten years of <SQL> & 张伟's praise")
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    with db.read() as session:
        profile = load_profile(session)
    assert profile.name == "<b>Ann</b> & O'Hara"
    assert (profile.email, profile.phone) == ("ann@example.com", "+1 212-555-1234")
    assert profile.selling_points == "Ten years of <SQL> & 张伟's praise"


def test_start_at_login_choice_is_stored_for_the_tray(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "afterview-tray.desktop"
    dialog = _dialog(qtbot, db)
    assert not dialog.autostart.isChecked()
    dialog.autostart.setChecked(True)
    assert dialog.save()
    with db.read() as session:
        assert autostart_choice(session) is True
    assert entry.is_file() or not _has_autostart_module()
    again = _dialog(qtbot, db)
    assert again.autostart.isChecked()
    again.autostart.setChecked(False)
    assert again.save()
    with db.read() as session:
        assert autostart_choice(session) is False
    assert not entry.exists()


def _has_autostart_module() -> bool:
    import importlib.util

    return importlib.util.find_spec("afterview.tray.autostart") is not None


def test_every_control_has_an_accessible_name(qtbot: QtBot, db: Database) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
    )

    dialog = _dialog(qtbot, db)
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit)
    controls = [w for kind in kinds for w in dialog.findChildren(kind)]
    unnamed = [
        w
        for w in controls
        if not w.accessibleName()
        and not w.objectName().startswith("qt_")
        and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))
    ]
    assert unnamed == []
