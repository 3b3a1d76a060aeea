"""an interview's region, the user's home time zone

Release 0.3.0. Interviews get an optional ISO 3166-2 region (``GB-ENG``, ``DE-BY``) whose
public holidays count for the steps that reach out to someone (issue 12 §1). The weekly
keep-searching nudge keeps its wall-clock time in the user's own zone (issue 12 §2): the
computer's zone at the time of this migration, stored once so that two computers sharing the
database never disagree. Nothing is removed or rewritten; the steps are planned again under
the new rules the first time the store opens (``afterview.store.operations.Store``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from afterview.localzone import local_zone_name
from afterview.store.schema_mark import mark_schema_version

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "interviews",
        sa.Column("region", sa.String(length=16), nullable=False, server_default=sa.text("''")),
    )
    bind = op.get_bind()
    present = bind.execute(sa.text("SELECT 1 FROM settings WHERE name = 'home_time_zone'"))
    if present.first() is None:
        bind.execute(
            sa.text("INSERT INTO settings (name, value) VALUES ('home_time_zone', :value)"),
            {"value": json.dumps(local_zone_name())},
        )
    mark_schema_version(3)


def downgrade() -> None:
    raise NotImplementedError("Afterview never downgrades a database; restore a backup instead")
