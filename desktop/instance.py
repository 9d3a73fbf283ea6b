"""One window per database file, whatever it is called, and a second start that hands over to it.

Two lock files guard a database:
- beside the database (`<resolved path>.lock`): seen by every computer that opens the file, so a
  database in a shared or roaming folder is not opened on two laptops at once. Qt takes over a lock
  left by a dead process of this computer by itself (stale time 0: never by age); a lock written by
  another computer cannot be checked from here, so the user is asked whether to take it over.
- in the local temporary folder, named after the file's identity (device + inode, the file ID on
  Windows): a symlink, a hard link or another spelling of the same file finds the same lock.

A second start on a database that is open in this computer connects to the first window's
QLocalServer (named after the same identity) and brings that window to the front instead of
opening a second one; only if no window answers does it say "redan öppet".
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import zlib
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QLockFile, QSysInfo

from desktop import dialogs
from forms.database_file import file_identity

HAND_OVER_WAIT_SECONDS = 5.0  # a first window that is still starting gets this long to answer
_ANSWER = b"ok\n"


class Acquired(Enum):
    OK = "ok"  # this process owns the database now
    OPEN_HERE = "open here"  # another window on this computer has it: hand over to it
    REFUSED = "refused"  # another computer has it and the user chose not to take it over


class Owner(NamedTuple):
    """Who holds a lock file, from what Qt wrote into it."""

    pid: int
    host: str
    other_computer: bool
    since: datetime | None


def _key(db_path: Path) -> str:
    """The file's identity and the user, as a name for a lock file and a local socket (no hashing
    module on the start path: hashlib costs ~9 ms to import)."""
    identity = file_identity(db_path)
    if identity.startswith("file:"):
        name = identity.removeprefix("file:").replace(":", "-")
    else:  # not created yet: its resolved path, folded into a number
        name = f"p{zlib.crc32(identity.encode('utf-8', 'surrogatepass')):08x}{len(identity):x}"
    return f"{_user()}-{name}"


def _user() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    return re.sub(r"[^A-Za-z0-9]", "", os.environ.get("USERNAME", ""))[:32] or "u"


def server_name(db_path: Path) -> str:
    return f"avtalsuppfoljning-{_key(db_path)}"


def identity_lock_path(db_path: Path) -> Path:
    return Path(tempfile.gettempdir()) / f"avtalsuppfoljning-{_key(db_path)}.lock"


def lock_owner(lock_path: Path) -> Owner | None:
    """Qt's lock file holds pid, application, host name, machine id and boot id, one a line."""
    try:
        lines = lock_path.read_bytes().decode("utf-8", "replace").splitlines()
        since = datetime.fromtimestamp(lock_path.stat().st_mtime)
    except OSError:
        return None
    if not lines or not lines[0].strip().isdigit():
        return None
    host = lines[2].strip() if len(lines) > 2 else ""
    host_id = lines[3].strip().encode() if len(lines) > 3 else b""
    ours = QSysInfo.machineUniqueId().data()
    other = bool(host_id and ours and host_id != ours) or bool(host and host != QSysInfo.machineHostName())
    return Owner(int(lines[0]), host, other, since)


class DatabaseLock:
    """The single-window lock of one database file (see the module's docstring)."""

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.beside_path = Path(f"{os.path.realpath(self.db_path)}.lock")
        self.beside = QLockFile(str(self.beside_path))
        self.beside.setStaleLockTime(0)  # never stale by age; a dead process of this computer: taken over
        self.local: QLockFile | None = None

    def acquire(self, *, ask: bool = True) -> Acquired:
        """`ask`: whether the user may be asked to take over another computer's lock (not from the
        command line: there it is refused)."""
        if not self.beside.tryLock(200) and not _cannot_write_lock(self.beside):
            owner = lock_owner(self.beside_path)
            if owner is None or not owner.other_computer:
                return Acquired.OPEN_HERE
            if not ask or not self._take_over_from(owner):
                return Acquired.REFUSED
        if not self.hold_identity():
            self.beside.unlock()
            return Acquired.OPEN_HERE
        return Acquired.OK

    def _take_over_from(self, owner: Owner) -> bool:
        since = f" sedan {owner.since:%Y-%m-%d %H:%M}" if owner.since else ""
        if not dialogs.ask(
                None, "Databasen är öppen på en annan dator",
                f"Databasen {self.db_path} är markerad som öppen i Avtalsuppföljning på datorn "
                f"{owner.host or 'okänd'}{since}.\n\nOm programmet inte längre är öppet där – datorn kan ha "
                "stängts av, startats om eller loggats ut utan att programmet avslutades – kan du ta över "
                "databasen här. Är det fortfarande öppet på den datorn kan två fönster skriva över "
                "varandras ändringar: stäng det där först.",
                yes="Ta över databasen", no="Avsluta"):
            return False
        self.beside.removeStaleLockFile()
        return self.beside.tryLock(200)

    def hold_identity(self) -> bool:
        """Take the lock named after the file's identity, once the file exists (a database that
        is about to be created has no identity yet: the lock beside it guards it until then)."""
        if self.local is not None:
            return True
        if not self.db_path.exists():
            return True
        lock = QLockFile(str(identity_lock_path(self.db_path)))
        lock.setStaleLockTime(0)
        if not lock.tryLock(200):
            return _cannot_write_lock(lock)
        self.local = lock
        return True

    def owner_pid(self) -> int | None:
        owner = lock_owner(identity_lock_path(self.db_path)) or lock_owner(self.beside_path)
        return owner.pid if owner else None

    def release(self) -> None:
        if self.local is not None:
            self.local.unlock()
            self.local = None
        self.beside.unlock()


def _cannot_write_lock(lock: QLockFile) -> bool:
    """A lock file that cannot be written at all (a read-only folder): no other window holds it, and
    the other lock still guards the database."""
    return lock.error() != QLockFile.LockError.LockFailedError  # LockFailedError: another process has it


def hand_over(db_path: Path, owner_pid: int | None = None, wait: float = HAND_OVER_WAIT_SECONDS) -> bool:
    """Ask the window that has `db_path` open on this computer to come to the front; True when it
    answered. Retried for `wait` seconds: that window may still be starting."""
    from PySide6.QtNetwork import QLocalSocket

    if sys.platform == "win32" and owner_pid:
        _allow_foreground(owner_pid)
    name = server_name(db_path)
    deadline = time.monotonic() + wait
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(500):
            reply = b""
            wait_until = time.monotonic() + 3
            while not reply.endswith(b"\n") and time.monotonic() < wait_until:
                # the answer may already be in (and the window gone from) the socket
                if socket.bytesAvailable() or socket.waitForReadyRead(100):
                    reply += socket.readAll().data()
                elif socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                    break
            answered = reply.startswith(_ANSWER)
            socket.disconnectFromServer()
            if answered:
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.25)


def _allow_foreground(pid: int) -> None:
    """Windows lets only the process the user just started take the foreground: pass that right on
    to the first window's process (untested here: Windows only)."""
    try:
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(int(pid))  # type: ignore[attr-defined]
    except (OSError, AttributeError, ValueError):
        pass


def serve(window, db_path: Path):
    """Listen for later starts on the same database; each brings `window` to the front. The lock is
    held, so a socket left by a crashed window is ours to replace."""
    from PySide6.QtNetwork import QLocalServer

    server = QLocalServer(window)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    name = server_name(db_path)
    if not server.listen(name):
        QLocalServer.removeServer(name)
        server.listen(name)

    def answer() -> None:
        while (socket := server.nextPendingConnection()) is not None:
            bring_to_front(window)
            socket.disconnected.connect(socket.deleteLater)  # the later start hangs up once it has read this
            socket.write(_ANSWER)
            socket.flush()

    server.newConnection.connect(answer)
    return server


def bring_to_front(window) -> None:
    """Un-minimise, raise and activate `window` (and a dialog open over it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    if window.isMinimized():
        window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        modal.raise_()
        modal.activateWindow()
