"""What a reminder says, as plain text: Qt-free, so it is the same for every backend.

Backends get plain text and escape it for their own medium (freedesktop body
markup); nothing here is markup.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from afterview.store.reminders import Reminder

ACTION_DONE = "done"
ACTION_SNOOZE = "snooze"
#: What a visible "Open" button sends, for the servers that show no "default" action
#: (the freedesktop backend adds it for them), and what a click on the tray balloon means.
ACTION_OPEN = "open"
#: Servers run the "default" action when the notification itself is clicked, and most list
#: it with the others (dunst's menu, xfce4-notifyd's buttons): so "Open" is sent once, as this.
ACTION_DEFAULT = "default"
STEP_ACTIONS = (
    (ACTION_DONE, "Done"),
    (ACTION_SNOOZE, "Snooze 1 h"),
    (ACTION_DEFAULT, "Open"),
)
SUMMARY_ACTIONS = ((ACTION_DEFAULT, "Open Afterview"),)
#: Characters per line a body is planned for. The narrowest server in common use is dunst as
#: shipped: 300 px wide in "Monospace 8" (about 7 px a character), less its frame, padding
#: and icon, wraps at 37 (measured on dunst 1.9); GNOME Shell's banner, xfce4-notifyd and
#: notification-daemon fit 40 to 50. A line of 36 is one line everywhere.
WIDTH = 36
#: Lines a body may take: the summary lists three steps and counts the rest. Dunst as
#: shipped cut longer summaries off at its default height.
MAX_LINES = 4
ELLIPSIS = "…"
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


def one_line(text: str) -> str:
    """User text on one line: a newline or tab in a title must not add lines of its own."""
    return " ".join(text.split())


def shorten(text: str, width: int = WIDTH) -> str:
    """``text`` on one line of at most ``width`` characters, ending in "…" when cut.

    Cut after a whole word when one ends in the last third, else mid-word (a long name)."""
    text = one_line(text)
    if len(text) <= width:
        return text
    cut = text[: width - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space >= width * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:—–-") + ELLIPSIS


def fits(text: str, width: int = WIDTH, lines: int = MAX_LINES) -> bool:
    """Whether ``text`` wraps into at most ``lines`` lines of ``width`` characters."""
    return len(textwrap.wrap(text, width)) <= lines


def step_body(reminder: Reminder, now: datetime, zone: str) -> str:
    """:func:`line`, within :data:`MAX_LINES` lines of :data:`WIDTH`: a long title or
    application is shortened, never the "due by" at the end."""
    full = one_line(line(reminder, now, zone))
    if fits(full):
        return full
    tail = f" — due by {when(reminder.due, now, zone)}"
    head = full[: -len(tail)]
    budget = MAX_LINES * WIDTH - len(tail)
    while budget > WIDTH:
        candidate = shorten(head, budget) + tail
        if fits(candidate):
            return candidate
        budget -= WIDTH // 4
    return shorten(head, WIDTH) + tail


def row(reminder: Reminder, now: datetime, zone: str) -> str:
    """One step as one line of a summary: when first, so shortening never takes it.

    "15:00 Thank-you note to Laura Chen — Acme"
    """
    what = reminder.title
    if reminder.person and reminder.person not in reminder.title:
        what += f" with {reminder.person}"
    if reminder.company:
        what += f" — {reminder.company}"
    return shorten(f"{when(reminder.due, now, zone)} {one_line(what)}")


def for_step(reminder: Reminder, now: datetime, zone: str) -> Notification:
    overdue = (now - reminder.due).total_seconds() > OVERDUE_AFTER_S
    return Notification(
        summary="Follow-up overdue" if overdue else "Follow-up due",
        body=step_body(reminder, now, zone),
        step_ids=(reminder.id,),
        actions=STEP_ACTIONS,
    )


def for_many(reminders: Sequence[Reminder], now: datetime, zone: str) -> Notification:
    """One calm summary instead of a flood: "3 follow-ups are overdue", then at most
    :data:`MAX_LINES` lines: every step when they fit, else one fewer and "and 5 more"."""
    count = len(reminders)
    overdue = any((now - item.due).total_seconds() > OVERDUE_AFTER_S for item in reminders)
    summary = f"{count} follow-ups are {'overdue' if overdue else 'due'}"
    shown = count if count <= MAX_LINES else MAX_LINES - 1
    lines = [row(item, now, zone) for item in reminders[:shown]]
    if count > shown:
        lines.append(f"and {count - shown} more")
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


def cannot_save(reason: str) -> Notification:
    """Said once when the tray's bookkeeping cannot be saved (issue 13): ``reason`` is the
    fault in a few words ("the disk is full"). Reminders go on from what can be read."""
    body = f"{reason[:1].upper()}{reason[1:]}. Reminders go on; changes wait until it can save."
    if not fits(body):
        body = "\n".join(textwrap.wrap(body, WIDTH)[: MAX_LINES - 1]) + ELLIPSIS
    return Notification(
        summary="Afterview cannot save now", body=body, step_ids=(), actions=SUMMARY_ACTIONS
    )


def markup_escape(text: str) -> str:
    """Plain text as body markup: ``<b>Ann</b> & O'Hara`` shows as typed, never bold.

    The three characters the spec's markup gives meaning to, by hand: ``xml.sax.saxutils``
    would bring ``urllib.request`` (about 10 MiB) into a process that runs all day.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
