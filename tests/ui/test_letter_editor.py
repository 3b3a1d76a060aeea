"""The letter editor: drafted from a thank-you step, checked as you type, and out the door."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextCharFormat
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from afterview import paths
from afterview.letters.mailto import parse_mailto
from afterview.store import interchange
from afterview.store.database import Database, open_database
from afterview.store.models import LetterRow, StepRow
from afterview.store.profile import Profile, save_profile
from afterview.ui.letter_checks_panel import VERDICT_ROLE
from afterview.ui.letter_editor import LetterEditor
from afterview.ui.letter_pocket_card import pocket_card_preview, save_pocket_card_pdf

NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
TODAY = date(2026, 11, 21)


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
        save_profile(
            session,
            Profile(
                name="Sam Rivera",
                email="sam@example.org",
                selling_points="eight years of data pipelines and calm database migrations",
            ),
        )
    yield database
    database.close()


def _step(db: Database, kind: str, person: str) -> int:
    with db.read() as session:
        return session.scalars(
            select(StepRow.id).where(StepRow.kind == kind, StepRow.person == person)
        ).one()


@pytest.fixture
def editor(qtbot: QtBot, db: Database) -> LetterEditor:
    widget = LetterEditor(db, step_id=_step(db, "thank_you", "Laura Chen"), today=TODAY)
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
    assert "the Postgres migration" in body and "eight years of data pipelines" in body
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
    assert any(t.startswith("Sounds desperate:") and "Seed 003" in t for t in texts)
    assert any(t.startswith("Long for an email") and "Seed 004" in t for t in texts)


def test_mark_as_sent_records_date_and_channel_and_completes_the_step(
    qtbot: QtBot, editor: LetterEditor, db: Database
) -> None:
    step_id = editor.step_id
    assert step_id is not None
    with qtbot.waitSignal(editor.sent) as signal:
        letter_id = editor.mark_sent("email", TODAY)
    assert signal.args == [letter_id, step_id]
    with db.read() as session:
        row = session.get(LetterRow, letter_id)
        assert row is not None and row.channel == "email" and row.sent_at is not None
        assert row.sent_at.astimezone().date() == TODAY
        assert row.body.startswith("Dear Laura Chen,")
        assert session.get(StepRow, step_id).status == "done"  # type: ignore[union-attr]


def test_closing_keeps_edits_as_a_draft_and_reopening_shows_them(
    qtbot: QtBot, editor: LetterEditor, db: Database
) -> None:
    editor.body.setPlainText("Dear Laura Chen,\n\nMy own words.")
    editor.close()
    again = LetterEditor(db, step_id=editor.step_id, today=TODAY)
    qtbot.addWidget(again)
    assert again.body.toPlainText() == "Dear Laura Chen,\n\nMy own words."
    assert again.letter_id == editor.letter_id


def test_from_a_person_and_from_an_interview(qtbot: QtBot, db: Database) -> None:
    with db.read() as session:
        from afterview.store.models import ContactRow, InterviewRow

        zoe = session.scalars(select(ContactRow.id).where(ContactRow.name == "Zoë Ångström")).one()
        acme = session.scalars(select(InterviewRow.id).where(InterviewRow.key == "acme-1")).one()
    by_person = LetterEditor(db, contact_id=zoe, today=TODAY)
    qtbot.addWidget(by_person)
    # Her interview ended in a rejection, and she prefers letters: the gracious note.
    assert by_person.template == "after_rejection"
    assert by_person.body.toPlainText().startswith("Dear Zoë Ångström,")
    by_interview = LetterEditor(db, interview_id=acme, today=TODAY)
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
    qtbot: QtBot, db: Database, kind: str, person: str, template: str, greeting: str
) -> None:
    with db.read() as session:
        step_id = session.scalars(
            select(StepRow.id).where(StepRow.kind == kind, StepRow.person == person).limit(1)
        ).one()
    editor = LetterEditor(db, step_id=step_id, today=TODAY)
    qtbot.addWidget(editor)
    assert editor.template == template
    assert editor.body.toPlainText().startswith(greeting)


def test_a_missing_step_is_a_clear_error(db: Database) -> None:
    from afterview.store.errors import RecordError

    with pytest.raises(RecordError, match="step 9999: field 'id': no such step"):
        LetterEditor(db, step_id=9999)


class _MailClient(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_as_mail_draft_hands_an_rfc6068_url_to_the_mail_client(
    qtbot: QtBot, editor: LetterEditor
) -> None:
    client = _MailClient()
    QDesktopServices.setUrlHandler("mailto", client, "open")
    try:
        editor.subject.setText("Tack — Zoë")
        assert editor.open_mail_draft()
    finally:
        QDesktopServices.unsetUrlHandler("mailto")
    assert len(client.urls) == 1
    back = parse_mailto(bytes(client.urls[0].toEncoded().data()).decode("ascii"))
    assert back.to == ["laura.chen@acme.example"]
    assert back.subject == "Tack — Zoë"
    assert back.body == editor.body.toPlainText()


def test_copy_puts_subject_and_body_on_the_clipboard(editor: LetterEditor) -> None:
    editor.copy_to_clipboard()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Subject: Thank you for the Backend Engineer interview\n\nDear Laura")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_save_as_pdf_and_print_to_a_pdf_printer(editor: LetterEditor, tmp_path: Path) -> None:
    editor.paper_box.setCurrentIndex(editor.paper_box.findData("a4"))
    target = editor.save_pdf(tmp_path / "letter.pdf")
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

    editor.show_print_preview()
    dialog = editor._preview
    assert dialog is not None
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() == 1)
    dialog.close()


def test_pocket_card(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    with db.read() as session:
        from afterview.store.models import InterviewRow

        sakura = session.scalars(
            select(InterviewRow.id).where(InterviewRow.key == "sakura-1")
        ).one()
    dialog = pocket_card_preview(db, sakura)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Interview-day card"
    if shutil.which("pdftotext"):
        out = save_pocket_card_pdf(db, sakura, tmp_path / "card.pdf")
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "May I have your card?" in text and "张伟" in text


def test_the_letters_list_model(qtbot: QtBot, qtmodeltester: Any, db: Database) -> None:
    from PySide6.QtCore import Qt

    from afterview.ui.letter_list_model import LetterListModel

    model = LetterListModel(db)
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    editor = LetterEditor(db, step_id=_step(db, "thank_you", "Omar O'Hara"), today=TODAY)
    qtbot.addWidget(editor)
    letter_id = editor.mark_sent("phone", TODAY)
    draft = LetterEditor(db, step_id=_step(db, "thank_you", "Laura Chen"), today=TODAY)
    qtbot.addWidget(draft)
    draft.save_draft()
    model.reload()
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
    reopened = LetterEditor(db, letter_id=letter_id, today=TODAY)
    qtbot.addWidget(reopened)
    assert reopened.context.recipient is not None
    assert reopened.context.recipient.name == "Omar O'Hara"
