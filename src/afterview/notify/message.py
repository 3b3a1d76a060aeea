"""What a reminder says, as plain text: Qt-free, so it is the same for every backend.

Backends get plain text and escape it for their own medium (freedesktop body
markup); nothing here is markup. The words come from a :class:`Phrases`: English by default,
the user's language when the tray passes its translated ones (``afterview.tray.words``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from afterview.store.reminders import Reminder

ACTION_DONE = "done"
#: A follow-up's two Done buttons (issue 17 §3): done with its answer, in one click.
ACTION_NO_ANSWER = "done-no-answer"
ACTION_ANSWERED = "done-answered"
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


def _english_when(due: datetime, now: datetime, zone: str) -> str:
    return when(due, now, zone)


def _english_brief_when(due: datetime, now: datetime, zone: str) -> str:
    return brief_when(due, now, zone)


@dataclass(frozen=True)
class Phrases:
    """Every word a notification says, so the tray can say it in the user's language while
    this module stays Qt-free. Templates use ``{name}`` fields; counts are callables so a
    translation can choose its plural forms."""

    #: A step's title in the user's language (default: the stored English title).
    title: Callable[[Reminder], str] = lambda reminder: reminder.title
    #: When a step is due, as the user reads a time: "15:00" today, else day and time.
    when: Callable[[datetime, datetime, str], str] = _english_when
    #: The same in a few characters, for a summary's rows: "15:00" today, "Mon" this week,
    #: else "24 Nov". A full date there ("2026-11-30 01:00") left a title 19 characters.
    brief_when: Callable[[datetime, datetime, str], str] = _english_brief_when
    with_person: str = "{what} with {person}"
    due_by: str = "due by {when}"
    due: str = "Follow-up due"
    overdue: str = "Follow-up overdue"
    many_due: Callable[[int], str] = lambda n: f"{n} follow-ups are due"
    many_overdue: Callable[[int], str] = lambda n: f"{n} follow-ups are overdue"
    more: Callable[[int], str] = lambda n: f"and {n} more"
    done: str = "Done"
    no_answer: str = "Done, no answer yet"
    answered: str = "Done, they answered"
    snooze: str = "Snooze 1 h"
    open: str = "Open"
    open_afterview: str = "Open Afterview"
    cannot_save: str = "Afterview cannot save now"
    #: ``{reason}``: the fault in a few words, capitalised.
    cannot_save_body: str = "{reason}. Reminders go on; changes wait until it can save."
    offline: str = "Afterview cannot reach the database server"
    #: ``{where}``: the server and database in words (never a password).
    offline_body: str = "{where} cannot be reached. Reminders go on from the schedule last read."

    def step_actions(self) -> tuple[tuple[str, str], ...]:
        return (
            (ACTION_DONE, self.done),
            (ACTION_SNOOZE, self.snooze),
            (ACTION_DEFAULT, self.open),
        )

    def follow_up_actions(self) -> tuple[tuple[str, str], ...]:
        """A follow-up's: Done asks whether it got an answer, in one click (issue 17 §3)."""
        return (
            (ACTION_NO_ANSWER, self.no_answer),
            (ACTION_ANSWERED, self.answered),
            (ACTION_SNOOZE, self.snooze),
            (ACTION_DEFAULT, self.open),
        )

    def summary_actions(self) -> tuple[tuple[str, str], ...]:
        return ((ACTION_DEFAULT, self.open_afterview),)


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


def brief_when(due: datetime, now: datetime, zone: str) -> str:
    """ "15:00" today, the weekday within six days either side ("Mon"), else "24 Nov"; in the
    user's ``zone``."""
    tz = ZoneInfo(zone)
    local, today = due.astimezone(tz), now.astimezone(tz).date()
    if local.date() == today:
        return local.strftime("%H:%M")
    if abs((local.date() - today).days) < 7:
        return local.strftime("%a")
    return local.strftime("%d %b")


def _what(reminder: Reminder, phrases: Phrases) -> str:
    what = phrases.title(reminder)
    if reminder.person and reminder.person not in what:
        what = phrases.with_person.format(what=what, person=reminder.person)
    return what


def line(reminder: Reminder, now: datetime, zone: str, phrases: Phrases | None = None) -> str:
    """What to do, for whom, for which application, by when — one line.

    "Thank-you note to Laura Chen — Acme, Backend Engineer — due by 15:00"
    """
    phrases = phrases or ENGLISH
    parts = [_what(reminder, phrases)]
    application = ", ".join(p for p in (reminder.company, reminder.position) if p)
    if application:
        parts.append(application)
    parts.append(phrases.due_by.format(when=phrases.when(reminder.due, now, zone)))
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


def step_body(reminder: Reminder, now: datetime, zone: str, phrases: Phrases | None = None) -> str:
    """:func:`line`, within :data:`MAX_LINES` lines of :data:`WIDTH`. The "due by" at the end
    is never cut; the position gives way first, then the title's tail, then the company (a
    long name in a title once pushed "— Acme" off the end)."""
    phrases = phrases or ENGLISH
    full = one_line(line(reminder, now, zone, phrases))
    if fits(full):
        return full
    tail = " — " + phrases.due_by.format(when=phrases.when(reminder.due, now, zone))
    what = one_line(_what(reminder, phrases))
    company = one_line(reminder.company or "")

    def body(title: str, application: str) -> str:
        return title + (f" — {application}" if application else "") + tail

    if company and fits(candidate := body(what, company)):
        return candidate
    for application in dict.fromkeys((company, shorten(company, WIDTH), "")):
        # The title keeps at least one line before the company gives way.
        budget = MAX_LINES * WIDTH
        while budget >= WIDTH:
            if fits(candidate := body(shorten(what, budget), application)):
                return candidate
            budget -= WIDTH // 4
    return body(shorten(what, WIDTH), "")


def row_lines(
    reminder: Reminder,
    now: datetime,
    zone: str,
    phrases: Phrases | None = None,
    lines: int = 1,
) -> list[str]:
    """One step of a summary in at most ``lines`` lines of :data:`WIDTH`, its brief time
    first: "Mon Follow up on your application" then " — Acme" when it fits. The company
    goes before the title is cut, so the step is still named ("Complete the…" named none)."""
    phrases = phrases or ENGLISH
    start = f"{phrases.brief_when(reminder.due, now, zone)} {one_line(_what(reminder, phrases))}"
    company = one_line(reminder.company or "")
    for text in ([f"{start} — {company}"] if company else []) + [start]:
        wrapped = textwrap.wrap(text, WIDTH)
        if len(wrapped) <= lines:
            return wrapped
    wrapped = textwrap.wrap(start, WIDTH)
    return [*wrapped[: lines - 1], shorten(" ".join(wrapped[lines - 1 :]))]


def for_step(
    reminder: Reminder, now: datetime, zone: str, phrases: Phrases | None = None
) -> Notification:
    phrases = phrases or ENGLISH
    overdue = (now - reminder.due).total_seconds() > OVERDUE_AFTER_S
    return Notification(
        summary=phrases.overdue if overdue else phrases.due,
        body=step_body(reminder, now, zone, phrases),
        step_ids=(reminder.id,),
        actions=phrases.follow_up_actions()
        if reminder.kind == "follow_up"
        else phrases.step_actions(),
    )


def for_many(
    reminders: Sequence[Reminder], now: datetime, zone: str, phrases: Phrases | None = None
) -> Notification:
    """One calm summary instead of a flood: "3 follow-ups are overdue", then at most
    :data:`MAX_LINES` lines: every step when they fit, else one fewer and "and 5 more";
    fewer steps may take two lines each (:func:`row_lines`)."""
    phrases = phrases or ENGLISH
    count = len(reminders)
    overdue = any((now - item.due).total_seconds() > OVERDUE_AFTER_S for item in reminders)
    summary = phrases.many_overdue(count) if overdue else phrases.many_due(count)
    shown = count if count <= MAX_LINES else MAX_LINES - 1
    # Lines the rows do not need (two steps leave two) go to the earliest rows that need them.
    spare = MAX_LINES - shown - (1 if count > shown else 0)
    lines: list[str] = []
    for item in reminders[:shown]:
        rows = row_lines(item, now, zone, phrases, 1 + spare)
        spare -= len(rows) - 1
        lines.extend(rows)
    if count > shown:
        lines.append(phrases.more(count - shown))
    return Notification(
        summary=summary,
        body="\n".join(lines),
        step_ids=tuple(item.id for item in reminders),
        actions=phrases.summary_actions(),
    )


def compose(
    reminders: Sequence[Reminder], now: datetime, zone: str, phrases: Phrases | None = None
) -> Notification | None:
    """The one notification for the steps claimed at one wake-up (None for none)."""
    if not reminders:
        return None
    if len(reminders) == 1:
        return for_step(reminders[0], now, zone, phrases)
    return for_many(reminders, now, zone, phrases)


def cannot_save(reason: str, phrases: Phrases | None = None) -> Notification:
    """Said once when the tray's bookkeeping cannot be saved (issue 13): ``reason`` is the
    fault in a few words ("the disk is full"). Reminders go on from what can be read."""
    phrases = phrases or ENGLISH
    body = phrases.cannot_save_body.format(reason=f"{reason[:1].upper()}{reason[1:]}")
    if not fits(body):
        body = "\n".join(textwrap.wrap(body, WIDTH)[: MAX_LINES - 1]) + ELLIPSIS
    return Notification(
        summary=phrases.cannot_save,
        body=body,
        step_ids=(),
        actions=phrases.summary_actions(),
    )


def offline(where: str, phrases: Phrases | None = None) -> Notification:
    """Said once when the tray loses the database server (issue 16 §5): reminders go on
    from the schedule it last read. ``where``: the server in words."""
    phrases = phrases or ENGLISH
    body = phrases.offline_body.format(where=where)
    if not fits(body):
        body = "\n".join(textwrap.wrap(body, WIDTH)[: MAX_LINES - 1]) + ELLIPSIS
    return Notification(
        summary=phrases.offline, body=body, step_ids=(), actions=phrases.summary_actions()
    )


def markup_escape(text: str) -> str:
    """Plain text as body markup: ``<b>Ann</b> & O'Hara`` shows as typed, never bold.

    The three characters the spec's markup gives meaning to, by hand: ``xml.sax.saxutils``
    would bring ``urllib.request`` (about 10 MiB) into a process that runs all day.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: The words as this module says them when the caller has no translation.
ENGLISH = Phrases()
