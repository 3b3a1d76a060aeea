"""A unit test of afterview.ui.palette and of the colours modules set themselves: every pair
the app colours reaches the WCAG contrast for normal text (4.5:1), in each palette.

This is not the contrast test: style sheets can draw other colours than the palette's, so
tests/ui/test_contrast.py samples rendered pixels, and that is the one the issue relies on
("Accessibility", issue 15). This one says early which palette pair is wrong.

The ratio is computed here from the WCAG 2.1 definition (relative luminance with the sRGB
curve), not taken from afterview.ui.palette; two reference pairs pin it to known values.
The palettes are Fusion's own light one and the dark one a desktop hands over, each as the
app makes it readable; the colours the app sets itself are read from the modules that set
them, so a change there is checked here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from afterview.ui import availability_banner, letter_highlighter, validators, vcard_preview_model
from afterview.ui.palette import palette_for
from tests.desktop.window.shoot_pages import dark_palette as desktop_dark

NORMAL = 4.5
Role = QPalette.ColorRole


def ratio(text: QColor, background: QColor) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    def lum(c: QColor) -> float:
        return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())

    a = text.alphaF()
    seen = QColor(
        round(text.red() * a + background.red() * (1 - a)),
        round(text.green() * a + background.green() * (1 - a)),
        round(text.blue() * a + background.blue() * (1 - a)),
    )
    high, low = sorted((lum(seen), lum(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_ratio_matches_known_pairs() -> None:
    assert ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    # WebAIM's checker: #767676 on white is 4.54:1, the lightest grey that passes.
    assert ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)


def light() -> QPalette:
    return palette_for(Qt.ColorScheme.Light, QStyleFactory.create("Fusion").standardPalette())


def dark() -> QPalette:
    return palette_for(Qt.ColorScheme.Dark, desktop_dark())


def light_desktop_saying_dark() -> QPalette:
    """The desktop asks for dark but hands over a light palette (a bare X session)."""
    return palette_for(Qt.ColorScheme.Dark, QStyleFactory.create("Fusion").standardPalette())


PALETTES: dict[str, Callable[[], QPalette]] = {
    "light": light,
    "dark": dark,
    "dark-scheme-light-theme": light_desktop_saying_dark,
}


def banner(style: str) -> tuple[QColor, QColor]:
    found = dict(re.findall(r"(background|color): (#[0-9a-f]{6})", style))
    return QColor(found["color"]), QColor(found["background"])


def pairs(palette: QPalette) -> dict[str, tuple[QColor, QColor]]:
    """(text, background) for each text the app draws, by what it is and who owns it."""
    dark_ = palette.color(Role.Window).lightness() < 128
    text, base, window = (palette.color(r) for r in (Role.Text, Role.Base, Role.Window))
    return {
        # The palette roles the window's own text uses (owner: layout, afterview.ui.palette).
        "text": (text, base),
        "window text": (palette.color(Role.WindowText), window),
        "alternate rows": (text, palette.color(Role.AlternateBase)),
        "sample banner": (palette.color(Role.WindowText), palette.color(Role.AlternateBase)),
        "secondary text on window": (palette.color(Role.PlaceholderText), window),
        "secondary text on base": (palette.color(Role.PlaceholderText), base),
        "selection": (palette.color(Role.HighlightedText), palette.color(Role.Highlight)),
        "process tab error (palette link)": (palette.color(Role.Link), window),
        "buttons": (palette.color(Role.ButtonText), palette.color(Role.Button)),
        # Colours other modules set themselves.
        "field error (validators)": (validators.message_color(palette, "error"), window),
        "field warning (validators)": (validators.message_color(palette, "warning"), window),
        "availability banner": banner(
            availability_banner._DARK if dark_ else availability_banner._LIGHT
        ),
        "letter placeholder highlight (letter_highlighter)": flagged(palette),
        "vCard duplicate row (vcard_preview_model)": (
            text,
            vcard_preview_model.duplicate_background(palette),
        ),
    }


def flagged(palette: QPalette) -> tuple[QColor, QColor]:
    """The letter editor's tint on what a check points at, as it paints it for ``palette``."""
    text, background = (
        letter_highlighter.FLAGGED_DARK
        if letter_highlighter.is_dark(palette)
        else letter_highlighter.FLAGGED_LIGHT
    )
    return QColor(text), QColor(background)


CASES = [(scheme, name) for scheme in PALETTES for name in pairs(QPalette())]


@pytest.mark.parametrize(("scheme", "name"), CASES)
def test_text_is_readable(qapp: QApplication, scheme: str, name: str) -> None:
    palette = PALETTES[scheme]()
    foreground, background = pairs(palette)[name]
    got = ratio(foreground, background)
    assert got >= NORMAL, (
        f"{name} in the {scheme} palette: {foreground.name()} on {background.name()} is {got:.2f}:1"
    )


def test_a_dark_desktop_gets_a_dark_window(qapp: QApplication) -> None:
    palette = light_desktop_saying_dark()
    assert palette.color(Role.Window).lightness() < 100
    assert palette.color(Role.Text).lightness() > 200
    # A dark theme handed over is kept as it is, but for what needed to be made readable.
    given = desktop_dark()
    kept = dark()
    assert kept.color(Role.Window) == given.color(Role.Window)
    assert kept.color(Role.Base) == given.color(Role.Base)


@pytest.mark.parametrize("scheme", list(PALETTES))
def test_disabled_text_looks_disabled(qapp: QApplication, scheme: str) -> None:
    """A disabled Save must not look like one that works (a bare dark theme gives disabled
    text the enabled colour)."""
    palette = PALETTES[scheme]()
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        active = palette.color(QPalette.ColorGroup.Active, role)
        disabled = palette.color(QPalette.ColorGroup.Disabled, role)
        assert ratio(active, disabled) > 1.5, (scheme, role)
