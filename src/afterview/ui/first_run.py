"""The hook app.py sets on the window it shows: once its data is open, ask who you are (see
afterview.ui.first_run_dialog). Light on purpose: imported before the first paint, it
imports the dialogs only when the data has loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from afterview.ui.main_window import MainWindow


def ask_when_loaded(window: MainWindow) -> None:
    """After the window's first load, open what ``ask_who_you_are`` asks (at most once)."""
    asked = False

    def loaded() -> None:
        nonlocal asked
        if not asked:
            asked = True
            from afterview.ui.first_run_dialog import ask_who_you_are

            ask_who_you_are(window)

    window.loaded.connect(loaded)
