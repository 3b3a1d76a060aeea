"""Settings ▸ Storage ▸ Share this search (issue 16, item 7): give a coach's PostgreSQL role
read-only access to the job seeker's schema, or take it back, as ``afterview share`` does.
Shown only for a search on a server that this role may write (its owner's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from afterview.paths import Paths
from afterview.store.errors import StoreError
from afterview.ui import assistive
from afterview.ui.form_access import buddy_label
from afterview.ui.widgets import plain_label

if TYPE_CHECKING:
    from afterview.store.postgres import Server


class SharingBox(QGroupBox):
    """``SharingBox(paths, parent, owner=...)``; hidden when the search is in an SQLite file
    or ``owner`` is False (the search is someone else's, opened read-only)."""

    def __init__(self, paths: Paths, parent: QWidget | None = None, *, owner: bool = True) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Share this search with a coach (read-only)"))
        self.setObjectName("sharingBox")
        self.paths = paths
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.role = QLineEdit(self)
        self.role.setObjectName("sharingRole")
        self.role.setAccessibleName(self.tr("The coach's role on the server"))
        assistive.describe(
            self.role,
            self.tr(
                "The PostgreSQL role your coach logs in with. The server lets it read this "
                "search and nothing else."
            ),
        )
        row.addWidget(buddy_label(self.tr("Coach's ro&le:"), self.role, self))
        row.addWidget(self.role, 1)
        self.share_button = QPushButton(self.tr("Share &read-only"), self)
        self.share_button.setAccessibleName(self.tr("Share read-only"))
        self.share_button.clicked.connect(self.share)
        self.stop_button = QPushButton(self.tr("Stop sharin&g"), self)
        self.stop_button.setAccessibleName(self.tr("Stop sharing"))
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.share_button)
        row.addWidget(self.stop_button)
        layout.addLayout(row)
        self.status = plain_label("", self, name="sharingStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.setVisible(owner and self._server() is not None)

    def _server(self) -> Server | None:
        from afterview.store.server_choice import server_for

        try:
            return server_for(self.paths)
        except StoreError:
            return None

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.status.setText(text)
        assistive.announce(self.status, text, assertive=problem)

    def _run(self, grant: bool) -> bool:
        from afterview.store import coach

        role = self.role.text().strip()
        server = self._server()
        if not role or server is None:
            self._say(self.tr("Type the coach's role first."), problem=True)
            return False
        try:
            if grant:
                schema = coach.share(server, role)
                text = self.tr(
                    "{role} may now read this search (schema {schema}), and only read it."
                )
            else:
                schema = coach.stop_sharing(server, role)
                text = self.tr("{role} may no longer read this search (schema {schema}).")
            shared = coach.shared_with(server)
        except StoreError as error:
            self._say(str(error), problem=True)
            return False
        listed = ", ".join(shared) if shared else self.tr("nobody")
        self._say(
            text.format(role=role, schema=schema)
            + " "
            + self.tr("Shared with: {roles}.").format(roles=listed)
        )
        return True

    def share(self) -> bool:
        """Grant the typed role read-only access; True when done."""
        return self._run(grant=True)

    def stop(self) -> bool:
        """Take the typed role's access back; True when done."""
        return self._run(grant=False)
