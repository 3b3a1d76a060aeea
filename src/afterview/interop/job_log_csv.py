"""The job-search log as CSV (issue 17 §5): one row per activity, the words of the PDF's
table, every cell made safe as the other CSV exports make theirs
(:func:`afterview.interop.csv_export.neutralise`: a cell starting ``=``, ``+``, ``-`` or ``@``
is never run as a formula). Qt-free."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from afterview.domain.job_log import Activity, row_words
from afterview.interop.csv_export import Column, csv_text
from afterview.interop.files import write_atomically

#: The columns, in the order of afterview.domain.job_log.COLUMN_WORDS.
COLUMNS = tuple(
    Column(name)
    for name in ("date", "activity", "employer", "position", "contact", "how", "result")
)


def log_csv(activities: Sequence[Activity]) -> bytes:
    """The activities as CSV bytes: UTF-8 with a BOM so Excel reads the accents, CRLF lines,
    a header row of :data:`COLUMNS`, dates in ISO 8601 (the user's home time zone)."""
    rows = [
        dict(zip((column.name for column in COLUMNS), row_words(activity), strict=True))
        for activity in activities
    ]
    return ("\ufeff" + csv_text(COLUMNS, rows)).encode("utf-8")


def write_log_csv(activities: Sequence[Activity], path: Path) -> int:
    """Write the CSV to ``path`` whole or not at all; returns the number of activities.
    StoreError, in words, when the disk or the folder refuses."""
    write_atomically(Path(path), log_csv(activities))
    return len(activities)


__all__ = ["COLUMNS", "log_csv", "write_log_csv"]
