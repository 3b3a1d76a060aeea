"""Run by the accessibility test on a real X server with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1:
the main window on the sample data, shown one stop at a time (every page, every tab, every
menu and dialog, and the forms with a bad value in them).

For each stop it prints one JSON line once the window has settled: the stop's name, every
objectName in the process (a screen reader must never hear one), the error texts that
appeared on the stop with the accessible name of the field they are about, and the texts the
stop's action must announce. Then it waits for a line on stdin before going on (its event
loop keeps running meanwhile, so AT-SPI can read it). Prints {"done": true} last.

Usage: drive_window.py DATA_DIR
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from PySide6.QtCore import QEventLoop, QSocketNotifier, Qt, QTime
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu, QWidget

from afterview import paths
from afterview.ui.main_window import (
    BOARD,
    CONTACTS,
    INSIGHT,
    INTERVIEWS,
    REFERENCES,
    TODAY,
    MainWindow,
)
from afterview.ui.new_interview_dialog import NewInterviewDialog

PROBE = "Accessibility check: announcements reach the screen reader."


@dataclass
class Stop:
    name: str
    #: The accessible name of a field and the error texts that appeared about it.
    errors: list[dict[str, object]] = field(default_factory=list)
    #: Texts this stop's action must announce (object:announcement).
    announce: list[str] = field(default_factory=list)
    #: An AT-SPI role that shows once the stop is up (its dialog, its open menu).
    expect: str = ""


def settle(app: QApplication, timeout: float = 30.0) -> None:
    """Until every visible window's picture stops changing (layouts, deferred loads, paints):
    a condition, not a count of event-loop turns."""
    deadline = time.monotonic() + timeout
    last: list[object] = []
    while True:
        app.processEvents()
        shown = [w for w in app.topLevelWidgets() if w.isVisible()]
        images = [w.grab().toImage() for w in shown]
        if images == last:
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the window kept changing")
        last = images


def wait_for(app: QApplication, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("a condition did not hold in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def present(app: QApplication, dialog: QWidget) -> None:
    """Show a dialog the way a window manager would leave it: active, with focus in it."""
    dialog.show()
    dialog.activateWindow()
    with contextlib.suppress(TimeoutError):
        wait_for(app, dialog.isActiveWindow, timeout=5)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def visible_texts(top: QWidget) -> set[str]:
    return {
        label.text().strip()
        for label in top.findChildren(QLabel)
        if label.isVisible() and label.text().strip()
    }


def error_after(
    app: QApplication, top: QWidget, fields: list[QWidget], act: Callable[[], object]
) -> list[dict[str, object]]:
    """Do ``act`` (a bad value typed) and return, for each field, the texts it made appear."""
    before = visible_texts(top)
    act()
    # With AT-SPI on, Qt's bridge hands every key to the registry first and delivers it when
    # the registry answers: the keys land a moment later, so wait for what they change.
    with contextlib.suppress(TimeoutError):
        wait_for(app, lambda: visible_texts(top) != before, timeout=10)
    settle(app)
    appeared = sorted(visible_texts(top) - before)
    return [{"field": accessible_name(f), "texts": appeared} for f in fields]


def object_names(app: QApplication) -> list[str]:
    names = {w.objectName() for w in app.allWidgets() if w.objectName()}
    for widget in app.allWidgets():
        names.update(a.objectName() for a in widget.actions() if a.objectName())
    return sorted(names)


def key(widget: QWidget, key_: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    QTest.keyClick(widget, key_, modifier or Qt.KeyboardModifier.NoModifier)


def stops(app: QApplication, window: MainWindow) -> Iterator[Stop]:
    workspace = window.workspace
    assert workspace is not None
    data = workspace.data

    window.show_page(TODAY)
    yield Stop("Today")
    window.show_page(INTERVIEWS)
    page = workspace.page
    page.select(page.model.interview_id(0) or 0)
    tabs = page.detail.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        yield Stop(f"Interviews, {tabs.tabText(index)} tab")

    # Process tab with Company emptied: the edit is refused, and says so at the field.
    tabs.setCurrentIndex(0)
    process = page.detail.process
    company = process.company
    company.setFocus(Qt.FocusReason.TabFocusReason)

    def empty_company() -> None:
        key(company, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        key(company, Qt.Key.Key_Delete)
        wait_for(app, lambda: not company.text())
        wait_for(app, lambda: not process._timer.isActive())

    yield Stop(
        "Interviews, Process tab with Company emptied",
        errors=error_after(app, window, [company], empty_company),
    )
    workspace.reload_all()

    # The bus itself: an announcement made the app's one way reaches AT-SPI (so a missing
    # one later is the app's fault, not the harness's).
    from afterview.ui.assistive import announce

    window.show_page(CONTACTS)
    announce(window, PROBE)
    yield Stop("Contacts", announce=[PROBE])
    window.show_page(REFERENCES)
    yield Stop("References")

    # The Board (issue 17 §2) and its close dialog (§3). A card's Move to… menu is a popup
    # of its own, which Qt's bridge leaves out of the application's tree (tests/ui names it).
    from afterview.ui.board_page import BoardPage
    from afterview.ui.close_dialog import CloseDialog

    window.show_page(BOARD)
    board = window.pages[BOARD]
    assert isinstance(board, BoardPage)
    card = next(c for c in board._cards if c.rounds)
    board.select(card.id)
    board.views[card.stage].setFocus(Qt.FocusReason.TabFocusReason)
    yield Stop("Board")
    closing = CloseDialog(card, window)
    present(app, closing)
    yield Stop("Close the application", expect="dialog")
    closing.reject()

    # The application form (issue 17 §1): new, with both required fields left empty, and as
    # the editor of an application.
    from afterview.ui.application_form import ApplicationDialog

    form = ApplicationDialog(data, datetime.now(UTC), None, window)
    present(app, form)
    yield Stop("New application", expect="dialog")
    form.company.setFocus(Qt.FocusReason.TabFocusReason)

    def leave_form_empty() -> None:
        for edit in (form.company, form.position):
            QTest.keyClicks(edit, "x")
            key(edit, Qt.Key.Key_Backspace)

    yield Stop(
        "New application with empty fields",
        errors=error_after(app, form, [form.company, form.position], leave_form_empty),
    )
    form.reject()
    editor = ApplicationDialog(
        data, datetime.now(UTC), workspace.store.applications.get(card.id), window
    )
    present(app, editor)
    yield Stop("Edit application", expect="dialog")
    editor.reject()

    # The preview of a saved job posting (issue 18 §3): the values read from the page.
    from pathlib import Path

    from afterview.interop.job_posting import load_posting
    from afterview.ui.posting_preview import PostingPreviewDialog

    saved = Path(__file__).resolve().parents[2] / "data" / "postings" / "german.html"
    preview = PostingPreviewDialog(data, saved, load_posting(saved), window)
    present(app, preview)
    yield Stop("Import job posting", expect="dialog")
    preview.reject()

    # Insight (issue 17 §4): the charts, each with its table for a screen reader.
    from afterview.ui.insight_page import InsightPage

    window.show_page(INSIGHT)
    insight = window.pages[INSIGHT]
    assert isinstance(insight, InsightPage)
    insight.blocks["funnel"].table.setFocus(Qt.FocusReason.TabFocusReason)
    yield Stop("Insight")

    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if isinstance(menu, QMenu):
            window.menuBar().setActiveAction(menu_action)
            wait_for(app, menu.isVisible)
            yield Stop(f"Menu {menu_action.text().replace('&', '')}", expect="popup menu")
            menu.hide()
            wait_for(app, lambda menu=menu: not menu.isVisible())

    # New interview: as opened, then with both fields left empty.
    contacts = [(c.id, c.name, c.company or "") for c in workspace.store.contacts.all()]
    dialog = NewInterviewDialog(contacts, datetime.now(UTC), window)
    present(app, dialog)
    yield Stop("New interview", expect="dialog")
    dialog.company.setFocus(Qt.FocusReason.TabFocusReason)

    def leave_empty() -> None:
        # Typed and taken back: each field has been used and is empty.
        for edit in (dialog.company, dialog.position):
            QTest.keyClicks(edit, "x")
            key(edit, Qt.Key.Key_Backspace)

    yield Stop(
        "New interview with empty fields",
        errors=error_after(app, dialog, [dialog.company, dialog.position], leave_empty),
    )
    dialog.reject()

    # Saving a new interview: the confirmation is announced.
    def fill_and_save(self: NewInterviewDialog) -> int:
        self.company.setText("Northwind")
        self.position.setText("Data Engineer")
        self.accept()
        return int(self.result())

    NewInterviewDialog.exec = fill_and_save  # type: ignore[method-assign,assignment]
    workspace.new_interview()
    yield Stop(
        "Interviews after saving a new interview",
        announce=["Saved. Its follow-up steps are in Today."],
    )

    from afterview.ui.contact_editor import ContactEditorDialog

    card = ContactEditorDialog(data, window)
    card.editor.load(workspace.store.contacts.all()[0].id)
    present(app, card)
    yield Stop("Contact card", expect="dialog")
    email = card.editor.email
    email.setFocus(Qt.FocusReason.TabFocusReason)

    def bad_email() -> None:
        key(email, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(email, "ann@@example")
        wait_for(app, lambda: email.text() == "ann@@example")
        key(email, Qt.Key.Key_Tab)

    errors = error_after(app, card, [email], bad_email)
    yield Stop("Contact card with a bad email", errors=errors)
    card.reject()

    from afterview.ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(data, window)
    present(app, settings)
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        yield Stop(
            f"Settings, {settings.tabs.tabText(index).replace('&', '')} tab", expect="dialog"
        )
    settings.tabs.setCurrentIndex(0)
    end = settings.workday_end
    end.setFocus(Qt.FocusReason.TabFocusReason)

    def hours_backwards() -> None:
        start = settings.workday_start.time()
        end.setTime(QTime(start.hour(), 0).addSecs(-3600))

    errors = error_after(app, settings, [end], hours_backwards)
    yield Stop("Settings with working hours ending before they start", errors=errors)
    settings.reject()

    from afterview.ui.letter_editor import LetterEditor

    step = next(s for s in workspace.store.steps.all() if s.kind == "thank_you")
    letter = LetterEditor.open_for(data, step_id=step.id, parent=window)
    assert letter is not None
    yield Stop("Letter editor", expect="dialog")
    letter.close()

    from afterview.ui.snooze import SnoozeDialog

    snooze = SnoozeDialog(datetime.now(UTC), lambda: datetime.now(UTC), window)
    present(app, snooze)
    yield Stop("Snooze dialog", expect="dialog")
    snooze.reject()

    # The preview of a calendar invitation (issue 18 §1), on an Outlook invitation of the
    # reader's test files: its fields, and the people table with a tick and a role each.
    from pathlib import Path

    from afterview.interop.invitation_read import load_invitation
    from afterview.ui.invitation_dialog import InvitationPreviewDialog

    ics = Path(__file__).resolve().parents[2] / "data" / "ics" / "outlook-windows-zone.ics"
    invitation = load_invitation(ics)
    look = workspace.store.invitations.look(invitation)
    preview = InvitationPreviewDialog(workspace.store, invitation, look, ics, window)
    present(app, preview)
    yield Stop("Invitation preview", expect="dialog")
    preview.reject()


def main(data_dir: str) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Afterview")
    window = MainWindow(paths.resolve(data_dir))
    window.resize(1180, 760)
    window.show()
    assert window.load()
    window.welcome.sample_button.click()
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    waiting = QEventLoop()
    notifier.activated.connect(lambda *_: waiting.quit())
    for stop in stops(app, window):
        settle(app)
        focus = app.focusWidget()
        print(
            json.dumps(
                {
                    "stop": stop.name,
                    "pid": app.applicationPid(),
                    "object_names": object_names(app),
                    "errors": stop.errors,
                    "announce": stop.announce,
                    "expect": stop.expect,
                    "focus": focus.objectName() if focus is not None else "",
                    "dialogs": [w.windowTitle() for w in app.topLevelWidgets()
                                if isinstance(w, QDialog) and w.isVisible()],
                }
            ),
            flush=True,
        )  # fmt: skip
        waiting.exec()
        if not sys.stdin.readline():
            return 1
    print(json.dumps({"done": True}), flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
