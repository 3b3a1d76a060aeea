"""The bundled window's first paint against the same app run from the venv, in one run.

Issue 6's target: the PyInstaller bundle paints its first window within 1.1x of the venv.
Both run as fresh processes on a private Xvfb (xcb, a real paint) with an empty data
directory; the window prints "painted" at its first paint when AFTERVIEW_BENCH_PAINT is set.
Build the bundle first (make dist). Prints medians and the ratio.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp",
         "-noreset"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        return server, f":{pipe.readline().strip()}"


def first_paint(command: list[str], display: str) -> float:
    with tempfile.TemporaryDirectory() as data:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "AFTERVIEW_DATA_DIR": data,
            "AFTERVIEW_BENCH_PAINT": "1",
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode compiled
        started = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - started
        child.terminate()
        child.wait(timeout=30)
    if line.strip() != b"painted":
        raise SystemExit(f"{command[0]} did not paint: {line!r}")
    return elapsed


def main() -> None:
    bundle = ROOT / "dist" / "afterview" / "afterview"
    if not bundle.is_file():
        raise SystemExit("build the bundle first: make dist")
    venv = [sys.executable, "-m", "afterview"]
    server, display = start_xvfb()
    try:
        first_paint(venv, display)  # warm the file cache for both
        first_paint([str(bundle)], display)
        ours, bundled = [], []
        for _ in range(RUNS):  # interleaved, so both see the same machine load
            ours.append(first_paint(venv, display))
            bundled.append(first_paint([str(bundle)], display))
    finally:
        server.terminate()
        server.wait(timeout=10)
    venv_s, bundle_s = statistics.median(ours), statistics.median(bundled)
    size = sum(
        p.stat().st_size for p in bundle.parent.rglob("*") if p.is_file() and not p.is_symlink()
    )
    print(
        json.dumps(
            {
                "first_paint_venv_s": round(venv_s, 3),
                "first_paint_bundle_s": round(bundle_s, 3),
                "bundle_vs_venv_ratio": round(bundle_s / venv_s, 2),
                "target_ratio": 1.1,
                "bundle_size_mb": round(size / 1e6, 1),
                "target_size_mb": 130,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
