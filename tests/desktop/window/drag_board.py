"""Run by tests/desktop/test_board_drag_on_x11.py on a real X server: the main window on the
Board, for a drag made with the real pointer (XTEST), so that QDrag.exec runs the xcb drag
loop as it does for a person.

Prints JSON lines on stdout:

- ``{"ready": {...}}`` once the window has settled and is active: the screen position of the
  centre of the card of ``COMPANY`` in Applied (``card``), of the Interviewing column
  (``target``), and the pointer's drag distance (``distance``, pixels);
- ``{"event": "press"|"move"|"drag"|"drop", "on": STAGE, "at": [x, y]}`` for each mouse
  press, mouse move, drag move and drop a column's list receives (its stage; the screen
  position), so the test waits for what the window has seen rather than for a time;
- ``{"undo": true|false}`` when Edit ▸ Undo is enabled or disabled (or renamed);
- ``{"done": true}`` when a line on stdin asks it to close (it then exits 0).

Usage: drag_board.py DATA_DIR COMPANY
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QEvent, QEventLoop, QObject, QPoint, QSocketNotifier
from PySide6.QtGui import QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from afterview import paths
from afterview.domain.applications import Stage
from afterview.ui.board_page import BoardPage
from afterview.ui.main_window import BOARD, MainWindow


def say(**values: object) -> None:
    print(json.dumps(values), flush=True)


KINDS = {
    QEvent.Type.MouseButtonPress: "press",
    QEvent.Type.MouseMove: "move",
    QEvent.Type.DragMove: "drag",
    QEvent.Type.Drop: "drop",
}


class Echo(QObject):
    """Says which column's list saw a press, a move, a drag move or a drop, and where."""

    def __init__(self, page: BoardPage) -> None:
        super().__init__()
        self.stages = {view.viewport(): stage for stage, view in page.views.items()}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = KINDS.get(event.type())
        stage = self.stages.get(watched)  # type: ignore[call-overload]
        if kind is not None and stage is not None and isinstance(watched, QWidget):
            if isinstance(event, QMouseEvent):
                at = event.globalPosition().toPoint()
            elif isinstance(event, QDropEvent):
                at = watched.mapToGlobal(event.position().toPoint())
            else:
                at = QPoint()
            say(event=kind, on=stage.value, at=[at.x(), at.y()])
        return False


def settled(app: QApplication, widget: QWidget, timeout: float = 30.0) -> None:
    """Until the widget's picture stops changing (a condition, not a count of turns)."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        image = widget.grab().toImage()
        if image == last and widget.isActiveWindow():
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the window kept changing, or never became active")
        last = image


def main(data_dir: str, company: str) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Afterview")
    window = MainWindow(paths.resolve(data_dir))
    window.resize(1180, 760)
    window.show()
    assert window.load()
    window.show_page(BOARD)
    page = window.stack.currentWidget()
    assert isinstance(page, BoardPage)
    window.activateWindow()
    settled(app, window)
    applied = page.views[Stage.APPLIED]
    model = page.models[Stage.APPLIED]
    rows = [r for r in range(model.rowCount()) if getattr(model.card(r), "company", "") == company]
    assert len(rows) == 1, f"one card of {company} in Applied"
    row = rows[0]
    rect = applied.visualRect(applied.model().index(row, 0))
    card = applied.viewport().mapToGlobal(rect.center())
    target_view = page.views[Stage.INTERVIEWING]
    target = target_view.viewport().mapToGlobal(target_view.viewport().rect().center())
    echo = Echo(page)
    window.undo_action.changed.connect(lambda: say(undo=window.undo_action.isEnabled()))
    app.installEventFilter(echo)
    say(
        ready={
            "card": [card.x(), card.y()],
            "target": [target.x(), target.y()],
            "distance": app.styleHints().startDragDistance(),
        }
    )
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: app.quit())
    app.exec()
    sys.stdin.readline()
    app.removeEventFilter(echo)
    window.close()
    say(done=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
