"""step keys from record keys, a database identity, derived columns

Release 0.2.0. Step keys held database ids (``i12:thank_you:c3``), which do not survive an
export and import; they become the records' keys (``acme-1:thank_you:c=laura``), so referral
leads get keys too, and so do letters and the references' log, so an import of the same file
twice adds them once. The database gets an identity of its own (``meta.database_id``) that
travels with a copy and an export. Columns that hold a rule's result (a step's effective due,
folded names to sort by, each interview's next step) are added and filled here; from now on
``afterview.store.derived`` keeps them.

Only ALTER TABLE ADD COLUMN and index changes: recreating a table that others refer to would,
with foreign keys on, run the ON DELETE actions of every row that refers to it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from afterview.domain.records import token
from afterview.domain.steps import effective_due, next_step
from afterview.domain.text import fold
from afterview.store.schema_mark import mark_schema_version
from afterview.store.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: The store's instant format (afterview.store.plain_sql.INSTANT_FORMAT at 0.2.0).
_INSTANT = "%Y-%m-%d %H:%M:%S.%f"
_EPOCH = "1970-01-01 00:00:00.000000"


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).replace(tzinfo=UTC) if text else None


def _text(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime(_INSTANT) if moment is not None else None


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "meta",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_meta")),
    )
    bind.execute(
        sa.text("INSERT INTO meta (name, value) VALUES ('database_id', :id)"),
        {"id": uuid.uuid4().hex},
    )
    blank = sa.text("''")
    for table, column in (
        ("interviews", "company_sort"),
        ("interviews", "position_sort"),
        ("interviews", "round_sort"),
        ("interviews", "next_step"),
        ("interviews", "next_step_sort"),
        ("contacts", "sort_name"),
        ("job_references", "sort_name"),
    ):
        op.add_column(table, sa.Column(column, sa.Text(), nullable=False, server_default=blank))
    op.add_column("interviews", sa.Column("next_due", UTCDateTime(), nullable=True))
    for table in ("referral_leads", "reference_notices", "letters"):
        op.add_column(
            table, sa.Column("key", sa.String(length=64), nullable=False, server_default=blank)
        )
    op.add_column(
        "steps",
        sa.Column("due", UTCDateTime(), nullable=False, server_default=sa.text(f"'{_EPOCH}'")),
    )
    op.drop_index("ix_steps_status_due", table_name="steps")
    if bind.dialect.name != "sqlite":  # SQLite enforces no VARCHAR length
        op.alter_column("steps", "key", type_=sa.String(length=320))

    _fill(bind)

    for table in ("referral_leads", "reference_notices", "letters"):
        op.create_index(f"ix_{table}_key", table, ["key"], unique=True)
    op.create_index("ix_steps_status_due", "steps", ["status", "due"])
    mark_schema_version(2)


def _fill(bind: Any) -> None:
    for table, prefix in (("referral_leads", "l"), ("reference_notices", "n"), ("letters", "m")):
        rows = bind.execute(sa.text(f"SELECT id FROM {table}")).all()  # noqa: S608
        if rows:
            bind.execute(
                sa.text(f"UPDATE {table} SET key = :key WHERE id = :id"),  # noqa: S608
                [{"id": row_id, "key": f"{prefix}-{uuid.uuid4().hex[:12]}"} for (row_id,) in rows],
            )
    for table in ("contacts", "job_references"):
        names = bind.execute(sa.text(f"SELECT id, name FROM {table}")).all()  # noqa: S608
        if names:
            bind.execute(
                sa.text(f"UPDATE {table} SET sort_name = :sort WHERE id = :id"),  # noqa: S608
                [{"id": row_id, "sort": fold(name)} for row_id, name in names],
            )
    interviews = bind.execute(sa.text("SELECT id, key, company, position, round FROM interviews"))
    interview_keys: dict[int, str] = {}
    updates = []
    for row_id, key, company, position, rnd in interviews:
        interview_keys[row_id] = token(key, row_id)
        updates.append(
            {"id": row_id, "c": fold(company), "p": fold(position), "r": fold(rnd or "")}
        )
    if updates:
        bind.execute(
            sa.text(
                "UPDATE interviews SET company_sort = :c, position_sort = :p, round_sort = :r "
                "WHERE id = :id"
            ),
            updates,
        )
    tokens = {
        "c": _tokens(bind, "contacts"),
        "r": _tokens(bind, "job_references"),
        "l": _tokens(bind, "referral_leads"),
    }
    _rewrite_steps(bind, interview_keys, tokens)


def _tokens(bind: Any, table: str) -> dict[int, str]:
    rows = bind.execute(sa.text(f"SELECT id, key FROM {table}"))  # noqa: S608
    return {row_id: token(key, row_id) for row_id, key in rows}


class _Step:
    __slots__ = ("due", "id", "status", "title")

    def __init__(self, step_id: int, status: str, due: datetime, title: str) -> None:
        self.id, self.status, self.due, self.title = step_id, status, due, title


def _new_key(old: str, interviews: dict[int, str], tokens: dict[str, dict[int, str]]) -> str:
    """``i12:thank_you:c3`` as ``<interview token>:thank_you:c=<contact token>``."""
    head, _, rest = old.partition(":")
    if not (head.startswith("i") and head[1:].isdigit()):
        return old  # keep_searching:N holds no id
    interview = interviews.get(int(head[1:]))
    if interview is None:
        return old
    kind, _, suffix = rest.partition(":")
    if suffix[:1] in tokens and suffix[1:].isdigit():
        who = tokens[suffix[:1]].get(int(suffix[1:]))
        suffix = f"{suffix[:1]}={who}" if who is not None else suffix
    return f"{interview}:{kind}:{suffix}" if suffix else f"{interview}:{kind}"


def _rewrite_steps(
    bind: Any, interviews: dict[int, str], tokens: dict[str, dict[int, str]]
) -> None:
    rows = bind.execute(
        sa.text(
            "SELECT id, key, interview_id, status, title, planned_due, due_override, "
            "snoozed_until FROM steps"
        )
    ).all()
    updates = []
    open_steps: dict[int, list[_Step]] = {}
    for step_id, key, interview_id, status, title, planned, override, snoozed in rows:
        planned_due = _instant(planned)
        assert planned_due is not None
        due = effective_due(status, planned_due, _instant(override), _instant(snoozed))
        updates.append({"id": step_id, "key": _new_key(key, interviews, tokens), "due": _text(due)})
        if interview_id is not None:
            open_steps.setdefault(interview_id, []).append(_Step(step_id, status, due, title))
    if updates:
        # Through a temporary key first: a new key may equal another step's old one.
        bind.execute(sa.text("UPDATE steps SET key = 'migrating:' || id"))
        bind.execute(sa.text("UPDATE steps SET key = :key, due = :due WHERE id = :id"), updates)
    nexts = []
    for interview_id, found in open_steps.items():
        chosen = next_step(found)
        if chosen is not None:
            nexts.append(
                {
                    "id": interview_id,
                    "title": chosen.title,
                    "sort": fold(chosen.title),
                    "due": _text(chosen.due),
                }
            )
    if nexts:
        bind.execute(
            sa.text(
                "UPDATE interviews SET next_step = :title, next_step_sort = :sort, "
                "next_due = :due WHERE id = :id"
            ),
            nexts,
        )


def downgrade() -> None:
    raise NotImplementedError("Afterview never downgrades a database; restore a backup instead")
