"""Temporary copies the app opens in other programs: a bilaga, a file exactly as it was sent or
received. Each goes into a private folder of its own inside this process's session folder under the
system's temporary folder (`avtal-kopior-*`), which holds a lock for as long as the process lives.
The session folder is removed when the app ends; one left by a crash or a forced log-off is removed
at the next start — its lock's process is gone (Qt's QLockFile checks) — while another open window's
stays.

Copies that are a record (sent, received) are read-only. A bilaga copy can be edited; the Bilagor
dialog notices the change and offers to keep it in the report (`edited_bilagor`, `keep`).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile

from desktop import dialogs
from forms.filesystem import remove_tree

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SESSION_PREFIX = "avtal-kopior-"
COPY_PREFIX = "avtal-kopia-"
# folders of earlier versions, without a lock: removed when older than STALE_AFTER
OLD_PREFIXES = ("avtal-kopia-", "avtal-bilaga-", "avtal-skickat-", "avtal-mottaget-")
STALE_AFTER = 60 * 60
LOCK = ".lock"

_session: tuple[Path, QLockFile] | None = None
_made: dict[Path, str] = {}  # every copy made by this process → SHA-256 of what it holds for the report
_bilagor: dict[Path, int] = {}  # editable copies of bilagor → the bilaga's id


def _session_folder() -> Path:
    """This process's folder for copies, made (and locked) at the first copy."""
    global _session
    if _session is None or not _session[0].is_dir():
        folder = Path(tempfile.mkdtemp(prefix=SESSION_PREFIX))
        lock = QLockFile(str(folder / LOCK))
        lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
        lock.tryLock(0)
        _session = (folder, lock)
    return _session[0]


def open_copy(name: str, content: bytes, *, read_only: bool, attachment_id: int | None = None) -> Path:
    """`content` as a file called `name` (already made safe) in a fresh private folder (0700), so a
    crafted name can only ever name a file inside it. A bilaga's copy remembers its bilaga, so any
    Bilagor dialog opened later can offer its edits back (`edited_bilagor`)."""
    path = Path(tempfile.mkdtemp(prefix=COPY_PREFIX, dir=_session_folder())) / name
    path.write_bytes(content)
    if read_only:
        path.chmod(0o444)
    _made[path] = _digest(content)
    if attachment_id is not None:
        _bilagor[path] = attachment_id
    return path


def edited_bilagor(attachment_ids: set[int] | None) -> list[tuple[Path, int, bytes]]:
    """Copies of these bilagor (None: any) changed since they were opened (or last kept): path,
    bilaga, content."""
    edited = []
    for path, attachment_id in list(_bilagor.items()):
        wanted = attachment_ids is None or attachment_id in attachment_ids
        if wanted and (content := changed(path)) is not None:
            edited.append((path, attachment_id, content))
    return edited


def changed(path: Path) -> bytes | None:
    """What the copy holds now, when it differs from what the report holds; else None (also when it
    is gone or cannot be read — Word may be writing it)."""
    try:
        content = path.read_bytes()
    except OSError:
        return None
    return None if _digest(content) == _made.get(path) else content


def keep(path: Path, content: bytes) -> None:
    """The report now holds `content`: the copy is unchanged from here on."""
    _made[path] = _digest(content)


def open_record(parent: QWidget | None, name: str, content: bytes) -> Path:
    """A file exactly as it was sent or received, opened read-only from a fresh private folder through
    the checked hand-off. The name is cleaned again: a database from before names were cleaned on
    arrival may hold "..", NUL or "CON"."""
    from forms.clean import safe_attachment_name

    path = open_copy(safe_attachment_name(name), content, read_only=True)
    dialogs.open_path(path, parent)
    return path


def _digest(content: bytes) -> str:
    import hashlib  # OpenSSL's ~3 ms on first use, not on every start (copies.py is on the start path)

    return hashlib.sha256(content).hexdigest()


def offer_edited_bilagor(parent: QWidget | None, store, attachment_ids: set[int] | None,
                         closing: bool = False) -> list[tuple[str, int, bool]]:
    """For each copy of these bilagor (None: any) edited in another program since it was opened, ask
    whether the report keeps the change — once per change. Returns (file name, bilaga, kept)."""
    answers = []
    for path, attachment_id, content in edited_bilagor(attachment_ids):
        then = " och kopian tas bort när programmet stängs" if closing else ""
        saved = dialogs.ask(parent, "Bilagan har ändrats",
                            f"Kopian av {path.name} har ändrats sedan den öppnades. Vill du spara ändringarna i "
                            f"rapporten? Annars är bilagan i rapporten som förut{then}.",
                            yes="Spara i rapporten", no="Behåll som förut")
        if saved:
            try:
                store.replace_attachment(attachment_id, content)
            except KeyError:  # the bilaga was removed from the report meanwhile
                saved = False
        keep(path, content)
        answers.append((path.name, attachment_id, saved))
    return answers


def clean_own() -> list[Path]:
    """At exit: remove this process's copies, except those changed and not kept (the user may still
    be working on them in Word; the next start removes them). Returns the copies left."""
    global _session
    left = []
    for path in list(_made):
        if changed(path) is not None or not remove_tree(path.parent):
            left.append(path)
        else:
            del _made[path]
            _bilagor.pop(path, None)
    if _session is not None and not left:
        folder, lock = _session
        lock.unlock()
        if remove_tree(folder):
            _session = None
    return left


def clean_stale(now: float | None = None) -> list[Path]:
    """At start: remove session folders whose process is gone (a crash, a forced log-off), and copy
    folders of earlier versions older than STALE_AFTER. Returns the folders removed."""
    now = time.time() if now is None else now
    root = Path(tempfile.gettempdir())
    try:
        folders = [p for p in root.iterdir() if p.name.startswith((SESSION_PREFIX, *OLD_PREFIXES))
                   and p.is_dir() and not p.is_symlink()]
    except OSError:
        return []
    removed = []
    for folder in folders:
        if _session is not None and folder == _session[0]:
            continue
        if folder.name.startswith(SESSION_PREFIX):
            lock = QLockFile(str(folder / LOCK))
            lock.setStaleLockTime(0)
            gone = lock.tryLock(0)  # taken over only when the process that held it has ended
            if gone:
                lock.unlock()
        else:
            try:
                gone = now - os.stat(folder).st_mtime > STALE_AFTER
            except OSError:
                continue
        if gone and remove_tree(folder):
            removed.append(folder)
    return removed
