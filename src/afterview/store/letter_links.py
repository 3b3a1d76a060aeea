"""What a letter was written for, kept across a delete and its undo.

Deleting an interview, card or reference deletes its steps, and the database then clears
the step link of every letter written for one of them (letters.step_id is ON DELETE SET
NULL), so the letter editor, which opens a step's latest letter, would fall back to the
template. Undo re-plans the steps under the same stable keys (afterview.domain.playbook
.step_key), so a letter is linked again through its step's key, not its old id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.store.models import LetterRow, StepRow


def step_keys(session: Session, letter_ids: Iterable[int]) -> dict[int, str]:
    """The key of the step each of these letters was written for (letters without a step
    are left out): read before a delete, while the steps still exist."""
    wanted = sorted(set(letter_ids))
    found: dict[int, str] = {}
    for first in range(0, len(wanted), 500):
        query = (
            select(LetterRow.id, StepRow.key)
            .join(StepRow, StepRow.id == LetterRow.step_id)
            .where(LetterRow.id.in_(wanted[first : first + 500]))
        )
        found.update({letter_id: key for letter_id, key in session.execute(query)})
    return found


def relink_steps(session: Session, keys: Mapping[int, str]) -> None:
    """Link each letter (id -> step key) to the step that has its key now, unless the letter
    is gone or has been linked to another step since. A letter whose step the plan no longer
    has keeps its other links (its interview, its person) and no step."""
    for letter_id, key in keys.items():
        letter = session.get(LetterRow, letter_id)
        if letter is None or letter.step_id is not None:
            continue
        letter.step_id = session.scalar(select(StepRow.id).where(StepRow.key == key))
    session.flush()


__all__ = ["relink_steps", "step_keys"]
