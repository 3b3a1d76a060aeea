"""Pseudo-localisation: with a translator that brackets every text ("[Save]"), every page and
dialog of the window, on the sample data, shows nothing but bracketed text, the user's own
data, and the words the locale writes in dates. Text that is neither never went through
tr(), and a translation could never reach it.

The allow-list below names, per source file, the texts not yet translated there: issue 14
has each file's owner put them through tr(). Remove a file's entries when its change is
merged; the test fails both on a text missing from the list and on an entry no longer seen.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.interop.vcard_export import export_vcf
from afterview.store.sample import sample_document
from afterview.ui import file_actions
from afterview.ui.database_shown import where
from afterview.ui.main_window import CONTACTS, INTERVIEWS, REFERENCES, TODAY, MainWindow
from tests.ui.conftest import SAMPLE_IMPORTED_AT
from tests.ui.pseudo_walk import (
    PseudoTranslator,
    Seen,
    leftover,
    locale_words,
    user_data,
    visible_texts,
    word_pattern,
)

NOW = SAMPLE_IMPORTED_AT

#: Texts shown untranslated on the day this test was written, by the file that shows them
#: (the nearest Afterview class above the widget, or the model of a view; a text shown by
#: several files is listed once, under the first seen). An entry is what is left of the text
#: once the user's data, the bracketed parts and the locale's words are taken out, with digit
#: runs written "#"; or a compiled pattern for a family (the country names). Each file's owner
#: in issue 14 puts these through tr(); as each branch is merged, delete its file's entries
#: (the test fails on an entry no longer seen, so a stale one cannot linger).
ALLOWED: dict[str, list[str | re.Pattern[str]]] = {
    "ui/contact_editor.py": [
        # The salutations as the (English) letters print them, not words of the window.
        "Ms",
        "Mr",
        "Dr",
        "Mx",
    ],
    "ui/contact_ways_editor.py": [
        # An example address, the same in every language.
        "name@example.com",
    ],
    "ui/contacts_page.py": [],
    "ui/interview_detail.py": [],
    "ui/interviews_model.py": [],
    "ui/interviews_page.py": [],
    "ui/letter_checks_panel.py": [],
    "ui/letter_editor.py": [
        # Template titles come from the templates themselves (resources/letters), English
        # like the letters they make.
        "Contact a referral lead",
        "Gracious note after a rejection",
        "Follow-up inquiry (email)",
        "Follow-up inquiry (phone script)",
        "Reconnect (some months later)",
        "Reference brief",
        "Thank a reference",
        "Thank-you card (to copy by hand)",
        "Thank-you email",
        "Thank-you letter (printed)",
    ],
    "ui/main_window.py": [
        # The application's name.
        "Afterview",
    ],
    "ui/new_interview_dialog.py": [],
    "ui/person_picker.py": [],
    "ui/process_tab.py": [],
    "ui/references_model.py": [],
    "ui/references_page.py": [],
    "ui/referrals_tab.py": [],
    "ui/settings_dialog.py": [
        # QLocale.territoryToString() names the countries in English whatever the locale.
    ],
    "ui/widgets.py": [],
}


def _allowed_source(rest: str) -> tuple[str, str | re.Pattern[str]] | None:
    """The file and entry of ALLOWED that lets ``rest`` pass, if any."""
    for source, entries in ALLOWED.items():
        for entry in entries:
            if entry == rest or (isinstance(entry, re.Pattern) and entry.fullmatch(rest)):
                return source, entry
    return None


def identifiers(now: datetime) -> set[str]:
    """Names shown as they are in every language: the IANA time zones ("Europe/Berlin") and
    the abbreviations the sample's zones and the computer's write ("EST", "JST")."""
    names = set(available_timezones())
    for zone in ("America/New_York", "Europe/Stockholm", "Asia/Tokyo", "UTC"):
        for month in (1, 7):
            abbreviation = now.replace(month=month).astimezone(ZoneInfo(zone)).tzname()
            names.add(abbreviation or "")
    names.add(now.astimezone().tzname() or "")
    return {name for name in names if name}


class Walk:
    """Opens the window's pages and dialogs and keeps every visible text seen."""

    def __init__(self, app: QApplication, qtbot: QtBot) -> None:
        self.app = app
        self.qtbot = qtbot
        self.seen: list[Seen] = []

    def look(self, widget: QWidget, label: str) -> None:
        self.app.processEvents()
        self.seen.extend(
            Seen(f"{label}: {s.where}", s.kind, s.text, s.owner) for s in visible_texts(widget)
        )

    def tabs(self, widget: QWidget, label: str) -> None:
        """Every tab of every tab widget inside ``widget``, one after another."""
        from PySide6.QtWidgets import QTabWidget

        for tabs in widget.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                self.look(widget, f"{label} tab {index}")


@pytest.fixture
def utc_computer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock on UTC for this test: the Today cards show a due time on it, and
    the allow-list's entries ("due Today #:#") must not depend on where the test runs."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[PseudoTranslator]:
    translator = PseudoTranslator(qapp)
    qapp.installTranslator(translator)  # last installed, first asked
    yield translator
    qapp.removeTranslator(translator)


def _dialogs_walked(walk: Walk, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every modal dialog opened from here on is shown, walked and cancelled."""

    def looked(dialog: QDialog) -> int:
        dialog.show()
        walk.qtbot.waitExposed(dialog)
        reading = getattr(dialog, "is_reading", None)  # the vCard import reads on a thread
        if callable(reading):
            walk.qtbot.waitUntil(lambda: not reading())
        name = dialog.objectName() or type(dialog).__name__
        walk.look(dialog, name)
        walk.tabs(dialog, name)
        dialog.reject()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", looked)
    monkeypatch.setattr(QMessageBox, "exec", looked)


def walk_everything(window: MainWindow, walk: Walk, tmp_path: Path) -> None:
    workspace = window.workspace
    assert workspace is not None
    walk.look(window, "welcome")
    workspace.add_sample()
    for row, name in ((TODAY, "today"), (CONTACTS, "contacts"), (REFERENCES, "references")):
        window.show_page(row)
        walk.look(window, name)
    # The letter editor, as a Today card's Write opens it.
    window.show_page(TODAY)
    write = next(
        button
        for button in window.pages[TODAY].findChildren(QAbstractButton)
        if button.isVisible() and button is getattr(button.parent(), "write_button", None)
    )
    write.click()
    editor = next(w for w in walk.app.topLevelWidgets() if w.objectName() == "letterEditor")
    walk.qtbot.waitExposed(editor)
    walk.look(editor, "letter editor")
    walk.tabs(editor, "letter editor")
    editor.close()
    window.show_page(INTERVIEWS)
    page = workspace.page
    for row in range(page.model.rowCount()):
        page.table.selectRow(row)
        walk.look(window, f"interview {row}")
        walk.tabs(page.detail, f"interview {row}")
    # The contact and reference editors: the first card of each list chosen.
    for row, name in ((CONTACTS, "contact"), (REFERENCES, "reference")):
        window.show_page(row)
        records = window.pages[row]
        view = getattr(records, "table", None)
        if view is not None and view.model().rowCount():
            view.selectRow(0)
        walk.look(window, f"{name} card")
        # "Add to interview…" on the reference card: the interview picker.
        for card in records.findChildren(QWidget):
            if callable(getattr(card, "open_picker", None)):
                card.open_picker()  # type: ignore[attr-defined]
                picker = card.picker  # type: ignore[attr-defined]
                walk.qtbot.waitExposed(picker)
                walk.look(picker, "interview picker")
                picker.close()
                break
        else:
            assert row != REFERENCES, "the reference card offers no interview picker"
    # The dialogs of the menus and of the list.
    window.show_page(INTERVIEWS)
    page.table.selectRow(0)
    workspace.new_interview()
    workspace.open_settings()
    workspace.delete_current()  # asks first: the question is walked and answered Cancel
    contacts = workspace.store.contacts.items()
    workspace.edit_contact(contacts[0].id)
    cards = tmp_path / "cards.vcf"
    export_vcf(workspace.store, cards)
    file_actions.import_vcards(workspace, cards)


def test_every_visible_text_is_translated_or_the_users_own(
    qtbot: QtBot,
    qapp: QApplication,
    pseudo: PseudoTranslator,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    utc_computer: None,
    use_locale: Callable[[str], None],
) -> None:
    use_locale("en_US")  # the same dates wherever the test runs
    window = MainWindow(paths.resolve(data_dir), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1180, 760)
    window.show()
    qtbot.waitExposed(window)
    assert window.load()
    walk = Walk(qapp, qtbot)
    _dialogs_walked(walk, monkeypatch)
    walk_everything(window, walk, tmp_path)

    # The user's data, and their files: the data folder, its backups, the cards file.
    data = user_data(sample_document(NOW)) | {str(path) for path in tmp_path.rglob("*")}
    data |= {path.name for path in tmp_path.rglob("*")}
    # The database the user chose, as the window names it (its host, file or service).
    data |= set(where(paths.resolve(data_dir)) or ())
    words = word_pattern(locale_words(QLocale()) | identifiers(NOW))
    new: dict[str, Seen] = {}
    met: set[tuple[str, str | re.Pattern[str]]] = set()
    rests = {text: leftover(text, data, words) for text in {seen.text for seen in walk.seen}}
    for seen in walk.seen:
        rest = rests[seen.text]
        if not rest:
            continue
        allowed = _allowed_source(rest)
        if allowed is not None:
            met.add(allowed)
        else:
            new.setdefault(rest, seen)
    assert not new, "Visible text that did not go through tr():\n" + "\n".join(
        f"  {s.owner} | {s.where} ({s.kind}): {s.text!r}  [untranslated: {rest!r}]"
        for rest, s in sorted(new.items(), key=lambda item: item[1].owner)
    )
    stale = [
        (source, entry)
        for source, entries in ALLOWED.items()
        for entry in entries
        if (source, entry) not in met
    ]
    assert not stale, "Allowed texts no longer seen (remove them from ALLOWED):\n" + "\n".join(
        f"  {source}: {entry!r}" for source, entry in stale
    )
