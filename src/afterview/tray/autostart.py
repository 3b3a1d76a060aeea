"""Start the tray at login: an XDG autostart entry on Linux, the Run key on Windows, a
LaunchAgent on macOS. Qt-free.

Only the Linux entry is exercised for real here; the Windows ``.reg`` content and
the macOS plist are produced as files and tested as files (they cannot run here).
The user's choice is the setting ``tray.autostart``; until they choose, autostart
turns itself on once the first real interview is added (the one write path does it:
afterview.store.write_path). The entry starts the installed bundle when there is one, else
the Afterview that is running now.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from afterview.paths import APP_NAME, Paths
from afterview.private_files import write_private

if TYPE_CHECKING:
    from afterview.store.operations import Store

ENTRY_NAME = "afterview-tray.desktop"
RUN_VALUE = "Afterview"
AGENT_LABEL = "app.afterview.tray"
RUN_KEY = r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run"
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def installed_bundle(env: Mapping[str, str] | None = None) -> Path:
    """Where packaging/linux/install.sh puts the bundle's executable for this user."""
    env = os.environ if env is None else env
    data = env.get("XDG_DATA_HOME") or str(_home(env) / ".local" / "share")
    return Path(data) / "afterview" / "bundle" / "afterview"


def tray_command(
    paths: Paths,
    *,
    executable: str | None = None,
    frozen: bool | None = None,
    env: Mapping[str, str] | None = None,
) -> list[str]:
    """The command line that starts the tray on this data directory: the running bundle's
    executable; else the installed bundle (one the user installed outlives any venv); else
    the Python that runs now (a checkout, a wheel)."""
    executable = executable or sys.executable
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    bundle = installed_bundle(env)
    if frozen:
        command = [executable]
    elif sys.platform.startswith("linux") and bundle.is_file() and os.access(bundle, os.X_OK):
        command = [str(bundle)]
    else:
        command = [executable, "-m", "afterview"]
    default = Path(__import__("afterview.paths").paths.resolve(None).data_dir)
    if os.environ.get("AFTERVIEW_DATA_DIR") or paths.data_dir != default:
        command += ["--data-dir", str(paths.data_dir)]
    return [*command, "tray"]


def _exec_quote(argument: str) -> str:
    """One argument of a desktop entry's Exec key (Desktop Entry spec, "The Exec key")."""
    argument = argument.replace("%", "%%")
    if argument and not (set(argument) & _RESERVED):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def _entry_value(text: str) -> str:
    """A desktop entry string value: backslash escapes for the characters it reserves."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def desktop_entry(command: Sequence[str]) -> str:
    exec_line = " ".join(_exec_quote(argument) for argument in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME} reminders\n"
        "Comment=Tells you when a follow-up step after an interview is due\n"
        f"Exec={_entry_value(exec_line)}\n"
        "Icon=org.afterview.Afterview\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
        "X-GNOME-Autostart-Delay=5\n"
        "X-KDE-autostart-after=panel\n"
    )


def _reg_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def windows_reg(command: Sequence[str] | None) -> str:
    """A ``.reg`` file that sets (or, with None, deletes) the Run value for the tray."""
    value = "-" if command is None else _reg_string(subprocess.list2cmdline(list(command)))
    return f'Windows Registry Editor Version 5.00\r\n\r\n[{RUN_KEY}]\r\n"{RUN_VALUE}"={value}\r\n'


def launch_agent(command: Sequence[str]) -> bytes:
    """A macOS LaunchAgent that starts the tray at login, once (no respawn after Quit)."""
    return plistlib.dumps(
        {
            "Label": AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "KeepAlive": False,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }
    )


def _home(env: Mapping[str, str]) -> Path:
    return Path(env.get("HOME") or Path.home())


def target(system: str = sys.platform, env: Mapping[str, str] | None = None) -> Path:
    """Where the entry lives for this user."""
    env = os.environ if env is None else env
    if system == "darwin":
        return _home(env) / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"
    if system == "win32":  # the Run key itself; this file is its readable copy
        base = env.get("LOCALAPPDATA") or str(_home(env) / "AppData" / "Local")
        return Path(base) / APP_NAME / "autostart.reg"
    config = env.get("XDG_CONFIG_HOME") or str(_home(env) / ".config")
    return Path(config) / "autostart" / ENTRY_NAME


def _write(path: Path, data: bytes) -> None:
    # The folder is the desktop's, shared with other programs: made if missing, not changed.
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, data)  # names the data directory: nobody else's business


def enable(
    paths: Paths, *, system: str = sys.platform, env: Mapping[str, str] | None = None
) -> Path:
    command = tray_command(paths, env=env)
    path = target(system, env)
    if system == "darwin":
        _write(path, launch_agent(command))
    elif system == "win32":
        _write(path, windows_reg(command).encode("utf-16"))
        _set_run_key(command)
    else:
        _write(path, desktop_entry(command).encode("utf-8"))
    return path


def disable(
    paths: Paths, *, system: str = sys.platform, env: Mapping[str, str] | None = None
) -> Path:
    path = target(system, env)
    if system == "win32":
        _set_run_key(None)
    path.unlink(missing_ok=True)
    return path


def is_enabled(*, system: str = sys.platform, env: Mapping[str, str] | None = None) -> bool:
    return target(system, env).is_file()


def _set_run_key(command: Sequence[str] | None) -> None:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        return
    import winreg

    key_path = RUN_KEY.split("\\", 1)[1]
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key_path, 0, winreg.KEY_SET_VALUE) as key:
        if command is None:
            with contextlib.suppress(FileNotFoundError):
                winreg.DeleteValue(key, RUN_VALUE)
        else:
            winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, subprocess.list2cmdline(command))


def set_enabled(
    store: Store, on: bool, *, system: str = sys.platform, env: Mapping[str, str] | None = None
) -> Path:
    """The Settings toggle: remember the choice and write or remove the entry."""
    store.settings.set_autostart_choice(on)
    change = enable if on else disable
    return change(store.paths, system=system, env=env)
