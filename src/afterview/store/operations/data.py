"""Everything at once: export and import in the interchange format, and the sample records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from afterview.store import interchange, sample
from afterview.store.changes import Changes, Outcome
from afterview.store.operations.core import Core
from afterview.store.values import ImportSummary, SampleCounts


class Data:
    def __init__(self, core: Core) -> None:
        self._core = core

    def export_document(self) -> dict[str, Any]:
        """Everything the user made, as an interchange document (README, the format); which
        steps were announced, as this computer's tray did (afterview.store.computer)."""
        from afterview.store.computer import computer_id

        computer = computer_id(self._core.paths)
        return self._core.read(lambda session: interchange.export_document(session, computer))

    def import_document(self, document: interchange.Document) -> Outcome[ImportSummary]:
        """Write a parsed document in one transaction (a bad one was refused whole when it
        was parsed), then re-plan, keeping what the user did with each step."""

        def work(session: Session, now: datetime) -> ImportSummary:
            return interchange.import_document(session, document, now)

        return self._core.write(work, Changes.everything())

    def sample_counts(self) -> SampleCounts:
        return self._core.read(sample.count_sample)

    def add_sample(self) -> Outcome[SampleCounts]:
        return self._core.write(sample.add_sample, Changes.everything())

    def remove_sample(self) -> Outcome[SampleCounts]:
        return self._core.write(sample.remove_sample, Changes.everything())
