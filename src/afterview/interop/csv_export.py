"""The interviews (and optionally their steps), or the applications, as CSV for a
spreadsheet.

The applications (issue 17 §1) are a file of their own (``afterview export csv FILE
--applications``): one row per application with its stage and outcome, the columns of
:data:`APPLICATION_COLUMNS`; a spreadsheet reads one table per file.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would be run as a formula by Excel, LibreOffice or Google Sheets
(CSV injection), so it gets a leading single quote. Numeric columns are
written as numbers and never touched: a plain ``-3`` stays ``-3``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from afterview.domain.applications import Application
from afterview.domain.records import Interview
from afterview.domain.steps import is_open, next_step
from afterview.interop.files import write_atomically
from afterview.store.values import StepView

if TYPE_CHECKING:
    from afterview.store.operations import Store

DANGEROUS_LEADS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text cell a spreadsheet will show as text, never evaluate."""
    return "'" + text if text.startswith(DANGEROUS_LEADS) else text


@dataclass(frozen=True)
class Column:
    name: str
    numeric: bool = False


INTERVIEW_COLUMNS = (
    Column("company"),
    Column("position"),
    Column("round"),
    Column("start"),
    Column("time_zone"),
    Column("duration_minutes", numeric=True),
    Column("format"),
    Column("location"),
    Column("country"),
    Column("status"),
    Column("decision_expected"),
    Column("decided_by"),
    Column("people"),
    Column("pending_steps", numeric=True),
    Column("next_step"),
    Column("next_step_due"),
    Column("key"),
)
STEP_COLUMNS = (
    Column("step"),
    Column("step_status"),
    Column("step_due"),
    Column("days_until_due", numeric=True),
    Column("step_person"),
    Column("step_channel"),
    Column("step_optional"),
)

APPLICATION_COLUMNS = (
    Column("company"),
    Column("position"),
    Column("source"),
    Column("applied_on"),
    Column("link"),
    Column("stage"),
    Column("outcome"),
    Column("outcome_detail"),
    Column("rounds", numeric=True),
    Column("key"),
)


def _cell(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.numeric:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"column {column.name} is numeric, got {value!r}")
        return str(value)
    return neutralise(str(value))


def _local(instant: datetime, zone: str) -> str:
    return instant.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def _days(due: datetime, now: datetime) -> int:
    return (due.astimezone(UTC).date() - now.astimezone(UTC).date()).days


def _interview_values(row: Interview, own_steps: Sequence[StepView]) -> dict[str, Any]:
    upcoming = next_step(own_steps)
    people = "; ".join(f"{p.contact.name} ({p.role.value.replace('_', ' ')})" for p in row.people)
    return {
        "company": row.company,
        "position": row.position,
        "round": row.round,
        "start": _local(row.start, row.time_zone),
        "time_zone": row.time_zone,
        "duration_minutes": row.duration_minutes,
        "format": row.format.value,
        "location": row.location,
        "country": row.country,
        "status": row.status.value,
        "decision_expected": row.decision_expected.isoformat() if row.decision_expected else "",
        "decided_by": row.decided_by,
        "people": people,
        "pending_steps": sum(is_open(step.status) for step in own_steps),
        "next_step": upcoming.title if upcoming else "",
        "next_step_due": _local(upcoming.due, row.time_zone) if upcoming else "",
        "key": row.key,
    }


def _step_values(step: StepView, zone: str | None, now: datetime) -> dict[str, Any]:
    due = step.due
    return {
        "step": step.title,
        "step_status": step.status,
        "step_due": _local(due, zone) if zone else due.astimezone(UTC).strftime("%Y-%m-%d %H:%M Z"),
        "days_until_due": _days(due, now),
        "step_person": step.person or "",
        "step_channel": step.channel or "",
        "step_optional": "yes" if step.optional else "no",
    }


def csv_rows(
    interviews: Iterable[Interview],
    steps: Sequence[StepView],
    include_steps: bool = False,
    now: datetime | None = None,
) -> tuple[tuple[Column, ...], list[dict[str, Any]]]:
    """The columns and one dict per row, before neutralising (tests check both sides):
    ``interviews`` by start, each with its ``steps`` (every step, as the store lists them)."""
    now = now or datetime.now(UTC)
    by_interview: dict[int | None, list[StepView]] = {}
    for step in steps:
        by_interview.setdefault(step.interview_id, []).append(step)
    columns = INTERVIEW_COLUMNS + (STEP_COLUMNS if include_steps else ())
    rows: list[dict[str, Any]] = []
    for interview in sorted(interviews, key=lambda i: (i.start, i.id)):
        own = by_interview.get(interview.id, [])
        values = _interview_values(interview, own)
        if not include_steps or not own:
            rows.append(values)
            continue
        for step in own:
            rows.append({**values, **_step_values(step, interview.time_zone, now)})
    if include_steps:
        for step in by_interview.get(None, []):  # "keep searching" belongs to no interview
            rows.append(_step_values(step, None, now))
    return columns, rows


def application_rows(
    applications: Iterable[Application], interviews: Iterable[Interview]
) -> tuple[tuple[Column, ...], list[dict[str, Any]]]:
    """The columns and one dict per application, oldest first (as the store lists them),
    before neutralising: its stage and outcome as stored (afterview.domain.applications
    codes), and how many of ``interviews`` are its rounds. The posting's text is left out
    (a page of text in a cell); its link is kept."""
    rounds: dict[int, int] = {}
    for interview in interviews:
        if interview.application_id is not None:
            rounds[interview.application_id] = rounds.get(interview.application_id, 0) + 1
    rows = [
        {
            "company": application.company,
            "position": application.position,
            "source": application.source,
            "applied_on": application.applied_on.isoformat() if application.applied_on else "",
            "link": application.link,
            "stage": application.stage.value,
            "outcome": application.outcome.value if application.outcome else "",
            "outcome_detail": application.outcome_detail,
            "rounds": rounds.get(application.id, 0),
            "key": application.key,
        }
        for application in applications
    ]
    return APPLICATION_COLUMNS, rows


def csv_text(columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    for row in rows:
        writer.writerow([_cell(column, row.get(column.name)) for column in columns])
    return out.getvalue()


def store_csv(
    store: Store, include_steps: bool = False, now: datetime | None = None
) -> tuple[bytes, int]:
    """The store's interviews (and steps) as CSV bytes, UTF-8 with a BOM so Excel reads the
    accents, and how many rows."""
    columns, rows = csv_rows(store.interviews.each(), store.steps.all(), include_steps, now)
    return ("\ufeff" + csv_text(columns, rows)).encode("utf-8"), len(rows)


def store_applications_csv(store: Store) -> tuple[bytes, int]:
    """The store's applications as CSV bytes (UTF-8 with a BOM, as :func:`store_csv`), and
    how many rows."""
    columns, rows = application_rows(store.applications.items(), store.interviews.each())
    return ("\ufeff" + csv_text(columns, rows)).encode("utf-8"), len(rows)


def export_csv(
    store: Store, path: Path, include_steps: bool = False, *, now: datetime | None = None
) -> int:
    """Write the CSV to ``path``; returns the row count."""
    data, count = store_csv(store, include_steps, now)
    write_atomically(Path(path), data)
    return count
