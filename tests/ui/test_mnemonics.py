"""Alt+letter mnemonics as a keyboard user meets them (issue 15): on every page, tab and
dialog, no two visible controls share a letter, and nothing in the main window takes a
letter of its menu bar (Alt+E must open Edit, not jump to an "&Email" field).

The stops are found by walking the window (tests/ui/tour.py), so a new page or dialog is
checked without editing this file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from afterview.ui.main_window import PAGES, MainWindow
from tests.ui.test_small_window import settle
from tests.ui.tour import Tour

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)


def letter(text: str) -> str | None:
    """The mnemonic letter of ``text`` by Qt's rule: the character after a single "&"
    ("&&" is a literal ampersand); upper case."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].upper()
            i += 1
        i += 1
    return None


def _live(widget: QWidget, top: QWidget) -> bool:
    # Qt matches a mnemonic only on a visible widget of the active window. A disabled one
    # counts too: Save and Revert are enabled by the first edit, and clash from then on.
    return widget.window() is top and widget.isVisible()


def mnemonics(top: QWidget) -> Iterator[tuple[str, str]]:
    """(letter, what) for every mnemonic Alt+letter reaches in ``top`` as it is shown now."""
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            if (found := letter(action.text())) and action.isVisible():
                yield found, f"menu {action.text()!r}"
    for label in top.findChildren(QLabel):
        if _live(label, top) and label.buddy() is not None and (found := letter(label.text())):
            yield found, f"label {label.text()!r}"
    for button in top.findChildren(QAbstractButton):
        if _live(button, top) and (found := letter(button.text())):
            yield found, f"{type(button).__name__} {button.text()!r}"
    for box in top.findChildren(QGroupBox):
        if _live(box, top) and (found := letter(box.title())):
            yield found, f"group {box.title()!r}"
    for bar in top.findChildren(QTabBar):
        if not _live(bar, top):
            continue
        for index in range(bar.count()):
            if bar.isTabEnabled(index) and (found := letter(bar.tabText(index))):
                yield found, f"tab {bar.tabText(index)!r}"


def clashes(top: QWidget) -> dict[str, list[str]]:
    """Letters reached by more than one control in ``top``, with the controls."""
    seen: dict[str, list[str]] = {}
    for found, what in mnemonics(top):
        seen.setdefault(found, []).append(what)
    return {key: whats for key, whats in seen.items() if len(whats) > 1}


def test_no_mnemonic_clash_on_any_page_tab_or_dialog(sample_window: MainWindow) -> None:
    found: dict[str, dict[str, list[str]]] = {}

    def check(name: str, top: QWidget) -> None:
        settle(top)
        if clash := clashes(top):
            found[name] = clash
        if top is sample_window:
            return  # the tour shows each tab of a page itself
        for tabs in top.findChildren(QTabWidget):  # a dialog's tabs (Settings)
            for index in range(tabs.count()):
                if tabs.isVisible() and tabs.window() is top:
                    tabs.setCurrentIndex(index)
                    settle(top)
                    if clash := clashes(top):
                        found[f"{name}-{tabs.tabText(index)}"] = clash

    tour = Tour(sample_window, check, settle)
    tour.pages(sample_window.show_page, [name for _text, name in PAGES])
    report = "\n".join(f"{stop}: {letters}" for stop, letters in found.items())
    assert not found, "Mnemonic clashes:\n" + report
    for stop in ("contacts", "references", "interviews-process", "dialog-settings"):
        assert stop in tour.visited, tour.visited


def test_the_check_sees_a_label_taking_a_menu_letter(qtbot: QtBot) -> None:
    """The check itself: "&Email" beside the menu bar's "&Edit" is a clash; "E&mail" and a
    hidden "&Edit" button are not."""
    top = QMainWindow()
    qtbot.addWidget(top)
    top.menuBar().addMenu("&Edit")
    body = QWidget(top)
    top.setCentralWidget(body)
    label = QLabel("&Email", body)
    edit = QLineEdit(body)
    label.setBuddy(edit)
    hidden = QPushButton("&Edit card", body)
    hidden.hide()
    top.show()
    qtbot.waitExposed(top)
    assert set(clashes(top)) == {"E"}
    label.setText("E&mail")
    assert clashes(top) == {}


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_alt_e_opens_edit_and_alt_m_goes_to_email_on_the_contacts_page(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    """By real keys: the tester's Alt+E on the Contacts page opens the Edit menu; the
    email field is reached with the letter it now underlines."""
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow)
    qtbot.keyClick(sample_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = sample_window.findChild(QWidget, "pages").currentWidget()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: page.editor.isVisible())
    email = page.editor.email
    start = QApplication.focusWidget()
    assert start is not None and start is not email
    qtbot.keyClick(start, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is email)
    qtbot.keyClick(email, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    edit_menu = sample_window.findChild(QMenu, "editMenu")
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is edit_menu)
    qtbot.keyClick(edit_menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
