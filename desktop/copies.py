"""Temporary copies the app opens in other programs: a bilaga, a file exactly as it was sent or
received. Each goes into a private folder of its own under the system's temporary folder, which is
removed when the app ends and — for copies left by a crash or a forced log-off — at a later start.

Copies that are a record (sent, received) are read-only. A bilaga copy can be edited; the Bilagor
dialog notices the change and offers to keep it in the report (`changed`, `keep`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

from forms.filesystem import remove_tree

PREFIX = "avtal-kopia-"
OLD_PREFIXES = ("avtal-bilaga-", "avtal-skickat-", "avtal-mottaget-")  # folders of earlier versions
STALE_AFTER = 60 * 60  # seconds: another window's copies are newer than this; a crash's are not

_made: dict[Path, str] = {}  # every copy made by this process → SHA-256 of what it holds for the report
_bilagor: dict[Path, int] = {}  # editable copies of bilagor → the bilaga's id


def open_copy(name: str, content: bytes, *, read_only: bool, attachment_id: int | None = None) -> Path:
    """`content` as a file called `name` (already made safe) in a fresh private folder (0700), so a
    crafted name can only ever name a file inside it. A bilaga's copy remembers its bilaga, so any
    Bilagor dialog opened later can offer its edits back (`edited_bilagor`)."""
    path = Path(tempfile.mkdtemp(prefix=PREFIX)) / name
    path.write_bytes(content)
    if read_only:
        path.chmod(0o444)
    _made[path] = hashlib.sha256(content).hexdigest()
    if attachment_id is not None:
        _bilagor[path] = attachment_id
    return path


def edited_bilagor(attachment_ids: set[int]) -> list[tuple[Path, int, bytes]]:
    """Copies of these bilagor changed since they were opened (or last kept): path, bilaga, content."""
    edited = []
    for path, attachment_id in list(_bilagor.items()):
        if attachment_id in attachment_ids and (content := changed(path)) is not None:
            edited.append((path, attachment_id, content))
    return edited


def changed(path: Path) -> bytes | None:
    """What the copy holds now, when it differs from what the report holds; else None (also when it
    is gone or cannot be read — Word may be writing it)."""
    try:
        content = path.read_bytes()
    except OSError:
        return None
    return None if hashlib.sha256(content).hexdigest() == _made.get(path) else content


def keep(path: Path, content: bytes) -> None:
    """The report now holds `content`: the copy is unchanged from here on."""
    _made[path] = hashlib.sha256(content).hexdigest()


def clean_own() -> list[Path]:
    """At exit: remove this process's copies, except those changed and not kept (the user may still
    be working on them in Word; a later start removes them). Returns the copies left."""
    left = []
    for path in list(_made):
        if changed(path) is not None or not remove_tree(path.parent):
            left.append(path)
        else:
            del _made[path]
            _bilagor.pop(path, None)
    return left


def clean_stale(now: float | None = None) -> list[Path]:
    """At start: remove copy folders left by earlier runs (older than STALE_AFTER, so another open
    window's fresh copies stay). Returns the folders removed."""
    now = time.time() if now is None else now
    removed = []
    root = Path(tempfile.gettempdir())
    try:
        folders = [p for p in root.iterdir() if p.name.startswith((PREFIX, *OLD_PREFIXES)) and p.is_dir()]
    except OSError:
        return []
    for folder in folders:
        try:
            old = now - os.stat(folder).st_mtime > STALE_AFTER
        except OSError:
            continue
        if old and folder.parent == root and not folder.is_symlink() and remove_tree(folder):
            removed.append(folder)
    return removed
