"""One structured postal address to type in: street lines, town, region, postal code and
country, with what its country's post would miss shown beside it (a warning, never a
refusal: an address may be known only in part)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from afterview.domain import postal
from afterview.domain.contact_ways import PostalAddress
from afterview.ui import assistive
from afterview.ui.validators import FieldMessage


class PostalAddressForm(QWidget):
    """Edits a :class:`PostalAddress`; ``changed`` after every keystroke."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, accessible: str | None = None) -> None:
        super().__init__(parent)
        if accessible is None:
            accessible = self.tr("Address")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        outer.addLayout(grid)
        self.street = QPlainTextEdit(self)
        self.street.setObjectName("street")
        self.street.setAccessibleName(self.tr("{what}: street").format(what=accessible))
        self.street.setPlaceholderText(self.tr("Street and number (one line each)"))
        self.street.setTabChangesFocus(True)
        self.street.setFixedHeight(self.street.fontMetrics().lineSpacing() * 2 + 14)
        self.street.textChanged.connect(self._edited)
        grid.addWidget(self.street, 0, 0, 1, 4)
        self.locality = self._line("locality", self.tr("Town or city"), accessible)
        self.region = self._line("region", self.tr("State or region"), accessible)
        self.postal_code = self._line("postal_code", self.tr("Postal code"), accessible)
        self.country = self._line("country", self.tr("Country (US, Germany…)"), accessible)
        # Captions beside the fields, not only placeholders: a filled-in field still says
        # what it is.
        for row, column, caption, field in (
            (1, 0, self.tr("Town"), self.locality),
            (1, 2, self.tr("Region"), self.region),
            (2, 0, self.tr("Postal code"), self.postal_code),
            (2, 2, self.tr("Country"), self.country),
        ):
            label = QLabel(caption, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(field)
            grid.addWidget(label, row, column)
            grid.addWidget(field, row, column + 1)
        self.message = FieldMessage(accessible.lower(), self)
        outer.addWidget(self.message)

    def _line(self, name: str, placeholder: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(f"{accessible}: {placeholder.split(' (')[0].lower()}")
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._edited)
        return edit

    def address(self) -> PostalAddress:
        """What is typed, each part trimmed; a country written as a name is kept as its ISO
        code when Afterview knows it."""
        country = self.country.text().strip()
        return PostalAddress(
            street="\n".join(
                line.strip() for line in self.street.toPlainText().splitlines() if line.strip()
            ),
            locality=self.locality.text().strip(),
            region=self.region.text().strip(),
            postal_code=self.postal_code.text().strip(),
            country=(postal.country_code(country) or country) if country else "",
        )

    def set_address(self, address: PostalAddress) -> None:
        for widget, text in (
            (self.locality, address.locality),
            (self.region, address.region),
            (self.postal_code, address.postal_code),
            (self.country, address.country),
        ):
            widget.blockSignals(True)
            widget.setText(text)
            widget.blockSignals(False)
        self.street.blockSignals(True)
        self.street.setPlainText(address.street)
        self.street.blockSignals(False)
        self._show_problems()

    def _edited(self) -> None:
        self._show_problems()
        self.changed.emit()

    def _show_problems(self) -> None:
        found = postal.problems(self.address())
        self.message.show_message(next(iter(found.values()), None), "warning")
        describe_part_problems(self, found)


def describe_part_problems(form: object, found: dict[str, str]) -> None:
    """Give each part of an address form (``street``, ``locality``, ``region``,
    ``postal_code`` and ``country`` attributes) its own problem in ``found`` (from
    :func:`afterview.domain.postal.problems`) as its accessible description, read when
    focus lands on it, since the message beside the form is only seen. A part with no
    problem gets back the help text a form gave it (assistive.describe), if any."""
    for name in ("street", "locality", "region", "postal_code", "country"):
        field = getattr(form, name)
        field.setAccessibleDescription(found.get(name) or assistive.help_text(field))


__all__ = ["PostalAddressForm", "describe_part_problems"]
