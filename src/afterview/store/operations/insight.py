"""The Insight page's figures (issue 17 §4): a query only."""

from __future__ import annotations

from afterview.store import insight
from afterview.store.insight_values import Insight
from afterview.store.operations.core import Core


class InsightOps:
    def __init__(self, core: Core) -> None:
        self._core = core

    def figures(self) -> Insight:
        """The funnel, outcomes by stage, days from interview to answer, thank-you notes on
        time and follow-ups answered, of the user's own records (samples left out); what
        each counts is in afterview.store.insight. Raises what any read raises
        (afterview.store.errors.UnavailableError when the database cannot be read)."""
        return self._core.read(insight.insight)


__all__ = ["InsightOps"]
