"""The window's icons: small SVGs drawn in the palette's text colour at the screen's scale.

They are rendered on demand at the exact device-pixel size, so they stay sharp
at 200 % scaling, and recoloured from the palette, so they follow a dark theme.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

_STROKE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
    'stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">'
)

PATHS: dict[str, str] = {
    "today": '<rect x="3.5" y="5" width="17" height="15.5" rx="2"/><path d="M3.5 10h17M8 3v4M16'
    ' 3v4"/><path d="M9 15.2l2 2 4-4.2"/>',
    "interviews": '<rect x="3" y="7.5" width="18" height="12.5" rx="2"/><path d="M8.5 7.5V5.8a1.8'
    ' 1.8 0 0 1 1.8-1.8h3.4a1.8 1.8 0 0 1 1.8 1.8v1.7M3 13h18"/>',
    "contacts": '<rect x="2.5" y="5" width="19" height="14" rx="2"/>'
    '<circle cx="9" cy="11" r="2.3"/>'
    '<path d="M5.5 16.2c.6-1.7 1.9-2.6 3.5-2.6s2.9.9 3.5 2.6M15 10h3.5M15 13.5h3.5"/>',
    "references": '<circle cx="9" cy="8.5" r="3"/><path d="M3.5 19c.7-3 2.8-4.7 5.5-4.7s4.8 1.7 5.5'
    ' 4.7"/><path d="M16 6.2a3 3 0 0 1 0 5.6M17.5 14.6c1.6.6 2.6 2.2 3 4.4"/>',
    "board": '<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M9 4v16M15 4v16"/>'
    '<path d="M5 7.5h2M11 7.5h2M17 7.5h2M5 10.5h2M11 10.5h2"/>',
    "insight": '<path d="M4 20h16"/><rect x="5.5" y="12" width="3" height="8" rx=".5"/>'
    '<rect x="10.5" y="7" width="3" height="13" rx=".5"/><rect x="15.5" y="4" width="3" '
    'height="16" rx=".5"/>',
    "add": '<path d="M12 5v14M5 12h14"/>',
    "clear": '<path d="M7.5 7.5l9 9M16.5 7.5l-9 9"/>',
    "done": '<path d="M5 12.5l4.5 4.5L19 7.5"/>',
    "snooze": '<circle cx="12" cy="13" r="7.5"/><path d="M12 9v4.2l2.6 1.6M5 4.5 3 6.5M19 4.5l2'
    ' 2"/>',
    "skip": '<path d="M6 6l8 6-8 6zM18 6v12"/>',
    "open": '<path d="M9 6l6 6-6 6"/>',
    "delete": '<path d="M4.5 7h15M9.5 7V4.8h5V7M6.5 7l.9 12.2h9.2l.9-12.2M10.2 10.5v5.5M13.8'
    ' 10.5v5.5"/>',
    "undo": '<path d="M8.5 8.5H15a4.5 4.5 0 0 1 0 9H9"/><path d="M11.5 5 8 8.5l3.5 3.5"/>',
    "edit": '<path d="M4.5 19.5l1-4L16 5l3 3L8.5 18.5z"/>',
    "search": '<circle cx="10.5" cy="10.5" r="6"/><path d="M15 15l5 5"/>',
    "sample": '<path d="M9 3.5h6M10 3.5v5.2L5 18a1.6 1.6 0 0 0 1.4 2.4h11.2A1.6 1.6 0 0 0 19 18'
    'l-5-9.3V3.5M7.5 14h9"/>',
    "calm": '<circle cx="12" cy="12" r="8.5"/><path d="M8.5 14c.9 1.3 2.1 2 3.5 2s2.6-.7 3.5-2'
    'M9 9.8h.01M15 9.8h.01"/>',
    "settings": '<circle cx="12" cy="12" r="3"/><path d="M12 2.8v2.4M12 18.8v2.4M21.2 12h-2.4M5.2 '
    '12H2.8M18.5 5.5l-1.7 1.7M7.2 16.8l-1.7 1.7M18.5 18.5l-1.7-1.7M7.2 7.2 5.5 5.5"/>',
}


def svg(name: str, color: str) -> bytes:
    return f"{_STROKE.replace('currentColor', color)}{PATHS[name]}</svg>".encode()


class SvgIconEngine(QIconEngine):
    """Draws one of :data:`PATHS` at any size and scale, in the current palette's colours."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def _color(self, mode: QIcon.Mode) -> str:
        app = QApplication.instance()
        palette = app.palette() if isinstance(app, QApplication) else QPalette()
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Normal
        )
        role = (
            QPalette.ColorRole.HighlightedText
            if mode == QIcon.Mode.Selected
            else QPalette.ColorRole.WindowText
        )
        return str(palette.color(group, role).name())

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        renderer = QSvgRenderer(QByteArray(svg(self.name, self._color(mode))))
        renderer.render(painter, QRectF(rect))

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        width, height = round(size.width() * scale), round(size.height() * scale)
        image = QImage(max(width, 1), max(height, 1), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(QPoint(0, 0), QSize(width, height)), mode, state)
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self.name)


@cache
def icon(name: str) -> QIcon:
    if name not in PATHS:
        raise KeyError(f"no icon named {name!r}")
    return QIcon(SvgIconEngine(name))


def app_icon() -> QIcon:
    """Afterview's own icon (resources/icons: the SVG, and PNG sizes for window managers
    that want pixels); the briefcase when the resources are not there."""
    from afterview.resources import resource_path

    found = QIcon()
    folder = resource_path("icons")
    svg_file = folder / "afterview.svg"
    if svg_file.is_file():
        found.addFile(str(svg_file))
    for png in sorted(folder.glob("afterview-*.png")) if folder.is_dir() else []:
        found.addFile(str(png))
    return found if not found.isNull() else icon("interviews")
