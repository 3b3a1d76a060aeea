"""What contact cards and references share in the store: the name/email/phone checks, and
the bookkeeping that lets Undo put a deleted person back with their steps and letters.

Both kinds of record are a person with a name, an email address and a phone number; each
keeps its own fields, links and log, and calls these pieces for the parts that are the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain import cards
from afterview.store import steps
from afterview.store.errors import RecordError
from afterview.store.models import Base, LetterRow, StepRow

_Row = TypeVar("_Row", bound=Base)


def record_label(kind: str, name: str, record_id: int | None = None) -> str:
    """How an error names the record: by name, else by id, else as a new one."""
    if name.strip():
        return f"{kind} '{name.strip()}'"
    return f"{kind} {record_id}" if record_id is not None else f"new {kind}"


def check_person(
    record: str, name: str, email: str, phone: str, region: str | None
) -> tuple[str, str, str]:
    """The name, email and phone as they will be stored; RecordError naming the field if not."""
    if not name.strip():
        raise RecordError(record, "name", "a name is required")
    checked_email = cards.check_email(email)
    if checked_email.problem:
        raise RecordError(record, "email", checked_email.problem)
    checked_phone = cards.check_phone(phone, region)
    if checked_phone.problem:
        raise RecordError(record, "phone", checked_phone.problem)
    return name.strip(), checked_email.value, checked_phone.value


def replan_interviews(session: Session, interview_ids: Iterable[int], now: datetime) -> None:
    ids = sorted(set(interview_ids))
    if ids:
        steps.replan(session, now, ids)


def columns(row: Any) -> dict[str, Any]:
    """A row's column values, for putting it back exactly after an undo."""
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs}


def restore_row(
    session: Session, model: type[_Row], saved: dict[str, Any], record: str, what: str
) -> tuple[_Row, bool]:
    """Insert a deleted row again from its saved columns, under its old id if that is still
    free; returns the row and whether it got its old id back. RecordError if a row with the
    same key exists again (the record came back some other way)."""
    values = dict(saved)
    table: Any = model  # both person tables have an id and a unique key
    if session.scalar(select(table.id).where(table.key == values["key"])) is not None:
        raise RecordError(record, "key", f"the {what} exists again; nothing to undo")
    same_id = session.get(model, values["id"]) is None
    if not same_id:
        values.pop("id")
    row = model(**values)
    session.add(row)
    session.flush()
    return row, same_id


def _exists(session: Session, model: Any, row_id: int | None) -> bool:
    return row_id is None or session.get(model, row_id) is not None


def restore_steps(
    session: Session, saved: Iterable[dict[str, Any]], others: Mapping[str, Any]
) -> None:
    """Put back the saved steps whose other records (``others``: step column -> model) still
    exist and whose id and key nobody has taken since."""
    for step in saved:
        keep = (
            all(_exists(session, model, step[column]) for column, model in others.items())
            and session.get(StepRow, step["id"]) is None
            and session.scalar(select(StepRow.id).where(StepRow.key == step["key"])) is None
        )
        if keep:
            session.add(StepRow(**step))


def reattach_letters(session: Session, letter_ids: Iterable[int], column: str, row_id: int) -> None:
    """Point the letters that were about a deleted person (``column`` of LetterRow) at the
    restored row, unless they have been given to someone else since."""
    for letter_id in letter_ids:
        letter = session.get(LetterRow, letter_id)
        if letter is not None and getattr(letter, column) is None:
            setattr(letter, column, row_id)


__all__ = [
    "check_person",
    "columns",
    "reattach_letters",
    "record_label",
    "replan_interviews",
    "restore_row",
    "restore_steps",
]
