"""The user's own details, as Settings ▸ Profile and the first run ask for them.

Each field says what it expects, with an example (a placeholder, and a help line under the
ones whose form matters). Email and phone are checked as on a contact card; the address is
the structured one of :class:`PostalAddressForm`. Everything typed is plain text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from afterview.domain import cards
from afterview.domain.sentences import selling_points_need_rewrite
from afterview.store.values import Profile
from afterview.ui import assistive
from afterview.ui.form_access import describe, field_message, show_message
from afterview.ui.postal_address_form import PostalAddressForm
from afterview.ui.widgets import quiet


class ProfileForm(QWidget):
    """Name, email, phone and address; with ``letters``, the signature and selling points too;
    with ``require_name``, a name must be given (said beside the field).

    ``region`` gives the phone region to read national numbers in (the home country's).
    ``changed`` after every edit.
    """

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        region: Callable[[], str | None] = lambda: None,
        letters: bool = True,
        require_name: bool = False,
    ) -> None:
        super().__init__(parent)
        self.region = region
        self.require_name = require_name
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.name = QLineEdit(self)
        self.name.setObjectName("profileName")
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.setPlaceholderText(self.tr("e.g. Sam Rivera"))
        self.name_message = field_message("your name", self)
        self.email = QLineEdit(self)
        self.email.setObjectName("profileEmail")
        self.email.setAccessibleName(self.tr("Your email"))
        self.email.setPlaceholderText(self.tr("e.g. sam.rivera@example.org"))
        self.email_message = field_message("your email", self)
        self.phone = QLineEdit(self)
        self.phone.setObjectName("profilePhone")
        self.phone.setAccessibleName(self.tr("Your phone"))
        self.phone.setPlaceholderText(self.tr("e.g. +1 212 555 0142"))
        self.phone_message = field_message("your phone", self)
        self.address = PostalAddressForm(self, self.tr("Your address"))
        self._row(
            self.tr("&Name"),
            self._beside(self.name, self.name_message),
            self.name,
            self.tr("Your full name, as your letters end with it."),
        )
        self._row(self.tr("&Email"), self._beside(self.email, self.email_message), self.email)
        self._row(self.tr("P&hone"), self._beside(self.phone, self.phone_message), self.phone)
        self._row(
            self.tr("&Address"),
            self.address,
            self.address.street,
            self.tr("Printed at the top of a letter you post."),
        )
        self.signature: QPlainTextEdit | None = None
        self.selling_points: QPlainTextEdit | None = None
        self.selling_points_message = field_message("selling points", self)
        if letters:
            self.signature = self._text(
                "signature",
                self.tr("Your signature"),
                self.tr("e.g. Sam Rivera\n+1 212 555 0142"),
                2,
            )
            self._row(
                self.tr("Si&gnature"),
                self.signature,
                self.signature,
                self.tr("The lines under “Kind regards,”. Left empty, your name."),
            )
            self.selling_points = self._text(
                "selling_points",
                self.tr("Your selling points"),
                self.tr(
                    "e.g. I have five years of SQL and Power BI. I built a churn dashboard "
                    "that cut churn by 8%."
                ),
                3,
            )
            points = QWidget(self)
            column = QVBoxLayout(points)
            column.setContentsMargins(0, 0, 0, 0)
            self.selling_points.setParent(points)
            self.selling_points_message.setParent(points)
            column.addWidget(self.selling_points)
            column.addWidget(self.selling_points_message)
            self._row(
                self.tr("Se&lling points"),
                points,
                self.selling_points,
                self.tr(
                    "One or two sentences in your own words, e.g. “I have five years of SQL "
                    "and Power BI. I built a churn dashboard that cut churn by 8%.” Your "
                    "letters use them as you write them."
                ),
            )
            self.selling_points.textChanged.connect(self._edited)
            self.signature.textChanged.connect(self.changed)
        self.name.textChanged.connect(self._edited)
        self.email.textChanged.connect(self._edited)
        self.phone.textChanged.connect(self._edited)
        self.phone.editingFinished.connect(self._format_phone)
        self.address.changed.connect(self.changed)
        self._name_touched = False
        self.name.editingFinished.connect(self._name_left)

    # -- building ------------------------------------------------------------------------

    def _text(self, name: str, accessible: str, placeholder: str, lines: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        return edit

    def _row(self, caption: str, field: QWidget, focus: QWidget, help_text: str = "") -> None:
        label = QLabel(caption, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(focus)
        if not help_text:
            self.form.addRow(label, field)
            return
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        field.setParent(box)
        column.addWidget(field)
        hint = QLabel(help_text, box)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        quiet(hint)
        hint.setObjectName(f"{focus.objectName()}Help")
        column.addWidget(hint)
        describe(focus, help_text)  # read with the field, and back after an error
        self.form.addRow(label, box)

    @staticmethod
    def _beside(edit: QWidget, message: QWidget) -> QWidget:
        """A field with its message to the right of it, as on the contact card."""
        box = QWidget(edit.parentWidget())
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        edit.setParent(box)
        message.setParent(box)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row.addWidget(edit, 3, Qt.AlignmentFlag.AlignTop)
        row.addWidget(message, 2, Qt.AlignmentFlag.AlignTop)
        return box

    # -- values --------------------------------------------------------------------------

    def set_profile(self, profile: Profile) -> None:
        self.name.setText(profile.name)
        self.email.setText(profile.email)
        self.phone.setText(profile.phone)
        self.address.set_address(profile.address)
        if self.signature is not None and self.selling_points is not None:
            self.signature.setPlainText(profile.signature)
            self.selling_points.setPlainText(profile.selling_points)
        self._name_touched = False
        self.check()

    def profile(self, base: Profile | None = None) -> Profile:
        """What is typed, trimmed, over ``base`` (the fields this form does not show)."""
        base = base or Profile()
        return Profile(
            name=self.name.text().strip(),
            address=self.address.address(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            signature=self.signature.toPlainText() if self.signature else base.signature,
            selling_points=(
                self.selling_points.toPlainText() if self.selling_points else base.selling_points
            ),
        )

    def checked_profile(self, base: Profile | None = None) -> Profile:
        """:meth:`profile` with the email and phone in their checked form (the phone in
        international format)."""
        profile = self.profile(base)
        email = cards.check_email(profile.email)
        phone = cards.check_phone(profile.phone, self.region())
        return Profile(**{**vars(profile), "email": email.value, "phone": phone.value})

    # -- checking ------------------------------------------------------------------------

    def check(self, *, saving: bool = False) -> bool:
        """Show what is wrong beside each field; True when it can be saved. A missing name
        (when one is required) is said only once the user left the field or tried to save
        (``saving``)."""
        email = cards.check_email(self.email.text())
        show_message(self.email, self.email_message, email.problem)
        phone = cards.check_phone(self.phone.text(), self.region())
        show_message(self.phone, self.phone_message, phone.problem)
        if saving:
            self._name_touched = True
        named = bool(self.name.text().strip()) or not self.require_name
        show_message(
            self.name,
            self.name_message,
            None if named or not self._name_touched else self.tr("A name is required"),
        )
        if self.selling_points is not None:
            rewrite = selling_points_need_rewrite(self.selling_points.toPlainText())
            show_message(
                self.selling_points,
                self.selling_points_message,
                self.tr(
                    "Write this as one or two whole sentences, starting with a capital and "
                    "ending with a full stop: your letters use it as written."
                )
                if rewrite
                else None,
                "warning",
            )
        return email.ok and phone.ok and named

    def first_invalid(self) -> QWidget | None:
        """The first field :meth:`check` marked in error (where focus goes on a refused save)."""
        for field in (self.name, self.email, self.phone):
            if assistive.is_invalid(field):
                return field
        return None

    def _edited(self) -> None:
        self.check()
        self.changed.emit()

    def _name_left(self) -> None:
        self._name_touched = True
        self.check()

    def _format_phone(self) -> None:
        checked = cards.check_phone(self.phone.text(), self.region())
        if checked.ok and checked.value != self.phone.text():
            self.phone.setText(checked.value)


__all__ = ["ProfileForm"]
