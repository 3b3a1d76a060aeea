"""Asking an X11 window to close the way a window manager does (WM_DELETE_WINDOW).

xdotool and wmctrl are not installed; libX11 is (Xvfb and Qt need it), so
ctypes sends the ClientMessage a close button would.
"""

from __future__ import annotations

import ctypes
import re
import subprocess


class _ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
        ("pad", ctypes.c_long * 12),  # XEvent is 24 longs
    ]


CLIENT_MESSAGE = 33


def window_id(display: str, name: str) -> int | None:
    """The mapped top-level called ``name`` (Qt also makes a 1x1 "leader" with that name)."""
    result = subprocess.run(
        ["xwininfo", "-display", display, "-root", "-tree"], capture_output=True, text=True
    )
    pattern = rf'(0x[0-9a-f]+) "{re.escape(name)}": \(.*\)\s+(\d+)x(\d+)'
    for found in re.finditer(pattern, result.stdout):
        if int(found.group(2)) > 1 and int(found.group(3)) > 1:
            return int(found.group(1), 16)
    return None


def close_window(display: str, window: int) -> None:
    x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [
        ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p
    ]  # fmt: skip
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    handle = x11.XOpenDisplay(display.encode())
    if not handle:
        raise RuntimeError(f"cannot open X display {display}")
    try:
        event = _ClientMessage()
        event.type = CLIENT_MESSAGE
        event.send_event = 1
        event.display = handle
        event.window = window
        event.message_type = x11.XInternAtom(handle, b"WM_PROTOCOLS", 0)
        event.format = 32
        event.data[0] = x11.XInternAtom(handle, b"WM_DELETE_WINDOW", 0)
        event.data[1] = 0  # CurrentTime
        if not x11.XSendEvent(handle, window, 0, 0, ctypes.byref(event)):
            raise RuntimeError("XSendEvent failed")
        x11.XFlush(handle)
    finally:
        x11.XCloseDisplay(handle)
