"""Settings: the playbook's numbers, the profile letters are signed with, and start at login.

Saving writes everything in one transaction (store.settings.save_all). A changed playbook
setting re-plans the pending steps at once; steps the user finished, skipped, snoozed or
re-timed keep what the user did.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from afterview.domain import cards
from afterview.domain.settings import Settings
from afterview.store.errors import StoreError
from afterview.store.setting_values import settings_as_json
from afterview.store.values import Profile
from afterview.ui import assistive
from afterview.ui.data import DataAccess
from afterview.ui.form_access import describe
from afterview.ui.profile_form import ProfileForm
from afterview.ui.settings_playbook import PlaybookTab, country_choices
from afterview.ui.tab_names import announce_tab_names
from afterview.ui.validators import Clock, utcnow
from afterview.ui.widgets import plain_label, quiet
from afterview.ui.write_guard import writes

#: The settings this dialog edits; the rest keep their stored values.
PLAYBOOK_FIELDS = (
    "thank_you_deadline",
    "follow_up_days",
    "application_follow_up_days",
    "no_response_days",
    "quiet_hours",
    "home_country",
    "home_time_zone",
    "work_days",
    "workday_start",
    "workday_end",
)


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
        announce_tab_names(self.tabs)  # the bar is read by its current tab
        self.tabs.addTab(self._playbook_tab(), self.tr("&Follow-ups"))
        self.tabs.addTab(self._profile_tab(), self.tr("&Profile"))
        self.tabs.addTab(self._startup_tab(), self.tr("&Start-up"))
        self.tabs.addTab(self._calendar_tab(), self.tr("&Calendar"))
        self.tabs.addTab(self._storage_tab(), self.tr("St&orage"))
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
        self.error = plain_label("", self, name="settings error")  # read by its text
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        #: The first check waits until the dialog is shown: an error found in the stored
        #: values is announced when the user can see it, not while the dialog is built.
        self._check_when_shown = False
        self._loading = False
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

    def _storage_tab(self) -> QWidget:
        from afterview.ui.settings_storage import StoragePage

        self.storage = StoragePage(self.data, self)
        self.finished.connect(self.storage.wait_for_copy)  # a copy is let finish, or undone
        return self.storage

    def _playbook_tab(self) -> QWidget:
        self.playbook = page = PlaybookTab(self)
        page.edited.connect(self._edited)
        # The fields by their old names (the tests and the profile form reach them here).
        self.within_24h, self.within_2bd = page.within_24h, page.within_2bd
        self.follow_up_days = page.follow_up_days
        self.quiet_from, self.quiet_to = page.quiet_from, page.quiet_to
        self.home_country = page.home_country
        self.work_day_boxes = page.work_day_boxes
        self.work_days_message = page.work_days_message
        self.workday_start, self.workday_end = page.workday_start, page.workday_end
        self.working_hours_message = page.working_hours_message
        self.home_time_zone = page.home_time_zone
        return page

    def _profile_tab(self) -> QWidget:
        # Scrolls: with a help line under each field it is taller than a small window.
        scroll = QScrollArea(self)
        # Not a Tab stop of its own (an unnamed, invisible one): Tab goes to the fields in
        # it, and it scrolls to show each.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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
        form.changed.connect(self._edited)
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
        describe(self.autostart, hint.text())
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
        self._loading = True  # the fields filled one by one are not edits
        try:
            self.playbook.show_settings(settings)
            self.profile_form.set_profile(profile)
            self.autostart.setChecked(self._autostart)
        finally:
            self._loading = False
        if self.isVisible():
            self._check()
        else:
            self._check_when_shown = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._check_when_shown:
            self._check_when_shown = False
            self._check()

    def playbook_values(self) -> dict[str, Any]:
        """The edited playbook settings in their stored (JSON) form."""
        return self.playbook.values()

    def profile_values(self) -> Profile:
        return self.profile_form.profile(self._profile)

    def _edited(self) -> None:
        if not self._loading:
            self._check()

    def _check(self, *_: object) -> bool:
        playbook_ok = self.playbook.check()
        profile_ok = self.profile_form.check()
        ok = playbook_ok and profile_ok
        self.save_button.setEnabled(ok)
        return ok

    # -- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """Write what changed; re-plan when a playbook setting did. False if nothing saved."""
        if not self._check():
            self._focus_first_error()
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
            self._say_error(str(error))
            self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)  # to try again
            return False
        if autostart != self._autostart:
            self._apply_autostart(autostart)
        # Said before the dialog closes (an announcement needs a visible source); focus
        # then goes back to where Settings was opened from.
        assistive.announce(self.save_button, self.tr("Settings saved."))
        self.changed.emit()
        self.accept()
        return True

    def _focus_first_error(self) -> None:
        """Show the tab with the first field in error and put focus on that field."""
        field = self.playbook.first_invalid() or self.profile_form.first_invalid()
        if field is None:
            return
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(field):
                self.tabs.setCurrentIndex(index)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say_error(self, text: str) -> None:
        """An error about the whole dialog (not one field): shown above the buttons, read by
        its text, and announced at once."""
        self.error.setText(text)
        assistive.announce(self.error, text, assertive=True)

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
            self._say_error(self.tr("Could not change start at login: {error}").format(error=error))

    @property
    def settings(self) -> Settings:
        return self._settings


__all__ = ["PLAYBOOK_FIELDS", "SettingsDialog", "country_choices"]
