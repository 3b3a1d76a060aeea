"""A newer Afterview upgrades the database while this one has it open (issue 16 §2: the
computers still on the older version "say 'this database was upgraded; update Afterview'
instead of failing"). The next save, the window's and the tray's alike, is refused in those
words and writes nothing; reading goes on. On both backends."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterview import paths
from afterview.store.api import open_store
from afterview.store.errors import NewerSchemaError
from afterview.store.reminder_store import open_tray_database
from afterview.store.values import ContactFields

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
WORDS = "was upgraded by a newer Afterview while this one had it open (schema 99"


def _upgrade_underneath(data_dir: Path, backend: str) -> None:
    """What a newer Afterview's migration leaves, written from outside this Afterview."""
    if backend == "sqlite":
        with sqlite3.connect(paths.resolve(data_dir).database) as connection:
            connection.execute("PRAGMA user_version = 99")
        return
    import psycopg

    with psycopg.connect(os.environ["AFTERVIEW_DATABASE"]) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_newer_release'")


def test_the_windows_next_save_says_the_database_was_upgraded(data_dir: Path, backend: str) -> None:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        store.contacts.create(ContactFields(name="Ann Lee"))
        _upgrade_underneath(data_dir, backend)
        with pytest.raises(NewerSchemaError) as refused:
            store.contacts.create(ContactFields(name="Bo Chen"))
        assert WORDS in str(refused.value)
        assert "update Afterview on this computer" in str(refused.value)
        assert [contact.name for contact in store.contacts.all()] == ["Ann Lee"]


def test_the_trays_next_write_says_the_database_was_upgraded(data_dir: Path, backend: str) -> None:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW):
        pass  # made and migrated as this version writes it
    tray = open_tray_database(paths.resolve(data_dir))
    try:
        with tray.write() as connection:
            connection.execute("SELECT 1")
        _upgrade_underneath(data_dir, backend)
        with pytest.raises(NewerSchemaError) as refused, tray.write():
            pytest.fail("the write went ahead on the newer schema")
        assert WORDS in str(refused.value)
    finally:
        tray.close()
