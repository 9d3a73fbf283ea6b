"""The database file itself: how SQLite is pointed at it, what it is (its identity, so another
spelling of the same file is recognised), and whether the place it lives in is safe for it."""

from __future__ import annotations

import os
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote


def sqlite_uri(path: PurePath | str, **params: str) -> str:
    """A `file:` URI SQLite reads as exactly `path`, with `params` as its query (`mode="ro"`).

    Every character that means something in a URI is escaped (a `#` would end the path and drop the
    query, so `mode=ro` was lost and an empty file created; a `?` would start the query early), and a
    Windows UNC path (`\\\\server\\share\\…`) becomes `file:////server/share/…`: an empty authority
    (SQLite refuses any other than `localhost`) followed by the UNC path, which Windows opens."""
    query = "&".join(f"{key}={quote(str(value), safe='')}" for key, value in params.items())
    if isinstance(path, PureWindowsPath) or (os.name == "nt" and not isinstance(path, PurePath)):
        win = PureWindowsPath(os.path.abspath(path)) if os.name == "nt" else PureWindowsPath(path)
        posix = quote(win.as_posix(), safe="/:")  # "//server/share/x" for UNC, "C:/x" for a drive
        uri = f"file://{posix}" if posix.startswith("//") else f"file:///{posix.lstrip('/')}"
    else:
        uri = Path(path).absolute().as_uri()
    return f"{uri}?{query}" if query else uri


def file_identity(path: PurePath | str) -> str:
    """What the file is, however it is spelled: its device and inode (on Windows, `os.stat` fills
    these from the volume serial number and the file ID), so a symlink, a hard link, `../` or
    another case on Windows all give the same identity. A file that does not exist yet is
    identified by its resolved path."""
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except OSError:
        return "path:" + os.path.normcase(real)
    return f"file:{info.st_dev:x}:{info.st_ino:x}"
