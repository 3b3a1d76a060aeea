"""Which PostgreSQL server the user chose, if any: cheap to ask, so the window, the tray and
the command line ask it before loading psycopg or SQLAlchemy (the SQLite path loads
neither)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from afterview.paths import Paths
    from afterview.store.postgres import Server


def server_for(paths: Paths) -> Server | None:
    """The server ``paths`` chooses (None for its SQLite file): ``--database``, else
    ``AFTERVIEW_DATABASE``, else Settings ▸ Storage (:func:`resolve_target`), with the saved
    choice about unencrypted connections. Here, not in the store's module, so the tray finds
    it without loading SQLAlchemy. TargetError (a StoreError) in words."""
    from afterview.store.target_settings import nothing_chosen

    if nothing_chosen(paths.config_dir, paths.database_target):
        return None
    from afterview.store.target import (
        PostgresTarget,
        password_for,
        resolve_target,
        saved_allow_insecure,
    )

    target = resolve_target(paths.database, paths.config_dir, paths.database_target)
    if not isinstance(target, PostgresTarget):
        return None
    from afterview.store.postgres import Server

    insecure = saved_allow_insecure(paths.config_dir)
    if not target.host_is_local():
        return Server(target.connect_params(allow_insecure=insecure), target.display())
    # A server on this computer usually trusts its socket: the keyring is asked only when it
    # wants a password (loading the keyring would cost every start 0.1-0.2 s).
    params = target.connect_params(allow_insecure=insecure, keyring=False)
    return Server(params, target.display(), ask_password=lambda: password_for(target))
