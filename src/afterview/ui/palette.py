"""The window's colours in a light and a dark scheme, every text readable on its background.

Qt follows the desktop: ``QStyleHints.colorScheme()`` says whether it is dark, and a platform
theme (GNOME, KDE) hands over a matching palette. Where the desktop says dark but no theme
hands a dark palette over (a bare X session, a portal without a Qt theme), the window would
stay light; :func:`palette_for` then gives it the dark palette below. Either way the roles the
app draws secondary text and selections with are made to reach the WCAG contrast of 4.5:1
for normal text (https://www.w3.org/TR/WCAG21/#contrast-minimum): Fusion's own light palette
draws placeholder text at 4.0:1 and white on its selection blue at 3.4:1.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

#: The least contrast ratio for normal text (WCAG 2.1, 1.4.3).
NORMAL_TEXT = 4.5

_DARK = {
    "Window": "#2b2b2b", "WindowText": "#e6e6e6", "Base": "#1f1f1f", "AlternateBase": "#262626",
    "Text": "#e6e6e6", "Button": "#353535", "ButtonText": "#e6e6e6", "Highlight": "#2f65b5",
    "HighlightedText": "#ffffff", "PlaceholderText": "#a8a8a8", "ToolTipBase": "#3a3a3a",
    "ToolTipText": "#f0f0f0", "Link": "#8ab4f8", "LinkVisited": "#c58af9", "BrightText": "#ffffff",
    "Light": "#4a4a4a", "Midlight": "#3e3e3e", "Mid": "#2f2f2f", "Dark": "#1a1a1a",
    "Shadow": "#000000",
}  # fmt: skip
_DARK_DISABLED = {"WindowText": "#8c8c8c", "Text": "#8c8c8c", "ButtonText": "#8c8c8c"}


def luminance(color: QColor) -> float:
    """Relative luminance (0 black … 1 white) of an opaque colour, as WCAG 2.1 defines it."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def over(color: QColor, background: QColor) -> QColor:
    """``color`` as seen drawn on ``background`` (its alpha blended in)."""
    alpha = color.alphaF()
    return QColor.fromRgbF(
        color.redF() * alpha + background.redF() * (1 - alpha),
        color.greenF() * alpha + background.greenF() * (1 - alpha),
        color.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def contrast(text: QColor, background: QColor) -> float:
    """The WCAG contrast ratio (1 … 21) of ``text`` drawn on ``background``."""
    first, second = luminance(over(text, background)), luminance(background)
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(color))
    for role, color in _DARK_DISABLED.items():
        palette.setColor(
            QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role), QColor(color)
        )
    return palette


def toward(
    text: QColor,
    backgrounds: list[QColor],
    goal: QColor,
    *,
    least: float = NORMAL_TEXT + 0.1,
    steps: int = 10,
) -> QColor:
    """``text`` moved toward ``goal`` in ``steps`` even steps until its contrast reaches
    ``least`` (WCAG ratio) on every background; ``goal`` when no step does."""
    color = over(text, backgrounds[0])
    for step in range(steps + 1):
        share = step / steps
        mixed = QColor.fromRgbF(
            color.redF() * (1 - share) + goal.redF() * share,
            color.greenF() * (1 - share) + goal.greenF() * share,
            color.blueF() * (1 - share) + goal.blueF() * share,
        )
        if all(contrast(mixed, b) >= least for b in backgrounds):
            return mixed
    return goal


def readable(palette: QPalette) -> QPalette:
    """``palette`` with secondary text (PlaceholderText) and selections (Highlight) changed
    just enough to reach 4.5:1 on the backgrounds they are drawn on: Window, Base,
    AlternateBase and Button; and plain text (WindowText, Text, ButtonText) too where the
    theme's falls short, in the Active and the Inactive group alike."""
    fixed = QPalette(palette)
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        window, base = palette.color(group, role.Window), palette.color(group, role.Base)
        # Button too: secondary text sits on buttons, headers and tabs as well (a dark theme's
        # button colour is lighter than its window: 4.4:1 there before).
        backgrounds = [
            window,
            base,
            palette.color(group, role.AlternateBase),
            palette.color(group, role.Button),
            # A tab widget's pane and a raised frame are drawn in Light (#434343 in Fusion's
            # dark tabs: 3.9:1 for the Settings help texts before).
            palette.color(group, role.Light),
        ]
        _plain_text_reads(palette, fixed, group)
        text = palette.color(group, role.Text)
        placeholder = toward(palette.color(group, role.PlaceholderText), backgrounds, text)
        fixed.setColor(group, role.PlaceholderText, placeholder)
        # A dark theme that leaves Link at Qt's default blue (errors beside a field use it).
        fixed.setColor(group, role.Link, toward(palette.color(group, role.Link), backgrounds, text))
        # The selection darkens (light text on it) or lightens until its text reads.
        highlighted = palette.color(group, role.HighlightedText)
        highlight = palette.color(group, role.Highlight)
        goal = QColor("#000000") if highlighted.lightness() >= 128 else QColor("#ffffff")
        fixed.setColor(group, role.Highlight, toward(highlight, [highlighted], goal))
    _dim_disabled(fixed)
    return fixed


#: Plain text and what it is drawn on (the first background is the one it is measured on
#: first); secondary text and links are seen to in :func:`readable`.
_PLAIN_TEXT = (
    (QPalette.ColorRole.WindowText, (QPalette.ColorRole.Window,)),
    (QPalette.ColorRole.Text, (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase)),
    (QPalette.ColorRole.ButtonText, (QPalette.ColorRole.Button,)),
)


def _plain_text_reads(palette: QPalette, fixed: QPalette, group: QPalette.ColorGroup) -> None:
    """Plain text of ``group`` that falls under 4.5:1 on its backgrounds moved toward the
    active text colour (or black or white) until it reads. GTK's dark Adwaita hands over an
    Inactive WindowText of #919190 on #323232 (4.06:1): every label and heading of a window
    that is not the active one, and of the main window behind a dialog, was too faint (issue
    17, tester §10). Text that reads already is left as the theme has it."""
    for text_role, background_roles in _PLAIN_TEXT:
        text = palette.color(group, text_role)
        backgrounds = [palette.color(group, b) for b in background_roles]
        if all(contrast(text, b) >= NORMAL_TEXT for b in backgrounds):
            continue
        active = palette.color(QPalette.ColorGroup.Active, text_role)
        if not all(contrast(active, b) >= NORMAL_TEXT for b in backgrounds):
            active = QColor("#ffffff") if is_dark(palette) else QColor("#000000")
        fixed.setColor(group, text_role, toward(text, backgrounds, active))


def _dim_disabled(palette: QPalette) -> None:
    """A theme that gives disabled text the colour of enabled text (a bare palette) makes a
    disabled Save look like one that works: disabled text is drawn halfway to its
    background instead. (WCAG asks no contrast of inactive controls.)"""
    role, disabled = QPalette.ColorRole, QPalette.ColorGroup.Disabled
    for text, background in ((role.Text, role.Base), (role.WindowText, role.Window),
                             (role.ButtonText, role.Button)):  # fmt: skip
        active = palette.color(QPalette.ColorGroup.Active, text)
        if palette.color(disabled, text) != active:
            continue
        behind = palette.color(QPalette.ColorGroup.Active, background)
        halfway = QColor.fromRgbF(
            (active.redF() + behind.redF()) / 2,
            (active.greenF() + behind.greenF()) / 2,
            (active.blueF() + behind.blueF()) / 2,
        )
        palette.setColor(disabled, text, halfway)


def palette_for(scheme: Qt.ColorScheme, given: QPalette) -> QPalette:
    """The window's palette: dark when the desktop asks for dark (``scheme``) and ``given``
    (the platform's palette) is not; readable (see :func:`readable`) either way."""
    chosen = dark_palette() if scheme == Qt.ColorScheme.Dark and not is_dark(given) else given
    return readable(chosen)


def follow_color_scheme(app: QApplication) -> None:
    """The desktop's light or dark scheme, now and when it changes, with every text readable.
    Once per application: the window's process calls it, and so does every main window (a
    window made in a test or a harness process got Qt's own palette, whose secondary text is
    black at half opacity: 3.9:1 on Fusion's grey)."""
    if app.property("afterviewPalette"):
        return
    app.setProperty("afterviewPalette", True)
    hints = app.styleHints()
    app.setPalette(palette_for(hints.colorScheme(), app.palette()))
    hints.colorSchemeChanged.connect(
        lambda scheme: app.setPalette(palette_for(scheme, app.style().standardPalette()))
    )
