"""CSV for a spreadsheet: every text cell that a spreadsheet would run as a formula is
neutralised (100 %), and no numeric cell is changed (0 %)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from afterview import paths
from afterview.interop.csv_export import (
    DANGEROUS_LEADS,
    INTERVIEW_COLUMNS,
    STEP_COLUMNS,
    csv_rows,
    csv_text,
    export_csv,
    neutralise,
)
from afterview.store import interchange, steps
from afterview.store.database import Database, open_database
from afterview.store.models import ContactRow, InterviewRow

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


def _read(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the BOM to read UTF-8
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


@pytest.mark.parametrize("lead", DANGEROUS_LEADS)
def test_each_dangerous_lead_is_neutralised(lead: str) -> None:
    assert neutralise(f"{lead}SUM(A1)") == f"'{lead}SUM(A1)"


@pytest.mark.parametrize("text", ["Acme", "1+1", "", " =x", "'quoted", "2026-11-20"])
def test_safe_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_the_interviews_export_with_their_people(db: Database, tmp_path: Path) -> None:
    with db.read() as session:
        assert export_csv(session, tmp_path / "i.csv", now=NOW) == 4
    rows = _read(tmp_path / "i.csv")
    assert list(rows[0]) == [c.name for c in INTERVIEW_COLUMNS]
    acme = next(r for r in rows if r["key"] == "acme-1")
    assert acme["people"] == "Laura Chen (hiring manager); Omar O'Hara (interviewer)"
    assert acme["start"] == "2026-11-20 14:00"  # the wall time where the interview was
    ab = next(r for r in rows if r["key"] == "ablabs-1")
    assert ab["company"] == "A&B <Labs>"  # no HTML escaping in a CSV


def test_with_steps_one_row_per_step_and_negative_days_stay_numbers(
    db: Database, tmp_path: Path
) -> None:
    with db.read() as session:
        count = export_csv(session, tmp_path / "s.csv", include_steps=True, now=NOW)
        all_steps = steps.list_steps(session)
    rows = _read(tmp_path / "s.csv")
    assert count == len(rows) == len(all_steps)
    assert list(rows[0])[-len(STEP_COLUMNS) :] == [c.name for c in STEP_COLUMNS]
    overdue = [r for r in rows if r["days_until_due"].startswith("-")]
    assert overdue, "the sample has overdue steps"
    for row in overdue:
        assert int(row["days_until_due"]) < 0  # a plain negative number, not '-3


_DANGER = st.sampled_from(DANGEROUS_LEADS)
_CELL = st.one_of(st.text(max_size=30), st.tuples(_DANGER, st.text(max_size=30)).map("".join))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(company=_CELL, position=_CELL, name=_CELL, location=_CELL, minutes=st.integers(1, 1440))
def test_formula_cells_100_percent_neutralised_numbers_0_percent_changed(
    db: Database, company: str, position: str, name: str, location: str, minutes: int
) -> None:
    with db.write() as session:
        acme = session.scalars(select(InterviewRow).where(InterviewRow.key == "acme-1")).one()
        acme.company, acme.position, acme.location = company, position or "x", location
        acme.duration_minutes = minutes
        laura = session.scalars(select(ContactRow).where(ContactRow.key == "laura")).one()
        laura.name = name or "x"
        steps.replan(session, NOW)
    with db.read() as session:
        columns, raw_rows = csv_rows(session, include_steps=True, now=NOW)
    text = csv_text(columns, raw_rows)
    written = list(csv.reader(io.StringIO(text, newline="")))
    header, body = written[0], written[1:]
    assert len(body) == len(raw_rows)
    dangerous = neutralised = numbers = numbers_changed = 0
    for raw, cells in zip(raw_rows, body, strict=True):
        for column, cell in zip(columns, cells, strict=True):
            assert header[columns.index(column)] == column.name
            value = raw.get(column.name)
            if column.numeric:
                if value is None:
                    continue
                numbers += 1
                numbers_changed += int(cell) != value
                continue
            original = "" if value is None else str(value)
            if original.startswith(DANGEROUS_LEADS):
                dangerous += 1
                neutralised += cell == "'" + original
            else:
                assert cell == original
            assert not cell.startswith(DANGEROUS_LEADS)
    assert neutralised == dangerous
    assert numbers > 0 and numbers_changed == 0
