"""No lost updates (issue 16 §4): a save that was beaten by another computer is refused.

Interviews, contacts, references and debriefs carry a ``version``, raised by one at every
save. An editor remembers the version it read and its save sends it back; the save first
claims the row with ``UPDATE … SET version = version + 1 WHERE id = ? AND version = ?``.
When no row matches, someone saved in between: the save raises :class:`ConflictError`,
inside the transaction, so nothing is changed, and the error carries, field by field, what
the other computer stored ("theirs") against what this save would write ("yours").

Why an explicit check and not SQLAlchemy's ``version_id_col``: the mapper would raise the
version on every flush of the row, and re-planning the steps rewrites the interview's
derived columns (``next_step``, ``next_due``) after any step changes, so marking a step done
on one computer would make every open interview editor elsewhere conflict. Here only the
user's own edits (these operations) raise the version. The claim is one atomic statement,
so it holds without relying on the write lock too (SQLite's ``BEGIN IMMEDIATE``,
PostgreSQL's advisory lock).

A save whose fields all equal what is stored now loses nothing: it is saved, not refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import inspect, select, update
from sqlalchemy.orm import Session

from afterview.store import convert
from afterview.store.application_models import ApplicationRow
from afterview.store.conflicts import ConflictError, Difference, differences
from afterview.store.models import (
    ContactRow,
    DebriefRow,
    InterviewRow,
    ReferenceRow,
)
from afterview.store.values import ContactFields, ReferenceFields


def raise_version(row: Any) -> None:
    """Count an import's change to a stored row as a save: an editor open on it elsewhere
    then sees its next save refused with the differences, instead of writing over what the
    import merged. A row this transaction adds keeps version 1."""
    if row.version is not None and inspect(row).persistent:
        row.version += 1


def _claim(session: Session, model: Any, key: Any, expected: int | None) -> bool:
    """Raise the row's version, if it is ``expected`` (any, when None); False when no row
    matched (changed meanwhile, or gone)."""
    key_column = model.interview_id if model is DebriefRow else model.id
    statement = update(model).where(key_column == key).values(version=model.version + 1)
    if expected is not None:
        statement = statement.where(model.version == expected)
    result = session.execute(statement.execution_options(synchronize_session=False))
    return bool(getattr(result, "rowcount", 0))


def _refuse_or_take(
    session: Session,
    model: Any,
    key: int,
    expected: int | None,
    refusal: Callable[[], ConflictError | None],
) -> None:
    """Claim the row; when another save came first, raise ``refusal()``'s error, unless it
    is None (nothing would be lost): then claim it over theirs."""
    if _claim(session, model, key, expected):
        return
    key_column = model.interview_id if model is DebriefRow else model.id
    if session.scalar(select(model.version).where(key_column == key)) is None:
        return  # gone: the operation itself says so, in its words
    error = refusal()
    if error is not None:
        raise error
    _claim(session, model, key, None)
    session.expire_all()  # the rows read for the comparison hold the old version


def claim_contact(
    session: Session, contact_id: int, fields: ContactFields, expected: int | None
) -> None:
    """Before saving ``fields`` over the card: ConflictError when its version is no longer
    ``expected`` and a field differs (None: no check, the version is raised all the same)."""

    def refusal() -> ConflictError | None:
        row = session.get_one(ContactRow, contact_id)
        stored = ContactFields.of(convert.contact(row))
        found = differences(
            list(ContactFields.__dataclass_fields__),
            lambda n: _contact_value(stored, n),
            lambda n: _contact_value(fields, n),
        )
        return _conflict("contact", contact_id, row.name, row, found)

    _refuse_or_take(session, ContactRow, contact_id, expected, refusal)


_CHOSEN = {"chosen_email": "emails", "chosen_phone": "phones", "chosen_address": "addresses"}


def _contact_value(fields: ContactFields, name: str) -> Any:
    """A field of the card; for the one to use of each kind, that way itself (not its
    position, which means nothing to the user)."""
    value = getattr(fields, name)
    if name.startswith("chosen_") and value is not None:
        kind: tuple[Any, ...] = getattr(fields, _CHOSEN[name])
        return kind[value] if 0 <= value < len(kind) else None
    return value


def claim_reference(
    session: Session, reference_id: int, fields: ReferenceFields, expected: int | None
) -> None:
    """As :func:`claim_contact`, for a reference."""

    def refusal() -> ConflictError | None:
        row = session.get_one(ReferenceRow, reference_id)
        stored = ReferenceFields.of(convert.reference(row))
        found = differences(
            list(ReferenceFields.__dataclass_fields__),
            lambda n: getattr(stored, n),
            lambda n: getattr(fields, n),
        )
        return _conflict("reference", reference_id, row.name, row, found)

    _refuse_or_take(session, ReferenceRow, reference_id, expected, refusal)


def claim_interview(
    session: Session, interview_id: int, changes: Mapping[str, Any], expected: int | None
) -> None:
    """Before an edit of the interview's ``changes`` (the New-interview dialog's names, the
    start as a wall time in the time zone): as :func:`claim_contact`, comparing only the
    fields this edit writes (the others keep the other computer's values either way)."""

    def refusal() -> ConflictError | None:
        row = session.get_one(InterviewRow, interview_id)
        record = convert.interview(row)

        def stored(name: str) -> Any:
            if name == "start":
                return record.start.astimezone(ZoneInfo(record.time_zone)).replace(tzinfo=None)
            return getattr(record, name)

        found = differences(list(changes), stored, lambda n: changes[n])
        words = f"{row.company} — {row.position}"
        return _conflict("interview", interview_id, words, row, found)

    _refuse_or_take(session, InterviewRow, interview_id, expected, refusal)


def claim_application(
    session: Session, application_id: int, changes: Mapping[str, Any], expected: int | None
) -> None:
    """Before an edit or a move of the application (``changes``: the fields it writes, the
    stage, outcome and outcome_detail for a move): as :func:`claim_interview`."""

    def refusal() -> ConflictError | None:
        row = session.get_one(ApplicationRow, application_id)
        found = differences(list(changes), lambda n: getattr(row, n), lambda n: changes[n])
        words = f"{row.company} — {row.position}"
        return _conflict("application", application_id, words, row, found)

    _refuse_or_take(session, ApplicationRow, application_id, expected, refusal)


def claim_debrief(
    session: Session, interview_id: int, fields: Mapping[str, str], expected: int | None
) -> None:
    """Before saving the debrief's ``fields``: as :func:`claim_interview`; ``expected`` 0
    means no debrief was saved when the tab read it."""
    row = session.get(DebriefRow, interview_id)
    if row is None:
        return  # nobody saved one yet: this save makes it, at version 1
    if expected == 0:
        expected = -1  # one was saved meanwhile: never matches

    def refusal() -> ConflictError | None:
        session.refresh(row)
        interview = session.get_one(InterviewRow, interview_id)
        found = differences(list(fields), lambda n: getattr(row, n), lambda n: fields[n])
        words = f"{interview.company} — {interview.position}"
        return _conflict("debrief", interview_id, words, row, found)

    _refuse_or_take(session, DebriefRow, interview_id, expected, refusal)
    session.expire(row, ["version"])


def _conflict(
    kind: str, record_id: int, words: str, row: Any, found: list[Difference]
) -> ConflictError | None:
    return ConflictError(kind, record_id, words, int(row.version), found) if found else None
