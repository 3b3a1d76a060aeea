"""The letter editor with a hostile template in the config ``letters/`` folder (issue 13 §4):
it says "this template is not allowed to …" or "too long", naming the file, keeps the letter
as it was, and no code runs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.operations import Store
from afterview.store.values import Profile
from afterview.ui import file_actions
from afterview.ui.data import DataAccess
from afterview.ui.letter_editor import LetterEditor
from afterview.ui.main_window import MainWindow

NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
TODAY = date(2026, 11, 21)
ESCAPE = "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}"
LOOPS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


@pytest.fixture
def store(
    data_dir: Path, sample_document: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Store]:
    monkeypatch.chdir(tmp_path)  # where an escape would leave MARKER
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        opened.settings.save_profile(Profile(name="Sam Rivera", email="sam@example.org"))
        yield opened


def _user_template(store: Store, name: str, blocks: str) -> Path:
    folder = store.paths.config_dir / "letters"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.html.j2"
    path.write_text('{% extends "_note.html.j2" %}' + blocks, encoding="utf-8")
    return path


def _editor(qtbot: QtBot, data: DataAccess, store: Store) -> LetterEditor:
    step = next(
        s.id for s in store.steps.all() if s.kind == "thank_you" and s.person == "Laura Chen"
    )
    editor = LetterEditor(data, step_id=step, today=TODAY)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _shown_box(qtbot: QtBot, editor: LetterEditor) -> QMessageBox:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in editor.findChildren(QMessageBox)))
    return next(b for b in editor.findChildren(QMessageBox) if b.isVisible())


def test_choosing_a_refused_template_says_why_and_keeps_the_letter(
    qtbot: QtBot, data: DataAccess, store: Store, tmp_path: Path
) -> None:
    path = _user_template(
        store, "nicer_thanks", "{% block title %}Nicer thanks{% endblock %}"
        f"{{% block body %}}Dear {{{{ name }}}}, {ESCAPE}{{% endblock %}}",
    )  # fmt: skip
    editor = _editor(qtbot, data, store)
    before = editor.body.toPlainText()
    assert before.startswith("Dear Laura Chen,")
    # Listed by its name: its title cannot be read without rendering what it refuses.
    editor.template_box.setCurrentIndex(editor.template_box.findData("nicer_thanks"))
    box = _shown_box(qtbot, editor)
    expected = f"Letter template {path} (line 1): this template is not allowed to read"
    assert box.text().startswith(expected)
    assert editor.status.text() == box.text()
    assert editor.template == "thank_you_email"
    assert editor.template_box.currentData() == "thank_you_email"
    assert editor.body.toPlainText() == before
    assert not (tmp_path / "MARKER").exists()
    box.close()


def test_a_page_too_long_to_render_is_not_previewed(
    qtbot: QtBot, data: DataAccess, store: Store
) -> None:
    # It overrides the built-in thank-you email: the text drafts, the page does not.
    path = _user_template(
        store, "thank_you_email", "{% block title %}Thanks{% endblock %}"
        "{% block body %}Dear {{ name }},{% endblock %}"
        f"{{% block page %}}{LOOPS}{{% endblock %}}",
    )  # fmt: skip
    editor = _editor(qtbot, data, store)
    assert editor.body.toPlainText() == "Dear Laura Chen,"
    editor.buttons["preview"].click()
    box = _shown_box(qtbot, editor)
    assert box.text().startswith(f"Letter template {path}")
    assert "this template is too long to render" in box.text()
    assert editor.out.preview is None
    box.close()


def test_opening_a_step_whose_template_is_refused_says_why(
    qtbot: QtBot, data: DataAccess, store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = _user_template(store, "thank_you_email", f"{{% block body %}}{ESCAPE}{{% endblock %}}")
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", record)
    step = next(
        s.id for s in store.steps.all() if s.kind == "thank_you" and s.person == "Laura Chen"
    )
    assert LetterEditor.open_for(data, step_id=step) is None
    assert len(shown) == 1
    assert shown[0].startswith(f"Letter template {path} (line 1): this template is not allowed")
    assert not (tmp_path / "MARKER").exists()


def test_a_refused_pocket_card_says_why(
    window: MainWindow, data_dir: Path, sample_json: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = window.workspace
    assert workspace is not None and file_actions.import_json(workspace, sample_json)
    folder = paths.resolve(data_dir).config_dir / "letters"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pocket_card.html.j2").write_text(LOOPS, encoding="utf-8")
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", record)
    workspace.page.table.selectRow(0)
    window.pocket_card_action.trigger()
    assert len(shown) == 1
    assert shown[0].startswith(f"Letter template {folder / 'pocket_card.html.j2'}")
    assert "this template is too long to render" in shown[0]
