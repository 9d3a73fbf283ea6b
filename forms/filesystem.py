"""File operations that behave the same on Windows as on Linux.

Windows has rules Linux does not: `os.fsync` is FlushFileBuffers, which needs a handle opened for
writing; a file that another program holds open (an antivirus scanning a fresh file, the search
indexer, OneDrive syncing Dokument, Word) cannot be replaced or removed until it lets go. One place
for these, so each rule is kept everywhere the app touches files.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

# Waits between attempts when a file is held: 1.5 s in all, long enough for a scan of a fresh file,
# short enough that a file Word really holds is reported without a noticeable pause.
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.75)
LIKELY_HOLDERS = "Word eller Excel, ett antivirusprogram eller OneDrive"

T = TypeVar("T")


def flush_to_disk(path: Path) -> None:
    """Make a file that has just been written (and closed) durable. Opened for writing because
    Windows' FlushFileBuffers refuses a read-only handle (EBADF) — and nothing is written."""
    with open(path, "r+b") as handle:
        os.fsync(handle.fileno())


def retry_while_held(operation: Callable[[], T]) -> T:
    """Run `operation`, trying again with a short back-off while it raises PermissionError (on
    Windows: the file is held by another program for a moment); the last PermissionError is raised."""
    for delay in RETRY_DELAYS:
        try:
            return operation()
        except PermissionError:
            time.sleep(delay)
    return operation()


def replace(source: Path | str, target: Path | str) -> None:
    """`os.replace`, waiting out a program that holds either file for a moment."""
    retry_while_held(lambda: os.replace(source, target))


def remove(path: Path | str) -> None:
    """Remove a file if it is there, waiting out a program that holds it for a moment."""
    retry_while_held(lambda: Path(path).unlink(missing_ok=True))


def discard(path: Path | str) -> bool:
    """Remove a leftover (a temporary file, an old backup) if it can be done; False when it is
    held or protected — it is tried again next time, and the caller's real work is not failed."""
    try:
        remove(path)
    except OSError:
        return False
    return True


def remove_tree(folder: Path | str) -> bool:
    """Remove a folder and everything in it; False when something in it could not be removed (held
    open). Read-only files are made writable first: Windows refuses to delete them, where Linux
    only asks whether the folder is writable."""

    def make_writable_and_retry(function, path, _error) -> None:
        os.chmod(path, stat.S_IWRITE | stat.S_IREAD | (stat.S_IEXEC if os.path.isdir(path) else 0))
        retry_while_held(lambda: function(path))

    handler = {"onexc" if sys.version_info >= (3, 12) else "onerror": make_writable_and_retry}
    try:
        shutil.rmtree(folder, **handler)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2).ext`, `name (3).ext`… when it is taken. Compared without regard to case:
    Windows' folders do not tell "Budget.pdf" from "budget.pdf", so two such files written into one
    folder (the Utkorg) would be one."""
    folded = {t.casefold() for t in taken}
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    unique, number = name, 2
    while unique.casefold() in folded:
        unique = f"{stem} ({number}){dot}{suffix}"
        number += 1
    return unique


def distinct_names(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Files to be written into one folder, renamed where two names are alike (in any case)."""
    taken: set[str] = set()
    named = []
    for name, content in files:
        name = unique_name(name, taken)
        taken.add(name)
        named.append((name, content))
    return named
