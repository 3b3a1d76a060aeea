"""The letter editor: drafted from a thank-you step, checked as you type, and out the door."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextCharFormat
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.letters.mailto import parse_mailto
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.changes import Kind
from afterview.store.operations import Store
from afterview.store.values import ContactFields, Profile
from afterview.ui import interview_chooser
from afterview.ui.data import DataAccess
from afterview.ui.letter_checks_panel import VERDICT_ROLE
from afterview.ui.letter_editor import LetterEditor
from afterview.ui.letter_pocket_card import pocket_card_preview, save_pocket_card_pdf

NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
TODAY = date(2026, 11, 21)


@pytest.fixture
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    """The sample, imported at NOW, and the sender's profile."""
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


def _step(store: Store, kind: str, person: str) -> int:
    return next(s.id for s in store.steps.all() if s.kind == kind and s.person == person)


def _contact(store: Store, name: str) -> int:
    return next(c.id for c in store.contacts.items() if c.name == name)


@pytest.fixture
def editor(qtbot: QtBot, data: DataAccess, store: Store) -> LetterEditor:
    widget = LetterEditor(data, step_id=_step(store, "thank_you", "Laura Chen"), today=TODAY)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _verdicts(editor: LetterEditor) -> dict[str, str]:
    panel = editor.checks
    return {r.key: panel.item(i).data(VERDICT_ROLE) for i, r in enumerate(panel.results)}


def _retype(qtbot: QtBot, editor: LetterEditor, text: str) -> None:
    with qtbot.waitSignal(editor.checks_updated, timeout=5000):
        editor.body.setPlainText(text)


def test_a_thank_you_step_opens_a_checked_correctly_addressed_draft(editor: LetterEditor) -> None:
    assert editor.windowTitle() == "Letter to Laura Chen — Acme"
    assert editor.template == "thank_you_email"
    assert editor.address.text() == "laura.chen@acme.example"
    assert editor.subject.text() == "Thank you for the Backend Engineer interview"
    body = editor.body.toPlainText()
    assert body.startswith("Dear Laura Chen,")
    # A 0.1-style phrase is shown as a sentence of its own (issue 14).
    assert "the Postgres migration" in body
    assert " Eight years of data pipelines and calm database migrations.\n" in body
    assert not editor.body.acceptRichText()
    assert set(_verdicts(editor).values()) == {"pass"}, [r.summary for r in editor.checks.results]
    assert not editor.person_box.isEnabled()  # a step is about one person


def _underlined(editor: LetterEditor, word: str) -> bool:
    doc = editor.body.document()
    text = doc.toPlainText()
    start = text.index(word)
    block = doc.findBlock(start)
    for fmt_range in block.layout().formats():
        lo = block.position() + fmt_range.start
        if lo <= start < lo + fmt_range.length:
            style = fmt_range.format.underlineStyle()
            return style == QTextCharFormat.UnderlineStyle.WaveUnderline
    return False


def test_typos_are_squiggled_as_you_type_names_are_not(qtbot: QtBot, editor: LetterEditor) -> None:
    text = (
        "Dear Laura Chen,\n\nThank you for the intervew about the Backend Engineer role at Acme. "
        "I met Omar O'Hara and Zoë Ångström too. I am excited and would bring my experince.\n\n"
        "Best regards,\nSam Rivera"
    )
    _retype(qtbot, editor, text)
    assert _underlined(editor, "intervew")
    assert _underlined(editor, "experince")
    for name in ("Laura", "O'Hara", "Zoë", "Ångström", "Acme", "Backend"):
        assert not _underlined(editor, name), name
    spelling = next(r for r in editor.checks.results if r.key == "spelling")
    assert spelling.verdict == "fail"
    assert "“intervew” (interview?)" in spelling.summary


def test_adding_a_word_to_the_list_clears_it(
    qtbot: QtBot, editor: LetterEditor, data_dir: Path
) -> None:
    _retype(qtbot, editor, "Dear Laura Chen,\n\nI enjoyed the Kubernetez demo.\n\nSam Rivera")
    assert _underlined(editor, "Kubernetez")
    with qtbot.waitSignal(editor.checks_updated):
        editor.add_word("Kubernetez")
    assert not _underlined(editor, "Kubernetez")
    assert "Kubernetez" in (data_dir / "config" / "words.txt").read_text(encoding="utf-8")


def test_the_checks_panel_catches_a_wrong_title_a_desperate_phrase_and_length(
    qtbot: QtBot, editor: LetterEditor
) -> None:
    body = editor.body.toPlainText()
    wrong = body.replace(
        "Dear Laura Chen,", "Dear Laura Chen, Senior Engineering Director,"
    ).replace("Best regards,", "Please hire me!!!\n\nBest regards,")
    _retype(qtbot, editor, wrong + "\n\n" + " ".join(["We talked about the roadmap."] * 40))
    verdicts = _verdicts(editor)
    assert verdicts["names"] == "fail"
    assert verdicts["tone"] == "fail"
    assert verdicts["length"] == "warn"
    texts = [editor.checks.item(i).text() for i in range(editor.checks.count())]
    assert any(
        "“Senior Engineering Director” — the card says “Engineering Manager”" in t for t in texts
    )
    assert any(
        t.startswith("Needs attention: Sounds desperate:")
        and "“Follow-Up: After the Job Interview”" in t
        for t in texts
    )
    assert any(
        t.startswith("Worth a look: Long for an email")
        and "“Congratulations: You've Completed Your Job Interview”" in t
        for t in texts
    )


def test_mark_as_sent_records_date_and_channel_and_completes_the_step(
    qtbot: QtBot, editor: LetterEditor, store: Store, data: DataAccess, tmp_path: Path
) -> None:
    step_id = editor.step_id
    assert step_id is not None
    # A subscribed calendar file: the one write path rewrites it after the letter is sent.
    folder = tmp_path / "Calendar"
    folder.mkdir()
    store.settings.set_calendar_folder(folder)
    title = "Thank-you note to Laura Chen — Acme"
    assert title in _unfolded(folder / "afterview.ics")
    heard: list[frozenset[Kind]] = []
    data.changed.connect(lambda changes: heard.append(frozenset(changes.kinds)))
    with qtbot.waitSignal(editor.sent) as signal:
        letter_id = editor.mark_sent("email", TODAY)
    assert signal.args == [letter_id, step_id]
    letter = store.letters.get(letter_id)
    assert letter.channel == "email" and letter.sent_at is not None
    assert letter.sent_at.astimezone().date() == TODAY
    assert letter.body.startswith("Dear Laura Chen,")
    assert store.steps.get(step_id).status == "done"
    assert title not in _unfolded(folder / "afterview.ics")
    # The open pages hear it: the draft saved, then the step done.
    assert {Kind.LETTERS} in heard and any(Kind.STEPS in kinds for kinds in heard)


def _unfolded(ics: Path) -> str:
    return ics.read_text(encoding="utf-8").replace("\r\n ", "").replace("\\,", ",")


def test_closing_keeps_edits_as_a_draft_and_reopening_shows_them(
    qtbot: QtBot, editor: LetterEditor, data: DataAccess
) -> None:
    editor.body.setPlainText("Dear Laura Chen,\n\nMy own words.")
    editor.close()
    again = LetterEditor(data, step_id=editor.step_id, today=TODAY)
    qtbot.addWidget(again)
    assert again.body.toPlainText() == "Dear Laura Chen,\n\nMy own words."
    assert again.letter_id == editor.letter_id


def test_from_a_person_and_from_an_interview(qtbot: QtBot, data: DataAccess, store: Store) -> None:
    zoe = _contact(store, "Zoë Ångström")
    acme = store.interviews.find("acme-1").id
    by_person = LetterEditor(data, contact_id=zoe, today=TODAY)
    qtbot.addWidget(by_person)
    # Her interview ended in a rejection, and she prefers letters: the gracious note.
    assert by_person.template == "after_rejection"
    assert by_person.body.toPlainText().startswith("Dear Zoë Ångström,")
    by_interview = LetterEditor(data, interview_id=acme, today=TODAY)
    qtbot.addWidget(by_interview)
    assert by_interview.context.recipient is not None
    assert by_interview.context.recipient.name == "Laura Chen"
    by_interview.template_box.setCurrentIndex(by_interview.template_box.findData("thank_you_card"))
    assert by_interview.template == "thank_you_card"
    assert "Our talk about the Postgres migration" in by_interview.body.toPlainText()


@pytest.mark.parametrize(
    ("kind", "person", "template", "greeting"),
    [
        ("notify_reference", "Ana Ruiz", "reference_brief", "Dear Ana Ruiz,"),
        ("courtesy_note", "Zoë Ångström", "after_rejection", "Dear Zoë Ångström,"),
        ("reconnect", "Zoë Ångström", "reconnect", "Dear Zoë Ångström,"),
        ("follow_up", "Laura Chen", "follow_up_email", "Dear Laura Chen,"),
    ],
)
def test_each_step_opens_its_letter(
    qtbot: QtBot,
    data: DataAccess,
    store: Store,
    kind: str,
    person: str,
    template: str,
    greeting: str,
) -> None:
    editor = LetterEditor(data, step_id=_step(store, kind, person), today=TODAY)
    qtbot.addWidget(editor)
    assert editor.template == template
    assert editor.body.toPlainText().startswith(greeting)


def test_a_missing_step_is_a_clear_error(data: DataAccess) -> None:
    from afterview.store.errors import RecordError

    with pytest.raises(RecordError, match="step 9999: field 'id': no such step"):
        LetterEditor(data, step_id=9999)


class _MailClient(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_without_a_mail_program_it_says_so_instead_of_claiming_it_opened(
    qtbot: QtBot, editor: LetterEditor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tester's case: xdg-open had no program for mailto:, yet the status said "Opened
    in your mail client." (Qt only sees that xdg-open started)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "empty-data"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "no-system-entries"))
    client = _MailClient()
    QDesktopServices.setUrlHandler("mailto", client, "open")
    try:
        assert not editor.out.open_mail_draft()
    finally:
        QDesktopServices.unsetUrlHandler("mailto")
    assert client.urls == []
    assert editor.status.text().startswith("No mail program is set up for email links")


@pytest.mark.usefixtures("mail_program")
def test_open_as_mail_draft_hands_an_rfc6068_url_to_the_mail_client(
    qtbot: QtBot, editor: LetterEditor
) -> None:
    client = _MailClient()
    QDesktopServices.setUrlHandler("mailto", client, "open")
    try:
        editor.subject.setText("Tack — Zoë")
        assert editor.out.open_mail_draft()
    finally:
        QDesktopServices.unsetUrlHandler("mailto")
    assert len(client.urls) == 1
    back = parse_mailto(bytes(client.urls[0].toEncoded().data()).decode("ascii"))
    assert back.to == ["laura.chen@acme.example"]
    assert back.subject == "Tack — Zoë"
    assert back.body == editor.body.toPlainText()


def test_copy_puts_subject_and_body_on_the_clipboard(editor: LetterEditor) -> None:
    editor.out.copy_to_clipboard()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Subject: Thank you for the Backend Engineer interview\n\nDear Laura")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_save_as_pdf_and_print_to_a_pdf_printer(editor: LetterEditor, tmp_path: Path) -> None:
    editor.paper_box.setCurrentIndex(editor.paper_box.findData("a4"))
    target = editor.out.save_pdf(tmp_path / "letter.pdf")
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Laura Chen" in " ".join(text.split())
    from afterview.ui import letter_output

    printer = letter_output.make_printer("letter")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    letter_output.print_html(editor.html(), printer)
    printed = subprocess.run(
        ["pdftotext", str(tmp_path / "printed.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Backend Engineer" in " ".join(printed.split())


def test_print_preview_opens_with_the_page(qtbot: QtBot, editor: LetterEditor) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    editor.out.show_print_preview()
    dialog = editor.out.preview
    assert dialog is not None
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() == 1)
    dialog.close()


def test_pocket_card(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    sakura = store.interviews.find("sakura-1").id
    dialog = pocket_card_preview(store, sakura)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Interview-day card"
    if shutil.which("pdftotext"):
        out = save_pocket_card_pdf(store, sakura, tmp_path / "card.pdf")
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "May I have your card?" in text and "张伟" in text


def test_the_letters_list_model(
    qtbot: QtBot, qtmodeltester: Any, data: DataAccess, store: Store
) -> None:
    from afterview.ui.letter_list_model import LetterListModel

    model = LetterListModel(data)
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    editor = LetterEditor(data, step_id=_step(store, "thank_you", "Omar O'Hara"), today=TODAY)
    qtbot.addWidget(editor)
    letter_id = editor.mark_sent("phone", TODAY)
    draft = LetterEditor(data, step_id=_step(store, "thank_you", "Laura Chen"), today=TODAY)
    qtbot.addWidget(draft)
    draft.save_draft()
    # No reload asked for: the model hears the writes.
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    rows = {
        model.data(model.index(r, 1)): [model.data(model.index(r, c)) for c in range(5)]
        for r in range(model.rowCount())
    }
    assert rows["Omar O'Hara"][2:] == [
        "Acme — Backend Engineer",
        "Thank-you card (to copy by hand)",  # he prefers the phone: a card, not an email
        "Sent by phone",
    ]
    assert rows["Laura Chen"][4] == "Draft"
    sent_row = next(r for r in range(2) if model.data(model.index(r, 1)) == "Omar O'Hara")
    assert model.letter_id(model.index(sent_row, 0)) == letter_id
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Status"
    reopened = LetterEditor(data, letter_id=letter_id, today=TODAY)
    qtbot.addWidget(reopened)
    assert reopened.context.recipient is not None
    assert reopened.context.recipient.name == "Omar O'Hara"
    # A name changed elsewhere shows at once.
    laura = _contact(store, "Laura Chen")
    store.contacts.update(
        laura, replace(ContactFields.of(store.contacts.get(laura)), name="Laura Chen-Park")
    )
    assert "Laura Chen-Park" in [model.data(model.index(r, 1)) for r in range(2)]


# The offscreen platform cannot raise a popup or grab the keyboard for it, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_the_interview_chooser_offers_the_newest_few_and_finds_the_rest(
    qtbot: QtBot, data: DataAccess, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(interview_chooser, "NEWEST", 2)
    editor = LetterEditor(data, interview_id=store.interviews.find("acme-1").id, today=TODAY)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    box = editor.interview_box
    # The letter's interview first, then the two newest others (by start); Globex, the oldest
    # of the sample's four, is not loaded until asked for.
    assert [box.itemText(i) for i in range(box.count())] == [
        "Acme — Backend Engineer (2026-11-20)",
        "Sakura KK — SRE (2026-11-24)",
        "A&B <Labs> — Data Engineer (2026-11-18)",
    ]
    box.setFocus()
    box.line.selectAll()
    qtbot.keyClicks(box.line, "platform")
    popup = box.completer_.popup()
    assert popup is not None
    qtbot.waitUntil(lambda: popup.isVisible() and box.found.rowCount() > 0)
    assert [box.found.item(r).text() for r in range(box.found.rowCount())] == [
        "Globex — Platform Engineer (2026-11-10)"
    ]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.context.interview.company == "Globex")
    assert box.currentText() == "Globex — Platform Engineer (2026-11-10)"
    assert editor.context.recipient is not None
    # Once the keyboard moves on, a long label shows its start, the company, not its end
    # (tester 15: "rdlicht GmbH — Data Analyst …").
    editor.body.setFocus()
    qtbot.waitUntil(lambda: not box.hasFocus())
    assert box.line.cursorPosition() == 0
    assert editor.context.recipient.name == "Rita Recruiter"
    assert editor.body.toPlainText().startswith("Dear Rita Recruiter,")


def test_a_card_fixed_elsewhere_is_checked_at_once(
    qtbot: QtBot, editor: LetterEditor, store: Store
) -> None:
    body = editor.body.toPlainText().replace(
        "Dear Laura Chen,", "Dear Laura Chen, Director of Engineering,"
    )
    _retype(qtbot, editor, body)
    assert _verdicts(editor)["names"] == "fail"
    laura = _contact(store, "Laura Chen")
    fields = ContactFields.of(store.contacts.get(laura))
    with qtbot.waitSignal(editor.checks_updated):
        store.contacts.update(laura, replace(fields, title="Director of Engineering"))
    assert _verdicts(editor)["names"] == "pass"
    assert editor.body.toPlainText() == body  # what was typed stays


def _marked(editor: LetterEditor) -> list[tuple[str, bool, bool]]:
    """Every formatted stretch of the body as Qt holds it (UTF-16 positions), read back as
    the text it covers: (text, tinted, squiggled)."""
    doc = editor.body.document()
    found = []
    block = doc.begin()
    while block.isValid():
        units = block.text().encode("utf-16-le")
        for fmt_range in block.layout().formats():
            lo, hi = 2 * fmt_range.start, 2 * (fmt_range.start + fmt_range.length)
            shown = units[lo:hi].decode("utf-16-le")
            squiggle = (
                fmt_range.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
            )
            found.append(
                (shown, fmt_range.format.background().style() != Qt.BrushStyle.NoBrush, squiggle)
            )
        block = block.next()
    return found


def test_marks_stay_on_their_words_after_an_emoji(qtbot: QtBot, editor: LetterEditor) -> None:
    """The tester's case: after "🚀" (one Python character, two UTF-16 units) every mark
    started one character early and missed the word's last letter."""
    text = (
        "Dear Laura Chen,\n\nThanks from Müller & Söhne 🚀🚀 for the intervew. "
        "I am desperate and I beg you.\n\nBest regards,\nSam Rivera"
    )
    _retype(qtbot, editor, text)
    marked = _marked(editor)
    assert ("intervew", False, True) in marked
    tinted = {shown for shown, tint, _squiggle in marked if tint}
    assert {"desperate", "beg you"} <= tinted, marked
    cursor = editor.body.textCursor()
    units = text.index("intervew") + 2 + 3  # two emoji before it, three letters into the word
    cursor.setPosition(units)
    assert editor.highlighter.misspelt_at(cursor.block().text(), cursor.positionInBlock()) == (
        "intervew"
    )


def test_save_as_pdf_starts_in_documents_then_where_the_last_one_went(
    qtbot: QtBot, editor: LetterEditor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tester's case: the dialog always started in the home folder."""
    from PySide6.QtWidgets import QFileDialog

    from afterview.ui import letter_sending

    documents, chosen = tmp_path / "Documents", tmp_path / "letters"
    documents.mkdir()
    chosen.mkdir()
    monkeypatch.setattr(letter_sending, "_PDF_FOLDER", [None])
    monkeypatch.setattr(
        letter_sending.QStandardPaths, "writableLocation", lambda _where: str(documents)
    )
    offered: list[Path] = []

    def save(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(Path(start).parent)
        return str(chosen / Path(start).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    editor.buttons["pdf"].click()
    editor.buttons["pdf"].click()
    assert offered == [documents, chosen]
    assert list(chosen.glob("*.pdf"))
