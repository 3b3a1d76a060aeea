"""Settings ▸ Follow-ups: the playbook's numbers (thank-you deadline, follow-up days, an
application's follow-up and the "no response" offer, quiet hours, home country and its work
week, working hours, time zone).

Each field has a related label (its name for a screen reader; on Linux a combo box is
otherwise named by its current value), its help text as its accessible description, and its
error tied to it (afterview.ui.form_access.show_message).
"""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.calendar import country_work_days
from afterview.domain.settings import Settings, ThankYouDeadline
from afterview.ui.form_access import buddy_label, describe, field_message, show_message
from afterview.ui.rule_words import article_title
from afterview.ui.widgets import ZoneBox, plain_label, quiet

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


class PlaybookTab(QWidget):
    """The Follow-ups tab. ``edited`` after a change that may make it valid or invalid."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: True while show_settings fills the fields: one field set before the next is a
        #: half-loaded state (09:00 to the empty 00:00), not an edit to check or announce.
        self._loading = False
        # Scrolls, as the Profile tab does: with the application's two numbers and their
        # help it is taller than the dialog's first size, and a form does not ask for the
        # height its wrapped help lines need (they were cut off). The fields land in the
        # body (a layout takes its widgets in), siblings of their labels as before.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setObjectName("playbookScroll")
        # Not a Tab stop of its own (unnamed, it is read as nothing): it scrolls to the
        # focused field by itself.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        column = QVBoxLayout(body)
        column.setContentsMargins(18, 18, 18, 18)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        form.setVerticalSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        # The articles behind each choice (seed 004; seeds 002, 003) are named in the help,
        # not here: a user cannot look up "seed 004".
        self.within_24h = QRadioButton(self.tr("Within 24 hours"), self)
        self.within_24h.setAccessibleName(self.tr("Thank-you note within 24 hours"))
        self.within_2bd = QRadioButton(self.tr("Within 2 business days"), self)
        self.within_2bd.setAccessibleName(self.tr("Thank-you note within 2 business days"))
        self.deadline_group = QButtonGroup(self)
        self.deadline_group.addButton(self.within_24h)
        self.deadline_group.addButton(self.within_2bd)
        deadline = QVBoxLayout()
        deadline.setSpacing(4)
        deadline.addWidget(self.within_24h)
        deadline.addWidget(self.within_2bd)
        form.addRow(buddy_label(self.tr("Thank-you notes"), self.within_24h, self), deadline)

        self.follow_up_days = QSpinBox(self)
        self.follow_up_days.setAccessibleName(self.tr("Follow up after days"))
        self.follow_up_days.setRange(1, 60)
        self.follow_up_days.setSuffix(self.tr(" days"))
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up_days)
        follow.addWidget(
            self._hint(self.tr("after the interview without news"), self.follow_up_days), 1
        )
        form.addRow(buddy_label(self.tr("Follow up"), self.follow_up_days, self), follow)
        self._application_rows(form)

        self.quiet_from = QTimeEdit(self)
        self.quiet_from.setAccessibleName(self.tr("Quiet hours start"))
        self.quiet_from.setDisplayFormat("HH:mm")
        self.quiet_to = QTimeEdit(self)
        self.quiet_to.setAccessibleName(self.tr("Quiet hours end"))
        self.quiet_to.setDisplayFormat("HH:mm")
        quiet_hours = QHBoxLayout()
        quiet_hours.addWidget(self.quiet_from)
        quiet_hours.addWidget(buddy_label(self.tr("to"), self.quiet_to, self))
        quiet_hours.addWidget(self.quiet_to)
        quiet_hours.addStretch(1)
        form.addRow(buddy_label(self.tr("No reminders from"), self.quiet_from, self), quiet_hours)

        self.home_country = QComboBox(self)
        self.home_country.setAccessibleName(self.tr("Home country"))
        for name, code in country_choices():
            self.home_country.addItem(
                self.tr("{country} ({code})").format(country=name, code=code), code
            )
        form.addRow(
            buddy_label(self.tr("Home country"), self.home_country, self), self.home_country
        )
        self._shown_country = ""
        self.home_country.currentIndexChanged.connect(self._country_changed)

        self.work_day_boxes: list[QCheckBox] = []
        days = QHBoxLayout()
        days.setSpacing(10)
        locale = QLocale()
        for number in WEEKDAYS:
            caption = locale.dayName(number, QLocale.FormatType.ShortFormat)
            box = QCheckBox(caption, self)
            box.setAccessibleName(
                self.tr("Work day {day}").format(
                    day=locale.dayName(number, QLocale.FormatType.LongFormat)
                )
            )
            box.setProperty("weekday", number)
            box.toggled.connect(self._edited)
            self.work_day_boxes.append(box)
            days.addWidget(box)
        days.addStretch(1)
        self.work_days_message = field_message("work days", self)
        work = QVBoxLayout()
        work.addLayout(days)
        work.addWidget(
            self._hint(
                self.tr(
                    "Left as your home country's week, each interview follows its own "
                    "country's (Israel works Sunday to Thursday); change it to use one week "
                    "everywhere."
                ),
                *self.work_day_boxes,
            )
        )
        work.addWidget(self.work_days_message)
        form.addRow(buddy_label(self.tr("Work days"), self.work_day_boxes[0], self), work)

        self.workday_start = QTimeEdit(self)
        self.workday_start.setAccessibleName(self.tr("Working hours start"))
        self.workday_start.setDisplayFormat("HH:mm")
        self.workday_end = QTimeEdit(self)
        self.workday_end.setAccessibleName(self.tr("Working hours end"))
        self.workday_end.setDisplayFormat("HH:mm")
        for edit in (self.workday_start, self.workday_end):
            edit.timeChanged.connect(self._edited)
        hours = QHBoxLayout()
        hours.addWidget(self.workday_start)
        hours.addWidget(buddy_label(self.tr("to"), self.workday_end, self))
        hours.addWidget(self.workday_end)
        hours.addSpacing(8)
        hours_hint = self.tr("calls and letters are planned inside these")
        hours.addWidget(self._hint(hours_hint, self.workday_start, self.workday_end), 1)
        self.working_hours_message = field_message("working hours", self)
        working = QVBoxLayout()
        working.addLayout(hours)
        working.addWidget(self.working_hours_message)
        form.addRow(buddy_label(self.tr("Working hours"), self.workday_start, self), working)

        self.home_time_zone = ZoneBox(self, self.tr("Your time zone"))
        form.addRow(
            buddy_label(self.tr("Your time zone"), self.home_time_zone, self), self.home_time_zone
        )

        note = plain_label(
            self.tr(
                "Changing these plans your pending steps again. Steps you finished, skipped, "
                "snoozed or re-timed stay as you left them."
            ),
            self,
        )
        note.setWordWrap(True)
        quiet(note)
        form.addRow(note)

    def _application_rows(self, form: QFormLayout) -> None:
        """The application's own follow-up and the "no response" offer (issue 17 §1, §3),
        each with where its number comes from (the limits: afterview.store.setting_values)."""
        self.application_follow_up_days = self._days(
            "applicationFollowUpDays", self.tr("Follow up an application after days"), 60
        )
        self.no_response_days = self._days(
            "noResponseDays", self.tr("Offer to close as no response after days"), 90
        )
        rows = (
            (
                self.tr("Application"),
                self.application_follow_up_days,
                self.tr(
                    "after you apply, with no interview yet (one follow-up, no more). "
                    "Afterview's own choice: none of the articles its advice comes from speaks "
                    "of the time after applying."
                ),
            ),
            (
                self.tr("No response"),
                self.no_response_days,
                self.tr(
                    "after your last follow-up went unanswered, Today offers to close the "
                    "application as no response (never by itself): calmer than a third "
                    "follow-up, as “{0}” advises. The number of days is Afterview's own choice."
                ).format(article_title("001")),
            ),
        )
        for caption, box, tip in rows:
            row = QHBoxLayout()
            row.addWidget(box)
            row.addWidget(self._hint(tip, box), 1)
            form.addRow(buddy_label(caption, box, self), row)

    def _days(self, name: str, accessible: str, most: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setRange(1, most)
        box.setSuffix(self.tr(" days"))
        return box

    def _hint(self, text: str, *fields: QWidget) -> QWidget:
        """A help text: secondary text (4.5:1), and the accessible description of
        ``fields``, so a screen reader reads it with them."""
        hint = plain_label(text, self)
        hint.setWordWrap(True)
        quiet(hint)
        for field in fields:
            describe(field, text)
        return hint

    # -- values --------------------------------------------------------------------------

    def show_settings(self, settings: Settings) -> None:
        """Fill the fields from ``settings`` without checking them on the way (the caller
        checks once, with every field loaded)."""
        self._loading = True
        try:
            self._fill(settings)
        finally:
            self._loading = False

    def _fill(self, settings: Settings) -> None:
        self.within_24h.setChecked(settings.thank_you_deadline == ThankYouDeadline.HOURS_24)
        self.within_2bd.setChecked(settings.thank_you_deadline == ThankYouDeadline.BUSINESS_DAYS_2)
        self.follow_up_days.setValue(settings.follow_up_days)
        self.application_follow_up_days.setValue(settings.application_follow_up_days)
        self.no_response_days.setValue(settings.no_response_days)
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

    def values(self) -> dict[str, Any]:
        """The edited playbook settings in their stored (JSON) form."""
        deadline = (
            ThankYouDeadline.BUSINESS_DAYS_2
            if self.within_2bd.isChecked()
            else ThankYouDeadline.HOURS_24
        )
        return {
            "thank_you_deadline": deadline.value,
            "follow_up_days": self.follow_up_days.value(),
            "application_follow_up_days": self.application_follow_up_days.value(),
            "no_response_days": self.no_response_days.value(),
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

    # -- checking ------------------------------------------------------------------------

    def _edited(self, *_: object) -> None:
        if self._loading:
            return
        self.check()
        self.edited.emit()

    def check(self) -> bool:
        """Show each problem tied to its field; True when the tab can be saved."""
        has_day = any(box.isChecked() for box in self.work_day_boxes)
        # The week's error belongs to the whole row of days; it is tied to the first, where
        # Tab arrives, and announced once.
        show_message(
            self.work_day_boxes[0],
            self.work_days_message,
            None if has_day else self.tr("Pick at least one work day"),
        )
        hours_ok = self.workday_start.time() < self.workday_end.time()
        show_message(
            self.workday_end,
            self.working_hours_message,
            None if hours_ok else self.tr("Working hours must end after they start"),
        )
        return has_day and hours_ok

    def first_invalid(self) -> QWidget | None:
        """The first field in error, where focus goes when Save is refused."""
        if not any(box.isChecked() for box in self.work_day_boxes):
            return self.work_day_boxes[0]
        if not self.workday_start.time() < self.workday_end.time():
            return self.workday_end
        return None


__all__ = ["WEEKDAYS", "PlaybookTab", "country_choices"]
