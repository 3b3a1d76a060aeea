"""The calendar file kept up to date in a chosen folder, by the one write path: whoever writes
(the window, the command line, a letter marked sent), the file follows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import vobject

from afterview import paths
from afterview.interop.ics_sync import SYNC_FILE_NAME, refresh_calendar_file
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.errors import RecordError, StoreError
from afterview.store.operations import Store

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        yield opened


def _uids(path: Path) -> set[str]:
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return {event.uid.value for event in calendar.vevent_list}


def test_nothing_happens_until_a_folder_is_chosen(store: Store) -> None:
    assert refresh_calendar_file(store, NOW) is None


def test_the_file_follows_every_write(store: Store, tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    store.settings.set_calendar_folder(folder)  # a write: the file is there at once
    assert store.settings.calendar_folder() == folder
    target = folder / SYNC_FILE_NAME
    before = _uids(target)
    assert any(uid.startswith("interview-") for uid in before)

    first = store.steps.open()[0]
    store.steps.done(first.id)  # the window's way
    gone = before - _uids(target)
    assert len(gone) == 1 and next(iter(gone)).startswith(f"step-{first.key}.")

    second = store.steps.open()[0]
    assert cli("step", "skip", str(second.id))[0] == 0  # the command line's way
    assert not any(uid.startswith(f"step-{second.key}.") for uid in _uids(target))

    third = next(s for s in store.steps.open() if s.kind == "thank_you")
    letter = store.letters.save(
        template="thank_you_email",
        subject="Thank you",
        body="Thanks.",
        step_id=third.id,
        interview_id=third.interview_id,
        contact_id=third.contact_id,
    ).value
    store.letters.mark_sent(letter, sent_at=NOW, channel="email")  # a letter marked sent
    assert not any(uid.startswith(f"step-{third.key}.") for uid in _uids(target))


def test_a_folder_that_is_gone_is_a_warning_on_a_write_that_still_happened(
    store: Store, tmp_path: Path, cli: Cli
) -> None:
    with pytest.raises(RecordError, match="is not a folder"):
        store.settings.set_calendar_folder(tmp_path / "nope")
    folder = tmp_path / "gone"
    folder.mkdir()
    store.settings.set_calendar_folder(folder)
    (folder / SYNC_FILE_NAME).unlink()  # the folder is removed, file and all
    folder.rmdir()
    with pytest.raises(StoreError, match="is gone; choose another"):
        refresh_calendar_file(store, NOW)
    step = store.steps.open()[0]
    outcome = store.steps.done(step.id)
    assert outcome.value.status == "done"  # committed
    assert len(outcome.warnings) == 1
    assert outcome.warnings[0].startswith("The calendar file was not updated: the calendar folder")
    other = store.steps.open()[0]
    status, out, err = cli("step", "done", str(other.id))
    assert status == 0 and out.startswith(f"Step {other.id}: done.")
    assert "afterview: warning: The calendar file was not updated" in err
    store.settings.set_calendar_folder(None)
    assert refresh_calendar_file(store, NOW) is None


def test_after_a_move_the_file_names_the_steps_as_the_old_computer_did(
    store: Store, tmp_path: Path
) -> None:
    """An import into an empty database takes the exported identity; the calendar file that
    import writes already uses it, so a subscribed calendar sees the same entries, not a
    second set that a later write replaces again."""
    folder = tmp_path / "calendar"
    folder.mkdir()
    store.settings.set_calendar_folder(folder)
    before = _uids(folder / SYNC_FILE_NAME)
    document = store.data.export_document()
    (folder / SYNC_FILE_NAME).unlink()

    with open_store(paths.resolve(tmp_path / "laptop"), clock=lambda: NOW) as laptop:
        laptop.data.import_document(interchange.parse_document(document))
        assert laptop.identity == store.identity
    assert _uids(folder / SYNC_FILE_NAME) == before


def test_the_folder_is_kept_as_a_full_path(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    """Every process (window, tray, command line) starts in a folder of its own: a relative
    path would give each its own calendar file."""
    (tmp_path / "calendar").mkdir()
    monkeypatch.chdir(tmp_path)
    store.settings.set_calendar_folder(Path("calendar"))
    assert store.settings.calendar_folder() == tmp_path / "calendar"
    document = {"format": "afterview/2", "preferences": {"interop.ics_folder": "calendar"}}
    source = tmp_path / "relative.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    status, _out, err = cli("import", "json", str(source))
    assert status == 2 and "interop.ics_folder" in err and "full path" in err, err
