"""Typing a whole date into a date field (issue 15, tester's finding M2): "2026-12-03 14:30"
typed after Tab, Ctrl+A or Home became "2026-12-01 05:00026-12-03 14:30", and on leaving
the field fell back to the old value, or to another date, without a word. Every test here
drives the field with real key events in a shown window."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from afterview.store.database import Database
from afterview.store.models import ReferenceRow
from afterview.ui.assistive import is_invalid
from afterview.ui.data import DataAccess
from afterview.ui.new_interview_dialog import NewInterviewDialog
from afterview.ui.process_tab import WALL, from_qdatetime, to_qdatetime, wall_editor
from afterview.ui.references_page import ReferencesPage
from afterview.ui.validators import FieldMessage
from afterview.ui.widgets import DateField, DateTimeField, OptionalDate, date_field
from tests.hypothesis_settings import examples
from tests.ui.conftest import ShowPage

#: The offscreen platform cannot raise a pop-up or grab the keyboard for it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")

BEFORE = datetime(2026, 12, 1, 5, 0)
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class Form(QDialog):
    """A field between two text boxes, as in every form."""

    def __init__(self) -> None:
        super().__init__()
        layout = QFormLayout(self)
        self.before = QLineEdit(self)
        self.before.setAccessibleName("Before")
        self.field = wall_editor(self, "Date and time")
        self.after = QLineEdit(self)
        self.after.setAccessibleName("After")
        self.optional = OptionalDate("Decision", self)
        layout.addRow("Before", self.before)
        layout.addRow("Date and time", self.field)
        layout.addRow("After", self.after)
        layout.addRow("Decision", self.optional)
        self.field.setDateTime(to_qdatetime(BEFORE))


@pytest.fixture
def c_locale() -> Iterator[None]:
    """LANG=C, as the tester ran: the field's own format is ISO 8601."""
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(before)


def _form(qtbot: QtBot) -> Form:
    form = Form()
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    return form


def _focus(qtbot: QtBot, widget: QLineEdit) -> None:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def _tab_in(qtbot: QtBot, form: Form) -> None:
    """Into the field from the box before it, by Tab."""
    _focus(qtbot, form.before)
    qtbot.keyClick(form.before, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.field)


def _leave(qtbot: QtBot, form: Form) -> None:
    qtbot.keyClick(form.field, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.after)


def _value(form: Form) -> datetime:
    return from_qdatetime(form.field.dateTime())


def _message(form: Form) -> FieldMessage:
    messages = [m for m in form.findChildren(FieldMessage) if m.isVisibleTo(form)]
    assert len(messages) == 1
    return messages[0]


@pytest.mark.parametrize("first", ["", "ctrl+a", "home", "end"])
@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("C", "2026-12-03 14:30"),
        ("de_DE", "2026-12-03 14:30"),
        ("de_DE", "03.12.2026 14:30"),
        ("de_DE", "3.12.2026 14:30"),
        ("en_US", "2026-12-03 14:30"),
        ("en_US", "12/3/2026 2:30 PM"),
        ("en_GB", "03/12/2026 14:30"),
    ],
)
def test_a_whole_date_typed_is_the_date(
    qtbot: QtBot, use_locale: Callable[[str], None], name: str, typed: str, first: str
) -> None:
    """The tester's keys: Tab into the field, then (or not) Ctrl+A, Home or End, then the
    date as a whole; Tab leaves with exactly that date, and no error."""
    use_locale(name)
    form = _form(qtbot)
    _tab_in(qtbot, form)
    keys = {"ctrl+a": (Qt.Key.Key_A, CTRL), "home": (Qt.Key.Key_Home,), "end": (Qt.Key.Key_End,)}
    if first:
        qtbot.keyClick(form.field, *keys[first])
    qtbot.keyClicks(form.field, typed)
    assert form.field.lineEdit().text() == typed
    _leave(qtbot, form)
    assert _value(form) == datetime(2026, 12, 3, 14, 30)
    assert not is_invalid(form.field)


@pytest.mark.usefixtures("c_locale")
def test_entering_by_tab_selects_the_whole_text(qtbot: QtBot) -> None:
    form = _form(qtbot)
    _tab_in(qtbot, form)
    assert form.field.lineEdit().selectedText() == "2026-12-01 05:00"
    _leave(qtbot, form)
    qtbot.keyClick(form.after, Qt.Key.Key_Backtab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.field)
    assert form.field.lineEdit().selectedText() == "2026-12-01 05:00"


@pytest.mark.usefixtures("c_locale")
@pytest.mark.parametrize(
    "typed",
    ["2026-13-03 14:30", "2026-12-03 25:00", "20264-03-01 05:20", "12/03", "tomorrow", "2026-12"],
)
def test_text_that_is_no_date_keeps_the_value_and_says_so(
    qtbot: QtBot, heard: list[tuple[str, bool]], typed: str
) -> None:
    form = _form(qtbot)
    _tab_in(qtbot, form)
    qtbot.keyClicks(form.field, typed)
    _leave(qtbot, form)
    assert _value(form) == BEFORE
    assert form.field.lineEdit().text() == "2026-12-01 05:00"  # the kept value, shown again
    assert is_invalid(form.field)
    expected = f"“{typed}” is not a date and time: kept 2026-12-01 05:00."
    example = f"Type one like {QDate.currentDate().year()}-12-03 14:30."
    assert form.field.accessibleDescription() == f"{expected} {example}"
    assert _message(form).message == f"{expected} {example}"
    assert heard == [(f"{expected} {example}", True)]
    # Put right: the error goes, and the field's help is its description again.
    _tab_in(qtbot, form)
    qtbot.keyClicks(form.field, "2026-12-03 14:30")
    _leave(qtbot, form)
    assert _value(form) == datetime(2026, 12, 3, 14, 30)
    assert not is_invalid(form.field)
    assert not [m for m in form.findChildren(FieldMessage) if m.isVisibleTo(form)]
    assert form.field.accessibleDescription().startswith("Type a date and time like")


@pytest.mark.usefixtures("c_locale")
def test_enter_on_text_that_is_no_date_keeps_it_to_correct(qtbot: QtBot) -> None:
    """Enter does not reach the dialog's default button with a refused date: the typed text
    stays, marked, to correct; Escape puts the value back."""
    form = _form(qtbot)
    accepted: list[bool] = []
    form.accepted.connect(lambda: accepted.append(True))
    _tab_in(qtbot, form)
    qtbot.keyClicks(form.field, "2026-12-0")
    qtbot.keyClick(form.field, Qt.Key.Key_Return)
    assert form.field.lineEdit().text() == "2026-12-0"
    assert is_invalid(form.field)
    assert _value(form) == BEFORE
    qtbot.keyClicks(form.field, "3")
    qtbot.keyClick(form.field, Qt.Key.Key_Return)
    assert _value(form) == datetime(2026, 12, 3, 5, 0)  # a date alone keeps the time
    assert not is_invalid(form.field)
    qtbot.keyClick(form.field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(form.field, "nonsense")
    qtbot.keyClick(form.field, Qt.Key.Key_Escape)
    assert form.field.lineEdit().text() == "2026-12-03 05:00"
    assert not accepted and form.isVisible()


@pytest.mark.usefixtures("c_locale")
@pytest.mark.parametrize("keys", [(Qt.Key.Key_Down, ALT), (Qt.Key.Key_Up, ALT), (Qt.Key.Key_F4,)])
def test_alt_down_and_f4_open_the_calendar(qtbot: QtBot, keys: tuple[Qt.Key, ...]) -> None:
    form = _form(qtbot)
    _tab_in(qtbot, form)
    qtbot.keyClick(form.field, *keys)
    calendar = form.field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert _value(form) == BEFORE  # Alt+Down used to step the year down
    assert calendar.selectedDate() == QDate(2026, 12, 1)
    target = QApplication.focusWidget()
    assert target is not None and calendar.isAncestorOf(target)
    qtbot.keyClick(target, Qt.Key.Key_Right)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert _value(form) == datetime(2026, 12, 2, 5, 0)


@pytest.mark.usefixtures("c_locale")
def test_tab_always_leaves_and_arrows_move_inside(qtbot: QtBot) -> None:
    """Tab and Shift+Tab leave the field wherever the cursor is (Qt's went from part to
    part); Up and Down step the part under the cursor, Left and Right move the cursor."""
    form = _form(qtbot)
    _tab_in(qtbot, form)
    qtbot.keyClick(form.field, Qt.Key.Key_Home)
    for _ in range(9):
        qtbot.keyClick(form.field, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is form.field
    assert form.field.lineEdit().cursorPosition() == 9  # in the day
    qtbot.keyClick(form.field, Qt.Key.Key_Up)
    assert _value(form) == datetime(2026, 12, 2, 5, 0)
    assert QApplication.focusWidget() is form.field
    qtbot.keyClick(form.field, Qt.Key.Key_Backtab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.before)
    _tab_in(qtbot, form)
    qtbot.keyClick(form.field, Qt.Key.Key_Home)
    _leave(qtbot, form)


@pytest.mark.usefixtures("c_locale")
def test_an_optional_date_typed_emptied_or_refused(
    qtbot: QtBot, heard: list[tuple[str, bool]]
) -> None:
    """Typing replaces "Not set"; emptying it sets it back to "Not set"; its stand-in day
    (2000-01-01) is refused rather than read as "Not set"."""
    form = _form(qtbot)
    edit = form.optional.edit
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(edit.hasFocus)
    assert edit.lineEdit().selectedText() == "Not set"
    qtbot.keyClicks(edit, "2026-12-03")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert form.optional.value() == datetime(2026, 12, 3).date()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert form.optional.value() is None
    assert edit.text() == "Not set"
    qtbot.keyClicks(edit, "2000-01-01")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert form.optional.value() is None
    assert is_invalid(edit)
    assert heard and heard[-1][0].startswith("“2000-01-01” is not a date: kept Not set.")
    qtbot.keyClick(edit, Qt.Key.Key_F4)
    qtbot.waitUntil(edit.calendarWidget().isVisible)
    today = QDate.currentDate()
    shown = edit.calendarWidget()
    assert (shown.yearShown(), shown.monthShown()) == (today.year(), today.month())


@pytest.mark.parametrize(
    ("name", "example"),
    [
        ("C", "{0}-12-03 14:30"),
        ("de_DE", "03.12.{0} 14:30"),
        ("en_US", "12/3/{0} 2:30 PM"),
    ],
)
def test_the_description_says_the_format(
    qtbot: QtBot, use_locale: Callable[[str], None], name: str, example: str
) -> None:
    use_locale(name)
    form = _form(qtbot)
    year = QDate.currentDate().year()
    assert form.field.accessibleDescription() == (
        f"Type a date and time like {example.format(year)}, or press Alt+Down for a calendar."
    )
    assert form.optional.edit.accessibleDescription() == (
        f"Type a date like {example.format(year).split(' ')[0]}, or press Alt+Down for a calendar."
    )


class Marked(QTranslator):
    """Every DateField text marked, to see it went through tr()."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"«{source}»" if context == "DateField" else ""


@pytest.mark.usefixtures("c_locale")
def test_the_description_and_the_error_are_translated(qtbot: QtBot) -> None:
    marked = Marked()
    QCoreApplication.installTranslator(marked)
    try:
        form = _form(qtbot)
        assert form.field.accessibleDescription().startswith("«Type a date and time like")
        _tab_in(qtbot, form)
        qtbot.keyClicks(form.field, "x")
        _leave(qtbot, form)
        assert form.field.accessibleDescription().startswith("«“x” is not a date and time")
    finally:
        QCoreApplication.removeTranslator(marked)


def test_the_new_interview_dialog_takes_a_typed_date_and_refuses_a_wrong_one(
    qtbot: QtBot, use_locale: Callable[[str], None]
) -> None:
    """The tester's dialog: Tab from Position, type, Tab on; a wrong date is said under the
    field, and Enter does not save the dialog with the old date."""
    use_locale("C")
    dialog = NewInterviewDialog([], datetime(2026, 11, 30, 9, 0).astimezone())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.company.setText("Nordlicht GmbH")  # so that Save would go through
    dialog.position.setText("Data Analyst")
    dialog.position.setFocus()
    qtbot.waitUntil(dialog.position.hasFocus)
    qtbot.keyClick(dialog.position, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.start)
    qtbot.keyClicks(dialog.start, "2026-12-03 14:30")
    qtbot.keyClick(dialog.start, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not dialog.start)
    assert dialog.values()["start"] == datetime(2026, 12, 3, 14, 30)
    dialog.start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(dialog.start.hasFocus)
    qtbot.keyClicks(dialog.start, "2026-12-03 14:3O")  # a letter O
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert is_invalid(dialog.start)
    shown = [m for m in dialog.findChildren(FieldMessage) if m.isVisibleTo(dialog)]
    assert len(shown) == 1
    said = dialog.start.accessibleDescription()
    assert said.startswith("“2026-12-03 14:3O” is not a date and time")
    assert said in [m.message for m in shown]  # under the field, on screen
    assert dialog.values()["start"] == datetime(2026, 12, 3, 14, 30)


# -- properties ----------------------------------------------------------------------------

MINUTES = st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(9999, 12, 31, 23, 59))
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:( |T)(\d{1,2}):(\d{2}))?")


def _typed_iso(form: Form, qtbot: QtBot, text: str) -> None:
    form.field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(form.field.hasFocus)
    qtbot.keyClick(form.field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(form.field, text)
    _leave(qtbot, form)


@pytest.mark.parametrize("name", ["C", "de_DE", "en_US"])
def test_any_date_typed_in_iso_is_that_date(
    qtbot: QtBot, use_locale: Callable[[str], None], name: str
) -> None:
    use_locale(name)
    form = _form(qtbot)

    @settings(
        max_examples=examples(60),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(MINUTES)
    def typed(moment: datetime) -> None:
        moment = moment.replace(second=0, microsecond=0)
        form.field.setDateTime(to_qdatetime(BEFORE))
        _typed_iso(form, qtbot, moment.strftime("%Y-%m-%d %H:%M"))
        assert _value(form) == moment
        assert not is_invalid(form.field)

    typed()


def _oracle(text: str) -> datetime | None:
    """What ISO text stands for, read by Python (a date alone keeps the time: 05:00)."""
    match = ISO.fullmatch(" ".join(text.split()))
    if match is None:
        return None
    year, month, day, sep, hour, minute = match.groups()
    if sep == "T" and (len(hour) != 2 or len(month + day) != 4):
        return None
    try:
        value = datetime(int(year), int(month), int(day), int(hour or 5), int(minute or 0))
    except ValueError:
        return None
    return value if value >= datetime(1752, 9, 14) else None


def _mutated(moment: datetime, at: int, char: str, delete: bool) -> str:
    text = moment.strftime("%Y-%m-%d %H:%M")
    at %= len(text) + 1
    return text[:at] + text[at + 1 :] if delete else text[:at] + char + text[at:]


TEXTS = st.one_of(
    st.text(alphabet="0123456789-: T/.aPM", min_size=1, max_size=20),
    st.builds(
        _mutated,
        MINUTES,
        st.integers(0, 20),
        st.sampled_from("0123456789-: T"),
        st.booleans(),
    ),
)


@pytest.mark.usefixtures("c_locale")
def test_typed_text_never_silently_changes_the_date(qtbot: QtBot) -> None:
    """Whatever is typed, the field ends on the date it stands for, or on the date it had
    with the error shown; never on a third one."""
    form = _form(qtbot)

    @settings(
        max_examples=examples(150),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(TEXTS)
    def typed(text: str) -> None:
        form.field.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(5, 0), WALL))
        _typed_iso(form, qtbot, text)
        expected = _oracle(text)
        if expected is None:
            assert _value(form) == BEFORE
            assert is_invalid(form.field), text
        else:
            assert _value(form) == expected, text
            assert not is_invalid(form.field), text

    typed()


def test_the_date_is_never_taken_keystroke_by_keystroke(
    qtbot: QtBot, use_locale: Callable[[str], None]
) -> None:
    """A pause in "2026-12-03 14:3|0" must not save 14:03: the value changes once, on
    leaving."""
    use_locale("C")
    form = _form(qtbot)
    changes: list[datetime] = []
    form.field.dateTimeChanged.connect(lambda v: changes.append(from_qdatetime(v)))
    _tab_in(qtbot, form)
    qtbot.keyClicks(form.field, "2026-12-03 14:30")
    assert changes == []
    _leave(qtbot, form)
    assert changes == [datetime(2026, 12, 3, 14, 30)]
    assert isinstance(form.field, DateTimeField)


@pytest.mark.usefixtures("c_locale")
def test_a_date_out_of_range_says_the_range(qtbot: QtBot) -> None:
    form = _form(qtbot)
    form.field.setMinimumDateTime(QDateTime(QDate(2026, 11, 30), QTime(9, 0), WALL))
    _tab_in(qtbot, form)
    qtbot.keyClicks(form.field, "2026-11-29 14:30")
    _leave(qtbot, form)
    assert _value(form) == BEFORE
    assert form.field.accessibleDescription() == (
        "“2026-11-29 14:30” is before the earliest allowed, 2026-11-30 09:00: "
        "kept 2026-12-01 05:00."
    )


@pytest.mark.usefixtures("c_locale")
def test_a_field_in_a_row_of_controls_shows_its_error_under_it(qtbot: QtBot) -> None:
    """No form row to put the message in (a field among buttons): it floats under the
    field, on screen and not over it."""
    row = QDialog()
    qtbot.addWidget(row)
    layout = QHBoxLayout(row)
    field = DateTimeField(row)
    date_field(field, "When")
    field.setDateTime(to_qdatetime(BEFORE))
    after = QLineEdit(row)
    layout.addWidget(field)
    layout.addWidget(after)
    row.show()
    row.activateWindow()
    qtbot.waitActive(row)
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "soon")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus)
    shown = [m for m in row.findChildren(FieldMessage) if m.isVisibleTo(row)]
    assert len(shown) == 1 and shown[0].message.startswith("“soon” is not a date and time")
    assert shown[0].geometry().top() >= field.geometry().bottom()


def test_the_references_permission_date_says_its_error_beside_it(
    qtbot: QtBot,
    use_locale: Callable[[str], None],
    data: DataAccess,
    db: Database,
    show_page: ShowPage,
) -> None:
    use_locale("C")
    page = show_page(ReferencesPage(data), 1100, 760)
    with db.read() as session:
        ana = select(ReferenceRow.id).where(ReferenceRow.name == "Ana Ruiz")
        page.select(session.scalars(ana).one())
    editor = page.editor
    editor.has_permission.setChecked(True)
    field = editor.permission
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "2026-02-30")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert is_invalid(field)
    assert editor.permission_message.isVisibleTo(editor)
    assert editor.permission_message.message.startswith("“2026-02-30” is not a date")


@pytest.mark.usefixtures("c_locale")
def test_a_dialog_opened_on_the_field_takes_a_date_typed_whole(qtbot: QtBot) -> None:
    """A dialog whose first field is the date (the snooze dialog): Qt selected only the
    year on opening, and "2026-02-27" typed over it gave "-02-27"."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    field = DateField(dialog)
    date_field(field, "Permission date", with_time=False)
    field.setDate(QDate(2026, 1, 10))
    layout.addWidget(field)
    layout.addWidget(QLineEdit(dialog))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(field.hasFocus)
    assert field.lineEdit().selectedText() == "2026-01-10"
    qtbot.keyClicks(field, "2026-02-27")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.date() == QDate(2026, 2, 27)
    qtbot.keyClick(field, Qt.Key.Key_Home)  # no selection at all: still a new date
    qtbot.keyClicks(field, "2026-03-04")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.date() == QDate(2026, 3, 4)
