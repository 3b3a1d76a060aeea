"""Issue 14: the first run asks who you are; old selling points are shown once to rewrite;
Settings ▸ Profile says what each field expects. Through the window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.domain.contact_ways import PostalAddress
from afterview.domain.settings import SELLING_POINTS_REWRITE_NOTICE
from afterview.store.errors import RecordError
from afterview.store.values import Profile
from afterview.ui import file_actions
from afterview.ui.first_run import ask_when_loaded
from afterview.ui.first_run_dialog import FirstRunDialog, RewriteSellingPointsDialog
from afterview.ui.letter_checks_panel import VERDICT_ROLE
from afterview.ui.letter_editor import LetterEditor
from afterview.ui.main_window import MainWindow
from afterview.ui.settings_dialog import SettingsDialog

OpenWindow = Callable[[], MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, data_dir: Path) -> Iterator[OpenWindow]:
    """Opens a window on the data dir as ``afterview`` does (with the first-run hook)."""
    opened: list[MainWindow] = []

    def open_one() -> MainWindow:
        for earlier in opened:
            if earlier.isVisible():
                earlier.close()
        win = MainWindow(paths.resolve(data_dir))
        ask_when_loaded(win)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        assert win.load()
        opened.append(win)
        return win

    yield open_one
    for win in opened:
        for dialog in win.findChildren(QDialog):
            dialog.reject()
        if win.workspace is not None and win.isVisible():
            win.close()


def _asked(window: MainWindow, kind: type[QDialog]) -> list[QDialog]:
    return [d for d in window.findChildren(kind) if d.isVisible()]


def test_the_first_run_asks_your_name_and_saves_it_with_your_details(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    (dialog,) = _asked(window, FirstRunDialog)
    # In front of the window but not modal: closing the window is never blocked by it.
    assert isinstance(dialog, FirstRunDialog) and not dialog.isModal()
    assert dialog.parent() is window and dialog.isVisible()
    form = dialog.form
    assert not form.name_message.isVisible()  # nothing said before the user did anything
    dialog.save_button.click()
    assert dialog.isVisible()
    assert form.name_message.text() == "✕ A name is required"
    qtbot.keyClicks(form.name, "<b>Ann</b> O'Hara")
    assert not form.name_message.isVisible()
    qtbot.keyClicks(form.email, "ann@")
    dialog.save_button.click()
    assert dialog.isVisible() and form.email_message.is_error
    qtbot.keyClicks(form.email, "example.com")
    qtbot.keyClicks(form.phone, "212 555 1234")
    qtbot.keyClicks(form.address.street, "5 Main St")
    qtbot.keyClicks(form.address.locality, "Springfield")
    dialog.save_button.click()
    assert not dialog.isVisible()
    profile = window.workspace.data.store.settings.profile()  # type: ignore[union-attr]
    assert profile.name == "<b>Ann</b> O'Hara"
    assert (profile.email, profile.phone) == ("ann@example.com", "+1 212-555-1234")
    assert profile.address == PostalAddress(street="5 Main St", locality="Springfield")
    # Named: the next start does not ask.
    again = open_window()
    assert _asked(again, FirstRunDialog) == []


def test_skipping_leaves_letters_failing_their_name_check(
    qtbot: QtBot, open_window: OpenWindow, sample_json: Path
) -> None:
    window = open_window()
    (dialog,) = _asked(window, FirstRunDialog)
    dialog.skip_button.click()
    assert not dialog.isVisible()
    workspace = window.workspace
    assert workspace is not None
    assert workspace.data.store.settings.profile().name == ""
    assert file_actions.import_json(workspace, sample_json)
    step = next(s for s in workspace.data.store.steps.all() if s.person == "Laura Chen")
    workspace.write_letter(step.id)
    (editor,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, LetterEditor)]
    panel = editor.checks
    verdicts = {r.key: panel.item(i).data(VERDICT_ROLE) for i, r in enumerate(panel.results)}
    assert verdicts.get("placeholders") == "fail", verdicts
    editor.close()
    shiboken6.delete(editor)  # now, not later: gone before the next test counts editors
    # Data now exists: the next start does not ask again (Settings ▸ Profile is there).
    assert _asked(open_window(), FirstRunDialog) == []


def test_a_window_built_without_the_hook_never_asks(qtbot: QtBot, window: MainWindow) -> None:
    """What every other window test builds: no dialog in the way."""
    assert _asked(window, QDialog) == []


def test_old_selling_points_are_shown_once_to_rewrite(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    (first,) = _asked(window, FirstRunDialog)
    first.reject()
    store = window.workspace.data.store  # type: ignore[union-attr]
    store.settings.save_profile(
        Profile(name="Sam Rivera", selling_points="eight years of data pipelines <and> more")
    )
    window = open_window()
    (dialog,) = _asked(window, RewriteSellingPointsDialog)
    assert isinstance(dialog, RewriteSellingPointsDialog)
    assert dialog.text.toPlainText() == "eight years of data pipelines <and> more"
    assert dialog.message.isVisible()  # says what is wrong with it
    assert store.settings.notice_shown(SELLING_POINTS_REWRITE_NOTICE)
    dialog.later_button.click()
    assert _asked(open_window(), RewriteSellingPointsDialog) == []  # once


def test_rewritten_selling_points_are_saved(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    _asked(window, FirstRunDialog)[0].reject()
    store = window.workspace.data.store  # type: ignore[union-attr]
    store.settings.save_profile(Profile(name="Sam Rivera", selling_points="eight years of SQL"))
    (dialog,) = _asked(open_window(), RewriteSellingPointsDialog)
    assert isinstance(dialog, RewriteSellingPointsDialog)
    dialog.text.setPlainText("I have eight years of SQL.")
    assert not dialog.message.isVisible()
    dialog.save_button.click()
    assert store.settings.profile().selling_points == "I have eight years of SQL."
    assert store.settings.profile().name == "Sam Rivera"


def test_settings_profile_fields_say_what_they_expect(qtbot: QtBot, window: MainWindow) -> None:
    assert window.workspace is not None
    window.workspace.data.store.settings.save_profile(
        Profile(name="Sam", selling_points="eight years of SQL")
    )
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SettingsDialog):
            QTimer.singleShot(5, look)
            return
        dialog.tabs.setCurrentIndex(1)
        for edit in (dialog.profile_name, dialog.profile_email, dialog.profile_phone,
                     dialog.profile_signature, dialog.profile_selling_points):  # fmt: skip
            seen[edit.accessibleName()] = edit.placeholderText()
        helps = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
        seen["helps"] = helps
        seen["warning"] = dialog.profile_form.selling_points_message.text()
        dialog.profile_selling_points.setPlainText("I have eight years of SQL.")
        seen["after"] = dialog.profile_form.selling_points_message.isVisible()
        dialog.reject()

    QTimer.singleShot(0, look)
    window.settings_action.trigger()
    for name in ("Your name", "Your email", "Your phone", "Your signature", "Your selling points"):
        assert str(seen[name]).startswith("e.g."), (name, seen[name])
    helps = seen["helps"]
    assert isinstance(helps, list)
    assert any(
        h.startswith("One or two sentences in your own words, e.g. “I have five years of SQL")
        for h in helps
    ), helps
    assert str(seen["warning"]).startswith("⚠ Write this as one or two whole sentences")
    assert seen["after"] is False


def test_only_a_notice_s_name_can_be_marked_shown(window: MainWindow) -> None:
    assert window.workspace is not None
    settings = window.workspace.data.store.settings
    with pytest.raises(RecordError, match="is not the name of a notice"):
        settings.mark_notice_shown("tray.autostart")
    assert not settings.notice_shown(SELLING_POINTS_REWRITE_NOTICE)
    settings.mark_notice_shown(SELLING_POINTS_REWRITE_NOTICE)
    assert settings.notice_shown(SELLING_POINTS_REWRITE_NOTICE)
    assert settings.autostart_choice() is None  # nothing else written
