"""App-wide keyboard rules that Qt leaves to each widget (issue 15).

- **Enter presses a focused button.** Qt's push button clicks on Return only when it is a
  dialog's (auto-)default button, and a tool button never does: outside a dialog a keyboard
  user's Enter did nothing. Inside a dialog Qt's own rule is kept (the focused auto-default
  button is the default one), and a multi-line text edit still gets its new line, since the
  rule looks only at key presses sent to buttons.
- **Focus comes back, visibly, when a dialog closes.** The control that had focus when a
  dialog opened gets it back when the dialog hides, and its window is marked as reached by
  keyboard (``Qt.WA_KeyboardFocusChange``): Fusion draws a focus ring only on such windows, and
  the flag is set only by Tab and shortcuts, so after a dialog opened from a menu or with a
  shortcut the focus was back but not shown.
- **A dialog fits the screen**: one that asks for more room than the screen has (large text,
  2× scale) is shrunk and moved into its available area when shown.
- **Scroll areas are named Tab stops or no Tab stops** (:func:`name_scroll_area`).
- **An editable combo box's text field has a name** (assistive.name_editable_combo): focus
  lands in it, and Qt leaves it unnamed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QPushButton,
    QToolButton,
    QWidget,
)
from shiboken6 import getCppPointer, isValid

from afterview.ui.assistive import name_editable_combo
from afterview.ui.focus_ring import install_focus_ring
from afterview.ui.window_fit import fit_to_screen

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def _presses_itself(button: QPushButton) -> bool:
    """Qt's QPushButton clicks on Enter itself when it is a default or auto-default button."""
    return button.isDefault() or button.autoDefault()


class KeyboardRules(QObject):
    """The application's event filter for the rules above (one per application)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: The widget that had focus when each open dialog opened, by the dialog's address (a
        #: dialog Qt made, such as a file dialog, may get a new Python wrapper in between).
        self._openers: dict[int, QWidget] = {}
        #: Windows whose dialog has just closed, by address: Qt clears the keyboard-focus flag
        #: when the window is activated again, so it is set again on the focus that follows.
        self._returning: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(watched, QPushButton | QToolButton):
            return self._enter(watched, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.FocusIn and self._returning and isinstance(watched, QWidget):
            self._focus_back(watched, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.Show and isinstance(watched, QComboBox):
            name_editable_combo(watched)  # its text field, where focus lands, had no name
        if isinstance(watched, QDialog) and watched.isWindow():
            if kind == QEvent.Type.Show:
                fit_to_screen(watched)  # at large text a dialog may ask for more than the screen
                self._opened(watched)
            elif kind == QEvent.Type.Hide:
                self._closed(watched)
        return False

    def _enter(self, button: QPushButton | QToolButton, event: QKeyEvent) -> bool:
        if event.key() not in _ENTER or event.modifiers() not in _PLAIN or event.isAutoRepeat():
            return False
        if not button.isEnabled() or (isinstance(button, QPushButton) and _presses_itself(button)):
            return False
        if (
            isinstance(button, QToolButton)
            and button.menu() is not None
            and (button.popupMode() == QToolButton.ToolButtonPopupMode.InstantPopup)
        ):
            button.showMenu()
        else:
            button.animateClick()
        return True

    def _opened(self, dialog: QDialog) -> None:
        opener = QApplication.focusWidget()
        if opener is not None and opener.window() is not dialog:
            self._openers[getCppPointer(dialog)[0]] = opener

    def _closed(self, dialog: QDialog) -> None:
        opener = self._openers.pop(getCppPointer(dialog)[0], None)
        if opener is None or not isValid(opener) or not opener.isVisible():
            return
        if not opener.isEnabled() or opener.window().isHidden():
            return
        window = opener.window()
        window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
        # Code after the dialog's exec() may still move focus on (to what was just made).
        opener.setFocus(Qt.FocusReason.OtherFocusReason)
        opener.update()
        self._returning.add(getCppPointer(window)[0])
        QTimer.singleShot(0, window, lambda: _reactivate(window))

    def _focus_back(self, widget: QWidget, event: QFocusEvent) -> None:
        window = widget.window()
        address = getCppPointer(window)[0]
        if address not in self._returning:
            return
        self._returning.discard(address)
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)


def _reactivate(window: QWidget) -> None:
    """Without a window manager (or with one that does not) nothing hands activation back to
    the window when its dialog goes, and its focus control is not focused."""
    if QApplication.activeWindow() is None and window.isVisible():
        window.activateWindow()


def install_keyboard_rules(app: QApplication) -> KeyboardRules:
    """Install the rules on ``app`` once (a second call returns the installed filter)."""
    found = app.findChild(KeyboardRules)
    if found is not None:
        return found
    rules = KeyboardRules(app)
    app.installEventFilter(rules)
    install_focus_ring(app)  # where focus is, at 3:1 (afterview.ui.focus_ring)
    return rules


def name_scroll_area(area: QAbstractScrollArea, name: str) -> None:
    """A scroll area of text alone stays a Tab stop (its keys scroll it), so it is named
    ``name`` and shows a focus frame; one whose content has focusable controls is not a
    Tab stop (Tab reaches the controls, and the area scrolls to each)."""
    content = area.widget() if hasattr(area, "widget") else None
    focusable = content is not None and any(
        child.focusPolicy() & Qt.FocusPolicy.TabFocus for child in content.findChildren(QWidget)
    )
    if focusable:
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return
    area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    area.setAccessibleName(name)
    # The frame shows where focus is: a frameless area has no other focus indicator. In the
    # link colour, which afterview.ui.palette keeps at 4.5:1 on the window in light and dark
    # (the selection colour is darkened for white text: 2.4:1 on a dark window).
    area.setObjectName(area.objectName() or "namedScroll")
    area.setStyleSheet(
        f"#{area.objectName()} {{ border: 2px solid transparent; }}"
        f"#{area.objectName()}:focus {{ border: 2px solid palette(link); }}"
    )
