"""The References page: the list, and beside it the reference, the interviews they are used
on, and the log of when they were told what to expect (seeds 000 §3, 001 §2).

The page lists only the interviews a reference is on; "Add to interview…" searches the rest
(afterview.ui.interview_picker), so opening it costs the same with 100 interviews or 100,000.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from afterview.store.changes import Kind, Outcome
from afterview.store.values import DeletedReference
from afterview.ui.record_list_page import RecordListPage
from afterview.ui.references_editor import ReferenceEditor
from afterview.ui.references_model import ReferenceIdRole, ReferencesModel
from afterview.ui.validators import Clock, utcnow
from afterview.ui.widgets import plain_label

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

#: How the list and the editor share the page at first (the editor's own minimum width wins
#: in a small window; in a large one the list has room for its three columns).
SPLIT = (400, 600)


class ReferencesPage(RecordListPage):
    id_role = ReferenceIdRole
    record_phrase = QT_TRANSLATE_NOOP("ReferencesPage", "the reference")
    unnamed = QT_TRANSLATE_NOOP("ReferencesPage", "this reference")
    # Interviews too: the list counts them, and the editor names the ones it is on.
    kinds = (Kind.REFERENCES, Kind.INTERVIEWS)

    def __init__(
        self, data: DataAccess, parent: QWidget | None = None, *, clock: Clock = utcnow
    ) -> None:
        super().__init__(data, parent, self.tr("References"))
        self.clock = clock
        self._build_list(
            ReferencesModel(data, self, clock=clock),
            filter_label=self.tr("Filter references"),
            placeholder=self.tr("Filter by name, relationship, email…"),
            table_name="references_table",
            table_label=self.tr("Reference list"),
        )
        header = self.table.horizontalHeader()
        for column in (2, 3, 5):
            self.table.setColumnHidden(column, True)
        self.table.setColumnWidth(0, 150)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(4, 120)
        self._build_list_buttons(
            self.tr("&New reference"), self.tr("New reference"), self.tr("Delete reference")
        )
        self._deleted: list[DeletedReference] = []

        self.editor = ReferenceEditor(data, self, clock=clock)
        self.editor.validityChanged.connect(self._update_buttons)
        self.editor.dirtyChanged.connect(self._update_buttons)
        self.editor.changed.connect(self.changed)
        self.status = plain_label("", self, name="references status")  # read by its text
        self._build_editor_buttons(self.tr("reference"))

        pane = QWidget(self)
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(12, 0, 0, 0)
        pane_layout.addWidget(self.editor)
        pane_layout.addStretch(1)
        self._build_stack(
            pane,
            self.tr(
                "No references yet.\n\nAdd the people who vouch for you, and when they said "
                "yes: they should hear from you before an employer calls them."
            ),
            "references empty",
        )
        # Save and Revert stay below the scrolling editor, so they are in reach however small
        # the window; Save covers the card and the interviews, the log writes at once.
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(12, 0, 0, 0)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(self._list_actions())
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("references_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes(list(SPLIT))
        # The editor never narrower than its fields, so it scrolls only up and down; the list
        # gives way (a scroll area alone would let the splitter squeeze it).
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.stack.setMinimumWidth(pane.minimumSizeHint().width() + bar + 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.splitter)

        editor = self.editor
        chain = [
            self.filter,
            self.table,
            editor.name,
            editor.relationship,
            editor.email,
            editor.phone,
            editor.has_permission,
            editor.permission,
            editor.used_on,
            editor.add_interview,
            editor.remove_interview,
            self.revert_button,
            self.save_button,
            editor.log,
            editor.log_at,
            editor.log_channel,
            editor.log_interview,
            editor.log_note,
            editor.log_add,
            editor.log_remove,
            self.new_button,
            self.delete_button,
            self.undo_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._start()

    # -- hooks -------------------------------------------------------------------------

    def _editing_id(self) -> int | None:
        return self.editor.reference_id

    def _record_shown(self, switched: bool) -> None:
        # Unlike a contact card there is nothing beside the editor to refresh; a message
        # ("Saved.") stays until the user moves to another reference.
        if switched:
            self.status.clear()

    def _delete_record(self, record_id: int) -> Outcome[DeletedReference]:
        return self.data.store.references.delete(record_id)

    def _restore_record(self, deleted: DeletedReference) -> Outcome[int]:
        return self.data.store.references.undo_delete(deleted)

    def new_reference(self) -> None:
        """Start a blank reference in the editor (saved with Save)."""
        self._start_new()

    def confirm_delete(self, name: str) -> bool:
        return self._ask(
            self.tr("Delete reference"),
            self.tr(
                "Delete the reference {0} and their log? The interviews they were used on "
                "are planned again without them."
            ).format(name),
        )


__all__ = ["ReferenceEditor", "ReferencesPage"]
