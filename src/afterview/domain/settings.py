"""The playbook's settings, each declared once with its default and where it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from enum import StrEnum


class ThankYouDeadline(StrEnum):
    #: Seed 004 "Send a Thank You Email/Card": "within the next 24 hours" (the stricter default).
    HOURS_24 = "24h"
    #: Seeds 002 and 003: "within two business days".
    BUSINESS_DAYS_2 = "2bd"


class ReferenceTiming(StrEnum):
    #: Seed 000 §3: tell them right after the interview.
    NEXT_BUSINESS_DAY = "next_business_day"
    #: Seed 001 §2: once you reach the next stage and are asked for references.
    WHEN_ASKED = "when_asked"


@dataclass(frozen=True)
class Settings:
    thank_you_deadline: ThankYouDeadline = ThankYouDeadline.HOURS_24
    #: Seed 001 §4 "more than one week"; seed 003 "a week to ten days".
    follow_up_days: int = 7
    #: Seed 001 §5: don't become overly aggressive; a second follow-up a week later, then stop.
    second_follow_up_days: int = 7
    max_follow_ups: int = 2
    #: Notifications are held during these hours (start, end), local to the user.
    quiet_hours: tuple[time, time] = (time(21, 0), time(8, 0))
    home_country: str = "US"
    #: ISO weekdays (Monday = 1) that count as business days: the user's override. None takes
    #: each interview country's own work week (Israel works Sunday to Thursday).
    work_days: frozenset[int] | None = None
    #: Working hours [start, end), local to the interview: a step tied only to a date falls due
    #: at the start, and a step that reaches out to someone lands inside them (seed 001 §4:
    #: some interviewers only take phone calls; nobody answers at night or on a holiday).
    workday_start: time = time(9, 0)
    workday_end: time = time(17, 0)
    #: The user's own IANA time zone: the weekly keep-searching nudge, which belongs to no
    #: interview, keeps its wall-clock time here. Filled in from the computer's zone the first
    #: time a database is opened, then stored, so two computers sharing it never disagree.
    home_time_zone: str = "UTC"
    #: Seed 000 §2 "as soon as you can", seed 004 "immediately after".
    debrief_hours: int = 2
    #: Seed 000 §1, 002, 003: collect names, titles and a way to reach each person.
    contact_cards_hours: int = 2
    reference_timing: ReferenceTiming = ReferenceTiming.NEXT_BUSINESS_DAY
    #: Seeds 000 §5, 001 §3, 002, 003, 004: keep searching while few applications are active.
    keep_searching_below: int = 3
    keep_searching_days: int = 7
    #: Days after applying, with no interview yet, before the one follow-up on the application
    #: (issue 17). A choice, not a seed's number: no article speaks of the time after applying;
    #: 10 is the end of the "week to ten days" seed 003 gives for following up an interview.
    application_follow_up_days: int = 10
    #: Days the application's last follow-up may go unanswered before Today offers to close
    #: it as "no response" (issue 17 §3; afterview.domain.no_response). Only offered, never
    #: done. The seed gives the reason, not the number: seed 001 §5 ("Stay calm": panic makes
    #: a follow-up "overly aggressive"), which is why the playbook stops at two follow-ups
    #: (max_follow_ups); after those, letting go is calmer than a third. 14 is a choice: twice
    #: the "more than one week" seed 001 §4 waits before a follow-up.
    no_response_days: int = 14
    #: Seeds 002, 003: after a rejection stay courteous and keep the relationship.
    courtesy_note_days: int = 2
    reconnect_months: int = 3
    #: Common courtesy after an offer (seed 001 §2: references are part of the process).
    thank_references_days: int = 2
    #: Countries (ISO 3166 alpha-2) where thank-you notes are not customary (seed 000 §4).
    no_thank_you_countries: frozenset[str] = field(default_factory=lambda: frozenset({"JP"}))


# --- the app's own settings --------------------------------------------------------------------
# Each a row of the settings table beside the playbook's (whose names are the fields of
# Settings above), declared here once; the store reads and writes them by these names, and the
# interchange format carries them ("preferences", "profile").

#: Start the tray at login: true or false once the user chose; missing until then, and turned
#: on with the first real interview (README "Installing").
TRAY_AUTOSTART = "tray.autostart"
#: Notifications held until this instant (ISO 8601 with offset): the tray's "pause".
TRAY_PAUSED_UNTIL = "tray.paused_until"
#: Paper for letters: "auto" (by the locale's country), "letter" or "a4".
LETTERS_PAGE_SIZE = "letters.page_size"
PAGE_SIZES = ("auto", "letter", "a4")
#: The folder where afterview.ics is kept up to date for a calendar to subscribe to (a path,
#: or null: none).
CALENDAR_FOLDER = "interop.ics_folder"
#: The sender's profile, one row per field of afterview.store.values.Profile.
PROFILE_PREFIX = "profile."

#: Notices the window shows once (the row is true once shown), kept with the data so a second
#: computer sharing it does not show them again; not exported (they belong to this data).
NOTICE_PREFIX = "notice."
#: The selling points were written as a phrase (Afterview 0.2's form): asked once to rewrite
#: them as whole sentences.
SELLING_POINTS_REWRITE_NOTICE = "notice.selling_points_rewrite"

PREFERENCES = (TRAY_AUTOSTART, TRAY_PAUSED_UNTIL, LETTERS_PAGE_SIZE, CALENDAR_FOLDER)
