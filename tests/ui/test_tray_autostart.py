"""Starting the tray at login: the XDG entry for real, the Windows and macOS files as files; on
by default with the first real interview, typed in the window or imported on the command line,
unless the user turned it off (README "Installing")."""

from __future__ import annotations

import configparser
import plistlib
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from afterview import paths
from afterview.cli import main
from afterview.store.api import open_store
from afterview.store.database import Database, open_database
from afterview.tray import autostart


def parse_exec(value: str) -> list[str]:
    """Read an Exec value back the way the Desktop Entry spec says a launcher must."""
    unescaped = re.sub(r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t"}.get(m[1], m[1]), value)
    arguments: list[str] = []
    current: str | None = None
    quoted = escaped = False
    for char in unescaped:
        if quoted:
            if escaped:
                current = (current or "") + char
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
            else:
                current = (current or "") + char
        elif char == '"':
            quoted, current = True, current or ""
        elif char == " ":
            if current is not None:
                arguments.append(current)
            current = None
        else:
            current = (current or "") + char
    assert not quoted, "unterminated quote"
    if current is not None:
        arguments.append(current)
    return [_percent_decoded(argument) for argument in arguments]


def _percent_decoded(argument: str) -> str:
    """A literal percent sign is written "%%"; a lone "%" starts a field code ("%f", "%u"),
    which a launcher would replace (Desktop Entry spec, "The Exec key")."""
    parts = argument.split("%%")
    assert not [part for part in parts if "%" in part], f"a field code in {argument!r}"
    return "%".join(parts)


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    # A data directory with a space, a quote, a percent sign and a dollar in its name.
    database = open_database(paths.resolve(tmp_path / 'My "Job" 100% $HOME'))
    yield database
    database.close()


def test_the_xdg_entry_starts_this_tray_on_this_data_dir(db: Database, tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    path = autostart.enable(db.paths, system="linux", env=env)
    assert path == tmp_path / "config" / "autostart" / "afterview-tray.desktop"
    assert autostart.is_enabled(system="linux", env=env)
    entry = read_entry(path)
    assert entry["Type"] == "Application"
    assert entry["Icon"] == "org.afterview.Afterview"
    command = parse_exec(entry["Exec"])
    assert command == [
        sys.executable,
        "-m",
        "afterview",
        "--data-dir",
        str(db.paths.data_dir),
        "tray",
    ]
    # The command really is Afterview's: swap the verb for --version and run it.
    result = subprocess.run(
        [*command[:-1], "--version"], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.startswith("afterview ")
    autostart.disable(db.paths, system="linux", env=env)
    assert not path.exists() and not autostart.is_enabled(system="linux", env=env)


@given(st.lists(st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1), min_size=1))
@example(["100%", "%f", "%%u", '"$HOME" `x` \\'])  # what the spec reserves, for certain
def test_any_argument_survives_the_exec_quoting(arguments: list[str]) -> None:
    entry = autostart.desktop_entry(arguments)
    (line,) = [x for x in entry.splitlines() if x.startswith("Exec=")]
    assert parse_exec(line.removeprefix("Exec=")) == arguments


def test_the_windows_run_key_file(db: Database, tmp_path: Path) -> None:
    command = [r"C:\Program Files\Afterview\Afterview.exe", "--data-dir", r"D:\Data \"x\"", "tray"]
    text = autostart.windows_reg(command)
    lines = text.split("\r\n")
    assert lines[0] == "Windows Registry Editor Version 5.00"
    assert lines[2] == r"[HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run]"
    name, value = lines[3].split("=", 1)
    assert name == '"Afterview"'
    unescaped = re.sub(r"\\(.)", r"\1", value[1:-1])
    assert unescaped == subprocess.list2cmdline(command)
    assert autostart.windows_reg(None).split("\r\n")[3] == '"Afterview"=-'
    env = {"LOCALAPPDATA": str(tmp_path / "Local"), "HOME": str(tmp_path)}
    path = autostart.enable(db.paths, system="win32", env=env)
    assert path == tmp_path / "Local" / "Afterview" / "autostart.reg"
    data = path.read_bytes()
    assert data.startswith(b"\xff\xfe")  # regedit reads UTF-16 with its byte order mark
    assert "CurrentVersion\\Run" in data.decode("utf-16")


def test_the_macos_launch_agent(db: Database, tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path)}
    path = autostart.enable(db.paths, system="darwin", env=env)
    assert path == tmp_path / "Library" / "LaunchAgents" / "app.afterview.tray.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "app.afterview.tray"
    assert agent["ProgramArguments"] == [
        sys.executable,
        "-m",
        "afterview",
        "--data-dir",
        str(db.paths.data_dir),
        "tray",
    ]
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] is False
    autostart.disable(db.paths, system="darwin", env=env)
    assert not path.exists()


def _entry(config_home: Path) -> Path:
    return config_home / "autostart" / "afterview-tray.desktop"


def _run(*args: str) -> None:
    assert main(list(args)) == 0


def test_the_first_interview_imported_turns_it_on(
    data_dir: Path, config_home: Path, sample_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run("--data-dir", str(data_dir), "steps")  # a database, no interview yet
    assert not _entry(config_home).exists()
    _run("--data-dir", str(data_dir), "import", "json", str(sample_json))
    command = parse_exec(read_entry(_entry(config_home))["Exec"])
    assert command == [sys.executable, "-m", "afterview", "--data-dir", str(data_dir), "tray"]
    with open_store(paths.resolve(data_dir)) as store:
        assert store.settings.autostart_choice() is True
    capsys.readouterr()


def test_sample_data_does_not_count_and_a_choice_of_off_stays_off(
    data_dir: Path, config_home: Path, sample_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(paths.resolve(data_dir)) as store:
        store.data.add_sample()
        assert store.settings.autostart_choice() is None
        assert not _entry(config_home).exists()
        store.settings.set_autostart_choice(False)  # Settings ▸ Start-up, unticked
    _run("--data-dir", str(data_dir), "import", "json", str(sample_json))
    assert not _entry(config_home).exists()
    capsys.readouterr()


def test_the_entry_starts_the_installed_bundle_when_there_is_one(
    data_dir: Path,
    config_home: Path,
    sample_json: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    installed = tmp_path / "share" / "afterview" / "bundle" / "afterview"  # install.sh's place
    installed.parent.mkdir(parents=True)
    installed.write_text("#!/bin/sh\n")
    installed.chmod(0o755)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    _run("--data-dir", str(data_dir), "import", "json", str(sample_json))
    command = parse_exec(read_entry(_entry(config_home))["Exec"])
    assert command == [str(installed), "--data-dir", str(data_dir), "tray"]
    capsys.readouterr()


def test_the_first_interview_typed_in_the_window_turns_it_on(
    qtbot: Any, data_dir: Path, config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterview.ui.main_window import MainWindow
    from afterview.ui.new_interview_dialog import NewInterviewDialog

    window = MainWindow(paths.resolve(data_dir))
    qtbot.addWidget(window)
    window.show()
    assert window.load() and window.workspace is not None
    assert not _entry(config_home).exists()

    def fill(dialog: NewInterviewDialog) -> int:
        qtbot.keyClicks(dialog.company, "Acme")
        qtbot.keyClicks(dialog.position, "Engineer")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(NewInterviewDialog, "exec", fill)
    assert window.workspace.new_interview() is not None
    command = parse_exec(read_entry(_entry(config_home))["Exec"])
    assert command == [sys.executable, "-m", "afterview", "--data-dir", str(data_dir), "tray"]
    window.close()


def test_the_platform_data_dir_is_not_written_out() -> None:
    command = autostart.tray_command(_default(), frozen=True, executable="/opt/Afterview/afterview")
    assert command == ["/opt/Afterview/afterview", "tray"]


def _default() -> paths.Paths:
    from platformdirs import PlatformDirs

    data = Path(PlatformDirs("Afterview", appauthor=False, roaming=False).user_data_dir)
    return paths.Paths(data_dir=data, config_dir=data, backup_dir=data / "backups")
