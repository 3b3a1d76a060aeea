"""Alembic environment: runs on the engine Afterview hands over, never from alembic.ini."""

from __future__ import annotations

from alembic import context

from afterview.store.models import Base

config = context.config
engine = config.attributes["engine"]

# IMMEDIATE: two processes opening a new database at once take turns instead of one failing
# with "database is locked" when its read of alembic_version turns into a write.
with engine.connect().execution_options(afterview_begin="IMMEDIATE") as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite can only ALTER a table by copying it
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
