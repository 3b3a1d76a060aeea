"""plyer: the cross-platform backend (Windows, macOS) and the Linux fallback.

Its limits, which is why it comes second on Linux: no actions; Windows cuts
titles at 64 and bodies at 256 characters; its Linux probe takes a ``/app``
directory for Flatpak. On Linux we therefore pick its notify-send backend
ourselves, and check at construction that a notification service answers.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path
from typing import Any

from afterview.notify.base import NotifierFailed, NotifierUnavailable
from afterview.notify.message import Notification, markup_escape
from afterview.notify.resources import DESKTOP_ENTRY, icon_path

log = logging.getLogger(__name__)

WINDOWS_TITLE_MAX = 64
WINDOWS_BODY_MAX = 256


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def session_service_capabilities() -> frozenset[str] | None:
    """The notification server's capabilities, or None when none answers on the session bus."""
    try:
        from jeepney import DBusAddress, MessageType, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection("SESSION", auth_timeout=2.0) as conn:
            path = "/org/freedesktop/Notifications"
            name = "org.freedesktop.Notifications"
            message = new_method_call(DBusAddress(path, name, name), "GetCapabilities")
            reply = conn.send_and_get_reply(message, timeout=5.0)
            if reply.header.message_type is MessageType.error:
                return None
            return frozenset(str(item) for item in reply.body[0])
    except Exception:
        return None


class PlyerNotifier:
    name = "plyer"

    def __init__(self, *, app_name: str = "Afterview", icon: Path | None = None) -> None:
        self._app_name = app_name
        self._icon = icon if icon is not None else icon_path()
        self._markup = False
        if sys.platform.startswith("linux"):
            if shutil.which("notify-send") is None:
                raise NotifierUnavailable("plyer needs notify-send on Linux, which is missing")
            capabilities = session_service_capabilities()
            if capabilities is None:
                raise NotifierUnavailable("no notification service answers on the session bus")
            self._markup = "body-markup" in capabilities
            from plyer.platforms.linux.notification import NotifySendNotification

            self._backend: Any = NotifySendNotification()
        else:  # pragma: no cover - Windows and macOS cannot run here
            try:
                from plyer import notification
                from plyer.facades import Notification as Facade

                backend = notification._ensure_obj()
                # plyer falls back to its bare facade, which cannot show anything.
                if backend is None or type(backend) is Facade:
                    raise NotifierUnavailable("plyer has no notification backend here")
                self._backend = backend
            except ImportError as error:
                raise NotifierUnavailable(f"plyer has no backend here ({error})") from error

    def notify(self, notification: Notification) -> None:
        try:
            if sys.platform.startswith("linux"):
                body = markup_escape(notification.body) if self._markup else notification.body
                self._backend._notify(
                    title=notification.summary,
                    message=body,
                    icon=str(self._icon or ""),
                    app_name=self._app_name,
                    urgency="normal",
                    category="reminder",
                    hint=f"string:desktop-entry:{DESKTOP_ENTRY}",
                    expire_time="0",
                )
            else:  # pragma: no cover
                self._backend.notify(
                    title=_clip(notification.summary, WINDOWS_TITLE_MAX),
                    message=_clip(notification.body, WINDOWS_BODY_MAX),
                    app_name=self._app_name,
                    app_icon=str(self._icon or ""),
                    timeout=10,
                )
        except Exception as error:
            raise NotifierFailed(f"plyer failed: {error}") from error

    def close(self) -> None:
        pass
