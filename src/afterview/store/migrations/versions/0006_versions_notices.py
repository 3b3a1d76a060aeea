"""a version on every record two computers may edit at once; notices kept per computer

Release 0.4.0 (issue 16, "One job search on several computers"). Each interview, contact,
reference and debrief gets a ``version`` that every save raises by one: a save that finds
another number than the one its editor read was beaten by another computer (optimistic
concurrency, the same on both backends). ``step_notices`` keeps, per step and per
computer, when that computer's tray announced it, so the first tray to fire does not
silence the others; the notices already given (``steps.notified_at``) become notices for
every computer (``computer = '*'``), so nothing is announced twice after the upgrade.

On PostgreSQL the folded sort columns compare bytes (``COLLATE "C"``), as SQLite's BINARY
does, whatever the server's default collation: the list's order is the same on both.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from afterview.store.schema_mark import mark_schema_version
from afterview.store.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: The records an editor holds open while the user types.
VERSIONED = ("interviews", "contacts", "job_references", "debriefs")
#: The folded text the lists sort by (afterview.domain.text.fold).
SORT_COLUMNS = (
    ("interviews", "company_sort"),
    ("interviews", "position_sort"),
    ("interviews", "round_sort"),
    ("interviews", "next_step_sort"),
    ("contacts", "sort_name"),
    ("job_references", "sort_name"),
)
EVERY_COMPUTER = "*"


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(
            table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
    op.create_table(
        "step_notices",
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("computer", sa.String(length=64), nullable=False),
        sa.Column("notified_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["steps.id"],
            name=op.f("fk_step_notices_step_id_steps"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("step_id", "computer", name=op.f("pk_step_notices")),
    )
    op.execute(
        sa.text(
            "INSERT INTO step_notices (step_id, computer, notified_at) "
            "SELECT id, :every, notified_at FROM steps WHERE notified_at IS NOT NULL"
        ).bindparams(every=EVERY_COMPUTER)
    )
    if op.get_bind().dialect.name == "postgresql":
        for table, column in SORT_COLUMNS:
            op.alter_column(table, column, type_=sa.Text(collation="C"), existing_nullable=False)
    mark_schema_version(6)


def downgrade() -> None:
    raise NotImplementedError("Afterview never downgrades a database; restore a backup instead")
