"""The window when the disk refuses to be written (issue 13 §2): opened read-only, with a
banner saying why and every editor off; and a save that fails keeps the user's text, says
so, and lands once the fault clears (the timer driven, never waited on).

The fault is made at the store's boundary: the database's own "open for writing" or "one
write transaction" raises the store's UnavailableError, and the store's real read-only open
(:func:`afterview.store.database._open_read_only`) does the rest. The real fault, a
read-only mount, is in tests/desktop/test_read_only_on_x11.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store import database, interchange
from afterview.store.api import open_store
from afterview.store.database import Database
from afterview.store.faults import Fault, UnavailableError
from afterview.ui.main_window import CONTACTS, INTERVIEWS, REFERENCES, TODAY, MainWindow
from afterview.ui.workspace import Workspace

#: A full disk or read-only folder under the SQLite file (a server away: its own tests).
pytestmark = pytest.mark.sqlite_only

FULL_ADVICE = (
    "the disk is full. Free some space (empty the trash, remove large files), then try again."
)


class DiskFault:
    """While ``on``: the database cannot be opened for writing, and no write transaction
    begins (as on a full disk), each refused with the store's own UnavailableError."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.on = False
        opening, writing = database._open_locked, Database.write

        def open_locked(where: paths.Paths, now: Any) -> Database:
            if self.on:
                raise UnavailableError(Fault.FULL, "could not save", "database or disk is full")
            return opening(where, now)

        @contextlib.contextmanager
        def write(db: Database) -> Iterator[Any]:
            if self.on:
                raise UnavailableError(Fault.FULL, "could not save", "database or disk is full")
            with writing(db) as session:
                yield session

        monkeypatch.setattr(database, "_open_locked", open_locked)
        monkeypatch.setattr(Database, "write", write)


@pytest.fixture(autouse=True)
def no_modal_waits(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A message box nobody expected answers "close anyway" at once and is recorded, so a
    failing test fails instead of waiting for a click (a test may answer otherwise)."""
    return _answer(monkeypatch, QMessageBox.StandardButton.Discard)


@pytest.fixture
def fault(monkeypatch: pytest.MonkeyPatch) -> DiskFault:
    return DiskFault(monkeypatch)


@pytest.fixture
def sample_dir(data_dir: Path, sample_document: dict[str, Any]) -> Path:
    with open_store(paths.resolve(data_dir)) as store:
        store.data.import_document(interchange.parse_document(sample_document))
    return data_dir


def _open_window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    window = MainWindow(paths.resolve(data_dir))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.load()
    assert window.workspace is not None
    return window


@pytest.fixture
def read_only_window(qtbot: QtBot, sample_dir: Path, fault: DiskFault) -> Iterator[MainWindow]:
    fault.on = True
    window = _open_window(qtbot, sample_dir)
    yield window
    fault.on = False
    if window.workspace is not None:
        window.workspace.data.retry_now()  # nothing waits, so closing does not ask
    window.close()


def _first_interview(workspace: Workspace) -> int:
    workspace.window.show_page(INTERVIEWS)
    interview_id = workspace.page.model.interview_id(0)
    assert interview_id is not None
    workspace.page.select(interview_id)
    return interview_id


def _banner_text(workspace: Workspace) -> str:
    return workspace.banner.text.text() if workspace.banner.isVisible() else ""


# --- opened read-only ------------------------------------------------------------------------


def test_read_only_at_open_says_why_and_what_to_do(read_only_window: MainWindow) -> None:
    workspace = read_only_window.workspace
    assert workspace is not None
    assert workspace.store.read_only is not None
    assert workspace.banner.isVisible()
    assert _banner_text(workspace) == (
        "Afterview opened your data read-only, so nothing can be changed: " + FULL_ADVICE
    )
    assert workspace.banner.text.textFormat() == Qt.TextFormat.PlainText
    assert workspace.banner.button.text() == "Retry now"
    assert workspace.banner.button.isEnabled()
    # Reading works: the list and Today are there.
    assert workspace.page.model.total == 4


def test_read_only_turns_off_every_editor_and_keeps_looking_around(
    qtbot: QtBot, read_only_window: MainWindow
) -> None:
    window = read_only_window
    workspace = window.workspace
    assert workspace is not None
    why = "Cannot be changed now: " + FULL_ADVICE
    _first_interview(workspace)
    detail = workspace.page.detail
    process = detail.process
    assert process.company.text()  # shown, selectable, not editable
    assert process.company.isReadOnly() and process.company.isEnabled()
    for text in (process.position, process.round, process.location, process.decided_by):
        assert text.isReadOnly()
    for control in (process.start, process.duration, process.format, process.status,
                    process.will_contact, process.zone, process.decision.edit,
                    process.decision.clear_button):  # fmt: skip
        assert not control.isEnabled(), control.accessibleName()
    assert all(editor.isReadOnly() for editor in detail.debrief.editors.values())
    steps = detail.steps
    for button in (steps.done_button, steps.snooze_button, steps.skip_button,
                   steps.edit_button, steps.reopen_button):  # fmt: skip
        assert not button.isEnabled(), button.text()
    assert steps.done_button.toolTip() == f"<p>{why}</p>"
    # Choosing another step turns the step's buttons on in a writable window: not here.
    steps.tree.setCurrentItem(steps.tree.topLevelItem(steps.tree.topLevelItemCount() - 1))
    assert not steps.done_button.isEnabled() and not steps.reopen_button.isEnabled()
    assert not detail.referrals.add_button.isEnabled()
    assert detail.referrals.name.isReadOnly()
    assert not detail.people.remove_button.isEnabled()
    assert not workspace.page.new_button.isEnabled()
    for action in (window.new_action, window.delete_action, window.undo_action,
                   window.import_json_action, window.import_vcf_action, window.sample_action,
                   window.remove_sample_action):  # fmt: skip
        assert not action.isEnabled(), action.text()
        assert action.toolTip() == why
    # Looking around, exporting and printing still work.
    assert workspace.page.filter.isEnabled() and not workspace.page.filter.isReadOnly()
    assert workspace.page.status.isEnabled()
    assert all(action.isEnabled() for action in window.export_actions.values())
    assert window.pocket_card_action.isEnabled() and window.settings_action.isEnabled()
    assert window.sidebar.isEnabled() and detail.tabs.isEnabled()

    window.show_page(TODAY)
    cards = _cards(workspace)
    assert not any(card.done_button.isEnabled() for card in cards)
    assert not any(card.snooze_button.isEnabled() for card in cards)
    assert all(card.open_button.isEnabled() for card in cards if hasattr(card, "open_button"))


def _cards(workspace: Workspace) -> list[Any]:
    from afterview.ui.today_page import StepCard

    found = workspace.today.findChildren(StepCard)
    assert found, "Today shows no step"
    return list(found)


def test_pages_built_later_are_read_only_too(qtbot: QtBot, read_only_window: MainWindow) -> None:
    window = read_only_window
    window.show_page(CONTACTS)
    contacts: Any = window.pages[CONTACTS]
    qtbot.waitUntil(lambda: contacts.model.rowCount() > 0)
    contacts.table.selectRow(0)
    assert contacts.editor.name.text()
    assert contacts.editor.name.isReadOnly()
    assert contacts.editor.notes.isReadOnly()
    assert not contacts.editor.channel.isEnabled()
    assert not contacts.new_button.isEnabled() and not contacts.delete_button.isEnabled()
    assert not contacts.save_button.isEnabled()
    assert contacts.filter.isEnabled() and not contacts.filter.isReadOnly()
    window.show_page(REFERENCES)
    references: Any = window.pages[REFERENCES]
    qtbot.waitUntil(lambda: references.model.rowCount() > 0)
    references.table.selectRow(0)
    assert references.editor.name.isReadOnly()
    assert not references.editor.has_permission.isEnabled()
    assert not references.editor.log_add.isEnabled()


def test_dialogs_of_a_read_only_window_only_look(
    qtbot: QtBot, read_only_window: MainWindow
) -> None:
    from afterview.ui.settings_dialog import SettingsDialog

    workspace = read_only_window.workspace
    assert workspace is not None
    dialog = SettingsDialog(workspace.data, read_only_window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()
    assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).isEnabled()
    assert not dialog.follow_up_days.isEnabled()
    assert dialog.profile_name.isReadOnly()
    dialog.reject()


def test_retry_now_opens_the_data_for_writing_once_the_fault_clears(
    qtbot: QtBot, read_only_window: MainWindow, fault: DiskFault
) -> None:
    window = read_only_window
    workspace = window.workspace
    assert workspace is not None
    interview_id = _first_interview(workspace)
    process = workspace.page.detail.process
    qtbot.mouseClick(workspace.banner.button, Qt.MouseButton.LeftButton)
    assert workspace.banner.isVisible()  # still full: nothing changes
    assert window.statusBar().currentMessage() == "Still cannot save."
    assert process.company.isReadOnly()

    fault.on = False
    qtbot.mouseClick(workspace.banner.button, Qt.MouseButton.LeftButton)
    assert not workspace.banner.isVisible()
    assert workspace.store.read_only is None
    assert window.statusBar().currentMessage() == "Saved."
    assert not process.company.isReadOnly()
    assert process.status.isEnabled() and window.new_action.isEnabled()
    assert window.new_action.toolTip() != "Cannot be changed now: " + FULL_ADVICE
    process.company.selectAll()
    qtbot.keyClicks(process.company, "Written Again Ltd")
    process.save_now()
    assert workspace.store.interviews.get(interview_id).company == "Written Again Ltd"


# --- a save that fails -----------------------------------------------------------------------


@pytest.fixture
def writable_window(qtbot: QtBot, sample_dir: Path, fault: DiskFault) -> Iterator[MainWindow]:
    window = _open_window(qtbot, sample_dir)
    yield window
    fault.on = False
    if window.workspace is not None:
        window.workspace.data.retry_now()  # nothing waits, so closing does not ask
    window.close()


def test_a_failed_save_keeps_the_text_and_lands_when_the_fault_clears(
    qtbot: QtBot, writable_window: MainWindow, fault: DiskFault
) -> None:
    window = writable_window
    workspace = window.workspace
    assert workspace is not None
    interview_id = _first_interview(workspace)
    before = workspace.store.interviews.get(interview_id)
    process = workspace.page.detail.process
    debrief = workspace.page.detail.debrief
    fault.on = True
    process.company.selectAll()
    qtbot.keyClicks(process.company, "Kept & <Typed>")
    process.save_now()
    data = workspace.data
    assert data.retry_timer.isActive() and data.retry_timer.interval() == 2_000
    debrief.editors["strong_points"].setPlainText("They liked the demo.")
    debrief.save_now()

    assert process.company.text() == "Kept & <Typed>"
    assert debrief.editors["strong_points"].toPlainText() == "They liked the demo."
    assert process.error.text() == f"Not saved yet: {FULL_ADVICE} Afterview will try again."
    assert debrief.state.text() == f"Not saved yet: {FULL_ADVICE} Afterview will try again."
    assert _banner_text(workspace) == (
        f"Your change is not saved yet: {FULL_ADVICE} Afterview will try again."
    )
    assert process.company.isEnabled() and not process.company.isReadOnly()  # keep typing
    assert workspace.store.interviews.get(interview_id).company == before.company
    assert data.retry_timer.interval() == 2_000  # a write behind a waiting one: no new wait

    # Each try that fails waits twice as long, up to a minute.
    waits = []
    for _ in range(7):
        data.retry_timer.start(0)  # the timer comes due now
        qtbot.waitUntil(lambda: data.retry_timer.interval() != 0)
        waits.append(data.retry_timer.interval())
    assert waits == [4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]
    assert _banner_text(workspace).startswith("Your change is not saved yet")

    fault.on = False
    data.retry_timer.start(0)
    qtbot.waitUntil(lambda: not data.unsaved)
    stored = workspace.store.interviews.get(interview_id)
    assert stored.company == "Kept & <Typed>"
    assert stored.debrief.strong_points == "They liked the demo."
    assert not workspace.banner.isVisible()
    assert window.statusBar().currentMessage() == "Saved."
    assert process.error.text() == ""
    assert debrief.state.text() == "Saved."
    model = workspace.page.model
    qtbot.waitUntil(  # the list shows it too: the pages were reloaded
        lambda: any(model.index(r, 1).data() == "Kept & <Typed>" for r in range(model.rowCount()))
    )
    assert not data.retry_timer.isActive()


def test_writes_while_others_wait_land_after_them_in_order(
    qtbot: QtBot, writable_window: MainWindow, fault: DiskFault
) -> None:
    workspace = writable_window.workspace
    assert workspace is not None
    interview_id = _first_interview(workspace)
    process = workspace.page.detail.process
    fault.on = True
    for name in ("First Try", "Second Try"):
        process.company.selectAll()
        qtbot.keyClicks(process.company, name)
        process.save_now()
    assert len(workspace.data.unsaved) == 2
    fault.on = False  # before the timer comes due, the user saves again
    process.company.selectAll()
    qtbot.keyClicks(process.company, "Third Try")
    process.save_now()
    assert workspace.data.unsaved == []
    assert workspace.store.interviews.get(interview_id).company == "Third Try"
    assert not workspace.banner.isVisible()


def test_done_on_today_waits_and_lands(
    qtbot: QtBot, writable_window: MainWindow, fault: DiskFault
) -> None:
    workspace = writable_window.workspace
    assert workspace is not None
    writable_window.show_page(TODAY)
    card = _cards(workspace)[0]
    step_id = card.item.step_id
    fault.on = True
    qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
    assert workspace.store.steps.get(step_id).status != "done"
    assert workspace.banner.isVisible()
    fault.on = False
    qtbot.mouseClick(workspace.banner.button, Qt.MouseButton.LeftButton)
    assert workspace.store.steps.get(step_id).status == "done"
    qtbot.waitUntil(lambda: workspace.today.card(step_id) is None)


def test_bad_input_is_refused_as_before_and_not_kept(
    qtbot: QtBot, writable_window: MainWindow
) -> None:
    workspace = writable_window.workspace
    assert workspace is not None
    _first_interview(workspace)
    process = workspace.page.detail.process
    process.country.selectAll()
    qtbot.keyClicks(process.country, "ZZ")
    process.save_now()
    assert process.messages["country"].text().startswith("✕ Country:")
    assert workspace.data.unsaved == []
    assert not workspace.banner.isVisible()


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(button.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def test_closing_with_unsaved_changes_asks_and_keeps_the_window_if_retry_fails(
    qtbot: QtBot, writable_window: MainWindow, fault: DiskFault, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = writable_window
    workspace = window.workspace
    assert workspace is not None
    interview_id = _first_interview(workspace)
    process = workspace.page.detail.process
    fault.on = True
    process.company.selectAll()
    qtbot.keyClicks(process.company, "Unsaved Co")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Retry)
    window.close()  # the typing is saved as the window goes: it fails, and it asks
    assert asked == [
        f"Some of your changes are not saved yet: {FULL_ADVICE}\n\n"
        "Try again now, or close and lose them?"
    ]
    assert window.isVisible()  # the try again failed: the window stays, the text too
    assert process.company.text() == "Unsaved Co"
    fault.on = False
    window.close()  # it asks again, and this time the try again saves it
    assert len(asked) == 2
    assert not window.isVisible()
    with open_store(window.paths) as store:
        assert store.interviews.get(interview_id).company == "Unsaved Co"


def test_closing_anyway_loses_only_what_waited(
    qtbot: QtBot, writable_window: MainWindow, fault: DiskFault, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = writable_window
    workspace = window.workspace
    assert workspace is not None
    interview_id = _first_interview(workspace)
    before = workspace.store.interviews.get(interview_id).company
    process = workspace.page.detail.process
    fault.on = True
    process.company.selectAll()
    qtbot.keyClicks(process.company, "Dropped Co")
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    window.close()
    assert not window.isVisible()
    fault.on = False
    with open_store(window.paths) as store:
        assert store.interviews.get(interview_id).company == before


def test_a_contact_card_keeps_what_was_typed_and_says_so(
    qtbot: QtBot, writable_window: MainWindow, fault: DiskFault
) -> None:
    window = writable_window
    workspace = window.workspace
    assert workspace is not None
    window.show_page(CONTACTS)
    contacts: Any = window.pages[CONTACTS]
    qtbot.waitUntil(lambda: contacts.model.rowCount() > 0)
    contacts.table.selectRow(0)
    contact_id = contacts.editor.contact_id
    assert contact_id is not None
    fault.on = True
    contacts.editor.name.selectAll()
    qtbot.keyClicks(contacts.editor.name, "Renamed While Full")
    qtbot.mouseClick(contacts.save_button, Qt.MouseButton.LeftButton)
    assert contacts.editor.name.text() == "Renamed While Full"
    assert contacts.editor.name_message.text() == (
        f"⚠ Not saved yet: {FULL_ADVICE} Afterview will try again."
    )
    assert workspace.banner.isVisible()
    assert workspace.store.contacts.get(contact_id).name != "Renamed While Full"
    fault.on = False
    qtbot.mouseClick(workspace.banner.button, Qt.MouseButton.LeftButton)
    assert workspace.store.contacts.get(contact_id).name == "Renamed While Full"
    assert contacts.editor.name_message.text() == ""


def test_a_kept_write_the_store_now_refuses_is_dropped_with_its_reason(
    qtbot: QtBot, writable_window: MainWindow, fault: DiskFault
) -> None:
    from afterview.store.errors import RecordError

    workspace = writable_window.workspace
    assert workspace is not None
    data = workspace.data
    calls: list[str] = []

    def refused_later() -> Any:
        calls.append("tried")
        if fault.on:
            raise UnavailableError(Fault.IO, "could not save", "disk I/O error")
        raise RecordError("interview", "company", "required")

    fault.on = True
    attempt = data.attempt(refused_later, retry=True)
    assert attempt.waiting and attempt.value is None
    assert _banner_text(workspace).startswith(
        "Your change is not saved yet: the disk reported an error while reading or writing"
    )
    fault.on = False
    with qtbot.waitSignal(data.failed) as failed:
        assert data.retry_now()
    assert failed.args is not None and "required" in failed.args[0]
    assert calls == ["tried", "tried"] and data.unsaved == []
    assert not workspace.banner.isVisible()


def test_a_new_interview_the_disk_refused_is_kept_and_added_later(
    qtbot: QtBot, writable_window: MainWindow, fault: DiskFault, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterview.ui.new_interview_dialog import NewInterviewDialog

    window = writable_window
    workspace = window.workspace
    assert workspace is not None

    def fill(dialog: NewInterviewDialog) -> int:
        qtbot.keyClicks(dialog.company, "Typed While Full")
        qtbot.keyClicks(dialog.position, "Platform Engineer")
        return NewInterviewDialog.DialogCode.Accepted.value

    monkeypatch.setattr(NewInterviewDialog, "exec", fill)
    fault.on = True
    assert workspace.new_interview() is None
    assert window.statusBar().currentMessage() == (
        "The new interview is not saved yet; Afterview will try again."
    )
    assert workspace.banner.isVisible()
    assert "Typed While Full" not in [i.company for i in workspace.store.interviews.each()]
    fault.on = False
    qtbot.mouseClick(workspace.banner.button, Qt.MouseButton.LeftButton)
    assert "Typed While Full" in [i.company for i in workspace.store.interviews.each()]
    qtbot.waitUntil(lambda: workspace.page.model.total == 5)


def test_a_save_another_program_keeps_locked_out_waits_and_lands(
    qtbot: QtBot, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real fault, no fake: another connection holds the write lock past the (shortened)
    busy timeout, so the store's own write fails as "busy"; once it lets go, the kept save
    lands when the timer comes due."""
    import sqlite3

    monkeypatch.setenv("AFTERVIEW_BUSY_TIMEOUT_S", "0.2")
    window = _open_window(qtbot, sample_dir)
    workspace = window.workspace
    assert workspace is not None
    interview_id = _first_interview(workspace)
    process = workspace.page.detail.process
    locker = sqlite3.connect(window.paths.database, isolation_level=None)
    try:
        locker.execute("BEGIN IMMEDIATE")
        locker.execute("UPDATE meta SET value = value WHERE name = 'database_id'")
        process.company.selectAll()
        qtbot.keyClicks(process.company, "Locked Out Ltd")
        process.save_now()
        assert process.company.text() == "Locked Out Ltd"
        assert _banner_text(workspace).startswith(
            "Your change is not saved yet: another program has held the database locked"
        )
        assert workspace.data.retry_timer.interval() == 2_000
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    workspace.data.retry_timer.start(0)  # the timer comes due now
    qtbot.waitUntil(lambda: not workspace.data.unsaved)
    assert workspace.store.interviews.get(interview_id).company == "Locked Out Ltd"
    assert not workspace.banner.isVisible()
    window.close()


def test_a_letter_opens_to_read_print_and_save_as_pdf(
    qtbot: QtBot, read_only_window: MainWindow
) -> None:
    from afterview.ui.letter_editor import LetterEditor

    workspace = read_only_window.workspace
    assert workspace is not None
    # To someone with an email address: "Open as mail draft" is off for those without one.
    step = next(
        s for s in workspace.store.steps.all() if s.kind == "thank_you" and s.person == "Laura Chen"
    )
    editor = LetterEditor.open_for(workspace.data, step_id=step.id, parent=read_only_window)
    assert editor is not None
    qtbot.addWidget(editor)
    assert editor.body.toPlainText()
    assert editor.body.isReadOnly() and editor.subject.isReadOnly()
    assert not editor.buttons["save"].isEnabled() and not editor.buttons["sent"].isEnabled()
    assert not editor.paper_box.isEnabled()
    for key in ("preview", "print", "pdf", "mail", "copy"):
        assert editor.buttons[key].isEnabled(), key
    editor.close()


def test_changes_a_day_old_without_a_backup_are_told_at_open(
    qtbot: QtBot, sample_dir: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from afterview.store.backup import UNBACKED

    since = datetime.now(UTC) - timedelta(days=2)
    backups = paths.resolve(sample_dir).backup_dir
    (backups / UNBACKED).write_text(since.isoformat())
    window = _open_window(qtbot, sample_dir)
    shown = window.statusBar().currentMessage()
    assert shown.startswith("Changes made since ")
    assert "have no backup yet" in shown


def test_an_interview_looked_at_again_while_its_change_waits_says_so_and_shows_it_once_saved(
    qtbot: QtBot, writable_window: MainWindow, fault: DiskFault
) -> None:
    """The tester's case: the field showed the old value after moving away and back, and
    still after the kept change was saved, so the user believed it lost."""
    workspace = writable_window.workspace
    assert workspace is not None
    first = _first_interview(workspace)
    other = workspace.page.model.interview_id(1)
    assert other is not None
    process = workspace.page.detail.process
    old = process.location.text()
    fault.on = True
    process.location.selectAll()
    qtbot.keyClicks(process.location, "Pending Loc")
    process.save_now()
    assert workspace.data.unsaved
    workspace.page.select(other)
    workspace.page.select(first)
    assert process.location.text() == old  # what the database holds, and it says so:
    assert process.error.text() == (
        "Changes that are not saved yet are not shown here; they appear once Afterview has "
        "saved them."
    )
    fault.on = False
    workspace.data.retry_timer.start(0)
    qtbot.waitUntil(lambda: not workspace.data.unsaved)
    assert workspace.store.interviews.get(first).location == "Pending Loc"
    qtbot.waitUntil(lambda: process.location.text() == "Pending Loc")
    assert process.error.text() == ""
