"""The tray icon: the app icon with the number of due steps drawn as a badge."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from afterview.notify.resources import ICON_NAME, resources_dir

SIZES = (16, 22, 24, 32, 48, 64)
BADGE = QColor("#c62828")


def app_icon() -> QIcon:
    """The app icon from resources/icons (PNG sizes; SVG too); a drawn one if they are gone."""
    icon = QIcon()
    icons = resources_dir() / "icons"
    for size in (*SIZES, 128, 256):
        png = icons / f"{ICON_NAME}-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    if icon.isNull():
        icon = QIcon(_drawn(64))
    return icon


def _drawn(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#2f6db5"))
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2)
    painter.end()
    return pixmap


def badge_text(count: int) -> str:
    return "99+" if count > 99 else str(count)


def badged(base: QIcon, count: int) -> QIcon:
    """``base`` with ``count`` in a red disc at the top right; ``base`` itself for 0."""
    if count <= 0:
        return base
    icon = QIcon()
    text = badge_text(count)
    for size in SIZES:
        pixmap = base.pixmap(size, size)
        if pixmap.isNull():
            pixmap = _drawn(size)
        pixmap = pixmap.copy()
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Big enough to read on a 22 px panel: over half the icon, as phones do.
        diameter = size * (0.62 if len(text) == 1 else 0.72)
        width = diameter if len(text) == 1 else size * (0.8 if len(text) == 2 else 0.98)
        rect = QRectF(size - width, 0, width, diameter)
        painter.setPen(QPen(QColor("white"), max(1.0, size / 24)))
        painter.setBrush(BADGE)
        painter.drawRoundedRect(rect, diameter / 2, diameter / 2)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(7, int(diameter * 0.7)))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def tooltip(count: int, paused_label: str = "") -> str:
    """What the icon says when hovered: how many steps are due, and until when paused."""
    if count == 0:
        text = QCoreApplication.translate("Tray", "Afterview: nothing is due")
    else:
        text = QCoreApplication.translate("Tray", "Afterview: %n follow-up step(s) due", "", count)
    if paused_label:
        paused = QCoreApplication.translate("Tray", "Reminders paused until %1")
        text += "\n" + paused.replace("%1", paused_label)
    return text
