"""A test notification server: owns org.freedesktop.Notifications on the session bus,
records every Notify call as a JSON line, and emits ActionInvoked when asked.

Run: python fake_notification_server.py RECORD_FILE [--no-markup] [--no-actions]
It prints "ready" once it owns the name. A test asks it to invoke an action with a
method of its own: org.afterview.Test.InvokeAction(u id, s key).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from jeepney import (
    DBusAddress,
    HeaderFields,
    MessageType,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import Proxy, open_dbus_connection

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
EMITTER = DBusAddress(PATH, interface=NAME)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("record", type=Path)
    parser.add_argument("--no-markup", action="store_true")
    parser.add_argument("--no-actions", action="store_true")
    args = parser.parse_args()
    capabilities = ["body", "icon-static"]
    if not args.no_markup:
        capabilities.append("body-markup")
    if not args.no_actions:
        capabilities.append("actions")

    conn = open_dbus_connection("SESSION")
    reply = Proxy(message_bus, conn).RequestName(NAME, 4)  # DO_NOT_QUEUE
    if reply[0] != 1:
        print(f"could not own {NAME}: {reply}", file=sys.stderr)
        return 1
    print("ready", flush=True)
    next_id = 1
    record = args.record.open("a", encoding="utf-8")
    while True:
        try:
            message = conn.receive()
        except (ConnectionResetError, OSError):
            return 0
        if message.header.message_type is not MessageType.method_call:
            continue
        member = message.header.fields.get(HeaderFields.member)
        body: tuple[Any, ...] = message.body
        if member == "GetCapabilities":
            conn.send(new_method_return(message, "as", (capabilities,)))
        elif member == "GetServerInformation":
            conn.send(new_method_return(message, "ssss", ("fake", "afterview-tests", "1", "1.2")))
        elif member == "Notify":
            app_name, replaces, icon, summary, text, actions, hints, expire = body
            notification_id = replaces or next_id
            next_id += 1
            entry = {
                "id": notification_id,
                "at": time.time(),
                "app_name": app_name,
                "app_icon": icon,
                "summary": summary,
                "body": text,
                "actions": list(actions),
                "hints": {key: value[1] for key, value in hints.items()},
                "expire_timeout": expire,
            }
            record.write(json.dumps(entry) + "\n")
            record.flush()
            conn.send(new_method_return(message, "u", (notification_id,)))
        elif member == "CloseNotification":
            conn.send(new_method_return(message))
            conn.send(new_signal(EMITTER, "NotificationClosed", "uu", (body[0], 3)))
        elif member == "InvokeAction":
            notification_id, key = body
            conn.send(new_signal(EMITTER, "ActionInvoked", "us", (notification_id, key)))
            conn.send(new_signal(EMITTER, "NotificationClosed", "uu", (notification_id, 2)))
            conn.send(new_method_return(message))
        else:
            unknown = "org.freedesktop.DBus.Error.UnknownMethod"
            conn.send(new_error(message, unknown, "s", (str(member),)))


if __name__ == "__main__":
    sys.exit(main())
