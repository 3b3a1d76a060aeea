"""Secondary text (PlaceholderText: counts, subtitles, hints, "Opening your follow-ups…")
reads at 4.5:1 on every background it is drawn on, in a light and a dark palette (issue 15:
"Secondary text is 3.9:1"). The ratio is WCAG's, computed in tests/ui/test_palette_pairs.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from afterview.ui.main_window import MainWindow
from afterview.ui.palette import palette_for
from tests.ui.test_palette_pairs import PALETTES as CONTRAST_PALETTES
from tests.ui.test_palette_pairs import ratio

Role, Group = QPalette.ColorRole, QPalette.ColorGroup
BACKGROUNDS = ("Window", "Base", "AlternateBase", "Button")


def lighter_buttons() -> QPalette:
    """A dark theme whose buttons are lighter than its window (#9a9a9a reads at 5.0:1 on its
    window and 3.4:1 on its buttons)."""
    theme = QPalette()
    for role, color in (("Window", "#2b2b2b"), ("Base", "#1f1f1f"), ("AlternateBase", "#262626"),
                        ("Button", "#454545"), ("Text", "#e6e6e6"), ("WindowText", "#e6e6e6"),
                        ("PlaceholderText", "#9a9a9a")):  # fmt: skip
        theme.setColor(getattr(Role, role), QColor(color))
    return palette_for(Qt.ColorScheme.Dark, theme)


PALETTES: dict[str, Callable[[], QPalette]] = {
    **CONTRAST_PALETTES,
    "dark-lighter-buttons": lighter_buttons,
}


@pytest.mark.parametrize("scheme", list(PALETTES))
@pytest.mark.parametrize("background", BACKGROUNDS)
def test_secondary_text_reads_on_every_background(scheme: str, background: str) -> None:
    palette = PALETTES[scheme]()
    for group in (Group.Active, Group.Inactive):
        text = palette.color(group, Role.PlaceholderText)
        behind = palette.color(group, getattr(Role, background))
        assert ratio(text, behind) >= 4.5, (scheme, group.name, text.name(), behind.name())


def test_the_opening_text_is_secondary_text_not_a_disabled_label(window: MainWindow) -> None:
    placeholder = window.findChild(QLabel, "placeholderText")
    assert placeholder is not None
    assert placeholder.isEnabled()  # disabled text is drawn at 1.8:1
    palette = placeholder.palette()
    shown = palette.color(placeholder.foregroundRole())
    assert ratio(shown, palette.color(Role.Window)) >= 4.5
