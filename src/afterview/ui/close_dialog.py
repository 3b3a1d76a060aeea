"""Closing an application with its outcome, in the user's words (issue 17 §3): rejected
(after which round), withdrew (why), offer accepted, offer declined, position closed,
cancelled by the employer, no response."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.applications import DETAILED, Outcome, Stage
from afterview.domain.records import Status
from afterview.store.application_values import MAX_NAME
from afterview.store.board_values import Card
from afterview.ui.form_access import buddy_label
from afterview.ui.stage_words import outcome_label
from afterview.ui.widgets import ask, plain_label

#: The outcomes that say an offer was made.
OFFERS = frozenset({Outcome.OFFER_ACCEPTED, Outcome.OFFER_DECLINED})


class CloseDialog(QDialog):
    """Asks how ``card``'s application ended; :meth:`values` once accepted."""

    def __init__(self, card: Card, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName("closeDialog")
        self.setWindowTitle(self.tr("Close the application"))
        self.setAccessibleName(self.tr("Close the application"))
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr("How did it end at {0} ({1})?").format(card.company, card.position),
            self,
            "closeIntro",
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.buttons: dict[Outcome, QRadioButton] = {}
        for outcome in Outcome:
            button = QRadioButton(outcome_label(outcome), self)
            button.setObjectName(f"outcome_{outcome.value}")
            self.group.addButton(button)
            self.buttons[outcome] = button
            layout.addWidget(button)
        form = QFormLayout()
        self.after_round = QComboBox(self)
        self.after_round.setObjectName("afterRound")
        self.after_round.setEditable(True)
        self.after_round.setAccessibleName(self.tr("After which round"))
        names = [r.round.strip() for r in card.rounds if r.round.strip()]
        for name in dict.fromkeys(reversed(names)):  # the latest first, each name once
            self.after_round.addItem(name)
        line = self.after_round.lineEdit()
        if line is not None:
            line.setMaxLength(MAX_NAME)
        self.why = QLineEdit(self)
        self.why.setObjectName("withdrewWhy")
        self.why.setAccessibleName(self.tr("Why I withdrew"))
        self.why.setMaxLength(MAX_NAME)
        form.addRow(
            buddy_label(self.tr("After which &round:"), self.after_round, self), self.after_round
        )
        form.addRow(buddy_label(self.tr("&Why:"), self.why, self), self.why)
        layout.addLayout(form)
        self.box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Close application"))
        self.ok.setAccessibleName(self.tr("Close application"))
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout.addWidget(self.box)
        self.group.buttonToggled.connect(lambda *_: self._update())
        self._preselect(card)
        self._update()

    def _preselect(self, card: Card) -> None:
        """What the latest round already says, chosen for the user (they may change it)."""
        latest = card.latest_round
        said = {
            "rejected": Outcome.REJECTED,
            "withdrawn": Outcome.WITHDREW,
            "no_response": Outcome.NO_RESPONSE,
        }.get(latest.status.value if latest else "")
        if said is not None:
            self.buttons[said].setChecked(True)

    def accept(self) -> None:
        """An offer accepted or declined where the records know of no offer asks first, as a
        move the latest round contradicts does (issue 17 §2; the Insight funnel would count
        it as an offer)."""
        outcome = self.chosen()
        card = self.card
        offer_seen = card.stage is Stage.OFFER or any(r.status is Status.OFFER for r in card.rounds)
        if outcome in OFFERS and not offer_seen:
            assert outcome is not None
            if not ask(
                self,
                self.tr("Close as {0}?").format(outcome_label(outcome)),
                self.tr(
                    "No round of {0} ({1}) has an offer recorded. Close it as “{2}” all the "
                    "same? It then counts as an offer on the Insight page."
                ).format(card.company, card.position, outcome_label(outcome)),
            ):
                return
        super().accept()

    def chosen(self) -> Outcome | None:
        for outcome, button in self.buttons.items():
            if button.isChecked():
                return outcome
        return None

    def _update(self) -> None:
        outcome = self.chosen()
        self.ok.setEnabled(outcome is not None)
        self.after_round.setEnabled(outcome is Outcome.REJECTED)
        self.why.setEnabled(outcome is Outcome.WITHDREW)

    def values(self) -> tuple[Outcome, str]:
        """The outcome chosen and its detail (after which round, why; "" for the others).
        ValueError when none is chosen (the OK button is off then)."""
        outcome = self.chosen()
        if outcome is None:
            raise ValueError("no outcome chosen")
        if outcome not in DETAILED:
            return outcome, ""
        field = self.after_round.currentText() if outcome is Outcome.REJECTED else self.why.text()
        return outcome, field.strip()


__all__ = ["CloseDialog"]
