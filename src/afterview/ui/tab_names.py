"""A tab bar's name kept current for assistive technology.

Qt names a tab bar by its current tab (QAccessibleTabBar, whatever accessibleName says) but
sends no name change when the tab changes, so AT-SPI keeps the first name it read: the
tester heard the interview's tab bar called "Process" while Steps was shown (issue 15).
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QTabWidget


def announce_tab_names(tabs: QTabWidget) -> None:
    """Tell assistive technology that ``tabs``' tab bar has a new name at each tab change."""
    bar = tabs.tabBar()

    def changed(_index: int) -> None:
        QAccessible.updateAccessibility(QAccessibleEvent(bar, QAccessible.Event.NameChanged))

    tabs.currentChanged.connect(changed)


__all__ = ["announce_tab_names"]
