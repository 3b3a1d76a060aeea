"""What the all-day tray process loads: its memory target (issue 4, <= 1.3x a bare tray icon)
rests on keeping these heavy modules out of the reminding path."""

from __future__ import annotations

import subprocess
import sys

#: Each costs megabytes the tray would hold all day (bench/tray_idle.py measures the total).
HEAVY = {
    "sqlalchemy": "about 45 MiB: the tray reminds through plain sqlite3",
    "alembic": "migrations run in the process that opens a file needing one",
    "holidays": "about 12 MiB of country tables: only planning needs them",
    "_hashlib": "OpenSSL, about 3.5 MiB: the socket name needs no cryptography",
    "xml.sax": "with urllib.request, about 10 MiB: markup is escaped by hand",
}


def test_the_reminding_path_loads_none_of_the_heavy_modules() -> None:
    code = (
        "import sys\n"
        "import afterview.cli, afterview.tray.app\n"
        "from afterview.notify import freedesktop, plyer_backend, qt_backend\n"
        "from afterview.store import plain_database, reminders\n"
        f"heavy = {sorted(HEAVY)!r}\n"
        "print(' '.join(h for h in heavy if any(m == h or m.startswith(h + '.') "
        "for m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = result.stdout.split()
    assert loaded == [], {name: HEAVY[name] for name in loaded}
