"""What the tray asks the store: when to wake next, which steps to notify now, and its settings.

Plain ``sqlite3`` on a :class:`~afterview.store.plain_database.PlainDatabase`
connection, or psycopg on a :class:`~afterview.store.plain_server.PlainServer` (the same
SQL, restated by :func:`afterview.store.plain_reads.to_postgres`), and Qt-free, so the tray
holds no SQLAlchemy (about 45 MiB) all day and the scheduler's decisions are testable without
an event loop. Every query filters on the open statuses and the stored effective ``due`` (kept by
:mod:`afterview.store.derived`), which the ``ix_steps_status_due`` index answers: with a
million finished steps and a hundred open ones the next-due query reads about a hundred rows.

A step is notified at most once per computer: :func:`claim_due` decides (paused? quiet
hours?) and writes this computer's row in ``step_notices`` inside one write transaction
(``BEGIN IMMEDIATE``, or the server's advisory write lock), so two trays of one computer, or
a tray and a crash, never announce the same step twice, while each computer sharing a
server announces it once (a notice by computer ``*`` counts for every computer).
(Done and snooze re-plan, so an ``afterview step`` process does them: the tray's commands.)
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from afterview.domain.calendar import hold_for_quiet_hours
from afterview.domain.settings import TRAY_PAUSED_UNTIL, Settings
from afterview.domain.snooze import morning_after
from afterview.domain.steps import OPEN_STATUSES as OPEN
from afterview.store.computer import EVERY_COMPUTER
from afterview.store.plain_sql import OPEN_STATUSES, format_instant, parse_instant
from afterview.store.setting_values import settings_from_rows

PAUSED_UNTIL = TRAY_PAUSED_UNTIL
#: SQL from constants only, here and below: user text only ever travels as a parameter.
_DUE = "s.due"
_REMINDERS = (
    f"SELECT s.id, s.kind, s.title, s.person, i.company, i.position, {_DUE} AS due, "  # noqa: S608
    "s.rule, s.rule_params "
    "FROM steps AS s LEFT OUTER JOIN interviews AS i ON i.id = s.interview_id "
    f"WHERE s.status IN {OPEN_STATUSES}"
)
_ORDER = " ORDER BY due, s.id"
#: The open statuses one by one (constants from afterview.domain.steps), for next_due.
_OPEN_STATUS_VALUES = tuple(sorted(status.value for status in OPEN))
#: Not yet announced on this computer (the parameter: its id, afterview.store.computer).
_NOT_NOTICED = (
    " AND NOT EXISTS (SELECT 1 FROM step_notices AS n "
    "WHERE n.step_id = s.id AND n.computer IN (?, '*'))"
)


class Connection(Protocol):
    """What the queries use of a DB-API connection: ``sqlite3.Connection``, or the server's
    (:class:`afterview.store.plain_server.PlainServer` restates the SQL for PostgreSQL)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


@dataclass(frozen=True)
class Reminder:
    """One open step, with just what a notification or a menu entry shows."""

    id: int
    kind: str
    title: str
    person: str | None
    company: str | None
    position: str | None
    due: datetime
    #: The playbook rule that planned it and its parameters (JSON text): the tray words the
    #: title in the user's language from these (afterview.ui.rule_words).
    rule: str = ""
    rule_params: str = "{}"


@dataclass(frozen=True)
class Claim:
    """The outcome of one :func:`claim_due`: the steps to announce now, or why not yet."""

    reminders: tuple[Reminder, ...] = ()
    #: Set when notifications are held (paused, quiet hours): when they may resume.
    held_until: datetime | None = None
    #: While held: when the next open step falls due, which changes the badge's count though
    #: it announces nothing (None: no step falls due later).
    count_changes: datetime | None = None


def _reminder(row: tuple[Any, ...]) -> Reminder:
    step_id, kind, title, person, company, position, due, rule, params = row
    return Reminder(
        step_id, kind, title, person, company, position, parse_instant(due), rule, params
    )


def next_due(
    connection: Connection, announced: Collection[int] = (), *, computer: str = EVERY_COMPUTER
) -> datetime | None:
    """The earliest due instant among open steps not yet notified on ``computer``, nor in
    ``announced`` (announced while the notice could not be written); None when there are none.
    ``computer``: this computer's id (:func:`afterview.store.computer.computer_id`); the
    default, every computer, is for a database only ever used on one."""
    # The first of each open status, then the earliest of those: both SQLite and PostgreSQL
    # answer each from the (status, due) index, reading a row or two. PostgreSQL cannot take
    # min(due) over "status IN (...)" from it; it reads every open step instead.
    first = (
        "(SELECT s.due FROM steps AS s WHERE s.status = '{}'"  # noqa: S608
        f"{_NOT_NOTICED}{_not_in(announced, 's.id')} ORDER BY s.due LIMIT 1)"
    )
    firsts = " UNION ALL ".join(
        f"SELECT {first.format(status)} AS due" for status in _OPEN_STATUS_VALUES
    )
    query = f"SELECT min(due) FROM ({firsts}) AS firsts"  # noqa: S608
    parameters = (computer, *announced) * len(_OPEN_STATUS_VALUES)
    (value,) = connection.execute(query, parameters).fetchone()
    return parse_instant(value) if value is not None else None


def next_count_change(connection: Connection, now: datetime) -> datetime | None:
    """The first due instant after ``now`` among open steps, notified or not: when the number
    on the icon next goes up. None when no open step falls due later."""
    query = f"SELECT min(due) FROM steps WHERE status IN {OPEN_STATUSES} AND due > ?"  # noqa: S608
    (value,) = connection.execute(query, (format_instant(now),)).fetchone()
    return parse_instant(value) if value is not None else None


def _not_in(ids: Collection[int], column: str = "id") -> str:
    """`` AND id NOT IN (?, ?)``: ``column`` a constant, the ids parameters."""
    return f" AND {column} NOT IN ({','.join('?' * len(ids))})" if ids else ""


def due_count(connection: Connection, at: datetime) -> int:
    """How many open steps are due at ``at``, notified or not: the number on the icon."""
    query = (
        f"SELECT count(*) FROM steps "  # noqa: S608
        f"WHERE status IN {OPEN_STATUSES} AND due <= ?"
    )
    return int(connection.execute(query, (format_instant(at),)).fetchone()[0])


def due_reminders(connection: Connection, at: datetime, limit: int | None = None) -> list[Reminder]:
    """Open steps due at ``at``, earliest first: what the tray menu lists."""
    query = f"{_REMINDERS} AND {_DUE} <= ?{_ORDER}"
    parameters: tuple[Any, ...] = (format_instant(at),)
    if limit is not None:
        query += " LIMIT ?"
        parameters += (limit,)
    return [_reminder(row) for row in connection.execute(query, parameters)]


def unannounced(connection: Connection, computer: str = EVERY_COMPUTER) -> list[Reminder]:
    """Every open step not yet announced on ``computer``, earliest first: the schedule the
    tray keeps for when the server is away (:mod:`afterview.store.offline_cache`)."""
    query = f"{_REMINDERS}{_NOT_NOTICED}{_ORDER}"
    return [_reminder(row) for row in connection.execute(query, (computer,))]


def reminder(connection: Connection, step_id: int) -> Reminder | None:
    row = connection.execute(f"{_REMINDERS} AND s.id = ?", (step_id,)).fetchone()
    return _reminder(row) if row is not None else None


def load_settings(connection: Connection) -> Settings:
    """The playbook settings (as ``afterview.store.settings.load_settings`` reads them)."""
    return settings_from_rows(connection.execute("SELECT name, value FROM settings"))


def held_until(connection: Connection, now: datetime, zone: str) -> datetime | None:
    """When notifications may resume if they are held at ``now`` (paused or quiet hours)."""
    paused = paused_until(connection, now)
    start = paused if paused is not None else now
    quiet = load_settings(connection).quiet_hours
    resume = hold_for_quiet_hours(start, quiet, zone).astimezone(UTC)
    return resume if resume > now else None


def claim_due(
    connection: Connection,
    now: datetime,
    zone: str,
    *,
    computer: str = EVERY_COMPUTER,
    announced: Collection[int] = (),
    mark: bool = True,
) -> Claim:
    """Decide what to announce at ``now`` and mark it notified, in the caller's transaction.

    Call inside ``db.write()`` (BEGIN IMMEDIATE): the decision and the notice of
    ``computer`` commit together, so a step is announced once per computer even with two
    trays or a crash. ``steps.notified_at`` keeps the first announcement anywhere (the
    window and the export show it).
    While paused or in quiet hours nothing is claimed and ``held_until`` says when to retry.
    ``announced``: steps this process announced while it could not save; they are marked
    now and not announced again. ``mark=False`` decides without writing (a read
    transaction, when the database cannot be written: the caller remembers what it said).
    """
    held = held_until(connection, now, zone)
    if held is not None:
        return Claim(held_until=held, count_changes=next_count_change(connection, now))
    stamp = format_instant(now)
    query = f"{_REMINDERS} AND {_DUE} <= ?{_NOT_NOTICED}{_not_in(announced, 's.id')}{_ORDER}"
    rows = connection.execute(query, (stamp, computer, *announced)).fetchall()
    ids = [row[0] for row in rows] + list(announced)
    if (not rows and not announced) or not mark:
        return Claim(reminders=tuple(_reminder(row) for row in rows))
    for step_id in ids:
        # One statement text whatever the number of steps: a text per count ("IN (?,?,?)")
        # fills the connection's statement cache, each compiled statement held for good
        # (tests/reliability/test_tray_soak.py).
        connection.execute(
            "UPDATE steps SET notified_at = ? WHERE id = ? AND notified_at IS NULL",
            (stamp, step_id),
        )
        # Nothing to do when a notice is there already (announced while it could not be
        # written, then by another tray of this computer): both backends know ON CONFLICT.
        connection.execute(
            "INSERT INTO step_notices (step_id, computer, notified_at) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (step_id, computer, stamp),
        )
    return Claim(reminders=tuple(_reminder(row) for row in rows))


def next_wake(
    connection: Connection,
    now: datetime,
    zone: str,
    announced: Collection[int] = (),
    *,
    computer: str = EVERY_COMPUTER,
) -> datetime | None:
    """When the tray should next try :func:`claim_due` (None: nothing left to announce)."""
    due = next_due(connection, announced, computer=computer)
    if due is None:
        return None
    start = max(due, now)
    paused = paused_until(connection, now)
    if paused is not None:
        start = max(start, paused)
    quiet = load_settings(connection).quiet_hours
    return hold_for_quiet_hours(start, quiet, zone).astimezone(UTC)


# --- the tray's own settings rows --------------------------------------------------------


def _get(connection: Connection, name: str) -> Any:
    row = connection.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0])
    except json.JSONDecodeError:
        return None  # a damaged value means "not set", never a crash at login


def _put(connection: Connection, name: str, value: Any) -> None:
    connection.execute(
        "INSERT INTO settings (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, json.dumps(value)),
    )


def paused_until(connection: Connection, now: datetime) -> datetime | None:
    """The end of a pause still in force at ``now``, else None."""
    format_instant(now)  # refuses a naive ``now``
    value = _get(connection, PAUSED_UNTIL)
    if not isinstance(value, str):
        return None
    try:
        until = datetime.fromisoformat(value)
    except ValueError:
        return None
    if until.tzinfo is None:
        return None
    return until.astimezone(UTC) if until > now else None


def pause_until_morning(connection: Connection, now: datetime, zone: str) -> datetime:
    """Hold notifications until tomorrow morning (the end of the quiet hours, else the
    start of the working day); returns that instant."""
    settings = load_settings(connection)
    start, end = settings.quiet_hours
    morning = end if start != end else settings.workday_start
    until = morning_after(now, zone, morning)
    _put(connection, PAUSED_UNTIL, until.isoformat())
    return until


def resume(connection: Connection) -> None:
    connection.execute("DELETE FROM settings WHERE name = ?", (PAUSED_UNTIL,))
