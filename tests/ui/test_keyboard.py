"""The app-wide keyboard rules (afterview.ui.keyboard): Enter presses a focused button, and
focus comes back, with its ring drawn, to the control a dialog was opened from (issue 15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from afterview.ui.keyboard import install_keyboard_rules
from afterview.ui.main_window import MainWindow
from afterview.ui.sources_dialog import SourcesDialog
from afterview.ui.workspace import Workspace
from tests.ui.test_palette_pairs import PALETTES, ratio


@pytest.fixture(autouse=True)
def rules(qapp: QApplication) -> None:
    install_keyboard_rules(qapp)


def _counting(button: QPushButton | QToolButton) -> list[bool]:
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    return clicks


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_presses_a_focused_button_outside_a_dialog(qtbot: QtBot, key: Qt.Key) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    row = QHBoxLayout(page)
    push, tool = QPushButton("Push", page), QToolButton(page)
    tool.setText("Tool")
    tool.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    for button in (push, tool):
        row.addWidget(button)
    page.show()
    qtbot.waitExposed(page)
    for button in (push, tool):
        clicks = _counting(button)
        button.setFocus()
        modifier = (
            Qt.KeyboardModifier.KeypadModifier
            if key == Qt.Key.Key_Enter
            else Qt.KeyboardModifier.NoModifier
        )
        qtbot.keyClick(button, key, modifier)
        qtbot.waitUntil(lambda c=clicks: c == [True])  # type: ignore[misc]


def test_enter_on_the_welcome_pages_second_button(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    button = window.welcome.sample_button
    assert window.stack.currentWidget() is window.welcome
    with qtbot.waitSignal(button.clicked):
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Return)


def test_a_dialog_keeps_its_default_button_and_new_lines(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    text = QPlainTextEdit(dialog)
    tool = QToolButton(dialog)
    tool.setText("Tool")
    tool.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    other = QPushButton("Other", dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
    for widget in (text, tool, other, buttons):
        layout.addWidget(widget)
    accepted: list[bool] = []
    buttons.accepted.connect(lambda: accepted.append(True))
    tool_clicks, other_clicks = _counting(tool), _counting(other)
    dialog.show()
    qtbot.waitExposed(dialog)

    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Return)  # a new line, not OK
    assert text.toPlainText() == "\n" and not accepted
    tool.setFocus()
    qtbot.keyClick(tool, Qt.Key.Key_Return)  # the focused tool button, not OK
    qtbot.waitUntil(lambda: tool_clicks == [True])
    assert not accepted
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_Return)  # Qt's own rule: the focused auto-default one
    qtbot.waitUntil(lambda: other_clicks == [True])
    assert not accepted
    buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()
    qtbot.keyClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: accepted == [True])


def _shows_focus_ring(widget: QWidget) -> bool:
    """The widget drawn now differs from the same widget drawn without keyboard focus shown
    (Fusion draws the ring only when the window was reached by keyboard)."""
    shown = widget.grab().toImage()
    window = widget.window()
    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, False)
    hidden = widget.grab().toImage()
    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
    return bool(_different(shown, hidden))


def _different(first: QImage, second: QImage) -> int:
    return sum(
        first.pixel(x, y) != second.pixel(x, y)
        for x in range(min(first.width(), second.width()))
        for y in range(min(first.height(), second.height()))
    )


def _escape_when_a_dialog_is_up(qtbot: QtBot, found: Callable[[], QWidget | None]) -> None:
    """Escape into the dialog ``found`` returns once it is shown (checked on each turn of the
    event loop, so a modal dialog's own loop runs it)."""

    def attempt() -> None:
        dialog = found()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, attempt)
            return
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, attempt)


def test_focus_and_its_ring_come_back_after_settings_closes(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    window.activateWindow()
    opener = window.welcome.sample_button
    opener.setFocus(Qt.FocusReason.MouseFocusReason)
    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, False)  # as after a click
    _escape_when_a_dialog_is_up(qtbot, QApplication.activeModalWidget)
    qtbot.keyClick(opener, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)  # Settings
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is opener)
    assert window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    assert _shows_focus_ring(opener)


def test_focus_comes_back_after_the_sources_dialog_closes(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.sidebar.setFocus(Qt.FocusReason.MouseFocusReason)
    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, False)
    window.help_menu.actions()[0].trigger()
    dialog = window.findChild(SourcesDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sidebar)
    assert window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)


def test_sources_dialog_names_its_scroll_area_and_tab_moves_on(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.help_menu.actions()[0].trigger()
    dialog = window.findChild(SourcesDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    stops = [w for w in dialog.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    names = {w.objectName(): w.accessibleName() or getattr(w, "text", str)() for w in stops}
    assert names.get("sourcesScroll") == "Sources of the advice", names
    assert all(names.values()), names
    dialog.scroll.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.scroll)
    # Its focus frame is drawn at 3:1 or more against the dialog (WCAG's for focus indicators).
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    try:
        for scheme, palette in PALETTES.items():
            chosen = palette()
            app.setPalette(chosen)  # as the desktop's scheme does (ui.palette)
            window_colour = chosen.color(QPalette.ColorRole.Window)
            qtbot.waitUntil(
                lambda c=window_colour: dialog.palette().color(QPalette.ColorRole.Window) == c
            )  # type: ignore[misc]
            dialog.scroll.setStyleSheet(dialog.scroll.styleSheet())  # read the palette again
            image = dialog.grab().toImage()  # the frame, and the dialog just outside it
            x, y = dialog.scroll.x(), dialog.scroll.y() + dialog.scroll.height() // 2
            frame, behind = QColor(image.pixel(x, y)), QColor(image.pixel(x - 3, y))
            assert ratio(frame, behind) >= 3.0, (scheme, frame.name(), behind.name())
    finally:
        app.setPalette(before)
    qtbot.keyClick(dialog.scroll, Qt.Key.Key_Tab)  # leaves the scroll area
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not dialog.scroll)
    assert isinstance(QApplication.focusWidget(), QPushButton)
    dialog.close()
