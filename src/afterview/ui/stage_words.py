"""Applications' stages and outcomes in the user's language (issue 17 §2, §3): the board's
column titles and the close dialog's choices."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from afterview.domain.applications import Outcome, Stage

_CONTEXT = "StageWords"

#: Each stage as a column title, in the board's order.
STAGE_LABELS = {
    Stage.APPLIED: QT_TRANSLATE_NOOP("StageWords", "Applied"),
    Stage.INTERVIEWING: QT_TRANSLATE_NOOP("StageWords", "Interviewing"),
    Stage.AWAITING_DECISION: QT_TRANSLATE_NOOP("StageWords", "Awaiting decision"),
    Stage.OFFER: QT_TRANSLATE_NOOP("StageWords", "Offer"),
    Stage.CLOSED: QT_TRANSLATE_NOOP("StageWords", "Closed"),
}
#: Each outcome as the close dialog offers it, in the issue's order.
OUTCOME_LABELS = {
    Outcome.REJECTED: QT_TRANSLATE_NOOP("StageWords", "Rejected"),
    Outcome.WITHDREW: QT_TRANSLATE_NOOP("StageWords", "I withdrew"),
    Outcome.OFFER_ACCEPTED: QT_TRANSLATE_NOOP("StageWords", "Offer accepted"),
    Outcome.OFFER_DECLINED: QT_TRANSLATE_NOOP("StageWords", "Offer declined"),
    Outcome.POSITION_CLOSED: QT_TRANSLATE_NOOP("StageWords", "Position closed"),
    Outcome.CANCELLED: QT_TRANSLATE_NOOP("StageWords", "Cancelled by the employer"),
    Outcome.NO_RESPONSE: QT_TRANSLATE_NOOP("StageWords", "No response"),
}


def stage_label(stage: Stage) -> str:
    return QCoreApplication.translate(_CONTEXT, str(STAGE_LABELS[stage]))


def outcome_label(outcome: Outcome) -> str:
    return QCoreApplication.translate(_CONTEXT, str(OUTCOME_LABELS[outcome]))


def outcome_text(outcome: Outcome, detail: str) -> str:
    """An outcome with its detail, as a card says it: "Rejected after Onsite", "I withdrew:
    relocation"; the bare label when there is no detail."""
    if not detail:
        return outcome_label(outcome)
    if outcome is Outcome.REJECTED:
        return QCoreApplication.translate(_CONTEXT, "Rejected after {0}").format(detail)
    return QCoreApplication.translate(_CONTEXT, "{0}: {1}").format(outcome_label(outcome), detail)


__all__ = ["OUTCOME_LABELS", "STAGE_LABELS", "outcome_label", "outcome_text", "stage_label"]
