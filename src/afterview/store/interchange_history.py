"""The parts of an ``afterview/2`` file that record what the user did, read and checked: each
step's state, the letters, the references' log, and the app's own settings.

Steps are exported whole (the plan as it stood, and what the user did with it), keyed by
their step key, which names the records by key and never by id; an import writes them, then
re-plans, and the plan's fields follow the records while the user's stay as the file says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from afterview.domain import records as r
from afterview.domain.application_plan import APPLICATION_PREFIX
from afterview.domain.playbook import expected_key
from afterview.domain.settings import (
    CALENDAR_FOLDER,
    LETTERS_PAGE_SIZE,
    PAGE_SIZES,
    TRAY_AUTOSTART,
    TRAY_PAUSED_UNTIL,
)
from afterview.store.errors import RecordError
from afterview.store.interchange_applications import MAX_KEY
from afterview.store.interchange_fields import MAX_NAME, MAX_TEXT, FieldReader, kind_of

STEP_KEY_LIMIT = 320


@dataclass(frozen=True)
class ParsedStep:
    key: str
    interview: str | None
    kind: r.StepKind
    title: str
    reason: str
    person: str | None
    channel: str | None
    optional: bool
    planned_due: datetime
    status: r.StepStatus
    due_override: datetime | None
    snoozed_until: datetime | None
    done_at: datetime | None
    auto_done: bool
    notified_at: datetime | None
    contact: str | None
    reference: str | None
    referral: str | None
    #: The application a step of no interview is about (its follow-up; version 3).
    application: str | None = None
    #: Whether a done follow-up got an answer (None: not asked; version 3, from schema 0008).
    answered: bool | None = None


@dataclass(frozen=True)
class ParsedLetter:
    key: str
    template: str
    subject: str
    body: str
    channel: str | None
    created_at: datetime
    sent_at: datetime | None
    step: str | None
    interview: str | None
    contact: str | None
    reference: str | None


@dataclass(frozen=True)
class ParsedNotice:
    key: str | None
    reference: str
    at: datetime
    channel: str | None
    note: str
    interview: str | None


_STEP_FIELDS = (
    "key",
    "kind",
    "title",
    "reason",
    "person",
    "channel",
    "optional",
    "planned_due",
    "status",
    "due",
    "snoozed_until",
    "done_at",
    "auto_done",
    "notified_at",
    "contact",
    "reference",
    "referral",
    "application",
    "answered",
)


def _ref(rec: FieldReader, name: str) -> str | None:
    return rec.text(name, limit=64) or None


def _check_key(rec: FieldReader, step: ParsedStep) -> None:
    """A step's key names its interview, kind and person as the playbook does, so a re-plan
    finds it (a step no plan can find would stay forever, doubled)."""
    people = {"c": step.contact, "r": step.reference, "l": step.referral}
    expected = expected_key(step.key, step.interview, step.kind, people)
    if step.application is not None and step.interview is None:
        wanted = f"{APPLICATION_PREFIX}{r.token(step.application, 0)}:follow_up"
        right = step.kind is r.StepKind.FOLLOW_UP and step.key == wanted
        expected = None if right else wanted
    if expected is not None:
        raise rec.error(
            "key",
            f"{step.key!r} does not name this step's interview, kind and person "
            f"(expected {expected!r})",
        )


def _check_state(rec: FieldReader, step: ParsedStep) -> None:
    """The times that say what was done fit the status: a snooze ends somewhere, and only a
    done step was done at a time."""
    if step.status is r.StepStatus.SNOOZED and step.snoozed_until is None:
        raise rec.error("snoozed_until", "required for a snoozed step (when it is due again)")
    if step.done_at is not None and step.status is not r.StepStatus.DONE:
        raise rec.error("done_at", f"only a done step has one (this one is {step.status.value})")
    if step.answered is not None and step.kind is not r.StepKind.FOLLOW_UP:
        raise rec.error("answered", f"only a follow-up gets an answer (this is {step.kind.value})")


def _channel(rec: FieldReader) -> str | None:
    channel = rec.choice("channel", r.Channel)
    return channel.value if channel is not None else None


def _required_instant(rec: FieldReader, name: str) -> datetime:
    value = rec.instant(name)
    if value is None:
        raise rec.error(name, "required")
    return value


def parse_steps(where: str, interview: str | None, items: Any) -> list[ParsedStep]:
    """An interview's steps (``interview``: its key), or the steps of no interview."""
    if not isinstance(items, list):
        raise RecordError(where, "steps", f"expected a list, got {kind_of(items)}")
    steps = []
    for n, item in enumerate(items):
        rec = FieldReader(f"{where}, steps #{n + 1}", item, _STEP_FIELDS)
        kind = rec.choice("kind", r.StepKind)
        status = rec.choice("status", r.StepStatus, r.StepStatus.PENDING)
        if kind is None:
            raise rec.error("kind", "required")
        assert status is not None
        step = ParsedStep(
            key=rec.text("key", required=True, limit=STEP_KEY_LIMIT),
            interview=interview,
            kind=kind,
            title=rec.text("title", required=True, limit=MAX_NAME * 2),
            reason=rec.text("reason", limit=MAX_TEXT),
            person=rec.text("person", limit=MAX_NAME) or None,
            channel=_channel(rec),
            optional=bool(rec.flag("optional")),
            planned_due=_required_instant(rec, "planned_due"),
            status=status,
            due_override=rec.instant("due"),
            snoozed_until=rec.instant("snoozed_until"),
            done_at=rec.instant("done_at"),
            auto_done=bool(rec.flag("auto_done")),
            notified_at=rec.instant("notified_at"),
            contact=_ref(rec, "contact"),
            reference=_ref(rec, "reference"),
            referral=_ref(rec, "referral"),
            application=rec.text("application", limit=MAX_KEY) or None,
            answered=rec.flag("answered"),
        )
        _check_key(rec, step)
        _check_state(rec, step)
        steps.append(step)
    return steps


_LETTER_FIELDS = (
    "key",
    "template",
    "subject",
    "body",
    "channel",
    "created_at",
    "sent_at",
    "step",
    "interview",
    "contact",
    "reference",
)


def parse_letter(where: str, item: Any) -> ParsedLetter:
    rec = FieldReader(where, item, _LETTER_FIELDS)
    key = rec.key(required=True)
    assert key is not None
    return ParsedLetter(
        key=key,
        template=rec.text("template", required=True, limit=64),
        subject=rec.text("subject", limit=MAX_TEXT),
        body=rec.text("body", limit=MAX_TEXT),
        channel=_channel(rec),
        created_at=_required_instant(rec, "created_at"),
        sent_at=rec.instant("sent_at"),
        step=rec.text("step", limit=STEP_KEY_LIMIT) or None,
        interview=_ref(rec, "interview"),
        contact=_ref(rec, "contact"),
        reference=_ref(rec, "reference"),
    )


def parse_log(where: str, reference: str, items: list[Any]) -> list[ParsedNotice]:
    """A reference's log: when they were told what to expect, how, about which interview."""
    notices = []
    for n, item in enumerate(items):
        rec = FieldReader(
            f"{where}, log #{n + 1}", item, ("key", "at", "channel", "note", "interview")
        )
        notices.append(
            ParsedNotice(
                key=rec.key(required=False),
                reference=reference,
                at=_required_instant(rec, "at"),
                channel=_channel(rec),
                note=rec.text("note", limit=MAX_TEXT),
                interview=_ref(rec, "interview"),
            )
        )
    return notices


def check_keys(
    steps: list[ParsedStep], letters: list[ParsedLetter], notices: list[ParsedNotice]
) -> None:
    """No two steps, letters or log entries with one key in a file."""
    for what, keys in (
        ("step", [s.key for s in steps]),
        ("letter", [letter.key for letter in letters]),
        ("log entry", [n.key for n in notices if n.key is not None]),
    ):
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise RecordError(f"{what} {key!r}", "key", "the file has it twice")
            seen.add(key)


def check_preference(name: str, value: Any) -> Any:
    """The app's own setting ``name`` (afterview.domain.settings) as the store keeps it."""
    if name == TRAY_AUTOSTART:
        if value is not None and not isinstance(value, bool):
            raise RecordError("preferences", name, f"expected true or false, got {value!r}")
        return value
    if name == TRAY_PAUSED_UNTIL:
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise RecordError("preferences", name, f"expected an instant with offset: {value!r}")
        return moment.isoformat()
    if name == LETTERS_PAGE_SIZE:
        if value not in PAGE_SIZES:
            raise RecordError("preferences", name, f"expected one of {PAGE_SIZES}: {value!r}")
        return value
    if name == CALENDAR_FOLDER:
        if value is not None and not (isinstance(value, str) and len(value) <= 4096):
            raise RecordError("preferences", name, f"expected a folder's path: {value!r}")
        if value and not Path(value).is_absolute():
            # Each process would keep its own file, relative to where it was started.
            raise RecordError("preferences", name, f"expected a full path: {value!r}")
        return value or None
    raise RecordError("preferences", name, "unknown setting")
