"""The one kind of error a user reads.

Every error the app or the command line shows as a message is a UserError: its text is Swedish, names
the bad value or file and says what to do next. The app and the command line catch UserError (never
ValueError or KeyError at large, which would show a programming mistake's English text as if it
were advice); anything else that escapes is a bug and goes to the crash dialog and fel.log
(desktop/crash.py) or the command line's "Ett oväntat fel" line. Each kind keeps the built-in base
its callers test for (NumberError is also a ValueError, NotFound also a KeyError).
"""

from __future__ import annotations


class UserError(Exception):
    """An error whose message is for the user: Swedish, concrete, with the next step."""


class NotFound(UserError, KeyError):
    """Something asked for by its id is not in the database (a report, a bilaga, a version, a file)."""

    def __str__(self) -> str:  # KeyError's own quotes the message: 'Rapport 5 finns inte …'
        return str(self.args[0]) if self.args else ""
