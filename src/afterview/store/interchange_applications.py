"""Applications in the interchange format (``afterview/3``, issue 17): read, written, exported.

A version 3 file has a top-level ``applications`` list; each application has its ``key``,
``company``, ``position``, optionally ``source``, ``applied_on`` (YYYY-MM-DD), ``link``,
``posting``, ``sample``, its ``stage`` (``applied``, ``interviewing``, ``awaiting_decision``,
``offer``, ``closed``), for a closed one its ``outcome`` (``rejected``, ``withdrew``,
``offer_accepted``, ``offer_declined``, ``position_closed``, ``cancelled``, ``no_response``)
and ``outcome_detail``, and its ``history``: each change of its standing, ``{"key", "at",
"stage", "outcome", "outcome_detail", "cause"}``. An interview names its application by key
(``"application"``), as does the follow-up step of an application (a step of no interview).
Versions 1 and 2 have none: their interviews are grouped as migration 0007 groups them.

Read here without a database library (as the rest of the format); written and exported by
:mod:`afterview.store.interchange_application_rows`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from afterview.domain.applications import Cause, Outcome, Stage, Standing
from afterview.store.interchange_fields import MAX_NAME, MAX_TEXT, FieldReader

APPLICATION_FIELDS = (
    "key",
    "company",
    "position",
    "source",
    "applied_on",
    "link",
    "posting",
    "sample",
    "stage",
    "outcome",
    "outcome_detail",
    "history",
)
EVENT_FIELDS = ("key", "at", "stage", "outcome", "outcome_detail", "cause")
MAX_LINK = 2_000
#: Longer than other records' keys (64): migration 0007 keys an application "a-" and its first
#: round's key, and its first history entry "e-" and the application's.
MAX_KEY = 80


def _key(rec: FieldReader) -> str:
    key = rec.text("key", required=True, limit=MAX_KEY)
    if key != key.strip() or not key.strip():
        raise rec.error("key", f"{key!r} is empty, or starts or ends with a space")
    return key


@dataclass
class ParsedApplication:
    key: str
    values: dict[str, Any]
    history: list[dict[str, Any]] = field(default_factory=list)


def _standing(rec: FieldReader) -> Standing:
    stage = rec.choice("stage", Stage, Stage.APPLIED) or Stage.APPLIED
    outcome = rec.choice("outcome", Outcome)
    detail = rec.text("outcome_detail", limit=MAX_NAME)
    try:
        return Standing(stage, outcome, detail)
    except ValueError:
        raise rec.error(
            "outcome", "a closed application has an outcome, and only a closed one"
        ) from None


def _values(standing: Standing) -> dict[str, Any]:
    return {
        "stage": standing.stage.value,
        "outcome": standing.outcome.value if standing.outcome else None,
        "outcome_detail": standing.outcome_detail,
    }


def parse_applications(items: list[Any]) -> list[ParsedApplication]:
    """The file's applications, checked; RecordError names the application and field."""
    found: list[ParsedApplication] = []
    seen: set[str] = set()
    entries: set[str] = set()
    for index, item in enumerate(items):
        key_of = item.get("key") if isinstance(item, dict) else None
        where = f"application #{index + 1}" + (
            f" (key {key_of!r})" if isinstance(key_of, str) else ""
        )
        rec = FieldReader(where, item, APPLICATION_FIELDS)
        key = _key(rec)
        if key in seen:
            raise rec.error("key", f"duplicate key {key!r}")
        seen.add(key)
        values: dict[str, Any] = {
            "company": rec.text("company", required=True, limit=MAX_NAME),
            "position": rec.text("position", required=True, limit=MAX_NAME),
            "source": rec.text("source", limit=MAX_NAME),
            "applied_on": rec.day("applied_on"),
            "link": rec.text("link", limit=MAX_LINK),
            "posting": rec.text("posting", limit=MAX_TEXT),
            "sample": bool(rec.flag("sample")),
            **_values(_standing(rec)),
        }
        events = []
        for n, entry in enumerate(rec.items("history")):
            sub = FieldReader(f"{where}, history #{n + 1}", entry, EVENT_FIELDS)
            at = sub.instant("at")
            if at is None:
                raise sub.error("at", "required")
            entry_key = _key(sub)
            if entry_key in entries:
                raise sub.error("key", f"duplicate key {entry_key!r}")
            entries.add(entry_key)
            events.append(
                {
                    "key": entry_key,
                    "at": at,
                    "cause": (sub.choice("cause", Cause, Cause.MOVED) or Cause.MOVED).value,
                    **_values(_standing(sub)),
                }
            )
        found.append(ParsedApplication(key, values, events))
    return found


__all__ = ["MAX_KEY", "ParsedApplication", "parse_applications"]
