"""Times: stored as aware UTC, ISO 8601 with its offset (`2026-10-25T00:30:00+00:00`), compared as
aware datetimes, shown in the machine's local time.

Local wall-clock time repeats an hour every autumn (02:00–02:59 twice in Sweden) and skips one every
spring, so local times compared as text put a later event first. Every stored time has the same
`+00:00` offset, so SQL's ORDER BY and max() on the column order them as time does. A time stored
before this (naive, no offset) is read as the machine's local time — what it was when written.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

__all__ = ["UTC", "as_utc", "local", "local_date", "now", "parse", "shown", "shown_day", "stored"]


def now() -> datetime:
    """The present moment, aware, in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(when: datetime) -> datetime:
    """`when` in UTC; a naive datetime is taken as the machine's local time."""
    return when.astimezone(UTC)


def stored(when: datetime | None = None) -> str:
    """The text a time is stored as: UTC to the second with its offset; now when not given."""
    return as_utc(when or now()).replace(microsecond=0).isoformat()


def parse(text: str) -> datetime:
    """A stored time as an aware datetime (a naive one, stored before times were UTC, as local time)."""
    return as_utc(datetime.fromisoformat(text))


def local(when: str | datetime) -> datetime:
    """A stored time (text or datetime) in the machine's local time zone, aware."""
    return (parse(when) if isinstance(when, str) else as_utc(when)).astimezone()


def shown(when: str | datetime | None, *, seconds: bool = False) -> str:
    """A stored time as a user reads it: local, `2026-10-25 02:30` (or with seconds); '' for none."""
    if not when:
        return ""
    return f"{local(when):%Y-%m-%d %H:%M:%S}" if seconds else f"{local(when):%Y-%m-%d %H:%M}"


def shown_day(when: str | datetime | None) -> str:
    """The local calendar day of a stored time, `2026-02-01`; '' for none."""
    return f"{local(when):%Y-%m-%d}" if when else ""


def local_date(when: str | datetime | None) -> date | None:
    """The local calendar day of a stored time (a report received 00:30 on 1 February Swedish time
    is received on 1 February, though it is still 31 January in UTC)."""
    return local(when).date() if when else None

