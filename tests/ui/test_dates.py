"""One date format, the locale's: afterview.ui.dates writes dates and times as QLocale does
for the user's locale (the expected texts are the locales' own conventions, written out)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

import pytest
from PySide6.QtCore import QLocale

from afterview.ui import dates

#: Monday 30 November 2026, 15:05 UTC.
MOMENT = datetime(2026, 11, 30, 15, 5, tzinfo=UTC)
DAY = date(2026, 11, 30)
#: CLDR puts a narrow no-break space before AM/PM.
NB = "\u202f"


@pytest.mark.parametrize(
    ("name", "short", "long", "letter"),
    [
        ("en_US", "11/30/26", "Monday, November 30, 2026", "November 30, 2026"),
        ("en_GB", "30/11/2026", "Monday, 30 November 2026", "30 November 2026"),
        ("de_DE", "30.11.26", "Montag, 30. November 2026", "30. November 2026"),
        ("fr_FR", "30/11/2026", "lundi 30 novembre 2026", "30 novembre 2026"),
        ("ja_JP", "2026/11/30", "2026年11月30日月曜日", "2026年11月30日"),
    ],
)
def test_dates_follow_the_locale(name: str, short: str, long: str, letter: str) -> None:
    locale = QLocale(name)
    assert dates.short_date(DAY, locale=locale) == short
    assert dates.long_date(DAY, locale=locale) == long
    assert dates.letter_date(DAY, locale) == letter


def test_times_are_shown_on_the_wall_clock_of_the_zone_asked_for() -> None:
    us, de = QLocale("en_US"), QLocale("de_DE")
    assert dates.time_of_day(MOMENT, "UTC", us) == f"3:05{NB}PM"
    assert dates.time_of_day(MOMENT, "Asia/Tokyo", de) == "00:05"  # the next day there
    assert dates.short_date(MOMENT, "Asia/Tokyo", de) == "01.12.26"
    assert dates.date_time(MOMENT, "Europe/Berlin", de) == "30.11.26 16:05"
    assert dates.date_time(MOMENT, "America/New_York", us) == f"11/30/26 10:05{NB}AM"
    assert dates.time_of_day(time(9, 30), locale=de) == "09:30"


def test_an_unknown_zone_falls_back_to_the_computers_clock() -> None:
    local = MOMENT.astimezone()
    expected = f"{local:%Y-%m-%d %H:%M}"  # the C locale's ISO form
    assert dates.date_time(MOMENT, "Not/AZone", QLocale("C")) == expected


def test_the_c_locale_writes_iso_dates() -> None:
    c = QLocale("C")
    assert dates.short_date(DAY, locale=c) == "2026-11-30"
    assert dates.date_time(MOMENT, "UTC", c) == "2026-11-30 15:05"
    assert dates.date_edit_format(c) == "yyyy-MM-dd"


def test_relative_days_in_words(use_locale: Callable[[str], None]) -> None:
    use_locale("en_US")
    today = date(2026, 11, 30)  # a Monday
    said = [dates.relative_day(date(2026, 11, d), today) for d in (28, 29, 30)]
    assert said == ["11/28/26", "Yesterday", "Today"]
    assert dates.relative_day(date(2026, 12, 1), today) == "Tomorrow"
    assert dates.relative_day(date(2026, 12, 4), today) == "Friday"
    assert dates.relative_day(date(2026, 12, 6), today) == "Sunday"
    assert dates.relative_day(date(2026, 12, 7), today) == "12/7/26"  # a week on: the date
    later = MOMENT.replace(day=4, month=12, hour=9, minute=0)
    assert dates.relative_date_time(later, MOMENT, "UTC") == f"Friday at 9:00{NB}AM"
    assert dates.relative_date_time(MOMENT, MOMENT, "UTC") == f"Today at 3:05{NB}PM"
    far = MOMENT.replace(year=2027)
    assert dates.relative_date_time(far, MOMENT, "UTC") == f"11/30/27 3:05{NB}PM"


def test_day_counts_go_through_the_plural_forms() -> None:
    assert [dates.day_distance(n) for n in (-2, -1, 0, 1, 3)] == [
        "2 days ago",
        "1 day ago",
        "today",
        "in 1 day",
        "in 3 days",
    ]


def test_editors_get_the_locales_order_with_a_four_digit_year() -> None:
    assert dates.date_edit_format(QLocale("de_DE")) == "dd.MM.yyyy"
    assert dates.date_edit_format(QLocale("en_US")) == "M/d/yyyy"
    assert dates.date_time_edit_format(QLocale("de_DE")) == "dd.MM.yyyy HH:mm"


def test_a_letter_is_dated_in_english_in_its_countrys_order(
    use_locale: Callable[[str], None],
) -> None:
    use_locale("de_DE")  # the user's: German words would not suit an English letter
    assert dates.letter_date(DAY, dates.letter_locale("US")) == "November 30, 2026"
    assert dates.letter_date(DAY, dates.letter_locale("SE")) == "30 November 2026"
    assert dates.letter_date(DAY, dates.letter_locale()) == "30 November 2026"  # en_DE
    assert dates.letter_date(DAY, dates.letter_locale("??")) == "30 November 2026"
