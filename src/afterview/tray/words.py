"""The tray's words in the user's language: notification phrases, step titles worded from
their rule ids (:mod:`afterview.ui.rule_words`), times by the locale."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone

from afterview.notify.message import Phrases
from afterview.store.reminders import Reminder
from afterview.ui.rule_words import words

CONTEXT = "Tray"


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)


def title(reminder: Reminder) -> str:
    """A step's title in the user's language; its stored English one for an unknown rule."""
    return words(reminder.rule, reminder.rule_params, reminder.title, "").title


def when(due: datetime, now: datetime, zone: str) -> str:
    """ "15:00" today, else the locale's short date and time, in ``zone`` (ISO 8601 under
    the C locale, whose short date Qt writes "24 11 2026")."""
    tz = ZoneInfo(zone)
    local = due.astimezone(tz)
    moment = QDateTime.fromSecsSinceEpoch(int(due.timestamp()), QTimeZone(zone.encode()))
    locale = QLocale()
    if local.date() == now.astimezone(tz).date():
        return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    if locale.language() == QLocale.Language.C:
        return locale.toString(moment, "yyyy-MM-dd HH:mm")
    return locale.toString(moment, QLocale.FormatType.ShortFormat)


def brief_when(due: datetime, now: datetime, zone: str) -> str:
    """A summary row's time in a few characters, in ``zone``: "15:00" today, the locale's
    short weekday within six days either side ("Mon"), else day and short month."""
    tz = ZoneInfo(zone)
    local, today = due.astimezone(tz).date(), now.astimezone(tz).date()
    moment = QDateTime.fromSecsSinceEpoch(int(due.timestamp()), QTimeZone(zone.encode()))
    locale = QLocale()
    if local == today:
        return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    if abs((local - today).days) < 7:
        return locale.toString(moment, "ddd")
    return locale.toString(moment, "d MMM")


def phrases() -> Phrases:
    """The notification phrases, translated now (the language may change between reminders)."""
    return Phrases(
        title=title,
        when=when,
        brief_when=brief_when,
        with_person=_tr("{what} with {person}"),
        due_by=_tr("due by {when}"),
        due=_tr("Follow-up due"),
        overdue=_tr("Follow-up overdue"),
        many_due=lambda n: _tr("%n follow-up(s) due", "", n),
        many_overdue=lambda n: _tr("%n follow-up(s) overdue", "", n),
        more=lambda n: _tr("and %n more", "", n),
        done=_tr("Done"),
        no_answer=_tr("Done, no answer yet"),
        answered=_tr("Done, they answered"),
        snooze=_tr("Snooze 1 h"),
        open=_tr("Open"),
        open_afterview=_tr("Open Afterview"),
        cannot_save=_tr("Afterview cannot save now"),
        cannot_save_body=_tr("{reason}. Reminders go on; changes wait until it can save."),
        offline=_tr("Afterview cannot reach the database server"),
        offline_body=_tr("{where} cannot be reached. Reminders go on from the schedule last read."),
    )


def offline_tooltip() -> str:
    """The line the icon's tooltip adds while the server cannot be reached."""
    return _tr("Offline: reminding from the last schedule read")


__all__ = ["brief_when", "offline_tooltip", "phrases", "title", "when"]
