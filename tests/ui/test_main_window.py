"""The main window as a user drives it: keyboard, dialogs, Today, delete and undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from afterview.ui.main_window import TODAY, MainWindow
from afterview.ui.new_interview_dialog import NewInterviewDialog
from afterview.ui.steps_tab import STEP_ROLE
from afterview.ui.workspace import INTERVIEWS, Workspace

ANN = "<b>Ann</b> & O'Hara"
WEI = "张伟"


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Key clicks for any text: QTest only maps ASCII characters to keys."""
    from PySide6.QtTest import QTest

    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                Qt.KeyboardModifier.NoModifier,
            )  # fmt: skip


def _type_new_interview(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, company: str) -> None:
    """Answer the New-interview dialog by typing, as a person would."""

    def fill(dialog: NewInterviewDialog) -> int:
        qtbot.keyClicks(dialog.company, company)
        qtbot.keyClicks(dialog.position, "Platform Engineer")
        for name in (ANN, WEI):
            type_text(qtbot, dialog.picker.who.lineEdit(), name)
            qtbot.keyClick(dialog.picker.who.lineEdit(), Qt.Key.Key_Return)
        assert dialog.list.count() == 2
        assert dialog.save_button.isEnabled()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(NewInterviewDialog, "exec", fill)


def test_first_run_offers_to_start(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.add_button.text() == "Add your first interview"
    assert window.welcome.sample_button.text() == "Explore with sample data"


def test_new_interview_with_ctrl_n_shows_thank_yous_in_today(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _type_new_interview(qtbot, monkeypatch, "A&B <Labs>")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert workspace.page.model.total == 1
    assert workspace.page.model.index(0, 1).data() == "A&B <Labs>"
    assert workspace.page.detail.title.text() == "A&B <Labs> — Platform Engineer"
    people = workspace.page.detail.people.tree
    assert [people.topLevelItem(n).text(0) for n in range(2)] == [ANN, WEI]
    titles = [card.item.title for card in workspace.today.cards]
    assert sum("Thank-you" in t or "thank-you" in t.lower() for t in titles) == 2, titles
    assert any(ANN in t for t in titles) and any(WEI in t for t in titles)


def test_names_show_exactly_as_typed_in_labels(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _type_new_interview(qtbot, monkeypatch, ANN)
    workspace.new_interview()
    labels = [
        label for label in window.findChildren(QLabel) if ANN in label.text() or WEI in label.text()
    ]
    assert labels, "the names are shown somewhere"
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def _add_sample(window: MainWindow, workspace: Workspace) -> None:
    window.welcome.sample_button.click()
    assert workspace.page.model.total == 3
    assert window.banner.isVisible()


def test_filter_as_you_type_and_sort_by_header(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    _add_sample(window, workspace)
    window.show_page(INTERVIEWS)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert workspace.page.filter.hasFocus()
    type_text(qtbot, workspace.page.filter, "zoë")  # a person on the Nordlys interview
    model = workspace.page.model
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["Nordlys Data"]
    workspace.page.filter.clear()
    header = workspace.page.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.viewport().rect().topLeft() + _section_center(header, 1),
    )
    companies = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert companies in (sorted(companies), sorted(companies, reverse=True))
    assert model.sort_key.value == "company"


def _section_center(header: Any, section: int) -> Any:
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def test_done_and_snooze_from_today(qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    _add_sample(window, workspace)
    cards = workspace.today.cards
    assert cards
    first, second = cards[0].item.step_id, cards[1].item.step_id
    qtbot.mouseClick(cards[0].done_button, Qt.MouseButton.LeftButton)
    assert workspace.today.card(first) is None
    card = workspace.today.card(second)
    assert card is not None
    hour = card.snooze_button.menu().actions()[0]
    assert hour.text() == "For 1 hour"
    hour.trigger()
    done = workspace.store.steps.get(first)
    snoozed = workspace.store.steps.get(second)
    assert done.status == "done"
    assert snoozed.status == "snoozed"
    assert snoozed.snoozed_until is not None
    assert snoozed.snoozed_until > datetime.now(UTC) + timedelta(minutes=55)


def test_steps_tab_marks_done_and_snoozes_tomorrow(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    _add_sample(window, workspace)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    tab = workspace.page.detail.steps
    step_id = tab.current_step()
    assert step_id is not None
    qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
    tab.select_step(step_id)
    assert tab.tree.currentItem().text(2) == "Done"
    qtbot.mouseClick(tab.reopen_button, Qt.MouseButton.LeftButton)
    tab.select_step(step_id)
    due = workspace.store.steps.get(step_id).due
    # Until tomorrow morning, or the morning after the step is due when that is later.
    tab.snooze_button.menu().actions()[1].trigger()
    row = workspace.store.steps.get(step_id)
    assert row.status == "snoozed"
    assert row.snoozed_until is not None
    assert row.snoozed_until.astimezone().hour == 9
    assert row.snoozed_until > max(due, datetime.now(UTC))


def test_delete_asks_once_and_ctrl_z_undoes(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_sample(window, workspace)
    window.show_page(INTERVIEWS)
    model = workspace.page.model
    target = model.interview_id(0)
    assert target is not None
    workspace.page.select(target)
    before = sorted(step.key for step in workspace.store.steps.of_interview(target))
    asked: list[str] = []

    def yes(box: QMessageBox) -> int:
        assert box.textFormat() == Qt.TextFormat.PlainText
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes.value

    monkeypatch.setattr(QMessageBox, "exec", yes)
    assert not window.undo_action.isEnabled()  # nothing to undo yet
    workspace.page.table.setFocus()
    qtbot.keyClick(workspace.page.table, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert model.total == 2 and model.row_of(target) is None
    qtbot.waitUntil(window.undo_action.isEnabled)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model.total == 3 and model.row_of(target) is not None
    qtbot.waitUntil(lambda: not window.undo_action.isEnabled())  # nothing left to undo
    assert workspace.page.detail.interview_id == target
    assert "Acme" in asked[0] or "Sakura" in asked[0] or "Nordlys" in asked[0]
    after = sorted(step.key for step in workspace.store.steps.of_interview(target))
    assert after == before


def test_delete_key_in_a_text_field_does_not_delete(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_sample(window, workspace)
    window.show_page(INTERVIEWS)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda *a, **k: pytest.fail("asked to delete"))
    field = workspace.page.detail.process.round
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert workspace.page.model.total == 3


def test_process_edit_replans_at_once(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    _add_sample(window, workspace)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    process = workspace.page.detail.process
    tab = workspace.page.detail.steps

    def shown() -> list[tuple[str, str]]:
        """(kind, status) of every step the Steps tab lists."""
        items = (tab.tree.topLevelItem(n) for n in range(tab.tree.topLevelItemCount()))
        return [(item.data(0, STEP_ROLE + 3), item.data(0, STEP_ROLE + 2)) for item in items]

    before = shown()
    # The sample interview is awaiting a decision: a follow-up is open, no rejection steps yet.
    assert ("follow_up", "pending") in before, before
    assert not {"courtesy_note", "reconnect"} & {kind for kind, _ in before}, before
    process.status.setCurrentIndex(process.status.findData("rejected"))
    qtbot.waitUntil(lambda: "Rejected" in workspace.page.detail.subtitle.text())
    # The plan after a rejection (seed 001): a courteous note and a later reconnect; the open
    # follow-ups go, and nothing the user had finished is touched.
    qtbot.waitUntil(lambda: {"courtesy_note", "reconnect"} <= {kind for kind, _ in shown()})
    after = shown()
    assert ("follow_up", "pending") not in after, after
    finished = [(k, s) for k, s in before if s in ("done", "skipped")]
    assert all(after.count(pair) >= before.count(pair) for pair in finished), (before, after)


def test_bad_input_is_reported_beside_the_form_and_kept(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    _add_sample(window, workspace)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    process = workspace.page.detail.process
    process.company.selectAll()
    qtbot.keyClick(process.company, Qt.Key.Key_Backspace)
    # Said in words next to the field: no database id or field name, nothing in the status bar.
    message = process.messages["company"]
    qtbot.waitUntil(lambda: message.text() == "✕ Company is required")
    assert not message.isHidden() and process.error.text() == ""
    assert window.statusBar().currentMessage() == ""
    assert process.company.text() == ""
    # Another field changed meanwhile is kept and saved once the company is put right.
    qtbot.keyClicks(process.round, "Final")
    qtbot.keyClicks(process.company, "Acme Again")
    process.save_now()
    assert message.isHidden()
    row = workspace.store.interviews.get(process.interview_id or 0)
    assert (row.company, row.round.endswith("Final")) == ("Acme Again", True)


def test_debrief_is_saved_as_you_type(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    _add_sample(window, workspace)
    interview_id = workspace.page.model.interview_id(0) or 0
    workspace.page.select(interview_id)
    debrief = workspace.page.detail.debrief
    qtbot.keyClicks(debrief.editors["to_improve"], "<i>Shorter</i> answers")
    qtbot.waitUntil(lambda: debrief.state.text() == "Saved.", timeout=3000)
    row = workspace.store.interviews.get(interview_id).debrief
    assert row.to_improve == "<i>Shorter</i> answers"


def test_sample_data_is_removed_in_one_action(window: MainWindow, workspace: Workspace) -> None:
    _add_sample(window, workspace)
    window.banner.button.click()
    assert workspace.page.model.total == 0
    assert not window.banner.isVisible()
    assert window.stack.currentWidget() is window.welcome


def test_every_control_has_an_accessible_name(window: MainWindow, workspace: Workspace) -> None:
    _add_sample(window, workspace)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit,
             QAbstractSpinBox)  # fmt: skip
    unnamed = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or _inside_combo_or_spin(widget):
            continue
        if not widget.accessibleName().strip():
            where = widget.parentWidget().objectName() if widget.parentWidget() else ""
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r} in {where!r}")
    assert not unnamed, unnamed


def _inside_combo_or_spin(widget: QWidget) -> bool:
    """Qt's own parts of a compound control (a combo's line edit, a scroll bar's buttons)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox) or type(parent).__name__ in (
            "QCalendarWidget",
            "QScrollBar",
            "QTabBar",
        ):
            return True
        parent = parent.parentWidget()
    # Headers are announced with their view; the corner button is Qt's "select all".
    internal = ("qt_tableview_cornerbutton", "qt_menubar_ext_button")
    in_line_edit = isinstance(widget.parentWidget(), QLineEdit)  # its clear / icon buttons
    return isinstance(widget, QHeaderView) or widget.objectName() in internal or in_line_edit


def test_window_state_is_kept_between_runs(qtbot: QtBot, window: MainWindow) -> None:
    from afterview.ui.main_window import MainWindow as Window

    assert window.workspace is not None
    _add_sample(window, window.workspace)  # an empty list shows the welcome page instead
    window.resize(700, 520)
    size = window.size()  # as far as the minimum size allowed
    window.show_page(INTERVIEWS)
    assert window.workspace is not None
    window.workspace.page.splitter.setSizes([300, 600])
    window.close()
    again = Window(window.paths)
    qtbot.addWidget(again)
    again.show()
    assert again.load()
    assert again.size() == size
    assert again.sidebar.currentRow() == INTERVIEWS
    assert again.workspace is not None
    splitter = again.workspace.page.splitter
    qtbot.waitUntil(lambda: min(splitter.sizes()) > 0 and sum(splitter.sizes()) > 200)  # laid out
    assert splitter.sizes()[0] < splitter.sizes()[1]
    again.close()


def test_open_message_shows_the_step(window: MainWindow, workspace: Workspace) -> None:
    from afterview.ui.app import WindowServer

    _add_sample(window, workspace)
    step_id = workspace.today.cards[0].item.step_id
    server = WindowServer(window.paths, window)
    server.handle({"type": "open", "step": step_id})
    assert window.stack.currentWidget() is workspace.page
    assert workspace.page.detail.steps.current_step() == step_id
    server.server.close()


def test_a_change_from_another_process_shows_up(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    sample_json: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The command line's own write path tells the open window (nothing delivered by hand)."""
    from afterview.cli import main
    from afterview.ui.app import WindowServer

    server = WindowServer(window.paths, window)
    assert server.listening
    data_dir = str(window.paths.data_dir)
    assert main(["--data-dir", data_dir, "import", "json", str(sample_json)]) == 0
    qtbot.waitUntil(lambda: workspace.page.model.total == 4)
    pending = next(s for s in workspace.store.steps.all() if s.status == "pending")
    window.show_page(TODAY)
    assert workspace.today.card(pending.id) is not None
    assert main(["--data-dir", data_dir, "step", "done", str(pending.id)]) == 0
    qtbot.waitUntil(lambda: workspace.today.card(pending.id) is None)
    capsys.readouterr()
    server.server.close()


def test_quit_message_closes_the_window(window: MainWindow) -> None:
    from afterview.ui.app import WindowServer

    server = WindowServer(window.paths, window)
    server.handle({"type": "quit"})
    assert not window.isVisible()
    server.server.close()


def test_a_failed_write_is_reported_and_changes_nothing(
    window: MainWindow, workspace: Workspace
) -> None:
    from afterview.store.errors import StoreError

    _add_sample(window, workspace)

    def broken() -> Any:
        raise StoreError("The database could not save that; nothing was changed (disk I/O error).")

    assert workspace.data.write(broken) is None
    assert "disk I/O error" in window.statusBar().currentMessage()
    assert workspace.page.model.total == 3


def test_enter_on_a_row_opens_it(qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    _add_sample(window, workspace)
    window.show_page(INTERVIEWS)
    workspace.page.select(workspace.page.model.interview_id(1) or 0)
    workspace.page.table.setFocus()
    qtbot.keyClick(workspace.page.table, Qt.Key.Key_Return)
    assert workspace.page.detail.process.company.hasFocus()
    assert workspace.page.detail.interview_id == workspace.page.model.interview_id(1)


def test_started_with_a_step_opens_on_it(qtbot: QtBot, data_dir: Any) -> None:
    from afterview import paths as app_paths
    from afterview.store.api import open_store

    where = app_paths.resolve(data_dir)
    with open_store(where) as store:
        store.data.add_sample()
        step = next(s for s in store.steps.all() if s.interview_id is not None)
        step_id, interview_id = step.id, step.interview_id
    win = MainWindow(where, step=step_id)
    qtbot.addWidget(win)
    win.show()
    assert win.load() and win.workspace is not None
    assert win.workspace.page.detail.interview_id == interview_id
    assert win.workspace.page.detail.steps.current_step() == step_id
    win.close()


def test_a_company_like_markup_is_shown_as_typed_when_deleting(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _type_new_interview(qtbot, monkeypatch, "A&B <Labs>")
    workspace.new_interview()
    shown: list[str] = []

    def yes(box: QMessageBox) -> int:
        shown.append(box.text())
        return QMessageBox.StandardButton.Yes.value

    monkeypatch.setattr(QMessageBox, "exec", yes)
    workspace.delete_current()
    assert "A&B <Labs>" in shown[0]
    # In a menu a lone "&" marks a shortcut key; doubled it shows as typed.
    assert "A&&B <Labs>" in window.undo_action.text()


def test_ctrl_f_and_ctrl_z_follow_the_page_shown(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    from afterview.ui.workspace import CONTACTS

    _add_sample(window, workspace)
    window.show_page(CONTACTS)
    page = window.pages[CONTACTS]
    calls: list[str] = []
    page.focus_filter = lambda: calls.append("filter")  # type: ignore[attr-defined]
    page.can_undo = lambda: True  # type: ignore[attr-defined]
    page.undo_delete = lambda: calls.append("undo")  # type: ignore[attr-defined]
    window.update_undo()  # what the page's own delete (a write) brings about
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert calls == ["filter", "undo"]
    assert window.sidebar.currentRow() == CONTACTS
