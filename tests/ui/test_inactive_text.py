"""Text reads at 4.5:1 in a window that is not the active one too (issue 17, tester §10: at
start-up and behind any dialog the Insight headings and captions were #919190 on #323232,
4.06:1, in GTK's dark Adwaita; they turned white only once the window was active).

A palette has a colour group per state: Active, Inactive (a window without focus), Disabled
(exempt: WCAG asks no contrast of inactive controls). The roles checked are those the Insight
page draws with: its headings, captions and intro (WindowText on Window), its tables (Text on
Base and AlternateBase), its buttons (ButtonText on Button) and secondary text
(PlaceholderText). The ratio is WCAG's, from tests/ui/test_palette_pairs.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from afterview.ui.palette import palette_for
from tests.ui.test_palette_pairs import PALETTES as CONTRAST_PALETTES
from tests.ui.test_palette_pairs import ratio

Role, Group = QPalette.ColorRole, QPalette.ColorGroup

#: What Qt's gtk3 platform theme hands over under GTK_THEME=Adwaita:dark (read from
#: QApplication.palette() under xvfb with QT_QPA_PLATFORMTHEME=gtk3), by group.
ADWAITA_DARK = {
    Group.Active: {"Window": "#323232", "Base": "#323232", "AlternateBase": "#323232",
                   "Button": "#323232", "WindowText": "#ffffff", "Text": "#ffffff",
                   "ButtonText": "#ffffff", "PlaceholderText": "#9b9b9b"},
    Group.Inactive: {"Window": "#323232", "Base": "#323232", "AlternateBase": "#323232",
                     "Button": "#323232", "WindowText": "#919190", "Text": "#ffffff",
                     "ButtonText": "#ffffff", "PlaceholderText": "#9b9b9b"},
    Group.Disabled: {"Window": "#323232", "Base": "#323232", "AlternateBase": "#323232",
                     "Button": "#323232", "WindowText": "#989898", "Text": "#989898",
                     "ButtonText": "#989898", "PlaceholderText": "#9b9b9b"},
}  # fmt: skip


def adwaita_dark_given() -> QPalette:
    palette = QPalette()
    for group, colours in ADWAITA_DARK.items():
        for role, colour in colours.items():
            palette.setColor(group, getattr(Role, role), QColor(colour))
    return palette


def adwaita_dark() -> QPalette:
    return palette_for(Qt.ColorScheme.Dark, adwaita_dark_given())


PALETTES: dict[str, Callable[[], QPalette]] = {**CONTRAST_PALETTES, "adwaita-dark": adwaita_dark}

#: (text, background): what the Insight page draws its text with, on what.
PAIRS = (
    ("WindowText", "Window"),
    ("Text", "Base"),
    ("Text", "AlternateBase"),
    ("ButtonText", "Button"),
    ("PlaceholderText", "Window"),
    ("PlaceholderText", "Base"),
)


def test_the_theme_as_given_is_the_one_the_tester_measured() -> None:
    given = adwaita_dark_given()
    text = given.color(Group.Inactive, Role.WindowText)
    window = given.color(Group.Inactive, Role.Window)
    assert ratio(text, window) == pytest.approx(4.06, abs=0.01)


@pytest.mark.parametrize("scheme", list(PALETTES))
@pytest.mark.parametrize("group", [Group.Active, Group.Inactive], ids=["active", "inactive"])
@pytest.mark.parametrize(("text", "background"), PAIRS, ids=[f"{t}-on-{b}" for t, b in PAIRS])
def test_text_reads_in_every_window_state(
    scheme: str, group: QPalette.ColorGroup, text: str, background: str
) -> None:
    palette = PALETTES[scheme]()
    fore, behind = (
        palette.color(group, getattr(Role, text)),
        palette.color(group, getattr(Role, background)),
    )
    got = ratio(fore, behind)
    assert got >= 4.5, f"{scheme} {group.name}: {fore.name()} on {behind.name()} is {got:.2f}:1"


def test_text_that_reads_is_left_as_the_theme_has_it() -> None:
    """Only the faint colour moves: the active text and the inactive table text stay."""
    given, made = adwaita_dark_given(), adwaita_dark()
    for group, role in ((Group.Active, Role.WindowText), (Group.Inactive, Role.Text)):
        assert made.color(group, role) == given.color(group, role)
    # Still a little dimmer than the active window's text: the state still shows.
    inactive = made.color(Group.Inactive, Role.WindowText)
    assert inactive.lightness() < made.color(Group.Active, Role.WindowText).lightness()
