"""For tests of the real window process: the state of every named control, as JSON.

With ``AFTERVIEW_WIDGET_DUMP=FILE`` set, the window writes, once its data is loaded and the
first pages are built, each control that has an object or accessible name: its kind,
whether it is enabled, read-only (text fields), visible, and its text (labels and fields).
A desktop test reads it as it would read the accessibility tree, which Xvfb does not serve.
Nothing is written without the variable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget

ENV = "AFTERVIEW_WIDGET_DUMP"


def dump_when_asked(window: QWidget) -> None:
    """Write the dump to ``$AFTERVIEW_WIDGET_DUMP`` after the events now queued (the pages
    built after the load) have run; nothing when the variable is not set."""
    target = os.environ.get(ENV)
    if target:
        QTimer.singleShot(0, window, lambda: write_dump(window, Path(target)))


def write_dump(window: QWidget, target: Path) -> None:
    """Write ``target`` (JSON: a list of controls), through a temporary file so a reader
    never sees half of it."""
    controls: list[dict[str, Any]] = []
    for widget in [window, *window.findChildren(QWidget)]:
        name = widget.objectName() or widget.accessibleName()
        if not name:
            continue
        entry: dict[str, Any] = {
            "name": name,
            "accessible": widget.accessibleName(),
            "kind": type(widget).__name__,
            "enabled": widget.isEnabled(),
            "visible": widget.isVisible(),
        }
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            entry["read_only"] = widget.isReadOnly()
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            entry["text"] = widget.text()
        controls.append(entry)
    partial = target.with_name(target.name + ".part")
    partial.write_text(json.dumps(controls, ensure_ascii=False), encoding="utf-8")
    partial.replace(target)
