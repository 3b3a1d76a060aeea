"""Today's offer to close an application as "no response" (issue 17 §3): one row per
application whose last follow-up has gone unanswered for the setting's days
(afterview.domain.no_response), with one button. Nothing is closed without the click.

Seed 001 §5 ("Stay calm"): after the last follow-up, letting go is calmer than a third. The
row says so in plain words, and the button's accessible name names the application.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from afterview.ui.focus_ring import ring_colour
from afterview.ui.step_card import plain, tool_button
from afterview.ui.write_guard import writes

if TYPE_CHECKING:  # the store's query module imports SQLAlchemy: not before the first paint
    from afterview.store.no_response import NoResponseOffer


class NoResponseRow(QFrame):
    """One offer: the application, how long its last follow-up has waited, and the button."""

    #: The user closes the application as "no response": its id and the version read.
    close_it = Signal(int, int)

    def __init__(self, offer: NoResponseOffer, parent: QWidget) -> None:
        super().__init__(parent)
        self.offer = offer
        self.setObjectName(f"noResponse-{offer.application_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        where = " — ".join(part for part in (offer.company, offer.position) if part)
        self.setAccessibleName(self.tr("No answer: {0}").format(where))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        text = QVBoxLayout()
        text.setSpacing(2)
        title = plain(where, self, name="title")
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        title.setWordWrap(True)
        text.addWidget(title)
        since = QLocale().toString(offer.since.astimezone().date(), QLocale.FormatType.LongFormat)
        said = self.tr(
            "Your last follow-up, sent {0}, has had no answer. Another one rarely helps: you "
            "may close this application as “no response”."
        ).format(since)
        detail = plain(said, self, name="detail")
        detail.setWordWrap(True)
        detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        text.addWidget(detail)
        layout.addLayout(text, 1)
        self.close_button: QToolButton = tool_button(
            self.tr("Close as no response"),
            "done",
            self,
            self.tr("Close as no response: {0}").format(where),
        )
        self.close_button.setObjectName("closeNoResponseButton")
        self.close_button.setToolTip(
            self.tr("Close the application with the outcome “no response” (you can move it back)")
        )
        self.close_button.setAccessibleDescription(said)
        self.close_button.clicked.connect(
            lambda: self.close_it.emit(offer.application_id, offer.version)
        )
        writes(self.close_button)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        color = ring_colour(self.palette()).name()
        self.setStyleSheet(
            f"QToolButton:focus {{ border: 2px solid {color}; border-radius: 4px; }}"
        )


__all__ = ["NoResponseRow"]
