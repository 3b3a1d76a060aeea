"""The snooze rule at the store's command and on the command line (issue 12 §4): a snooze until
T needs T later than both now and the step's due; anything else is refused by name with the
CLI's usual message and exit 2, and changes nothing. An import is not refused for old snoozes.

The store's clock is driven (``now``), as the step process's clock is the computer's."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.errors import RecordError
from afterview.store.operations import Store
from tests.hypothesis_settings import NO_EXPLAIN, examples

Cli = Callable[..., tuple[int, str, str]]
NOW = datetime(2026, 11, 30, 18, 7, 43, tzinfo=UTC)
#: "Tomorrow at 11:00", the issue's step.
TOMORROW_11 = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)


def shown(instant: datetime) -> str:
    """An instant as the messages show it: ISO 8601 in the computer's zone, to the minute (or
    the second when it has seconds)."""
    local = instant.astimezone()
    spec = "minutes" if local.second == 0 else "seconds"
    return local.isoformat(sep=" ", timespec=spec)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The store's "now" for every command run in this process; a test moves it."""
    now = [NOW]
    monkeypatch.setattr("afterview.store.operations.core.utcnow", lambda: now[0])
    return now


@pytest.fixture
def loaded(cli: Cli, clock: list[datetime], tmp_path: Path, sample_document: Any) -> Cli:
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(sample_document), encoding="utf-8")
    status, _out, err = cli("import", "json", str(source))
    assert status == 0, err
    return cli


def _json(cli: Cli, *args: str) -> Any:
    status, out, err = cli(*args, "--json")
    assert status == 0, err
    return json.loads(out)


def _steps(cli: Cli) -> dict[int, dict[str, Any]]:
    return {step["id"]: step for step in _json(cli, "steps")}


def _pending(cli: Cli) -> list[dict[str, Any]]:
    return [step for step in _json(cli, "steps") if step["status"] == "pending"]


def _set_due(data_dir: Path, step_id: int, due: datetime) -> None:
    """What the window's "Edit due…" does."""
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        store.steps.set_due(step_id, due)


def _refused(step: dict[str, Any], problem: str) -> str:
    return f"afterview: step {step['id']} ('{step['title']}'): field 'until': {problem}\n"


def _later(due: datetime) -> str:
    return (
        f"a snooze moves a step later, and this one is due {shown(due)}: "
        "snooze it until after that (to make it due earlier, edit its due time)"
    )


def _passed(until: datetime, now: datetime) -> str:
    return f"{shown(until)} has passed (it is {shown(now)}): a snooze ends in the future"


def test_a_step_due_tomorrow_at_11_cannot_be_snoozed_to_9(loaded: Cli, data_dir: Path) -> None:
    step = _pending(loaded)[0]
    _set_due(data_dir, step["id"], TOMORROW_11)
    for until in ("2026-12-01T09:00:00+00:00", "2026-12-01T11:00:00+00:00"):
        status, out, err = loaded("step", "snooze", str(step["id"]), "--until", until)
        assert (status, out) == (2, "")
        assert err == _refused(step, _later(TOMORROW_11))
        after = _steps(loaded)[step["id"]]
        assert (after["status"], after["due"]) == ("pending", "2026-12-01T11:00:00+00:00")
    snoozed = _json(loaded, "step", "snooze", str(step["id"]), "--until", "2026-12-01T11:01Z")
    assert (snoozed["status"], snoozed["due"]) == ("snoozed", "2026-12-01T11:01:00+00:00")
    # Snoozed, its due is the snooze: a second snooze moves it later still, never back.
    status, _out, err = loaded("step", "snooze", str(step["id"]), "--until", "2026-12-01T11:00Z")
    assert status == 2
    assert err == _refused(step, _later(datetime(2026, 12, 1, 11, 1, tzinfo=UTC)))
    # Moving it earlier is editing its due time, which ends the snooze.
    _set_due(data_dir, step["id"], datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
    edited = _steps(loaded)[step["id"]]
    assert (edited["status"], edited["due"]) == ("pending", "2026-12-01T09:30:00+00:00")


def test_a_time_in_the_past_is_refused(loaded: Cli, clock: list[datetime]) -> None:
    overdue = next(s for s in _pending(loaded) if datetime.fromisoformat(s["due"]) < NOW)
    for until in (datetime(2026, 11, 30, 18, 0, tzinfo=UTC), NOW):
        status, out, err = loaded(
            "step", "snooze", str(overdue["id"]), "--until", until.isoformat()
        )
        assert (status, out) == (2, "")
        assert err == _refused(overdue, _passed(until, NOW))
    assert _steps(loaded)[overdue["id"]]["status"] == "pending"
    just_after = (NOW + timedelta(microseconds=1)).isoformat()
    assert _json(loaded, "step", "snooze", str(overdue["id"]), "--until", just_after)["status"] == (
        "snoozed"
    )
    # Time passes: the same instant is now in the past.
    clock[0] = NOW + timedelta(hours=2)
    status, _out, err = loaded("step", "snooze", str(overdue["id"]), "--until", just_after)
    assert status == 2 and "has passed" in err


def test_several_at_once_follow_the_rule_per_step_and_name_the_one_refused(
    loaded: Cli, data_dir: Path
) -> None:
    """`step snooze 5 6` and `step snooze 6` say the same about step 6; nothing is snoozed."""
    first, second, third = _pending(loaded)[:3]
    done = next(s for s in _json(loaded, "steps") if s["status"] == "done")
    _set_due(data_dir, second["id"], TOMORROW_11)
    until = "2026-12-01T09:00Z"  # later than now, earlier than the second's due
    alone = loaded("step", "snooze", str(second["id"]), "--until", until)
    together = loaded("step", "snooze", str(first["id"]), str(second["id"]), "--until", until)
    assert alone == together == (2, "", _refused(second, _later(TOMORROW_11)))
    steps = _steps(loaded)
    assert [steps[s["id"]]["status"] for s in (first, second)] == ["pending", "pending"]
    # The first step refused, in the order given, is the one named.
    ids = [str(third["id"]), str(done["id"]), str(second["id"])]
    status, _out, err = loaded("step", "snooze", *ids, "--until", until)
    assert status == 2 and f"step {done['id']} ('{done['title']}')" in err
    assert "cannot be snoozed" in err
    status, _out, err = loaded("step", "snooze", *reversed(ids), "--until", until)
    assert (status, err) == (2, _refused(second, _later(TOMORROW_11)))
    assert _steps(loaded)[third["id"]]["status"] == "pending"
    # Later than every due: all of them, together.
    later = _json(
        loaded,
        "step",
        "snooze",
        str(first["id"]),
        str(second["id"]),
        "--until",
        "2026-12-02T09:00Z",
    )
    assert [s["due"] for s in later] == ["2026-12-02T09:00:00+00:00"] * 2


def test_the_same_step_named_twice_is_said_as_one(loaded: Cli) -> None:
    step = _pending(loaded)[0]
    until = "2027-01-04T09:00Z"
    status, out, err = loaded("step", "snooze", str(step["id"]), str(step["id"]), "--until", until)
    assert (status, err) == (0, "")
    assert "steps snoozed" not in out and str(step["id"]) in out
    assert _steps(loaded)[step["id"]]["status"] == "snoozed"


def test_an_import_keeps_old_snoozes_that_lie_in_the_past(
    loaded: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rule guards the commands and the editors, not the interchange format."""
    status, out, err = loaded("export", "json", "-")
    assert status == 0, err
    document = json.loads(out)
    step = next(
        s
        for interview in document["interviews"]
        for s in interview["steps"]
        if s["status"] == "pending" and datetime.fromisoformat(s["planned_due"]) > NOW
    )
    step["status"], step["snoozed_until"] = "snoozed", "2020-01-01T09:00:00+00:00"
    source = tmp_path / "old.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    from afterview.cli import main

    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "import", "json", str(source)]) == 0, (
        capsys.readouterr().err
    )
    capsys.readouterr()
    assert main(["--data-dir", str(other), "steps", "--json"]) == 0
    imported = next(s for s in json.loads(capsys.readouterr().out) if s["key"] == step["key"])
    assert (imported["status"], imported["due"]) == ("snoozed", "2020-01-01T09:00:00+00:00")


# --- the store's command, for any now, due and snooze time ------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, list[datetime]]]:
    sample = Path(__file__).parents[1] / "data" / "sample.json"
    now = [NOW]
    folder = tmp_path_factory.mktemp("snooze-store")
    with open_store(paths.resolve(folder), clock=lambda: now[0]) as opened:
        opened.data.import_document(
            interchange.parse_document(json.loads(sample.read_text("utf-8")))
        )
        yield opened, now


minutes = st.integers(-3 * 24 * 60, 3 * 24 * 60)


@settings(
    max_examples=examples(60),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    now_minutes=minutes,
    due_minutes=minutes,
    until_minutes=st.one_of(minutes, st.sampled_from([0])),
    until_from=st.sampled_from(["now", "due"]),
    seconds=st.sampled_from([-1, 0, 1]),
)
def test_the_store_snoozes_exactly_when_the_time_is_later_than_now_and_the_due(
    store: tuple[Store, list[datetime]],
    now_minutes: int,
    due_minutes: int,
    until_minutes: int,
    until_from: str,
    seconds: int,
) -> None:
    opened, clock = store
    step = next(s for s in opened.steps.all() if s.kind == "debrief")
    now = NOW + timedelta(minutes=now_minutes)
    due = NOW + timedelta(minutes=due_minutes)
    until = (now if until_from == "now" else due) + timedelta(
        minutes=until_minutes, seconds=seconds
    )
    clock[0] = now
    opened.steps.reopen(step.id)
    opened.steps.set_due(step.id, due)
    allowed = until > now and until > due
    if allowed:
        snoozed = opened.steps.snooze([step.id], until).value
        assert [(s.status, s.due) for s in snoozed] == [("snoozed", until)]
        return
    with pytest.raises(RecordError) as refused:
        opened.steps.snooze([step.id], until)
    assert (refused.value.record, refused.value.field) == (
        f"step {step.id} ('{step.title}')",
        "until",
    )
    after = opened.steps.get(step.id)
    assert (after.status, after.due) == ("pending", due)
