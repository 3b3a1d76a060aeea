"""A coach's desk (issue 16, item 7): several job seekers on one server, each in a schema of
their own, and read-only access for a coach, given and taken back with PostgreSQL's grants.

PostgreSQL does the enforcing, not Afterview: :func:`share` grants the coach's role USAGE on
the job seeker's schema and SELECT on its tables (now and, through ALTER DEFAULT PRIVILEGES,
tables a later migration makes), nothing else, so the server refuses any write of the
coach's, even SQL of their own. Afterview only notices that it cannot write
(:func:`open_for_reading`) and opens the search read-only, saying whose it is, and never
tries to migrate a schema it does not own.

Imported only for a PostgreSQL target: the SQLite path never loads psycopg.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from afterview.domain.settings import PROFILE_PREFIX
from afterview.store.errors import StoreError
from afterview.store.faults import Fault, UnavailableError
from afterview.store.sqlite_file import SCHEMA_VERSION

if TYPE_CHECKING:
    import psycopg

    from afterview.store.postgres import Server

#: The table whose INSERT privilege says whether this role may write the search.
_PROBE_TABLE = "interviews"
SAVING = "could not save"


class ReadingOthersSearch(UnavailableError):
    """The search belongs to another role, which shared it to be read only: every write is
    refused (by the server too). ``owner``: the job seeker's name from their profile, or
    the role that owns the schema when the profile has none."""

    def __init__(self, owner: str, detail: str = "") -> None:
        self.owner = owner
        super().__init__(Fault.NOT_ALLOWED, SAVING, detail)

    @property
    def advice(self) -> str:
        return f"this is {self.owner}'s search, shared with you to read only."

    def __str__(self) -> str:
        return f"You are reading {self.owner}'s search (read-only): nothing can be changed."


class NotSharedError(StoreError):
    """Sharing needs a PostgreSQL database: the message says so."""


def can_write(connection: psycopg.Connection[Any]) -> bool:
    """Whether the connection's role may write the search in its current schema: INSERT
    on its tables when they exist, else CREATE on the schema (to make them)."""
    row = connection.execute(
        "SELECT CASE WHEN to_regclass(%s) IS NOT NULL "
        "THEN has_table_privilege(to_regclass(%s), 'INSERT') "
        "ELSE current_schema() IS NOT NULL "
        "AND has_schema_privilege(current_schema(), 'CREATE') END",
        (_PROBE_TABLE, _PROBE_TABLE),
    ).fetchone()
    return bool(row is not None and row[0])


def owner_name(connection: psycopg.Connection[Any]) -> str:
    """The job seeker's name from the profile in the current schema (plain text), else the
    role that owns the schema."""
    row = connection.execute(
        "SELECT value FROM settings WHERE name = %s", (PROFILE_PREFIX + "name",)
    ).fetchone()
    if row is not None:
        try:
            name = json.loads(str(row[0]))
        except ValueError:
            name = None
        if isinstance(name, str) and name.strip():
            return name.strip()
    found = connection.execute(
        "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = current_schema()"
    ).fetchone()
    return str(found[0]) if found is not None and found[0] is not None else "another user"


def open_for_reading(server: Server) -> ReadingOthersSearch | None:
    """None when this role may write the search on ``server`` (open it as usual, migrating
    if due); else why it may only read it. StoreError, with nothing changed, when the
    shared search is at another schema: newer (update Afterview) or older (its owner must
    open it with the new Afterview first, since a reader may not migrate it)."""
    import psycopg

    from afterview.store.postgres import newer, probe_schema_version, refused

    with server.connect(autocommit=True) as connection:
        try:
            if can_write(connection):
                return None
            version = probe_schema_version(connection)
            if version == 0:
                schema = connection.execute("SELECT current_schema()").fetchone()
                if schema is not None and schema[0] is not None:
                    return None  # the ordinary open says why it cannot create the tables
                raise StoreError(
                    f"There is no search you may open on {server.display}: its schema does "
                    "not exist, or you may not use it (was it shared with you?)."
                )
            owner = owner_name(connection)
        except psycopg.Error as error:
            raise refused(error, server.display, "could not read the database") from error
    if version > SCHEMA_VERSION:
        raise newer(server.display, version)
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{owner}'s search on {server.display} was made by an older Afterview (schema "
            f"{version}; this one needs {SCHEMA_VERSION}), and you may only read it. Ask "
            f"{owner} to open it with the new Afterview first; nothing was changed."
        )
    return ReadingOthersSearch(owner, f"role may not write the search on {server.display}")


def _check_role(connection: psycopg.Connection[Any], role: str) -> None:
    row = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if row is None:
        raise StoreError(
            f'There is no role "{role}" on the server. Ask whoever runs it to create one for '
            "your coach (CREATE ROLE name LOGIN), then share with it."
        )


def _schema(connection: psycopg.Connection[Any]) -> str:
    row = connection.execute("SELECT current_schema()").fetchone()
    if row is None or row[0] is None:
        raise StoreError("The database has no schema for this search yet; open it first.")
    return str(row[0])


def share(server: Server, role: str) -> str:
    """Give ``role`` read-only access to the search in the current schema: USAGE on the
    schema, SELECT on its tables and on tables made later. Returns the schema's name.
    StoreError in words when the role does not exist or this role may not grant."""
    from psycopg import sql

    return _grant(
        server,
        role,
        (
            "GRANT USAGE ON SCHEMA {schema} TO {role}",
            "GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {role}",
        ),
        sql,
    )


def stop_sharing(server: Server, role: str) -> str:
    """Take back what :func:`share` gave ``role`` (and any other privilege on the search's
    tables). Returns the schema's name; StoreError in words as for :func:`share`."""
    from psycopg import sql

    return _grant(
        server,
        role,
        (
            "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} REVOKE ALL ON TABLES FROM {role}",
            "REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}",
            "REVOKE ALL ON SCHEMA {schema} FROM {role}",
        ),
        sql,
    )


def _grant(server: Server, role: str, statements: tuple[str, ...], sql: Any) -> str:
    import psycopg

    from afterview.store.postgres import refused

    schema = "this search"
    with server.connect() as connection:
        try:
            _check_role(connection, role)
            schema = _schema(connection)
            names = {"schema": sql.Identifier(schema), "role": sql.Identifier(role)}
            for statement in statements:
                connection.execute(sql.SQL(statement).format(**names))
            connection.commit()
        except psycopg.Error as error:
            connection.rollback()
            state = getattr(error, "sqlstate", "") or ""
            if state == "42501":  # insufficient_privilege
                raise StoreError(
                    f"Only the owner of the search in schema {schema} may share it; "
                    "nothing was changed."
                ) from error
            raise refused(error, server.display, "could not share the search") from error
    return schema


def shared_with(server: Server) -> list[str]:
    """The roles that may read the search in the current schema (its owner left out)."""
    with server.connect() as connection:
        rows = connection.execute(
            "SELECT DISTINCT pg_get_userbyid(a.grantee) FROM pg_namespace n, "
            "aclexplode(n.nspacl) a WHERE n.nspname = current_schema() "
            "AND a.privilege_type = 'USAGE' AND a.grantee <> n.nspowner AND a.grantee <> 0 "
            "ORDER BY 1"
        ).fetchall()
    return [str(name) for (name,) in rows]
