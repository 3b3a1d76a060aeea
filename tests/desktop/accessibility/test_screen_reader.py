"""The window as a screen reader reads it: over AT-SPI, page by page and dialog by dialog.

One window process walks every stop (drive_window.py) and one pyatspi process reads the tree
at each (walk_tree.py); the tests below judge what was read. Each failure names the stop, the
object's role and name, and its path in the tree, so one run lists everything to fix.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.desktop.accessibility.conftest import HARMLESS, StopSeen, Walk, plain, unheard

pytestmark = pytest.mark.desktop

#: Roles a person acts on or moves focus to (AT-SPI role names, as pyatspi spells them).
ACTIONABLE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text",
    "password text", "spin button", "table", "tree table", "tree", "list", "list box",
    "menu item", "check menu item", "radio menu item", "menu", "page tab", "page tab list",
    "slider", "date editor", "link", "entry", "editbar",
}  # fmt: skip
#: Items inside a view: read by their text, which may be empty in an empty column.
ITEMS = {"table cell", "list item", "tree item", "column header", "row header"}
BUTTONS = {"push button", "toggle button"}


def showing(node: dict[str, Any]) -> bool:
    return "showing" in node["states"] and "visible" in node["states"]


def where(stop: StopSeen, node: dict[str, Any]) -> str:
    return f"{stop.stop}: {node['role']} {node['name']!r} at {node['path']}"


def judged(stop: StopSeen) -> list[dict[str, Any]]:
    """The objects of what the stop is about: its dialog, else its open menu, else the
    window (a page's faults are not repeated at every dialog opened over it)."""
    for role in ("dialog", "popup menu"):
        tops = [n["path"] for n in stop.nodes if n["role"] == role and showing(n)]
        if tops:
            return [n for n in stop.nodes if any(n["path"].startswith(t) for t in tops)]
    return stop.nodes


def actionable(node: dict[str, Any]) -> bool:
    if node["role"] in ITEMS or not showing(node):
        return False
    return node["role"] in ACTIONABLE or "focusable" in node["states"]


def test_every_stop_was_read(walk: Walk) -> None:
    """The walk reached every page and dialog, and AT-SPI read a tree at each."""
    names = [stop.stop for stop in walk.stops]
    for wanted in ("Today", "Contacts", "References", "New interview", "Contact card",
                   "Settings, Backups tab", "Letter editor", "Menu File", "Board",
                   "Close the application", "New application", "Edit application",
                   "Insight", "Invitation preview", "Import job posting"):  # fmt: skip
        assert wanted in names, f"the walk never showed {wanted}: {names}"
    for stop in walk.stops:
        assert sum(actionable(n) for n in stop.nodes) >= 3, f"{stop.stop}: AT-SPI read no controls"


def test_every_actionable_object_has_a_name_that_is_not_an_object_name(walk: Walk) -> None:
    problems = []
    for stop in walk.stops:
        for node in judged(stop):
            if not actionable(node):
                continue
            name = node["name"].strip()
            if not name:
                problems.append(f"{where(stop, node)}: no name")
            elif name in stop.object_names:
                problems.append(f"{where(stop, node)}: named by its objectName")
    for stop in walk.stops:
        # Labels and status texts are read by their text, never by an internal name either.
        for node in judged(stop):
            if showing(node) and not actionable(node) and node["name"] in stop.object_names:
                problems.append(f"{where(stop, node)}: named by its objectName")
    assert not problems, f"{len(problems)} objects a screen reader cannot name:\n" + "\n".join(
        problems
    )


def test_no_two_buttons_on_a_stop_share_a_name(walk: Walk) -> None:
    problems = []
    for stop in walk.stops:
        buttons = [n for n in judged(stop) if n["role"] in BUTTONS and showing(n) and n["name"]]
        counts = Counter(n["name"] for n in buttons)
        for name, count in sorted(counts.items()):
            if count > 1:
                paths = [n["path"] for n in buttons if n["name"] == name]
                problems.append(f"{stop.stop}: {count} buttons named {name!r}: {paths}")
    assert not problems, "\n".join(problems)


def test_every_menu_is_named_by_its_title(walk: Walk) -> None:
    """An open menu is read as "File", not as the application's name."""
    problems = []
    menus = 0
    for stop in walk.stops:
        for node in stop.nodes:
            if node["role"] == "popup menu" and showing(node):
                menus += 1
                title = node["path"].rsplit("/", 2)[-2]  # menu item[File]
                if node["name"] != title.partition("[")[2][:-1]:
                    problems.append(f"{where(stop, node)}: not named by its title {title}")
    assert menus >= 3
    assert not problems, "\n".join(problems)


def reachable(node: dict[str, Any], text: str) -> bool:
    """Whether ``text`` is read with the field: in its description, or as the name of an
    object a relation of the field points to (described-by, error-message…).

    One label may hold the errors of two fields ("Company is required. Position is
    required."): a description that is a sentence of it counts too; the field's own name
    (its label "Company") does not."""
    error = plain(text)
    description = plain(node["description"])
    if description and (
        error in description
        or (description in error and description != node["name"] and " " in description)
    ):
        return True
    return any(
        error in plain(target["name"])
        for relation in node["relations"]
        for target in relation["targets"]
    )


def test_every_error_is_reachable_from_its_field(walk: Walk) -> None:
    problems = []
    error_stops = [stop for stop in walk.stops if stop.errors]
    assert len(error_stops) >= 4, [stop.stop for stop in walk.stops]
    for stop in error_stops:
        for error in stop.errors:
            texts = [t for t in error["texts"] if plain(t)]
            if not texts:
                problems.append(f"{stop.stop}: no error text appeared for {error['field']!r}")
                continue
            fields = [n for n in stop.nodes if n["name"] == error["field"] and actionable(n)]
            if not fields:
                problems.append(f"{stop.stop}: no field named {error['field']!r} on AT-SPI")
                continue
            # Another control may share the field's name (on Linux a combo box is named by its
            # value: "Prefers: Email" reads as "Email"): the error must reach one of them.
            if not any(reachable(node, text) for node in fields for text in texts):
                node = fields[0]
                problems.append(
                    f"{where(stop, node)}: none of {texts} is in its description "
                    f"({node['description']!r}) or its relations ({node['relations']})"
                )
    assert not problems, "\n".join(problems)


def test_confirmations_and_errors_are_announced(walk: Walk) -> None:
    """A confirmation ("Saved…") and every error reach AT-SPI as object:announcement."""
    problems = [
        f"{stop.stop}: not announced: {missing} (heard: {stop.heard})"
        for stop in walk.stops
        if (missing := unheard(stop))
    ]
    assert any(stop.announce for stop in walk.stops)
    assert not problems, "\n".join(problems)


def test_the_window_warned_of_nothing(walk: Walk) -> None:
    lines = [line for line in walk.stderr.splitlines() if line.strip() and HARMLESS not in line]
    assert not lines, "\n".join(lines)
