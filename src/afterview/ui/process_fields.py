"""The Process tab's fields: their labels and choices, marked for translation."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: The form's labels by the store's field names (translated where shown).
FIELD_LABELS = {
    "company": QT_TRANSLATE_NOOP("ProcessTab", "Company"),
    "position": QT_TRANSLATE_NOOP("ProcessTab", "Position"),
    "round": QT_TRANSLATE_NOOP("ProcessTab", "Round"),
    "start": QT_TRANSLATE_NOOP("ProcessTab", "Date and time"),
    "time_zone": QT_TRANSLATE_NOOP("ProcessTab", "Time zone"),
    "duration_minutes": QT_TRANSLATE_NOOP("ProcessTab", "Duration"),
    "format": QT_TRANSLATE_NOOP("ProcessTab", "Format"),
    "location": QT_TRANSLATE_NOOP("ProcessTab", "Location"),
    "country": QT_TRANSLATE_NOOP("ProcessTab", "Country"),
    "region": QT_TRANSLATE_NOOP("ProcessTab", "Region"),
    "status": QT_TRANSLATE_NOOP("ProcessTab", "Status"),
    "decision_expected": QT_TRANSLATE_NOOP("ProcessTab", "Decision expected"),
    "decided_by": QT_TRANSLATE_NOOP("ProcessTab", "Who decides"),
    "employer_will_contact": QT_TRANSLATE_NOOP("ProcessTab", "Will they contact you"),
    "agreed_follow_up": QT_TRANSLATE_NOOP("ProcessTab", "Agreed follow-up"),
}
FORMATS = {
    "in_person": QT_TRANSLATE_NOOP("ProcessTab", "In person"),
    "video": QT_TRANSLATE_NOOP("ProcessTab", "Video call"),
    "phone": QT_TRANSLATE_NOOP("ProcessTab", "Phone"),
    "lunch": QT_TRANSLATE_NOOP("ProcessTab", "Lunch"),
}
CONTACT_CHOICES: tuple[tuple[str, bool | None], ...] = (
    (QT_TRANSLATE_NOOP("ProcessTab", "Not known"), None),
    (QT_TRANSLATE_NOOP("ProcessTab", "Yes, they will contact me"), True),
    (QT_TRANSLATE_NOOP("ProcessTab", "No, I should follow up"), False),
)
#: The statuses a decision brings, offered when the decision date has passed.
DECIDED = ("offer", "next_round", "rejected", "no_response")


def label_of(field: str) -> str:
    """A field's label in the user's language."""
    return QCoreApplication.translate("ProcessTab", FIELD_LABELS.get(field, field))


__all__ = ["CONTACT_CHOICES", "DECIDED", "FIELD_LABELS", "FORMATS", "label_of"]
