"""a contact's salutation and family name; each step's rule id and its parameters

Release 0.3.0. Letters greet "Dear Ms Anders" only when the user has set a salutation and a
family name on the card, never guessed from the name (issue 14, "Greetings"); both start
blank, so every letter greets as before. Each step keeps the id of the playbook rule that
planned it and that rule's parameters (JSON), so the window and the tray can word its reason
in the user's language; the English ``reason`` stays for the command line's JSON. The rule
ids are filled the first time the store opens, when the steps are planned again.

Only ALTER TABLE ADD COLUMN, as in 0004.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from afterview.store.schema_mark import mark_schema_version

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    blank = sa.text("''")
    op.add_column(
        "contacts",
        sa.Column("salutation", sa.String(length=8), nullable=False, server_default=blank),
    )
    op.add_column(
        "contacts", sa.Column("family_name", sa.Text(), nullable=False, server_default=blank)
    )
    op.add_column(
        "steps", sa.Column("rule", sa.String(length=64), nullable=False, server_default=blank)
    )
    op.add_column(
        "steps",
        sa.Column("rule_params", sa.Text(), nullable=False, server_default=sa.text("'{}'")),
    )
    # The interview's next step keeps its rule too, so the list words it like Today does.
    op.add_column(
        "interviews",
        sa.Column("next_step_rule", sa.String(length=64), nullable=False, server_default=blank),
    )
    op.add_column(
        "interviews",
        sa.Column("next_step_params", sa.Text(), nullable=False, server_default=sa.text("'{}'")),
    )
    mark_schema_version(5)


def downgrade() -> None:
    raise NotImplementedError("Afterview never downgrades a database; restore a backup instead")
