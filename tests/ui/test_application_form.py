"""New application… and Edit application… (issue 17 §1): the form from the Board, the File
menu and the Process tab; what it checks; an edit saved, and an edit that meets another
computer's save (a second store on the same database). Both backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.domain.applications import Application, Stage
from afterview.store.api import open_store
from afterview.store.operations import Store
from afterview.ui import board_page
from afterview.ui.application_form import ApplicationDialog
from afterview.ui.board_page import BoardPage
from afterview.ui.conflict_dialog import ConflictDialog
from afterview.ui.data import DataAccess
from afterview.ui.main_window import BOARD, MainWindow

# A conflict dialog nobody answers is closed and fails the test (instead of waiting).
from tests.ui.test_conflicts import answer, no_unexpected_dialog  # noqa: F401

#: 23:30 in UTC is already Tuesday 1 December at home, in Berlin.
NOW = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
HOME = {"home_time_zone": "Europe/Berlin", "home_country": "DE"}


@pytest.fixture
def app_store(data_dir: Path) -> Iterator[Store]:
    """An empty database at home in Berlin, and one application: Fabrikam, applied on
    Friday 20 November 2026."""
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as store:
        store.settings.save_playbook(dict(HOME))
        store.applications.create(
            {"company": "Fabrikam", "position": "Analyst", "applied_on": date(2026, 11, 20)}
        )
        yield store


@pytest.fixture
def page(qtbot: QtBot, app_store: Store) -> BoardPage:
    shown = BoardPage(DataAccess(app_store), lambda: NOW)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.load()
    shown.show()
    return shown


def fabrikam(store: Store) -> Application:
    return next(a for a in store.applications.items() if a.company == "Fabrikam")


def follow_up_due(store: Store, application_id: int) -> datetime | None:
    return next(
        s.planned_due
        for s in store.steps.all()
        if s.kind == "follow_up" and s.application_id == application_id
    )


def companies(page: BoardPage, stage: Stage) -> list[str]:
    model = page.models[stage]
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def answering(monkeypatch: pytest.MonkeyPatch, act: Callable[[ApplicationDialog], None]) -> list:
    """Every ApplicationDialog opened runs ``act`` instead of waiting for the user; the
    dialogs are kept in the list returned."""
    seen: list[ApplicationDialog] = []

    def run(dialog: ApplicationDialog) -> int:
        seen.append(dialog)
        act(dialog)
        return int(dialog.result())

    monkeypatch.setattr(ApplicationDialog, "exec", run)
    return seen


def fill_new(dialog: ApplicationDialog) -> None:
    dialog.company.setText("  Northwind ")
    dialog.position.setText("Data Engineer")
    dialog.source.setText("A friend")
    dialog.link.setText("https://jobs.example/42")
    dialog.posting.setPlainText("We are hiring.\n<b>Not bold</b>")
    dialog.accept()


def test_a_new_application_is_a_card_in_applied_with_its_follow_up(
    page: BoardPage, app_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = answering(monkeypatch, fill_new)
    made = page.new_application()
    assert made is not None
    dialog = seen[0]
    assert dialog.windowTitle() == "New application"
    stored = app_store.applications.get(made)
    assert (stored.company, stored.position, stored.source) == (
        "Northwind",
        "Data Engineer",
        "A friend",
    )
    assert stored.link == "https://jobs.example/42"
    assert stored.posting == "We are hiring.\n<b>Not bold</b>"
    # Today at home (Berlin is already in Tuesday 1 December), not the UTC date.
    assert stored.applied_on == date(2026, 12, 1)
    assert stored.stage is Stage.APPLIED
    assert companies(page, Stage.APPLIED) == ["Fabrikam", "Northwind"]
    assert page.current_card() is not None and page.current_card().id == made  # type: ignore[union-attr]
    # 10 days after applying (the setting's default): Friday 11 December, 09:00 in Berlin.
    assert follow_up_due(app_store, made) == datetime(2026, 12, 11, 8, tzinfo=UTC)
    words = page.models[Stage.APPLIED].words(1)
    assert words.next_step.startswith("Next: ") and words.due.startswith("Due ")


def test_a_new_application_says_what_is_missing_and_saves_nothing(
    qtbot: QtBot, app_store: Store
) -> None:
    dialog = ApplicationDialog(DataAccess(app_store), NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # Nothing said on a dialog just opened.
    assert not dialog.messages[dialog.company].isVisible()
    dialog.position.setText("Analyst")
    dialog.accept()
    assert dialog.saved_id is None and dialog.isVisible()
    assert dialog.messages[dialog.company].text() == "✕ Company is required."
    assert dialog.company.accessibleDescription() == "Company is required."
    assert dialog.focusWidget() is dialog.company
    assert not dialog.messages[dialog.position].isVisible()
    assert [a.company for a in app_store.applications.items()] == ["Fabrikam"]
    dialog.company.setText("Tailspin")
    assert not dialog.messages[dialog.company].isVisible()
    dialog.position.clear()
    dialog.accept()
    assert dialog.messages[dialog.position].text() == "✕ Position is required."
    assert dialog.focusWidget() is dialog.position


def test_a_field_the_store_refuses_is_named_beside_it(qtbot: QtBot, app_store: Store) -> None:
    dialog = ApplicationDialog(DataAccess(app_store), NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.company.setText("Tailspin")
    dialog.position.setText("Analyst")
    dialog.link.setText("https://example.com/" + "x" * 2000)  # the store takes 2,000
    dialog.accept()
    assert dialog.saved_id is None
    assert dialog.messages[dialog.link].text().startswith("✕ Too long (2020 characters")
    assert dialog.focusWidget() is dialog.link


def test_open_link_opens_only_an_http_address(
    qtbot: QtBot, app_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = ApplicationDialog(DataAccess(app_store), NOW, fabrikam(app_store))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.open_link.isEnabled()  # no link
    for link in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://jobs.example/1",
        "jobs.example/1",
        "https://",
    ):
        dialog.link.setText(link)
        assert not dialog.open_link.isEnabled(), link
        assert not dialog.open_in_browser()
    assert dialog.messages[dialog.link].kind == "warning"  # kept as typed, not refused
    dialog.link.setText(" https://jobs.example/42?a=1 ")
    assert dialog.open_link.isEnabled()
    assert not dialog.messages[dialog.link].isVisible()
    dialog.open_link.click()
    assert [url.toString() for url in opened] == ["https://jobs.example/42?a=1"]


def test_editing_from_the_card_s_menu_saves_through_the_store(
    page: BoardPage, app_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fabrikam(app_store)
    due_before = follow_up_due(app_store, before.id)

    def edit(dialog: ApplicationDialog) -> None:
        assert dialog.windowTitle() == "Edit application"
        assert (dialog.company.text(), dialog.position.text()) == ("Fabrikam", "Analyst")
        assert dialog.applied.value() == date(2026, 11, 20)
        dialog.position.setText("Senior Analyst")
        dialog.source.setText("LinkedIn")
        dialog.applied.set_value(date(2026, 11, 23))
        dialog.accept()

    answering(monkeypatch, edit)
    card = page.models[Stage.APPLIED].card(0)
    assert page.edit_card(card)
    after = fabrikam(app_store)
    assert (after.position, after.source, after.applied_on) == (
        "Senior Analyst", "LinkedIn", date(2026, 11, 23),
    )  # fmt: skip
    assert after.version == before.version + 1
    assert page.models[Stage.APPLIED].words(0).position == "Senior Analyst"
    # Applied three days later: the follow-up moves with it (Monday 30 Nov → Thursday 3 Dec).
    assert due_before == datetime(2026, 11, 30, 8, tzinfo=UTC)
    assert follow_up_due(app_store, after.id) == datetime(2026, 12, 3, 8, tzinfo=UTC)


def test_enter_on_a_card_opens_its_editor_and_cancel_changes_nothing(
    qtbot: QtBot, page: BoardPage, app_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cancel(dialog: ApplicationDialog) -> None:
        dialog.company.setText("Changed")
        dialog.reject()

    seen = answering(monkeypatch, cancel)
    page.activateWindow()
    view = page.views[Stage.APPLIED]
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.setCurrentIndex(view.model().index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert len(seen) == 1 and seen[0].application is not None
    assert fabrikam(app_store).company == "Fabrikam"
    menu_entries: list[str] = []

    class Recording(QMenu):
        def exec(self, *_args: object) -> None:  # type: ignore[override]
            menu_entries.extend(a.text() for a in self.actions())

    monkeypatch.setattr(board_page, "QMenu", Recording)
    page._context_menu(view, view.visualRect(view.currentIndex()).center())
    assert menu_entries[0] == "&Edit application…"


def test_an_edit_meets_another_computer_s_save_and_keeps_mine(
    qtbot: QtBot, page: BoardPage, app_store: Store, data_dir: Path
) -> None:
    read = fabrikam(app_store)
    dialog = ApplicationDialog(page.data, NOW, read, page)
    qtbot.addWidget(dialog)
    dialog.show()
    # The other computer: a second store on the same database.
    with open_store(paths.resolve(data_dir)) as other:
        other.applications.update(read.id, {"position": "Lead Analyst", "source": "Referral"})
    dialog.position.setText("Senior Analyst")

    def keep_mine(conflict: ConflictDialog) -> None:
        conflict.keep.click()

    seen = answer(keep_mine)
    dialog.accept()
    assert seen["message"] == (
        "The application “Fabrikam — Lead Analyst” was changed on another computer since "
        "you opened it."
    )
    assert seen["rows"] == [("Position", "Lead Analyst", "Senior Analyst")]
    assert dialog.saved_id == read.id
    stored = fabrikam(app_store)
    # Mine where I typed; theirs where I typed nothing.
    assert (stored.position, stored.source) == ("Senior Analyst", "Referral")


def test_reload_theirs_shows_what_is_stored_and_keeps_the_editor_open(
    qtbot: QtBot, page: BoardPage, app_store: Store, data_dir: Path
) -> None:
    read = fabrikam(app_store)
    dialog = ApplicationDialog(page.data, NOW, read, page)
    qtbot.addWidget(dialog)
    dialog.show()
    with open_store(paths.resolve(data_dir)) as other:
        other.applications.update(read.id, {"position": "Lead Analyst"})
    dialog.position.setText("Senior Analyst")
    answer(lambda conflict: conflict.reload.click())
    dialog.accept()
    assert dialog.saved_id is None and dialog.isVisible()
    assert dialog.position.text() == "Lead Analyst"
    assert fabrikam(app_store).position == "Lead Analyst"
    # Saved again now, it is compared with what it just read: no dialog.
    dialog.source.setText("Job board")
    dialog.accept()
    assert dialog.saved_id == read.id
    assert (fabrikam(app_store).position, fabrikam(app_store).source) == (
        "Lead Analyst", "Job board",
    )  # fmt: skip


def test_save_as_chosen_takes_theirs_where_unticked(
    qtbot: QtBot, page: BoardPage, app_store: Store, data_dir: Path
) -> None:
    read = fabrikam(app_store)
    dialog = ApplicationDialog(page.data, NOW, read, page)
    qtbot.addWidget(dialog)
    dialog.show()
    with open_store(paths.resolve(data_dir)) as other:
        other.applications.update(
            read.id, {"position": "Lead Analyst", "link": "https://fabrikam.example/jobs/7"}
        )
    dialog.position.setText("Senior Analyst")
    dialog.posting.setPlainText("Analyst, Berlin office")

    def take_their_position(conflict: ConflictDialog) -> None:
        conflict.set_mine("position", False)
        conflict.merge.click()

    seen = answer(take_their_position)
    dialog.accept()
    # What this save writes, in the form's order, in the form's words.
    assert seen["rows"] == [
        ("Position", "Lead Analyst", "Senior Analyst"),
        ("The posting's text", "(empty)", "Analyst, Berlin office"),
    ]
    assert dialog.saved_id == read.id
    stored = fabrikam(app_store)
    assert (stored.position, stored.link, stored.posting) == (
        "Lead Analyst", "https://fabrikam.example/jobs/7", "Analyst, Berlin office",
    )  # fmt: skip


@pytest.fixture
def board_window(sample_window: MainWindow) -> MainWindow:
    return sample_window


def test_file_new_application_and_its_key_open_the_form_and_show_the_board(
    board_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    action = board_window.findChild(QAction, "newApplicationAction")
    assert action is not None and action.text() == "Ne&w application…"
    assert action.shortcut().toString() == "Ctrl+Shift+N"
    others = [
        a for a in board_window.findChildren(QAction)
        if a is not action and a.shortcut() == action.shortcut()
    ]  # fmt: skip
    assert others == []
    answering(monkeypatch, fill_new)
    action.trigger()
    board = board_window.pages[BOARD]
    assert isinstance(board, BoardPage)
    assert board_window.stack.currentWidget() is board
    assert "Northwind" in companies(board, Stage.APPLIED)
    assert board.new_button.accessibleName() == "New application"


def test_the_process_tab_s_history_opens_the_application_s_editor(
    board_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = board_window.workspace
    assert workspace is not None
    store = workspace.store
    acme = next(a for a in store.applications.items() if a.company == "Acme")
    interview_id = store.applications.rounds(acme.id)[0]
    workspace.show_interview(interview_id)
    history = workspace.page.detail.process.history
    assert history.application_id == acme.id
    assert history.edit_button.accessibleName() == "Edit application"

    def edit(dialog: ApplicationDialog) -> None:
        assert dialog.company.text() == "Acme"
        dialog.link.setText("https://acme.example/careers/9")
        dialog.accept()

    answering(monkeypatch, edit)
    history.edit_button.click()
    assert store.applications.get(acme.id).link == "https://acme.example/careers/9"
