"""Run by the accessibility test with the system Python (Debian's python3-pyatspi): reads the
window's accessibility tree over AT-SPI, the bus Orca reads, on commands from stdin.

Commands, one a line: ``walk <pid>`` prints one JSON line, every showing object of that
process's application with its role, name, description, states, relation targets and path;
``announcements`` prints the ``object:announcement`` texts heard since the last time (JSON
list). Prints "ready" once it listens. Not imported by pytest: it runs outside the venv.
"""

import json
import sys

import gi

gi.require_version("Atspi", "2.0")
import pyatspi  # noqa: E402
from gi.repository import GLib  # noqa: E402

# A table or list may hold hundreds of cells: a screen reader reads the ones on screen, and
# Qt exposes all of them; this many are enough to judge how its items are named.
MAX_CHILDREN = 60
MAX_DEPTH = 60
heard = []


def _on_announcement(event):
    heard.append(str(event.any_data or ""))


def _application(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def _node(acc, path, nodes, depth):
    try:
        role = acc.getRoleName()
        name = acc.name or ""
        states = acc.getState()
    except Exception:  # an object that went away while being read
        return None
    state_names = sorted(pyatspi.stateToString(s) for s in states.getStates())
    label = f"{path}/{role}[{name}]" if path else f"{role}[{name}]"
    entry = {
        "path": label,
        "role": role,
        "name": name,
        "description": acc.description or "",
        "states": state_names,
        "relations": [],
        "actions": [],
    }
    try:
        for relation in acc.getRelationSet():
            targets = []
            for i in range(relation.getNTargets()):
                target = relation.getTarget(i)
                targets.append({"name": target.name or "", "role": target.getRoleName()})
            entry["relations"].append(
                {"type": pyatspi.relationToString(relation.getRelationType()), "targets": targets}
            )
    except Exception:
        pass
    try:
        action = acc.queryAction()
        entry["actions"] = [action.getName(i) for i in range(action.nActions)]
    except NotImplementedError:
        pass
    except Exception:
        pass
    nodes.append(entry)
    if depth > MAX_DEPTH:  # a tree with a loop in it would never end
        return entry
    # Hidden pages of a stack are in the tree too; nobody reaches what is not showing.
    if path and "showing" not in state_names:
        return entry
    try:
        count = min(acc.childCount, MAX_CHILDREN)
    except Exception:
        count = 0
    for index in range(count):
        try:
            child = acc.getChildAtIndex(index)
        except Exception:
            continue
        if child is not None:
            _node(child, label, nodes, depth + 1)
    return entry


def walk(pid):
    app = _application(pid)
    if app is None:
        return {"error": f"no application with process id {pid} on the AT-SPI bus"}
    # What changed since the last walk: the bridge's children-changed events first, then no
    # cached child lists at all (a page rebuilt by a model reset keeps none of its old ones).
    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)
    app.clear_cache()
    nodes = []
    _node(app, "", nodes, 0)
    return {"nodes": nodes}


def on_command(source, _condition):
    line = source.readline()
    if not line:
        loop.quit()
        return False
    command, _, argument = line.strip().partition(" ")
    if command == "walk":
        reply = walk(int(argument))
    elif command == "announcements":
        reply = list(heard)
        heard.clear()
    else:
        reply = {"error": f"unknown command {command!r}"}
    print(json.dumps(reply), flush=True)
    return True


pyatspi.Registry.registerEventListener(_on_announcement, "object:announcement")
loop = GLib.MainLoop()
GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, on_command)
print("ready", flush=True)
loop.run()
