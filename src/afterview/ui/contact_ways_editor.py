"""Editing one kind of a contact's ways to reach them: a short list of every value (the one
used ticked) and, under it, the selected value with its labels, and Add / Remove buttons.

Typing into the value field of an empty list adds the first value, so a card with one email
is edited as before. Ticking a row makes it the one to use (the user's choice).
"""

from __future__ import annotations

from typing import Generic

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterview.domain import postal
from afterview.domain.contact_ways import PostalAddress, V, Way, labels_text, parse_labels
from afterview.ui.assistive import announce
from afterview.ui.contact_ways_model import WaysModel
from afterview.ui.postal_address_form import describe_part_problems


def _fit_to_text(button: QPushButton) -> None:
    """As narrow as its words allow, not the style's usual 80 pixels: the card then fits
    beside the contact list in an 800-pixel window. Never narrower than the words."""
    words = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
    button.setMinimumWidth(min(button.sizeHint().width(), words + 2 * BUTTON_PADDING))


#: A button's room either side of its words (pixels), about what the common styles draw.
BUTTON_PADDING = 12


class _WaysEditor(QWidget, Generic[V]):
    """The list, the labels field and the buttons; subclasses add the value's own fields."""

    edited = Signal()

    def __init__(self, kind: str, blank: V, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.model: WaysModel[V] = WaysModel(blank, self)
        self._filling = False
        self.list = QListView(self)
        self.list.setObjectName(f"{kind}_list")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        # Arrows move in the list; Tab leaves it for the labels and buttons.
        self.list.setTabKeyNavigation(False)
        # The kind in words of the user's language ("email" is also an object name).
        noun = {
            "email": self.tr("email address"),
            "phone": self.tr("phone number"),
            "address": self.tr("postal address"),
        }.get(kind, kind)
        self.list.setAccessibleName(
            self.tr("Every {kind}; the ticked one is used").format(kind=noun)
        )
        rows = self.fontMetrics().lineSpacing()
        self.list.setFixedHeight(rows * 3 + 10)
        self.labels = QLineEdit(self)
        self.labels.setObjectName(f"{kind}_labels")
        self.labels.setPlaceholderText(self.tr("Labels: work, home, cell…"))
        self.labels.setAccessibleName(self.tr("Labels of this {kind}").format(kind=noun))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName(f"{kind}_add")
        self.add_button.setAccessibleName(self.tr("Add another {kind}").format(kind=noun))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName(f"{kind}_remove")
        self.remove_button.setAccessibleName(self.tr("Remove this {kind}").format(kind=noun))
        self.use_button = QPushButton(self.tr("Use this one"), self)
        self.use_button.setObjectName(f"{kind}_use")
        self.use_button.setAccessibleName(self.tr("Use this {kind}").format(kind=noun))
        self.use_button.setToolTip(self.tr("Letters and drafts go to this one"))

        for button in (self.use_button, self.add_button, self.remove_button):
            _fit_to_text(button)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.labels, 1)
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(4)
        self.layout_.addWidget(self.list)

        self.list.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.model.dataChanged.connect(lambda *_: self.edited.emit())
        self.model.rowsInserted.connect(lambda *_: self.edited.emit())
        self.model.rowsRemoved.connect(lambda *_: self.edited.emit())
        self.model.modelReset.connect(self._show_current)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.use_button.clicked.connect(self.use)
        self.labels.textChanged.connect(self._labels_edited)
        self._buttons = buttons

    def finish_layout(self, value_widget: QWidget) -> None:
        # The selected value first (level with the message beside it), then all of them.
        self.layout_.insertWidget(0, value_widget)
        self.layout_.addLayout(self._buttons)
        self._show_current()

    # -- the rows --------------------------------------------------------------------------

    def value_widgets(self) -> list[QWidget]:
        """Where the selected value is typed, in keyboard order."""
        raise NotImplementedError

    def focus_chain(self) -> list[QWidget]:
        """Every control, in the order the keyboard should visit them: the value, the list,
        its labels, then the buttons as they are laid out."""
        return [
            *self.value_widgets(),
            self.list,
            self.labels,
            self.use_button,
            self.add_button,
            self.remove_button,
        ]

    def set_ways(self, ways: tuple[Way[V], ...], chosen: int | None) -> None:
        self.model.set_ways(ways, chosen)
        used = self.model.used()
        self.select(0 if used is None else used)

    def select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._show_current()

    def current_row(self) -> int | None:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else None

    def add(self) -> None:
        self.select(self.model.add())
        self.value_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def remove(self) -> None:
        """Remove the selected value; focus goes to the list, on the one now selected, or
        (none left) to where a new one is typed, and the removal is announced: the Remove
        button may have turned grey under the keyboard."""
        row = self.current_row()
        if row is None:
            return
        removed = str(self.model.index(row).data(Qt.ItemDataRole.DisplayRole) or "")
        self.model.remove(row)
        self.select(min(row, self.model.rowCount() - 1))
        next_focus = self.list if self.model.rowCount() else self.value_widget()
        next_focus.setFocus(Qt.FocusReason.OtherFocusReason)
        if removed:
            announce(self, self.tr("Removed {value}").format(value=removed))

    def use(self) -> None:
        """Make the selected value the one used; focus goes to the list, where it is now
        ticked (the Use button turns grey under the keyboard), and the choice is announced."""
        row = self.current_row()
        if row is None:
            return
        self.model.choose(row)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        chosen = str(self.model.index(row).data(Qt.ItemDataRole.DisplayRole) or "")
        announce(self, self.tr("Letters and drafts go to {value}").format(value=chosen))

    def _row_for_typing(self) -> int:
        """The row the value fields edit; the first one is made when the list is empty."""
        row = self.current_row()
        if row is None:
            filling, self._filling = self._filling, True  # keep what is being typed
            try:
                row = self.model.add()
                self.list.selectionModel().setCurrentIndex(
                    self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
            finally:
                self._filling = filling
            self.remove_button.setEnabled(True)
        return row

    def _labels_edited(self, text: str) -> None:
        if not self._filling:
            row = self._row_for_typing()
            self._filling = True
            try:
                self.model.set_labels(row, parse_labels(text))
            finally:
                self._filling = False

    def _show_current(self) -> None:
        if self._filling:
            return
        row = self.current_row()
        self._filling = True
        try:
            if row is None:
                self.show_value(None)
                self.labels.clear()
            else:
                way = self.model.ways()[row]
                self.show_value(way.value)
                if parse_labels(self.labels.text()) != way.labels:
                    self.labels.setText(labels_text(way.labels))
        finally:
            self._filling = False
        self.remove_button.setEnabled(row is not None)
        self.use_button.setEnabled(row is not None and row != self.model.used())

    def value_edited(self, value: V) -> None:
        if not self._filling:
            row = self._row_for_typing()
            self._filling = True
            try:
                self.model.set_value(row, value)
            finally:
                self._filling = False
            self.use_button.setEnabled(self.current_row() != self.model.used())

    # -- for subclasses --------------------------------------------------------------------

    def show_value(self, value: V | None) -> None:
        raise NotImplementedError

    def value_widget(self) -> QWidget:
        raise NotImplementedError


class TextWaysEditor(_WaysEditor[str]):
    """Emails or phone numbers: one line per value."""

    def __init__(self, kind: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, "", parent)
        self.value = QLineEdit(self)
        self.value.setObjectName(kind)
        self.value.setPlaceholderText(placeholder)
        self.value.textChanged.connect(self.value_edited)
        self.finish_layout(self.value)

    def value_widgets(self) -> list[QWidget]:
        return [self.value]

    def show_value(self, value: str | None) -> None:
        if self.value.text() != (value or ""):
            self.value.setText(value or "")

    def value_widget(self) -> QWidget:
        return self.value

    def set_current_text(self, text: str) -> None:
        """Put ``text`` in the current value (e.g. a phone number as formatted)."""
        self.value.setText(text)
        self.value_edited(text)


class AddressWaysEditor(_WaysEditor[PostalAddress]):
    """Postal addresses: street lines, town, region, postal code and country."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("address", PostalAddress(), parent)
        self.form = QWidget(self)
        grid = QGridLayout(self.form)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self.street = QPlainTextEdit(self.form)
        self.street.setObjectName("address")
        self.street.setAccessibleName(self.tr("Street"))
        self.street.setPlaceholderText(self.tr("Street (one line each)"))
        self.street.setTabChangesFocus(True)
        self.street.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.locality = self._line("locality", self.tr("Town or city"))
        self.region = self._line("region", self.tr("State or region"))
        self.postal_code = self._line("postal_code", self.tr("Postal code"))
        self.country = self._line("country", self.tr("Country"))
        # Captions beside the fields, not only placeholders: once filled, "IL" and "US" must
        # still say which is the region and which the country.
        grid.addWidget(self.street, 0, 0, 1, 4)
        for row, column, caption, field in (
            (1, 0, self.tr("Town"), self.locality),
            (1, 2, self.tr("Region"), self.region),
            (2, 0, self.tr("Postal code"), self.postal_code),
            (2, 2, self.tr("Country"), self.country),
        ):
            label = QLabel(caption, self.form)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(field)
            grid.addWidget(label, row, column)
            grid.addWidget(field, row, column + 1)
        self.street.textChanged.connect(self._parts_edited)
        self.finish_layout(self.form)

    def value_widgets(self) -> list[QWidget]:
        return [self.street, self.locality, self.region, self.postal_code, self.country]

    def describe_problems(self) -> None:
        """Give each part of the shown address what its country's post would miss as its
        accessible description (read when focus lands on it), "" where nothing is."""
        describe_part_problems(self, postal.problems(self.address()))

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self.form)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(placeholder)
        edit.textChanged.connect(self._parts_edited)
        return edit

    def address(self) -> PostalAddress:
        return PostalAddress(
            self.street.toPlainText(),
            self.locality.text(),
            self.region.text(),
            self.postal_code.text(),
            self.country.text(),
        )

    def _parts_edited(self) -> None:
        if self.address() != PostalAddress() or self.current_row() is not None:
            self.value_edited(self.address())

    def show_value(self, value: PostalAddress | None) -> None:
        value = value or PostalAddress()
        if self.street.toPlainText() != value.street:
            self.street.setPlainText(value.street)
        for edit, text in (
            (self.locality, value.locality),
            (self.region, value.region),
            (self.postal_code, value.postal_code),
            (self.country, value.country),
        ):
            if edit.text() != text:
                edit.setText(text)

    def value_widget(self) -> QWidget:
        return self.street


__all__ = ["AddressWaysEditor", "TextWaysEditor"]
