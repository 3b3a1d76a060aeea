"""The tray's schedule when the server is away: a small private file in the data directory.

When the PostgreSQL server cannot be reached, the tray keeps reminding from the schedule
it last read (issue 16 §5). The file holds no more than that needs: the open steps not yet
announced on this computer, with id, title, due instant, person, company and position. It is
written whole or not at all (:func:`afterview.private_files.write_private`, 0600), and only
when it changed, so an idle tray does not write every wake.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from afterview.private_files import write_private
from afterview.store.reminders import Reminder

log = logging.getLogger(__name__)

FILE_NAME = "offline-schedule.json"
FORMAT = "afterview-offline-schedule/1"
FIELDS = ("id", "title", "due", "person", "company", "position")


def cache_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def encode(steps: Iterable[Reminder]) -> bytes:
    rows = [
        {
            "id": step.id,
            "title": step.title,
            "due": step.due.isoformat(),
            "person": step.person,
            "company": step.company,
            "position": step.position,
        }
        for step in sorted(steps, key=lambda step: (step.due, step.id))
    ]
    return json.dumps({"format": FORMAT, "steps": rows}, ensure_ascii=False).encode("utf-8")


def save(path: Path, steps: Iterable[Reminder], last: bytes | None = None) -> bytes:
    """Write ``steps`` to ``path`` unless the file already says that (``last``: what this
    process wrote last); returns what the file now holds. OSError when it cannot be written
    (the caller logs it: reminders go on)."""
    data = encode(steps)
    if data != last:
        write_private(path, data)
    return data


def load(path: Path) -> list[Reminder]:
    """The steps kept in ``path``, earliest first; none when it is missing or damaged (a
    damaged cache must not keep the tray from starting)."""
    try:
        document: Any = json.loads(path.read_bytes())
        rows = document["steps"] if document.get("format") == FORMAT else []
        return [_reminder(row) for row in rows]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.warning("the offline schedule %s cannot be read (%s); starting without it", path, error)
        return []


def _reminder(row: dict[str, Any]) -> Reminder:
    due = datetime.fromisoformat(str(row["due"]))
    if due.tzinfo is None:
        raise ValueError(f"step {row['id']}: due without a UTC offset")
    return Reminder(
        id=int(row["id"]),
        kind="",
        title=str(row["title"]),
        person=_text(row.get("person")),
        company=_text(row.get("company")),
        position=_text(row.get("position")),
        due=due,
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


__all__ = ["FIELDS", "FILE_NAME", "cache_path", "load", "save"]
