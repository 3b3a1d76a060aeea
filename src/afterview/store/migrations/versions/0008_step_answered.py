"""whether a follow-up got an answer

Issue 17 §3: marking a follow-up done asks, in one click, whether it got an answer.
``steps.answered`` keeps that answer: true (they answered), false (no answer yet), NULL for
every step done before this question existed and for the steps that are not follow-ups. The
insight page counts the answers; Today offers to close an application as "no response" once
its last follow-up has gone unanswered long enough (afterview.domain.no_response).

A nullable column added with ALTER TABLE ADD COLUMN on both backends: no row is rewritten,
nothing is lost.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from afterview.store.schema_mark import mark_schema_version

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("steps", sa.Column("answered", sa.Boolean(), nullable=True))
    mark_schema_version(8)


def downgrade() -> None:
    raise NotImplementedError("Afterview never downgrades a database; restore a backup instead")
