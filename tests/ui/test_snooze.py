"""Snoozing in the window (issue 12 §4), as a user does it: the Snooze button's menu opened
with the mouse, an entry chosen with the keyboard, the picker driven by keys and its OK.

A snooze moves a step later, never earlier and never into the past: the presets offer only
such times, the picker opens at the step's due (or now) in whole minutes and goes no earlier.
The window's clock is driven. Times are written as local wall times (the computer's zone, as
the window shows them), so the expected labels hold in any zone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QDateTimeEdit, QDialogButtonBox, QMenu, QToolButton
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store.database import open_database
from afterview.store.models import StepRow
from afterview.store.values import StepView
from afterview.ui.main_window import MainWindow
from afterview.ui.snooze import SnoozeDialog
from afterview.ui.workspace import INTERVIEWS, Workspace

#: The Snooze menu is a popup: the offscreen platform cannot raise it or grab the keyboard for
#: it, and says so (not our warning; every other Qt warning still fails the test).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


def local(*args: int) -> datetime:
    """A wall time in the computer's zone, as an aware UTC instant."""
    return datetime(*args).astimezone().astimezone(UTC)


NOW = local(2026, 11, 30, 18, 7, 43)
#: The issue's step: due tomorrow at 11:00.
TOMORROW_11 = local(2026, 12, 1, 11, 0)


@pytest.fixture
def clock() -> list[datetime]:
    return [NOW]


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, clock: list[datetime]) -> Iterator[MainWindow]:
    win = MainWindow(paths.resolve(data_dir), clock=lambda: clock[0])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.load()
    win.welcome.sample_button.click()  # sample interviews placed around the clock's now
    yield win
    if win.workspace is not None and win.isVisible():
        win.close()


@pytest.fixture
def workspace(window: MainWindow) -> Workspace:
    assert window.workspace is not None
    return window.workspace


def choose(qtbot: QtBot, button: QToolButton, starts: str | None) -> list[str]:
    """Press the Snooze button (its menu opens on the press, and the press returns once the
    menu has closed), read the menu as shown, and choose the entry whose text starts with
    ``starts`` with the keyboard (None: close it with Escape); the texts shown are returned.
    The button may be gone afterwards: a snooze reloads Today, which builds its cards anew."""
    shown: list[str] = []
    problems: list[BaseException] = []
    menu = button.menu()

    def in_menu() -> None:
        try:
            assert isinstance(menu, QMenu) and menu.isVisible()
            entries = [a for a in menu.actions() if not a.isSeparator()]
            shown.extend(a.text() for a in entries)
            if starts is None:
                qtbot.keyClick(menu, Qt.Key.Key_Escape)
                return
            menu.setActiveAction(next(a for a in entries if a.text().startswith(starts)))
            qtbot.keyClick(menu, Qt.Key.Key_Return)
        except BaseException as error:  # a stuck popup would hang the test: close it
            problems.append(error)
            menu.close()

    QTimer.singleShot(0, in_menu)
    qtbot.mousePress(button, Qt.MouseButton.LeftButton)
    if problems:
        raise problems[0]
    assert shown, "the menu did not open"
    return shown


def _open_step(workspace: Workspace, step: StepView) -> None:
    """The step, chosen in its interview's Steps tab."""
    workspace.window.show_page(INTERVIEWS)
    assert step.interview_id is not None
    workspace.page.select(step.interview_id)
    assert workspace.page.detail.steps.select_step(step.id)


def _a_pending_step(workspace: Workspace, kind: str = "follow_up") -> StepView:
    return next(s for s in workspace.store.steps.open() if s.kind == kind)


def test_a_step_due_tomorrow_at_11_is_never_snoozed_to_9(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """The issue's report: "until tomorrow morning" on a step due tomorrow at 11:00 made it
    due at 09:00. Now the menu offers only later times, and says what they count from."""
    step = _a_pending_step(workspace)
    workspace.store.steps.set_due(step.id, TOMORROW_11)  # what "Edit due…" does
    _open_step(workspace, step)
    tab = workspace.page.detail.steps
    shown = choose(qtbot, tab.snooze_button, "Until the morning after")
    assert shown == [
        "For 1 hour after it is due (Tomorrow at 12:00)",
        "Until the morning after it is due (Wednesday at 09:00)",
        "Pick a time…",
    ]
    after = workspace.store.steps.get(step.id)
    assert (after.status, after.due) == ("snoozed", local(2026, 12, 2, 9, 0))
    # Snoozed: the menu counts from the snooze now, an hour after it.
    tab.select_step(step.id)
    choose(qtbot, tab.snooze_button, "For 1 hour")
    assert workspace.store.steps.get(step.id).due == local(2026, 12, 2, 10, 0)


def test_an_overdue_step_snoozes_for_an_hour_in_whole_minutes_from_today(
    qtbot: QtBot, workspace: Workspace, clock: list[datetime]
) -> None:
    card = next(c for c in workspace.today.cards if c.item.due < NOW)
    shown = choose(qtbot, card.snooze_button, "For 1 hour")
    assert shown == ["For 1 hour", "Until tomorrow morning", "Pick a time…"]
    # 18:07:43 + 1 hour, to the whole minute after it: no hidden seconds.
    assert workspace.store.steps.get(card.item.step_id).due == local(2026, 11, 30, 19, 8)
    # Time passes with the page open: the menu counts from the time it opens.
    clock[0] = local(2026, 11, 30, 18, 30, 10)
    card = next(c for c in workspace.today.cards if c.item.due < NOW)
    choose(qtbot, card.snooze_button, "For 1 hour")
    assert workspace.store.steps.get(card.item.step_id).due == local(2026, 11, 30, 19, 31)
    card = next(c for c in workspace.today.cards if c.item.due < NOW)
    choose(qtbot, card.snooze_button, "Until tomorrow morning")
    assert workspace.store.steps.get(card.item.step_id).due == local(2026, 12, 1, 9, 0)


def test_cards_due_later_offer_times_after_their_due(qtbot: QtBot, workspace: Workspace) -> None:
    later = [c for c in workspace.today.cards if c.item.due > NOW + timedelta(hours=1)]
    tomorrow_9 = local(2026, 12, 1, 9, 0)
    assert any(c.item.due < tomorrow_9 for c in later), "the sample has a step due tonight"
    assert any(c.item.due > tomorrow_9 for c in later), "and one due after tomorrow morning"
    for card in later:
        hour, morning, pick = choose(qtbot, card.snooze_button, None)
        assert hour.startswith("For 1 hour after it is due (")
        if card.item.due < tomorrow_9:
            assert morning == "Until tomorrow morning"
        else:
            assert morning.startswith("Until the morning after it is due (")
        assert pick == "Pick a time…"
    card = later[-1]
    choose(qtbot, card.snooze_button, "For 1 hour after it is due")
    assert workspace.store.steps.get(card.item.step_id).due == card.item.due + timedelta(hours=1)


def _drive_picker(
    monkeypatch: pytest.MonkeyPatch, drive: Callable[[SnoozeDialog], None]
) -> list[SnoozeDialog]:
    """Answer the picker with ``drive`` (keys and clicks), as a person would."""
    opened: list[SnoozeDialog] = []

    def answer(dialog: SnoozeDialog) -> int:
        opened.append(dialog)
        drive(dialog)
        return dialog.result()

    monkeypatch.setattr(SnoozeDialog, "exec", answer)
    return opened


def _qt(instant: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(instant.timestamp()))


def _ok(dialog: SnoozeDialog) -> QAbstractButton:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def test_the_picker_opens_at_the_due_in_whole_minutes_and_goes_no_earlier(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    step = _a_pending_step(workspace)
    workspace.store.steps.set_due(step.id, TOMORROW_11)
    _open_step(workspace, step)
    seen: dict[str, QDateTime] = {}

    def drive(dialog: SnoozeDialog) -> None:
        editor = dialog.editor
        seen["opened"], seen["minimum"] = editor.dateTime(), editor.minimumDateTime()
        assert dialog.label.text() == "Due Tomorrow at 11:00. Remind me again at (your time):"
        editor.setFocus()
        for section in (QDateTimeEdit.Section.DaySection, QDateTimeEdit.Section.MinuteSection):
            editor.setCurrentSection(section)
            qtbot.keyClick(editor, Qt.Key.Key_Down)  # earlier: not below the minimum
            seen[f"after down {section.name}"] = editor.dateTime()
        editor.setCurrentSection(QDateTimeEdit.Section.HourSection)
        qtbot.keyClick(editor, Qt.Key.Key_Up)
        qtbot.keyClick(editor, Qt.Key.Key_Up)
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    opened = _drive_picker(monkeypatch, drive)
    choose(qtbot, workspace.page.detail.steps.snooze_button, "Pick a time")
    assert len(opened) == 1
    earliest = _qt(local(2026, 12, 1, 11, 1))  # the first whole minute after the due
    assert seen["opened"] == earliest and seen["minimum"] == earliest
    assert seen["opened"].time().second() == 0
    assert seen["after down DaySection"] == earliest
    assert seen["after down MinuteSection"] == earliest
    after = workspace.store.steps.get(step.id)
    assert (after.status, after.snoozed_until) == ("snoozed", local(2026, 12, 1, 13, 1))


def test_for_an_overdue_step_the_picker_opens_at_now_and_refuses_a_time_that_passed(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, clock: list[datetime]
) -> None:
    """Not now + 1 hour, and no hidden seconds (09:00 became 09:00:43)."""
    card = next(c for c in workspace.today.cards if c.item.due < NOW)
    seen: dict[str, object] = {}

    def drive(dialog: SnoozeDialog) -> None:
        seen["opened"] = dialog.editor.dateTime()
        assert dialog.label.text().startswith("Due since ")
        clock[0] = local(2026, 11, 30, 18, 9, 5)  # the user took a while: 18:08 has passed
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
        seen["still open"] = dialog.result() != dialog.DialogCode.Accepted.value
        seen["hint"] = dialog.hint.text()
        seen["moved to"] = dialog.editor.dateTime()
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    _drive_picker(monkeypatch, drive)
    choose(qtbot, card.snooze_button, "Pick a time")
    assert seen["opened"] == _qt(local(2026, 11, 30, 18, 8))
    assert seen["still open"] is True
    assert (
        seen["hint"] == "That time has passed. The earliest you can choose now is Today at 18:10."
    )
    assert seen["moved to"] == _qt(local(2026, 11, 30, 18, 10))
    snoozed = workspace.store.steps.get(card.item.step_id).snoozed_until
    assert snoozed == local(2026, 11, 30, 18, 10)


def test_cancel_in_the_picker_snoozes_nothing(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = next(c for c in workspace.today.cards if c.item.due < NOW)
    before = workspace.store.steps.get(card.item.step_id)

    def drive(dialog: SnoozeDialog) -> None:
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    _drive_picker(monkeypatch, drive)
    choose(qtbot, card.snooze_button, "Pick a time")
    assert workspace.store.steps.get(card.item.step_id) == before


def test_a_snooze_the_store_refuses_is_said_in_the_status_bar_naming_the_step(
    qtbot: QtBot, workspace: Workspace, data_dir: Path
) -> None:
    """Another process moved the step to next week, and its news has not reached the window
    yet: "For 1 hour" would move it earlier, so nothing changes and the window says why."""
    card = next(c for c in workspace.today.cards if c.item.due < NOW)
    step_id, title = card.item.step_id, card.item.title
    next_week = local(2026, 12, 7, 10, 0)
    with open_database(paths.resolve(data_dir)) as db, db.write() as session:
        row = session.get(StepRow, step_id)
        assert row is not None
        row.due_override = next_week
    choose(qtbot, card.snooze_button, "For 1 hour")
    after = workspace.store.steps.get(step_id)
    assert (after.status, after.due) == ("pending", next_week)
    message = workspace.window.statusBar().currentMessage()
    assert message == (
        f"step {step_id} ('{title}'): field 'until': a snooze moves a step later, and this one "
        f"is due {next_week.astimezone().isoformat(sep=' ', timespec='minutes')}: snooze it "
        "until after that (to make it due earlier, edit its due time)"
    )
