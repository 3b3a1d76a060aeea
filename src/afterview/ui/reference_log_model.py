"""One reference's log: when they were told, how, about which interview, and a note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, Qt

from afterview.store.values import NoticeItem
from afterview.ui.interview_picker import describe_interview
from afterview.ui.item_table_model import Index, ItemTableModel

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

NoticeIdRole = Qt.ItemDataRole.UserRole + 1

_CONTEXT = "ReferenceLogModel"
COLUMNS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP(_CONTEXT, "When"),
    QT_TRANSLATE_NOOP(_CONTEXT, "How"),
    QT_TRANSLATE_NOOP(_CONTEXT, "About"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Note"),
)
#: How a reference was told, by the stored value (translated where shown, context above).
CHANNELS = {
    "email": QT_TRANSLATE_NOOP(_CONTEXT, "Email"),
    "phone": QT_TRANSLATE_NOOP(_CONTEXT, "Phone"),
    "letter": QT_TRANSLATE_NOOP(_CONTEXT, "Letter"),
}


class ReferenceLogModel(ItemTableModel[NoticeItem]):
    columns = COLUMNS

    def __init__(self, data: DataAccess, parent: Any = None) -> None:
        super().__init__(parent)
        # Not ``self.data``: that is the model's own data() method.
        self.access = data
        self.reference_id: int | None = None

    def set_reference(self, reference_id: int | None) -> None:
        self.reference_id = reference_id
        self.reload()

    def reload(self) -> None:
        reference_id = self.reference_id
        notices = [] if reference_id is None else self.access.store.references.notices(reference_id)
        self._set_items(notices)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        title = super().headerData(section, orientation, role)
        return QCoreApplication.translate(_CONTEXT, title) if isinstance(title, str) else title

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._item_at(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                moment = QDateTime.fromSecsSinceEpoch(int(item.at.timestamp()))
                return QLocale().toString(moment, QLocale.FormatType.ShortFormat)
            if column == 1:
                caption = CHANNELS.get(item.channel or "")
                return QCoreApplication.translate(_CONTEXT, caption) if caption else ""
            if column == 2:
                return describe_interview(item.interview) if item.interview is not None else ""
            # One line per entry in the table; the full note is in the entry itself.
            return item.note.replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return item.at.astimezone().isoformat(" ", "minutes")  # the exact moment
        if role == NoticeIdRole:
            return item.id
        return None


__all__ = [
    "CHANNELS",
    "COLUMNS",
    "NoticeIdRole",
    "NoticeItem",
    "ReferenceLogModel",
    "describe_interview",
]
