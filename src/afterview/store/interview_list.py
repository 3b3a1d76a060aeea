"""The interview list's queries in plain SQL: ordered ids, a search index, a page of rows.

The list is what a user waits for when the window opens, so it reads the file
without SQLAlchemy (whose import alone costs more than the whole list): the
window can show it before the rest of the store has loaded. The list never
loads whole rows for every interview: it asks for the ordered ids (one narrow
query per sort), a small search index (id, status, the text a filter matches),
and then only the rows on screen, a page at a time.

Each read opens its own short-lived connection (about 0.1 ms), so the list
follows a restored or replaced file, and the search index can load on a
worker thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum
from itertools import compress
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from afterview.domain.text import fold
from afterview.store.plain_reads import Reader, Snapshots, snapshots_of
from afterview.store.plain_sql import parse_instant


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
    #: The next step's playbook rule and its parameters (JSON), for words in the user's
    #: language (afterview.ui.rule_words); "" for a step no rule planned.
    next_step_rule: str = ""
    next_step_params: str = "{}"


#: The column each sort reads: text columns hold the names folded by
#: afterview.domain.text.fold, the next step is the one afterview.domain.steps.next_step chose
#: (all kept by afterview.store.derived), so SQL compares bytes and restates no rule.
#: (SQL from constants only, here and below: no user text is ever formatted into a query.)
_ORDER = {
    SortKey.DATE: "start",
    SortKey.COMPANY: "company_sort",
    SortKey.POSITION: "position_sort",
    SortKey.ROUND: "round_sort",
    SortKey.STATUS: "status",
    SortKey.NEXT_STEP: "next_step_sort",
    SortKey.NEXT_DUE: "next_due",
}


def sorted_ids(connection: Reader, key: SortKey, descending: bool = False) -> list[int]:
    """Every interview id in the order of ``key`` (ties by date, then id); interviews with
    nothing left to do come last in either direction when sorting by the next step."""
    direction = "DESC" if descending else "ASC"
    column = _ORDER[key]
    first = "next_due IS NULL, " if key in (SortKey.NEXT_STEP, SortKey.NEXT_DUE) else ""
    query = (
        f"SELECT id FROM interviews "  # noqa: S608
        f"ORDER BY {first}{column} {direction}, start {direction}, id {direction}"
    )
    return [row_id for (row_id,) in connection.execute(query)]


def search_index(connection: Reader, ids: Sequence[int] | None = None) -> dict[int, IndexEntry]:
    """Company, position and people's names per interview (all, or ``ids``), each folded by
    afterview.domain.text.fold (the folding the list also sorts by), one per line."""
    query = (
        "SELECT i.id, i.status, i.company_sort, i.position_sort, p.names FROM interviews AS i "
        "LEFT OUTER JOIN (SELECT ip.interview_id AS interview_id, "
        "group_concat(c.name, char(10)) AS names FROM interview_people AS ip "
        "JOIN contacts AS c ON c.id = ip.contact_id GROUP BY ip.interview_id) AS p "
        "ON p.interview_id = i.id"
    )
    rows: Iterator[tuple[int, str, str, str, str | None]]
    if ids is None:
        rows = connection.execute(query)
    else:
        rows = _in_batches(connection, query + " WHERE i.id IN ({})", ids)
    index: dict[int, IndexEntry] = {}
    for row_id, status, company, position, people in rows:
        text = "\n".join(fold(part) for part in (company, position, *(people or "").split("\n")))
        index[row_id] = IndexEntry(row_id, status, text)
    return index


def list_rows(connection: Reader, ids: Sequence[int]) -> dict[int, ListRow]:
    """The list's columns for a page of interviews."""
    if not ids:
        return {}
    query = (
        "SELECT id, start, time_zone, company, position, round, status, sample, next_step, "
        "next_due, next_step_rule, next_step_params FROM interviews WHERE id IN ({})"
    )
    rows: dict[int, ListRow] = {}
    for found in _in_batches(connection, query, ids):
        row_id, start, zone, company, position, rnd, status, sample, step, due = found[:10]
        rows[row_id] = ListRow(
            id=row_id,
            start=parse_instant(start).astimezone(_zone(zone)),
            time_zone=zone,
            company=company,
            position=position,
            round=rnd,
            status=status,
            sample=bool(sample),
            next_step=step,
            next_due=parse_instant(due) if due is not None else None,
            next_step_rule=found[10],
            next_step_params=found[11],
        )
    return rows


def has_sample(connection: Reader) -> bool:
    query = " UNION ALL ".join(
        f"SELECT 1 FROM {table} WHERE sample"  # noqa: S608 (the three tables named here)
        for table in ("interviews", "contacts", "job_references")
    )
    return bool(connection.execute(f"SELECT EXISTS ({query})").fetchone()[0])


#: Below SQLite's default limit of host parameters per statement.
_BATCH = 900


def _in_batches(connection: Reader, query: str, ids: Sequence[int]) -> Iterator[Any]:
    wanted = list(ids)
    for first in range(0, len(wanted), _BATCH):
        batch = wanted[first : first + _BATCH]
        marks = ",".join("?" * len(batch))
        yield from connection.execute(query.format(marks), batch)


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


class ListSource:
    """Reads the list from the SQLite file at a path, or from a server
    (:mod:`afterview.store.plain_reads`), one snapshot per read."""

    def __init__(self, source: Path | Snapshots) -> None:
        self.snapshots = snapshots_of(source)

    def _connect(self) -> contextlib.AbstractContextManager[Reader]:
        return self.snapshots.snapshot()

    def sorted_ids(self, key: SortKey, descending: bool = False) -> list[int]:
        with self._connect() as connection:
            return sorted_ids(connection, key, descending)

    def search_index(self, ids: Sequence[int] | None = None) -> dict[int, IndexEntry]:
        with self._connect() as connection:
            return search_index(connection, ids)

    def list_rows(self, ids: Sequence[int]) -> dict[int, ListRow]:
        with self._connect() as connection:
            return list_rows(connection, ids)

    def is_empty(self) -> bool:
        """Whether there is no interview and no application at all (the window then welcomes
        the user instead of showing Today)."""
        with self._connect() as connection:
            found = connection.execute(
                "SELECT 1 FROM interviews UNION ALL SELECT 1 FROM applications LIMIT 1"
            ).fetchone()
            return found is None

    def has_sample(self) -> bool:
        """Whether any sample record is left (as ``afterview.store.sample.count_sample``)."""
        with self._connect() as connection:
            return has_sample(connection)


# --- filtering in memory ---------------------------------------------------------------------


def matches(entry: IndexEntry, needle: str, status: str | None) -> bool:
    """``needle`` folded by afterview.domain.text.fold; every word must appear somewhere."""
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
