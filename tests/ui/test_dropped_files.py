"""Files dropped on the window, handed over by another ``afterview FILE`` start, or waiting
for the data to open (issue 18): each goes to the import for what it holds, one after
another; a drag of anything else is left alone, and a file of no kind says why and imports
nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.ui import incoming_files
from afterview.ui.app import WindowServer
from afterview.ui.main_window import INTERVIEWS, MainWindow
from afterview.ui.workspace import Workspace


def _mime(*files: Path, text: str = "") -> QMimeData:
    mime = QMimeData()
    if files:
        mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files])
    if text:
        mime.setText(text)
    return mime


def _drop(window: QWidget, mime: QMimeData) -> tuple[bool, bool]:
    """Drag ``mime`` over the middle of ``window`` (or any widget) and let go: whether the
    drag was taken when it came in, and the drop."""
    where = QPointF(window.width() / 2, window.height() / 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        where.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    enter.ignore()
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        where, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    drop.ignore()
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def _companies(workspace: Workspace) -> set[str]:
    return {interview.company for interview in workspace.store.interviews.each()}


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(
        incoming_files, "message_box", lambda _parent, _icon, _title, text: said.append(text)
    )
    return said


def test_a_dropped_data_file_is_imported(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, sample_json: Path
) -> None:
    wanted = {row["company"] for row in json.loads(sample_json.read_text())["interviews"]}
    assert not _companies(workspace) & wanted
    assert _drop(window, _mime(sample_json)) == (True, True)
    qtbot.waitUntil(lambda: wanted <= _companies(workspace))


def test_a_drag_of_text_or_a_web_address_is_left_alone(
    window: MainWindow, workspace: Workspace
) -> None:
    assert _drop(window, _mime(text="Dana Example")) == (False, False)
    web = QMimeData()
    web.setUrls([QUrl("https://jobs.example/123")])
    assert _drop(window, web) == (False, False)
    assert window.file_queue is not None and window.file_queue.waiting == 0


def test_files_of_no_kind_say_why_one_after_another(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, tmp_path: Path, shown: list[str]
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("a shopping list")
    second.write_text("another one")
    before = _companies(workspace)
    assert _drop(window, _mime(first, second)) == (True, True)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert "first.txt" in shown[0] and "second.txt" in shown[1]
    assert "Nothing was imported" in shown[0]
    assert _companies(workspace) == before


def test_a_file_handed_over_by_another_start_is_imported(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, sample_json: Path
) -> None:
    server = WindowServer(window.paths, window)
    try:
        server.handle({"type": "open", "files": [str(sample_json)]})
        qtbot.waitUntil(lambda: "Globex" in _companies(workspace))
    finally:
        server.server.close()


def test_a_file_given_before_the_data_opens_waits_for_it(
    qtbot: QtBot, data_dir: Path, sample_json: Path
) -> None:
    window = MainWindow(paths.resolve(data_dir))
    qtbot.addWidget(window)
    window.open_files([sample_json])  # as run_window does with `afterview FILE`
    assert window.pending_files == [sample_json]
    window.show()
    qtbot.waitExposed(window)
    assert window.load()
    assert window.workspace is not None
    workspace = window.workspace
    qtbot.waitUntil(lambda: "Globex" in _companies(workspace))
    window.close()


class _Answer(QObject):
    """Presses Import on the next modal dialog of ``kind`` (a preview runs its own event loop,
    so the test answers from a timer, as a user would from the keyboard), and keeps its
    title."""

    def __init__(self, kind: type[QDialog]) -> None:
        super().__init__()
        self.kind = kind
        self.titles: list[str] = []
        self.other: list[str] = []
        self.timer = QTimer(self)
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, self.kind) and dialog.isVisible():
            self.timer.stop()
            self.titles.append(dialog.windowTitle())
            dialog.import_button.click()  # type: ignore[attr-defined]
        elif isinstance(dialog, QDialog) and dialog.isVisible():
            self.other.append(type(dialog).__name__)  # the wrong import: closed, and failed
            dialog.reject()


def test_a_dropped_posting_and_email_go_through_their_previews(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    from afterview.ui.email_preview import EmailPreviewDialog
    from afterview.ui.posting_preview import PostingPreviewDialog

    data = Path(__file__).resolve().parents[1] / "data"
    posting = _Answer(PostingPreviewDialog)
    assert _drop(window, _mime(data / "postings" / "jsonld_plain.html")) == (True, True)
    qtbot.waitUntil(
        lambda: (
            bool(posting.other)
            or any(
                a.company == "Northwind Traders" and a.position == "Senior Python Developer"
                for a in workspace.store.applications.items()
            )
        ),
        timeout=20_000,
    )
    assert posting.titles and not posting.other
    email = _Answer(EmailPreviewDialog)
    assert _drop(window, _mime(data / "signatures" / "01-pipes-en.eml")) == (True, True)
    qtbot.waitUntil(
        lambda: (
            bool(email.other)
            or any(
                c.name == "Sarah Lin" and c.title == "Senior Technical Recruiter"
                for c in workspace.store.contacts.items()
            )
        ),
        timeout=20_000,
    )
    assert email.titles and not email.other


def test_a_dropped_invitation_goes_through_its_preview_to_an_interview(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    from afterview.ui.invitation_dialog import InvitationPreviewDialog

    data = Path(__file__).resolve().parents[1] / "data"
    answer = _Answer(InvitationPreviewDialog)
    invite = data / "ics" / "outlook-windows-zone.ics"
    assert _drop(window, _mime(invite)) == (True, True)
    qtbot.waitUntil(
        lambda: bool(answer.other) or "Brightwave Analytics" in _companies(workspace),
        timeout=20_000,
    )
    assert answer.titles and not answer.other
    (interview,) = [
        i for i in workspace.store.interviews.each() if i.company == "Brightwave Analytics"
    ]
    # 09:30 on 6 October 2026 in "W. Europe Standard Time", Europe/Berlin by CLDR: CEST, UTC+2.
    assert interview.time_zone == "Europe/Berlin"
    assert interview.start.astimezone(UTC) == datetime(2026, 10, 6, 7, 30, tzinfo=UTC)


def test_the_welcome_page_says_files_can_be_dropped(window: MainWindow) -> None:
    hint = window.welcome.drop_hint
    assert hint.text() == (
        "Or drop a calendar invitation, a recruiter's email or a saved job posting here."
    )
    assert window.acceptDrops()


def test_a_file_dropped_on_a_text_field_is_imported_not_typed_in(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    sample_json: Path,
    tmp_path: Path,
    shown: list[str],
) -> None:
    # A text field takes a dropped file as its address, and the editors save what a field
    # holds: the tester's company became "Desert file:///…/dup-case.emlAI".
    from afterview.ui import file_actions

    assert file_actions.import_json(workspace, sample_json)
    window.show_page(INTERVIEWS)
    qtbot.waitUntil(lambda: any(f.isVisible() for f in window.findChildren(QLineEdit)))
    fields = [f for f in window.findChildren(QLineEdit) if f.isVisible() and f.isEnabled()]
    before = [f.text() for f in fields]
    notes = tmp_path / "notes.txt"
    notes.write_text("not a kind Afterview imports")
    as_text = QUrl.fromLocalFile(str(notes)).toString()  # a file manager offers both
    for field in fields:
        assert _drop(field, _mime(notes, text=as_text)) == (True, True)
    qtbot.waitUntil(lambda: len(shown) == len(fields))
    assert all("notes.txt" in said for said in shown)
    assert [f.text() for f in fields] == before
