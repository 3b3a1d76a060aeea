""" "Send anyway?": before a letter leaves (PDF, printer, mail draft) while a check fails.

Asked once per draft: after the user says yes, the same failing checks do not ask again
(new failures of a check that already failed, such as a second typo, do not either); another
check failing, or a new draft (another template or person), asks again.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from afterview.domain.letter_checks import CheckResult, Verdict
from afterview.ui import check_words
from afterview.ui.translation import fill


def _tr(text: str) -> str:
    return QCoreApplication.translate("LetterSendCheck", text)


def check_name(key: str) -> str:
    """A check's name in plain words (a check this module does not know by its key)."""
    names = {
        "names": _tr("Names and titles"),
        "spelling": _tr("Spelling"),
        "strong_candidate": _tr("Why you are a strong candidate"),
        "tone": _tr("Tone"),
        "length": _tr("Length"),
        "placeholders": _tr("Details still to fill in"),
        "address": _tr("Postal address"),
        # The checks helper "letters-text" adds (issue 14).
        "punctuation": _tr("Punctuation"),
        "sentences": _tr("Whole sentences"),
        "capitals": _tr("Capital letters"),
    }
    return names.get(key) or key.replace("_", " ").capitalize()


def failing(results: Iterable[CheckResult]) -> list[CheckResult]:
    return [result for result in results if result.verdict is Verdict.FAIL]


class SendCheck(QObject):
    """Remembers, for one draft, which failing checks the user chose to send with. A child of
    the editor it asks over (no Python reference back to it, so the editor's wrapper dies
    with the editor)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.accepted: frozenset[str] | None = None
        #: The question last shown (for tests and the accessibility tree).
        self.box: QMessageBox | None = None

    def _editor(self) -> QWidget:
        editor = self.parent()
        assert isinstance(editor, QWidget)
        return editor

    def new_draft(self) -> None:
        self.accepted = None

    def allow(self, results: Iterable[CheckResult]) -> bool:
        """True when the letter may go: every check passes, the user already said yes to
        these failing checks, or says yes now."""
        found = failing(results)
        keys = frozenset(result.key for result in found)
        if not keys or keys == self.accepted:
            return True
        lines = "\n".join(
            fill(_tr("• %1: %2"), check_name(r.key), check_words.summary(r)) for r in found
        )
        # Plain text: the summaries quote the letter and the cards (user text).
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _tr("Send anyway?"),
            _tr("These checks fail for this letter:") + "\n\n" + lines,
            parent=self._editor(),
        )
        box.setObjectName("sendAnyway")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(_tr("Send it anyway, or go back and fix it?"))
        send = box.addButton(_tr("Send anyway"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(_tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        self.box = box
        try:
            box.exec()
            if box.clickedButton() is not send:
                return False
        finally:
            self.box = None
            box.deleteLater()
        self.accepted = keys
        return True


__all__ = ["SendCheck", "check_name", "failing"]
