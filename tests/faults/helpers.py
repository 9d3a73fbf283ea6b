"""Real write failures, provoked without mocks: a full database, a full filesystem, a read-only folder."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from tests.needs import missing


def fill_database(conn: sqlite3.Connection) -> int:
    """Make the next write that needs a new page fail with SQLITE_FULL; returns the old limit."""
    old = conn.execute("PRAGMA max_page_count").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    return old


def free_database(conn: sqlite3.Connection, limit: int = 1073741823) -> None:
    conn.execute(f"PRAGMA max_page_count = {limit}")


def dump(db_path: Path) -> list[str]:
    """Everything the database holds, as SQL: compare before and after a failure."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def can_mount() -> str | None:
    """None when a tmpfs can be mounted here, else why not (the stated skip reason)."""
    if os.geteuid() != 0:
        return "mounting a size-limited tmpfs needs root"
    if shutil.which("mount") is None:
        return "no mount command"
    return None


@contextmanager
def small_tmpfs(folder: Path, size: str = "1m"):
    """A real filesystem of `size` at `folder` (root only): it fills up like a full disk."""
    reason = can_mount()
    if reason:
        missing(reason)
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        missing(f"mount -t tmpfs refused here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_filesystem(folder: Path) -> Path:
    """Write filler until the filesystem at `folder` has no byte left; returns the filler file."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1 << 20, 1 << 16, 1 << 12, 1):
            block = b"\0" * size
            try:
                while True:
                    os.write(fd, block)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler
