"""The job posting's preview (issue 18 §3): it shows what the page gives, company and position
can be corrected, Import writes one application; a bad page is refused with the reader's
message and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from afterview.interop.job_posting import load_posting
from afterview.ui import posting_preview
from afterview.ui.data import DataAccess
from afterview.ui.posting_preview import PostingPreviewDialog, preview_and_import_posting
from afterview.ui.workspace import Workspace

PAGES = Path(__file__).resolve().parents[1] / "data" / "postings"
GERMAN = PAGES / "german.html"


def _dialog(qtbot: QtBot, data: DataAccess, path: Path) -> PostingPreviewDialog:
    dialog = PostingPreviewDialog(data, path, load_posting(path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _texts(dialog: PostingPreviewDialog) -> dict[str, str]:
    return {
        name: dialog.findChild(QLineEdit, name).text()
        for name in ("company", "position", "location", "employment", "posted", "link")
    }


@pytest.fixture
def english(use_locale) -> None:  # type: ignore[no-untyped-def]
    use_locale("en_US")


def test_the_preview_shows_what_the_page_gives(
    qtbot: QtBot, data: DataAccess, english: None
) -> None:
    dialog = _dialog(qtbot, data, GERMAN)
    assert _texts(dialog) == {
        "company": "Müller & Söhne GmbH",
        "position": "Softwareentwickler (m/w/d) Backend",
        "location": "München, Bayern, DE",
        "employment": "Vollzeit",
        "posted": "Thursday, November 5, 2026",
        "link": "https://karriere.mueller-soehne.example/stellen/backend",
    }
    assert dialog.description.toPlainText() == (
        "Ihre Aufgaben:\n\n"
        "• Entwicklung unserer Größen- und Maßdatenbank\n"
        "• Schnittstellen für Lieferanten\n\n"
        "Wir freuen uns über Ihre Bewerbung!"
    )
    assert dialog.description.isReadOnly()
    assert not dialog.company.isReadOnly() and not dialog.position.isReadOnly()
    assert all(f.isReadOnly() for f in (dialog.location, dialog.employment, dialog.link))
    assert dialog.windowTitle() == "Import job posting — german.html"
    for label in dialog.findChildren(QLabel):
        if label.buddy() is None and label.objectName() in ("heading", "note"):
            assert label.textFormat() == Qt.TextFormat.PlainText


def test_import_writes_the_application_with_the_corrected_position(
    qtbot: QtBot, data: DataAccess
) -> None:
    before = {a.id for a in data.store.applications.items()}
    dialog = _dialog(qtbot, data, GERMAN)
    dialog.position.setText("Backend-Entwickler")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    made = [a for a in data.store.applications.items() if a.id not in before]
    assert [(a.company, a.position, a.source, a.applied_on) for a in made] == [
        ("Müller & Söhne GmbH", "Backend-Entwickler", "karriere.mueller-soehne.example", None)
    ]
    assert made[0].posting.startswith(
        "Location: München, Bayern, DE\nEmployment type: Vollzeit\nDate posted: 2026-11-05\n\n"
        "Ihre Aufgaben:\n"
    )


def test_an_empty_company_or_position_cannot_be_imported(qtbot: QtBot, data: DataAccess) -> None:
    dialog = _dialog(qtbot, data, GERMAN)
    assert dialog.import_button.isEnabled()
    dialog.company.setText("   ")
    assert not dialog.import_button.isEnabled()
    assert dialog.note.text() == "An application needs a company and a position."
    dialog.company.setText("Müller")
    assert dialog.import_button.isEnabled()


def test_the_preview_says_when_the_application_exists(qtbot: QtBot, data: DataAccess) -> None:
    data.store.applications.create(
        {"company": "müller & söhne gmbh", "position": "Softwareentwickler (m/w/d) Backend"}
    )
    dialog = _dialog(qtbot, data, GERMAN)
    assert dialog.note.text() == (
        "You already have an application at müller & söhne gmbh (Softwareentwickler (m/w/d) "
        "Backend): the posting's text is added to it instead of a second application."
    )
    dialog.position.setText("Frontend")
    assert dialog.note.text() == ""


def _capture_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def box(
        _parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, *_: object
    ) -> QMessageBox.StandardButton:
        assert icon == QMessageBox.Icon.Warning
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(posting_preview, "message_box", box)
    return shown


def test_a_page_without_a_posting_is_refused_and_writes_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _capture_boxes(monkeypatch)
    before = workspace.store.applications.items()
    page = PAGES / "organization_only.html"
    assert not preview_and_import_posting(workspace, page)
    assert shown == [
        (
            "Import job posting",
            "Nothing was imported.\n\n"
            f"no job posting (schema.org JobPosting) in {page}; nothing was imported",
        )
    ]
    assert workspace.store.applications.items() == before


def test_import_from_the_window_says_so_in_the_status_bar(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _capture_boxes(monkeypatch)

    def click_import(self: PostingPreviewDialog) -> int:
        self.import_button.click()
        return self.result()

    monkeypatch.setattr(PostingPreviewDialog, "exec", click_import)
    assert preview_and_import_posting(workspace, PAGES / "microdata.html")
    assert shown == []
    assert workspace.window.statusBar().currentMessage() == (
        "Added the application at Fabrikam, Inc. (Technical Writer) from the job posting."
    )
    assert [a.position for a in workspace.store.applications.items()].count("Technical Writer") == 1
    # The same page again: found, and it already has its text.
    assert not preview_and_import_posting(workspace, PAGES / "microdata.html")
    assert workspace.window.statusBar().currentMessage() == (
        "The application at Fabrikam, Inc. (Technical Writer) already has a posting text: "
        "nothing was imported."
    )


def test_cancel_writes_nothing(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    before = workspace.store.applications.items()
    monkeypatch.setattr(PostingPreviewDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected))
    assert not preview_and_import_posting(workspace, GERMAN)
    assert workspace.store.applications.items() == before


def test_the_date_follows_the_locale(qtbot: QtBot, data: DataAccess, use_locale) -> None:  # type: ignore[no-untyped-def]
    use_locale("de_DE")
    dialog = _dialog(qtbot, data, GERMAN)
    assert dialog.posted.text() == "Donnerstag, 5. November 2026"


def test_the_preview_names_the_postings_a_listing_page_leaves_out(
    qtbot: QtBot, data: DataAccess
) -> None:
    dialog = _dialog(qtbot, data, PAGES / "two_postings.html")
    assert dialog.others.isVisible()
    assert dialog.others.textFormat() == Qt.TextFormat.PlainText
    assert dialog.others.text() == (
        "This page has 2 job postings; Afterview takes the first. Left out: Office Manager "
        "at Fabrikam GmbH. To import another, save its own page."
    )
    assert not _dialog(qtbot, data, GERMAN).others.isVisible()


def test_at_800x600_the_buttons_stay_on_the_screen(
    qtbot: QtBot, data: DataAccess, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(0, 0, 800, 600))
    dialog = _dialog(qtbot, data, GERMAN)
    # 16 px and 48 px kept for the window manager's borders and title bar.
    assert dialog.width() <= 784 and dialog.height() <= 552
    assert dialog.rect().contains(dialog.buttons.geometry())
