"""Keys for the step that has focus: Done, Snooze, Write and Open (issue 15).

A step shown as a card on Today (:class:`afterview.ui.step_card.StepCard`) is a
:class:`StepTarget`: the actions below act on the one whose button has focus, so a keyboard
user does not have to Tab to the button first. They live in the window's Step menu, where
their keys are shown, and each card's buttons say their key in their tooltip.

Keys chosen so they clash with no shortcut of the window or its pages (New, Preferences,
Quit, Undo, Find, Delete, Ctrl+1…5, Save on the list pages) and with no key a text field needs
(the actions are on only while a step has focus, so Ctrl+D or Ctrl+E in a text field elsewhere
reach that field):

- Done: Ctrl+D
- Snooze: Ctrl+L ("later"; Ctrl+Shift+Z is Redo, Ctrl+S is Save)
- Write: Ctrl+E (Ctrl+W is Close)
- Open: the platform's Open key (Ctrl+O), the one standard key that says what it does here

This module imports only Qt: the window builds its menu before anything else is loaded.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QFrame, QMenu, QToolButton, QWidget


class StepKey(Enum):
    """An action on a step, by the button that does it."""

    DONE = "done"
    SNOOZE = "snooze"
    WRITE = "write"
    OPEN = "open"


def key_sequence(key: StepKey) -> QKeySequence:
    """The key for ``key`` (see the module's docstring for why these). A function: a standard
    key asks the platform, which exists only once the application does."""
    if key is StepKey.OPEN:
        return QKeySequence(QKeySequence.StandardKey.Open)
    return QKeySequence(
        {StepKey.DONE: "Ctrl+D", StepKey.SNOOZE: "Ctrl+L", StepKey.WRITE: "Ctrl+E"}[key]
    )


def key_text(key: StepKey) -> str:
    """The key as the platform writes it ("Ctrl+D")."""
    return key_sequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def with_key(text: str, key: StepKey) -> str:
    """A tooltip that names the key: "Mark done (Ctrl+D)"."""
    shortcut = key_text(key)
    # The brackets are the translator's too (a language may put the key first, or use others).
    return (
        QCoreApplication.translate("StepKeys", "{0} ({1})").format(text, shortcut)
        if shortcut
        else text
    )


class StepTarget(QFrame):
    """A step shown with its buttons (a Today card): the step actions press its buttons."""

    def button_for(self, key: StepKey) -> QAbstractButton | None:
        """The button that does ``key`` on this step (None: the step has none)."""
        return None


def focused_step() -> StepTarget | None:
    """The step whose button (or anything inside it) has focus."""
    widget: QWidget | None = QApplication.focusWidget()
    while widget is not None:
        if isinstance(widget, StepTarget):
            return widget
        widget = widget.parentWidget()
    return None


class StepActions(QObject):
    """The Step menu's actions: each presses the focused step's button, and is on only while
    a step that has that button has focus (so its key reaches other widgets otherwise)."""

    def __init__(self, window: QWidget, menu: QMenu) -> None:
        super().__init__(window)
        self.menu = menu
        menu.setAccessibleName(self.tr("Step"))  # its title carries a mnemonic
        texts = {
            StepKey.DONE: self.tr("Mark &done"),
            StepKey.SNOOZE: self.tr("&Snooze…"),
            StepKey.WRITE: self.tr("&Write the letter…"),
            StepKey.OPEN: self.tr("&Open the interview"),
        }
        self.actions: dict[StepKey, QAction] = {}
        for key, text in texts.items():
            action = QAction(text, window)
            action.setObjectName(f"step-{key.value}")
            action.setShortcut(key_sequence(key))
            action.triggered.connect(lambda _checked=False, k=key: self.trigger(k))
            window.addAction(action)
            menu.addAction(action)
            self.actions[key] = action
        menu.aboutToShow.connect(self.update)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.update()

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self.update()

    def update(self) -> None:
        """On for the focused step's buttons that can be pressed; off otherwise."""
        step = focused_step()
        for key, action in self.actions.items():
            button = step.button_for(key) if step is not None else None
            action.setEnabled(button is not None and button.isEnabled())

    def trigger(self, key: StepKey) -> None:
        """Press the focused step's button for ``key`` (Snooze opens its menu)."""
        step = focused_step()
        button = step.button_for(key) if step is not None else None
        if button is None or not button.isEnabled():
            return
        if isinstance(button, QToolButton) and button.menu() is not None:
            button.setFocus(Qt.FocusReason.ShortcutFocusReason)
            button.showMenu()
        else:
            button.click()
