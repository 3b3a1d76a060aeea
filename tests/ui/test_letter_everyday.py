"""Issue 14, through the window: the PDF's name, the mail draft's button, "Send anyway?" and
the check's tint in light and dark palettes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from afterview.store.values import Profile
from afterview.ui import file_actions, letter_output
from afterview.ui.letter_editor import LetterEditor
from afterview.ui.letter_output import pdf_file_name
from afterview.ui.main_window import MainWindow
from afterview.ui.settings_dialog import SettingsDialog
from afterview.ui.workspace import Workspace

PROFILE = Profile(
    name="Sam Rivera",
    email="sam@example.org",
    selling_points="I have eight years of data pipelines. I migrated three databases calmly.",
)


@pytest.fixture
def loaded(workspace: Workspace, sample_json: Path) -> Workspace:
    assert file_actions.import_json(workspace, sample_json)
    workspace.data.store.settings.save_profile(PROFILE)
    return workspace


OpenLetter = Callable[[str], LetterEditor]


@pytest.fixture
def open_letter(qtbot: QtBot, window: MainWindow, loaded: Workspace) -> Iterator[OpenLetter]:
    """Opens the letter of the first step about a person, as the Today card's Write does."""
    opened: list[LetterEditor] = []

    def open_for(person: str) -> LetterEditor:
        store = loaded.data.store
        step = next(s for s in store.steps.all() if s.person == person and s.kind != "debrief")
        before = set(_editors())
        loaded.write_letter(step.id)
        (editor,) = set(_editors()) - before
        qtbot.waitExposed(editor)
        opened.append(editor)
        return editor

    yield open_for
    for editor in opened:
        editor._dirty = False  # nothing to keep
        editor.close()
        shiboken6.delete(editor)  # now, not later: gone before the next test counts editors


def _editors() -> list[LetterEditor]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, LetterEditor)]


def _retype(qtbot: QtBot, editor: LetterEditor, text: str) -> None:
    with qtbot.waitSignal(editor.checks_updated, timeout=5000):
        editor.body.setPlainText(text)


# --- the PDF's name ---------------------------------------------------------------------------


def _default_pdf_name(editor: LetterEditor, monkeypatch: pytest.MonkeyPatch) -> str:
    asked: list[str] = []

    def ask(_parent: object, _title: str, default: str, _filter: str) -> tuple[str, str]:
        asked.append(default)
        return "", ""  # cancelled

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    editor.buttons["pdf"].click()
    assert len(asked) == 1
    return Path(asked[0]).name


def test_the_pdf_is_named_after_the_template_the_person_and_the_company(
    qtbot: QtBot, open_letter: OpenLetter, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_letter("Laura Chen")
    assert _default_pdf_name(editor, monkeypatch) == "Thank-you email – Laura Chen – Acme.pdf"
    editor.template_box.setCurrentIndex(editor.template_box.findData("thank_you_letter"))
    assert editor.template == "thank_you_letter"
    assert _default_pdf_name(editor, monkeypatch) == "Thank-you letter – Laura Chen – Acme.pdf"
    # A company whose name has characters a file system refuses.
    odd = open_letter("Zoë Ångström")
    assert _default_pdf_name(odd, monkeypatch).endswith(" – Zoë Ångström – A&B Labs.pdf")


@pytest.mark.parametrize(
    ("title", "person", "company", "expected"),
    [
        ("Thank-you letter (printed)", "Maria Anders", "Northwind",
         "Thank-you letter – Maria Anders – Northwind.pdf"),
        ("Thank-you email", "Ann/Marie", "AC/DC Ltd.",
         "Thank-you email – Ann-Marie – AC-DC Ltd.pdf"),
        ("Reference brief", 'Dr. "Who?"', "C:\\Temp*<Co>|",
         "Reference brief – Dr. Who – C-TempCo.pdf"),
        ("Thank-you email", "..", "\u202eGOOD.exe", "Thank-you email – GOOD.exe.pdf"),
        ("", "", "", "Letter.pdf"),
        ("", "nul", "", "Letter nul.pdf"),
        ("Thank-you email", "Tab\tand\nnewline", "  Acme  ",
         "Thank-you email – Tab and newline – Acme.pdf"),
        ("Thank-you email", "张伟", "Sakura KK", "Thank-you email – 张伟 – Sakura KK.pdf"),
    ],
)  # fmt: skip
def test_odd_names_make_safe_file_names(
    title: str, person: str, company: str, expected: str
) -> None:
    assert pdf_file_name(title, person, company) == expected


def test_a_very_long_name_fits_a_file_system_s_255_bytes() -> None:
    name = pdf_file_name("Thank-you email", "Ångström " * 60, "Acme")
    assert name.endswith(".pdf") and not name.endswith(" .pdf")
    assert 240 < len(name.encode("utf-8")) <= 255
    assert name.startswith("Thank-you email – Ångström Ångström")


# --- the mail draft's button ------------------------------------------------------------------


def test_open_as_mail_draft_is_disabled_with_the_reason_when_there_is_no_email(
    qtbot: QtBot, open_letter: OpenLetter
) -> None:
    with_email = open_letter("Laura Chen")
    mail = with_email.buttons["mail"]
    assert mail.isEnabled()
    assert "laura.chen@acme.example" in mail.toolTip()
    without = open_letter("Omar O'Hara")
    mail = without.buttons["mail"]
    assert not mail.isEnabled()
    assert mail.toolTip().startswith("Omar O'Hara has no email address")
    # Why it is off, for a screen reader too (issue 15).
    assert mail.accessibleDescription() == (
        "Omar O'Hara has no email address: add one to their card, or type one in the Address field."
    )
    # An address typed into the letter's own field is one to write to.
    without.address.setText("omar@acme.example")
    assert mail.isEnabled()
    without.address.setText("")
    assert not mail.isEnabled()


# --- Send anyway? ------------------------------------------------------------------------------


class Answers:
    """Answers every "Send anyway?" while the editor is open, with the next button text in
    line ("Go back" when none is: a question nobody expected never hangs the test), keeping
    what it asked."""

    def __init__(self, editor: LetterEditor) -> None:
        self.editor = editor
        self.asked: list[str] = []
        self.queue: list[str] = []
        self.timer = QTimer(editor)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def will(self, *buttons: str) -> None:
        self.queue.extend(buttons)

    def _answer(self) -> None:
        box = self.editor.send_check.box
        if box is None or not box.isVisible():
            return
        assert box.textFormat() == box.textFormat().PlainText
        self.asked.append(box.text())
        wanted = self.queue.pop(0) if self.queue else "Go back"
        next(b for b in box.buttons() if b.text() == wanted).click()


@pytest.mark.usefixtures("mail_program")
def test_saving_printing_or_mailing_with_a_failing_check_asks_once(
    qtbot: QtBot, open_letter: OpenLetter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_letter("Laura Chen")
    saved: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *_: (saved.append("asked") or str(tmp_path / "a.pdf"), ""),
    )
    mailed: list[str] = []
    monkeypatch.setattr(letter_output, "open_mail_draft", lambda to, *_: mailed.append(to) or True)
    answers = Answers(editor)

    editor.buttons["pdf"].click()  # every check passes: no question
    assert answers.asked == [] and saved == ["asked"]
    body = editor.body.toPlainText()
    _retype(qtbot, editor, body.replace("Thank you", "Thank you intervew", 1))

    answers.will("Go back")
    editor.buttons["pdf"].click()
    assert len(answers.asked) == 1 and saved == ["asked"]  # not saved
    assert "Spelling: " in answers.asked[0] and "“intervew”" in answers.asked[0]

    answers.will("Send anyway")
    editor.buttons["pdf"].click()
    assert len(answers.asked) == 2 and saved == ["asked", "asked"]
    editor.buttons["mail"].click()  # the same failing check: not asked again
    assert len(answers.asked) == 2 and mailed == ["laura.chen@acme.example"]
    _retype(qtbot, editor, editor.body.toPlainText() + "\nanother tpyo")
    editor.buttons["mail"].click()  # the same check, still failing: not asked again
    assert len(answers.asked) == 2 and len(mailed) == 2

    # Another check fails too: asked again, naming both.
    _retype(qtbot, editor, editor.body.toPlainText().replace("Sam Rivera", "[your name]"))
    answers.will("Go back")
    editor.buttons["mail"].click()
    assert len(answers.asked) == 3 and len(mailed) == 2
    assert "Details still to fill in: " in answers.asked[2] and "Spelling: " in answers.asked[2]


def test_print_asks_too(
    qtbot: QtBot, open_letter: OpenLetter, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_letter("Laura Chen")
    _retype(qtbot, editor, editor.body.toPlainText().replace("Sam Rivera", "[your name]"))
    opened: list[str] = []
    monkeypatch.setattr(
        "afterview.ui.letter_sending.QPrintDialog.exec", lambda _s: opened.append("x") or 0
    )
    answers = Answers(editor)
    answers.will("Go back")
    editor.buttons["print"].click()
    assert len(answers.asked) == 1 and opened == []
    assert answers.asked[0].startswith("These checks fail for this letter:")


# --- the check's tint in light and dark palettes ------------------------------------------------


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def _contrast(a: QColor, b: QColor) -> float:
    """WCAG 2.x contrast ratio."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _palette(dark: bool) -> QPalette:
    palette = QPalette()
    text, base = ("#eeeeee", "#1e1e1e") if dark else ("#000000", "#ffffff")
    for role, colour in (
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.Window, base),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def _shown_colours(editor: LetterEditor, word: str) -> tuple[QColor, QColor]:
    """The text and background colours the editor paints ``word`` with."""
    doc = editor.body.document()
    start = doc.toPlainText().index(word)
    block = doc.findBlock(start)
    palette = editor.body.palette()
    text = palette.color(QPalette.ColorRole.Text)
    background = palette.color(QPalette.ColorRole.Base)
    for fmt_range in block.layout().formats():
        lo = block.position() + fmt_range.start
        if lo <= start < lo + fmt_range.length:
            fmt = fmt_range.format
            if fmt.foreground().style() != fmt.foreground().style().NoBrush:
                text = fmt.foreground().color()
            if fmt.background().style() != fmt.background().style().NoBrush:
                background = fmt.background().color()
    return text, background


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_highlight_is_readable_in_light_and_dark_palettes(
    qtbot: QtBot, open_letter: OpenLetter, dark: bool
) -> None:
    editor = open_letter("Laura Chen")
    editor.body.setPalette(_palette(dark))
    body = editor.body.toPlainText().replace("Sam Rivera", "[your name]")
    _retype(qtbot, editor, body.replace("Thank you", "Thank you intervew", 1))
    for word in ("[your name]", "intervew", "Laura"):
        text, background = _shown_colours(editor, word)
        assert _contrast(text, background) >= 4.5, (word, text.name(), background.name())
    # The tint is there at all (a highlight that vanished would pass trivially).
    flagged = _shown_colours(editor, "[your name]")[1]
    assert flagged != editor.body.palette().color(QPalette.ColorRole.Base)


def test_switching_to_dark_repaints_the_tint(qtbot: QtBot, open_letter: OpenLetter) -> None:
    editor = open_letter("Laura Chen")
    _retype(qtbot, editor, editor.body.toPlainText().replace("Sam Rivera", "[your name]"))
    light = _shown_colours(editor, "[your name]")
    editor.body.setPalette(_palette(True))
    dark = _shown_colours(editor, "[your name]")
    assert light != dark and _contrast(*dark) >= 4.5
    assert QMessageBox  # imported for the module's readers: the questions are QMessageBoxes


# --- an open draft follows the profile ---------------------------------------------------------


def _save_profile(workspace: Workspace, **changes: str) -> None:
    store = workspace.data.store
    profile = replace(store.settings.profile(), **changes)
    assert workspace.data.write(lambda: store.settings.save_profile(profile)) is not None


def test_an_untouched_draft_takes_a_new_name_from_settings_at_once(
    qtbot: QtBot, window: MainWindow, open_letter: OpenLetter
) -> None:
    editor = open_letter("Laura Chen")
    assert editor.body.toPlainText().rstrip().endswith("Sam Rivera")

    def rename() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SettingsDialog):
            QTimer.singleShot(5, rename)
            return
        dialog.profile_name.setText("Samantha Rivera-Ortiz")
        assert dialog.save()

    QTimer.singleShot(0, rename)
    window.settings_action.trigger()
    body = editor.body.toPlainText()
    assert body.rstrip().endswith("Samantha Rivera-Ortiz")
    assert "Sam Rivera" not in body
    assert not editor.update_bar.isVisible()


def test_an_edited_draft_is_offered_the_update_and_keeps_every_edit(
    qtbot: QtBot, loaded: Workspace, open_letter: OpenLetter
) -> None:
    editor = open_letter("Laura Chen")
    lines = editor.body.toPlainText().split("\n")
    points = next(i for i, line in enumerate(lines) if "eight years of data pipelines" in line)
    lines[points] = lines[points].replace("eight years", "nearly nine years")  # the user's edit
    lines.insert(points + 1, "P.S. I enjoyed the tour of the office.")
    qtbot.keyClicks(editor.subject, " (from Sam)")
    _retype(qtbot, editor, "\n".join(lines))
    typed = editor.body.toPlainText()
    _save_profile(
        loaded,
        name="Samantha Rivera",
        selling_points="I have ten years of data pipelines. I migrated four databases calmly.",
    )
    assert editor.body.toPlainText() == typed  # offered, not overwritten
    assert editor.update_bar.isVisible()
    editor.update_bar.update_button.click()
    body = editor.body.toPlainText()
    assert body.rstrip().endswith("Samantha Rivera")
    assert "nearly nine years" in body and "P.S. I enjoyed the tour of the office." in body
    assert "ten years" not in body  # in the paragraph the user edited: left as written
    assert editor.subject.text().endswith(" (from Sam)")
    assert editor.status.text().startswith("Updated. 1 part")
    assert not editor.update_bar.isVisible()


def test_keeping_the_text_leaves_it_and_a_later_change_is_offered_again(
    qtbot: QtBot, loaded: Workspace, open_letter: OpenLetter
) -> None:
    editor = open_letter("Laura Chen")
    _retype(qtbot, editor, editor.body.toPlainText().replace("Dear", "Hello", 1))
    typed = editor.body.toPlainText()
    _save_profile(loaded, name="Samantha Rivera")
    assert editor.update_bar.isVisible()
    editor.update_bar.keep_button.click()
    assert editor.body.toPlainText() == typed and not editor.update_bar.isVisible()
    _save_profile(loaded, name="Sam Rivera")
    assert editor.update_bar.isVisible()
    editor.update_bar.update_button.click()
    # After "Keep" the kept text is the user's own: its name line is not changed either.
    assert editor.body.toPlainText() == typed
    assert editor.body.toPlainText().startswith("Hello")
