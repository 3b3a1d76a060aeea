"""The invitation preview (issue 18 §1) in the window: the values read from the reader's real
files shown in editable fields, the people table, Import creating what the fields say, a
reschedule showing the old time and the new, a cancel asked about, and a bad file shown in a
message box with nothing written. Expected values by hand from tests/data/ics (Outlook's
"W. Europe Standard Time" is Europe/Berlin; 6 October 2026 is CEST, UTC+2)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from afterview.domain.applications import Outcome, Stage
from afterview.domain.invitations import Attendee, Invitation, Method
from afterview.domain.records import Format, Role
from afterview.interop.invitation_import import default_choices
from afterview.interop.invitation_read import load_invitation
from afterview.store.interview_list import SortKey
from afterview.store.operations import Store
from afterview.ui import invitation_dialog, invitation_preview
from afterview.ui.interviews_model import COLUMNS
from afterview.ui.invitation_dialog import ADD, EMAIL, KNOWN, ME, NAME, InvitationPreviewDialog
from afterview.ui.invitation_preview import preview_and_import_invitation
from afterview.ui.workspace import Workspace

ICS = Path(__file__).resolve().parents[1] / "data" / "ics"
FIRST = ICS / "outlook-windows-zone.ics"
MOVED = ICS / "outlook-update-seq1.ics"
CANCEL = ICS / "outlook-cancel.ics"


def _dialog(qtbot: QtBot, store: Store, path: Path) -> InvitationPreviewDialog:
    store.settings.save_playbook({"home_time_zone": "America/New_York"})
    invitation = load_invitation(path)
    dialog = InvitationPreviewDialog(store, invitation, store.invitations.look(invitation), path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _rows(dialog: InvitationPreviewDialog) -> list[tuple[Any, ...]]:
    table = dialog.people
    return [
        (
            table.item(row, ADD).checkState() == Qt.CheckState.Checked,  # type: ignore[union-attr]
            table.item(row, NAME).text(),  # type: ignore[union-attr]
            table.item(row, EMAIL).text(),  # type: ignore[union-attr]
            dialog.role_box(row).currentData(),
            table.item(row, KNOWN).text(),  # type: ignore[union-attr]
        )
        for row in range(table.rowCount())
    ]


def _import(store: Store, path: Path) -> Invitation:
    """The invitation at ``path``, imported as the preview proposes it; returned."""
    invitation = load_invitation(path)
    store.invitations.import_invitation(
        invitation, default_choices(invitation, store.invitations.look(invitation))
    )
    return invitation


def _document(store: Store) -> str:
    return json.dumps(store.data.export_document(), sort_keys=True)


def test_the_preview_shows_the_file_and_import_creates_what_it_says(
    qtbot: QtBot, workspace: Workspace
) -> None:
    store = workspace.store
    dialog = _dialog(qtbot, store, FIRST)
    assert dialog.wall() == datetime(2026, 10, 6, 9, 30)
    assert dialog.zone.zone() == "Europe/Berlin"
    # 09:30 in Berlin (UTC+2) is 03:30 in New York (UTC-4).
    assert re.search(r"\b0?3:30\b", dialog.home.text())
    assert "(America/New_York)" in dialog.home.text() and "UTC" not in dialog.home.text()
    assert dialog.duration.value() == 90
    assert dialog.format.currentData() == Format.IN_PERSON
    assert dialog.location.text() == "Brightwave Analytics, Keizersgracht 123, 1015 CJ Amsterdam"
    assert dialog.company.text() == "Brightwave Analytics"
    # "Second interview – Data Engineer": the round's words go to Round, not the post.
    assert (dialog.position.text(), dialog.round.text()) == ("Data Engineer", "Second interview")
    assert dialog.heading.textFormat() == Qt.TextFormat.PlainText
    assert _rows(dialog) == [
        (True, "Sophie Martin", "sophie.martin@careers.brightwave-analytics.com",
         Role.RECRUITER, "New card"),
        (True, "Pieter de Vries", "pieter.devries@brightwave-analytics.com",
         Role.INTERVIEWER, "New card"),
        (True, "Müller, Anna", "anna.mueller@brightwave-analytics.com",
         Role.INTERVIEWER, "New card"),
        (True, "alex.candidate@example.org", "alex.candidate@example.org",
         Role.INTERVIEWER, "New card"),
    ]  # fmt: skip
    assert not dialog.people.isColumnHidden(ME)  # the profile has no email yet
    # The user corrects: they are the fourth; Pieter is not coming; Anna is the manager.
    dialog.people.item(3, ME).setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    assert _rows(dialog)[3][0] is False  # "This is me" unticks Add
    dialog.people.item(1, ADD).setCheckState(Qt.CheckState.Unchecked)  # type: ignore[union-attr]
    dialog.role_box(2).setCurrentIndex(dialog.role_box(2).findData(Role.HIRING_MANAGER))
    dialog.position.setText("Data Engineer")
    dialog.duration.setValue(60)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    (interview,) = [i for i in store.interviews.each() if i.company == "Brightwave Analytics"]
    assert interview.start == datetime(2026, 10, 6, 7, 30, tzinfo=UTC)
    assert (interview.position, interview.duration_minutes) == ("Data Engineer", 60)
    assert [(p.contact.name, p.role) for p in interview.people] == [
        ("Sophie Martin", Role.RECRUITER),
        ("Müller, Anna", Role.HIRING_MANAGER),
    ]
    assert store.settings.profile().email == "alex.candidate@example.org"


def _when_modal(act: Callable[[Any], None]) -> None:
    """Act on the next modal window (the preview) once it is up."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, look)
            return
        act(dialog)

    QTimer.singleShot(0, look)


def test_import_through_the_window_says_so_in_the_status_bar(
    qtbot: QtBot, workspace: Workspace
) -> None:
    seen: list[str] = []

    def click_import(dialog: Any) -> None:
        seen.append(type(dialog).__name__)
        if isinstance(dialog, InvitationPreviewDialog):
            dialog.import_button.click()
        else:
            dialog.reject()

    _when_modal(click_import)
    assert preview_and_import_invitation(workspace, FIRST)
    assert seen == ["InvitationPreviewDialog"]
    message = workspace.window.statusBar().currentMessage()
    assert message == "Interview created from the invitation. Its steps are in Today."
    assert any(i.company == "Brightwave Analytics" for i in workspace.store.interviews.each())


def test_a_reschedule_shows_the_old_time_and_the_new(qtbot: QtBot, workspace: Workspace) -> None:
    store = workspace.store
    _import(store, FIRST)
    dialog = _dialog(qtbot, store, MOVED)
    assert dialog.import_button.text() == "Reschedule"
    old, new = dialog.moved.text().split(" → ")
    assert re.search(r"\b0?9:30\b", old) and old.endswith("(Europe/Berlin)")
    assert re.search(r"\b(14:00|2:00\s?PM)", new) and new.endswith("(Europe/Berlin)")
    for field in (dialog.company, dialog.position, dialog.round):  # greyed, not white boxes
        assert not field.isEnabled()
    dialog.activateWindow()
    dialog.round.setFocus()
    qtbot.keyClicks(dialog.round, "3")
    assert dialog.round.text() == ""
    assert not dialog.round.hasFocus()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (interview,) = [i for i in store.interviews.each() if i.company == "Brightwave Analytics"]
    assert interview.start == datetime(2026, 10, 8, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("answer", [False, True])
def test_a_cancel_is_asked_about(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, answer: bool
) -> None:
    store = workspace.store
    _import(store, FIRST)
    before = _document(store)
    asked: list[str] = []
    monkeypatch.setattr(
        invitation_preview, "ask", lambda _p, _t, text: asked.append(text) or answer
    )
    assert preview_and_import_invitation(workspace, CANCEL) is answer
    assert len(asked) == 1 and "Brightwave Analytics (Data Engineer)" in asked[0]
    assert "close the application as cancelled by the employer" in asked[0]
    applications = [a for a in store.applications.items() if a.company == "Brightwave Analytics"]
    if not answer:
        assert _document(store) == before
        assert applications[0].stage is not Stage.CLOSED
    else:
        assert (applications[0].stage, applications[0].outcome) == (Stage.CLOSED, Outcome.CANCELLED)
    # The Interviews list says what became of the meeting (the tester's finding: "Scheduled").
    model = workspace.window.interviews_page.model
    model.reload()
    column = next(n for n, (_label, key) in enumerate(COLUMNS) if key is SortKey.STATUS)
    said = {model.index(row, column).data() for row in range(model.rowCount())}
    assert ("Cancelled by the employer" in said) is answer
    assert ("Scheduled" in said) is not answer


@pytest.mark.parametrize(
    ("name", "says"),
    [("no-vevent.ics", "no meeting"), ("unknown-zone.ics", ""), ("binary.ics", "")],
)
def test_a_bad_file_shows_why_and_writes_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, name: str, says: str
) -> None:
    before = _document(workspace.store)
    shown: list[tuple[QMessageBox.Icon, str]] = []
    monkeypatch.setattr(
        invitation_preview, "message_box", lambda _p, icon, _t, text: shown.append((icon, text))
    )
    assert not preview_and_import_invitation(workspace, ICS / name)
    assert len(shown) == 1 and shown[0][0] == QMessageBox.Icon.Warning
    assert name in shown[0][1] and says in shown[0][1] and "Nothing was imported" in shown[0][1]
    assert _document(workspace.store) == before


def test_markup_in_the_invitation_stays_text(qtbot: QtBot, workspace: Workspace) -> None:
    store = workspace.store
    invitation = Invitation(
        uid="markup@x.example",
        sequence=0,
        method=Method.REQUEST,
        summary="<b>Chief</b> & <i>Boss</i>",
        start=datetime(2026, 12, 8, 10, 0, tzinfo=UTC),
        time_zone="UTC",
        duration_minutes=30,
        location="<a href='x'>room</a>",
        format=Format.IN_PERSON,
        organiser=Attendee("<b>Rita</b>", "rita@x.example", organiser=True),
        attendees=(),
        company_guess="X <Labs>",
    )
    dialog = InvitationPreviewDialog(store, invitation, store.invitations.look(invitation), FIRST)
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == "A new interview from “<b>Chief</b> & <i>Boss</i>”."
    assert dialog.heading.textFormat() == Qt.TextFormat.PlainText
    assert dialog.company.text() == "X <Labs>"
    assert dialog.people.item(0, NAME).text() == "<b>Rita</b>"  # type: ignore[union-attr]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (interview,) = [i for i in store.interviews.each() if i.company == "X <Labs>"]
    assert interview.people[0].contact.name == "<b>Rita</b>"
    assert replace(interview, people=()).location == "<a href='x'>room</a>"


def test_the_second_of_a_repeated_hour_stays_the_second(qtbot: QtBot, store: Store) -> None:
    # Berlin, 25 October 2026: 03:00 CEST goes back to 02:00 CET; 02:30 CET is 01:30 UTC.
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC).astimezone(ZoneInfo("Europe/Berlin"))
    invitation = Invitation(
        uid="fold@x.example",
        sequence=0,
        method=Method.REQUEST,
        summary="Night shift lead",
        start=second,
        time_zone="Europe/Berlin",
        duration_minutes=30,
        location="",
        format=Format.PHONE,
        organiser=None,
        attendees=(),
        company_guess="Nightly",
    )
    dialog = InvitationPreviewDialog(store, invitation, store.invitations.look(invitation), FIRST)
    qtbot.addWidget(dialog)
    assert dialog.wall() == datetime(2026, 10, 25, 2, 30)
    chosen = dialog.choices().start
    assert chosen.timestamp() == datetime(2026, 10, 25, 1, 30, tzinfo=UTC).timestamp()
    dialog.start.setDateTime(dialog.start.dateTime().addSecs(3600))  # 03:30 CET: no fold
    assert (
        dialog.choices().start.timestamp() == datetime(2026, 10, 25, 2, 30, tzinfo=UTC).timestamp()
    )


def test_without_a_company_import_says_so_and_writes_nothing(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store, ICS / "zoom.ics")  # no organiser: no company guessed
    before = _document(store)
    assert dialog.company.text() == ""
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == "Give the company: the invitation does not name it."
    assert _document(store) == before
    dialog.company.setText("Cobalt")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert any(i.company == "Cobalt" for i in store.interviews.each())


def _small_screen(monkeypatch: pytest.MonkeyPatch, width: int, height: int) -> None:
    """The screen's available area as the tester's Xvfb had it (the offscreen one is larger)."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(0, 0, width, height))


def test_at_800x600_the_buttons_stay_on_the_screen(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_screen(monkeypatch, 800, 600)
    dialog = _dialog(qtbot, store, FIRST)
    # 16 px and 48 px kept for the window manager's borders and title bar.
    assert dialog.width() <= 784 and dialog.height() <= 552
    assert dialog.rect().contains(dialog.buttons.geometry())
    assert dialog.rect().contains(dialog.import_button.geometry().translated(dialog.buttons.pos()))


def test_closing_with_corrections_asks_first_and_without_closes_at_once(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, True]  # Keep editing, then Discard
    asked: list[bool] = []

    def discard(_parent: object) -> bool:
        asked.append(answers[len(asked)])
        return asked[-1]

    monkeypatch.setattr(invitation_dialog, "discard_corrections", discard)
    plain = _dialog(qtbot, store, FIRST)
    qtbot.keyClick(plain, Qt.Key.Key_Escape)
    assert asked == [] and not plain.isVisible()  # nothing changed: closed at once

    dialog = _dialog(qtbot, store, FIRST)
    dialog.round.setText("Final interview")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [False] and dialog.isVisible()
    dialog.close()  # the window's close button
    assert asked == [False, True] and not dialog.isVisible()
    assert not [i for i in store.interviews.each() if i.company == "Brightwave Analytics"]


def test_a_new_zone_keeps_the_instant_and_shows_its_wall_time(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Left open with a change when an assertion fails: closed without a question.
    monkeypatch.setattr(invitation_dialog, "discard_corrections", lambda _parent: True)
    # A Gmail-style invitation: 15:00 UTC on 8 December 2026 (Berlin is then CET, UTC+1).
    store.settings.save_playbook({"home_time_zone": "America/New_York"})
    read = load_invitation(ICS / "utc.ics")
    invitation = replace(read, start=datetime(2026, 12, 8, 15, 0, tzinfo=UTC), time_zone="UTC")
    dialog = InvitationPreviewDialog(store, invitation, store.invitations.look(invitation), FIRST)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    home = dialog.home.text()
    assert re.search(r"\b(10:00|10:00\s?AM)", home) and home.endswith("(America/New_York)")
    dialog.zone.set_zone("Europe/Berlin")
    assert dialog.wall() == datetime(2026, 12, 8, 16, 0)  # the field shows Berlin's 16:00
    assert dialog.home.text() == home  # the meeting did not move
    assert dialog.choices().start == datetime(2026, 12, 8, 15, 0, tzinfo=UTC)
    assert dialog.choices().time_zone == "Europe/Berlin"
    dialog.import_button.click()
    (interview,) = [
        i
        for i in store.interviews.each()
        if i.start.year == 2026 and i.start.month == 12 and i.time_zone == "Europe/Berlin"
    ]
    assert interview.start == datetime(2026, 12, 8, 15, 0, tzinfo=UTC)


def test_a_cancel_older_than_the_time_imported_says_so_and_asks_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = workspace.store
    first = load_invitation(FIRST)
    later = replace(first, sequence=5)  # moved again since the cancel (SEQUENCE 2) was sent
    store.invitations.import_invitation(
        first, default_choices(first, store.invitations.look(first))
    )
    store.invitations.import_invitation(
        later, default_choices(later, store.invitations.look(later))
    )
    before = _document(store)
    shown: list[str] = []
    monkeypatch.setattr(
        invitation_preview, "message_box", lambda _p, _i, _t, text: shown.append(text)
    )
    monkeypatch.setattr(invitation_preview, "ask", lambda *_a: pytest.fail("asked"))
    assert not preview_and_import_invitation(workspace, CANCEL)
    assert shown == [
        "outlook-cancel.ics is an older cancel than the invitation imported for the interview "
        "at Brightwave Analytics (Data Engineer), which still stands. "
        "Nothing changed."
    ]
    assert _document(store) == before


def test_a_moved_time_without_a_higher_sequence_is_named_and_nothing_changes(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The tester's finding: a tool that moves the meeting but keeps SEQUENCE:0 got only
    # "already imported", with nothing saying the file's time is not the interview's.
    store = workspace.store
    _import(store, FIRST)
    moved = tmp_path / "moved-same-sequence.ics"
    moved.write_bytes(
        FIRST.read_bytes()
        .replace(b"20261006T093000", b"20261008T143000")
        .replace(b"20261006T110000", b"20261008T160000")
    )
    before = _document(store)
    shown: list[str] = []
    monkeypatch.setattr(
        invitation_preview, "message_box", lambda _p, _i, _t, text: shown.append(text)
    )
    assert not preview_and_import_invitation(workspace, moved)
    (text,) = shown
    assert text.startswith("moved-same-sequence.ics is already imported")
    said, kept = text.split("so Afterview keeps")
    assert "another time" in said and "14:30" in said and "for 90 minutes" in said
    assert "09:30" in kept and "change the interview's time" in kept
    assert _document(store) == before


@pytest.mark.parametrize("past", [True, False])
def test_a_past_meeting_says_its_steps_may_be_due_at_once(
    qtbot: QtBot, store: Store, past: bool
) -> None:
    # The tester's finding: a meeting already over was imported without a word, and Today
    # then filled with overdue steps.
    invitation = load_invitation(FIRST)
    look = replace(store.invitations.look(invitation), past=past)
    dialog = InvitationPreviewDialog(store, invitation, look, FIRST)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    note = dialog.findChild(QLabel, "pastNote")
    if not past:
        assert note is None
        return
    assert note is not None and note.isVisible()
    assert note.textFormat() == Qt.TextFormat.PlainText
    assert note.text().startswith("This meeting was on ")
    assert "(Europe/Berlin), already past: its steps are planned from that time" in note.text()


def test_the_readers_notes_read_as_sentences(qtbot: QtBot, store: Store) -> None:
    # The second tester's: a note shown in lower case without a full stop.
    path = ICS / "outlook-customized-old-rules.ics"
    invitation = load_invitation(path)
    (note,) = invitation.warnings
    dialog = InvitationPreviewDialog(store, invitation, store.invitations.look(invitation), path)
    qtbot.addWidget(dialog)
    shown = [label.text() for label in dialog.findChildren(QLabel) if "Customized" in label.text()]
    assert shown == [note[:1].upper() + note[1:].rstrip(".") + "."]
    assert shown[0][0].isupper() and shown[0].endswith(".")
