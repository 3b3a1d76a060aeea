"""The plan, the calendar file and what the window reads show the same instants around every
clock change of 2026-2028 (issue 12 §2), through the real store.

An interview typed in at a local wall time near a change goes in through the store's own
command; the playbook plans it from the record the store reads back; the window's Steps tab
and Today read :class:`StepView` (``store.steps.of_interview``); the calendar file is written
by ``afterview.interop.ics`` and read back with icalendar. The three must name the same
instants, and the interview's event must last its duration exactly.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.playbook import plan_interview
from afterview.interop.ics import calendar_bytes, interview_uid, step_uid
from afterview.store.api import open_store
from afterview.store.errors import RecordError
from tests.hypothesis_settings import examples
from tests.unit.test_dst_property import ZONES, transitions

NOW = datetime(2026, 1, 1, tzinfo=UTC)


@st.composite
def starts(draw: st.DrawFn) -> tuple[str, datetime, int]:
    """A zone, a local wall time (naive, to the minute) near one of its changes, a duration."""
    zone_name = draw(st.sampled_from(ZONES))
    changes = transitions(zone_name) or (datetime(2027, 3, 22, tzinfo=UTC),)
    instant = draw(st.sampled_from(changes)) + timedelta(minutes=draw(st.integers(-180, 180)))
    wall = instant.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)
    # A wall time that is typed, so sometimes one the change skips or repeats.
    wall += timedelta(minutes=draw(st.sampled_from([0, 0, 30, -30, 60])))
    return zone_name, wall, draw(st.integers(15, 24 * 60))


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(starts(), min_size=1, max_size=3))
def test_the_plan_the_calendar_and_the_window_agree(
    typed: list[tuple[str, datetime, int]],
) -> None:
    with (
        tempfile.TemporaryDirectory() as scratch,
        open_store(paths.resolve(Path(scratch)), clock=lambda: NOW) as store,
    ):
        made = []
        for n, (zone_name, wall, minutes) in enumerate(typed):
            values = {
                "company": f"Company {n}",
                "position": "Analyst",
                "start": wall,
                "time_zone": zone_name,
                "duration_minutes": minutes,
                "country": "US",
                "status": "awaiting_decision",
            }
            try:
                made.append(store.interviews.create(values).value)
            except RecordError as refused:
                # A wall time the clocks skip does not exist: refused by name, never moved.
                problem = (refused.field, "does not exist" in refused.problem)
                assert problem == ("start", True)
        settings_now = store.settings.playbook()
        data = calendar_bytes(
            store.steps.open(), store.interviews.each(), identity=store.identity, now=NOW
        )
        events = {
            str(component["UID"]): component
            for component in icalendar.Calendar.from_ical(data).walk("VEVENT")
        }
        for interview_id in made:
            record = store.interviews.get(interview_id)
            planned = {s.key: s.due for s in plan_interview(record, settings_now, {})}
            shown = {s.key: s.due for s in store.steps.of_interview(interview_id)}
            assert shown == planned
            for key, due in shown.items():
                event = events[step_uid(key, store.identity)]
                assert event.decoded("DTSTART") == due
            meeting = events[interview_uid(record.key, store.identity)]
            begins, ends = meeting.decoded("DTSTART"), meeting.decoded("DTEND")
            # Compared in UTC: Python never calls a repeated local time equal to an instant
            # written in another zone.
            assert begins == record.start.astimezone(UTC)
            assert ends - begins == timedelta(minutes=record.duration_minutes)
            assert ends == record.end.astimezone(UTC)
