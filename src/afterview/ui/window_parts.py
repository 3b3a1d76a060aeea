"""The main window's simple parts: the first-run welcome page, the sample-data banner, a
page's placeholder while the data loads, and the watcher that waits for a first paint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from afterview.ui.icons import icon
from afterview.ui.write_guard import writes

#: The longest the store waits for the list to paint first.
PAINT_WAIT_MS = 200


class Placeholder(QWidget):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(parent=self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Secondary text, not a disabled label: disabled text is drawn below 4.5:1 contrast.
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        label.setWordWrap(True)
        label.setObjectName("placeholderText")
        layout.addWidget(label)


class Welcome(QWidget):
    """The first-run page: add an interview, or look around with sample records."""

    add_first = Signal()
    explore = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAccessibleName(self.tr("Welcome"))
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        mark = QLabel(self)
        mark.setPixmap(icon("interviews").pixmap(QSize(64, 64)))
        mark.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        mark.setAccessibleName("Afterview")
        layout.addWidget(mark)
        title = QLabel(self.tr("Everything after the interview, in one calm place"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(title)
        text = QLabel(
            self.tr(
                "Add an interview and Afterview plans the follow-up: the debrief, a thank-you "
                "note to each interviewer, telling your references, and the follow-up call."
            ),
            self,
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        text.setFixedWidth(520)
        text.setMinimumHeight(text.heightForWidth(520))
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(16)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.add_button = QPushButton(icon("add"), self.tr("Add your first interview"), self)
        self.add_button.setObjectName("addFirst")
        self.add_button.setAccessibleName(self.tr("Add your first interview"))
        self.add_button.setDefault(True)
        self.sample_button = QPushButton(icon("sample"), self.tr("Explore with sample data"), self)
        self.sample_button.setObjectName("exploreSample")
        self.sample_button.setAccessibleName(self.tr("Explore with sample data"))
        for button in (self.add_button, self.sample_button):
            button.setMinimumHeight(36)
            button.setIconSize(QSize(18, 18))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        # Where the typing can be saved (issue 18): said where a new user looks first.
        self.drop_hint = QLabel(
            self.tr(
                "Or drop a calendar invitation, a recruiter's email or a saved job posting here."
            ),
            self,
        )
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setWordWrap(True)
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.drop_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.drop_hint.setFixedWidth(520)
        self.drop_hint.setMinimumHeight(self.drop_hint.heightForWidth(520))
        layout.addWidget(self.drop_hint, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        writes(self.add_button, self.sample_button)
        self.add_button.clicked.connect(self.add_first)
        self.sample_button.clicked.connect(self.explore)


class SampleBanner(QFrame):
    remove = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sampleBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().AlternateBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        mark = QLabel(self)
        mark.setPixmap(icon("sample").pixmap(QSize(16, 16)))
        layout.addWidget(mark)
        self.text = QLabel(self.tr("You are exploring sample records (shown in italics)."), self)
        self.text.setObjectName("sampleText")
        self.text.setWordWrap(True)  # at large text it wraps rather than widen the window
        layout.addWidget(self.text, 1)
        self.button = QPushButton(self.tr("Remove sample data"), self)
        self.button.setObjectName("removeSample")
        self.button.setAccessibleName(self.tr("Remove sample data"))
        writes(self.button)
        self.button.clicked.connect(self.remove)
        layout.addWidget(self.button)


def after_first_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Run ``then`` once ``widget`` has painted (at the latest after PAINT_WAIT_MS)."""
    widget.installEventFilter(_PaintWatcher(widget, then))
    widget.update()


class _PaintWatcher(QObject):
    """Calls back once, after the first paint of the widget it watches."""

    def __init__(self, widget: QWidget, painted: Callable[[], object]) -> None:
        super().__init__(widget)
        self._painted: Callable[[], object] | None = painted
        # Offscreen, a hidden or obscured widget may never paint: do not wait forever. (With
        # this object as context, the timer dies with it when the widget is replaced.)
        QTimer.singleShot(PAINT_WAIT_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # after this paint has finished
        return False

    def _fire(self) -> None:
        painted, self._painted = self._painted, None
        if painted is not None:
            self.parent().removeEventFilter(self)  # type: ignore[union-attr]
            painted()
