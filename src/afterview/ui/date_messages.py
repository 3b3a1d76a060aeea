"""Where a date field says why it refused what was typed: the message under it.

A form usually has one already (afterview.ui.validators.FieldMessage, on the row under the
field); otherwise one is put there. A field in a row of controls, with no row under it for
a message, gets one floating under it, where a tooltip would be.
"""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QFormLayout, QGridLayout, QLabel, QLayout, QWidget

from afterview.ui.validators import FieldMessage

#: The property that marks a floating message (placed by the field when shown).
FLOATING = "afterviewFloatingMessage"


def message_under(editor: QWidget) -> QLabel:
    """The FieldMessage right under ``editor`` (or under the widget it is the focus proxy
    of) in its layout, or a new one put there."""
    parent = editor.parentWidget()
    targets = [editor]
    if parent is not None and parent.focusProxy() is editor:
        targets.append(parent)
    for target in targets:
        holder = target.parentWidget()
        layout = _layout_holding(holder.layout(), target) if holder is not None else None
        if layout is None or holder is None:
            continue
        found = _next_in(layout, target)
        if isinstance(found, FieldMessage):
            return found
        message = FieldMessage(editor.objectName() or "date", holder)
        message.setAccessibleName("")  # read by its own text
        if isinstance(layout, QFormLayout):
            row, _role = layout.getWidgetPosition(target)
            layout.insertRow(row + 1, QWidget(holder), message)
            return message
        if isinstance(layout, QBoxLayout) and layout.direction() in (
            QBoxLayout.Direction.TopToBottom,
            QBoxLayout.Direction.BottomToTop,
        ):
            layout.insertWidget(layout.indexOf(target) + 1, message)
            return message
        if isinstance(layout, QGridLayout):
            row, column, _rs, _cs = layout.getItemPosition(layout.indexOf(target))
            if layout.itemAtPosition(row + 1, column) is None:
                layout.addWidget(message, row + 1, column)
                return message
        message.deleteLater()
    # No row to put it in (a field in a row of controls): a message floating under the
    # field, where a tooltip would be; a form that has a place for it calls set_message.
    floating = FieldMessage(editor.objectName() or "date", editor.window())
    floating.setProperty(FLOATING, True)
    return floating


def _layout_holding(layout: QLayout | None, widget: QWidget) -> QLayout | None:
    if layout is None:
        return None
    if layout.indexOf(widget) >= 0:
        return layout
    for index in range(layout.count()):
        item = layout.itemAt(index)
        inner = item.layout() if item is not None else None
        found = _layout_holding(inner, widget)
        if found is not None:
            return found
    return None


def _next_in(layout: QLayout, widget: QWidget) -> QWidget | None:
    """The widget under ``widget`` in a form or grid, or after it in a box."""
    if isinstance(layout, QFormLayout):
        row, _role = layout.getWidgetPosition(widget)
        item = layout.itemAt(row + 1, QFormLayout.ItemRole.FieldRole)
        return item.widget() if item is not None else None
    if isinstance(layout, QGridLayout):
        row, column, _rs, _cs = layout.getItemPosition(layout.indexOf(widget))
        item = layout.itemAtPosition(row + 1, column)
        return item.widget() if item is not None else None
    item = layout.itemAt(layout.indexOf(widget) + 1)
    return item.widget() if item is not None else None


__all__ = ["FLOATING", "message_under"]
