"""Read-only queries the main window needs, kept Qt-free and cheap at 100,000 interviews.

The interview list never loads whole rows for every interview: it asks for
the ordered ids (one narrow query per sort), a small search index (id,
status, the text a filter matches), and then only the rows on screen, a page
at a time. The Today view asks for the steps due up to a week ahead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from itertools import compress
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from afterview.domain import records as r
from afterview.store.models import ContactRow, InterviewPersonRow, InterviewRow, StepRow
from afterview.store.steps import effective_due

OPEN_STEP_STATUSES = (r.StepStatus.PENDING.value, r.StepStatus.SNOOZED.value)


class SortKey(StrEnum):
    DATE = "date"
    COMPANY = "company"
    POSITION = "position"
    ROUND = "round"
    STATUS = "status"
    NEXT_STEP = "next_step"
    NEXT_DUE = "next_due"


@dataclass(frozen=True)
class IndexEntry:
    """What filtering needs of one interview: its status and the text a search matches."""

    id: int
    status: str
    text: str


@dataclass(frozen=True)
class ListRow:
    id: int
    start: datetime  # aware, in the interview's own time zone
    time_zone: str
    company: str
    position: str
    round: str
    status: str
    sample: bool
    next_step: str
    next_due: datetime | None  # aware UTC


def _next_steps() -> Any:
    """Per interview, its earliest open step: SQLite returns the title of the MIN row."""
    due = effective_due()
    return (
        select(
            StepRow.interview_id.label("interview_id"),
            func.min(due).label("next_due"),
            StepRow.title.label("next_step"),
        )
        .where(StepRow.status.in_(OPEN_STEP_STATUSES), StepRow.interview_id.is_not(None))
        .group_by(StepRow.interview_id)
        .subquery()
    )


def sorted_ids(session: Session, key: SortKey, descending: bool = False) -> list[int]:
    """Every interview id in the order of ``key`` (ties by date, then id)."""
    columns: dict[SortKey, Any] = {
        SortKey.DATE: InterviewRow.start,
        SortKey.COMPANY: InterviewRow.company.collate("NOCASE"),
        SortKey.POSITION: InterviewRow.position.collate("NOCASE"),
        SortKey.ROUND: InterviewRow.round.collate("NOCASE"),
        SortKey.STATUS: InterviewRow.status,
    }
    query = select(InterviewRow.id)
    if key in columns:
        primary = columns[key]
    else:
        nxt = _next_steps()
        query = query.outerjoin(nxt, nxt.c.interview_id == InterviewRow.id)
        primary = nxt.c.next_due if key is SortKey.NEXT_DUE else nxt.c.next_step.collate("NOCASE")
        # Interviews with nothing left to do go last either way.
        query = query.order_by(primary.is_(None))
    if descending:
        query = query.order_by(primary.desc(), InterviewRow.start.desc(), InterviewRow.id.desc())
    else:
        query = query.order_by(primary, InterviewRow.start, InterviewRow.id)
    return list(session.scalars(query))


def search_index(session: Session, ids: Sequence[int] | None = None) -> dict[int, IndexEntry]:
    """Company, position and people's names per interview (all, or ``ids``), folded."""
    names = (
        select(
            InterviewPersonRow.interview_id.label("interview_id"),
            func.group_concat(ContactRow.name, "\n").label("names"),
        )
        .join(ContactRow, ContactRow.id == InterviewPersonRow.contact_id)
        .group_by(InterviewPersonRow.interview_id)
        .subquery()
    )
    query = select(
        InterviewRow.id,
        InterviewRow.status,
        InterviewRow.company,
        InterviewRow.position,
        names.c.names,
    ).outerjoin(names, names.c.interview_id == InterviewRow.id)
    if ids is not None:
        query = query.where(InterviewRow.id.in_(list(ids)))
    index: dict[int, IndexEntry] = {}
    for row_id, status, company, position, people in session.execute(query):
        text = f"{company}\n{position}\n{people or ''}".casefold()
        index[row_id] = IndexEntry(row_id, status, text)
    return index


def fold(needle: str) -> str:
    return " ".join(needle.split()).casefold()


def matches(entry: IndexEntry, needle: str, status: str | None) -> bool:
    """``needle`` folded by :func:`fold`; every word must appear somewhere."""
    if status is not None and entry.status != status:
        return False
    return all(word in entry.text for word in needle.split(" ")) if needle else True


@dataclass(frozen=True)
class Filtered:
    """Interview ids in list order, with their search text and status alongside."""

    ids: list[int]
    texts: list[str]
    statuses: list[str]

    @classmethod
    def of(cls, order: Sequence[int], index: dict[int, IndexEntry]) -> Filtered:
        entries = [index[i] for i in order if i in index]
        return cls([e.id for e in entries], [e.text for e in entries], [e.status for e in entries])

    def narrow(self, needle: str, status: str | None) -> Filtered:
        """The entries matching every word of ``needle`` (folded) and ``status``.

        One C-speed pass per word: ``in`` over a list of strings, then ``compress``.
        """
        ids, texts, statuses = self.ids, self.texts, self.statuses
        if status is not None:
            mask = [s == status for s in statuses]
            ids, texts, statuses = _keep(mask, ids, texts, statuses)
        for word in needle.split(" ") if needle else []:
            mask = [word in t for t in texts]
            if not all(mask):  # a word every row has ("person") costs no copy
                ids, texts, statuses = _keep(mask, ids, texts, statuses)
        return Filtered(ids, texts, statuses)


def _keep(
    mask: list[bool], ids: list[int], texts: list[str], statuses: list[str]
) -> tuple[list[int], list[str], list[str]]:
    return list(compress(ids, mask)), list(compress(texts, mask)), list(compress(statuses, mask))


def filter_ids(
    order: Sequence[int], index: dict[int, IndexEntry], text: str, status: str | None
) -> list[int]:
    return Filtered.of(order, index).narrow(fold(text), status).ids


def list_rows(session: Session, ids: Sequence[int]) -> dict[int, ListRow]:
    """The list's columns for a page of interviews."""
    if not ids:
        return {}
    wanted = list(ids)
    nxt: dict[int, tuple[str, datetime]] = {}
    # Every step of the page's interviews (a few hundred rows, by the interview_id index),
    # the earliest open one picked here: with the status in SQL, SQLite would rather
    # walk the (status, due) index over every open step in the database.
    step_query = select(
        StepRow.interview_id,
        StepRow.status,
        StepRow.title,
        StepRow.planned_due,
        StepRow.due_override,
        StepRow.snoozed_until,
    ).where(StepRow.interview_id.in_(wanted))
    for interview_id, status, title, planned, override, snoozed in session.execute(step_query):
        if status not in OPEN_STEP_STATUSES or interview_id is None:
            continue
        when = snoozed if status == r.StepStatus.SNOOZED.value and snoozed else override or planned
        known = nxt.get(interview_id)
        if known is None or when < known[1]:
            nxt[interview_id] = (title, when)
    query = select(
        InterviewRow.id,
        InterviewRow.start,
        InterviewRow.time_zone,
        InterviewRow.company,
        InterviewRow.position,
        InterviewRow.round,
        InterviewRow.status,
        InterviewRow.sample,
    ).where(InterviewRow.id.in_(wanted))
    rows: dict[int, ListRow] = {}
    for row_id, start, zone, company, position, rnd, status, sample in session.execute(query):
        found = nxt.get(row_id)
        title, next_due = found if found is not None else ("", None)
        rows[row_id] = ListRow(
            id=row_id,
            start=start.astimezone(_zone(zone)),
            time_zone=zone,
            company=company,
            position=position,
            round=rnd,
            status=status,
            sample=bool(sample),
            next_step=title,
            next_due=next_due,
        )
    return rows


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


def interview_count(session: Session) -> int:
    return int(session.scalar(select(func.count(InterviewRow.id))) or 0)


# --- Today -----------------------------------------------------------------------------------


class Group(StrEnum):
    OVERDUE = "Overdue"
    TODAY = "Today"
    THIS_WEEK = "This week"


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


def week_end(now_local: datetime) -> datetime:
    """The end of "this week": the next seven days after today, so Friday still sees Monday."""
    day: date = now_local.date()
    start = datetime(day.year, day.month, day.day, tzinfo=now_local.tzinfo)
    return start + timedelta(days=8)


#: The Today page shows this many steps per group; the rest are counted, not loaded.
TODAY_LIMIT = 50


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


def today_groups(
    session: Session, now: datetime, zone: tzinfo | None = None, limit: int = TODAY_LIMIT
) -> TodayGroups:
    """Open steps due up to a week ahead, grouped for a person living in ``zone``.

    Overdue: due before now. Today: due from now until local midnight. This
    week: the seven days after today. Each group holds at most ``limit`` steps,
    the most urgent first; ``totals`` counts them all.
    """
    local_now = now.astimezone(zone) if zone is not None else now.astimezone()
    midnight = datetime(
        local_now.year, local_now.month, local_now.day, tzinfo=local_now.tzinfo
    ) + timedelta(days=1)
    horizon = week_end(local_now)
    due = effective_due()
    # One pass over the open steps (the due time is computed, so no index helps), then
    # the full rows of only the few shown.
    candidates = session.execute(
        select(StepRow.id, due)
        .where(StepRow.status.in_(OPEN_STEP_STATUSES), due < horizon)
        .order_by(due, StepRow.id)
    ).all()
    ids: dict[Group, list[int]] = {g: [] for g in Group}
    for step_id, when in candidates:
        if when <= now:
            ids[Group.OVERDUE].append(step_id)
        elif when < midnight:
            ids[Group.TODAY].append(step_id)
        else:
            ids[Group.THIS_WEEK].append(step_id)
    totals = {group: len(found) for group, found in ids.items()}
    shown = [step_id for found in ids.values() for step_id in found[:limit]]
    rows = {
        row.id: row
        for row in session.scalars(
            select(StepRow).options(selectinload(StepRow.interview)).where(StepRow.id.in_(shown))
        )
    }
    items = {
        group: [_item(rows[step_id]) for step_id in found[:limit] if step_id in rows]
        for group, found in ids.items()
    }
    return TodayGroups(items, totals)


def _item(step: StepRow) -> TodayItem:
    interview = step.interview
    return TodayItem(
        step_id=step.id,
        title=step.title,
        reason=step.reason,
        person=step.person,
        optional=step.optional,
        due=_effective(step),
        status=step.status,
        interview_id=step.interview_id,
        company=interview.company if interview else "",
        position=interview.position if interview else "",
        kind=step.kind,
    )


def _effective(step: StepRow) -> datetime:
    if step.status == r.StepStatus.SNOOZED.value and step.snoozed_until is not None:
        return step.snoozed_until
    return step.due_override or step.planned_due


def interview_steps(session: Session, interview_id: int) -> list[StepRow]:
    """Every step of one interview, open ones first by due time, then the finished ones."""
    due = effective_due()
    query = (
        select(StepRow)
        .where(StepRow.interview_id == interview_id)
        .order_by(StepRow.status.not_in(OPEN_STEP_STATUSES), due, StepRow.id)
    )
    return list(session.scalars(query))


def step_interview(session: Session, step_id: int) -> int | None:
    """The interview a step belongs to (None for a global step or an unknown id)."""
    return session.scalar(select(StepRow.interview_id).where(StepRow.id == step_id))


def next_due_after(session: Session, now: datetime) -> datetime | None:
    """When the earliest open step after ``now`` falls due (for a calm "nothing due" page)."""
    due = effective_due()
    query = select(func.min(due)).where(StepRow.status.in_(OPEN_STEP_STATUSES), due > now)
    value = session.scalar(query)
    return value if isinstance(value, datetime) else None
