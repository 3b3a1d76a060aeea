"""The Today page's queries in plain SQL: the open steps, grouped by the calendar
(:mod:`afterview.domain.today_groups`), and when the next one falls due.

Read the same way before the rest of the store has loaded (so Today, when it is the page
the user left open, paints before SQLAlchemy is imported) and after. The due instant is
the stored effective due (kept by :mod:`afterview.store.derived`), read through the
``(status, due)`` index; only the rows shown are read whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from pathlib import Path
from typing import Any

from afterview.domain.today_groups import MONDAY, Group, day_edges
from afterview.store.plain_reads import Reader, Snapshots, snapshots_of
from afterview.store.plain_sql import OPEN_STATUSES, format_instant, instant_text, parse_instant

# Today's values live here, not in afterview.store.values: the window imports this module
# before its first paint when Today comes first, and the values module holds many more.


@dataclass(frozen=True)
class TodayItem:
    step_id: int
    title: str
    reason: str
    person: str | None
    optional: bool
    due: datetime  # aware UTC
    status: str
    interview_id: int | None
    company: str
    position: str
    kind: str = ""
    #: The interview's IANA zone (None: a step of no interview).
    time_zone: str | None = None
    #: Part of the sample data (the page marks it).
    sample: bool = False
    #: The playbook rule that planned it and its parameters (JSON text), for the words
    #: in the user's language (afterview.ui.rule_words.words).
    rule: str = ""
    rule_params: str = "{}"


#: The Today page shows this many steps per group; the rest are counted, not loaded.
TODAY_LIMIT = 50


def _edges(now_local: datetime, first_weekday: int) -> list[tuple[Group, str]]:
    """Each day group after Today with the stored instant it begins at (local midnight of
    its first day; a midnight that daylight saving skips reads as the first instant after)."""
    edges = day_edges(now_local.date(), first_weekday)
    zone = now_local.tzinfo
    days = (
        (Group.TOMORROW, edges.tomorrow),
        (Group.THIS_WEEK, edges.this_week),
        (Group.NEXT_WEEK, edges.next_week),
        (Group.LATER, edges.later),
    )
    return [(group, format_instant(datetime.combine(day, time(), zone))) for group, day in days]


@dataclass
class TodayGroups:
    items: dict[Group, list[TodayItem]]
    totals: dict[Group, int]

    def __getitem__(self, group: Group) -> list[TodayItem]:
        return self.items[group]

    def values(self) -> Any:
        return self.items.values()

    def get(self, group: Group, default: list[TodayItem]) -> list[TodayItem]:
        return self.items.get(group, default)

    @property
    def total(self) -> int:
        return sum(self.totals.values())


#: SQL from constants only: user text only ever travels as a parameter.
_CANDIDATES = (
    f"SELECT id, due FROM steps WHERE status IN {OPEN_STATUSES} AND due < ? "  # noqa: S608
    "ORDER BY due, id"
)
# Later has no end: its first steps are read, the rest only counted.
_LATER = (
    f"SELECT id FROM steps WHERE status IN {OPEN_STATUSES} AND due >= ? "  # noqa: S608
    "ORDER BY due, id LIMIT ?"
)
_LATER_COUNT = f"SELECT count(*) FROM steps WHERE status IN {OPEN_STATUSES} AND due >= ?"  # noqa: S608
_ITEMS = (
    "SELECT s.id, s.title, s.reason, s.person, s.optional, s.due, s.status, s.interview_id, "
    "coalesce(i.company, a.company), coalesce(i.position, a.position), s.kind, i.time_zone, "
    "coalesce(i.sample, a.sample, FALSE), s.rule, s.rule_params "
    "FROM steps AS s "
    "LEFT OUTER JOIN interviews AS i ON i.id = s.interview_id "
    # An application's own follow-up (issue 17 §1) names its application, as a round's step
    # names its interview.
    "LEFT OUTER JOIN applications AS a ON a.id = s.application_id WHERE s.id IN ({})"
)


def today_groups(
    connection: Reader,
    now: datetime,
    zone: tzinfo | None = None,
    limit: int = TODAY_LIMIT,
    first_weekday: int = MONDAY,
) -> TodayGroups:
    """Open steps grouped for a person living in ``zone`` (the computer's local zone when
    None): the groups' days are that zone's dates.

    Overdue: due at or before ``now`` (aware). Today: due after now until local midnight.
    Tomorrow, This week (to the week's last day), Next week and Later follow the calendar of
    a week that starts on ``first_weekday`` (ISO: Monday = 1 … Sunday = 7), as
    :func:`afterview.domain.today_groups.day_edges` sets them. Each group holds at most
    ``limit`` steps, the most urgent first (by due, then id:
    afterview.domain.steps.step_order); ``totals`` counts them all. ValueError for a bad
    ``first_weekday``.
    """
    local_now = now.astimezone(zone) if zone is not None else now.astimezone()
    edges = _edges(local_now, first_weekday)
    stamp_now = format_instant(now)
    ids: dict[Group, list[int]] = {group: [] for group in Group}
    # Stored instants are fixed-width UTC text: text order is time order.
    later_stamp = edges[-1][1]
    for step_id, stored in connection.execute(_CANDIDATES, (later_stamp,)):
        due = instant_text(stored)
        if due <= stamp_now:
            group = Group.OVERDUE
        else:
            group = Group.TODAY
            for after, begins in edges:
                if due >= begins:
                    group = after
        ids[group].append(step_id)
    ids[Group.LATER] = [row[0] for row in connection.execute(_LATER, (later_stamp, limit))]
    totals = {group: len(found) for group, found in ids.items()}
    (totals[Group.LATER],) = connection.execute(_LATER_COUNT, (later_stamp,)).fetchone()
    shown = [step_id for found in ids.values() for step_id in found[:limit]]
    rows: dict[int, TodayItem] = {}
    for first in range(0, len(shown), 500):
        batch = shown[first : first + 500]
        query = _ITEMS.format(",".join("?" * len(batch)))
        for row in connection.execute(query, batch):
            step_id, title, reason, person, optional, due, status, interview_id = row[:8]
            company, position, kind, interview_zone, sample, rule, rule_params = row[8:]
            rows[step_id] = TodayItem(
                step_id=step_id,
                title=title,
                reason=reason,
                person=person,
                optional=bool(optional),
                due=parse_instant(due),
                status=status,
                interview_id=interview_id,
                company=company or "",
                position=position or "",
                kind=kind,
                time_zone=interview_zone,
                sample=bool(sample),
                rule=rule,
                rule_params=rule_params,
            )
    items = {
        group: [rows[step_id] for step_id in found[:limit] if step_id in rows]
        for group, found in ids.items()
    }
    return TodayGroups(items, totals)


def next_due_after(connection: Reader, now: datetime) -> datetime | None:
    """When the earliest open step after ``now`` falls due (for a calm "nothing due" page)."""
    query = f"SELECT min(due) FROM steps WHERE status IN {OPEN_STATUSES} AND due > ?"  # noqa: S608
    (value,) = connection.execute(query, (format_instant(now),)).fetchone()
    return parse_instant(value) if value is not None else None


class TodaySource:
    """Today's reads on the SQLite file at a path, or on a server
    (:mod:`afterview.store.plain_reads`), one snapshot each."""

    def __init__(self, source: Path | Snapshots) -> None:
        self.snapshots = snapshots_of(source)

    def groups(
        self,
        now: datetime,
        zone: tzinfo | None = None,
        limit: int = TODAY_LIMIT,
        first_weekday: int = MONDAY,
    ) -> TodayGroups:
        with self.snapshots.snapshot() as connection:
            return today_groups(connection, now, zone, limit, first_weekday)

    def next_due_after(self, now: datetime) -> datetime | None:
        with self.snapshots.snapshot() as connection:
            return next_due_after(connection, now)


__all__ = [
    "TODAY_LIMIT",
    "Group",
    "TodayGroups",
    "TodayItem",
    "TodaySource",
    "next_due_after",
    "today_groups",
]
