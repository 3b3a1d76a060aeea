"""Run by the desktop test: the letter editor for Laura Chen's thank-you, with typos in it.

Prints "ready" once the window is shown and the checks have run, then waits to be terminated.
"""

from __future__ import annotations

import sys
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from afterview import paths
from afterview.store.api import open_store
from afterview.store.values import Profile
from afterview.ui.data import DataAccess
from afterview.ui.letter_editor import LetterEditor

TEXT = """Dear Laura Chen,

Thank you for taking the time to meet with me on November 20, 2026 about the Backend \
Engineer position at Acme. I especialy enjoyed our conversation about the Postgres migration \
with Omar O'Hara.

I left even more excitted about the role. As Senior Engineering Director I would bring eight \
years of data pipelines to your team.

Please hire me, I really need this job!!!

Best regards,
Sam Rivera"""


def main() -> int:
    app = QApplication(sys.argv[:1])
    store = open_store(paths.resolve(sys.argv[1]), role="window")
    store.settings.save_profile(
        Profile(
            name="Sam Rivera",
            email="sam@example.org",
            selling_points="eight years of data pipelines",
        )
    )
    step_id = next(
        s.id for s in store.steps.all() if s.kind == "thank_you" and s.person == "Laura Chen"
    )
    editor = LetterEditor(DataAccess(store), step_id=step_id, today=date(2026, 11, 21))
    editor.move(0, 0)
    editor.resize(1260, 780)
    editor.body.setPlainText(TEXT)
    editor.run_checks()
    editor.show()
    QTimer.singleShot(0, lambda: print("ready", flush=True))
    status = app.exec()
    store.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
