"""Translations at start-up (afterview.ui.translation), English counts through %n, and the
pseudo-localisation machinery itself (tests/ui/pseudo_walk.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from afterview.ui.availability_banner import AvailabilityBanner
from afterview.ui.translation import english_plural, fill, install_translators
from tests.ui.pseudo_walk import PseudoTranslator, leftover, visible_texts, word_pattern

GERMAN_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AvailabilityBanner</name>
    <message><source>Retry now</source><translation>Erneut versuchen</translation></message>
</context>
<context>
    <name>FileActions</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform><numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
</context>
</TS>
"""


@pytest.fixture
def installed(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """The translators a test installs, removed after it (others share the application)."""
    translators: list[QTranslator] = []
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


def _german_qm(folder: Path) -> Path:
    source = folder / "afterview_de.ts"
    source.write_text(GERMAN_TS, encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(source)], check=True)
    target = folder / "afterview_de.qm"
    assert target.is_file()
    return target


def test_the_users_language_is_installed_when_its_file_exists(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, installed: list[QTranslator]
) -> None:
    _german_qm(tmp_path)
    installed += install_translators(qapp, QLocale("de_DE"), tmp_path)
    assert len(installed) == 3  # English counts, Qt's own German, Afterview's German
    banner = AvailabilityBanner()
    qtbot.addWidget(banner)
    assert banner.button.text() == "Erneut versuchen"
    assert QCoreApplication.translate("FileActions", "%n row(s)", None, 1) == "1 Zeile"
    assert QCoreApplication.translate("FileActions", "%n row(s)", None, 3) == "3 Zeilen"
    # Qt's own dialogs speak German too (qtbase_de.qm, shipped with PySide6).
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"


def test_without_a_file_the_texts_stay_english(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, installed: list[QTranslator]
) -> None:
    installed += install_translators(qapp, QLocale("sv_SE"), tmp_path)
    banner = AvailabilityBanner()
    qtbot.addWidget(banner)
    assert banner.button.text() == "Retry now"
    assert QCoreApplication.translate("FileActions", "%n row(s)", None, 1) == "1 row"


def test_english_counts() -> None:
    assert english_plural("%n reference(s)", 1) == "%n reference"
    assert english_plural("%n reference(s)", 0) == "%n references"
    assert english_plural("%n match(es) in %n file(s)", 2) == "%n matches in %n files"
    assert english_plural("%n interview(s) match.", 1) == "%n interview matches."
    assert QCoreApplication.translate("X", "Only %n active application(s)", None, 1) == (
        "Only 1 active application"
    )
    assert QCoreApplication.translate("X", "%n reference(s)", None, 12) == "12 references"
    # The locale's digits ("%Ln") count the same: the list's "4 interviews" read "4
    # interview(s)" when only "%n" was looked for.
    assert QCoreApplication.translate("X", "%Ln interview(s)", None, 4) == "4 interviews"
    assert QCoreApplication.translate("X", "%Ln interview(s)", None, 1) == "1 interview"


def test_an_imports_summary_counts_the_applications_it_brought() -> None:
    from afterview.store.values import ImportSummary
    from afterview.ui.file_actions import imported_text

    assert imported_text(ImportSummary(2, 0, 1, 0, 3)) == (
        "Imported 1 interview, 2 contacts and 0 references. 3 applications came with them."
    )
    assert imported_text(ImportSummary(1, 1, 0)) == (
        "Imported 0 interviews, 1 contact and 1 reference."
    )


def test_fill_replaces_each_marker_once() -> None:
    assert fill("%1 at %2", "Monday", "3:00 PM") == "Monday at 3:00 PM"
    assert fill("%2, %1", "a", "b") == "b, a"
    # A value holding a marker (a user's note) is never filled again.
    assert fill("Note: %1 (%2)", "50%2 off", "x") == "Note: 50%2 off (x)"
    assert fill("%1 and %3", "a") == "a and %3"


def test_the_pseudo_translator_brackets_and_keeps_placeholders_and_accelerators(
    qapp: QApplication, qtbot: QtBot, installed: list[QTranslator]
) -> None:
    pseudo = PseudoTranslator(qapp)
    qapp.installTranslator(pseudo)
    installed.append(pseudo)
    assert QCoreApplication.translate("X", "%n reference(s)", None, 2) == "[2 reference(s)]"
    button = QPushButton(QCoreApplication.translate("X", "&Save"))
    qtbot.addWidget(button)
    assert button.text() == "[&Save]"
    assert QKeySequence.mnemonic(button.text()) == QKeySequence("Alt+S")


def test_the_walk_reports_a_text_that_skipped_tr(
    qapp: QApplication, qtbot: QtBot, installed: list[QTranslator]
) -> None:
    pseudo = PseudoTranslator(qapp)
    qapp.installTranslator(pseudo)
    installed.append(pseudo)
    page = QWidget()
    qtbot.addWidget(page)
    QLabel(page.tr("Translated"), page).move(0, 0)
    raw = QLabel("Forgotten", page)
    raw.setObjectName("raw")
    raw.move(0, 30)
    QLabel("Laura Chen", page).move(0, 60)  # the user's data
    page.show()
    words = word_pattern({"Nov"})
    rests = {s.text: leftover(s.text, {"Laura Chen"}, words) for s in visible_texts(page)}
    assert rests == {"[Translated]": "", "Forgotten": "Forgotten", "Laura Chen": ""}


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("[Delete the interview with Acme?]", ""),
        ("Acme — [Backend Engineer] · [due %1]", ""),
        ("[Due] 22 Nov 15:00", ""),
        ("Due 22 Nov 15:00", "Due # #:#"),
        ("[Outer [inner] text] left over", "left over"),
        ("Novelty", "Novelty"),  # a locale word counts only on its own
    ],
)
def test_what_is_left_untranslated(text: str, rest: str) -> None:
    data = {"Acme", "Backend Engineer"}
    assert leftover(text, data, word_pattern({"Nov"})) == rest
    assert re.fullmatch(r"[^\[\]]*", rest)
