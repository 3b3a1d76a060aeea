"""The tray's Qt side, offscreen: menu, badge, actions and messages, with an injected clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from afterview import ipc, paths
from afterview.notify.message import Notification
from afterview.paths import Paths
from afterview.store import interchange, reminders
from afterview.store.database import Database, open_database
from afterview.store.models import StepRow
from afterview.store.notices import forget_notices
from afterview.store.reminder_store import ReminderStore, open_tray_database
from afterview.tray import icon as tray_icon
from afterview.tray.app import Tray
from afterview.tray.clock import FakeClock
from afterview.tray.menu import action_text

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.shown: list[Notification] = []

    def notify(self, notification: Notification) -> None:
        self.shown.append(notification)

    def close(self) -> None:
        pass


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


@pytest.fixture
def tray(
    db: Database, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Tray, Recorder, list[Any]]]:
    recorder = Recorder()
    # The step process the tray starts reads the same clock as the tray: a snooze it is told
    # to make ends after that process's now, as it does on a real computer.
    monkeypatch.setattr("afterview.store.operations.core.utcnow", lambda: NOW)
    calls: list[Any] = []

    def opener(where: Paths, step: int | None) -> str:
        calls.append(("open", step))
        return "sent"

    plain = ReminderStore(open_tray_database(db.paths))  # the file as the tray process opens it

    def run_here(arguments: list[str], finished: Callable[[int, str], None]) -> None:
        """The `afterview step …` process the tray starts, run in this one: in step with the
        test. (tests/desktop/tray runs the real process.)"""
        from afterview.cli import main

        finished(main(["--data-dir", str(db.paths.data_dir), *arguments]), "")

    tray = Tray(
        db.paths,
        plain,
        runner=run_here,
        clock=FakeClock(NOW),
        factories=[("recorder", lambda: recorder)],
        opener=opener,
        quit=lambda: calls.append(("quit", None)),
        watch_sleep=False,
    )
    yield tray, recorder, calls
    tray.close()
    # Delete the Qt side now, in order, rather than whenever Python's collector gets to it.
    menu = tray.menu
    shiboken6.delete(tray)
    shiboken6.delete(menu)
    plain.close()


def _due_ids(db: Database) -> list[int]:
    plain = open_tray_database(db.paths)
    try:
        with plain.read() as connection:
            return [r.id for r in reminders.due_reminders(connection, NOW)]
    finally:
        plain.close()


def test_the_menu_lists_the_due_steps_and_opens_the_window_on_one(
    db: Database, tray: tuple[Tray, Recorder, list[Any]]
) -> None:
    app, _recorder, calls = tray
    due = _due_ids(db)
    assert due
    app.menu.aboutToShow.emit()
    assert app.menu.step_ids() == due[:10]
    texts = [action.text() for action in app.menu.actions() if action.text()]
    assert texts[0] == f"{len(due)} steps due"
    assert "Snooze all 1 hour" in texts and "Pause until tomorrow morning" in texts
    assert texts[-2:] == ["Open Afterview", "Quit"]
    # "A&B <Labs>" is shown as typed, not as an accelerator on "B".
    assert any("A&&B <Labs>" in text for text in texts)
    first = next(a for a in app.menu.actions() if a.data() == due[0])
    first.trigger()
    assert calls == [("open", due[0])]
    next(a for a in app.menu.actions() if a.text() == "Quit").trigger()
    assert calls[-1] == ("quit", None)


def test_snooze_all_from_the_menu_empties_the_badge(
    db: Database, tray: tuple[Tray, Recorder, list[Any]]
) -> None:
    app, _recorder, _calls = tray
    app.start()
    assert app.scheduler.due_count == len(_due_ids(db)) > 0
    assert app.icon.toolTip() == f"Afterview: {app.scheduler.due_count} follow-up steps due"
    app.menu.aboutToShow.emit()
    next(a for a in app.menu.actions() if a.text() == "Snooze all 1 hour").trigger()
    assert _due_ids(db) == []
    assert app.scheduler.due_count == 0
    assert app.icon.toolTip() == "Afterview: nothing is due"
    assert app.scheduler.target == NOW + timedelta(hours=1)


@pytest.fixture
def c_locale() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.C))
    yield
    QLocale.setDefault(before)


def test_pause_holds_reminders_until_morning_and_resume_lifts_it(
    db: Database, tray: tuple[Tray, Recorder, list[Any]], c_locale: None
) -> None:
    app, recorder, _calls = tray
    app.menu.aboutToShow.emit()
    next(a for a in app.menu.actions() if a.text() == "Pause until tomorrow morning").trigger()
    assert recorder.shown == []  # the overdue steps wait for the morning
    # Held until 08:00, but the tray still wakes when the next step falls due (15:00) so
    # the badge counts it; it says nothing then either.
    assert app.scheduler.target == datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    # The locale's date and time; for the C locale, ISO 8601.
    assert "paused until 2026-11-24 08:00" in app.icon.toolTip()
    app.menu.aboutToShow.emit()
    resume = next(a for a in app.menu.actions() if a.text().startswith("Resume reminders"))
    resume.trigger()
    assert len(recorder.shown) == 1 and recorder.shown[0].is_summary


def test_done_and_snooze_from_a_notification_change_the_step(
    db: Database, tray: tuple[Tray, Recorder, list[Any]]
) -> None:
    app, _recorder, calls = tray
    first, second = _due_ids(db)[:2]
    app.on_action(Notification("Follow-up due", "x", (first,)), "done")
    app.on_action(Notification("Follow-up due", "y", (second,)), "snooze")
    app.on_action(Notification("Follow-up due", "z", (second,)), "default")
    with db.read() as session:
        done, snoozed = session.get(StepRow, first), session.get(StepRow, second)
        assert done is not None and done.status == "done"
        assert snoozed is not None and snoozed.snoozed_until == NOW + timedelta(hours=1)
    assert calls == [("open", second)]
    app.on_action(Notification("Follow-up due", "gone", (99999,)), "done")  # logged, no crash


def test_a_notification_snooze_leaves_a_step_moved_later_or_done_meanwhile(
    db: Database, tray: tuple[Tray, Recorder, list[Any]], caplog: pytest.LogCaptureFixture
) -> None:
    """A snooze never moves a step earlier: the summary's "Snooze 1 h" snoozes the steps still
    due, and leaves the one moved to next week and the one done since (rather than the step
    process refusing them all)."""
    app, _recorder, _calls = tray
    still, moved, edge, done = _due_ids(db)[:4]
    next_week, in_an_hour = NOW + timedelta(days=7), NOW + timedelta(hours=1)
    with db.write() as session:
        for step_id, due in ((moved, next_week), (edge, in_an_hour)):
            row = session.get(StepRow, step_id)
            assert row is not None
            row.due_override = due
    app.on_action(Notification("Follow-up due", "x", (done,)), "done")
    ids = (still, moved, edge, done)
    with caplog.at_level("INFO", logger="afterview.tray"):
        app.on_action(Notification("4 follow-ups are overdue", "y", ids), "snooze")
    with db.read() as session:
        rows = {i: session.get(StepRow, i) for i in ids}
        states = {i: (row.status, row.due) for i, row in rows.items() if row is not None}
    assert states[still] == ("snoozed", in_an_hour)
    assert states[moved] == ("pending", next_week)
    assert states[edge] == ("pending", in_an_hour)  # an hour from now would not move it later
    assert states[done][0] == "done"
    assert f"snoozed [{still}]" in caplog.text
    assert (
        "not snoozed (done, or due after 2026-11-23T15:00:00+00:00 already): "
        f"[{moved}, {edge}, {done}]"
    ) in caplog.text
    assert "could not do it" not in caplog.text


def test_a_changed_message_replans_at_once(
    db: Database, tray: tuple[Tray, Recorder, list[Any]], qtbot: QtBot
) -> None:
    app, recorder, calls = tray
    app.start()
    assert len(recorder.shown) == 1  # the overdue steps at start: one summary
    with db.write() as session:
        row = session.get(StepRow, _due_ids(db)[0])
        assert row is not None
        row.status, row.snoozed_until = "snoozed", NOW + timedelta(seconds=30)
        row.notified_at = None
        forget_notices(session, [row.id])  # as afterview.store.steps.snooze does
    identity = ipc.instance_for(db.paths)  # the file's, or the server database's
    assert identity is not None
    assert ipc.send(identity, "tray", {"type": "changed", "kinds": ["steps"]})
    qtbot.waitUntil(lambda: app.scheduler.target == NOW + timedelta(seconds=30), timeout=10_000)
    assert ipc.send(identity, "tray", {"type": "quit"})
    qtbot.waitUntil(lambda: ("quit", None) in calls, timeout=10_000)


def test_the_badge_draws_the_count(qapp: object) -> None:
    base = tray_icon.app_icon()
    assert not base.isNull()
    plain = base.pixmap(32, 32).toImage()
    three = tray_icon.badged(base, 3).pixmap(32, 32).toImage()
    many = tray_icon.badged(base, 120).pixmap(32, 32).toImage()
    assert three != plain and many != three
    # The badge is red at the top right; the icon's bottom left is untouched.
    corner = three.pixelColor(26, 5)
    assert corner.red() > 150 and corner.green() < 100
    assert three.pixelColor(4, 28) == plain.pixelColor(4, 28)
    assert tray_icon.badged(base, 0) is base
    assert tray_icon.badge_text(120) == "99+"
    assert isinstance(plain, QImage)


def test_menu_labels_never_become_accelerators() -> None:
    assert action_text("A&B <Labs>") == "A&&B <Labs>"
    assert action_text("x" * 200).endswith("…") and len(action_text("x" * 200)) == 70


def test_opening_a_step_asks_the_running_window_first(data_dir: Path) -> None:
    import socket
    import threading

    from afterview.tray.opener import open_window, window_command

    where = paths.resolve(data_dir)
    open_database(where).close()
    identity = ipc.instance_for(where)
    assert identity is not None
    received: list[dict[str, Any] | None] = []
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(ipc.address(identity, "window"))
    server.listen(1)

    def accept() -> None:
        connection, _addr = server.accept()
        with connection:
            received.append(ipc.decode(connection.makefile("rb").readline()))

    thread = threading.Thread(target=accept)
    thread.start()
    try:
        assert open_window(where, 12) == "sent"
        thread.join(timeout=10)
    finally:
        server.close()
        Path(ipc.address(identity, "window")).unlink(missing_ok=True)
    assert received == [{"type": "open", "step": 12}]
    # With no window listening the tray starts one, detached, on that step.
    command = window_command(where, 12)
    assert command[-5:] == ["--data-dir", str(where.data_dir), "window", "--step", "12"]
    assert window_command(where, None)[-1] == "window"


def test_the_trays_notifications_speak_the_users_language(
    tray: tuple[Tray, Recorder, list[Any]], qapp: QApplication
) -> None:
    app, recorder, _calls = tray

    class Brackets(QTranslator):
        def translate(  # type: ignore[override]
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str | None:
            return f"[{source}]"

        def isEmpty(self) -> bool:
            return False

    translator = Brackets(qapp)
    qapp.installTranslator(translator)
    try:
        app.start()  # the sample's steps are overdue: one summary
    finally:
        qapp.removeTranslator(translator)
    (shown,) = recorder.shown
    assert shown.summary.startswith("[") and shown.summary.endswith(" follow-up(s) overdue]")
    assert shown.actions == (("default", "[Open Afterview]"),)


def test_a_follow_ups_notification_marks_it_done_with_its_answer(
    db: Database, tray: tuple[Tray, Recorder, list[Any]]
) -> None:
    """Issue 17 §3: a follow-up's notification has "Done, no answer yet" and "Done, they
    answered"; each marks the step done with that answer (through `afterview step done`)."""
    app, _recorder, _calls = tray
    with db.read() as session:
        ids = [row.id for row in session.query(StepRow).filter_by(kind="follow_up").limit(2)]
    first, second = ids
    app.on_action(Notification("Follow-up due", "x", (first,)), "done-answered")
    app.on_action(Notification("Follow-up due", "y", (second,)), "done-no-answer")
    with db.read() as session:
        answered, unanswered = session.get(StepRow, first), session.get(StepRow, second)
        assert answered is not None and (answered.status, answered.answered) == ("done", True)
        assert unanswered is not None
        assert (unanswered.status, unanswered.answered) == ("done", False)
