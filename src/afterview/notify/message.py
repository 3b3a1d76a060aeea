"""What a reminder says, as plain text: Qt-free, so it is the same for every backend.

Backends get plain text and escape it for their own medium (freedesktop body
markup); nothing here is markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from afterview.store.reminders import Reminder

ACTION_DONE = "done"
ACTION_SNOOZE = "snooze"
ACTION_OPEN = "open"
#: Servers run the "default" action when the notification itself is clicked.
ACTION_DEFAULT = "default"
STEP_ACTIONS = (
    (ACTION_DONE, "Done"),
    (ACTION_SNOOZE, "Snooze 1 h"),
    (ACTION_OPEN, "Open"),
    (ACTION_DEFAULT, "Open"),
)
SUMMARY_ACTIONS = ((ACTION_OPEN, "Open Afterview"), (ACTION_DEFAULT, "Open Afterview"))
#: A summary lists this many steps and counts the rest.
SUMMARY_LINES = 5
#: A step this much past due when announced counts as overdue (missed, not just arriving).
OVERDUE_AFTER_S = 60.0


@dataclass(frozen=True)
class Notification:
    summary: str
    body: str
    #: The steps it is about: one for a step's own notification, several for a summary.
    step_ids: tuple[int, ...]
    actions: tuple[tuple[str, str], ...] = field(default=())

    @property
    def is_summary(self) -> bool:
        return len(self.step_ids) != 1


def when(due: datetime, now: datetime, zone: str) -> str:
    """ "15:00" today, "Tue 24 Nov 15:00" on another day, in the user's zone."""
    tz = ZoneInfo(zone)
    local, today = due.astimezone(tz), now.astimezone(tz).date()
    if local.date() == today:
        return local.strftime("%H:%M")
    return local.strftime("%a %d %b %H:%M")


def line(reminder: Reminder, now: datetime, zone: str) -> str:
    """What to do, for whom, for which application, by when — one line.

    "Thank-you note to Laura Chen — Acme, Backend Engineer — due by 15:00"
    """
    parts = [reminder.title]
    if reminder.person and reminder.person not in reminder.title:
        parts[0] += f" with {reminder.person}"
    application = ", ".join(p for p in (reminder.company, reminder.position) if p)
    if application:
        parts.append(application)
    parts.append(f"due by {when(reminder.due, now, zone)}")
    return " — ".join(parts)


def for_step(reminder: Reminder, now: datetime, zone: str) -> Notification:
    overdue = (now - reminder.due).total_seconds() > OVERDUE_AFTER_S
    return Notification(
        summary="Follow-up overdue" if overdue else "Follow-up due",
        body=line(reminder, now, zone),
        step_ids=(reminder.id,),
        actions=STEP_ACTIONS,
    )


def for_many(reminders: Sequence[Reminder], now: datetime, zone: str) -> Notification:
    """One calm summary instead of a flood: "3 follow-ups are overdue"."""
    count = len(reminders)
    overdue = any((now - item.due).total_seconds() > OVERDUE_AFTER_S for item in reminders)
    summary = f"{count} follow-ups are {'overdue' if overdue else 'due'}"
    lines = [line(item, now, zone) for item in reminders[:SUMMARY_LINES]]
    if count > SUMMARY_LINES:
        lines.append(f"and {count - SUMMARY_LINES} more")
    return Notification(
        summary=summary,
        body="\n".join(lines),
        step_ids=tuple(item.id for item in reminders),
        actions=SUMMARY_ACTIONS,
    )


def compose(reminders: Sequence[Reminder], now: datetime, zone: str) -> Notification | None:
    """The one notification for the steps claimed at one wake-up (None for none)."""
    if not reminders:
        return None
    if len(reminders) == 1:
        return for_step(reminders[0], now, zone)
    return for_many(reminders, now, zone)


def markup_escape(text: str) -> str:
    """Plain text as body markup: ``<b>Ann</b> & O'Hara`` shows as typed, never bold.

    The three characters the spec's markup gives meaning to, by hand: ``xml.sax.saxutils``
    would bring ``urllib.request`` (about 10 MiB) into a process that runs all day.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
