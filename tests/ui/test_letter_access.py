"""Issue 15, the letter editor by keyboard and screen reader: the "Before it goes" checks read
in words and reached by Tab, Tab leaving the letter, the keys for Save as PDF and the mail
draft, announcements, where focus lands, and every label and combo box named by a label."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.errors import StoreError
from afterview.store.operations import Store
from afterview.store.values import Profile
from afterview.ui import letter_output
from afterview.ui.data import DataAccess
from afterview.ui.letter_editor import LetterEditor
from afterview.ui.letter_widgets import MarkSentDialog
from afterview.ui.palette import contrast, palette_for

NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
TODAY = date(2026, 11, 21)
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        opened.settings.save_profile(
            Profile(
                name="Sam Rivera",
                email="sam@example.org",
                selling_points="eight years of data pipelines and calm database migrations",
            )
        )
        yield opened


@pytest.fixture
def editor(qtbot: QtBot, data: DataAccess, store: Store) -> Iterator[LetterEditor]:
    step = next(
        s.id for s in store.steps.all() if s.kind == "thank_you" and s.person == "Laura Chen"
    )
    widget = LetterEditor(data, step_id=step, today=TODAY)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    yield widget
    widget._dirty = False  # nothing to keep
    widget.close()
    shiboken6.delete(widget)  # now, not later: gone before the next test counts editors


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: _focused() is widget)


def _retype(qtbot: QtBot, editor: LetterEditor, text: str) -> None:
    with qtbot.waitSignal(editor.checks_updated, timeout=5000):
        editor.body.setPlainText(text)


def _name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None
    return face.text(QAccessible.Text.Name)


def _labelled_by(widget: QWidget) -> list[QWidget]:
    """The widgets AT-SPI reports as ``widget``'s labels (its labelled-by relation)."""
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None
    found = []
    for other, _relation in face.relations(QAccessible.RelationFlag.Label):
        obj = other.object()
        assert isinstance(obj, QWidget)
        found.append(obj)
    return found


def _check_names(editor: LetterEditor) -> list[str]:
    """What a screen reader reads for each check: the list's children's names."""
    face = QAccessible.queryAccessibleInterface(editor.checks)
    assert face is not None
    names = [face.child(i).text(QAccessible.Text.Name) for i in range(face.childCount())]
    return [name for name in names if name]


# --- "Before it goes" -------------------------------------------------------------------------


def test_each_check_is_read_as_passed_or_needs_attention_in_words(
    qtbot: QtBot, editor: LetterEditor
) -> None:
    body = editor.body.toPlainText()
    _retype(qtbot, editor, body.replace("Best regards,", "Please hire me!\n\nBest regards,"))
    names = _check_names(editor)
    assert len(names) == len(editor.checks.results) > 3
    tone = next(n for n in names if "Sounds desperate" in n)
    assert tone.startswith("Needs attention: Sounds desperate: “Please hire me”")
    spelling = next(n for n in names if "spelling" in n)
    assert spelling.startswith("Passed: No spelling errors")
    # On screen too, not by the icon alone.
    shown = [editor.checks.item(row).text() for row in range(editor.checks.count())]
    assert any(text.startswith("Needs attention: Sounds desperate") for text in shown)
    assert all(
        text.split(": ", 1)[0] in {"Passed", "Worth a look", "Needs attention"} for text in shown
    )


def test_the_checks_list_is_named_and_labelled_by_its_heading(editor: LetterEditor) -> None:
    assert _name(editor.checks) == "Before it goes"
    (heading,) = _labelled_by(editor.checks)
    assert isinstance(heading, QLabel) and heading.text() == "Before it goes"


def test_tab_reaches_the_checks_arrows_move_inside_and_tab_leaves(
    qtbot: QtBot, editor: LetterEditor
) -> None:
    _focus(qtbot, editor.body)
    qtbot.keyClick(editor.body, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _focused() is editor.checks)
    first = editor.checks.currentRow()
    assert first == 0
    qtbot.keyClick(editor.checks, Qt.Key.Key_Down)
    assert editor.checks.currentRow() == first + 1
    assert _focused() is editor.checks
    qtbot.keyClick(editor.checks, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _focused() is editor.buttons["preview"])
    qtbot.keyClick(editor.buttons["preview"], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _focused() is editor.checks)
    # The place in the list is kept while the checks run again.
    assert editor.checks.currentRow() == first + 1
    editor.run_checks()
    assert editor.checks.currentRow() == first + 1


@pytest.mark.parametrize("scheme", [Qt.ColorScheme.Light, Qt.ColorScheme.Dark])
def test_the_current_check_has_a_frame_at_three_to_one(
    qtbot: QtBot, editor: LetterEditor, scheme: Qt.ColorScheme
) -> None:
    """WCAG 2.2's 3:1 for a focus indicator, measured on the rendered pixels: the frame's
    pixels against the list's background beside it."""
    editor.setPalette(palette_for(scheme, QPalette()))
    panel = editor.checks
    _focus(qtbot, panel)
    panel.setCurrentRow(1)
    rect = panel.visualItemRect(panel.item(1))
    image = panel.viewport().grab().toImage()
    middle = rect.center().y()
    edge = [image.pixelColor(rect.left() + dx, middle) for dx in range(0, 3)]
    background = image.pixelColor(max(0, rect.left() - 2), middle)
    assert background == QColor(editor.palette().color(QPalette.ColorRole.Base))
    best = max(contrast(color, background) for color in edge)
    assert best >= 3.0, [c.name() for c in edge]
    # Without the keyboard, no frame.
    _focus(qtbot, editor.body)
    image = panel.viewport().grab().toImage()
    edge = [image.pixelColor(rect.left() + dx, middle) for dx in range(0, 3)]
    assert max(contrast(color, background) for color in edge) < 1.5


def test_the_keyboard_starts_in_the_letter(qtbot: QtBot, editor: LetterEditor) -> None:
    qtbot.waitUntil(lambda: _focused() is editor.body)
    # The pickers and the subject are before it by Shift+Tab.
    qtbot.keyClick(editor.body, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _focused() is editor.subject)


# --- Tab in the letter ------------------------------------------------------------------------


def test_tab_in_the_letter_moves_on_instead_of_typing_a_tab(
    qtbot: QtBot, editor: LetterEditor
) -> None:
    before = editor.body.toPlainText()
    _focus(qtbot, editor.body)
    qtbot.keyClick(editor.body, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _focused() is editor.checks)
    assert editor.body.toPlainText() == before
    assert "\t" not in editor.body.toPlainText()
    # And back.
    qtbot.keyClick(editor.checks, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _focused() is editor.body)


def test_the_update_bar_comes_before_the_letter_by_tab(qtbot: QtBot, editor: LetterEditor) -> None:
    editor.update_bar.show()
    _focus(qtbot, editor.subject)
    order = []
    for _ in range(3):
        widget = _focused()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        order.append(_focused())
    assert order == [
        editor.update_bar.update_button,
        editor.update_bar.keep_button,
        editor.body,
    ]


def test_the_update_bar_is_announced_when_it_appears(
    qtbot: QtBot, editor: LetterEditor, store: Store, heard: list[tuple[str, bool]]
) -> None:
    """Shown above the letter while the user types in it: a screen reader would not notice."""
    _retype(qtbot, editor, editor.body.toPlainText() + "\nOne more line of my own.")
    with qtbot.waitSignal(editor.checks_updated):
        store.settings.save_profile(replace(store.settings.profile(), name="Sam Rivera-Cole"))
    assert editor.update_bar.isVisible()
    said = [text for text, assertive in heard if not assertive]
    assert said == [
        "Your details or the card changed. Update the parts of the letter you have not "
        "edited? Your own words stay as they are."
    ]
    # Another change while it shows is not announced again.
    with qtbot.waitSignal(editor.checks_updated):
        store.settings.save_profile(replace(store.settings.profile(), name="Sam R. Cole"))
    assert len([text for text, assertive in heard if not assertive]) == 1


# --- keys ---------------------------------------------------------------------------------------


def test_save_as_pdf_has_a_key_shown_in_its_tooltip_announces_and_gives_focus_back(
    qtbot: QtBot,
    editor: LetterEditor,
    heard: list[tuple[str, bool]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "letter.pdf"
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a: (asked.append("x") or str(target), "")
    )
    pdf = editor.buttons["pdf"]
    assert pdf.toolTip() == "Save the letter as a PDF file (Ctrl+Shift+S)"
    assert pdf.shortcut() == QKeySequence("Ctrl+Shift+S")
    _focus(qtbot, editor.body)
    qtbot.keyClick(editor.body, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: target.exists())
    assert asked == ["x"]
    qtbot.waitUntil(lambda: (f"Saved {target}", False) in heard)
    assert editor.status.text() == f"Saved {target}"
    # Back in the letter, where the key was pressed.
    qtbot.waitUntil(lambda: _focused() is editor.body)


def test_open_as_mail_draft_has_a_key_shown_in_its_tooltip_and_announces(
    qtbot: QtBot,
    editor: LetterEditor,
    heard: list[tuple[str, bool]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mailed: list[str] = []
    monkeypatch.setattr(letter_output, "mail_client_known", lambda: True)
    monkeypatch.setattr(letter_output, "open_mail_draft", lambda to, *_: mailed.append(to) or True)
    mail = editor.buttons["mail"]
    assert mail.toolTip() == (
        "Open this letter in your mail client, to laura.chen@acme.example (Ctrl+Shift+M)"
    )
    _focus(qtbot, editor.body)
    qtbot.keyClick(editor.body, Qt.Key.Key_M, CTRL_SHIFT)
    qtbot.waitUntil(lambda: mailed == ["laura.chen@acme.example"])
    qtbot.waitUntil(lambda: ("Opened in your mail client.", False) in heard)
    assert _focused() is editor.body


def test_save_draft_and_print_have_the_platforms_keys(
    qtbot: QtBot, editor: LetterEditor, heard: list[tuple[str, bool]]
) -> None:
    save = editor.buttons["save"]
    assert save.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert editor.buttons["print"].shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    key = save.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert save.toolTip() == f"Save the letter as a draft ({key})"
    _focus(qtbot, editor.body)
    qtbot.keyClick(editor.body, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: ("Draft saved.", False) in heard)
    assert editor.letter_id is not None
    assert _focused() is editor.body


def test_enter_in_the_subject_saves_the_draft_not_a_print_preview(
    qtbot: QtBot, editor: LetterEditor, heard: list[tuple[str, bool]]
) -> None:
    _focus(qtbot, editor.subject)
    qtbot.keyClick(editor.subject, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ("Draft saved.", False) in heard)
    assert editor.out.preview is None
    assert _focused() is editor.subject


# --- errors and "Go back" -----------------------------------------------------------------------


def _answer_boxes(editor: LetterEditor, answer: Callable[[QMessageBox], None]) -> QTimer:
    """Answers every message box the editor opens (its own, and "Send anyway?")."""

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                answer(widget)

    timer = QTimer(editor)
    timer.setInterval(5)
    timer.timeout.connect(look)
    timer.start()
    return timer


def _back_from_the_box(qtbot: QtBot, editor: LetterEditor) -> None:
    """Once the message box is gone, the editor is active again, as a window manager makes it
    (the offscreen platform the tests run on activates no window by itself)."""

    def gone() -> bool:
        return not any(
            isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
        )

    qtbot.waitUntil(gone)
    editor.activateWindow()
    qtbot.waitActive(editor)


def test_a_failed_save_is_announced_assertively_and_focus_comes_back(
    qtbot: QtBot,
    editor: LetterEditor,
    heard: list[tuple[str, bool]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refused = "The PDF could not be written: the disk is full."

    def full(*_a: object) -> Path:
        raise StoreError(refused)

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "letter.pdf"), "")
    )
    monkeypatch.setattr(letter_output, "save_pdf", full)
    seen: list[str] = []
    _answer_boxes(editor, lambda box: seen.append(box.text()) or box.close())
    pdf = editor.buttons["pdf"]
    _focus(qtbot, pdf)
    qtbot.keyClick(pdf, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: (refused, True) in heard)
    qtbot.waitUntil(lambda: seen == [refused])
    _back_from_the_box(qtbot, editor)
    qtbot.waitUntil(lambda: _focused() is pdf)
    assert not (tmp_path / "letter.pdf").exists()


def test_no_mail_program_is_announced_assertively(
    qtbot: QtBot,
    editor: LetterEditor,
    heard: list[tuple[str, bool]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(letter_output, "mail_client_known", lambda: False)
    _answer_boxes(editor, lambda box: box.close())
    editor.buttons["mail"].click()
    assert heard and heard[-1][1] is True
    assert heard[-1][0].startswith("No mail program is set up")


def test_go_back_from_send_anyway_puts_the_keyboard_on_the_failing_check(
    qtbot: QtBot, editor: LetterEditor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = editor.body.toPlainText()
    _retype(qtbot, editor, body.replace("Best regards,", "Please hire me\n\nBest regards,"))
    failing_row = next(
        row for row, r in enumerate(editor.checks.results) if r.verdict.value == "fail"
    )
    saved: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a: (saved.append("x") or str(tmp_path), "")
    )

    def go_back(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "Go back").click()

    _answer_boxes(editor, go_back)
    pdf = editor.buttons["pdf"]
    _focus(qtbot, pdf)
    qtbot.keyClick(pdf, Qt.Key.Key_Space)
    _back_from_the_box(qtbot, editor)
    qtbot.waitUntil(lambda: _focused() is editor.checks)
    assert editor.checks.currentRow() == failing_row
    assert _check_names(editor)[failing_row].startswith("Needs attention: ")
    assert saved == []


# --- labels and combo boxes ---------------------------------------------------------------------


def test_every_label_is_read_as_its_text(qtbot: QtBot, editor: LetterEditor) -> None:
    editor.update_bar.show()
    editor.paper_box.setCurrentIndex(editor.paper_box.findData("a4"))
    assert editor.status.text() == "Paper: A4."
    labels = [label for label in editor.findChildren(QLabel) if label.text()]
    assert len(labels) >= 8
    for label in labels:
        assert _name(label) == label.text().replace("&", ""), label.objectName()


def test_the_letter_and_the_interview_search_have_names(editor: LetterEditor) -> None:
    """Found over AT-SPI: the letter's text field and the interview box's search field were
    focusable objects without a name."""
    assert _name(editor.body) == "Letter text"
    line = editor.interview_box.lineEdit()
    assert line is not None
    assert _name(line) == "Interview"


def test_every_combo_box_is_labelled_not_named_by_its_value(
    qtbot: QtBot, editor: LetterEditor
) -> None:
    sent = MarkSentDialog("email", TODAY, editor)
    qtbot.addWidget(sent)
    expected = {
        editor.interview_box: "Interview",
        editor.person_box: "To",
        editor.template_box: "Template",
        editor.paper_box: "Paper",
        sent.channel: "Sent by",
    }
    boxes = editor.findChildren(QComboBox)
    assert set(boxes) == set(expected)
    for box, label in expected.items():
        labels = _labelled_by(box)
        assert [w.text() for w in labels if isinstance(w, QLabel)] == [label]
    # The paper box's sizes no longer repeat "Paper:" now that a label says it.
    shown = [editor.paper_box.itemText(i) for i in range(editor.paper_box.count())]
    assert shown == ["Automatic", "US Letter", "A4"]
