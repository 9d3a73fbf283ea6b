"""Windows' rules about files, imitated on Linux: nothing here can run Windows, so the tests make
Linux behave as Windows does where the app has been caught out (issue 22). On Windows itself the
real rules apply and these imitations stand aside."""

from __future__ import annotations

import errno
import os
import stat
import sys

ON_WINDOWS = sys.platform == "win32"


class WindowsFsync:
    """`os.fsync` as on Windows (FlushFileBuffers): a descriptor not opened for writing is refused
    with EBADF. Counts the calls, so a test can show the rule was really in force."""

    def __init__(self, real=os.fsync):
        self.real = real
        self.calls = 0
        self.refused = 0

    def __call__(self, fd: int) -> None:
        import fcntl

        self.calls += 1
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            self.refused += 1
            raise OSError(errno.EBADF, "Bad file descriptor (Windows' FlushFileBuffers needs write access)")
        self.real(fd)


class HeldFor:
    """An `os.replace` (or `os.unlink`) that fails with PermissionError the first `times` calls, as
    on Windows while an antivirus, the search indexer or OneDrive holds a fresh file for a moment;
    `times=None` holds it for good (Word has the file open). With `path`, only that file is held."""

    def __init__(self, real, times: int | None, path=None):
        self.real = real
        self.times = times
        self.path = path
        self.calls = 0

    def __call__(self, *args, **kwargs):
        if self.path is not None and str(self.path) not in map(str, args):
            return self.real(*args, **kwargs)
        self.calls += 1
        if self.times is None or self.calls <= self.times:
            raise PermissionError(13, "The process cannot access the file because it is being used by "
                                      "another process")
        return self.real(*args, **kwargs)


class WindowsUnlink:
    """`os.unlink` as on Windows: a read-only file is refused (PermissionError), where Linux only
    asks whether its folder is writable. Takes `dir_fd` as shutil.rmtree passes it."""

    def __init__(self, real=os.unlink):
        self.real = real
        self.refused = 0

    def __call__(self, path, *, dir_fd=None):
        if not os.stat(path, dir_fd=dir_fd, follow_symlinks=False).st_mode & stat.S_IWUSR:
            self.refused += 1
            raise PermissionError(13, "Access is denied", str(path))
        return self.real(path, dir_fd=dir_fd)
