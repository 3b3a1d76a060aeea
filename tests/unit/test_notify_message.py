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
        "13:00 Thank-you note to Laura Chen…",  # 41 characters with " — Acme"
        "12:00 Thank-you note to Laura Chen…",  # 41 characters with " — Acme"
        "11:00 Thank-you note to Laura Chen…",  # 41 characters with " — Acme"
        "and 5 more",
    ]
    assert composed.step_ids == tuple(range(1, 9))


def test_four_steps_fit_without_a_count() -> None:
    four = [reminder(id=n, title=f"Debrief {n}", person=None, company=None) for n in range(4)]
    composed = message.compose(four, NOW, "UTC")
    assert composed is not None
    assert composed.body.splitlines() == [f"15:00 Debrief {n}" for n in range(4)]


def test_a_long_line_is_cut_after_a_word_with_an_ellipsis_and_keeps_its_time() -> None:
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
    first, second = composed.body.splitlines()
    assert first == "Tue 24 Nov 14:00 Follow up on your…"
    assert second == "15:00 Debrief"


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
    assert composed.body.endswith("… — due by 15:00")
    assert composed.body.startswith("Thank-you note to Bartholomew")
    assert len(textwrap.wrap(composed.body, WIDTH)) <= LINES
    # A short one is left exactly as it was.
    short = message.compose([reminder()], NOW, "UTC")
    assert short is not None
    assert short.body == "Thank-you note to Laura Chen — Acme, Backend Engineer — due by 15:00"


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
    else:
        rows = composed.body.split("\n")
        assert len(rows) <= LINES
        assert all(len(row) <= WIDTH for row in rows)
