"""a contact's several emails, phones and structured postal addresses

Release 0.3.0. Address books keep several emails, phones and postal addresses per card, each
with its labels and rank (issue 12 §3). They move to a table of their own, ``contact_ways``;
each contact gets the user's choice among them (``chosen_email``, ``chosen_phone``,
``chosen_address``: None until the user picks one in the editor).

Today's single ``email``, ``phone`` and ``address`` of each contact become its first rows:
the free-text address goes whole into ``street``, so nothing is lost or guessed. The old
columns stay where they are and keep the chosen value as a cache (lists and plain readers
read them without a join); ``afterview.store.contact_way_rows`` keeps them in step.

Only CREATE TABLE and ALTER TABLE ADD COLUMN: recreating ``contacts``, which others refer to,
would with foreign keys on run the ON DELETE actions of every row that refers to it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from afterview.store.schema_mark import mark_schema_version

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    blank = sa.text("''")
    op.create_table(
        "contact_ways",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False, server_default=blank),
        sa.Column("labels", sa.Text(), nullable=False, server_default=blank),
        sa.Column("pref", sa.Integer(), nullable=True),
        sa.Column("street", sa.Text(), nullable=False, server_default=blank),
        sa.Column("locality", sa.Text(), nullable=False, server_default=blank),
        sa.Column("region", sa.Text(), nullable=False, server_default=blank),
        sa.Column("postal_code", sa.Text(), nullable=False, server_default=blank),
        sa.Column("country", sa.Text(), nullable=False, server_default=blank),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_ways_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_ways")),
    )
    op.create_index("ix_contact_ways_contact_id", "contact_ways", ["contact_id"], unique=False)
    for column in ("chosen_email", "chosen_phone", "chosen_address"):
        op.add_column("contacts", sa.Column(column, sa.Integer(), nullable=True))
    bind = op.get_bind()
    # Blank: only spaces, tabs and line ends; SQLite's trim() and PostgreSQL's btrim() say so.
    blanks = (
        "btrim({}, chr(32) || chr(9) || chr(10) || chr(13))"
        if bind.dialect.name == "postgresql"
        else "trim({}, char(32, 9, 10, 13))"
    )
    # Each non-blank single value becomes position 0 of its kind, exactly as it was stored.
    for kind, target in (("email", "value"), ("phone", "value"), ("address", "street")):
        bind.execute(
            sa.text(
                f"INSERT INTO contact_ways (contact_id, kind, position, {target}) "  # noqa: S608
                f"SELECT id, '{kind}', 0, {kind} FROM contacts "
                f"WHERE {blanks.format(kind)} != '' ORDER BY id"
            )
        )
    mark_schema_version(4)


def downgrade() -> None:
    raise NotImplementedError("Afterview never downgrades a database; restore a backup instead")
