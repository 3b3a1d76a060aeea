"""Errors the store reports to the user: each says what happened and what to do."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """An error with a message meant for the user."""


class NewerSchemaError(StoreError):
    """The database was written by a newer Afterview; it is left untouched."""


def upgraded_meanwhile(where: str, found: int, understood: int) -> NewerSchemaError:
    """The refusal of a save after a newer Afterview upgraded the database while this one had
    it open (issue 16 §2: "this database was upgraded; update Afterview", instead of
    failing). ``where``: the file or the server, in words."""
    return NewerSchemaError(
        f"The database {where} was upgraded by a newer Afterview while this one had it open "
        f"(schema {found}; this version understands up to {understood}). Nothing was saved: "
        "update Afterview on this computer, then open it again."
    )


class DamagedDatabaseError(StoreError):
    def __init__(self, path: Path, moved_to: Path | None, problem: str) -> None:
        self.path = path
        self.moved_to = moved_to
        self.problem = problem
        if moved_to is not None:
            text = (
                f"The database {path} is damaged: {problem}. It was moved aside to {moved_to} "
                "(nothing was deleted). Run 'afterview restore' to list the backups and "
                "restore one."
            )
        else:  # found while reading, after the checks at open passed: often a failing disk
            text = (
                f"The database {path} could not be read: {problem}. Nothing was changed or "
                "moved. If this happens again, check the disk, then run 'afterview restore' "
                "to list the backups."
            )
        super().__init__(text)


class RecordError(StoreError):
    """Bad input for one record: names the record and the field."""

    def __init__(self, record: str, field: str, problem: str) -> None:
        self.record = record
        self.field = field
        self.problem = problem
        super().__init__(f"{record}: field '{field}': {problem}")


class NaiveDatetimeError(ValueError):
    """A datetime without a UTC offset reached the store; its instant is unknown."""
