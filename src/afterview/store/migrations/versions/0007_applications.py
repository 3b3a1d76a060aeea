"""applications as records: each interview becomes a round of one application

Issue 17 §1. ``applications`` holds what the user applied for and where it stands (stage,
outcome), ``application_events`` each change of that standing with its date, and
``interviews.application_id`` links every interview to its application; ``steps`` gets an
``application_id`` for the follow-up of an application with no interview yet.

Today's interviews are grouped by the rule the playbook used until now, company and position
ignoring case and surrounding spaces (afterview.domain.records.application_group), the sample
data apart from the user's own; each group's stage is the domain's stage rule
(afterview.domain.applications.standing_of) applied to its rounds, so the rule is written
once. Nothing is removed or rewritten: the application takes company and position as its first
round has them, and its one history entry is dated when the latest round's status last
changed (its start when that is not known). The day applied stays unknown.

Only CREATE TABLE and ALTER TABLE ADD COLUMN (see 0004: recreating ``interviews``, which
others refer to, would run the ON DELETE actions of every row that refers to it).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC
from typing import Any

import sqlalchemy as sa
from alembic import op

from afterview.domain.applications import standing_of
from afterview.domain.records import Interview, Status, application_group
from afterview.store.schema_mark import mark_schema_version
from afterview.store.types import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: What the history says moved the standing of an application made here.
GROUPED = "grouped"


def _create_tables() -> None:
    blank = sa.text("''")
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("position", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False, server_default=blank),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("link", sa.Text(), nullable=False, server_default=blank),
        sa.Column("posting", sa.Text(), nullable=False, server_default=blank),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("outcome_detail", sa.Text(), nullable=False, server_default=blank),
        sa.Column("sample", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint("key", name=op.f("uq_applications_key")),
    )
    op.create_index("ix_applications_stage", "applications", ["stage"], unique=False)
    op.create_table(
        "application_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("outcome_detail", sa.Text(), nullable=False, server_default=blank),
        sa.Column("cause", sa.String(length=16), nullable=False, server_default=blank),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_events_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_events")),
    )
    op.create_index(
        "ix_application_events_application_id",
        "application_events",
        ["application_id"],
        unique=False,
    )
    op.create_index("ix_application_events_key", "application_events", ["key"], unique=True)
    for table in ("interviews", "steps"):
        _add_link(table)
        op.create_index(f"ix_{table}_application_id", table, ["application_id"], unique=False)


#: SQLite adds a column with its foreign key in one ALTER TABLE, which Alembic does only by
#: recreating the table (batch mode): not for tables others refer to (see above). Fixed text,
#: no value in it. No ON DELETE action: SQLite cannot say one it could read back (SQLAlchemy
#: reads a column's constraint without it), so the store removes an application's steps and
#: rounds' links itself before it removes the application.
SQLITE_LINK = "ALTER TABLE {table} ADD COLUMN application_id INTEGER REFERENCES applications (id)"


def _add_link(table: str) -> None:
    """``table.application_id``, referring to the application, on either backend."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_LINK.format(table=table))
        return
    op.add_column(table, sa.Column("application_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        op.f(f"fk_{table}_application_id_applications"),
        table,
        "applications",
        ["application_id"],
        ["id"],
    )


INTERVIEWS = sa.table(
    "interviews",
    sa.column("id", sa.Integer()),
    sa.column("key", sa.String()),
    sa.column("company", sa.Text()),
    sa.column("position", sa.Text()),
    sa.column("round", sa.Text()),
    sa.column("start", UTCDateTime()),
    sa.column("status", sa.String()),
    sa.column("status_changed_at", UTCDateTime()),
    sa.column("sample", sa.Boolean()),
    sa.column("application_id", sa.Integer()),
)
APPLICATIONS = sa.table(
    "applications",
    sa.column("id", sa.Integer()),
    sa.column("key", sa.String()),
    sa.column("company", sa.Text()),
    sa.column("position", sa.Text()),
    sa.column("stage", sa.String()),
    sa.column("outcome", sa.String()),
    sa.column("outcome_detail", sa.Text()),
    sa.column("sample", sa.Boolean()),
)
EVENTS = sa.table(
    "application_events",
    sa.column("key", sa.String()),
    sa.column("application_id", sa.Integer()),
    sa.column("at", UTCDateTime()),
    sa.column("stage", sa.String()),
    sa.column("outcome", sa.String()),
    sa.column("outcome_detail", sa.Text()),
    sa.column("cause", sa.String()),
)


def _round(row: Any) -> Interview:
    """The fields of a stored interview the stage rule reads, as the domain's record."""
    return Interview(
        id=row.id,
        company=row.company,
        position=row.position,
        start=row.start,
        time_zone="UTC",
        round=row.round or "",
        status=Status(row.status),
        status_changed_at=row.status_changed_at,
        key=row.key,
        sample=bool(row.sample),
    )


def group_interviews(rounds: list[Interview]) -> list[list[Interview]]:
    """Interviews as applications: grouped by records.application_group, the sample data
    apart; each group in start order, the groups in the order of their first rounds."""
    groups: dict[tuple[bool, str, str], list[Interview]] = defaultdict(list)
    for interview in sorted(rounds, key=lambda i: (i.start, i.id)):
        groups[
            (interview.sample, *application_group(interview.company, interview.position))
        ].append(interview)
    return list(groups.values())


def _group() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(INTERVIEWS).order_by(INTERVIEWS.c.id)).all()
    groups = group_interviews([_round(row) for row in rows])
    if not groups:
        return
    made = []
    for rounds in groups:
        first, standing = rounds[0], standing_of(rounds)
        # Named as the first round spells it, without stray spaces (as a new one is named:
        # afterview.store.applications).
        made.append(
            {
                "key": f"a-{first.key}",
                "company": first.company.strip(),
                "position": first.position.strip(),
                "stage": standing.stage.value,
                "outcome": standing.outcome.value if standing.outcome else None,
                "outcome_detail": standing.outcome_detail,
                "sample": all(i.sample for i in rounds),
            }
        )
    op.bulk_insert(APPLICATIONS, made)
    found = bind.execute(sa.select(APPLICATIONS.c.key, APPLICATIONS.c.id))
    ids = {key: app_id for key, app_id in found}
    events: list[dict[str, Any]] = []
    links: list[dict[str, int]] = []
    for rounds, application in zip(groups, made, strict=True):
        latest = rounds[-1]
        at = latest.status_changed_at or latest.start
        app_id = ids[application["key"]]
        events.append(
            {
                "key": f"e-{application['key']}",
                "application_id": app_id,
                "at": at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC),
                "stage": application["stage"],
                "outcome": application["outcome"],
                "outcome_detail": application["outcome_detail"],
                "cause": GROUPED,
            }
        )
        links.extend({"interview": i.id, "application": app_id} for i in rounds)
    op.bulk_insert(EVENTS, events)
    bind.execute(
        INTERVIEWS.update()
        .where(INTERVIEWS.c.id == sa.bindparam("interview"))
        .values(application_id=sa.bindparam("application")),
        links,
    )


def upgrade() -> None:
    _create_tables()
    _group()
    mark_schema_version(7)


def downgrade() -> None:
    raise NotImplementedError("Afterview never downgrades a database; restore a backup instead")


__all__ = ["group_interviews", "upgrade"]
