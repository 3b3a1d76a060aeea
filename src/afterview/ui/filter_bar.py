"""The filter bar the Interviews list and the Board share (issue 17 §2): a search field and,
where the page has statuses to choose from, a status box.

One class builds both pages' bars, so they look, read and behave alike; :func:`share_text`
keeps what is typed in one in the other, so a filter set on the list still holds on the
board and back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from afterview.ui.form_access import buddy_label, name_action_button, name_clear_button
from afterview.ui.icons import icon


class FilterBar(QWidget):
    """The search field (``filter``) and, with ``with_status``, the status box (``status``,
    its caption ``status_caption``). ``name`` is the field's accessible name ("Filter
    interviews"), ``hint`` its placeholder; ``prefix`` starts the object names
    ("interview" → "interviewFilter")."""

    def __init__(
        self,
        name: str,
        hint: str,
        prefix: str,
        parent: QWidget | None = None,
        *,
        with_status: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}FilterBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit(self)
        self.filter.setObjectName(f"{prefix}Filter")
        self.filter.setAccessibleName(name)
        self.filter.setPlaceholderText(hint)
        self.filter.setClearButtonEnabled(True)
        name_clear_button(self.filter, self.tr("Clear the filter"))
        search = self.filter.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        name_action_button(self.filter, search, self.tr("Filter"))
        layout.addWidget(self.filter, 1)
        self.status: QComboBox | None = None
        self.status_caption: QLabel | None = None
        if with_status:
            self.status = QComboBox(self)
            self.status.setObjectName("statusFilter")
            self.status.setAccessibleName(self.tr("Status filter"))
            # A related label names it on Linux, where Qt otherwise reads its current value.
            self.status_caption = buddy_label(self.tr("Status:"), self.status, self)
            layout.addWidget(self.status_caption)
            layout.addWidget(self.status)


def share_text(first: QLineEdit, second: QLineEdit) -> None:
    """Keep the two fields' text the same, whichever is typed in (no loop: a field that
    already holds the text is left alone)."""

    def follow(target: QLineEdit) -> object:
        def copy(text: str) -> None:
            if target.text() != text:
                target.setText(text)

        return copy

    first.textChanged.connect(follow(second))
    second.textChanged.connect(follow(first))


__all__ = ["FilterBar", "share_text"]
