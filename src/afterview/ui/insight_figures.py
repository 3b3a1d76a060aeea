"""The Insight page's figures in words (issue 17 §4): for each chart its title, what it counts,
and the table a screen reader reads beside it; the chart, the table and the printed page are
all drawn from these, so they never disagree. No QtCharts here: the charts' own module
(afterview.ui.insight_charts) is imported only when the page opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from statistics import median

from PySide6.QtCore import QCoreApplication, QLocale

from afterview.domain.applications import Outcome
from afterview.store.insight_values import REACHED, Insight
from afterview.ui.stage_words import outcome_label

_CONTEXT = "Insight"


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class Shape(StrEnum):
    """How a figure is drawn."""

    #: One bar per row, the row's one count.
    BARS = "bars"
    #: One bar per row, split by column (one colour per column after the first).
    STACKED = "stacked"
    #: A ring, one slice per row.
    RING = "ring"
    #: No chart: the figure is not recorded (its note says why).
    NONE = "none"


@dataclass(frozen=True)
class Figure:
    """One chart: ``rows`` of (label, count per column of ``columns``); ``note`` says what it
    counts, or why it cannot be drawn yet."""

    name: str
    title: str
    note: str
    shape: Shape
    #: The headers: what the rows are, then one per count.
    headers: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int | None, ...]], ...]
    #: An extra column of text per row (a per cent), or empty.
    extra: tuple[str, ...] = ()
    extra_header: str = ""

    @property
    def empty(self) -> bool:
        return not any(count for _label, counts in self.rows for count in counts if count)


#: Days from interview to answer, grouped: (first day, last day or None for "and more").
DAY_GROUPS = ((0, 0), (1, 2), (3, 7), (8, 14), (15, 30), (31, None))


def per_cent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a whole per cent in the user's locale; "–" of nothing."""
    if not whole:
        return "–"
    return tr("{0} %").format(QLocale().toString(round(100 * part / whole)))


def figures(found: Insight) -> list[Figure]:
    """The five charts of the page, in its order."""
    return [_funnel(found), _outcomes(found), _days(found), _thanks(found), _follow_ups(found)]


def _funnel(found: Insight) -> Figure:
    funnel = found.funnel
    rows = (
        (tr("Applied"), (funnel.applied,)),
        (tr("Interviewed"), (funnel.interviewed,)),
        (tr("Next round"), (funnel.next_round,)),
        (tr("Offer"), (funnel.offer,)),
    )
    return Figure(
        "funnel",
        tr("From application to offer"),
        tr(
            "Your applications, those that led to an interview, to a second round and to an "
            "offer. Each step is counted on its own: an offer after one round is not a "
            "second round."
        ),
        Shape.BARS,
        (tr("Step"), tr("Applications")),
        rows,
        tuple(per_cent(count, funnel.applied) for _label, (count,) in rows),
        tr("Of all applications"),
    )


def reached_label(index: int) -> str:
    return (tr("Before an interview"), tr("After an interview"), tr("After an offer"))[index]


def _outcomes(found: Insight) -> Figure:
    shown = [o for o in Outcome if any(found.outcomes.get((r, o)) for r in REACHED)]
    rows = tuple(
        (reached_label(n), tuple(found.outcomes.get((stage, o), 0) for o in shown))
        for n, stage in enumerate(REACHED)
    )
    return Figure(
        "outcomes",
        tr("How closed applications ended"),
        tr("Each closed application's outcome, by how far it had gone."),
        Shape.STACKED,
        (tr("Stage"), *(outcome_label(o) for o in shown)),
        rows,
    )


def day_group_label(first: int, last: int | None) -> str:
    """A group of days, short enough to sit under its bar: "same day", "3–7", "over 30"."""
    locale = QLocale()
    if last is None:
        return tr("over {0}").format(locale.toString(first - 1))
    if first == last == 0:
        return tr("same day")
    return tr("{0}–{1}").format(locale.toString(first), locale.toString(last))


def _days(found: Insight) -> Figure:
    days = found.answer_days
    rows = tuple(
        (
            day_group_label(first, last),
            (sum(1 for d in days if first <= d and (last is None or d <= last)),),
        )
        for first, last in DAY_GROUPS
    )
    note = tr(
        "For each interview answered (a next round, an offer or a rejection), the days from "
        "the interview to the day you recorded the answer."
    )
    if days:
        middle = QLocale().toString(float(median(days)), "g", 3)
        note += " " + tr("Half the answers came within {0} days.").format(middle)
    return Figure(
        "days",
        tr("Days from interview to answer"),
        note,
        Shape.BARS,
        (tr("Days to answer"), tr("Interviews")),
        rows,
    )


def _thanks(found: Insight) -> Figure:
    notes = found.thank_you
    title = tr("Thank-you notes sent on time")
    if notes.per_cent is not None:
        title = tr("Thank-you notes sent on time: {0}").format(per_cent(notes.on_time, notes.sent))
    return Figure(
        "thanks",
        title,
        tr(
            "The thank-you notes you marked done, by their deadline: the time you set, "
            "else the playbook's."
        ),
        Shape.RING,
        (tr("Sent"), tr("Notes")),
        ((tr("On time"), (notes.on_time,)), (tr("Late"), (notes.late,))),
        (per_cent(notes.on_time, notes.sent), per_cent(notes.late, notes.sent)),
        tr("Of notes sent"),
    )


def _follow_ups(found: Insight) -> Figure:
    follow = found.follow_ups
    unanswered = follow.done - follow.answered
    return Figure(
        "follow_ups",
        tr("Follow-ups that got an answer: {0}").format(per_cent(follow.answered, follow.done)),
        tr("The follow-ups you marked done, and whether they got an answer."),
        Shape.RING,
        (tr("Follow-ups"), tr("Count")),
        ((tr("Answered"), (follow.answered,)), (tr("No answer"), (unanswered,))),
        (per_cent(follow.answered, follow.done), per_cent(unanswered, follow.done)),
        tr("Of follow-ups done"),
    )


__all__ = ["DAY_GROUPS", "Figure", "Shape", "figures", "per_cent"]
