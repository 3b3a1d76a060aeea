"""``afterview FILE…`` opens the window on those files (issue 18: what a file manager's "Open
with Afterview" runs, from the desktop entry's ``Exec=afterview %F``); a first word that is
a command stays a command, and one that names no file is still an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterview import cli
from afterview.cli import _files_open_window, build_parser


def _parsed(words: list[str]) -> object:
    parser = build_parser()
    return parser.parse_args(_files_open_window(words, parser))


def test_a_file_as_the_first_word_opens_the_window_with_it(tmp_path: Path) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    posting = tmp_path / "job.html"
    posting.write_text("<html></html>")
    args = _parsed(["--data-dir", str(tmp_path), str(invite), str(posting)])
    assert args.func is cli.cmd_window  # type: ignore[attr-defined]
    assert args.files == [str(invite), str(posting)]  # type: ignore[attr-defined]


def test_the_window_verb_takes_files_too(tmp_path: Path) -> None:
    args = _parsed(["window", "--step", "3", str(tmp_path / "a.ics")])
    assert args.func is cli.cmd_window  # type: ignore[attr-defined]
    assert args.files == [str(tmp_path / "a.ics")] and args.step == 3  # type: ignore[attr-defined]


def test_a_command_stays_a_command_even_beside_a_file_of_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "steps").write_text("")
    args = _parsed(["steps"])
    assert args.func is cli.cmd_steps  # type: ignore[attr-defined]


def test_no_words_open_the_window_alone() -> None:
    args = _parsed([])
    assert args.func is cli.cmd_window  # type: ignore[attr-defined]
    assert not getattr(args, "files", None)


@pytest.mark.parametrize("name", ["missing.ics", "file.ICS", "folder/gone.eml"])
def test_a_missing_file_is_said_to_be_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--data-dir", str(tmp_path / "data"), name]) == 2
    assert capsys.readouterr().err == (
        f"afterview: cannot open {tmp_path / name}: no such file (nothing was imported)\n"
    )


def test_a_word_that_is_neither_a_command_nor_a_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--data-dir", str(tmp_path), "stpes"])
    assert stopped.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_the_window_is_handed_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "invite.ics").write_text("")
    handed: dict[str, object] = {}

    def fake_run_window(where: object, step: object = None, files: object = None) -> int:
        handed.update(step=step, files=files)
        return 0

    monkeypatch.setattr("afterview.ui.app.run_window", fake_run_window)
    assert cli.main(["--data-dir", str(tmp_path / "data"), "invite.ics"]) == 0
    assert handed == {"step": None, "files": [tmp_path / "invite.ics"]}
