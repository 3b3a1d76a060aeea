"""A notification's body stays within four lines of 36 characters (issue 13: dunst, as
shipped, cut the last lines of a summary), and is shortened where it matters least."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from afterview.notify import message
from afterview.store.reminders import Reminder
from tests.unit.test_notify import NOW, reminder

#: The figures issue 13 settles on: four lines, at 36 characters a line (dunst as
#: shipped wraps at 37).
LINES, WIDTH = 4, 36


def test_a_summary_lists_three_steps_and_counts_the_rest() -> None:
    many = [reminder(id=n, due=NOW - timedelta(hours=n)) for n in range(1, 9)]
    composed = message.compose(many, NOW, "UTC")
    assert composed is not None
    assert composed.body.splitlines() == [
        # 41 characters with " — Acme": the company gives way, the title stays whole.
        "13:00 Thank-you note to Laura Chen",
        "12:00 Thank-you note to Laura Chen",
        "11:00 Thank-you note to Laura Chen",
        "and 5 more",
    ]
    assert composed.step_ids == tuple(range(1, 9))


def test_four_steps_fit_without_a_count() -> None:
    four = [reminder(id=n, title=f"Debrief {n}", person=None, company=None) for n in range(4)]
    composed = message.compose(four, NOW, "UTC")
    assert composed is not None
    assert composed.body.splitlines() == [f"15:00 Debrief {n}" for n in range(4)]


def test_two_steps_may_take_two_lines_each_and_keep_their_time() -> None:
    long = reminder(
        id=1,
        title="Follow up on your application",
        person="Maximiliane Oberhauser-Lindqvist",
        company="Vereinigte Versicherungen",
        due=NOW + timedelta(days=2),
    )
    other = reminder(id=2, title="Debrief", person=None, company=None)
    composed = message.compose([long, other], NOW, "UTC")
    assert composed is not None
    # The company gives way before the title; the spare lines take the person's name.
    assert composed.body.splitlines() == [
        "Tue Follow up on your application",
        "with Maximiliane Oberhauser-",
        "Lindqvist",
        "15:00 Debrief",
    ]


def test_the_testers_three_overdue_steps_are_named_in_full() -> None:
    """Finding 13 (issue 14): "2026-11-30 01:00 Follow up on your…" / "… Complete the…"."""
    now = datetime(2026, 12, 1, 0, 40, tzinfo=UTC)
    night = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    company = "شركة النور للتقنية"
    steps = [
        reminder(
            id=13,
            title="Follow up on your application",
            person="ليلى حداد",
            company=company,
            due=datetime(2026, 11, 30, 1, 0, tzinfo=UTC),
        ),
        reminder(id=8, title="Write the debrief", person=None, company=company, due=night),
        reminder(id=9, title="Complete the contact cards", person=None, company=company, due=night),
    ]
    composed = message.compose(steps, now, "UTC")
    assert composed is not None
    assert composed.summary == "3 follow-ups are overdue"
    assert composed.body.splitlines() == [
        "Mon Follow up on your application",
        "with ليلى حداد — شركة النور للتقنية",
        "Mon Write the debrief",
        "Mon Complete the contact cards",
    ]


def test_five_steps_show_three_and_say_and_2_more() -> None:
    steps = [reminder(id=n, title=f"Debrief {n}", person=None, company="Acme") for n in range(5)]
    composed = message.compose(steps, NOW, "UTC")
    assert composed is not None
    assert composed.body.splitlines() == [
        "15:00 Debrief 0 — Acme",
        "15:00 Debrief 1 — Acme",
        "15:00 Debrief 2 — Acme",
        "and 2 more",
    ]


def test_a_rows_time_is_brief() -> None:
    assert message.brief_when(datetime(2026, 11, 22, 9, 5, tzinfo=UTC), NOW, "UTC") == "09:05"
    assert message.brief_when(NOW - timedelta(days=6), NOW, "UTC") == "Mon"
    assert message.brief_when(NOW + timedelta(days=6), NOW, "UTC") == "Sat"
    assert message.brief_when(NOW - timedelta(days=7), NOW, "UTC") == "15 Nov"
    # In the user's zone: 23:30 UTC on the 22nd is 08:30 on the 23rd in Tokyo.
    late = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert message.brief_when(late, NOW, "Asia/Tokyo") == "Mon"


def test_a_name_with_no_spaces_is_cut_mid_word() -> None:
    assert message.shorten("X" * 60) == "X" * 35 + "…"


def test_a_long_step_keeps_its_due_time_and_stays_within_four_lines() -> None:
    long = reminder(
        title="Thank-you note to " + "Bartholomew " * 12,
        person=None,
        company="The Very Long Company Name Incorporated International",
        position="Principal Distinguished Staff Engineer",
    )
    composed = message.compose([long], NOW, "UTC")
    assert composed is not None
    # The position goes first, then the title is cut: the company stays.
    assert composed.body.endswith(
        "… — The Very Long Company Name Incorporated International — due by 15:00"
    )
    assert composed.body.startswith("Thank-you note to Bartholomew")
    assert len(textwrap.wrap(composed.body, WIDTH)) <= LINES
    # A short one is left exactly as it was.
    short = message.compose([reminder()], NOW, "UTC")
    assert short is not None
    assert short.body == "Thank-you note to Laura Chen — Acme, Backend Engineer — due by 15:00"


def test_a_long_name_in_the_title_no_longer_pushes_the_company_off() -> None:
    """Finding 13: "Thank-you note to Tom "TJ" O<Brien> & Partners Wolfeschlegel…-Alexander…
    — due by 00:43" named no company."""
    name = 'Tom "TJ" O<Brien> & Partners Wolfeschlegelsteinhausenbergerdorff-Maximilian-Alexander'
    step = reminder(
        title=f"Thank-you note to {name}",
        person=name,
        company='Müller & Söhne <GmbH> "Berlin" 🚀',
        position="Senior Data Engineer",
        due=datetime(2026, 11, 22, 14, 43, tzinfo=UTC),
    )
    composed = message.compose([step], NOW, "UTC")
    assert composed is not None
    assert composed.body.startswith("Thank-you note to Tom")
    assert composed.body.endswith(' — Müller & Söhne <GmbH> "Berlin" 🚀 — due by 14:43')
    assert len(textwrap.wrap(composed.body, WIDTH)) <= LINES


def test_the_position_gives_way_before_the_title() -> None:
    step = reminder(
        title="Thank-you note to Maximiliane Oberhauser-Lindqvist",
        person=None,
        company="Vereinigte Versicherungen",
        position="Senior Backend Engineer (Payments Team)",
    )
    assert not message.fits(message.line(step, NOW, "UTC"))  # all of it takes five lines
    # It would fit with the title cut: the whole title is worth more than the position.
    composed = message.compose([step], NOW, "UTC")
    assert composed is not None
    assert composed.body == (
        "Thank-you note to Maximiliane Oberhauser-Lindqvist — Vereinigte Versicherungen"
        " — due by 15:00"
    )


def test_newlines_in_a_title_add_no_lines() -> None:
    typed = reminder(title="Call\nback\n\n\tsoon", person=None)
    one = message.compose([typed], NOW, "UTC")
    many = message.compose([typed, typed], NOW, "UTC")
    assert one is not None and many is not None
    assert one.body == "Call back soon — Acme, Backend Engineer — due by 15:00"
    assert many.body.splitlines()[0] == "15:00 Call back soon — Acme"


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
optional = st.none() | texts


@given(
    st.lists(
        st.builds(
            Reminder,
            id=st.integers(1, 10**6),
            kind=st.just("follow_up"),
            title=texts.filter(str.strip),
            person=optional,
            company=optional,
            position=optional,
            due=st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1), timezones=st.just(UTC)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_any_body_stays_within_four_lines_of_36(reminders: list[Reminder]) -> None:
    composed = message.compose(reminders, NOW, "Europe/Berlin")
    assert composed is not None
    if len(reminders) == 1:
        assert len(textwrap.wrap(composed.body, WIDTH)) <= LINES
        assert composed.body.endswith(
            f" — due by {message.when(reminders[0].due, NOW, 'Europe/Berlin')}"
        )
        company = message.one_line(reminders[0].company or "")
        if 0 < len(company) <= 12:  # a short company always outlives the title's tail
            assert f" — {company}" in composed.body
    else:
        rows = composed.body.split("\n")
        assert len(rows) <= LINES
        assert all(len(row) <= WIDTH for row in rows)
