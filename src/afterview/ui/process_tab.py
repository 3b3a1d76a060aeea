"""The Process tab: when and how the interview is, and what they said about the decision.

Edits are saved shortly after typing stops (one write per pause) and re-plan the steps at
once; a bad value gets a message in words next to its field ("Company is required", tied to
the field for a screen reader: afterview.ui.process_errors), and the field keeps what the
user typed until it is put right or Escape puts the saved value back. An agreed follow-up
before the interview is refused there too; a decision date that has passed asks whether a decision
has been made and offers the status change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QDate,
    QDateTime,
    Qt,
    QTime,
    QTimer,
    QTimeZone,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QWidget,
)

from afterview.domain import postal
from afterview.domain.interview_dates import AFTER_INTERVIEW, before_interview
from afterview.domain.records import UNDECIDED, Interview
from afterview.store.errors import RecordError
from afterview.ui.application_history import ApplicationHistory
from afterview.ui.assistive import announce
from afterview.ui.data import DataAccess, not_saved_yet
from afterview.ui.interviews_model import STATUS_LABELS, status_label
from afterview.ui.process_errors import FieldErrors, refusal
from afterview.ui.process_fields import (
    CONTACT_CHOICES,
    DECIDED,
    FIELD_LABELS,
    FORMATS,
    label_of,
)
from afterview.ui.typed_saves import TypedSaves
from afterview.ui.widgets import DateTimeField, OptionalDate, ZoneBox, date_field, plain_label
from afterview.ui.write_guard import read_only_note, writes

SAVE_DELAY_MS = 500
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

    def __init__(
        self,
        data: DataAccess | None,
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.data = data
        self.now = now or (lambda: datetime.now(UTC))
        self.interview_id: int | None = None
        self._pending: dict[str, Any] = {}
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        form = QFormLayout(self)
        self.errors = FieldErrors(form, self, self._revert)
        #: The message next to each field, by the store's field name.
        self.messages = self.errors.messages
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setContentsMargins(16, 16, 16, 16)
        #: Says why nothing can be typed while the data is read-only (a coach's reading).
        self.read_only_note = read_only_note(self)
        form.addRow(self.read_only_note)
        self.company = self._line("company", form)
        self.position = self._line("position", form)
        self.round = self._line("round", form, self.tr("e.g. Phone screen, Onsite, Final"))
        self.start = wall_editor(self, label_of("start"))
        self.start.dateTimeChanged.connect(lambda _v: self._queue("start"))
        self._row("start", self.start, form)
        self.zone = ZoneBox(self, label_of("time_zone"))
        self.zone.currentTextChanged.connect(lambda _v: self._queue("time_zone"))
        self._row("time_zone", self.zone, form)
        self.duration = QSpinBox(self)
        self.duration.setRange(5, 1440)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setAccessibleName(self.tr("Duration in minutes"))
        self.duration.valueChanged.connect(lambda _v: self._queue("duration_minutes"))
        self._row("duration_minutes", self.duration, form)
        formats = [(key, self.tr(text)) for key, text in FORMATS.items()]
        self.format = self._combo("format", form, formats)
        self.location = self._line("location", form, self.tr("Address, or the video link"))
        self.country = self._line("country", form, self.tr("A country or its code: Japan, JP"))
        self.country.editingFinished.connect(self._country_code)
        # Whose public holidays count besides the country's (issue 12 §1).
        self.region = self._line(
            "region", form, self.tr("Optional: GB-ENG, DE-BY, US-CA… its holidays count")
        )
        self.region.setMaxLength(16)
        self.region.setToolTip(
            self.tr(
                "An ISO 3166-2 region of the country. Calls and letters are planned on its "
                "business days: England's Easter Monday or Bavaria's Epiphany are not national "
                "holidays."
            )
        )
        self.status = self._combo(
            "status", form, [(value, status_label(value)) for value in STATUS_LABELS]
        )
        self.decision = OptionalDate(label_of("decision_expected"), self)
        self.decision.changed.connect(lambda: self._queue("decision_expected"))
        self._row("decision_expected", self.decision, form)
        self._decision_row(form)
        self.decided_by = self._line(
            "decided_by", form, self.tr("Name and title of the decision maker")
        )
        choices = [(value, self.tr(text)) for text, value in CONTACT_CHOICES]
        self.will_contact = self._combo("employer_will_contact", form, choices)
        self.follow_up = OptionalDate(self.tr("Agreed follow-up date"), self)
        self.follow_up.changed.connect(lambda: self._queue("agreed_follow_up"))
        self._row("agreed_follow_up", self.follow_up, form)
        self.error = plain_label("", self, "processError")
        self._waiting = False  # the error says a change waits to be saved
        if data is not None:
            data.caught_up.connect(self._saved_at_last)
        #: The version the tab read, sent with each save (issue 16 §4).
        self.saves = TypedSaves(self, self, "interview", data)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(link);")
        form.addRow(self.error)
        self.history = ApplicationHistory(data, self)  # issue 17 §3: the application's history
        form.addRow(self.history)
        self._fields = {
            "company": self.company,
            "position": self.position,
            "round": self.round,
            "location": self.location,
            "country": self.country,
            "region": self.region,
            "decided_by": self.decided_by,
        }

    def _row(self, name: str, widget: QWidget, form: QFormLayout) -> None:
        self.errors.add_row(name, widget)

    def _line(self, name: str, form: QFormLayout, hint: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(label_of(name))
        edit.setPlaceholderText(hint)
        edit.setObjectName(f"process-{name}")
        edit.textEdited.connect(lambda _t: self._queue(name))
        self._row(name, edit, form)
        return edit

    def _combo(self, name: str, form: QFormLayout, items: list[tuple[Any, str]]) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(label_of(name))
        box.setObjectName(f"process-{name}")
        for value, text in items:
            box.addItem(text, value)
        box.currentIndexChanged.connect(lambda _i: self._queue(name))
        self._row(name, box, form)
        return box

    def _decision_row(self, form: QFormLayout) -> None:
        """ "Has a decision been made?" with the statuses a decision brings, shown while the
        decision date has passed and the status still waits for one."""
        self.decision_prompt = QWidget(self)
        self.decision_prompt.setObjectName("decisionPrompt")
        row = QHBoxLayout(self.decision_prompt)
        row.setContentsMargins(0, 0, 0, 0)
        self.decision_question = plain_label(
            self.tr("Has a decision been made?"), self.decision_prompt, "decisionQuestion"
        )
        self.decision_question.setWordWrap(True)
        self.decision_button = QPushButton(self.tr("Change the status"), self.decision_prompt)
        self.decision_button.setAccessibleName(self.tr("Change the status"))
        menu = QMenu(self.decision_button)
        for value in DECIDED:
            action = menu.addAction(status_label(value))
            action.setObjectName(f"decided-{value}")
            action.triggered.connect(lambda _c=False, v=value: self._decided(v))
        self.decision_button.setMenu(menu)
        row.addWidget(self.decision_question, 1)
        row.addWidget(self.decision_button)
        self.decision_prompt.hide()
        form.addRow("", self.decision_prompt)

    def _decided(self, status: str) -> None:
        self.status.setCurrentIndex(max(0, self.status.findData(status)))

    def _check_decision(self) -> None:
        """Ask about a decision whose expected date has passed while the status waits."""
        expected = self.decision.value()
        today = self.now().astimezone().date()
        waiting = self.status.currentData() in {s.value for s in UNDECIDED}
        self.decision_prompt.setVisible(expected is not None and expected < today and waiting)

    def _country_code(self) -> None:
        """A country typed by name shows as the code it is saved as ("Japan" → "JP")."""
        code = postal.country_code(self.country.text())
        if code and code != self.country.text():
            self.country.setText(code)
            self._queue("country")

    def _date_problem(self, name: str) -> str | None:
        """Why the decision or follow-up day cannot be kept (before the interview's own day,
        afterview.domain.interview_dates), or None."""
        field = self.decision if name == "decision_expected" else self.follow_up
        day: date | None = field.value()
        # The field holds the interview's wall time: its day is the interview's own day.
        wall = from_qdatetime(self.start.dateTime()).replace(tzinfo=UTC)
        if not before_interview(day, wall, "UTC"):
            return None
        if name == "decision_expected":
            return self.tr("The decision date must not be before the interview.")
        return self.tr("The agreed follow-up date must not be before the interview.")

    # --- load and save ---------------------------------------------------------------------

    def show_interview(self, interview_id: int | None) -> None:
        self.save_now()
        self.interview_id = interview_id
        self.error.clear()
        self.errors.clear()
        self.history.show_interview(interview_id)
        if interview_id is None or self.data is None:
            self.decision_prompt.hide()
            return
        row = self.data.store.interviews.get(interview_id)
        self.saves.version = row.version
        self.saves.read = self.values_of(row)
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
        self._check_decision()
        if self.data.unsaved:
            self.error.setText(
                self.tr(
                    "Changes that are not saved yet are not shown here; they appear once "
                    "Afterview has saved them."
                )
            )

    @staticmethod
    def values_of(interview: Interview) -> dict[str, Any]:
        """The tab's fields of ``interview`` in form order, as its saves write them: the
        start as a wall time in its zone, a format or status as its code."""
        values: dict[str, Any] = {}
        for name in FIELD_LABELS:
            value = getattr(interview, name)
            if name == "start":
                value = value.astimezone(ZoneInfo(interview.time_zone)).replace(tzinfo=None)
            values[name] = getattr(value, "value", value)
        return values

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
        if name in ("decision_expected", "status"):
            self._check_decision()
        for field in AFTER_INTERVIEW:
            if name not in (field, "start"):
                continue
            problem = self._date_problem(field)
            self._show(field, problem)
            if problem is not None:
                self._pending.pop(field, None)
                if name == field:
                    return  # refused: the date stays in the field to correct
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
        interview_id, version = self.interview_id, self.saves.version
        store = self.data.store
        attempt = self.data.attempt(
            lambda: store.interviews.update(interview_id, changes, expected_version=version),
            quiet=True,
            retry=True,
        )
        self._waiting = attempt.waiting
        if self.saves.after(attempt, version, changes):
            return
        if attempt.waiting and attempt.error is not None:
            self._say(not_saved_yet(attempt.error))  # the fields keep what was typed
        elif isinstance(attempt.error, RecordError) and attempt.error.field in self.messages:
            self.error.clear()
            self._show(attempt.error.field, refusal(attempt.error))
            # The other changes were refused with it: keep them, to save once it is put right.
            self._pending = {k: v for k, v in changes.items() if k != attempt.error.field}
        elif attempt.error is not None:
            self._say(refusal(attempt.error))
        else:
            self.error.clear()
            for name in changes:
                if name in self.messages and name != "agreed_follow_up":
                    self._show(name, None)
            if "start" in changes:
                self._show("time_zone", None)
            self.saved.emit()

    def say_unsaved(self, text: str) -> None:
        self._say(text)

    def _saved_at_last(self) -> None:
        if self._waiting:
            self._waiting = False
            self.saved.emit()
        if not self._pending and self.interview_id is not None:
            # What was kept is in the database now: show it (the user may have looked at
            # this interview meanwhile, and seen what was saved before).
            self.show_interview(self.interview_id)

    def _show(self, name: str, text: str | None) -> None:
        self.errors.show(name, text)

    def _say(self, text: str) -> None:
        """An error about no one field, under the form and announced."""
        self.error.setText(text)
        announce(self.error, text, assertive=True)

    def _revert(self, name: str) -> None:
        """Escape in a text field whose change was refused: the saved value back."""
        if self.interview_id is None or self.data is None:
            return
        saved = str(getattr(self.data.store.interviews.get(self.interview_id), name))
        self._pending.pop(name, None)
        self._fields[name].setText(saved)
        self._show(name, None)
        announce(
            self._fields[name],
            self.tr("{0}: put back to “{1}”.").format(label_of(name), saved),
        )


__all__ = ["ProcessTab", "Qt"]
