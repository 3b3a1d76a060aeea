"""Nothing lost in a move: a database exported and imported into an empty data directory
gives the same steps, letters, log and settings (ids aside), through the command line.

Also: afterview/1 files (as release 0.1.0 exported them) still import; what this version
cannot keep yet is refused by name; the database's identity travels with the file; an
import may name records the database already holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview.cli import main
from afterview.store.api import open_store
from afterview.store.values import Profile

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
SAMPLE = Path(__file__).parents[1] / "data" / "sample.json"


def run(data_dir: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> str:
    status = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def _steps(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """``steps --json`` without the ids, by key: steps due at the same instant are listed by
    id, and ids are given afresh by the database imported into."""
    items = json.loads(run(data_dir, "steps", "--json", capsys=capsys))
    return sorted(
        ({k: v for k, v in i.items() if k != "id"} for i in items), key=lambda i: i["key"]
    )


def _paths(data_dir: Path) -> Any:
    from afterview import paths

    return paths.resolve(data_dir)


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["done", "skip", "snooze", "due", "reopen", "letter", "sent", "log", "notify"]
        ),
        st.integers(0, 60),  # which step
        st.integers(-200, 400),  # hours from now
    ),
    max_size=12,
)


def _notify(data_dir: Path, at: datetime) -> None:
    """What the tray does when steps fall due: announce them, once (notified_at)."""
    from afterview.store import reminders
    from afterview.store.plain_database import open_plain

    with open_plain(_paths(data_dir)) as plain, plain.write() as connection:
        reminders.claim_due(connection, at, "UTC")


def _act(data_dir: Path, actions: list[tuple[str, int, int]]) -> None:
    """What a user does: acts on steps, writes and sends letters, logs a reference told; and
    what the tray does: notifies."""
    with open_store(_paths(data_dir), clock=lambda: NOW) as store:
        for action, pick, hours in actions:
            if action == "notify":
                _notify(data_dir, NOW + timedelta(hours=abs(hours)))
                continue
            steps = store.steps.all()
            step = steps[pick % len(steps)]
            when = NOW + timedelta(hours=hours)
            if action == "done":
                store.steps.done(step.id)
            elif action == "skip":
                store.steps.skip(step.id)
            elif action == "reopen":
                store.steps.reopen(step.id)
            elif action == "due":
                store.steps.set_due(step.id, when)
            elif action == "snooze" and step.status in ("pending", "snoozed"):
                # A snooze moves a step later than both now and its due.
                later = max(step.due, NOW) + timedelta(hours=abs(hours), minutes=1)
                store.steps.snooze([step.id], later)
            elif action in ("letter", "sent") and step.interview_id is not None:
                letter = store.letters.save(
                    template="thank_you_email",
                    subject=f"About {step.title}",
                    body="Thank you.",
                    step_id=step.id,
                    interview_id=step.interview_id,
                    contact_id=step.contact_id,
                    reference_id=step.reference_id,
                )
                if action == "sent":
                    store.letters.mark_sent(letter.value, sent_at=when, channel="email")
            elif action == "log":
                reference = store.references.items()[pick % 2]
                store.references.add_notice(
                    reference.id, at=when, channel="phone", note=f"told {pick}", interview_id=None
                )
        store.settings.save_playbook({"follow_up_days": 9, "quiet_hours": ["22:00", "07:30"]})
        store.settings.save_profile(Profile(name="Jordan Doe", selling_points="SQL, calmly."))
        store.letters.set_page_size("a4")
        store.settings.set_autostart_choice(False)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS)
def test_a_move_to_another_computer_keeps_everything(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    actions: list[tuple[str, int, int]],
) -> None:
    home = tmp_path_factory.mktemp("home")
    run(home, "import", "json", str(SAMPLE), capsys=capsys)
    _act(home, actions)
    exported = tmp_path_factory.mktemp("move") / "all.json"
    run(home, "export", "json", str(exported), capsys=capsys)

    laptop = tmp_path_factory.mktemp("laptop")
    run(laptop, "import", "json", str(exported), capsys=capsys)

    assert _steps(laptop, capsys) == _steps(home, capsys)
    first = json.loads(exported.read_text("utf-8"))
    again = json.loads(run(laptop, "export", "json", "-", capsys=capsys))
    # Letters, the log, settings, preferences, profile and the identity: all of it.
    assert again == first
    assert first["profile"]["selling_points"] == "SQL, calmly."
    assert first["preferences"]["letters.page_size"] == "a4"
    assert first["preferences"]["tray.autostart"] is False
    assert first["settings"]["follow_up_days"] == 9


def test_what_the_user_did_comes_back_as_they_left_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same move with the values written out: a done, a snoozed, a skipped and an edited
    step, a sent letter completing its step, and the log."""
    home, laptop = tmp_path / "home", tmp_path / "laptop"
    run(home, "import", "json", str(SAMPLE), capsys=capsys)
    with open_store(_paths(home), clock=lambda: NOW) as store:
        by_title = {(s.interview_key, s.title): s for s in store.steps.all()}
        store.steps.done(by_title[("acme-1", "Write the debrief")].id)
        store.steps.skip(by_title[("acme-1", "Contact referral Sam Lee")].id)
        store.steps.snooze(
            [by_title[("acme-1", "Follow up on your application")].id],
            datetime(2026, 12, 3, 9, tzinfo=UTC),
        )
        store.steps.set_due(
            by_title[("sakura-1", "Write the debrief")].id, datetime(2026, 11, 24, 12, tzinfo=UTC)
        )
        thanks = by_title[("acme-1", "Thank-you note to Laura Chen")]
        letter = store.letters.save(
            template="thank_you_email",
            subject="Thank you",
            body="Dear Laura, thank you.",
            step_id=thanks.id,
            interview_id=thanks.interview_id,
            contact_id=thanks.contact_id,
        ).value
        store.letters.mark_sent(
            letter, sent_at=datetime(2026, 11, 21, 18, tzinfo=UTC), channel="email"
        )
    exported = tmp_path / "all.json"
    run(home, "export", "json", str(exported), capsys=capsys)
    run(laptop, "import", "json", str(exported), capsys=capsys)

    steps = {
        (s["interview"]["key"] if s["interview"] else "", s["title"]): s
        for s in _steps(laptop, capsys)
    }
    assert steps[("acme-1", "Write the debrief")]["status"] == "done"
    assert steps[("acme-1", "Contact referral Sam Lee")]["status"] == "skipped"
    snoozed = steps[("acme-1", "Follow up on your application")]
    assert (snoozed["status"], snoozed["due"]) == ("snoozed", "2026-12-03T09:00:00+00:00")
    assert steps[("sakura-1", "Write the debrief")]["due"] == "2026-11-24T12:00:00+00:00"
    assert steps[("acme-1", "Thank-you note to Laura Chen")]["status"] == "done"
    with open_store(_paths(laptop)) as store:
        (line,) = store.letters.lines()
        assert (line.person, line.subject, line.channel) == ("Laura Chen", "Thank you", "email")
        assert line.sent_at == datetime(2026, 11, 21, 18, tzinfo=UTC)


def test_the_database_identity_travels_into_an_empty_database_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, laptop, busy = tmp_path / "home", tmp_path / "laptop", tmp_path / "busy"
    run(home, "import", "json", str(SAMPLE), capsys=capsys)
    run(busy, "import", "json", str(SAMPLE), capsys=capsys)
    exported = tmp_path / "all.json"
    run(home, "export", "json", str(exported), capsys=capsys)
    run(laptop, "import", "json", str(exported), capsys=capsys)
    run(busy, "import", "json", str(exported), capsys=capsys)
    identity = json.loads(exported.read_text("utf-8"))["database_id"]
    with open_store(_paths(laptop)) as store:
        assert store.identity == identity
    with open_store(_paths(busy)) as store:
        assert store.identity != identity  # it had records of its own: it keeps its name
    # So the calendar file a calendar subscribed to names the same steps after the move.
    ics_home = run(home, "export", "ics", "-", capsys=capsys)
    ics_laptop = run(laptop, "export", "ics", "-", capsys=capsys)
    uids = [line for line in ics_home.splitlines() if line.startswith("UID:")]
    assert uids and uids == [line for line in ics_laptop.splitlines() if line.startswith("UID:")]


def test_an_export_of_release_0_1_0_with_a_profile_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """0.1.0 wrote every settings row, its profile and the tray's choice among them."""
    document = json.loads(SAMPLE.read_text("utf-8"))
    document["settings"].update(
        {
            "profile.name": "Jordan Doe",
            "profile.address": "1 Main St\nSpringfield",
            "tray.autostart": True,
            "letters.page_size": "letter",
        }
    )
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document), "utf-8")
    run(tmp_path / "d", "import", "json", str(old), capsys=capsys)
    with open_store(_paths(tmp_path / "d")) as store:
        # Kept whole as the street of the now structured address (issue 12 §3).
        assert store.settings.profile().address.street == "1 Main St\nSpringfield"
        assert store.settings.autostart_choice() is True
        assert store.letters.page_size() == "letter"


LATER = [
    ("interviews", 0, {"uid": "040000008200E00074C5B7101A82E008@x"}, "uid"),
    (None, None, {"applications": [{"company": "Acme"}]}, "applications"),
]


@pytest.mark.parametrize(("section", "index", "extra", "field"), LATER)
def test_what_only_a_later_version_keeps_is_refused_by_name(
    tmp_path: Path,
    cli: Callable[..., tuple[int, str, str]],
    section: str | None,
    index: int | None,
    extra: dict[str, Any],
    field: str,
) -> None:
    document = {
        "format": "afterview/2",
        "contacts": [{"key": "k", "name": "Kim"}],
        "interviews": [
            {"key": "i", "company": "C", "position": "P", "start": "2026-05-04T10:00",
             "time_zone": "Europe/Paris"}
        ],
    }  # fmt: skip
    target: dict[str, Any] = document if section is None else document[section][index]  # type: ignore[index]
    target.update(extra)
    path = tmp_path / "later.json"
    path.write_text(json.dumps(document), "utf-8")
    status, out, err = cli("import", "json", str(path))
    assert status == 2 and out == ""
    assert f"'{field}'" in err and "later version" in err
    assert cli("steps", "--json")[1].strip() == "[]"


def test_an_import_may_name_records_the_database_already_holds(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    assert cli("import", "json", str(SAMPLE))[0] == 0
    document = {
        "format": "afterview/2",
        "interviews": [
            {"key": "acme-2", "company": "Acme", "position": "Backend Engineer",
             "round": "Final", "start": "2026-12-02T10:00", "time_zone": "America/New_York",
             "people": [{"contact": "laura", "role": "decision_maker"}], "references": ["ana"]}
        ],
    }  # fmt: skip
    path = tmp_path / "second-round.json"
    path.write_text(json.dumps(document), "utf-8")
    status, _out, err = cli("import", "json", str(path))
    assert status == 0, err
    titles = {s["title"] for s in json.loads(cli("steps", "--json")[1]) if s["interview"]
              and s["interview"]["key"] == "acme-2"}  # fmt: skip
    assert "Thank-you note to Laura Chen" in titles
    assert "Tell Ana Ruiz (reference) what to expect" in titles
    document["interviews"][0]["people"] = [{"contact": "nobody", "role": "interviewer"}]
    path.write_text(json.dumps(document), "utf-8")
    status, _out, err = cli("import", "json", str(path))
    assert status == 2
    assert "interview #1 (key 'acme-2'), people #1" in err and "'nobody'" in err
