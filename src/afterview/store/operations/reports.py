"""Reports on the search as a whole: the job-search log (issue 17 §5). Queries only."""

from __future__ import annotations

from datetime import date

from afterview.domain.job_log import Activity
from afterview.store import activity_log
from afterview.store.errors import RecordError
from afterview.store.operations.core import Core


class Reports:
    def __init__(self, core: Core) -> None:
        self._core = core

    def activities(self, first: date, last: date) -> list[Activity]:
        """Every activity of the search from ``first`` to ``last``, both included, dates in
        the user's home time zone (the ``home_time_zone`` setting): applications sent,
        interviews, follow-ups done and thank-you notes sent, by day, up to the store's clock
        (a round still to come is not listed; see
        afterview.store.activity_log). RecordError when ``last`` is before ``first``."""
        if last < first:
            raise RecordError(
                "job-search log", "range", f"it ends ({last}) before it starts ({first})"
            )
        now = self._core.clock()
        return self._core.read(lambda s: activity_log.activities(s, first, last, now))


__all__ = ["Reports"]
