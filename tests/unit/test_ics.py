"""The calendar file: every pending step once, at its due instant in UTC, with a stable UID and
an alarm, read back by a second, independent parser (vobject reads what icalendar wrote)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from afterview import paths
from afterview.interop.ics import export_ics, pending_steps, step_uid
from afterview.store import interchange, steps
from afterview.store.database import Database, open_database
from afterview.store.models import InterviewRow, StepRow

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


def _expected(db: Database) -> dict[str, datetime]:
    with db.read() as session:
        return {row.key: steps.step_due(row) for row in pending_steps(session)}


def _export(db: Database, path: Path, **options: Any) -> bytes:
    with db.read() as session:
        export_ics(session, path, now=NOW, **options)
    return path.read_bytes()


def _vobject_items(data: bytes, name: str) -> list[Any]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return list(getattr(calendar, f"{name}_list", []))


def test_every_pending_step_is_an_event_at_its_due_instant_read_by_vobject(
    db: Database, tmp_path: Path
) -> None:
    with db.write() as session:  # a snoozed step is still to do, at its new time
        first = pending_steps(session)[0]
        steps.snooze(session, first.id, NOW + timedelta(days=2, minutes=7), NOW)
        done = pending_steps(session)[1]
        steps.mark_done(session, done.id, NOW)
        done_key = done.key
    expected = _expected(db)
    assert len(expected) > 5 and done_key not in expected
    events = _vobject_items(_export(db, tmp_path / "steps.ics"), "vevent")
    assert len(events) == len(expected)
    seen = {}
    for event in events:
        start = event.dtstart.value
        assert start.utcoffset() == timedelta(0)  # written in UTC
        uid = event.uid.value
        seen[uid] = start
        assert event.valarm.action.value == "DISPLAY"
        assert event.summary.value.strip()
    identity = next(iter(seen)).rsplit(".", 1)[1].split("@")[0]
    assert seen == {step_uid(key, identity): due for key, due in expected.items()}


def test_tasks_carry_a_due_in_utc(db: Database, tmp_path: Path) -> None:
    expected = _expected(db)
    todos = _vobject_items(_export(db, tmp_path / "tasks.ics", tasks=True), "vtodo")
    assert sorted(t.due.value for t in todos) == sorted(expected.values())
    assert all(t.due.value.utcoffset() == timedelta(0) for t in todos)
    alarm = todos[0].valarm
    assert alarm.trigger.params.get("RELATED") == ["END"]  # fires at the DUE


def test_re_exporting_keeps_the_uids_so_calendars_update(db: Database, tmp_path: Path) -> None:
    def uids(data: bytes) -> set[str]:
        calendar = icalendar.Calendar.from_ical(data)
        return {str(c["UID"]) for c in calendar.walk("VEVENT")}

    before = uids(_export(db, tmp_path / "a.ics"))
    with db.write() as session:
        acme = session.scalars(select(InterviewRow).where(InterviewRow.key == "acme-1")).one()
        acme.start = acme.start + timedelta(hours=3)  # moves the plan, not the step keys
        steps.replan(session, NOW)
    after = uids(_export(db, tmp_path / "b.ics"))
    assert before == after


def test_interviews_as_events_when_asked(db: Database, tmp_path: Path) -> None:
    data = _export(db, tmp_path / "all.ics", include_interviews=True)
    events = _vobject_items(data, "vevent")
    interviews = [e for e in events if e.uid.value.startswith("interview-")]
    with db.read() as session:
        rows = {row.key: row for row in session.scalars(select(InterviewRow))}
    assert len(interviews) == len(rows)
    for event in interviews:
        key = event.uid.value.removeprefix("interview-").split(".")[0]
        row = rows[key]
        assert event.dtstart.value == row.start
        assert event.dtend.value - event.dtstart.value == timedelta(minutes=row.duration_minutes)
    ab = next(e for e in interviews if "A&B" in e.summary.value)
    assert ab.summary.value == "Interview: Data Engineer at A&B <Labs>"  # plain text, kept as is


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(max_size=200),
    minutes=st.integers(min_value=-(10**6), max_value=10**7),
)
def test_any_title_and_due_survive_both_parsers(
    db: Database, tmp_path: Path, title: str, minutes: int
) -> None:
    due = NOW + timedelta(minutes=minutes, seconds=minutes % 60)
    with db.write() as session:
        row = session.scalars(select(StepRow).where(StepRow.status == "pending")).first()
        assert row is not None
        row.title, row.due_override, row.reason = title, due, title
        key = row.key
    data = _export(db, tmp_path / "p.ics")
    events = {e.uid.value: e for e in _vobject_items(data, "vevent")}
    (event,) = [e for uid, e in events.items() if uid.startswith(f"step-{key}.")]
    assert event.dtstart.value == due
    cleaned = "".join(
        ch
        for ch in title.replace("\r\n", "\n").replace("\r", "\n")
        if ch in "\n\t" or (ord(ch) >= 0x20 and ch != "\x7f")
    )
    assert event.summary.value.startswith(cleaned)
    assert icalendar.Calendar.from_ical(data).walk("VEVENT")
