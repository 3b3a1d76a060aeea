"""tools/run-offline, which `make test` runs pytest under: a network namespace with loopback
only, said in one line; and when no namespace can be made, the reason, and the command runs
anyway."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "run-offline"
#: What a process inside sees: its interfaces, whether loopback carries a connection, and
#: what connecting to a documentation address (TEST-NET-1, RFC 5737) gives.
PROBE = """
import errno, json, os, socket
server = socket.create_server(("127.0.0.1", 0))
with socket.create_connection(server.getsockname(), timeout=5) as client:
    peer, _ = server.accept()
    client.sendall(b"ping")
    loopback = peer.recv(4).decode()
    peer.close()
try:
    socket.create_connection(("192.0.2.1", 80), timeout=5).close()
    outside = "connected"
except OSError as error:
    outside = errno.errorcode.get(error.errno, str(error))
print(json.dumps({"interfaces": [name for _, name in socket.if_nameindex()],
                  "loopback": loopback, "outside": outside,
                  "said": os.environ.get("AFTERVIEW_NETWORK_NAMESPACE")}))
"""


def _run(env: dict[str, str] | None = None) -> tuple[str, dict[str, object]]:
    result = subprocess.run(
        [str(SCRIPT), sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    first, *rest = result.stdout.splitlines()
    return first, json.loads(rest[-1])


def test_the_command_runs_with_loopback_only_and_it_says_so() -> None:
    said, seen = _run()
    if "NOT isolated" in said:
        # No namespace on this machine: the reason is given, and the command still ran.
        assert said.startswith("run-offline: NOT isolated: ")
        assert "failed" in said or "not installed" in said
        assert seen["loopback"] == "ping"
        return
    how = "unshare -n" if os.geteuid() == 0 else "unshare -rn"
    assert said == (
        f"run-offline: in a network namespace of its own ({how}): loopback only, "
        "nothing can leave the machine"
    )
    assert seen == {
        "interfaces": ["lo"],
        "loopback": "ping",
        "outside": errno.errorcode[errno.ENETUNREACH],
        "said": how,
    }


def test_without_unshare_it_says_why_and_runs_the_command(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "sh", "id", "ip"):
        target = next(Path(d) / tool for d in ("/usr/bin", "/bin", "/usr/sbin", "/sbin")
                      if (Path(d) / tool).exists())  # fmt: skip
        (bin_dir / tool).symlink_to(target)
    said, seen = _run({**os.environ, "PATH": str(bin_dir)})
    assert said == (
        "run-offline: NOT isolated: unshare is not installed (Debian package util-linux); "
        "running with the machine's network"
    )
    assert seen["said"] is None and seen["loopback"] == "ping"
