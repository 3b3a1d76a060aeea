"""The PostgreSQL server's tools as tests/pg_cluster.py runs them: where the binaries are,
which OS user runs them (never root, which PostgreSQL refuses), and the throwaway CA for TLS.

Importable without pytest, like tests/pg_cluster.py.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import tempfile
from pathlib import Path

#: The OS user the server runs as when the tests run as root.
RUN_AS = "nobody"
#: Where Debian installs each server version (VERSION/bin).
DEBIAN_SERVERS = Path("/usr/lib/postgresql")
#: The host name the TLS certificate is made for.
TLS_HOST = "db.test"
#: How a cluster's directory under the system temp directory begins.
HOME_PREFIX = "afterview-pg-"
#: The file in a cluster's directory naming the process that started it ("PID STARTTIME").
OWNER_FILE = "owner"
#: Seconds pg_ctl waits for the server to accept connections, or to stop.
WAIT_SECONDS = 60


class ClusterError(RuntimeError):
    """The server could not be found, made, started or asked something; says why."""


def server_bin_dir() -> Path:
    """The directory holding initdb, pg_ctl, postgres and psql.

    ``pg_config --bindir`` when that directory has initdb (a self-built or non-Debian server),
    else the newest Debian ``/usr/lib/postgresql/VERSION/bin``.

    Raises ClusterError when no server is installed: the tests must fail, not skip, then.
    """
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            found = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=30
            ).stdout.strip()
            if found and (Path(found) / "initdb").is_file():
                return Path(found)
    versions = []
    for candidate in DEBIAN_SERVERS.glob("*/bin"):
        if (candidate / "initdb").is_file() and candidate.parent.name.isdigit():
            versions.append((int(candidate.parent.name), candidate))
    if versions:
        return max(versions)[1]
    raise ClusterError(
        "No PostgreSQL server found (no initdb from `pg_config --bindir` or in "
        f"{DEBIAN_SERVERS}/*/bin): install Debian's postgresql package "
        "(tools/ensure-debian-packages does it for `make test`)."
    )


def libpq_value(value: str) -> str:
    """``value`` as a libpq conninfo value: quoted when empty or holding a space, ' or \\."""
    if value and not re.search(r"[\s'\\]", value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def conf_string(value: str) -> str:
    """``value`` as a quoted postgresql.conf string."""
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now (another process may take it before
    the server binds it, so the caller tries again on a clash)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_env() -> dict[str, str]:
    """This process's environment without the PG* variables a developer's shell may set,
    which would point the tools at another server, and with a UTF-8 locale for messages."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["LC_ALL"] = "C.UTF-8"
    return env


class ServerAccount:
    """Who runs the server: :data:`RUN_AS` when this process is root, else this process's
    own user (``uid`` and ``gid`` None)."""

    def __init__(self) -> None:
        if os.geteuid() == 0:
            entry = pwd.getpwnam(RUN_AS)
            self.uid: int | None = entry.pw_uid
            self.gid: int | None = entry.pw_gid
        else:
            self.uid = self.gid = None

    def command(self, argv: list[str]) -> list[str]:
        """``argv`` run as the server's user (through setpriv when that is not us)."""
        if self.uid is None:
            return argv
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            raise ClusterError(
                "setpriv is missing (Debian package util-linux): it runs PostgreSQL as "
                f"{RUN_AS!r}, because PostgreSQL refuses to run as root."
            )
        ids = [f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups"]
        return [setpriv, *ids, "--", *argv]

    def own(self, path: Path) -> None:
        """Gives ``path`` to the server's user."""
        if self.uid is not None and self.gid is not None:
            os.chown(path, self.uid, self.gid)

    def can_reach(self, directory: Path) -> bool:
        """Whether the server's user may enter ``directory``'s parents (it owns the rest)."""
        if self.uid is None:
            return True
        for parent in directory.resolve().parents:
            info = parent.stat()
            if info.st_uid == self.uid:
                bit = stat.S_IXUSR
            elif info.st_gid == self.gid:
                bit = stat.S_IXGRP
            else:
                bit = stat.S_IXOTH
            if not info.st_mode & bit:
                return False
        return True

    def run(self, argv: list[str], *, what: str, cwd: Path, as_server: bool = True) -> str:
        """Runs ``argv`` (as the server's user when ``as_server``) and returns its output.

        Raises ClusterError naming ``what`` with the tool's own message when it fails.
        """
        command = self.command(argv) if as_server else argv
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                env=clean_env(),
                cwd=cwd,
                timeout=WAIT_SECONDS + 30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ClusterError(f"{what} failed: {error}") from error
        if done.returncode != 0:
            raise ClusterError(f"{what} failed (exit {done.returncode}):\n{done.stderr.strip()}")
        return done.stdout


def make_certificates(account: ServerAccount, tls: Path, data_dir: Path) -> Path:
    """Makes a throwaway CA in ``tls`` and, signed by it, a certificate for :data:`TLS_HOST`
    with its key as ``server.crt`` and ``server.key`` in ``data_dir`` (where the server's
    default ssl_cert_file and ssl_key_file look). Returns the CA certificate's path.

    EC P-256 keys, valid two days. Raises ClusterError when openssl is missing or fails.
    """
    openssl = shutil.which("openssl")
    if openssl is None:
        raise ClusterError(
            "openssl is missing (Debian package openssl): it makes the test CA for tls=True."
        )
    tls.mkdir(mode=0o755)
    ca_key, ca_crt = tls / "ca.key", tls / "ca.crt"
    csr, ext = tls / "server.csr", tls / "server.ext"
    key, crt = data_dir / "server.key", data_dir / "server.crt"
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    account.run(
        [openssl, "req", "-x509", *ec, "-keyout", str(ca_key), "-out", str(ca_crt),
         "-days", "2", "-subj", "/CN=Afterview test CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        what="openssl (test CA)", cwd=tls, as_server=False,
    )  # fmt: skip
    account.run(
        [openssl, "req", *ec, "-keyout", str(key), "-out", str(csr), "-subj", f"/CN={TLS_HOST}"],
        what="openssl (server key)", cwd=tls, as_server=False,
    )  # fmt: skip
    # libpq's verify-full checks the subjectAltName, not the CN, once a SAN is present.
    ext.write_text(
        f"subjectAltName=DNS:{TLS_HOST}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
        encoding="utf-8",
    )
    account.run(
        [openssl, "x509", "-req", "-in", str(csr), "-CA", str(ca_crt), "-CAkey", str(ca_key),
         "-CAcreateserial", "-days", "2", "-out", str(crt), "-extfile", str(ext)],
        what="openssl (server certificate)", cwd=tls, as_server=False,
    )  # fmt: skip
    # The server refuses a key others can read; it must own it (or be its group, 0640).
    key.chmod(0o600)
    account.own(key)
    account.own(crt)
    return ca_crt


def process_identity(pid: int) -> str | None:
    """ "PID STARTTIME" of running process ``pid`` (its start time, in clock ticks since boot,
    tells it from a later process given the same id), or None when it is gone or a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # After the command's ")": state is field 3 of proc(5)'s list, starttime field 22.
    return None if fields[0] == "Z" else f"{pid} {fields[19]}"


def reap_orphans(bin_dir: Path, account: ServerAccount) -> list[Path]:
    """Stops and removes the clusters under the system temp directory whose starting process
    is gone: a session killed outright (SIGKILL, a cancelled CI job, the OOM killer) never ran
    its atexit hook, and its server would run on. Returns the directories removed.

    A cluster this account may not stop (another user's) is removed all the same: its server
    finds its lock file gone and shuts itself down within a minute.
    """
    reaped = []
    for home in Path(tempfile.gettempdir()).glob(HOME_PREFIX + "*"):
        try:
            owner = (home / OWNER_FILE).read_text().strip()
            pid = int(owner.split()[0])
        except (OSError, ValueError, IndexError):
            continue  # being made just now, or not ours
        if process_identity(pid) == owner:
            continue
        if (home / "data" / "postmaster.pid").exists():
            with contextlib.suppress(ClusterError):
                account.run(
                    [str(bin_dir / "pg_ctl"), "stop", "--pgdata", str(home / "data"),
                     "--mode", "immediate", "--wait", "--timeout", str(WAIT_SECONDS), "--silent"],
                    what="pg_ctl stop (orphan)", cwd=home,
                )  # fmt: skip
        shutil.rmtree(home, ignore_errors=True)
        reaped.append(home)
    return reaped
