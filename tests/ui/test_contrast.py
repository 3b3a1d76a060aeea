"""THE contrast test (issue 15): the window's rendered pixels meet WCAG 2.2 AA in the light
and the dark palette — text at 4.5:1 (3:1 when large), focus indicators at 3:1.

Nothing is computed from the palette: a style sheet can paint other colours than the
palette's, so every ratio comes from pixels the window rendered (QWidget.grab):

- a text's background is the dominant colour of its rectangle, and its colour the pixel
  there farthest (in contrast) from that background;
- a focus indicator is what changes between a grab of the control without focus and one
  with keyboard focus; its colour (the most common changed pixel) is compared with the
  unchanged pixels adjacent to it.

Disabled controls are exempt (WCAG 1.4.3), disabled labels are not: a help text is read.
The ratio is WCAG 2.1's relative luminance, written out here and pinned to known pairs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QStyleFactory,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from afterview.ui.main_window import CONTACTS, INTERVIEWS, REFERENCES, TODAY
from afterview.ui.palette import palette_for
from tests.desktop.window.shoot_pages import dark_palette as desktop_dark
from tests.ui.conftest import open_sample

TEXT, LARGE_TEXT, INDICATOR = 4.5, 3.0, 3.0
NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
FOCUSABLE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit)


def _channel(value: int) -> float:
    s = value / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


_LUMINANCE: dict[int, float] = {}


def luminance(rgb: int) -> float:
    """WCAG 2.1 relative luminance of an opaque 0xRRGGBB colour."""
    if rgb not in _LUMINANCE:
        r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
        _LUMINANCE[rgb] = 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
    return _LUMINANCE[rgb]


def ratio(first: int, second: int) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_ratio_matches_known_pairs() -> None:
    assert ratio(0x000000, 0xFFFFFF) == pytest.approx(21.0)
    # WebAIM's checker: #767676 on white is 4.54:1, the lightest grey that passes.
    assert ratio(0x767676, 0xFFFFFF) == pytest.approx(4.54, abs=0.01)
    assert ratio(0x949494, 0xFFFFFF) == pytest.approx(3.03, abs=0.01)


class Picture:
    """A grab as rows of 0xRRGGBB ints (read once from the image's bytes: fast)."""

    def __init__(self, image: QImage) -> None:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        self.width, self.height = image.width(), image.height()
        words = memoryview(bytes(image.constBits())).cast("I")
        stride = image.bytesPerLine() // 4
        self.rows = [
            [w & 0xFFFFFF for w in words[y * stride : y * stride + self.width]]
            for y in range(self.height)
        ]

    def area(self, rect: QRect) -> list[int]:
        rect = rect.intersected(QRect(0, 0, self.width, self.height))
        return [
            p
            for y in range(rect.top(), rect.bottom() + 1)
            for p in self.rows[y][rect.left() : rect.right() + 1]
        ]


def text_contrast(pixels: list[int]) -> tuple[float, int, int]:
    """(ratio, text colour, background) of a text's pixels."""
    background = Counter(pixels).most_common(1)[0][0]
    text = max(set(pixels), key=lambda p: ratio(p, background))
    return ratio(text, background), text, background


def is_large(font: QFont) -> bool:
    """WCAG's large text: 18 pt, or 14 pt bold."""
    size = font.pointSizeF()
    return size >= 18 or (font.bold() and size >= 14)


def shown_rect(widget: QWidget, top: QWidget) -> QRect:
    """The part of ``widget`` on screen, in ``top``'s coordinates (scrolled-away parts cut)."""
    visible = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(top, visible.topLeft()), visible.size())


def describe(widget: QWidget) -> str:
    words = ""
    for reader in ("text", "placeholderText", "currentText", "accessibleName"):
        value = getattr(widget, reader, None)
        if callable(value) and value():
            words = str(value())
            break
    return f"{type(widget).__name__} {widget.objectName() or '-'} {words[:50]!r}"


def text_widgets(top: QWidget) -> Iterator[tuple[QWidget, QRect]]:
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top:
            continue
        if isinstance(widget, QLabel):
            if not widget.text().strip() or (widget.pixmap() is not None and widget.text() == ""):
                continue
        elif isinstance(widget, QAbstractButton | QLineEdit | QComboBox):
            if not widget.isEnabled():
                continue  # an inactive control is exempt (WCAG 1.4.3)
            if isinstance(widget, QAbstractButton) and not widget.text().strip():
                continue
            if isinstance(widget, QLineEdit) and not (widget.text() or widget.placeholderText()):
                continue
        else:
            continue
        rect = shown_rect(widget, top)
        if isinstance(widget, QLineEdit | QComboBox | QAbstractButton) and not isinstance(
            widget, QCheckBox | QRadioButton
        ):
            rect = rect.adjusted(3, 3, -3, -3)  # inside the frame: the text, not the border
        if rect.width() > 2 and rect.height() > 2:
            yield widget, rect


def text_problems(where: str, top: QWidget) -> list[str]:
    picture = Picture(top.grab().toImage())
    problems = []
    for widget, rect in text_widgets(top):
        pixels = picture.area(rect)
        if len(set(pixels)) < 2:
            continue  # nothing drawn there (an empty or fully clipped text)
        got, text, background = text_contrast(pixels)
        need = LARGE_TEXT if is_large(widget.font()) else TEXT
        if got < need:
            problems.append(
                f"{where}: {describe(widget)}: text #{text:06x} on #{background:06x} is "
                f"{got:.2f}:1 (needs {need}:1)"
            )
    return problems


def caret(top: QWidget, area: QRect) -> QRect:
    """Where the focused editor's text cursor is, in ``area``'s coordinates: it shows with
    focus too (and blinks), but it is not the focus indicator."""
    editor = QApplication.focusWidget()
    rect = QRect()
    try:
        if isinstance(editor, QLineEdit):
            rect = editor.cursorRect()
            origin = editor.mapTo(top, rect.topLeft())
        elif isinstance(editor, QTextEdit | QPlainTextEdit):
            rect = editor.cursorRect()
            origin = editor.viewport().mapTo(top, rect.topLeft())
        else:
            return rect
    except (AttributeError, TypeError):  # protected on an editor Qt made itself
        return QRect()
    return QRect(origin - area.topLeft(), rect.size()).adjusted(-2, -2, 2, 2)


def indicator_contrast(
    before: list[int], after: list[int], width: int, skip: QRect
) -> float | None:
    """The focus indicator's contrast against the unchanged pixels next to it, or None when
    focus changes nothing (but the text cursor, ``skip``)."""
    changed = {
        i
        for i, (b, a) in enumerate(zip(before, after, strict=True))
        if b != a and not skip.contains(i % width, i // width)
    }
    if not changed:
        return None
    colour = Counter(after[i] for i in changed).most_common(1)[0][0]
    around: Counter[int] = Counter()
    for i in changed:
        for j in (i - 1, i + 1, i - width, i + width):
            if 0 <= j < len(after) and j not in changed:
                around[after[j]] += 1
    if not around:
        return None
    return ratio(colour, around.most_common(1)[0][0])


def focus_problems(where: str, top: QWidget) -> list[str]:
    problems = []
    controls = [
        w
        for w in top.findChildren(QWidget)
        if isinstance(w, FOCUSABLE)
        and w.isVisible()
        and w.isEnabled()
        and w.window() is top
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not shown_rect(w, top).isEmpty()
    ]
    for widget in controls:
        # A ring may be drawn just outside the control: look 3 pixels around it.
        area = shown_rect(widget, top).adjusted(-3, -3, 3, 3)
        area = area.intersected(top.rect())
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()
        before = Picture(top.grab(area).toImage())
        # Focus from the keyboard: styles draw a ring only then. Qt counts a Tab only inside
        # a real Tab key event; a shortcut reason counts always (and moves no other focus).
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        after = Picture(top.grab(area).toImage())
        skip = caret(top, area)
        widget.clearFocus()
        got = indicator_contrast(
            [p for row in before.rows for p in row], [p for row in after.rows for p in row],
            before.width, skip,
        )  # fmt: skip
        if got is None:
            problems.append(f"{where}: {describe(widget)}: no visible focus indicator")
        elif got < INDICATOR:
            problems.append(
                f"{where}: {describe(widget)}: focus indicator at {got:.2f}:1 (needs {INDICATOR}:1)"
            )
    return problems


def light() -> QPalette:
    return palette_for(Qt.ColorScheme.Light, QStyleFactory.create("Fusion").standardPalette())


def dark() -> QPalette:
    return palette_for(Qt.ColorScheme.Dark, desktop_dark())


@pytest.fixture(params=["light", "dark"])
def pages(
    request: pytest.FixtureRequest, qapp: QApplication, qtbot: QtBot, data_dir: Path
) -> Iterator[list[tuple[str, QWidget, object]]]:
    """(name, top-level, how to show it) for every page of the window, and Settings, in the
    palette the app gives a light or a dark desktop (as app.follow_color_scheme does)."""
    before = qapp.palette()
    qapp.setPalette(light() if request.param == "light" else dark())
    window, workspace = open_sample(qtbot, data_dir, NOW)
    window.resize(1180, 760)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    def page(row: int) -> object:
        window.show_page(row)
        if row == INTERVIEWS:
            workspace.page.select(workspace.page.model.interview_id(0) or 0)
            workspace.page.detail.tabs.setCurrentIndex(0)
        return None

    from afterview.ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(workspace.data, window)
    qtbot.addWidget(settings)

    def settings_tab(index: int) -> object:
        settings.show()
        settings.activateWindow()
        settings.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is settings)
        return None

    shown: list[tuple[str, QWidget, object]] = [
        (f"{request.param}, Today", window, lambda: page(TODAY)),
        (f"{request.param}, Interviews", window, lambda: page(INTERVIEWS)),
        (f"{request.param}, Contacts", window, lambda: page(CONTACTS)),
        (f"{request.param}, References", window, lambda: page(REFERENCES)),
    ]
    for index in range(settings.tabs.count()):
        name = settings.tabs.tabText(index).replace("&", "")
        shown.append(
            (f"{request.param}, Settings {name}", settings, lambda i=index: settings_tab(i))
        )
    yield shown
    settings.close()
    window.close()
    qapp.setPalette(before)


def _walk(pages: list[tuple[str, QWidget, object]], check: object) -> list[str]:
    problems: list[str] = []
    for name, top, show in pages:
        show()  # type: ignore[operator]
        QApplication.processEvents()
        problems += check(name, top)  # type: ignore[operator]
    return problems


def test_text_reaches_4_5_to_1(pages: list[tuple[str, QWidget, object]]) -> None:
    problems = _walk(pages, text_problems)
    assert not problems, f"{len(problems)} texts below WCAG AA:\n" + "\n".join(problems)


def test_focus_indicators_reach_3_to_1(pages: list[tuple[str, QWidget, object]]) -> None:
    problems = _walk(pages, focus_problems)
    assert not problems, f"{len(problems)} focus indicators below WCAG AA:\n" + "\n".join(problems)


def test_the_sampling_sees_a_faint_text_and_a_missing_ring(qtbot: QtBot) -> None:
    """The method itself, on a made-up form: a grey text on white fails, black passes; a
    line edit whose focus draws nothing fails."""
    form = QWidget()
    qtbot.addWidget(form)
    form.setStyleSheet("QWidget { background: #ffffff; }")
    faint = QLabel("Faint help text", form)
    faint.setStyleSheet("color: #b0b0b0;")
    faint.move(10, 10)
    plain = QLabel("Plain text", form)
    plain.setStyleSheet("color: #000000;")
    plain.move(10, 40)
    field = QLineEdit("x", form)
    field.setObjectName("flat")
    field.setStyleSheet("QLineEdit, QLineEdit:focus { border: 1px solid #dddddd; }")
    field.move(10, 70)
    form.resize(300, 120)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    found = text_problems("form", form)
    assert any("Faint help text" in p for p in found), found
    assert not any("Plain text" in p for p in found), found
    rings = focus_problems("form", form)
    assert any("flat" in p for p in rings), rings
