"""The Qt binding must not leak or drop references: PySide6 6.12.0 under CPython 3.11 drops
a reference to None on every void Qt call, and the process aborts ("none_dealloc") after a
few thousand calls. pyproject pins PySide6 below 6.12; this test fails if that comes back."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
obj, label = QObject(), QLabel()
before = sys.getrefcount(None)
for _ in range(2000):
    obj.setObjectName("x")
    label.setText("y")
    label.clear()
print(before - sys.getrefcount(None))
"""


def test_void_qt_calls_keep_none_alive() -> None:
    # In a child process: if the binding is broken, it is the child that aborts.
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 50
