"""What a screen reader says is plain text (issue 15): no widget's accessible name or
description, nor an item's in a list, carries HTML tags. Qt reads a widget's tooltip as its
description when it has none, and tooltips here are escaped rich text ("<p>…</p>"), so the
tester heard "<p>From the article …" on the Steps tab's Why? button and on Today's cards.

Every page, tab and dialog is walked (tests/ui/tour.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from afterview.ui.main_window import PAGES, MainWindow
from afterview.ui.write_guard import WriteGuard, writes
from tests.ui.test_small_window import settle
from tests.ui.tour import Tour

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
#: An HTML tag, not user text such as "A&B <Labs>" (a company may hold angle brackets).
TAG = re.compile(r"</?(p|br|b|i|u|em|strong|qt|html|body|span|div|a|ul|ol|li|table|tr|td|font)"
                 r"\b[^>]*>", re.IGNORECASE)  # fmt: skip
#: The most rows of a list whose items are read.
ROWS = 60


def _texts(interface: QAccessibleInterface) -> Iterator[tuple[str, str]]:
    for kind, role in (
        ("name", QAccessible.Text.Name),
        ("description", QAccessible.Text.Description),
    ):
        yield kind, interface.text(role) or ""


def tagged(top: QWidget) -> list[str]:
    """Each accessible name or description in ``top`` (its widgets shown, and the items of
    its lists) that holds an HTML tag."""
    found: list[str] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() or widget.window() is not top:
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None:
            continue
        where = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
        found += [
            f"{where} {kind}: {text!r}" for kind, text in _texts(interface) if TAG.search(text)
        ]
        if isinstance(widget, QAbstractItemView):
            for index in range(min(interface.childCount(), ROWS * 4)):
                child = interface.child(index)
                if child is None:
                    continue
                found += [
                    f"{where} item {index} {kind}: {text!r}"
                    for kind, text in _texts(child)
                    if TAG.search(text)
                ]
    return found


def test_no_accessible_name_or_description_holds_markup(sample_window: MainWindow) -> None:
    found: dict[str, list[str]] = {}

    def check(name: str, top: QWidget) -> None:
        settle(top)
        if problems := tagged(top):
            found[name] = problems

    tour = Tour(sample_window, check, settle)
    tour.pages(sample_window.show_page, [name for _text, name in PAGES])
    report = "\n".join(f"{stop}: {problem}" for stop, items in found.items() for problem in items)
    assert not found, "Markup a screen reader would read:\n" + report
    for stop in ("today", "interviews-steps", "contacts", "dialog-settings"):
        assert stop in tour.visited, tour.visited


def test_the_check_sees_a_tooltip_read_as_a_description(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    button = QPushButton("Why?", top)
    button.setToolTip("<p>From the article “5 Things”.</p>")
    plain = QPushButton("A&&B <Labs>", top)
    plain.setAccessibleDescription("Company A&B <Labs>")
    top.show()
    qtbot.waitExposed(top)
    assert len(tagged(top)) == 1 and "From the article" in tagged(top)[0]
    button.setAccessibleDescription("From the article “5 Things”.")
    assert tagged(top) == []


def test_a_control_turned_off_read_only_says_why_in_plain_words(qtbot: QtBot) -> None:
    """The write guard's tooltip is rich text too; a control it turns off reads its reason
    plain, and gets its own description back when the data can be written again."""
    top = QWidget()
    qtbot.addWidget(top)
    save = QPushButton("Save", top)
    described = QPushButton("Done", top)
    described.setAccessibleDescription("Due today")
    writes(save, described)
    guard = WriteGuard(top)
    top.show()
    qtbot.waitExposed(top)
    guard.set_read_only("Another Afterview is writing these files.")
    assert not save.isEnabled()
    assert tagged(top) == []
    assert save.accessibleDescription() == "Another Afterview is writing these files."
    assert described.accessibleDescription() == "Due today"
    guard.set_read_only(None)
    assert save.isEnabled() and save.accessibleDescription() == ""
    assert described.accessibleDescription() == "Due today"
