"""The person picker and the People tab by keyboard (issue 15): Enter adds exactly the
completion chosen, says so, and leaves the field empty with the focus in it; the role is
named by its label; the people list lets Tab leave; focus after removing someone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from afterview.domain.records import Role
from afterview.ui.main_window import MainWindow
from afterview.ui.people_tab import PeopleTab
from afterview.ui.person_picker import Person, PersonPicker
from afterview.ui.workspace import INTERVIEWS, Workspace

# The completion popup is a popup: the offscreen plugin says it cannot raise it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")

CARDS = [(1, "Ann Anders", "CTO, Acme"), (2, "Laura Chen", "Recruiter"), (3, "Hanna Berg", "")]


@pytest.fixture
def picker(qtbot: QtBot) -> PersonPicker:
    widget = PersonPicker()
    qtbot.addWidget(widget)
    widget.set_contacts(CARDS)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.who.setFocus()
    _focus_on(qtbot, widget.who)
    return widget


def _focus_on(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_enter_on_a_completion_adds_exactly_that_contact_and_says_so(
    qtbot: QtBot, picker: PersonPicker, heard: list[tuple[str, bool]]
) -> None:
    picked: list[Person] = []
    picker.picked.connect(picked.append)
    popup = picker.who.completer().popup()
    qtbot.keyClicks(picker.who.lineEdit(), "an")  # Ann Anders and Hanna Berg complete it
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the second: Hanna Berg
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picked == [Person(3, "Hanna Berg", Role.INTERVIEWER)]
    assert heard[-1] == ("Added Hanna Berg as Interviewer", False)
    # The field is left empty, ready for the next person, and stays so.
    _focus_on(qtbot, picker.who)
    qtbot.wait(0)  # let anything queued by the completer run
    assert picker.who.currentText() == "" and not popup.isVisible()
    assert picked == [Person(3, "Hanna Berg", Role.INTERVIEWER)]


def test_enter_on_a_typed_name_adds_a_new_card(
    qtbot: QtBot, picker: PersonPicker, heard: list[tuple[str, bool]]
) -> None:
    picked: list[Person] = []
    picker.picked.connect(picked.append)
    picker.role.setCurrentIndex(picker.role.findData(Role.RECRUITER.value))
    qtbot.keyClicks(picker.who.lineEdit(), "Zed Zimmer")
    qtbot.keyClick(picker.who.lineEdit(), Qt.Key.Key_Return)
    assert picked == [Person(None, "Zed Zimmer", Role.RECRUITER)]
    assert heard[-1] == ("Added Zed Zimmer as Recruiter", False)
    _focus_on(qtbot, picker.who)
    assert picker.who.currentText() == ""


def test_the_add_button_gives_the_focus_back_to_the_name(qtbot: QtBot) -> None:
    # A form with a field after the picker: where Qt's own move would go from a grey button.
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    picker = PersonPicker(form)
    picker.set_contacts(CARDS)
    layout.addWidget(picker)
    layout.addWidget(QLineEdit(form))
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitActive(form)
    picker.who.setFocus()
    _focus_on(qtbot, picker.who)
    qtbot.keyClicks(picker.who.lineEdit(), "Zed Zimmer")
    picker.add_button.setFocus()
    _focus_on(qtbot, picker.add_button)
    qtbot.keyClick(picker.add_button, Qt.Key.Key_Space)
    _focus_on(qtbot, picker.who)  # not on the Add button, grey now the field is empty


def _labelled_by(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None
    return " ".join(
        other.text(QAccessible.Text.Name)
        for other, _ in face.relations(QAccessible.RelationFlag.Label)
    )


def test_the_name_and_role_boxes_are_named_by_their_labels(picker: PersonPicker) -> None:
    assert _labelled_by(picker.role) == "Role"
    assert _labelled_by(picker.who) == "Person"


def _people_tab(window: MainWindow, workspace: Workspace) -> PeopleTab:
    workspace.add_sample()
    window.show_page(INTERVIEWS)
    page = workspace.page
    acme = next(
        row for row in range(page.model.rowCount()) if page.model.index(row, 1).data() == "Acme"
    )
    page.select(page.model.interview_id(acme) or 0)
    page.detail.tabs.setCurrentWidget(page.detail.people)
    return page.detail.people


def _names(people: PeopleTab) -> list[str]:
    return [people.tree.topLevelItem(n).text(0) for n in range(people.tree.topLevelItemCount())]


def test_people_tab_by_keyboard(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, heard: list[tuple[str, bool]]
) -> None:
    people = _people_tab(window, workspace)
    window.activateWindow()
    qtbot.waitActive(window)
    before = _names(people)
    # Add a new person by Enter: in the list at once, the field empty with the focus in it.
    people.picker.who.setFocus()
    _focus_on(qtbot, people.picker.who)
    qtbot.keyClicks(people.picker.who.lineEdit(), "Ingrid Berg")
    qtbot.keyClick(people.picker.who.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Ingrid Berg" in _names(people))
    _focus_on(qtbot, people.picker.who)
    assert people.picker.who.currentText() == ""

    # Tab leaves the list of people (arrows move in it).
    assert len(_names(people)) >= 2
    people.tree.setFocus()
    _focus_on(qtbot, people.tree)
    people.tree.setCurrentItem(people.tree.topLevelItem(0))
    qtbot.keyClick(people.tree, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not people.tree)

    # Remove the one added: focus goes back to the list, on a remaining person.
    row = _names(people).index("Ingrid Berg")
    people.tree.setCurrentItem(people.tree.topLevelItem(row))
    people.remove_button.setFocus()
    _focus_on(qtbot, people.remove_button)
    qtbot.keyClick(people.remove_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "Ingrid Berg" not in _names(people))
    assert _names(people) == before
    _focus_on(qtbot, people.tree)
    assert people.tree.currentItem() is not None
    assert heard[-1] == ("Removed Ingrid Berg from this interview", False)
