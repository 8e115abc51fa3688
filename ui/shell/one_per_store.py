"""One FrontDesk per store on a desk: a second start brings the first to the front.

The first FrontDesk to open a store listens on a local socket named after the
store; a second one started on the same store finds it, asks it to come to
the front, and ends. Two windows over one store on one desk would answer the
same scans twice and show each other stale figures.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

if TYPE_CHECKING:
    from frontdesk.store.engine import Store

CONNECT_MS = 500
KNOCK = b"front\n"


def instance_key(store: Store) -> str:
    """The socket name of ``store`` (its file, or its database address)."""
    path = store.sqlite_path
    where = str(path.resolve()) if path else store.engine.url.render_as_string()
    return "frontdesk-" + hashlib.sha256(where.encode()).hexdigest()[:20]


class DeskInstance(QObject):
    """The first FrontDesk on a store; ``come_to_front`` when another is started."""

    come_to_front = Signal()

    def __init__(self, server: QLocalServer) -> None:
        super().__init__(server.parent())
        self.server = server
        server.setParent(self)
        server.newConnection.connect(self.on_server_new_connection)

    @classmethod
    def claim(cls, key: str, parent: QObject | None = None) -> DeskInstance | None:
        """This process's claim on the store; None when another FrontDesk has it
        (that one has been asked to come to the front)."""
        knock = QLocalSocket()
        knock.connectToServer(key)
        if knock.waitForConnected(CONNECT_MS):
            knock.write(KNOCK)
            knock.waitForBytesWritten(CONNECT_MS)
            knock.disconnectFromServer()
            return None
        QLocalServer.removeServer(key)  # left behind by a FrontDesk that crashed
        server = QLocalServer(parent)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.listen(key)  # when it cannot, this desk still works, only unguarded
        return cls(server)

    @Slot()
    def on_server_new_connection(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.disconnected.connect(socket.deleteLater)
            self.come_to_front.emit()

    def close(self) -> None:
        self.server.close()
