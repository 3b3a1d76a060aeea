"""The Process tab: when and how the interview is, and what they said about the decision.

Edits are saved shortly after typing stops (one write per pause) and re-plan
the steps at once; a bad value gets a message under the form and the field
keeps what the user typed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from afterview.store.errors import RecordError, StoreError
from afterview.ui.data import DataAccess, not_saved_yet
from afterview.ui.interviews_model import STATUS_LABELS
from afterview.ui.widgets import DateTimeField, OptionalDate, ZoneBox, date_field, plain_label
from afterview.ui.write_guard import writes

SAVE_DELAY_MS = 500
#: The form's labels by the store's field names, for what a refusal says.
FIELD_LABELS = {
    "company": "Company",
    "position": "Position",
    "round": "Round",
    "start": "Date and time",
    "time_zone": "Time zone",
    "duration_minutes": "Duration",
    "format": "Format",
    "location": "Location",
    "country": "Country",
    "region": "Region",
    "status": "Status",
    "decision_expected": "Decision expected",
    "decided_by": "Who decides",
    "employer_will_contact": "Will they contact you",
    "agreed_follow_up": "Agreed follow-up",
}
FORMATS = {"in_person": "In person", "video": "Video call", "phone": "Phone", "lunch": "Lunch"}
CONTACT_CHOICES: tuple[tuple[str, bool | None], ...] = (
    ("Not known", None),
    ("Yes, they will contact me", True),
    ("No, I should follow up", False),
)


#: Wall times are edited as zone-less values (kept in UTC's spec), so a wall time in the
#: interview's zone is never shifted by the computer's own daylight-saving changes.
WALL = QTimeZone(QTimeZone.Initialization.UTC)


def to_qdatetime(wall: datetime) -> QDateTime:
    return QDateTime(QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute), WALL)


def wall_editor(parent: QWidget, accessible: str) -> QDateTimeEdit:
    editor = DateTimeField(parent)
    editor.setTimeZone(WALL)
    date_field(editor, accessible)
    return editor


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class ProcessTab(QWidget):
    saved = Signal()

    def __init__(self, data: DataAccess | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.data = data
        self.interview_id: int | None = None
        self._pending: dict[str, Any] = {}
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setContentsMargins(16, 16, 16, 16)
        self.company = self._line("Company", form)
        self.position = self._line("Position", form)
        self.round = self._line("Round", form, "e.g. Phone screen, Onsite, Final")
        self.start = wall_editor(self, "Date and time")
        self.start.dateTimeChanged.connect(lambda _v: self._queue("start"))
        form.addRow("Date and time", self.start)
        self.zone = ZoneBox(self)
        self.zone.currentTextChanged.connect(lambda _v: self._queue("time_zone"))
        form.addRow("Time zone", self.zone)
        self.duration = QSpinBox(self)
        self.duration.setRange(5, 1440)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setAccessibleName("Duration in minutes")
        self.duration.valueChanged.connect(lambda _v: self._queue("duration_minutes"))
        form.addRow("Duration", self.duration)
        self.format = self._combo("Format", form, list(FORMATS.items()), "format")
        self.location = self._line("Location", form, "Address, or the video link")
        self.country = self._line("Country", form, "Two letters, e.g. US, DE, JP")
        self.country.setMaxLength(2)
        # Whose public holidays count besides the country's (issue 12 §1).
        self.region = self._line(
            "Region", form, "Optional: GB-ENG, DE-BY, US-CA… its holidays count"
        )
        self.region.setMaxLength(16)
        self.region.setToolTip(
            "An ISO 3166-2 region of the country. Calls and letters are planned on its business "
            "days: England's Easter Monday or Bavaria's Epiphany are not national holidays."
        )
        self.status = self._combo("Status", form, list(STATUS_LABELS.items()), "status")
        self.decision = OptionalDate("Decision expected", self)
        self.decision.changed.connect(lambda: self._queue("decision_expected"))
        form.addRow("Decision expected", self.decision)
        self.decided_by = self._line("Who decides", form, "Name and title of the decision maker")
        self.will_contact = self._combo(
            "Will they contact you", form, list(CONTACT_CHOICES), "employer_will_contact"
        )
        self.follow_up = OptionalDate("Agreed follow-up date", self)
        self.follow_up.changed.connect(lambda: self._queue("agreed_follow_up"))
        form.addRow("Agreed follow-up", self.follow_up)
        self.error = plain_label("", self, "processError")
        self._waiting = False  # the error says a change waits to be saved
        if data is not None:
            data.caught_up.connect(self._saved_at_last)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(link);")
        form.addRow(self.error)
        self._fields = {
            "company": self.company,
            "position": self.position,
            "round": self.round,
            "location": self.location,
            "country": self.country,
            "region": self.region,
            "decided_by": self.decided_by,
        }

    def _line(self, label: str, form: QFormLayout, hint: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(label)
        edit.setPlaceholderText(hint)
        name = {
            "Company": "company",
            "Position": "position",
            "Round": "round",
            "Location": "location",
            "Country": "country",
            "Region": "region",
            "Who decides": "decided_by",
        }[label]
        edit.setObjectName(f"process-{name}")
        edit.textEdited.connect(lambda _t: self._queue(name))
        form.addRow(label, edit)
        return edit

    def _combo(
        self, label: str, form: QFormLayout, items: list[tuple[str, Any]], name: str
    ) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(label)
        box.setObjectName(f"process-{name}")
        for value, text in items:
            if name == "employer_will_contact":
                box.addItem(value, text)  # (label, value) for this one
            else:
                box.addItem(text, value)
        box.currentIndexChanged.connect(lambda _i: self._queue(name))
        form.addRow(label, box)
        return box

    # --- load and save ---------------------------------------------------------------------

    def show_interview(self, interview_id: int | None) -> None:
        self.save_now()
        self.interview_id = interview_id
        self.error.clear()
        if interview_id is None or self.data is None:
            return
        row = self.data.store.interviews.get(interview_id)
        self._loading = True
        try:
            self.company.setText(row.company)
            self.position.setText(row.position)
            self.round.setText(row.round)
            wall = row.start.astimezone(ZoneInfo(row.time_zone))
            self.start.setDateTime(to_qdatetime(wall))
            self.zone.set_zone(row.time_zone)
            self.duration.setValue(row.duration_minutes)
            self.format.setCurrentIndex(max(0, self.format.findData(row.format.value)))
            self.location.setText(row.location)
            self.country.setText(row.country)
            self.region.setText(row.region)
            self.status.setCurrentIndex(max(0, self.status.findData(row.status.value)))
            self.decision.set_value(row.decision_expected)
            self.decided_by.setText(row.decided_by)
            choice = [v for _t, v in CONTACT_CHOICES].index(row.employer_will_contact)
            self.will_contact.setCurrentIndex(choice)
            self.follow_up.set_value(row.agreed_follow_up)
        finally:
            self._loading = False
        if self.data.unsaved:
            self.error.setText(
                self.tr(
                    "Changes that are not saved yet are not shown here; they appear once "
                    "Afterview has saved them."
                )
            )

    def _value(self, name: str) -> Any:
        if name in self._fields:
            return self._fields[name].text()
        if name in ("start", "time_zone"):
            return from_qdatetime(self.start.dateTime())
        if name == "duration_minutes":
            return self.duration.value()
        if name == "format":
            return self.format.currentData()
        if name == "status":
            return self.status.currentData()
        if name == "employer_will_contact":
            return self.will_contact.currentData()
        if name == "decision_expected":
            return self.decision.value()
        return self.follow_up.value()

    def _queue(self, name: str) -> None:
        if self._loading or self.interview_id is None:
            return
        if name in ("start", "time_zone"):
            zone = self.zone.zone()
            if zone not in set(self.zone_names()):
                return  # still typing a zone name
            self._pending["start"] = self._value("start")
            self._pending["time_zone"] = zone
        else:
            self._pending[name] = self._value(name)
        immediate = name in ("format", "status", "employer_will_contact", "time_zone")
        self._timer.start(0 if immediate else SAVE_DELAY_MS)

    @staticmethod
    def zone_names() -> list[str]:
        from afterview.ui.widgets import zone_names

        return zone_names()

    def save_now(self) -> None:
        self._timer.stop()
        if not self._pending or self.interview_id is None or self.data is None:
            self._pending.clear()
            return
        changes, self._pending = dict(self._pending), {}
        interview_id = self.interview_id
        store = self.data.store
        attempt = self.data.attempt(
            lambda: store.interviews.update(interview_id, changes), quiet=True, retry=True
        )
        self._waiting = attempt.waiting
        if attempt.waiting and attempt.error is not None:
            self.error.setText(not_saved_yet(attempt.error))  # the fields keep what was typed
        elif attempt.error is not None:
            self.error.setText(self._said(attempt.error))
        else:
            self.error.clear()
            self.saved.emit()

    def _saved_at_last(self) -> None:
        if self._waiting:
            self._waiting = False
            self.saved.emit()
        if not self._pending and self.interview_id is not None:
            # What was kept is in the database now: show it (the user may have looked at
            # this interview meanwhile, and seen what was saved before).
            self.show_interview(self.interview_id)

    def _said(self, error: StoreError) -> str:
        """The refusal as this form says it: the field by its label, then what is wrong (the
        form is about one interview, so the record goes without saying)."""
        if isinstance(error, RecordError):
            label = FIELD_LABELS.get(error.field, error.field.replace("_", " ").capitalize())
            return f"{label}: {error.problem}"
        return str(error)


__all__ = ["ProcessTab", "Qt"]
