"""File operations that behave the same on Windows as on Linux.

Windows has rules Linux does not: `os.fsync` is FlushFileBuffers, which needs a handle opened for
writing. One place for these, so each rule is kept everywhere the app touches files.
"""

from __future__ import annotations

import os
from pathlib import Path


def flush_to_disk(path: Path) -> None:
    """Make a file that has just been written (and closed) durable. Opened for writing because
    Windows' FlushFileBuffers refuses a read-only handle (EBADF) — and nothing is written."""
    with open(path, "r+b") as handle:
        os.fsync(handle.fileno())
