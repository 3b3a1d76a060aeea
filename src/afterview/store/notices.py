"""Forgetting a step's notices when it moves: a step moved, snoozed or reopened is announced
again, by every computer, at its new time (``step_notices``, issue 16 §3)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete
from sqlalchemy.orm import Session

from afterview.store.models import StepNoticeRow


def forget_notices(session: Session, step_ids: Iterable[int | None]) -> None:
    """Delete every computer's notice of ``step_ids`` (ids still None: a new row has none)."""
    ids = [step_id for step_id in step_ids if step_id is not None]
    if ids:
        session.execute(delete(StepNoticeRow).where(StepNoticeRow.step_id.in_(ids)))


__all__ = ["forget_notices"]
