"""No personal data outside the database and what the user exports (issue 13 §5), proven
with canary tokens.

Every field a user fills in (an interview, its debrief and referrals, the contacts, the
references and their log, the profile letters are signed with) holds a token of its own.
A realistic day runs as a desktop would run it: a JSON import, the steps listed and one
snoozed, the window opened on the data and closed, the tray started on a private session bus
with a notification server, the reminder shown and "Done" clicked on it, a letter saved as
PDF. Then every file written in the home folder (data, config, cache), the runtime folder
and the temporary folder is read, except the database, its -wal/-shm, the backups and the
exports; the tray's and the window's stderr are read too. No token may appear in any of
them, nor in any file's name. What Afterview wrote in its own folders is also 0700/0600, and
the tray, the first to open a data directory an older version left readable by others,
says in its log what it made private.
"""

from __future__ import annotations

import functools
import json
import os
import re
import secrets
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from afterview.paths import Paths
from afterview.store.api import open_store
from afterview.store.database import open_database
from afterview.store.models import StepNoticeRow, StepRow
from afterview.store.values import Profile
from tests.desktop.conftest import screenshot, wait_until
from tests.desktop.tray.conftest import ROOT, NotificationServer, snooze_soon
from tests.desktop.window.x11 import close_window, window_id

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

RUN = secrets.token_hex(3)


def token(field: str) -> str:
    """A word no program would write by chance, naming the field it was put in."""
    return f"cnry{re.sub('[^a-z]', '', field.lower())}{RUN}"


class Canaries:
    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}
        digits = f"{secrets.randbelow(1000):03d}"
        # Phone numbers must parse: unique digits, looked for with and without spaces.
        self.phone = f"+1 202 555 0{digits}"
        self.phone_digits = f"2025550{digits}"

    def __call__(self, field: str) -> str:
        value = token(field)
        self.tokens[field] = value
        return value

    def email(self, field: str) -> str:
        return f"{self(field)}@example.org"

    def found_in(self, data: bytes) -> list[str]:
        text = data.lower()
        hits = [field for field, value in self.tokens.items() if value.encode() in text]
        compact = re.sub(rb"[^0-9]", b"", data)
        if self.phone_digits.encode() in compact:
            hits.append("a phone number")
        return hits


def document(canary: Canaries) -> dict[str, Any]:
    """The sample's shape (afterview/1), every text field a canary."""
    debrief = {
        name: canary(f"debrief {name}")
        for name in (
            "learned",
            "significant_points",
            "open_questions",
            "strong_points",
            "to_improve",
            "thank_you_topic",
        )
    }
    return {
        "format": "afterview/1",
        "settings": {"quiet_hours": ["00:00", "00:00"], "home_country": "US"},
        "contacts": [
            {
                "key": "person",
                "name": canary("contact name"),
                "title": canary("contact title"),
                "company": canary("contact company"),
                "email": canary.email("contact email"),
                "phone": canary.phone,
                "address": f"{canary('contact street')} 1\n{canary('contact city')}",
                "notes": canary("contact notes"),
                "preferred_channel": "email",
            }
        ],
        "references": [
            {
                "key": "ref",
                "name": canary("reference name"),
                "relationship": canary("reference relationship"),
                "email": canary.email("reference email"),
                "permission_date": "2026-01-10",
            }
        ],
        "interviews": [
            {
                "key": "job-1",
                "company": canary("interview company"),
                "position": canary("interview position"),
                "round": canary("interview round"),
                "start": (datetime.now(UTC) - timedelta(hours=30)).strftime("%Y-%m-%dT%H:%M"),
                "time_zone": "UTC",
                "duration_minutes": 60,
                "format": "video",
                "location": canary("interview location"),
                "country": "US",
                "status": "awaiting_decision",
                "people": [{"contact": "person", "role": "hiring_manager"}],
                "references": ["ref"],
                "decided_by": canary("interview decided by"),
                "referrals": [
                    {
                        "name": canary("referral name"),
                        "email": canary.email("referral email"),
                        "note": canary("referral note"),
                    }
                ],
                "debrief": debrief,
            }
        ],
    }


def _add_profile_and_log(where: Paths, canary: Canaries) -> None:
    """What the import format v1 does not carry, written as the window would; and a calm
    start for the tray (what is due was announced already), so the one reminder shown is
    the test's."""
    with open_database(where) as db, db.write() as session:
        for row in session.query(StepRow):
            row.notified_at = datetime.now(UTC)
            # ... on every computer (issue 16 keeps "notified" per computer)
            session.add(StepNoticeRow(step_id=row.id, computer="*", notified_at=row.notified_at))
    with open_store(where) as store:
        store.settings.save_profile(
            Profile(
                name=canary("profile name"),
                phone="+1 202 555 0999",
                email=canary.email("profile email"),
                signature=canary("profile signature"),
                selling_points=canary("profile selling points"),
            )
        )
        (reference,) = store.references.items()
        (interview,) = store.interviews.each()
        store.references.add_notice(
            reference.id,
            at=datetime.now(UTC),
            channel="email",
            note=canary("reference log note"),
            interview_id=interview.id,
        )


@pytest.fixture
def home(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A home of the test's own (data, config and cache where platformdirs puts them), a
    runtime folder short enough for sockets, and a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="avr", dir="/tmp") as runtime:
        folders = {
            "home": tmp_path / "home",
            "runtime": Path(runtime),
            "tmp": tmp_path / "tmp",
            "exports": tmp_path / "exports",
        }
        for folder in folders.values():
            folder.mkdir(exist_ok=True, mode=0o700)
        yield folders


def _env(home: dict[str, Path], display: str, bus: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "AFTERVIEW_"))}
    base = home["home"]
    return {
        **env,
        "HOME": str(base),
        "XDG_DATA_HOME": str(base / ".local" / "share"),
        "XDG_CONFIG_HOME": str(base / ".config"),
        "XDG_CACHE_HOME": str(base / ".cache"),
        "XDG_STATE_HOME": str(base / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(home["runtime"]),
        "TMPDIR": str(home["tmp"]),
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "DBUS_SESSION_BUS_ADDRESS": bus,
        "PYTHONPATH": str(ROOT / "src"),
    }


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "afterview", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _stop(process: subprocess.Popen[str]) -> str:
    try:
        _out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        _out, err = process.communicate()
    return err


def test_no_canary_leaves_the_database_and_the_exports(
    home: dict[str, Path],
    trayer: str,
    notification_server: NotificationServer,
) -> None:
    canary = Canaries()
    env = _env(home, trayer, notification_server.address)
    source = home["exports"] / "interviews.json"
    source.write_text(json.dumps(document(canary)), encoding="utf-8")
    _run(env, "import", "json", str(source))
    data_dir = home["home"] / ".local" / "share" / "Afterview"
    config_dir = home["home"] / ".config" / "Afterview"
    where = Paths(data_dir=data_dir, config_dir=config_dir, backup_dir=data_dir / "backups")
    assert where.database.is_file(), sorted(p.name for p in home["home"].rglob("*"))
    _add_profile_and_log(where, canary)

    pending = json.loads(_run(env, "steps", "--json", "--status", "pending"))
    thanks = next(item for item in pending if item["kind"] == "thank_you")
    assert canary.tokens["contact name"] in thanks["title"]  # the canaries reach the steps

    # As an older Afterview left them: the tray, started first at login, tightens them and
    # says so in its log.
    data_dir.chmod(0o755)
    where.database.chmod(0o644)
    tray = subprocess.Popen(
        [sys.executable, "-m", "afterview", "tray"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = data_dir / "logs" / "tray.log"
    window = None
    try:
        wait_until(
            lambda: (log.exists() and "tray running" in log.read_text()) or tray.poll() is not None,
            timeout=60,
            what="the tray to start",
        )
        assert tray.poll() is None, tray.communicate()
        lines = log.read_text().splitlines()
        told = [line.split(": ", 1)[1] for line in lines if "private" in line]
        assert told == [
            f"made {data_dir} private: other users could reach it (it was 0755, it is now 0700)",
            f"made {where.database} private: other users could reach it (it was 0644, it is "
            "now 0600)",
        ]
        window = subprocess.Popen(
            [sys.executable, "-m", "afterview"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_until(
            lambda: window_id(trayer, "Afterview") is not None or window.poll() is not None,
            timeout=60,
            what="the window",
        )
        assert window.poll() is None, window.communicate()
        last = [b""]

        def settled() -> bool:
            shot = screenshot(trayer, "canary-window").read_bytes()
            same, last[0] = shot == last[0], shot
            return same

        wait_until(settled, what="the window to paint the data")

        snooze_soon(functools.partial(_run, env), thanks["id"], seconds=2)
        wait_until(lambda: bool(notification_server.calls()), timeout=30, what="the reminder")
        (call,) = notification_server.calls()
        assert canary.tokens["contact name"] in call["body"]  # shown to the user, as it must be
        notification_server.invoke(call["id"], "done")
        wait_until(lambda: "done from its notification" in log.read_text(), what="the step done")

        pdf = home["exports"] / "thanks.pdf"
        _run(
            env, "letter", "--interview", "job-1", "--person", canary.tokens["contact name"],
            "--template", "thank_you_letter", "--pdf", str(pdf),
        )  # fmt: skip
        assert pdf.read_bytes().startswith(b"%PDF")
        _run(env, "export", "json", str(home["exports"] / "everything.json"))
    finally:
        found = window_id(trayer, "Afterview")
        if found is not None:
            close_window(trayer, found)
        window_errors = _stop(window) if window is not None else ""
        if tray.poll() is None:
            tray.send_signal(signal.SIGTERM)
        tray_errors = _stop(tray)
    assert window is not None and window.returncode == 0, window_errors
    assert tray.returncode == 0, tray_errors
    assert (config_dir / "window.ini").is_file()  # the window saved its state

    # The export has every canary: the check below can see them where they are.
    everything = (home["exports"] / "everything.json").read_bytes()
    assert sorted(canary.found_in(everything)) == sorted([*canary.tokens, "a phone number"])

    database = where.database
    allowed = {database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))}
    read = []
    leaks: dict[str, list[str]] = {}
    for folder in (home["home"], home["runtime"], home["tmp"]):
        for path in sorted(folder.rglob("*")):
            name_hits = canary.found_in(str(path.relative_to(folder)).encode())
            if name_hits:
                leaks[f"{path} (its name)"] = name_hits
            if path in allowed or where.backup_dir in path.parents:
                continue
            if path.is_symlink() or not path.is_file():
                continue
            read.append(str(path.relative_to(home["home"].parent)))
            hits = canary.found_in(path.read_bytes())
            if hits:
                leaks[str(path)] = hits
    for what, text in (("the tray's stderr", tray_errors), ("the window's", window_errors)):
        hits = canary.found_in(text.encode())
        if hits:
            leaks[what] = hits
    assert leaks == {}
    # It did look where things are written.
    expected = {"home/.config/Afterview/window.ini", "home/.local/share/Afterview/logs/tray.log"}
    assert expected <= set(read), read

    # And what Afterview wrote in its own folders is the user's alone.
    loose = {}
    for folder in (data_dir, config_dir):
        for path in [folder, *folder.rglob("*")]:
            bits = stat.S_IMODE(path.lstat().st_mode)
            if bits != (0o700 if path.is_dir() else 0o600):
                loose[str(path)] = oct(bits)
    assert loose == {}
