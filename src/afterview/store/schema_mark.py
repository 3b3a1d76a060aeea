"""The schema version a migration leaves, where the quick probe at open reads it.

SQLite keeps it in ``PRAGMA user_version`` (read without SQLAlchemy or Alembic, see
:func:`afterview.store.sqlite_file.probe_schema_version`). PostgreSQL has no such header
field; there the probe reads Alembic's own ``alembic_version`` row, whose revision ids are
the schema numbers ("0005"), so a migration has nothing more to write
(:func:`afterview.store.postgres.probe_schema_version`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def mark_schema_version(version: int) -> None:
    """Record ``version`` (an int, the migration's number) in the running migration's
    database. Called from a migration's ``upgrade``/``downgrade`` only."""
    from alembic import op

    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA user_version = {int(version)}")


def version_of_revision(revision: str) -> int:
    """The schema number of an Alembic revision id ("0005" → 5; a newer Afterview's
    "0012_whatever" → 12). ValueError when it starts with no number."""
    digits = ""
    for character in revision:
        if not character.isdigit():
            break
        digits += character
    if not digits:
        raise ValueError(f"revision {revision!r} does not start with a schema number")
    return int(digits)


def newest_of_revisions(rows: Iterable[Any]) -> int:
    """The schema number of Alembic's ``alembic_version`` rows (one column each); 0 for none."""
    return max((version_of_revision(str(row[0])) for row in rows), default=0)


def refuse_if_upgraded(version: int, where: str) -> None:
    """Before a save: NewerSchemaError ("was upgraded by a newer Afterview while this one had
    it open") when the schema found under the write lock, ``version``, is newer than this
    Afterview's. ``where``: the file or the server, in words."""
    from afterview.store.errors import upgraded_meanwhile
    from afterview.store.sqlite_file import SCHEMA_VERSION

    if version > SCHEMA_VERSION:
        raise upgraded_meanwhile(where, version, SCHEMA_VERSION)
