"""Settings: the playbook's numbers, the profile letters are signed with, and start at login.

Saving writes everything in one transaction (store.settings.save_all). A changed playbook
setting re-plans the pending steps at once; steps the user finished, skipped, snoozed or
re-timed keep what the user did.
"""

from __future__ import annotations

import importlib
from datetime import time
from typing import Any

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from afterview.domain import cards
from afterview.domain.calendar import country_work_days
from afterview.domain.settings import Settings, ThankYouDeadline
from afterview.store.errors import StoreError
from afterview.store.setting_values import settings_as_json
from afterview.store.values import Profile
from afterview.ui.data import DataAccess
from afterview.ui.profile_form import ProfileForm
from afterview.ui.validators import Clock, FieldMessage, plain_label, utcnow
from afterview.ui.widgets import ZoneBox, quiet
from afterview.ui.write_guard import writes

#: The settings this dialog edits; the rest keep their stored values.
PLAYBOOK_FIELDS = (
    "thank_you_deadline",
    "follow_up_days",
    "quiet_hours",
    "home_country",
    "home_time_zone",
    "work_days",
    "workday_start",
    "workday_end",
)
#: Monday first; each shown by the locale's short day name (QLocale().dayName).
WEEKDAYS = range(1, 8)


def country_choices() -> list[tuple[str, str]]:
    """(name, ISO code) for every country the holiday calendars know, sorted by name."""
    import holidays  # the calendars are only needed when the dialog opens

    codes = {code for code in holidays.list_supported_countries() if len(code) == 2}
    choices = []
    for code in codes:
        territory = QLocale.codeToTerritory(code)
        name = QLocale.territoryToString(territory)
        if territory == QLocale.Country.AnyTerritory or not name:
            name = code
        choices.append((name, code))
    return sorted(choices, key=lambda pair: pair[0].casefold())


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _hhmm(value: QTime) -> str:
    return f"{value.hour():02d}:{value.minute():02d}"


class SettingsDialog(QDialog):
    changed = Signal()
    #: A backup was restored over the data: everything the window shows must be read again.
    restored = Signal()

    def __init__(
        self, data: DataAccess, parent: QWidget | None = None, *, clock: Clock = utcnow
    ) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.data = data
        self.clock = clock
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        self.tabs.addTab(self._playbook_tab(), self.tr("&Follow-ups"))
        self.tabs.addTab(self._profile_tab(), self.tr("&Profile"))
        self.tabs.addTab(self._startup_tab(), self.tr("&Start-up"))
        self.tabs.addTab(self._calendar_tab(), self.tr("&Calendar"))
        self.tabs.addTab(self._backups_tab(), self.tr("&Backups"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save settings"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.error = plain_label("", self, name="settings error")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self.load()

    # -- building ------------------------------------------------------------------------

    def _calendar_tab(self) -> QWidget:
        from afterview.ui.ics_sync import CalendarFileSettings

        page = CalendarFileSettings(self.data, self)
        page.changed.connect(self.changed)
        return page

    def _backups_tab(self) -> QWidget:
        from afterview.ui.backups_page import BackupsPage

        page = BackupsPage(self.data, self)
        page.restored.connect(self.restored)
        return page

    def _playbook_tab(self) -> QWidget:
        page = QWidget(self)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(18, 18, 18, 18)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setVerticalSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        # The articles behind each choice (seed 004; seeds 002, 003) are named in the help,
        # not here: a user cannot look up "seed 004".
        self.within_24h = QRadioButton(self.tr("Within 24 hours"), page)
        self.within_24h.setAccessibleName(self.tr("Thank-you note within 24 hours"))
        self.within_2bd = QRadioButton(self.tr("Within 2 business days"), page)
        self.within_2bd.setAccessibleName(self.tr("Thank-you note within 2 business days"))
        self.deadline_group = QButtonGroup(page)
        self.deadline_group.addButton(self.within_24h)
        self.deadline_group.addButton(self.within_2bd)
        deadline = QVBoxLayout()
        deadline.setSpacing(4)
        deadline.addWidget(self.within_24h)
        deadline.addWidget(self.within_2bd)
        form.addRow(plain_label(self.tr("Thank-you notes"), page), deadline)

        self.follow_up_days = QSpinBox(page)
        self.follow_up_days.setAccessibleName(self.tr("Follow up after days"))
        self.follow_up_days.setRange(1, 60)
        self.follow_up_days.setSuffix(self.tr(" days"))
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up_days)
        hint = plain_label(self.tr("after the interview without news"), page)
        quiet(hint)
        follow.addWidget(hint, 1)
        form.addRow(plain_label(self.tr("Follow up"), page), follow)

        self.quiet_from = QTimeEdit(page)
        self.quiet_from.setAccessibleName(self.tr("Quiet hours start"))
        self.quiet_from.setDisplayFormat("HH:mm")
        self.quiet_to = QTimeEdit(page)
        self.quiet_to.setAccessibleName(self.tr("Quiet hours end"))
        self.quiet_to.setDisplayFormat("HH:mm")
        quiet_hours = QHBoxLayout()
        quiet_hours.addWidget(self.quiet_from)
        quiet_hours.addWidget(plain_label(self.tr("to"), page))
        quiet_hours.addWidget(self.quiet_to)
        quiet_hours.addStretch(1)
        form.addRow(plain_label(self.tr("No reminders from"), page), quiet_hours)

        self.home_country = QComboBox(page)
        self.home_country.setAccessibleName(self.tr("Home country"))
        for name, code in country_choices():
            self.home_country.addItem(
                self.tr("{country} ({code})").format(country=name, code=code), code
            )
        form.addRow(plain_label(self.tr("Home country"), page), self.home_country)
        self._shown_country = ""
        self.home_country.currentIndexChanged.connect(self._country_changed)

        self.work_day_boxes: list[QCheckBox] = []
        days = QHBoxLayout()
        days.setSpacing(10)
        locale = QLocale()
        for number in WEEKDAYS:
            caption = locale.dayName(number, QLocale.FormatType.ShortFormat)
            box = QCheckBox(caption, page)
            box.setAccessibleName(
                self.tr("Work day {day}").format(
                    day=locale.dayName(number, QLocale.FormatType.LongFormat)
                )
            )
            box.setProperty("weekday", number)
            box.toggled.connect(self._check)
            self.work_day_boxes.append(box)
            days.addWidget(box)
        days.addStretch(1)
        self.work_days_message = FieldMessage("work days", page)
        work = QVBoxLayout()
        work.addLayout(days)
        week_hint = plain_label(
            self.tr(
                "Left as your home country's week, each interview follows its own country's "
                "(Israel works Sunday to Thursday); change it to use one week everywhere."
            ),
            page,
        )
        week_hint.setWordWrap(True)
        quiet(week_hint)
        work.addWidget(week_hint)
        work.addWidget(self.work_days_message)
        form.addRow(plain_label(self.tr("Work days"), page), work)

        self.workday_start = QTimeEdit(page)
        self.workday_start.setAccessibleName(self.tr("Working hours start"))
        self.workday_start.setDisplayFormat("HH:mm")
        self.workday_end = QTimeEdit(page)
        self.workday_end.setAccessibleName(self.tr("Working hours end"))
        self.workday_end.setDisplayFormat("HH:mm")
        for edit in (self.workday_start, self.workday_end):
            edit.timeChanged.connect(self._check)
        hours = QHBoxLayout()
        hours.addWidget(self.workday_start)
        hours.addWidget(plain_label(self.tr("to"), page))
        hours.addWidget(self.workday_end)
        hours.addSpacing(8)
        hours_hint = plain_label(self.tr("calls and letters are planned inside these"), page)
        quiet(hours_hint)
        hours.addWidget(hours_hint, 1)
        self.working_hours_message = FieldMessage("working hours", page)
        working = QVBoxLayout()
        working.addLayout(hours)
        working.addWidget(self.working_hours_message)
        form.addRow(plain_label(self.tr("Working hours"), page), working)

        self.home_time_zone = ZoneBox(page, self.tr("Your time zone"))
        form.addRow(plain_label(self.tr("Your time zone"), page), self.home_time_zone)

        note = plain_label(
            self.tr(
                "Changing these plans your pending steps again. Steps you finished, skipped, "
                "snoozed or re-timed stay as you left them."
            ),
            page,
        )
        note.setWordWrap(True)
        quiet(note)
        form.addRow(note)
        return page

    def _profile_tab(self) -> QWidget:
        # Scrolls: with a help line under each field it is taller than a small window.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget(scroll)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(18, 18, 18, 18)
        intro = plain_label(self.tr("Your letters are signed with these details."), page)
        quiet(intro)
        outer.addWidget(intro)
        country = self.home_country  # not self: no Python cycle from the form to the dialog
        self.profile_form = ProfileForm(
            page, region=lambda: cards.region_for(str(country.currentData() or ""))
        )
        outer.addWidget(self.profile_form)
        outer.addStretch(1)
        scroll.setWidget(page)
        form = self.profile_form
        self.profile_name = form.name
        self.profile_email = form.email
        self.profile_phone = form.phone
        self.profile_address = form.address
        assert form.signature is not None and form.selling_points is not None
        self.profile_signature = form.signature
        self.profile_selling_points = form.selling_points
        self.profile_email_message = form.email_message
        self.profile_phone_message = form.phone_message
        form.changed.connect(self._check)
        return scroll

    def _startup_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(18, 18, 18, 18)
        self.autostart = QCheckBox(self.tr("Start Afterview's &reminders at login"), page)
        self.autostart.setAccessibleName(self.tr("Start Afterview's reminders at login"))
        layout.addWidget(self.autostart)
        hint = plain_label(
            self.tr(
                "A small tray icon shows what is due and reminds you when a step falls due, "
                "even while this window is closed."
            ),
            page,
        )
        hint.setWordWrap(True)
        quiet(hint)
        layout.addWidget(hint)
        layout.addStretch(1)
        return page

    # -- loading and checking ------------------------------------------------------------

    def load(self) -> None:
        store = self.data.store
        settings = store.settings.playbook()
        profile = store.settings.profile()
        autostart = store.settings.autostart_choice()
        self._settings = settings
        self._profile = profile
        if autostart is None:  # never chosen: show what is installed
            module = self._autostart_module()
            autostart = bool(module is not None and module.is_enabled())
        self._autostart = autostart
        self._loaded_json = settings_as_json(settings, PLAYBOOK_FIELDS)
        self.within_24h.setChecked(settings.thank_you_deadline == ThankYouDeadline.HOURS_24)
        self.within_2bd.setChecked(settings.thank_you_deadline == ThankYouDeadline.BUSINESS_DAYS_2)
        self.follow_up_days.setValue(settings.follow_up_days)
        self.quiet_from.setTime(_qtime(settings.quiet_hours[0]))
        self.quiet_to.setTime(_qtime(settings.quiet_hours[1]))
        index = self.home_country.findData(settings.home_country)
        if index < 0:
            self.home_country.addItem(settings.home_country, settings.home_country)
            index = self.home_country.count() - 1
        self.home_country.setCurrentIndex(index)
        self._show_work_days(
            settings.work_days
            if settings.work_days is not None
            else country_work_days(settings.home_country)
        )
        self._shown_country = settings.home_country
        self.workday_start.setTime(_qtime(settings.workday_start))
        self.workday_end.setTime(_qtime(settings.workday_end))
        self.home_time_zone.set_zone(settings.home_time_zone)
        self.profile_form.set_profile(profile)
        self.autostart.setChecked(self._autostart)
        self._check()

    def playbook_values(self) -> dict[str, Any]:
        """The edited playbook settings in their stored (JSON) form."""
        deadline = (
            ThankYouDeadline.BUSINESS_DAYS_2
            if self.within_2bd.isChecked()
            else ThankYouDeadline.HOURS_24
        )
        return {
            "thank_you_deadline": deadline.value,
            "follow_up_days": self.follow_up_days.value(),
            "quiet_hours": [_hhmm(self.quiet_from.time()), _hhmm(self.quiet_to.time())],
            "home_country": str(self.home_country.currentData()),
            "home_time_zone": self.home_time_zone.zone(),
            "workday_start": _hhmm(self.workday_start.time()),
            "workday_end": _hhmm(self.workday_end.time()),
            # The country's own work week is stored as none, so it follows the country.
            "work_days": None
            if self._checked_days() == country_work_days(str(self.home_country.currentData()))
            else sorted(self._checked_days()),
        }

    def _checked_days(self) -> frozenset[int]:
        return frozenset(
            int(box.property("weekday")) for box in self.work_day_boxes if box.isChecked()
        )

    def _show_work_days(self, days: frozenset[int]) -> None:
        for box in self.work_day_boxes:
            box.setChecked(int(box.property("weekday")) in days)

    def _country_changed(self, _index: int) -> None:
        """A work week left as the old country's becomes the new country's."""
        country = str(self.home_country.currentData() or "")
        if self._checked_days() == country_work_days(self._shown_country):
            self._show_work_days(country_work_days(country))
        self._shown_country = country

    def profile_values(self) -> Profile:
        return self.profile_form.profile(self._profile)

    def _check(self, *_: object) -> bool:
        has_day = any(box.isChecked() for box in self.work_day_boxes)
        self.work_days_message.show_message(
            None if has_day else self.tr("Pick at least one work day"), "error"
        )
        hours_ok = self.workday_start.time() < self.workday_end.time()
        self.working_hours_message.show_message(
            None if hours_ok else self.tr("Working hours must end after they start"), "error"
        )
        profile_ok = self.profile_form.check()
        ok = has_day and hours_ok and profile_ok
        self.save_button.setEnabled(ok)
        return ok

    # -- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """Write what changed; re-plan when a playbook setting did. False if nothing saved."""
        if not self._check():
            return False
        values = self.playbook_values()
        changes = {name: v for name, v in values.items() if v != self._loaded_json.get(name)}
        profile = self.profile_form.checked_profile(self._profile)
        autostart = self.autostart.isChecked()
        try:
            self.data.store.settings.save_all(
                changes,
                profile if profile != self._profile else None,
                autostart if autostart != self._autostart else None,
            )
        except StoreError as error:
            self.error.setText(str(error))
            return False
        if autostart != self._autostart:
            self._apply_autostart(autostart)
        self.changed.emit()
        self.accept()
        return True

    @staticmethod
    def _autostart_module() -> Any:
        """The tray's autostart module (writes the login entry), if this build has it."""
        try:
            return importlib.import_module("afterview.tray.autostart")
        except ImportError:
            return None

    def _apply_autostart(self, on: bool) -> None:
        """Write or remove the login entry; the choice itself is already stored (the tray
        engineer's ``tray.autostart`` setting), so it survives when this fails."""
        module = self._autostart_module()
        if module is None:
            return
        try:
            if on:
                module.enable(self.data.store.paths)
            else:
                module.disable(self.data.store.paths)
        except OSError as error:
            self.error.setText(
                self.tr("Could not change start at login: {error}").format(error=error)
            )

    @property
    def settings(self) -> Settings:
        return self._settings


__all__ = ["PLAYBOOK_FIELDS", "SettingsDialog", "country_choices"]
