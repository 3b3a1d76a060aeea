"""The calendar file, as `afterview export ics` writes it: every open step once, at its due
instant in UTC, with a reminder and a UID that survives re-planning.

Black-box: the records go in with `afterview import json`, the file comes out of
`afterview export ics`, and a second, independent parser (vobject; icalendar wrote it) reads
it back. The expected instants are worked out by hand from tests/data/sample.json and the
playbook table in the README, never asked of the code under test.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview.cli import main
from afterview.store.backup import copy_database
from tests.hypothesis_settings import NO_EXPLAIN, examples

Cli = Callable[..., tuple[int, str, str]]


def utc(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


#: (kind, company, due) of every open step of the sample, with the rule that gives the time.
#: Acme ends Fri 20 Nov 15:00 New York (20:00 UTC); A&B ends Wed 18 Nov 11:15 Stockholm
#: (10:15 UTC), rejected Sat 21 Nov 10:00 there; Sakura ends Tue 24 Nov 17:00 Tokyo
#: (08:00 UTC); Globex ends Tue 10 Nov 10:00 Berlin (09:00 UTC), offer Thu 19 Nov 16:00 there.
SAMPLE_OPEN_STEPS = [
    ("debrief", "Acme", utc(11, 20, 22)),  # end + 2 h
    ("thank_you", "Acme", utc(11, 21, 20)),  # Laura: end + 24 h
    ("thank_you", "Acme", utc(11, 21, 20)),  # Omar: end + 24 h
    ("notify_reference", "Acme", utc(11, 23, 20)),  # Ana: next business day, Monday 15:00
    ("notify_reference", "Acme", utc(11, 23, 20)),  # Ben: the same
    ("contact_referral", "Acme", utc(11, 23, 20)),  # Sam Lee: next business day
    ("follow_up", "Acme", utc(12, 2, 14)),  # 09:00 the day after the expected decision
    ("follow_up", "Acme", utc(12, 9, 14)),  # the second, 7 days after the first is due
    ("debrief", "A&B <Labs>", utc(11, 18, 12, 15)),
    ("thank_you", "A&B <Labs>", utc(11, 19, 10, 15)),  # Zoë
    ("courtesy_note", "A&B <Labs>", utc(11, 23, 9)),  # rejection + 2 days
    # Rejection + 3 months is Sunday 21 February: the next business day (issue 12 §1).
    ("reconnect", "A&B <Labs>", utc(2, 22, 9, year=2027)),
    ("debrief", "Sakura KK", utc(11, 24, 10)),
    ("thank_you", "Sakura KK", utc(11, 25, 8)),  # 张伟, optional in Japan
    ("follow_up", "Sakura KK", utc(12, 4, 0)),  # the agreed date, 09:00 Tokyo
    ("follow_up", "Sakura KK", utc(12, 11, 0)),
    ("debrief", "Globex", utc(11, 10, 11)),
    ("contact_cards", "Globex", utc(11, 10, 11)),  # only a recruiter met: not done by itself
    ("notify_reference", "Globex", utc(11, 11, 9)),  # Ana: next business day, Wednesday
    ("thank_references", "Globex", utc(11, 23, 15)),  # offer + 2 days: Sat 21 -> Mon 23
]
#: The interviews as events: (summary, start in UTC, minutes).
SAMPLE_INTERVIEWS = {
    ("Interview: Backend Engineer at Acme (Onsite)", utc(11, 20, 19), 60),
    ("Interview: Data Engineer at A&B <Labs>", utc(11, 18, 9, 30), 45),
    ("Interview: SRE at Sakura KK", utc(11, 24, 7), 60),
    ("Interview: Platform Engineer at Globex (Final)", utc(11, 10, 8), 60),
}


@pytest.fixture
def loaded(cli: Cli, sample_json: Path) -> Cli:
    status, _out, err = cli("import", "json", str(sample_json))
    assert status == 0, err
    return cli


def _export(cli: Cli, path: Path, *options: str) -> list[Any]:
    """Export and read back with vobject: the calendar's components."""
    status, _out, err = cli("export", "ics", str(path), *options)
    assert status == 0, err
    data = path.read_bytes()
    icalendar.Calendar.from_ical(data)  # the writer's own parser accepts it too
    calendar = vobject.readOne(data.decode("utf-8"))
    return list(calendar.components())


def _kind(component: Any) -> str:
    (categories,) = component.contents["categories"]
    assert categories.value[0] == "Afterview"
    return str(categories.value[1])


def _company(component: Any) -> str:
    return str(component.summary.value).rsplit(" — ", 1)[1]


def _step_id(cli: Cli, kind: str, person: str | None) -> int:
    status, out, err = cli("steps", "--json")
    assert status == 0, err
    (step,) = [s for s in json.loads(out) if s["kind"] == kind and s["person"] == person]
    return int(step["id"])


def _without(steps: list[tuple[str, str, datetime]], *gone: tuple[str, str, datetime]) -> Counter:
    left = Counter(steps)
    left.subtract(gone)
    return left


def test_every_open_step_is_an_event_at_its_due_instant(loaded: Cli, tmp_path: Path) -> None:
    snoozed_until = utc(12, 24, 10, 7)
    laura = _step_id(loaded, "thank_you", "Laura Chen")
    omar = _step_id(loaded, "thank_you", "Omar O'Hara")
    status, _out, err = loaded("step", "snooze", str(laura), "--until", snoozed_until.isoformat())
    assert status == 0, err
    status, _out, err = loaded("step", "done", str(omar))
    assert status == 0, err

    events = _export(loaded, tmp_path / "steps.ics")
    assert {component.name for component in events} == {"VEVENT"}
    got = Counter((_kind(e), _company(e), e.dtstart.value) for e in events)
    expected = _without(
        SAMPLE_OPEN_STEPS,
        ("thank_you", "Acme", utc(11, 21, 20)),  # Omar's: done
        ("thank_you", "Acme", utc(11, 21, 20)),  # Laura's: snoozed ...
    )
    expected[("thank_you", "Acme", snoozed_until)] += 1  # ... to here
    assert got == +expected
    for event in events:
        assert event.dtstart.value.utcoffset() == timedelta(0)  # written in UTC
        assert event.valarm.action.value == "DISPLAY"
        assert event.valarm.trigger.value == timedelta(0)  # the reminder is at the due time
    assert len({e.uid.value for e in events}) == len(events)


def test_tasks_carry_a_due_in_utc(loaded: Cli, tmp_path: Path) -> None:
    todos = _export(loaded, tmp_path / "tasks.ics", "--tasks")
    assert {component.name for component in todos} == {"VTODO"}
    assert Counter((_kind(t), _company(t), t.due.value) for t in todos) == Counter(
        SAMPLE_OPEN_STEPS
    )
    for todo in todos:
        assert todo.due.value.utcoffset() == timedelta(0)
        assert todo.valarm.trigger.params.get("RELATED") == ["END"]  # fires at the DUE


def test_re_exporting_after_a_change_keeps_the_uids_and_moves_the_events(
    cli: Cli, tmp_path: Path, sample_document: dict[str, Any]
) -> None:
    # The file names Acme's referral lead by name only: imported again, it is the same lead.
    document = copy.deepcopy(sample_document)
    (acme,) = [i for i in document["interviews"] if i["key"] == "acme-1"]
    for name, start in (("first.json", "2026-11-20T14:00"), ("moved.json", "2026-11-20T17:00")):
        acme["start"] = start  # then three hours later: the plan moves, the steps stay
        (tmp_path / name).write_text(json.dumps(document), encoding="utf-8")
    status, _out, err = cli("import", "json", str(tmp_path / "first.json"))
    assert status == 0, err
    before = {e.uid.value: e.dtstart.value for e in _export(cli, tmp_path / "a.ics")}
    status, _out, err = cli("import", "json", str(tmp_path / "moved.json"))
    assert status == 0, err
    events = _export(cli, tmp_path / "b.ics")
    after = {e.uid.value: e.dtstart.value for e in events}
    assert after.keys() == before.keys()
    # Acme's rules in hours move with the end; dates agreed or expected (the follow-ups) do
    # not. The references and the referral lead were due at the end's time of day on the
    # next business day, Monday 23 November 15:00 EST; an 18:00 end is after working hours,
    # so now at their start, 09:00 EST (issue 12 §1).
    acme = {e.uid.value: _kind(e) for e in events if _company(e) == "Acme"}
    shifted = {uid for uid, kind in acme.items() if kind in ("debrief", "thank_you")}
    mornings = {
        uid for uid, kind in acme.items() if kind in ("notify_reference", "contact_referral")
    }
    assert len(shifted) == 3 and len(mornings) == 3  # two references, one referral
    for uid, due in after.items():
        if uid in mornings:
            assert (before[uid], due) == (utc(11, 23, 20), utc(11, 23, 14))
        else:
            assert due == before[uid] + (timedelta(hours=3) if uid in shifted else timedelta(0))


@pytest.mark.sqlite_only
def test_a_uid_names_the_step_by_its_keys_and_the_database_by_its_identity(
    loaded: Cli, tmp_path: Path, sample_json: Path
) -> None:
    """Two databases holding the same records (a copy imported elsewhere, a second profile)
    must not overwrite each other's events in one calendar: the identity is in every UID."""
    status, out, err = loaded("export", "json", "-")
    assert status == 0, err
    identity = json.loads(out)["database_id"]
    uids = {e.uid.value for e in _export(loaded, tmp_path / "a.ics")}
    assert f"step-acme-1:thank_you:c=laura.{identity}@afterview" in uids
    assert f"step-globex-2:thank_references:r=ana.{identity}@afterview" in uids

    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "import", "json", str(sample_json)]) == 0
    assert main(["--data-dir", str(other), "export", "ics", str(tmp_path / "b.ics")]) == 0
    theirs = {e.uid.value for e in vobject.readOne((tmp_path / "b.ics").read_text()).vevent_list}
    assert len(theirs) == len(uids) and not theirs & uids


def test_interviews_as_events_when_asked(loaded: Cli, tmp_path: Path) -> None:
    events = _export(loaded, tmp_path / "all.ics", "--interviews")
    interviews = [e for e in events if _kind(e) == "interview"]
    assert {
        (
            e.summary.value,
            e.dtstart.value,
            (e.dtend.value - e.dtstart.value) // timedelta(minutes=1),
        )
        for e in interviews
    } == SAMPLE_INTERVIEWS
    assert len(events) - len(interviews) == len(SAMPLE_OPEN_STEPS)


def _cleaned(text: str) -> str:
    """What iCalendar can carry of a text: line breaks as LF, other control characters gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or (ord(ch) >= 0x20 and ch != "\x7f"))


@pytest.fixture
def imported_file(tmp_path_factory: pytest.TempPathFactory, sample_json: Path) -> Path:
    """A data directory's database with the sample in it, made once for a property."""
    directory = tmp_path_factory.mktemp("imported")
    assert main(["--data-dir", str(directory), "import", "json", str(sample_json)]) == 0
    return directory / "afterview.sqlite3"


COMPANIES = st.text(max_size=80).filter(lambda text: text.strip() and "\x00" not in text)


@settings(
    max_examples=examples(20),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(company=COMPANIES, minutes=st.integers(min_value=-(10**6), max_value=10**7))
def test_any_company_and_snooze_time_survive_both_parsers(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    imported_file: Path,
    sample_document: dict[str, Any],
    company: str,
    minutes: int,
) -> None:
    directory = tmp_path_factory.mktemp("data")
    copy_database(imported_file, directory / "afterview.sqlite3")

    def cli(*args: str) -> tuple[int, str, str]:
        status = main(["--data-dir", str(directory), *args])
        out, err = capsys.readouterr()
        return status, out, err

    renamed = copy.deepcopy(sample_document)
    (acme,) = [i for i in renamed["interviews"] if i["key"] == "acme-1"]
    acme["company"] = company
    (directory / "renamed.json").write_text(json.dumps(renamed), encoding="utf-8")
    status, _out, err = cli("import", "json", str(directory / "renamed.json"))
    assert status == 0, err
    # Far ahead: a snooze moves a step later than now and its due (the CLI runs on the real
    # clock), and this one keeps odd seconds.
    until = (datetime(2099, 11, 22, 12, tzinfo=UTC) + timedelta(minutes=minutes)).replace(
        second=minutes % 60
    )
    debrief = next(
        s["id"]
        for s in json.loads(cli("steps", "--json")[1])
        if s["kind"] == "debrief" and s["interview"]["key"] == "acme-1"
    )
    status, _out, err = cli("step", "snooze", str(debrief), "--until", until.isoformat())
    assert status == 0, err

    events = _export(cli, directory / "p.ics")
    (event,) = [e for e in events if e.dtstart.value == until]
    assert event.summary.value == f"Write the debrief — {_cleaned(company)}"
    parsed = icalendar.Calendar.from_ical((directory / "p.ics").read_bytes())
    summaries = {str(e["SUMMARY"]) for e in parsed.walk("VEVENT")}
    assert f"Write the debrief — {_cleaned(company)}" in summaries
