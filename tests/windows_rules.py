"""Windows' rules about files, imitated on Linux: nothing here can run Windows, so the tests make
Linux behave as Windows does where the app has been caught out (issue 22). On Windows itself the
real rules apply and these imitations stand aside."""

from __future__ import annotations

import errno
import os
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
