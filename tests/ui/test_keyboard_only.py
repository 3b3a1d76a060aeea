"""The main tasks with the keyboard alone (issue 15), in the real window on the sample data:
create an interview; mark a step done from Today; write a letter and save it as PDF; open
Settings (Ctrl+,) and restore a backup.

Only key events act (QTest through qtbot, sent where focus is, as a keyboard does); nothing
is clicked and no method of the app is called to act. After every key the test asserts where
focus is, and at each place it checks that Tab can leave every item view on screen. Modal
dialogs run their own event loop: they are driven from inside it (:class:`Keyboard.modal`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from afterview.ui import assistive
from afterview.ui.main_window import MainWindow
from afterview.ui.new_interview_dialog import NewInterviewDialog
from tests.ui.conftest import open_sample

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
Key = Qt.Key
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
#: Tab presses allowed to reach a control: more means it is not reachable in practice.
MOST_TABS = 60


def alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


def name_of(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    if not alive(widget):
        return "a control that was deleted"
    words = widget.accessibleName() or getattr(widget, "text", lambda: "")() or ""
    return f"{type(widget).__name__} {widget.objectName() or '-'} {str(words)[:60]!r}"


def inside(container: QWidget) -> Callable[[QWidget | None], bool]:
    return lambda w: alive(w) and (w is container or container.isAncestorOf(w))


def visible(w: QWidget | None) -> bool:
    return alive(w) and w.isVisible()  # type: ignore[union-attr]


class Keyboard:
    """Keys sent to whatever has focus, each followed by an assertion on the new focus."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.errors: list[BaseException] = []
        self.pending: list[str] = []
        #: What went wrong where the walk could go on (a Tab trap, focus lost after an
        #: action): all reported at the end, so one run lists every finding.
        self.findings: list[str] = []

    def focus(self) -> QWidget | None:
        return QApplication.focusWidget()

    def press(
        self,
        key: Key,
        modifier: Qt.KeyboardModifier = NONE,
        *,
        expect: Callable[[QWidget | None], bool] = visible,
        what: str = "a visible control has focus",
        soft: bool = False,
    ) -> QWidget | None:
        target = self.focus()
        window = QApplication.activeWindow()
        assert window is not None, f"no active window to press {key.name} in"
        # Through the window, as the platform delivers a key: to the focused widget, with
        # the window's shortcuts tried first (a key sent to a child widget skips them).
        self.qtbot.keyClick(window.windowHandle(), key, modifier)
        try:
            self.qtbot.waitUntil(lambda: expect(self.focus()), timeout=3000)
        except Exception:  # pytest-qt's TimeoutError
            message = (
                f"after {modifier.name}+{key.name} on {name_of(target)}: expected {what}, "
                f"focus is on {name_of(self.focus())}"
            )
            if not soft:
                raise AssertionError(message) from None
            self.findings.append(message)
        return self.focus()

    def type(self, text: str) -> None:
        target = self.focus()
        assert target is not None, f"nowhere to type {text!r}"
        self.qtbot.keyClicks(target, text)
        assert self.focus() is target, f"typing {text!r} moved focus to {name_of(self.focus())}"

    def tab_to(self, wanted: Callable[[QWidget | None], bool], what: str, within: QWidget) -> Any:
        """Tab forward until ``wanted`` has focus; every step stays on a visible control of
        ``within``. A control Tab cannot leave is a finding; the walk goes on past it."""
        for _ in range(MOST_TABS):
            here = self.focus()
            if wanted(here):
                return here
            self.press(Key.Key_Tab, expect=lambda w: visible(w) and inside(within)(w),
                       what=f"focus to stay in {name_of(within)}")  # fmt: skip
            if self.focus() is here and here is not None:
                self.findings.append(f"Tab does not leave {name_of(here)} (on the way to {what})")
                skip_past(here)
        raise AssertionError(f"{MOST_TABS} Tabs never reached {what}")

    def modal(
        self, kind: type[QWidget] | tuple[type[QWidget], ...], drive: Callable[[Any], object]
    ) -> None:
        """Run ``drive(dialog)`` inside the event loop of the next modal ``kind`` to open;
        a failure there closes the dialog and is raised by :meth:`check`."""
        tries = [0]
        name = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        self.pending.append(name)

        def look() -> None:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, kind) and dialog.isVisible():
                try:
                    drive(dialog)
                except BaseException as error:  # re-raised by check()
                    self.errors.append(error)
                    if isinstance(dialog, QDialog) and dialog.isVisible():
                        dialog.reject()
                self.pending.remove(name)
                return
            tries[0] += 1
            if tries[0] > 500:  # polled every 10 ms: 5 s
                other = QApplication.activeModalWidget()
                said = f" ({name_of(other)} opened instead)" if other is not None else ""
                self.errors.append(AssertionError(f"the key did not open {name}{said}"))
                self.pending.remove(name)
                if isinstance(other, QDialog):
                    other.reject()  # nothing may wait for a person who is not there
                return
            QTimer.singleShot(10, look)

        QTimer.singleShot(0, look)

    def dialog_closed(self, window: QWidget) -> None:
        """What a window manager does when a dialog closes: its parent is active again (the
        offscreen platform leaves no window active)."""
        if QApplication.activeWindow() is None:
            window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)

    def focus_enters(self, dialog: QWidget) -> None:
        """A dialog just shown gets focus once the window system activates it."""
        try:
            self.qtbot.waitUntil(lambda: inside(dialog)(self.focus()), timeout=3000)
        except Exception:  # pytest-qt's TimeoutError
            raise AssertionError(
                f"{name_of(dialog)} opened, focus stayed on {name_of(self.focus())}"
            ) from None

    def finish(self) -> None:
        """Every finding of the walk, together."""
        self.check()
        assert not self.findings, f"{len(self.findings)} keyboard findings:\n" + "\n".join(
            self.findings
        )

    def check(self) -> None:
        """Once every awaited dialog has opened and been driven (or never opened)."""
        self.qtbot.waitUntil(lambda: not self.pending, timeout=10000)
        if self.errors:
            raise self.errors[0]


def skip_past(widget: QWidget) -> None:
    """Focus the next Tab stop after ``widget`` (and its children): how the walk goes on
    after a Tab trap it has recorded."""
    after = widget.nextInFocusChain()
    while after is not widget and not (
        after.isVisible()
        and after.isEnabled()
        and after.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not widget.isAncestorOf(after)
    ):
        after = after.nextInFocusChain()
    after.setFocus(Qt.FocusReason.TabFocusReason)


def tab_leaves_every_view(keyboard: Keyboard, top: QWidget) -> None:
    """For each item view on screen in ``top``: focused, one Tab moves focus out of it (arrow
    keys move inside a view; Tab must not walk its cells). Focus is put back after."""
    was = keyboard.focus()
    views = [
        v
        for v in top.findChildren(QAbstractItemView)
        if v.isVisible() and v.isEnabled() and v.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    for view in views:
        view.setFocus(Qt.FocusReason.TabFocusReason)
        assert keyboard.focus() is view, (
            f"{name_of(view)} takes no focus ({name_of(keyboard.focus())} has it)"
        )
        keyboard.press(
            Key.Key_Tab,
            expect=lambda w, view=view: visible(w) and not inside(view)(w),
            what=f"Tab to leave the view {name_of(view)}",
            soft=True,
        )
    if was is not None and was.isVisible():
        was.setFocus(Qt.FocusReason.OtherFocusReason)


def window_on_sample(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, Any, Keyboard]:
    window, workspace = open_sample(qtbot, data_dir, NOW)
    window.resize(1180, 760)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, workspace, Keyboard(qtbot)


def test_create_an_interview(qtbot: QtBot, data_dir: Path) -> None:
    window, workspace, keys = window_on_sample(qtbot, data_dir)
    before = workspace.page.model.total
    tab_leaves_every_view(keys, window)
    heard: list[str] = []
    assistive.announcer.announced.connect(lambda text, _assertive: heard.append(text))

    def fill(dialog: NewInterviewDialog) -> None:
        keys.focus_enters(dialog)
        assert keys.focus() is dialog.company, f"the dialog opened on {name_of(keys.focus())}"
        keys.type("Northwind")
        keys.press(Key.Key_Tab, expect=lambda w: w is dialog.position, what="Position")
        keys.type("Data Engineer")
        tab_leaves_every_view(keys, dialog)
        # Enter presses the default button, Save.
        keys.press(Key.Key_Return, expect=lambda w: not dialog.isVisible() or w is None,
                   what="the dialog to close")  # fmt: skip

    keys.modal(NewInterviewDialog, fill)
    keys.press(Key.Key_N, CTRL, expect=lambda _w: True)
    keys.check()
    keys.dialog_closed(window)
    assert workspace.page.model.total == before + 1
    # The status bar's confirmation is said too, not only shown.
    assert "Saved. Its follow-up steps are in Today." in heard
    page = workspace.page
    focus = keys.focus()
    if not (inside(page)(focus) and visible(focus)):
        keys.findings.append(f"after saving, focus is on {name_of(focus)}, not the new interview")
    tab_leaves_every_view(keys, window)
    keys.finish()


def test_mark_a_step_done_from_today(qtbot: QtBot, data_dir: Path) -> None:
    window, workspace, keys = window_on_sample(qtbot, data_dir)
    keys.press(Key.Key_1, CTRL)
    today = workspace.today
    assert window.stack.currentWidget() is today, "Ctrl+1 shows Today"
    done = keys.tab_to(
        lambda w: isinstance(w, QAbstractButton) and w.accessibleName().startswith("Mark done"),
        "a Mark done button",
        window,
    )
    card = done.parentWidget()
    while card is not None and not hasattr(card, "item"):
        card = card.parentWidget()
    assert card is not None, "the Done button is on a step card"
    step_id = card.item.step_id
    keys.press(
        Key.Key_Space,
        expect=lambda w: visible(w) and inside(today)(w),
        what="focus to stay on Today (the next card) once the card is done",
        soft=True,
    )
    assert workspace.store.steps.get(step_id).status == "done"
    tab_leaves_every_view(keys, window)
    keys.finish()


# Typing the path pops up the file dialog's completer, which raises itself and grabs the
# keyboard: the offscreen platform can do neither and says so (a real X server can).
@pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)
def test_write_a_letter_and_save_it_as_pdf(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    window, _workspace, keys = window_on_sample(qtbot, data_dir)
    keys.press(Key.Key_1, CTRL)
    keys.tab_to(
        lambda w: isinstance(w, QAbstractButton) and w.accessibleName().startswith("Write"),
        "a Write button",
        window,
    )
    keys.press(Key.Key_Space, expect=lambda w: visible(w) and w.window() is not window,
               what="focus in the letter editor")  # fmt: skip
    editor = keys.focus().window()
    body = editor.body
    keys.tab_to(lambda w: w is body, "the letter's text", editor)
    keys.press(Key.Key_End, CTRL, expect=lambda w: w is body)
    keys.press(Key.Key_Return, expect=lambda w: w is body)
    keys.type("I look forward to hearing from you.")
    keys.press(Key.Key_Tab, expect=lambda w: visible(w) and w is not body,
               what="Tab to leave the letter's text", soft=True)  # fmt: skip
    if "\t" in body.toPlainText():
        keys.findings.append("Tab typed a tab character into the letter's text")
    if keys.focus() is body:
        # Recorded above; the rest of the task is still walked from the next control.
        skip_past(body)
    tab_leaves_every_view(keys, editor)
    pdf = editor.buttons["pdf"]
    keys.tab_to(lambda w: w is pdf, "Save as PDF…", editor)
    target = tmp_path / "letter.pdf"

    def save_as(dialog: QWidget) -> None:
        if isinstance(dialog, QMessageBox):
            # "Before it goes": the sample has no profile, so "[your name]" is still there;
            # a person may send anyway, by keyboard too.
            keys.focus_enters(dialog)
            anyway = next(b for b in dialog.buttons() if "anyway" in b.text())
            keys.tab_to(lambda w: w is anyway, "Send anyway", dialog)
            keys.modal(QFileDialog, save_as)
            keys.press(Key.Key_Space, expect=lambda _w: True)
            return
        keys.focus_enters(dialog)
        assert isinstance(keys.focus(), QLineEdit), (
            f"the save dialog opened on {name_of(keys.focus())}, not its file name"
        )
        keys.press(Key.Key_A, CTRL, expect=lambda w: isinstance(w, QLineEdit))
        keys.type(str(target))
        keys.press(Key.Key_Return, expect=lambda w: not dialog.isVisible(),
                   what="the save dialog to close")  # fmt: skip

    heard: list[str] = []
    assistive.announcer.announced.connect(lambda text, _assertive: heard.append(text))
    keys.modal((QMessageBox, QFileDialog), save_as)
    keys.press(Key.Key_Space, expect=lambda _w: True)
    keys.check()
    keys.dialog_closed(editor)
    if not (visible(keys.focus()) and inside(editor)(keys.focus())):
        keys.findings.append(f"after saving the PDF, focus is on {name_of(keys.focus())}")
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    if not any("Saved" in text and "letter.pdf" in text for text in heard):
        keys.findings.append(f"the save was not announced (heard: {heard})")
    editor.close()
    keys.finish()


@pytest.mark.sqlite_only
def test_open_settings_and_restore_a_backup(qtbot: QtBot, data_dir: Path) -> None:
    window, _workspace, keys = window_on_sample(qtbot, data_dir)
    from afterview.ui.settings_dialog import SettingsDialog

    restored: list[bool] = []

    def confirm(box: QMessageBox) -> None:
        keys.press(Key.Key_Y, ALT, expect=lambda w: not box.isVisible(),
                   what="the question to close")  # fmt: skip
        restored.append(True)

    def restore(dialog: SettingsDialog) -> None:
        keys.focus_enters(dialog)
        assert inside(dialog)(keys.focus()), f"Settings opened on {name_of(keys.focus())}"
        page = dialog.tabs.widget(dialog.tabs.count() - 1)
        keys.press(Key.Key_B, ALT, expect=lambda w: visible(w) and inside(dialog)(w))
        assert dialog.tabs.currentWidget() is page, "Alt+B opens the Backups tab"
        keys.tab_to(lambda w: w is page.backup_button, "Back up now", dialog)
        keys.press(Key.Key_Space, expect=lambda w: visible(w) and inside(dialog)(w))
        qtbot.waitUntil(lambda: page.model.rowCount() > 0)
        keys.tab_to(lambda w: w is page.table, "the list of backups", dialog)
        keys.press(Key.Key_Down, expect=lambda w: w is page.table)
        keys.press(Key.Key_Home, expect=lambda w: w is page.table)
        tab_leaves_every_view(keys, dialog)
        keys.tab_to(lambda w: w is page.restore_button, "Restore…", dialog)
        keys.modal(QMessageBox, confirm)
        keys.press(Key.Key_Space, expect=lambda _w: True)
        keys.dialog_closed(dialog)
        if not (visible(keys.focus()) and inside(dialog)(keys.focus())):
            keys.findings.append(
                f"after the restore, focus is on {name_of(keys.focus())}, not in Settings"
            )
        keys.press(Key.Key_Escape, expect=lambda w: not dialog.isVisible(),
                   what="Escape to close Settings")  # fmt: skip

    keys.modal(SettingsDialog, restore)
    back = "focus back in the window after Settings"
    keys.press(Key.Key_Comma, CTRL, expect=lambda _w: True)
    if "SettingsDialog" in keys.pending:
        keys.findings.append("Ctrl+, does not open Settings")
        # The way there without the shortcut: File, then up past Quit to Settings….
        file_menu = window.menuBar().actions()[0].menu()
        keys.press(Key.Key_F, ALT, expect=lambda _w: file_menu.isVisible(), what="the File menu")
        keys.press(Key.Key_Up, expect=lambda _w: True)
        keys.press(Key.Key_Up, expect=lambda _w: True)
        keys.press(Key.Key_Return, expect=lambda _w: True)
    keys.check()
    keys.dialog_closed(window)
    if not (visible(keys.focus()) and keys.focus().window() is window):
        keys.findings.append(f"{back}: it is on {name_of(keys.focus())}")
    assert restored, "the restore was never confirmed"
    keys.finish()
