"""The window's File menu (imports, exports, the interview-day card), the Settings dialog's
Calendar and Backups pages, and writing a step's letter from Today and the Steps tab."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from afterview.store.operations import Store
from afterview.ui import file_actions
from afterview.ui.backups_page import BackupsPage
from afterview.ui.main_window import MainWindow
from afterview.ui.workspace import Workspace


@pytest.fixture
def loaded(workspace: Workspace, sample_json: Path) -> Workspace:
    assert file_actions.import_json(workspace, sample_json)
    return workspace


def test_import_then_export_every_kind_from_the_menu(
    window: MainWindow, loaded: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert loaded.page.model.total == 4
    for kind, action in window.export_actions.items():
        target = tmp_path / f"out.{kind}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, t=target: (str(t), ""))
        action.trigger()
        assert target.is_file(), kind
        assert str(target) in window.statusBar().currentMessage()
    exported = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert {c["name"] for c in exported["contacts"]} >= {"Zoë Ångström", "张伟"}
    calendar = icalendar.Calendar.from_ical((tmp_path / "out.ics").read_bytes())
    assert calendar.walk("VEVENT")
    assert "BEGIN:VCARD" in (tmp_path / "out.vcf").read_text("utf-8")
    assert "A&B <Labs>" in (tmp_path / "out.csv").read_text("utf-8-sig")


def test_export_all_data_then_import_it_into_an_empty_data_dir_gives_everything_back(
    qtbot: QtBot,
    window: MainWindow,
    loaded: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The move to a new computer, through the File menu at both ends."""
    from afterview import paths

    store = loaded.store
    thank = next(s for s in store.steps.all() if s.title == "Thank-you note to Laura Chen")
    store.steps.done(thank.id)
    follow_up = next(s for s in store.steps.open() if s.kind == "follow_up")
    # A snooze moves a step later than both now and its due.
    store.steps.snooze([follow_up.id], max(follow_up.due, datetime.now(UTC)) + timedelta(days=9))
    letter = store.letters.save(
        template="thank_you_email", subject="Thanks", body="Dear Laura", step_id=thank.id,
        interview_id=thank.interview_id, contact_id=thank.contact_id,
    ).value  # fmt: skip
    store.letters.mark_sent(letter, sent_at=thank.due, channel="email")
    exported = tmp_path / "all.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(exported), ""))
    window.export_actions["json"].trigger()
    assert exported.is_file()

    other = MainWindow(paths.resolve(tmp_path / "laptop"))
    qtbot.addWidget(other)
    other.show()
    assert other.load() and other.workspace is not None
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(exported), ""))
    other.import_json_action.trigger()
    moved = other.workspace.store

    def steps(of: Store) -> list[dict[str, object]]:
        items = [{k: v for k, v in s.as_json().items() if k != "id"} for s in of.steps.all()]
        return sorted(items, key=lambda item: str(item["key"]))

    assert steps(moved) == steps(store)
    assert moved.data.export_document() == store.data.export_document()
    assert [(line.subject, line.sent_at) for line in moved.letters.lines()] == [
        ("Thanks", thank.due)
    ]
    assert other.workspace.page.model.total == 4  # and the window shows it
    other.close()


def test_a_bad_json_import_says_why_and_changes_nothing(
    window: MainWindow, loaded: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(file_actions, "message_box", lambda _p, _i, _t, text: shown.append(text))
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "afterview/1", "contacts": [{"key": "x"}]}', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(bad), ""))
    window.import_json_action.trigger()
    assert shown and "Nothing was imported" in shown[0]
    assert "contact #1 (key 'x'): field 'name': required" in shown[0]
    assert loaded.page.model.total == 4


def test_a_thank_you_step_opens_its_letter_from_today(
    qtbot: QtBot, window: MainWindow, loaded: Workspace
) -> None:
    from afterview.ui.letter_editor import LetterEditor

    card = next(c for c in loaded.today.cards if c.item.title == "Thank-you note to Laura Chen")
    debrief = next(c for c in loaded.today.cards if c.item.title == "Write the debrief")
    assert not hasattr(debrief, "write_button")  # nothing to write for a debrief
    card.write_button.click()
    editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, LetterEditor)]
    assert len(editors) == 1
    assert "Laura" in editors[0].body.toPlainText()
    for editor in editors:
        editor.close()


def test_a_referral_step_writes_to_the_lead_with_its_own_template(
    qtbot: QtBot, window: MainWindow, loaded: Workspace
) -> None:
    """Seed 003: follow up the names you were given "as soon as possible". The lead has no
    contact card; the letter goes to them (not to the interview's first person), from the
    referral template (issue 14)."""
    from afterview.ui.letter_editor import LetterEditor

    card = next(c for c in loaded.today.cards if c.item.kind == "contact_referral")
    card.write_button.click()
    editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, LetterEditor)]
    assert len(editors) == 1
    editor = editors[0]
    try:
        assert editor.template_box.currentData() == "referral_intro"
        assert editor.person_box.currentText().startswith("Sam Lee")
        assert editor.address.text() == "sam@example.com"
        assert editor.body.toPlainText().startswith("Dear Sam Lee,")
    finally:
        editor.close()


def test_the_steps_tab_offers_write_only_for_letters(
    qtbot: QtBot, window: MainWindow, loaded: Workspace
) -> None:
    steps_tab = loaded.page.detail.steps
    acme = next(
        row for row in range(loaded.page.model.rowCount())
        if loaded.page.model.index(row, 1).data() == "Acme"
    )  # fmt: skip
    loaded.page.table.selectRow(acme)
    kinds: dict[str, bool] = {}
    for n in range(steps_tab.tree.topLevelItemCount()):
        steps_tab.tree.setCurrentItem(steps_tab.tree.topLevelItem(n))
        title = steps_tab.tree.topLevelItem(n).text(0)
        kinds[title] = steps_tab.write_button.isEnabled()
    assert kinds["Thank-you note to Omar O'Hara"] is True
    assert kinds["Write the debrief"] is False
    assert kinds["Complete the contact cards"] is False


def test_settings_has_the_calendar_and_backups_pages(qtbot: QtBot, loaded: Workspace) -> None:
    from afterview.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(loaded.data, loaded.window)
    qtbot.addWidget(dialog)
    tabs = [dialog.tabs.tabText(n).replace("&", "") for n in range(dialog.tabs.count())]
    assert tabs[-3:] == ["Calendar", "Storage", "Backups"]
    restored: list[bool] = []
    dialog.restored.connect(lambda: restored.append(True))
    # Opened and looked at as a person would: shown, on its Backups page, on screen.
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    dialog.show()
    qtbot.waitExposed(dialog)
    page = dialog.tabs.currentWidget()
    assert isinstance(page, BackupsPage)
    # Nothing restored by just opening it: no backup chosen, none taken before a restore.
    assert page.selected() is None and not page.restore_button.isEnabled()
    assert not list(loaded.store.paths.backup_dir.glob("*-pre-restore.sqlite3"))
    assert restored == []


def test_the_pocket_card_is_for_the_chosen_interview(
    window: MainWindow, loaded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterview.ui import letter_pocket_card

    opened: list[int] = []

    class Preview:
        def __init__(self, interview_id: int) -> None:
            self.interview_id = interview_id

        def open(self) -> None:
            opened.append(self.interview_id)

    monkeypatch.setattr(
        letter_pocket_card, "pocket_card_preview", lambda _store, iid, _parent: Preview(iid)
    )
    loaded.page.table.selectRow(0)
    chosen = loaded.page.current_id()
    assert chosen is not None
    window.pocket_card_action.trigger()
    assert opened == [chosen]


@pytest.mark.parametrize(
    ("chosen_filter", "version"),
    [(file_actions.VCARD_3, b"3.0"), (file_actions.VCARD_4, b"4.0"), ("", b"3.0")],
)
def test_the_contact_cards_export_writes_the_version_whose_filter_was_picked(
    window: MainWindow,
    loaded: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chosen_filter: str,
    version: bytes,
) -> None:
    target = tmp_path / "cards.vcf"
    offered: list[str] = []

    def save_dialog(*args: object) -> tuple[str, str]:
        offered.append(str(args[3]))
        return str(target), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.export_actions["vcf"].trigger()
    assert offered == ["Contact cards, vCard 3.0 (*.vcf);;Contact cards, vCard 4.0 (*.vcf)"]
    assert target.read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:" + version + b"\r\n")
    assert f"(vCard {version.decode()})" in window.statusBar().currentMessage()
