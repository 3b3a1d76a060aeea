"""A change visible in another process, on a local PostgreSQL (issue 16: p95 <= 1 s).

A second process plays the other computer: it LISTENs as the window and the tray do
(:class:`afterview.store.server_changes.ChangeListener`, woken by ``select`` on its socket
as a ``QSocketNotifier`` would be), and on each NOTIFY reads the changed interview back
through a new snapshot, as a reload would. This process makes ``CHANGES`` writes through the
store (each one ends through the one write path, which sends the NOTIFY), one at a time,
and each latency is from just before the write to the moment the other process has read
the new value (CLOCK_MONOTONIC is one clock for every process on a machine).

The server is a throwaway cluster (tests/pg_cluster.py) on a Unix socket. Run:
``.venv/bin/python bench/pg_change_latency.py`` (``BENCH_CHANGES``, default 50).
"""

from __future__ import annotations

import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHANGES = int(os.environ.get("BENCH_CHANGES", "50"))
TARGET_S = 1.0


def listen(uri: str, config: str, count: int) -> None:
    """The other computer: print, per change, when its new value was read (monotonic)."""
    from afterview import paths
    from afterview.store.computer import computer_id
    from afterview.store.server_changes import ChangeListener
    from afterview.store.server_choice import server_for

    where = paths.Paths(
        data_dir=Path(config) / "data",
        config_dir=Path(config),
        backup_dir=Path(config) / "backups",
        database_target=uri,
    )
    server = server_for(where)
    assert server is not None
    listener = ChangeListener(server, computer_id(where))
    listener.connect()
    reader = server.connect(autocommit=True)
    print("ready", flush=True)
    seen = 0
    while seen < count:
        select.select([listener.fileno()], [], [], 30.0)
        for _message in listener.drain():
            row = reader.execute("SELECT position FROM interviews ORDER BY id LIMIT 1").fetchone()
            print(
                json.dumps({"at": time.monotonic(), "value": row[0] if row else None}), flush=True
            )
            seen += 1
    listener.close()
    reader.close()


def latencies_s(cluster: Any, scratch: Path, changes: int = CHANGES) -> list[float]:
    """Seconds from each of ``changes`` writes to its new value read by the other process,
    on a new database of ``cluster`` (a tests.pg_cluster.Cluster) with files under
    ``scratch``."""
    from afterview import paths
    from afterview.store.api import open_store

    # The bench's interview must not turn on the tray's login entry in the real autostart folder.
    os.environ.setdefault("AFTERVIEW_NO_AUTOSTART", "1")
    cluster.create_database("changes")
    uri = cluster.uri("changes")
    here = paths.resolve(scratch / "data", database=uri)
    latencies = []
    with open_store(here) as store:
        values = {"company": "Acme", "position": "v0", "time_zone": "UTC"}
        interview = store.interviews.create({**values, "start": datetime(2026, 12, 1, 10, 0)}).value
        other = subprocess.Popen(
            [sys.executable, __file__, "--listen", uri, str(scratch / "other"), str(changes)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "ready"
        for n in range(1, changes + 1):
            started = time.monotonic()
            store.interviews.update(interview, {"position": f"v{n}"})
            line = json.loads(other.stdout.readline())
            assert line["value"] == f"v{n}", line
            latencies.append(line["at"] - started)
        other.wait(timeout=30)
    return latencies


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    from tests.pg_cluster import Cluster

    with tempfile.TemporaryDirectory(prefix="afterview-bench-") as scratch:
        base = Path(scratch)
        cluster = Cluster.start(base / "pg")
        try:
            latencies = latencies_s(cluster, base)
        finally:
            cluster.stop()
    ms = sorted(latency * 1000 for latency in latencies)
    print(f"change visible in another process, PostgreSQL on a Unix socket, {len(ms)} changes:")
    print(f"  median {statistics.median(ms):.1f} ms   p95 {p95(ms):.1f} ms   max {ms[-1]:.1f} ms")
    print(
        f"  target p95 <= {TARGET_S * 1000:.0f} ms: "
        f"{'met' if p95(ms) <= TARGET_S * 1000 else 'MISSED'}"
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--listen":
        listen(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
