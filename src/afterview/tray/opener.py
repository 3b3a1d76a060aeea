"""Opening the main window from the tray: ask the running one, else start it detached."""

from __future__ import annotations

import logging
import sys
from typing import Any

from afterview import ipc
from afterview.paths import Paths

log = logging.getLogger(__name__)


def afterview_command(paths: Paths, *arguments: str) -> list[str]:
    """The command line of an ``afterview`` verb on ``paths``, from the venv or the bundle."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is Afterview
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "afterview"]
    chosen = ["--database", paths.database_target] if paths.database_target else []
    return [*command, "--data-dir", str(paths.data_dir), *chosen, *arguments]


def window_command(paths: Paths, step: int | None) -> list[str]:
    extra = ["--step", str(step)] if step is not None else []
    return afterview_command(paths, "window", *extra)


def open_window(paths: Paths, step: int | None = None) -> str:
    """ "sent" when a running window took the message, "started" when one was launched."""
    message: dict[str, Any] = {"type": "open"}
    if step is not None:
        message["step"] = step
    instance = ipc.instance_for(paths)
    if instance is not None and ipc.send(instance, "window", message):
        return "sent"
    from PySide6.QtCore import QProcess

    program, *arguments = window_command(paths, step)
    # Detached: the window outlives the tray and is never the tray's zombie.
    started, _pid = QProcess.startDetached(program, arguments)
    if not started:
        log.warning("could not start the window: %s", " ".join(window_command(paths, step)))
        return "failed"
    return "started"
