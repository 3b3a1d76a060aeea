"""This computer's name in the shared database: a random id kept in the config directory.

Each computer's tray announces a step once (issue 16 §3): the ``step_notices`` table is
keyed by step and computer, so the first tray to fire does not silence the others. The id
is random (never the host name: it travels to the server and into exports), made on first
use and kept private (:mod:`afterview.private_files`).
"""

from __future__ import annotations

import logging
import os
import re

from afterview.paths import Paths
from afterview.private_files import make_private_dir, write_private

FILE_NAME = "computer-id"
#: The id that stands for every computer (notices given before they were kept per computer).
EVERY_COMPUTER = "*"
_VALID = re.compile(r"[0-9a-f]{32}")
log = logging.getLogger(__name__)


def computer_id(paths: Paths) -> str:
    """This computer's id (32 hex digits), from ``config_dir/computer-id``; made (0600) when
    missing or damaged. When it cannot be saved (a read-only folder), an id for this process
    alone: nothing this computer announces can be saved then either, and reading and
    exporting go on."""
    path = paths.config_dir / FILE_NAME
    try:
        found = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        found = ""
    if _VALID.fullmatch(found):
        return found
    # os.urandom, not uuid: uuid loads platform too, 0.3 MiB more for the all-day tray.
    made = os.urandom(16).hex()
    try:
        make_private_dir(paths.config_dir)
        write_private(path, made.encode("ascii") + b"\n")
    except OSError as error:
        log.warning("this computer's id cannot be kept in %s (%s); using one for now", path, error)
    return made


__all__ = ["EVERY_COMPUTER", "FILE_NAME", "computer_id"]
