"""an interview remembers the calendar invitation it came from

Issue 18 §1: an interview imported from a calendar invitation keeps the invitation's ``UID``
(RFC 5545 §3.8.4.7) and ``SEQUENCE`` (RFC 5545 §3.8.7.4), so a later invitation for the same
meeting reschedules it (a higher SEQUENCE) or cancels it (``METHOD:CANCEL``, RFC 5546 §3.2.5)
instead of making a second interview. ``interviews.ical_uid`` is "" for an interview typed by
hand (every interview before this migration), indexed for the look-up by UID;
``interviews.ical_sequence`` is 0 for them.

Two columns added with ALTER TABLE ADD COLUMN and a server default on both backends: no row
is rewritten, nothing is lost.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from afterview.store.schema_mark import mark_schema_version

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "interviews",
        sa.Column("ical_uid", sa.Text(), nullable=False, server_default=sa.text("''")),
    )
    op.add_column(
        "interviews",
        sa.Column("ical_sequence", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )
    op.create_index("ix_interviews_ical_uid", "interviews", ["ical_uid"])
    mark_schema_version(9)


def downgrade() -> None:
    raise NotImplementedError("Afterview never downgrades a database; restore a backup instead")
