"""Dates and times as the user's locale writes them (QLocale), the one format for every screen.

Every function takes a ``datetime`` that knows its zone (the store keeps UTC) and shows it
on the computer's clock, or in ``zone`` (an IANA name) when given; a ``date`` is shown as
it is. ``locale`` defaults to ``QLocale()``, the application's default (the system's, unless
``QLocale.setDefault`` was called). The words ("Today", "Tomorrow", "in 3 days") go through
Qt's translation machinery in the context "dates", counts with ``%n``.

    short_date(date(2026, 11, 30))             # "11/30/26" (en_US), "30.11.26" (de_DE)
    date_time(moment)                          # "11/30/26 3:00 PM"
    relative_date_time(due, now)               # "Today at 3:00 PM", "Friday at 9:00 AM"
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from afterview.ui.translation import fill

__all__ = [
    "date_edit_format",
    "date_pattern",
    "date_time",
    "date_time_edit_format",
    "day_distance",
    "letter_date",
    "letter_locale",
    "long_date",
    "relative_date_time",
    "relative_day",
    "short_date",
    "time_of_day",
    "time_pattern",
    "wall_time",
]

SHORT = QLocale.FormatType.ShortFormat
LONG = QLocale.FormatType.LongFormat
#: Days ahead within which a day is named by its weekday ("Friday") rather than its date.
WEEKDAY_HORIZON = 6


def _locale(locale: QLocale | None) -> QLocale:
    return locale if locale is not None else QLocale()


def _is_c(loc: QLocale) -> bool:
    return loc.language() == QLocale.Language.C


def date_pattern(loc: QLocale, kind: QLocale.FormatType = SHORT) -> str:
    """The locale's date pattern; for the C locale (LANG=C), whose short date Qt writes
    "30 11 2026", ISO 8601 ("2026-11-30") instead."""
    if _is_c(loc):
        return "yyyy-MM-dd" if kind != LONG else "dddd d MMMM yyyy"
    return loc.dateFormat(kind)


def time_pattern(loc: QLocale) -> str:
    """The locale's short time pattern ("h:mm AP", "HH:mm"; "HH:mm" in the C locale)."""
    return loc.timeFormat(SHORT)


def wall_time(moment: datetime, zone: str | None = None) -> datetime:
    """``moment`` on the wall clock of ``zone`` (an IANA name), else of the computer; a
    naive ``moment`` is taken as already on that clock. An unknown zone falls back to the
    computer's clock rather than failing a screen."""
    if moment.tzinfo is None:
        return moment
    if zone:
        try:
            return moment.astimezone(ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return moment.astimezone()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qtime(moment: datetime | time) -> QTime:
    return QTime(moment.hour, moment.minute, moment.second)


def _day(value: date | datetime, zone: str | None) -> date:
    return wall_time(value, zone).date() if isinstance(value, datetime) else value


def short_date(
    value: date | datetime, zone: str | None = None, locale: QLocale | None = None
) -> str:
    """The locale's short date: "11/30/26" (en_US), "30/11/2026" (en_GB), "30.11.26" (de)."""
    loc = _locale(locale)
    return loc.toString(_qdate(_day(value, zone)), date_pattern(loc))


def long_date(
    value: date | datetime, zone: str | None = None, locale: QLocale | None = None
) -> str:
    """The locale's long date with its weekday: "Monday, November 30, 2026" (en_US)."""
    loc = _locale(locale)
    return loc.toString(_qdate(_day(value, zone)), date_pattern(loc, LONG))


def _without_weekday(pattern: str) -> str:
    """A QLocale date pattern with its weekday ("dddd"/"ddd") and the separator after or
    before it taken out: "dddd, MMMM d, yyyy" -> "MMMM d, yyyy"."""
    stripped = re.sub(r"d{3,4}[,،]?\s*", "", pattern, count=1)
    if stripped == pattern:
        return pattern
    return re.sub(r"[,\s]+$", "", stripped).strip()


def letter_date(day: date, locale: QLocale | None = None) -> str:
    """The date at the top of a letter: the locale's long date without its weekday,
    "November 30, 2026" (en_US), "30 November 2026" (en_GB), "30. November 2026" (de_DE)."""
    loc = _locale(locale)
    return loc.toString(_qdate(day), _without_weekday(date_pattern(loc, LONG)))


def letter_locale(territory: str | None = None) -> QLocale:
    """The locale a letter's date is written in: the templates are English, so English
    words, in the date order of ``territory`` (an ISO 3166 code, as the interview's country;
    default: the user's), so "30 November 2026" for DE, "November 30, 2026" for US. An
    unknown code falls back to the user's territory."""
    code = QLocale.codeToTerritory(territory) if territory else QLocale.Country.AnyTerritory
    if code == QLocale.Country.AnyTerritory:
        code = QLocale().territory()
    return QLocale(QLocale.Language.English, code)


def time_of_day(
    value: datetime | time, zone: str | None = None, locale: QLocale | None = None
) -> str:
    """The locale's short time: "3:00 PM" (en_US), "15:00" (de_DE, en_GB)."""
    moment = wall_time(value, zone) if isinstance(value, datetime) else value
    loc = _locale(locale)
    return loc.toString(_qtime(moment), time_pattern(loc))


def date_time(value: datetime, zone: str | None = None, locale: QLocale | None = None) -> str:
    """The locale's short date and time: "11/30/26 3:00 PM" (en_US), "30.11.26 15:00" (de)."""
    moment = wall_time(value, zone)
    loc = _locale(locale)
    pattern = f"{date_pattern(loc)} {time_pattern(loc)}"
    return loc.toString(QDateTime(_qdate(moment.date()), _qtime(moment)), pattern)


def day_distance(days: int) -> str:
    """A count of days from today in words: "today", "in 1 day", "3 days ago"."""
    if days == 0:
        return QCoreApplication.translate("dates", "today")
    if days > 0:
        return QCoreApplication.translate("dates", "in %n day(s)", None, days)
    return QCoreApplication.translate("dates", "%n day(s) ago", None, -days)


def relative_day(
    value: date | datetime,
    today: date | datetime,
    zone: str | None = None,
    locale: QLocale | None = None,
) -> str:
    """A day as a person says it: "Yesterday", "Today", "Tomorrow", the weekday's name for
    the next six days ("Friday"), else the short date. ``today`` is a date, or a datetime
    read on the same clock as ``value``."""
    day, now = _day(value, zone), _day(today, zone)
    offset = (day - now).days
    if offset == -1:
        return QCoreApplication.translate("dates", "Yesterday")
    if offset == 0:
        return QCoreApplication.translate("dates", "Today")
    if offset == 1:
        return QCoreApplication.translate("dates", "Tomorrow")
    if 1 < offset <= WEEKDAY_HORIZON:
        return _locale(locale).dayName(day.isoweekday(), LONG)
    return short_date(day, locale=locale)


def relative_date_time(
    value: datetime, now: datetime, zone: str | None = None, locale: QLocale | None = None
) -> str:
    """A moment near now as a person says it: "Today at 3:00 PM", "Friday at 9:00 AM";
    further away, the short date and time."""
    moment, current = wall_time(value, zone), wall_time(now, zone)
    offset = (moment.date() - current.date()).days
    if -1 <= offset <= WEEKDAY_HORIZON:
        # %1 the day in words, %2 the time: a translator may reorder them.
        return fill(
            QCoreApplication.translate("dates", "%1 at %2"),
            relative_day(moment.date(), current.date(), locale=locale),
            time_of_day(moment.time(), locale=locale),
        )
    return date_time(moment, locale=locale)


def _four_digit_year(pattern: str) -> str:
    # A typed two-digit year is ambiguous in an editor; the list may show it short.
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def date_edit_format(locale: QLocale | None = None) -> str:
    """A QDateEdit display format in the locale's order, with a four-digit year:
    "M/d/yyyy" (en_US), "dd.MM.yyyy" (de_DE)."""
    return _four_digit_year(date_pattern(_locale(locale)))


def date_time_edit_format(locale: QLocale | None = None) -> str:
    """A QDateTimeEdit display format: the locale's short date (four-digit year) and short
    time, "M/d/yyyy h:mm AP" (en_US), "dd.MM.yyyy HH:mm" (de_DE)."""
    loc = _locale(locale)
    return f"{date_edit_format(loc)} {time_pattern(loc)}"
