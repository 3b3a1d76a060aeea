"""The window a user starts (ui.app.run_window) listens to the server once it is shown: its
first paint never waits on the LISTEN connection, and another computer's write still reaches
its list. On a file, local sockets carry the changes and nothing listens."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.paths import Paths
from afterview.store.api import open_store
from afterview.ui.app import WindowServer, _listen
from tests.ui.conftest import open_sample

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def _texts(workspace: object) -> set[str]:
    """Every cell the Interviews list shows."""
    model = workspace.page.model  # type: ignore[attr-defined]
    return {
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    }


def test_another_computers_write_reaches_the_started_window(
    qtbot: QtBot, data_dir: Path, backend: str
) -> None:
    window, workspace = open_sample(qtbot, data_dir, NOW)
    server = WindowServer(window.paths, window)
    try:
        _listen(window.paths, window, server)
        if backend == "sqlite":
            assert getattr(window, "server_listener", None) is None
            return
        assert window.server_listener is not None
        here = paths.resolve(data_dir)
        other = Paths(
            data_dir=data_dir.parent / "other",
            config_dir=data_dir.parent / "other-config",
            backup_dir=here.backup_dir,
            database_target=here.database_target,
        )
        with open_store(other) as store:
            values = {"company": "Zeta Corp", "position": "Engineer", "time_zone": "UTC"}
            store.interviews.create({**values, "start": datetime(2026, 12, 1, 10, 0)})
        qtbot.waitUntil(lambda: "Zeta Corp" in _texts(workspace), timeout=10_000)
    finally:
        server.server.close()
        if getattr(window, "server_listener", None) is not None:
            window.server_listener.close()
