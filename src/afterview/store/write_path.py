"""The one path every successful write ends through, whoever wrote: the window, the command
line, the tray's step processes, an import, a restore.

In order, after the transaction has committed:

1. a backup, when one is due (at most hourly while the data changes, README "Backups");
2. the calendar file a calendar client subscribes to, when the user chose a folder and the
   write touched steps, interviews or settings;
3. the tray's login entry, on by default once the first real interview is in (sample data
   does not count), unless the user turned it off (README "Installing");
4. the broadcast: ``{"type": "changed", "kinds": [...]}`` to the other Afterview processes of
   this database over local sockets, on a PostgreSQL server to every computer as a
   ``NOTIFY`` (:mod:`afterview.store.server_changes`), then to this process's listeners.

A step that fails does not undo the write, which is already safe on disk: it becomes a
warning on the returned :class:`~afterview.store.changes.Changes`, in words for the user,
and the next steps still run.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from typing import TYPE_CHECKING

from afterview import ipc
from afterview.store.backup import BackupSkipped
from afterview.store.changes import Changes, Kind
from afterview.store.errors import StoreError
from afterview.store.faults import unavailable

if TYPE_CHECKING:
    from afterview.store.operations import Store

log = logging.getLogger(__name__)

#: Set (to anything) to keep the login entry untouched: tests and the self-test, which must not
#: write into the user's real autostart folder.
NO_AUTOSTART_ENV = "AFTERVIEW_NO_AUTOSTART"


def after_write(store: Store, changes: Changes) -> Changes:
    """Run the follow-ups of a committed write; returns ``changes`` with their warnings."""
    warnings: list[str] = []
    # First, as every follow-up names the database by it: an import into an empty database
    # has just taken the identity of the file it came from.
    before = store.identity
    store.refresh_identity()
    try:
        store.backups.take_if_due()
    except Exception as error:  # retried after the next write; the data itself is safe
        warnings.append(_in_words(error, "No backup could be taken now"))
    overdue = store.backups.overdue_warning()
    if overdue is not None:
        warnings.append(overdue)
    if changes.touches(Kind.STEPS, Kind.INTERVIEWS, Kind.SETTINGS):
        from afterview.interop.ics_sync import refresh_calendar_file

        try:
            refresh_calendar_file(store)
        except Exception as error:
            warnings.append(_in_words(error, "The calendar file was not updated"))
    if changes.touches(Kind.INTERVIEWS) and not os.environ.get(NO_AUTOSTART_ENV):
        try:
            _login_entry(store)
        except Exception as error:
            warnings.append(_in_words(error, "The reminders could not be set to start at login"))
    warnings += _tell_processes(store, changes, before)
    warnings += _tell_computers(store, changes)
    done = replace(changes, warnings=tuple(warnings))
    for listener in list(store.listeners):
        try:
            listener(done)
        except Exception:  # a page that fails to reload must not turn the write into an error
            log.exception("a listener failed after a write")
    return done


def _in_words(error: Exception, what: str) -> str:
    """A follow-up's failure as a warning: a StoreError's own sentence (a skipped backup says
    what happened), a fault in words, anything else with its text (and in the log)."""
    if isinstance(error, BackupSkipped):
        return str(error)
    fault = unavailable(error, what)
    if fault is not None:
        return str(fault)
    if not isinstance(error, StoreError | OSError):
        log.exception("%s", what)
    return f"{what}: {error}"


def _login_entry(store: Store) -> None:
    if store.settings.claim_autostart_default():
        from afterview.tray.autostart import enable

        enable(store.paths)


def _tell_processes(store: Store, changes: Changes, before: str) -> list[str]:
    message = changes.message()
    try:
        instances = [store.instance]
        if before != store.identity:
            # An import into an empty database took the identity of the file it came from:
            # the processes still listen under the old one, and re-listen when they hear this.
            instances.append(ipc.name(before, store.paths.data_dir))
    except OSError as error:  # the data directory went away under us
        return [f"The change is saved, but the other windows could not be told ({error})."]
    problems = []
    for instance in instances:
        problems += ipc.notify_changed(instance, message, skip=store.role)
    return [f"The change is saved, but {problem}." for problem in problems]


def _tell_computers(store: Store, changes: Changes) -> list[str]:
    """On a server: NOTIFY the windows and trays of every computer (this one's other
    processes too, when they use another data directory)."""
    engine, server = store.engine_and_server
    if server is None:
        return []
    from afterview.store.computer import computer_id
    from afterview.store.server_notify import notify_after_commit

    try:
        notify_after_commit(
            engine, (kind.value for kind in changes.kinds), computer_id(store.paths)
        )
    except (StoreError, OSError) as error:
        return [f"The change is saved, but the other computers could not be told ({error})."]
    return []


__all__ = ["NO_AUTOSTART_ENV", "after_write"]
