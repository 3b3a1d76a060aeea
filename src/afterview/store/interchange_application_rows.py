"""Applications of an interchange file written into the store, and exported from it
(the format: :mod:`afterview.store.interchange_applications`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.store.application_models import ApplicationEventRow, ApplicationRow
from afterview.store.errors import RecordError
from afterview.store.interchange_applications import ParsedApplication
from afterview.store.models import InterviewRow, StepRow


def write_applications(session: Session, parsed: list[ParsedApplication]) -> dict[str, int]:
    """Insert or update the file's applications by key, and add the history entries the
    database does not have yet (by key: importing twice adds each once). Returns every key
    named by the file mapped to its id."""
    wanted = [item.key for item in parsed]
    rows = {
        row.key: row
        for row in session.scalars(select(ApplicationRow).where(ApplicationRow.key.in_(wanted)))
    }
    for item in parsed:
        row = rows.get(item.key)
        if row is None:
            row = rows[item.key] = ApplicationRow(key=item.key)
            session.add(row)
        else:
            # An import is a save: an editor open on the application elsewhere is told.
            row.version += 1
        for name, value in item.values.items():
            setattr(row, name, value)
    session.flush()
    keys = [event["key"] for item in parsed for event in item.history]
    have = set(
        session.scalars(select(ApplicationEventRow.key).where(ApplicationEventRow.key.in_(keys)))
    )
    for item in parsed:
        for event in item.history:
            if event["key"] not in have:
                session.add(ApplicationEventRow(application_id=rows[item.key].id, **event))
    session.flush()
    return {key: row.id for key, row in rows.items()}


def application_ids(session: Session, keys: set[str], record: str) -> dict[str, int]:
    """Ids of the applications named by key (the file's, or stored ones); RecordError for a
    key neither has."""
    found = dict(
        session.execute(
            select(ApplicationRow.key, ApplicationRow.id).where(ApplicationRow.key.in_(keys))
        ).all()
    )
    for key in sorted(keys - found.keys()):
        raise RecordError(record, "application", f"no application has the key {key!r}")
    return {str(k): int(v) for k, v in found.items()}


def export_applications(session: Session) -> list[dict[str, Any]]:
    """Every application with its history, by key; empty fields left out."""
    out = []
    query = select(ApplicationRow).order_by(ApplicationRow.key)
    for row in session.scalars(query):
        history = [
            _drop_empty(
                {
                    "key": event.key,
                    "at": event.at.isoformat(),
                    "stage": event.stage,
                    "outcome": event.outcome,
                    "outcome_detail": event.outcome_detail,
                    "cause": event.cause,
                }
            )
            for event in row.events
        ]
        out.append(
            _drop_empty(
                {
                    "key": row.key,
                    "company": row.company,
                    "position": row.position,
                    "source": row.source,
                    "applied_on": row.applied_on.isoformat() if row.applied_on else None,
                    "link": row.link,
                    "posting": row.posting,
                    "sample": row.sample or None,
                    "stage": row.stage,
                    "outcome": row.outcome,
                    "outcome_detail": row.outcome_detail,
                    "history": history,
                }
            )
        )
    return out


def add_applications(session: Session, document: dict[str, Any]) -> None:
    """Put the applications into an exported ``document``: the top-level list, and the key of
    its application on each interview and on each application's step."""
    document["applications"] = export_applications(session)
    for records, model in ((document["interviews"], InterviewRow), (document["steps"], StepRow)):
        owner = dict(
            session.execute(
                select(model.key, ApplicationRow.key).join(
                    ApplicationRow, ApplicationRow.id == model.application_id
                )
            ).all()
        )
        for record in records:
            if record.get("key") in owner:
                record["application"] = owner[record["key"]]


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in ("", None, [], {})}


__all__ = ["add_applications", "application_ids", "export_applications", "write_applications"]
