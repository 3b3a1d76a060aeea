"""One search on several computers, the tray's side (issue 16 §3, §5): each computer's tray
announces a step once (notices per computer), a step that moves is announced again by
all, NOTIFY reaches a listener of the same schema only, and a tray whose server is away
keeps reminding from its offline schedule and says so once."""

from __future__ import annotations

import json
import os
import select
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select as sql_select

from afterview import paths
from afterview.paths import Paths
from afterview.store import offline_cache, steps
from afterview.store.api import open_store
from afterview.store.computer import FILE_NAME, computer_id
from afterview.store.database import Database, open_database
from afterview.store.faults import Fault, UnavailableError
from afterview.store.models import InterviewRow, StepNoticeRow, StepRow
from afterview.store.reminder_store import ReminderStore, open_reminders
from afterview.store.server_changes import ChangeListener, channel, notify

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
ZONE = "UTC"


def computer(data_dir: Path, name: str) -> Paths:
    """One computer: the shared data (the same file, or the same server database) seen
    with a config directory, and so a computer id, of its own."""
    base = paths.resolve(data_dir)
    return Paths(data_dir=data_dir, config_dir=data_dir.parent / f"config-{name}",
                 backup_dir=base.backup_dir)  # fmt: skip


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        session.add(InterviewRow(key="acme", company="Acme", position="Engineer",
                                 start=NOW - timedelta(days=2), time_zone="UTC"))  # fmt: skip
    yield database
    database.close()


def add(db: Database, key: str, due: datetime) -> int:
    with db.write() as session:
        interview = session.scalars(sql_select(InterviewRow)).one()
        row = StepRow(key=key, kind="thank_you", title=f"Thank-you note to {key}", person=key,
                      status="pending", planned_due=due, interview_id=interview.id)  # fmt: skip
        session.add(row)
        session.flush()
        return row.id


def announced(store: ReminderStore, at: datetime) -> list[int]:
    return [step.id for step in store.plan(at, ZONE).claim.reminders]


def test_the_computer_id_is_random_private_and_kept(tmp_path: Path) -> None:
    where = computer(tmp_path / "data", "a")
    first = computer_id(where)
    assert len(first) == 32 and int(first, 16) >= 0
    assert computer_id(where) == first
    assert stat.S_IMODE((where.config_dir / FILE_NAME).stat().st_mode) == 0o600
    assert computer_id(computer(tmp_path / "data", "b")) != first
    (where.config_dir / FILE_NAME).write_text("not an id\n")
    assert computer_id(where) not in (first, "not an id")
    # A config "directory" that cannot be written (here: a file in its place): an id for now.
    (tmp_path / "config-c").write_text("")
    unsaved = computer_id(computer(tmp_path / "data", "c"))
    assert len(unsaved) == 32 and unsaved != computer_id(computer(tmp_path / "data", "c"))


def test_each_computer_announces_a_step_once(data_dir: Path, db: Database) -> None:
    step = add(db, "ann", NOW - timedelta(minutes=5))
    later = add(db, "bob", NOW + timedelta(hours=1))
    with open_reminders(computer(data_dir, "a")) as a, open_reminders(computer(data_dir, "b")) as b:
        assert a.computer != b.computer
        assert announced(a, NOW) == [step]
        assert announced(a, NOW) == []  # once on this computer ...
        assert announced(b, NOW) == [step]  # ... and once on the other, not silenced by a
        assert announced(b, NOW) == []
        at = NOW + timedelta(hours=2)
        assert announced(b, at) == [later]
        assert announced(a, at) == [later]
        assert announced(a, at) == announced(b, at) == []
    with db.read() as session:
        notices = session.scalars(sql_select(StepNoticeRow)).all()
    assert sorted((n.step_id, n.computer == a.computer) for n in notices) == [
        (step, False), (step, True), (later, False), (later, True)]  # fmt: skip


def test_a_snoozed_step_is_announced_again_by_every_computer(data_dir: Path, db: Database) -> None:
    with db.write() as session:  # the playbook's steps: a snooze re-plans, keeping only those
        steps.replan(session, NOW)
        step = session.scalars(sql_select(StepRow.id).where(StepRow.key == "acme:debrief")).one()
    with open_reminders(computer(data_dir, "a")) as a, open_reminders(computer(data_dir, "b")) as b:
        assert step in announced(a, NOW)
        assert step in announced(b, NOW)
        with db.write() as session:
            steps.snooze(session, [step], NOW + timedelta(hours=1), NOW)
        assert step not in announced(a, NOW + timedelta(minutes=30))
        back = NOW + timedelta(hours=1, minutes=1)
        assert step in announced(a, back)
        assert step in announced(b, back)
        assert step not in announced(b, back + timedelta(minutes=1))


def test_a_notice_from_before_computers_counts_for_every_computer(
    data_dir: Path, db: Database
) -> None:
    step = add(db, "ann", NOW - timedelta(minutes=5))
    with db.write() as session:
        session.add(StepNoticeRow(step_id=step, computer="*", notified_at=NOW))
    with open_reminders(computer(data_dir, "a")) as a:
        assert announced(a, NOW) == []


# --- NOTIFY and LISTEN (the server only) -----------------------------------------------------


@pytest.fixture
def pg_database(pg_cluster: Any, tmp_path: Path) -> Iterator[str]:
    name = f"sync_{os.getpid()}_{abs(hash(tmp_path)) % 10**8}"
    pg_cluster.create_database(name)
    try:
        yield pg_cluster.uri(name)
    finally:
        pg_cluster.drop_database(name)


def on_server(tmp_path: Path, uri: str, name: str) -> Paths:
    base = paths.resolve(tmp_path / "data", database=uri)
    return Paths(data_dir=base.data_dir, config_dir=tmp_path / f"config-{name}",
                 backup_dir=base.backup_dir, database_target=uri)  # fmt: skip


def wait_for_messages(listener: ChangeListener, count: int) -> list[dict[str, Any]]:
    """Messages as they arrive: select() on the socket, as the QSocketNotifier does."""
    found: list[dict[str, Any]] = []
    while len(found) < count:
        readable, _, _ = select.select([listener.fileno()], [], [], 10.0)
        assert readable, f"only {found} after 10 s"
        found += listener.drain()
    return found


def test_a_write_reaches_the_listeners_of_its_schema(tmp_path: Path, pg_database: str) -> None:
    here, there = on_server(tmp_path, pg_database, "a"), on_server(tmp_path, pg_database, "b")
    open_database(here).close()
    from afterview.store.server_choice import server_for

    server = server_for(there)
    assert server is not None
    listener = ChangeListener(server, computer_id(there))
    own = ChangeListener(server, computer_id(here))  # this process, as the writer
    listener.connect()
    own.connect()
    try:
        with open_store(here, clock=lambda: NOW) as store:
            values = {"company": "Acme", "position": "Engineer", "time_zone": "UTC"}
            store.interviews.create({**values, "start": datetime(2026, 12, 1, 10, 0)})
        (message,) = wait_for_messages(listener, 1)
        assert message["type"] == "changed"
        assert "interviews" in message["kinds"]
        assert message["computer"] == computer_id(here) and message["pid"] == os.getpid()
        assert message["schema"] == "public"
        assert own.drain() == []  # its own write: already reloaded
        # Another schema's channel (another job seeker) is not this one's.
        assert channel("public") != channel("ann")
    finally:
        listener.close()
        own.close()


def test_a_dropped_listener_says_so(tmp_path: Path, pg_database: str, pg_cluster: Any) -> None:
    where = on_server(tmp_path, pg_database, "a")
    open_database(where).close()
    from afterview.store.server_choice import server_for

    server = server_for(where)
    assert server is not None
    listener = ChangeListener(server, "x" * 32)
    listener.connect()
    pg_cluster.down()
    try:
        lost: UnavailableError | None = None
        # The server's goodbye, then the end of the stream: each wakes the socket.
        for _ in range(5):
            assert select.select([listener.fileno()], [], [], 10.0)[0]
            try:
                assert listener.drain() == []
            except UnavailableError as error:
                lost = error
                break
        assert lost is not None and lost.fault is Fault.OFFLINE
        assert not listener.connected
    finally:
        pg_cluster.up()
    listener.connect()
    with server.connect(autocommit=True) as connection:
        notify(connection, ["steps"], "y" * 32)
    assert wait_for_messages(listener, 1)[0]["kinds"] == ["steps"]
    listener.close()


def test_offline_the_tray_reminds_from_its_last_schedule_and_says_so_once(
    tmp_path: Path, pg_database: str, pg_cluster: Any
) -> None:
    where = on_server(tmp_path, pg_database, "a")
    with open_database(where) as db:
        with db.write() as session:
            session.add(InterviewRow(key="acme", company="Acme", position="Engineer",
                                     start=NOW - timedelta(days=2), time_zone="UTC"))  # fmt: skip
        first = add(db, "ann", NOW - timedelta(minutes=5))
        second = add(db, "bob", NOW + timedelta(hours=1))
    told: list[UnavailableError | None] = []
    with open_reminders(where) as store:
        store.on_offline = told.append
        assert announced(store, NOW) == [first]
        cache = offline_cache.cache_path(where.data_dir)
        assert stat.S_IMODE(cache.stat().st_mode) == 0o600
        kept = json.loads(cache.read_text())["steps"]
        assert [set(step) for step in kept] == [set(offline_cache.FIELDS)]
        assert [(step["id"], step["title"]) for step in kept] == [(second, "Thank-you note to bob")]
        pg_cluster.down()
        try:
            plan = store.plan(NOW + timedelta(minutes=30), ZONE)
            assert plan.offline is not None and plan.claim.reminders == ()
            assert plan.upcoming == NOW + timedelta(hours=1)
            at = NOW + timedelta(hours=1, minutes=1)
            assert announced(store, at) == [second]
            assert announced(store, at) == []  # once, offline too
            assert [step.id for step in store.due(at)] == [second]
            assert [fault.fault for fault in told if fault] == [Fault.OFFLINE]  # said once
        finally:
            pg_cluster.up()
        assert announced(store, NOW + timedelta(hours=2)) == []  # back: noted, not said again
        assert told[-1] is None
    with open_database(where) as db, db.read() as session:
        notices = {n.step_id for n in session.scalars(sql_select(StepNoticeRow))}
    assert notices == {first, second}


def test_the_export_carries_the_notices_of_the_computer_that_exports(
    data_dir: Path, db: Database
) -> None:
    with db.write() as session:
        steps.replan(session, NOW)
        step = session.scalars(sql_select(StepRow.id).where(StepRow.key == "acme:debrief")).one()
    laptop, desktop = computer(data_dir, "laptop"), computer(data_dir, "desktop")
    with open_reminders(laptop) as tray:
        assert step in announced(tray, NOW)

    def notified(where: Paths) -> str | None:
        with open_store(where, clock=lambda: NOW) as store:
            document = store.data.export_document()
        (interview,) = document["interviews"]
        (found,) = [item for item in interview["steps"] if item["key"] == "acme:debrief"]
        return found.get("notified_at")

    assert notified(laptop) == "2026-11-23T14:00:00+00:00"
    assert notified(desktop) is None  # the desktop's tray has not announced it yet


def test_the_offline_notice_names_the_server_and_says_reminders_go_on() -> None:
    from afterview.notify import message

    told = message.offline("postgresql://ann@db.example.org/afterview")
    assert told.summary == "Afterview cannot reach the database server"
    assert told.body == (
        "postgresql://ann@db.example.org/afterview cannot be reached. "
        "Reminders go on from the schedule last read."
    )
    assert told.step_ids == ()
