"""The saved choice of database: ``storage.ini`` in the config directory, never the database.

``[storage]`` holds ``database`` (the target's text, as the user wrote it, without a
password) and ``allow_insecure`` (yes/no: the user's opt-in to plain TCP to a remote host).
Written whole or not at all, 0600 (afterview.private_files).
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from afterview.private_files import make_private_dir, write_private

if TYPE_CHECKING:
    import configparser

SETTINGS_FILE = "storage.ini"
SECTION = "storage"


class SettingsFileError(ValueError):
    """storage.ini exists but cannot be read; the message names the file and the problem."""


def _read(config_dir: Path) -> configparser.ConfigParser:
    # Here, not at the top: the SQLite tray with no storage.ini never needs it (0.2 MiB).
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    path = config_dir / SETTINGS_FILE
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError, configparser.Error) as error:
        raise SettingsFileError(f"the settings file {path} cannot be read: {error}") from error
    return parser


def nothing_chosen(config_dir: Path, explicit: str | None) -> bool:
    """True when no database was chosen: no ``--database`` (``explicit``), no
    ``AFTERVIEW_DATABASE`` and no ``storage.ini``; then the data directory's SQLite file is the
    one, and the SQLite path (the all-day tray above all) need not load the target parser."""
    from afterview.paths import ENV_DATABASE  # here: paths imports this module's callers

    return (
        explicit is None
        and not os.environ.get(ENV_DATABASE, "").strip()
        and not (config_dir / SETTINGS_FILE).exists()
    )


def read_setting(config_dir: Path) -> tuple[str | None, bool]:
    """The saved target text (None when none is saved) and whether plain TCP to a remote host
    is allowed. SettingsFileError when the file exists but is not a settings file."""
    if not (config_dir / SETTINGS_FILE).exists():
        return None, False  # nothing chosen: the SQLite file, without loading configparser
    parser = _read(config_dir)
    text = parser.get(SECTION, "database", fallback="").strip() or None
    try:
        allow = parser.getboolean(SECTION, "allow_insecure", fallback=False)
    except ValueError as error:
        path = config_dir / SETTINGS_FILE
        raise SettingsFileError(
            f"the settings file {path}: allow_insecure must be yes or no"
        ) from error
    return text, allow


def write_setting(config_dir: Path, text: str | None, allow_insecure: bool) -> None:
    """Save ``text`` as the target (None: remove it, back to the SQLite default) with the
    ``allow_insecure`` choice, keeping the file's other settings. OSError when it cannot be
    written (nothing is changed then); SettingsFileError when the old file is unreadable."""
    import configparser

    parser = _read(config_dir)
    if text is None:
        with contextlib.suppress(configparser.NoSectionError):
            parser.remove_option(SECTION, "database")
            parser.remove_option(SECTION, "allow_insecure")
    else:
        if not parser.has_section(SECTION):
            parser.add_section(SECTION)
        parser.set(SECTION, "database", text)
        parser.set(SECTION, "allow_insecure", "yes" if allow_insecure else "no")
    if parser.has_section(SECTION) and not parser.items(SECTION):
        parser.remove_section(SECTION)
    out = io.StringIO()
    parser.write(out)
    make_private_dir(config_dir)
    write_private(config_dir / SETTINGS_FILE, out.getvalue().encode("utf-8"))
