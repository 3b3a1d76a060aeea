"""Settings ▸ Storage ▸ Copy my data there, off the GUI thread, and restarting Afterview on
the database the user chose (split from :mod:`afterview.ui.settings_storage`)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess, QThread, Signal
from PySide6.QtWidgets import QApplication, QWidget

from afterview.paths import Paths
from afterview.store.errors import StoreError


class CopyRunner(QThread):
    """Runs :func:`afterview.store.copy.copy_database` off the GUI thread; its progress and
    its end come back as signals (queued to the GUI thread)."""

    progressed = Signal(int, str)
    copied = Signal(object)
    failed = Signal(str)

    def __init__(self, paths: Paths, to: str, allow_insecure: bool) -> None:
        super().__init__()
        self.paths = paths
        self.to = to
        self.allow_insecure = allow_insecure

    def run(self) -> None:
        from afterview.store.copy import copy_database

        try:
            report = copy_database(
                self.paths,
                self.to,
                progress=lambda percent, words: self.progressed.emit(percent, words),
                allow_insecure=self.allow_insecure,
            )
        except StoreError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # a bug must not leave the dialog spinning for ever
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.copied.emit(report)


def restart_afterview() -> None:
    """Start Afterview again the way it was started (its --data-dir and other arguments),
    then quit this one: the store opens afresh on the chosen database."""
    if getattr(sys, "frozen", False):
        program, arguments = sys.executable, sys.argv[1:]
    else:
        program, arguments = sys.executable, ["-m", "afterview", *sys.argv[1:]]
    QProcess.startDetached(program, arguments)
    app = QApplication.instance()
    if app is not None:
        for window in QApplication.topLevelWidgets():
            window.close()
        app.quit()


def copy_words(page: QWidget, words: str) -> str:
    """The store's progress words (English, from a Qt-free module) in the user's language."""
    known = {
        "Creating the tables": page.tr("Creating the tables"),
        "Writing the records": page.tr("Writing the records"),
        "Checking the copy": page.tr("Checking the copy"),
        "Done": page.tr("Done"),
    }
    if words in known:
        return known[words]
    for prefix, text in (
        ("Reading ", page.tr("Reading {what}")),
        ("Checking ", page.tr("Checking {what}")),
    ):
        if words.startswith(prefix):
            return text.format(what=words[len(prefix) :])
    return words
