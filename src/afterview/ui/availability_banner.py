"""The banner at the top of the window when the data cannot be saved, and what goes with it.

Three cases. Two from issue 13: the database was opened read-only (a full disk, a read-only folder),
so every write control is turned off (:mod:`afterview.ui.write_guard`) and the banner says
why and what to do; or a save failed for a fault of the disk, so the editor keeps the text,
:class:`~afterview.ui.data.DataAccess` tries again with backoff, and the banner says the
change is not saved yet. And on a PostgreSQL server, the window's listener lost its
connection while nothing waits to be saved (tester's F7): what is shown may be out of date,
and the banner says so at once, not at the first save. All offer "Retry now". Texts are
plain text, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStyle,
    QWidget,
)

from afterview.store.errors import StoreError
from afterview.store.faults import Fault, UnavailableError
from afterview.ui.data import DataAccess
from afterview.ui.write_guard import WriteGuard

if TYPE_CHECKING:
    from afterview.ui.server_listener import ServerListener

#: How long "Saved." stays in the status bar after the kept changes were saved (ms).
SAVED_MESSAGE_MS = 6000

_LIGHT = "background: #fff4ce; color: #3d3000; border-bottom: 1px solid #e3c766;"
_DARK = "background: #4a3c12; color: #f6e7b5; border-bottom: 1px solid #7a6424;"


class AvailabilityBanner(QFrame):
    """A warning line with a "Retry now" button; hidden until :meth:`say` is called."""

    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("availabilityBanner")
        self.setAccessibleName(self.tr("Saving is not possible"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        mark = QLabel(self)
        size = QSize(20, 20)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        mark.setPixmap(warning.pixmap(size))
        mark.setFixedSize(size)
        layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self)
        self.text.setObjectName("availabilityText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        self.button = QPushButton(self.tr("Retry now"), self)
        self.button.setObjectName("retryNow")
        self.button.setAccessibleName(self.tr("Retry now"))
        self.button.clicked.connect(self.retry)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._colour()
        self.hide()

    def _colour(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.setStyleSheet(f"QFrame#availabilityBanner {{ {_DARK if dark else _LIGHT} }}")
        self.text.setStyleSheet("color: inherit; background: transparent; border: none;")

    def say(self, text: str) -> None:
        self.text.setText(text)
        self.text.setAccessibleName(text)
        self._colour()
        self.show()


class Availability:
    """Keeps the banner and the write controls of ``window`` in step with ``data``."""

    def __init__(self, window: QMainWindow, data: DataAccess, banner: AvailabilityBanner) -> None:
        self.window = window
        self.data = data
        self.banner = banner
        self.guard = WriteGuard(window)
        #: The window's ear on the server (None for a file) and why it cannot hear now.
        self.listener: ServerListener | None = None
        self.server_away: StoreError | None = None
        banner.retry.connect(self.retry_now)
        data.availability.connect(self.update)
        data.caught_up.connect(self._caught_up)
        self.update()

    def tr(self, text: str) -> str:
        # Not a QObject: its texts have the context lupdate gives them, the class's name.
        return QCoreApplication.translate("Availability", text)

    def listen(self, listener: ServerListener) -> None:
        """Show the banner while ``listener`` cannot reach the server, from now on."""
        self.listener = listener
        listener.lost.connect(self._lost)
        listener.back.connect(self._back)
        if listener.away is not None:
            self._lost(listener.away)

    def _lost(self, error: object) -> None:
        self.server_away = error if isinstance(error, StoreError) else None
        self.update()

    def _back(self) -> None:
        self.server_away = None
        self.update()

    def update(self) -> None:
        """Show what the data's state is now (read-only, changes waiting, or neither)."""
        read_only, fault = self.data.read_only, self.data.fault
        owner = getattr(read_only, "owner", None)  # a search shared with a coach
        self.banner.button.setVisible(owner is None)  # retrying cannot make it writable
        if owner is not None:
            self.banner.say(
                self.tr("You are reading {owner}'s search (read-only).").format(owner=owner)
            )
            self.guard.set_read_only(
                self.tr("{owner} shared this search with you to read only.").format(owner=owner)
            )
            return
        if read_only is not None:
            self.banner.say(
                self.tr("Afterview opened your data read-only, so nothing can be changed: {reason}")
                .format(reason=read_only.advice)
            )  # fmt: skip
            self.guard.set_read_only(
                self.tr("Cannot be changed now: {reason}").format(reason=read_only.advice)
            )
            return
        self.guard.set_read_only(None)
        if self.data.unsaved and fault is not None and fault.fault is Fault.OFFLINE:
            # A server away (issue 16 §5): its advice says the text is kept and tried again.
            self.banner.say(
                self.tr("Your change is not saved yet: {reason}").format(reason=fault.advice)
            )
        elif self.data.unsaved and fault is not None:
            self.banner.say(
                self.tr("Your change is not saved yet: {reason} Afterview will try again.")
                .format(reason=fault.advice)
            )  # fmt: skip
        elif self.server_away is not None:
            away = self.server_away
            reason = away.advice if isinstance(away, UnavailableError) else str(away)
            self.banner.say(
                self.tr("What you see may be out of date: {reason}").format(reason=reason)
            )
        else:
            self.banner.hide()

    def retry_now(self) -> bool:
        """The banner's button: try again at once; True when everything is saved."""
        self.banner.button.setEnabled(False)
        try:
            done = self.data.retry_now()
            if self.listener is not None and self.server_away is not None:
                self.listener.retry_now()  # back: its signal hides the banner
                done = done and self.server_away is None
        finally:
            self.banner.button.setEnabled(True)
        if not done and self.server_away is not None and not self.data.unsaved:
            self.window.statusBar().showMessage(
                self.tr("Still cannot reach the database server."), SAVED_MESSAGE_MS
            )
        elif not done:
            self.window.statusBar().showMessage(self.tr("Still cannot save."), SAVED_MESSAGE_MS)
        return done

    def _caught_up(self) -> None:
        self.update()
        self.window.statusBar().showMessage(self.tr("Saved."), SAVED_MESSAGE_MS)

    def may_close(self) -> bool:
        """Before the window closes: when changes wait, ask whether to try again now (the
        window stays open if that fails) or to close without them. True: close."""
        if not self.data.unsaved:
            return True
        from afterview.ui.widgets import message_box

        fault = self.data.fault
        reason = fault.advice if fault is not None else ""
        box = QMessageBox.StandardButton
        answer = message_box(
            self.window,
            QMessageBox.Icon.Warning,
            self.tr("Changes not saved"),
            self.tr(
                "Some of your changes are not saved yet: {reason}\n\n"
                "Try again now, or close and lose them?"
            ).format(reason=reason),
            box.Retry | box.Discard,
            box.Retry,
        )
        if answer == box.Discard:
            return True
        return self.retry_now()
