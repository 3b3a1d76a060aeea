"""Who you are, asked when the window first opens; and, once, selling points to rewrite.

``app.py`` asks for the window it shows (afterview.ui.first_run.ask_when_loaded); tests that
build a ``MainWindow`` themselves are never asked (they call :func:`ask_who_you_are` to be).

- First run (no interviews yet, and no name in the profile): :class:`FirstRunDialog` asks
  for the name letters are signed with, and optionally email, phone and postal address,
  checked as Settings ▸ Profile checks them. Skipping is allowed; letters then keep failing
  their "[your name]" check until a name is saved (Settings ▸ Profile).
- Selling points kept as an old-style phrase ("eight years of data pipelines"):
  :class:`RewriteSellingPointsDialog` shows them once to rewrite as whole sentences; "once"
  is remembered in the data (SettingsOps.mark_notice_shown), whatever the user answers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.sentences import selling_points_need_rewrite
from afterview.domain.settings import SELLING_POINTS_REWRITE_NOTICE
from afterview.store.values import Profile
from afterview.ui import assistive
from afterview.ui.form_access import field_message, show_message
from afterview.ui.profile_form import ProfileForm
from afterview.ui.widgets import plain_label

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess
    from afterview.ui.main_window import MainWindow


class FirstRunDialog(QDialog):
    """Your name (required to save), email, phone and address (optional)."""

    def __init__(self, data: DataAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.setObjectName("firstRun")
        self.setWindowTitle(self.tr("About you"))
        self._profile = data.store.settings.profile()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 12)
        intro = plain_label(
            self.tr(
                "Afterview signs your letters with your name. Email, phone and address are "
                "optional: they go on the letters that need them. You can change all of this "
                "later in Settings ▸ Profile."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        region = data.store.settings.home_region()
        self.form = ProfileForm(self, region=lambda: region, letters=False, require_name=True)
        self.form.set_profile(self._profile)
        layout.addWidget(self.form)
        self.error = field_message("about you", self)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.skip_button = self.buttons.addButton(
            self.tr("Skip for now"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.skip_button.setToolTip(
            self.tr("Your letters will say [your name] until you add it in Settings ▸ Profile.")
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.form.name.setFocus()

    def save(self) -> bool:
        """Save what is typed; False (and why, beside the field) when it cannot be."""
        if not self.form.check(saving=True):
            wrong = self.form.first_invalid()  # its error is tied to it and was announced
            if wrong is not None:
                wrong.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        profile = self.form.checked_profile(self._profile)
        attempt = self.data.attempt(lambda: self.data.store.settings.save_profile(profile))
        if attempt.value is None:
            text = str(attempt.error) if attempt.error else ""
            self.error.show_message(text or None, "error")
            assistive.announce(self.error, text, assertive=True)  # no one field to tie it to
            return False
        self.accept()
        return True


class RewriteSellingPointsDialog(QDialog):
    """The selling points as kept, to rewrite as one or two sentences."""

    def __init__(self, data: DataAccess, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self._profile = profile
        self.setObjectName("rewriteSellingPoints")
        self.setWindowTitle(self.tr("Your selling points"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 12)
        intro = plain_label(
            self.tr(
                "Your letters now use your selling points as whole sentences. Yours read as "
                "a phrase; please write them as one or two sentences in your own words, e.g. "
                "“I have five years of SQL and Power BI. I built a churn dashboard that cut "
                "churn by 8%.” Until then your letters start them with a capital and end "
                "them with a full stop."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("selling_points")
        self.text.setAccessibleName(self.tr("Your selling points"))
        self.text.setTabChangesFocus(True)
        self.text.setPlainText(profile.selling_points)  # plain text: the user's own words
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 14)
        layout.addWidget(self.text)
        self.message = field_message("selling points", self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = self.buttons.addButton(
            self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.setToolTip(self.tr("You can rewrite them in Settings ▸ Profile."))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._check)
        self.resize(560, self.sizeHint().height())
        self._check()

    def _check(self) -> None:
        phrase = selling_points_need_rewrite(self.text.toPlainText())
        show_message(
            self.text,
            self.message,
            self.tr("Start with a capital and end with a full stop.") if phrase else None,
            "warning",
        )

    def save(self) -> bool:
        profile = replace(self._profile, selling_points=self.text.toPlainText().strip())
        attempt = self.data.attempt(lambda: self.data.store.settings.save_profile(profile))
        if attempt.value is None:
            show_message(self.text, self.message, str(attempt.error) if attempt.error else None)
            self.text.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self.accept()
        return True


def ask_who_you_are(window: MainWindow) -> QDialog | None:
    """Open (not modal, not waiting) what the loaded window should ask; None when nothing:
    the data is read-only, the user named themselves, or the notice was shown."""
    workspace = window.workspace
    if workspace is None or workspace.data.read_only is not None:
        return None
    data = workspace.data
    settings = data.store.settings
    profile = settings.profile()
    dialog: QDialog
    if not profile.name.strip() and workspace.is_empty():
        dialog = FirstRunDialog(data, window)
    elif selling_points_need_rewrite(profile.selling_points) and not settings.notice_shown(
        SELLING_POINTS_REWRITE_NOTICE
    ):
        dialog = RewriteSellingPointsDialog(data, profile, window)
        data.write(lambda: settings.mark_notice_shown(SELLING_POINTS_REWRITE_NOTICE))
    else:
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Not modal: it stays in front of the window it belongs to, but never blocks closing
    # that window (a window-modal dialog makes the window ignore its close button).
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.show()
    return dialog


__all__ = [
    "FirstRunDialog",
    "RewriteSellingPointsDialog",
    "ask_who_you_are",
]
