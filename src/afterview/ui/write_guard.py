"""Which controls write, and turning them off while the data cannot be written.

A control is tagged where it is built, with :func:`writes` (it changes the data: a text
field, a Save or Done button, a menu action) or, for a whole editor, on its container: then
every input inside writes, except what is tagged :func:`reads` (a filter, Print, Save as
PDF, opening another page). :class:`WriteGuard` turns every write control of a window and
of its dialogs read-only while the database is: text fields become read-only (their text
can still be selected and copied), everything else disabled, each with a tooltip that says
why. Pages and dialogs built later are caught as Qt polishes them, so no list of controls
has to be kept here.

A read-only text field also looks it (the window's colour behind it, not a field's white:
tester's F9), and an editor that holds a :func:`read_only_note` shows it, a line that says
the fields can be read and copied, not changed, and why.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from afterview.ui.widgets import plain_tooltip

#: Dynamic property: True, the control (or every input in the container) writes; False, it
#: only looks, even inside a container that writes.
WRITES = "afterviewWrites"
#: Dynamic properties the guard keeps on a control it turned off: how ("text" or "enabled"),
#: what the page wanted meanwhile, and the tooltip it had.
_LOCKED = "afterviewLocked"
_WANTED = "afterviewWanted"
_TIP = "afterviewTip"
#: Set on a control whose accessible description the guard filled in (it had none).
_DESCRIBED = "afterviewDescribed"
#: Set on a text field that had a palette of its own before the guard greyed it.
_OWN_PALETTE = "afterviewOwnPalette"
#: The object name of an editor's read-only note (:func:`read_only_note`).
NOTE = "readOnlyNote"

_TEXT = (QLineEdit, QPlainTextEdit, QTextEdit)
_INPUTS = (*_TEXT, QComboBox, QAbstractSpinBox, QAbstractButton)
#: Parts of another control (a spin box's line edit, a tab bar's scroll arrows).
_COMPOSITE = (QAbstractSpinBox, QComboBox, QTabBar)
_ONLY_CLOSE = {
    QDialogButtonBox.ButtonRole.RejectRole,
    QDialogButtonBox.ButtonRole.HelpRole,
    QDialogButtonBox.ButtonRole.NoRole,
}

Target = QWidget | QAction


def writes(*targets: Target) -> None:
    """Tag controls, actions or containers as writing the data."""
    for target in targets:
        target.setProperty(WRITES, True)


def reads(*targets: Target) -> None:
    """Tag controls (inside a container that writes) that only look, print or export."""
    for target in targets:
        target.setProperty(WRITES, False)


def read_only_note(parent: QWidget) -> QLabel:
    """A line for the top of an editor that writes (tagged with :func:`writes`), hidden
    until its window's data is read-only; then it says so. Plain text."""
    note = QLabel(parent)
    note.setObjectName(NOTE)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setWordWrap(True)
    note.hide()
    return note


def _note_text(reason: str) -> str:
    return " ".join(
        (
            QCoreApplication.translate(
                "WriteGuard", "You can read and copy these fields, not change them."
            ),
            reason,
        )
    )


def is_write_control(widget: QWidget) -> bool:
    """Whether ``widget`` changes the data (its own tag, else its nearest tagged container's
    when it is an input; a dialog's Cancel or Close never does)."""
    if not isinstance(widget, _INPUTS):
        return False  # a container: what is in it may write
    own = widget.property(WRITES)
    if own is not None:
        return bool(own)
    parent = widget.parentWidget()
    if isinstance(parent, _COMPOSITE):
        return False
    if (
        isinstance(parent, QDialogButtonBox)
        and isinstance(widget, QAbstractButton)
        and parent.buttonRole(widget) in _ONLY_CLOSE
    ):
        return False
    while parent is not None:
        tag = parent.property(WRITES)
        if tag is not None:
            return bool(tag)
        parent = parent.parentWidget()
    return False


class WriteGuard(QObject):
    """Turns the write controls of ``window`` (and of the dialogs it owns) off and on."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        #: The tooltip of a turned-off control (None: everything is on).
        self.reason: str | None = None
        self._busy = False

    def set_read_only(self, reason: str | None) -> None:
        """``reason``: why nothing can be changed (the tooltip), or None to turn back on."""
        app = QApplication.instance()
        if reason is not None:
            if self.reason is None and app is not None:
                app.installEventFilter(self)  # widgets polished from now on: lazy pages
            self.reason = reason
            for widget in self._widgets():
                if is_write_control(widget):
                    self._lock(widget)
            for action in self.window.findChildren(QAction):
                if action.property(WRITES) is True:
                    self._lock_action(action)
            for note in self.window.findChildren(QLabel, NOTE):
                self._note(note)
            return
        if self.reason is None:
            return  # already on: nothing to walk
        if app is not None:
            app.removeEventFilter(self)
        self.reason = None
        for widget in self._widgets():
            if widget.property(_LOCKED) is not None:
                self._unlock(widget)
        for action in self.window.findChildren(QAction):
            if action.property(_LOCKED) is not None:
                self._unlock_action(action)
        for note in self.window.findChildren(QLabel, NOTE):
            note.hide()

    def _note(self, note: QLabel) -> None:
        assert self.reason is not None
        note.setText(_note_text(self.reason))
        note.show()

    def _widgets(self) -> list[QWidget]:
        found = [self.window, *self.window.findChildren(QWidget)]
        return [w for w in found if w is self.window or self._owned(w)]

    def _owned(self, widget: QWidget) -> bool:
        """Inside the window, or in a dialog of the window (a dialog's parent chain)."""
        top: QWidget | None = widget.window()
        while top is not None:
            if top is self.window:
                return True
            parent = top.parentWidget()
            top = parent.window() if parent is not None else None
        return False

    def _lock(self, widget: QWidget) -> None:
        if widget.property(_LOCKED) is not None:
            return
        widget.setProperty(_TIP, widget.toolTip())
        assert self.reason is not None
        widget.setToolTip(plain_tooltip(self.reason))
        if not widget.accessibleDescription():
            # Else Qt reads the tooltip as the description, its <p> tags and all.
            widget.setAccessibleDescription(self.reason)
            widget.setProperty(_DESCRIBED, self.reason)
        if isinstance(widget, _TEXT):
            widget.setProperty(_LOCKED, "text")
            widget.setProperty(_WANTED, widget.isReadOnly())
            widget.setReadOnly(True)
            own = widget.testAttribute(Qt.WidgetAttribute.WA_SetPalette)
            widget.setProperty(_OWN_PALETTE, own)
            palette = widget.palette()
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                window = palette.color(group, QPalette.ColorRole.Window)
                palette.setColor(group, QPalette.ColorRole.Base, window)
            widget.setPalette(palette)  # no field's white: nothing to type in
            return
        widget.setProperty(_LOCKED, "enabled")
        widget.setProperty(_WANTED, not widget.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled))
        self._busy = True
        try:
            widget.setEnabled(False)
        finally:
            self._busy = False

    def _unlock(self, widget: QWidget) -> None:
        how, wanted = widget.property(_LOCKED), bool(widget.property(_WANTED))
        widget.setProperty(_LOCKED, None)
        widget.setToolTip(str(widget.property(_TIP) or ""))
        described = widget.property(_DESCRIBED)
        if described is not None:
            widget.setProperty(_DESCRIBED, None)
            if widget.accessibleDescription() == described:  # not replaced meanwhile
                widget.setAccessibleDescription("")
        if how == "text" and isinstance(widget, _TEXT):
            widget.setReadOnly(wanted)
            if not widget.property(_OWN_PALETTE):
                widget.setPalette(QPalette())
                widget.setAttribute(Qt.WidgetAttribute.WA_SetPalette, False)  # inherits again
        else:
            widget.setEnabled(wanted)

    def _lock_action(self, action: QAction) -> None:
        if action.property(_LOCKED) is not None:
            return
        action.setProperty(_LOCKED, "enabled")
        action.setProperty(_WANTED, action.isEnabled())
        action.setProperty(_TIP, action.toolTip())
        assert self.reason is not None
        action.setToolTip(self.reason)  # a menu shows an action's tooltip as plain text
        action.setEnabled(False)
        action.enabledChanged.connect(self._action_enabled)

    def _action_enabled(self, enabled: bool) -> None:
        action = self.sender()
        if enabled and isinstance(action, QAction) and action.property(_LOCKED) is not None:
            action.setProperty(_WANTED, True)  # the page wants it on: later
            action.setEnabled(False)

    def _unlock_action(self, action: QAction) -> None:
        action.enabledChanged.disconnect(self._action_enabled)
        action.setProperty(_LOCKED, None)
        action.setToolTip(str(action.property(_TIP) or ""))
        action.setEnabled(bool(action.property(_WANTED)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, QWidget):
            if self.reason is not None and is_write_control(watched) and self._owned(watched):
                self._lock(watched)
            elif self.reason is not None and watched.property(WRITES) is True:
                # An editor built later: its note (hidden, so never polished itself).
                for note in watched.findChildren(
                    QLabel, NOTE, Qt.FindChildOption.FindDirectChildrenOnly
                ):
                    if self._owned(note):
                        self._note(note)
        elif kind == QEvent.Type.EnabledChange and isinstance(watched, QWidget):
            self._turned_on(watched)
        return False

    def _turned_on(self, widget: QWidget) -> None:
        """A page turned a control on while it is off here (a selection changed): keep it
        off, and turn it on when the data can be written again."""
        if (
            self._busy
            or widget.property(_LOCKED) != "enabled"
            or widget.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
        ):
            return
        widget.setProperty(_WANTED, True)
        self._busy = True
        try:
            widget.setEnabled(False)
        finally:
            self._busy = False
