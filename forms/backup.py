"""Backups of the database (SQLite's online backup API), and what to do with a damaged file.

Backups go to a folder beside the database; one is taken at every start and once a day while the
app runs; the newest KEEP are kept. A damaged file is never overwritten: it is moved aside.
"""

from __future__ import annotations

import errno
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from forms import times
from forms.database_file import sqlite_uri
from forms.filesystem import LIKELY_HOLDERS, discard, flush_to_disk, remove, replace
from forms.store import Store, StoreError

BACKUP_FOLDER = "Säkerhetskopior"
KEEP = 20
PROTECT = 3  # the newest backups that hold reports and pass the integrity check are never pruned
SQLITE_MAGIC = b"SQLite format 3\x00"
MIN_DATABASE_BYTES = 512  # SQLite's smallest page: anything shorter is not a whole database
_PREFIX = "rapporter-"
_STAMP = "%Y-%m-%d-%H%M%S%f"  # to the microsecond: two backups never share a name
_UTC = "Z"  # a name's time is UTC when it ends so; older names are the machine's local time


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_FOLDER


def make_backup(store: Store, folder: Path, now: datetime | None = None) -> Path:
    """A consistent copy of the open database, written under a temporary name and then renamed,
    so a backup that is interrupted never looks like a complete one. Named by its UTC time (a local
    time would repeat in the autumn); `now`, when given naive, is local time."""
    folder.mkdir(parents=True, exist_ok=True)
    when = times.as_utc(now) if now else datetime.now(times.UTC)
    target = folder / f"{_PREFIX}{when.strftime(_STAMP)}{_UTC}.sqlite"
    partial = target.with_suffix(".sqlite.tmp")
    try:
        remove(partial)
        store.backup_to(partial)
        copy = sqlite3.connect(partial)
        try:
            copy.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file, no -wal/-shm
        finally:
            copy.close()
        flush_to_disk(partial)
        replace(partial, target)
    except (OSError, sqlite3.Error, StoreError) as exc:
        for leftover in (partial, Path(f"{partial}-journal")):  # a failed backup leaves nothing behind
            discard(leftover)
        if isinstance(exc, StoreError):
            raise
        if isinstance(exc, PermissionError):
            raise StoreError(f"Säkerhetskopian kunde inte göras i {folder}: ett annat program håller filen "
                             f"{partial.name} öppen, troligen {LIKELY_HOLDERS}. Den görs igen vid nästa "
                             "start; databasen själv är orörd.") from exc
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "full" in str(exc):
            raise StoreError(f"Säkerhetskopian kunde inte göras: disken är full i {folder}. Frigör "
                             "utrymme; databasen själv är orörd.") from exc
        raise StoreError(f"Säkerhetskopian kunde inte göras i {folder}: {exc}. Databasen själv är orörd.") from exc
    return target


def take_backup(store: Store) -> Path:
    """A backup beside the open database, and old ones pruned: what the app does at start and daily,
    Arkiv's "Säkerhetskopiera nu" and the command line's `backup` alike."""
    folder = backup_folder(store.path)
    path = make_backup(store, folder)
    prune(folder)
    return path


def list_backups(folder: Path) -> list[Path]:
    """Complete backups, newest first (by their time, not their names: an older name holds local
    time, which runs backwards for an hour each autumn)."""
    if not folder.is_dir():
        return []
    oldest = datetime.min.replace(tzinfo=times.UTC)
    return sorted(folder.glob(f"{_PREFIX}*.sqlite"), key=lambda p: (backup_time(p) or oldest, p.name), reverse=True)


def backup_time(path: Path) -> datetime | None:
    """When a backup was made, aware (UTC); None for a name that is not a backup's."""
    stamp = path.stem.removeprefix(_PREFIX)
    try:
        if stamp.endswith(_UTC):
            return datetime.strptime(stamp[:-1], _STAMP).replace(tzinfo=times.UTC)
        return times.as_utc(datetime.strptime(stamp, _STAMP))  # before UTC names: local time
    except (ValueError, OverflowError):
        return None


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest `keep` backups (and leftovers of interrupted ones) — but never the
    newest PROTECT backups that hold reports and pass the integrity check: after many starts on an
    empty or damaged file, the newest backups are of nothing, and the good ones must survive."""
    backups = list_backups(folder)
    protected = set()
    if len(backups) > keep:
        for backup in backups:
            if len(protected) == PROTECT:
                break
            if holds_reports(backup):
                protected.add(backup)
    removed = [b for b in backups[keep:] if b not in protected]
    if folder.is_dir():  # leftovers of interrupted backups, and companions of removed ones
        removed += [p for p in folder.iterdir() if p.name.endswith((".tmp", ".tmp-journal"))]
    kept = set()
    for path in removed:  # one that is held now is removed at a later start
        for companion in ("", "-wal", "-shm", "-journal"):
            if not discard(f"{path}{companion}"):
                kept.add(path)
    return [path for path in removed if path not in kept]


def has_backup_from(folder: Path, day) -> bool:
    """Whether a backup was made on the local calendar day `day`."""
    return any((t := backup_time(p)) and times.local_date(t) == day for p in list_backups(folder))


class DatabaseInUse(StoreError):
    """The database cannot be read just now because something holds it (another program, an
    antivirus scan, a backup agent): it is not damaged, and must never be moved aside."""


# SQLite's words for a file it could not get at, as opposed to one whose content is wrong
_HELD = ("locked", "busy", "unable to open")
IN_USE_WAIT_SECONDS = 5.0  # how long a check waits for a held database before saying so


def in_use_message(path: Path, detail: object) -> str:
    return (f"Databasen {Path(path).name} används av ett annat program — stäng det och försök igen. "
            f"Den är inte skadad och inget har ändrats ({detail}).")


def holds_reports(path: Path) -> bool:
    """True when `path` is a sound database with at least one report."""
    if not _is_sound(path):
        return False
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=2.0)
        try:
            return conn.execute("SELECT count(*) FROM reports").fetchone()[0] > 0
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def integrity_problem(path: Path) -> str | None:
    """None when the file is a sound SQLite database (or does not exist yet), else why not, in
    Swedish. An empty file, one shorter than a database page or one without SQLite's header is
    damaged: SQLite would take it for a new empty database and the reports would seem gone.
    Raises DatabaseInUse when the file cannot be read because something holds it (SQLite's
    "locked", "busy", "unable to open", or the operating system refusing to read it): that says
    nothing about its content."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseInUse(in_use_message(path, exc.strerror or exc)) from exc
    if size == 0:
        return "filen är tom (0 byte)"
    if not head.startswith(SQLITE_MAGIC):
        return "filen är inte en databas (fel filhuvud)"
    if size < MIN_DATABASE_BYTES:
        return f"filen är för kort ({size} byte) för att vara en hel databas"
    try:
        try:
            result = _integrity_check(sqlite_uri(path, mode="ro"))
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc):
                raise
            # a WAL database in a folder we cannot write (a read-only share) cannot get its -shm
            # file: read the file as it is; one held by another program fails here again
            result = _integrity_check(sqlite_uri(path, mode="ro", immutable="1"))
    except sqlite3.DatabaseError as exc:
        if any(word in str(exc) for word in _HELD):
            raise DatabaseInUse(in_use_message(path, exc)) from exc
        return str(exc)
    return None if result == ["ok"] else "; ".join(result[:5])


def _integrity_check(uri: str) -> list[str]:
    conn = sqlite3.connect(uri, uri=True, timeout=2.0)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    finally:
        conn.close()


def checked_problem(path: Path, wait: float = IN_USE_WAIT_SECONDS) -> str | None:
    """integrity_problem, retried while the file is held, for up to `wait` seconds; then the last
    DatabaseInUse is raised."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return integrity_problem(path)
        except DatabaseInUse:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.25)


def _is_sound(path: Path) -> bool:
    try:
        return integrity_problem(path) is None
    except DatabaseInUse:
        return False


def newest_good_backup(folder: Path) -> Path | None:
    return next((p for p in list_backups(folder) if _is_sound(p)), None)


def move_aside(db_path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its WAL files) so nothing writes over it; returns the new name."""
    stamp = (now or datetime.now()).strftime(_STAMP)
    aside = db_path.with_name(f"{db_path.name}.skadad-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            replace(source, Path(f"{aside}{suffix}"))
    return aside


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of the database `source` (opened read-only) written to `target`."""
    reader = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        reader.close()
        writer.close()


def restore_backup(backup: Path, db_path: Path) -> None:
    """Make `backup` the database (the app must have closed it); the current file is kept as a
    backup first, if it can be read."""
    if integrity_problem(backup) is not None:
        raise StoreError(f"Säkerhetskopian {backup.name} är skadad och kan inte återställas; välj en äldre.")
    folder = backup_folder(db_path)
    if db_path.exists() and integrity_problem(db_path) is None:
        current = Store(db_path)
        try:
            make_backup(current, folder)
        finally:
            current.close()
    elif db_path.exists():
        move_aside(db_path)
    # copied beside the database under a temporary name and swapped in: a failure (a full disk)
    # leaves no half-restored database and no temporary file
    partial = db_path.with_name(f"{db_path.name}.återställs.tmp")
    try:
        copy_database(backup, partial)
        flush_to_disk(partial)
        replace(partial, db_path)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (partial, Path(f"{partial}-journal")):
            discard(leftover)
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "full" in str(exc):
            why, then = "disken är full", "Frigör utrymme och försök igen. "
        elif isinstance(exc, PermissionError):
            why = f"ett annat program håller databasfilen öppen, troligen {LIKELY_HOLDERS}"
            then = "Stäng det programmet och försök igen om en stund. "
        else:
            why, then = str(exc), ""
        raise StoreError(f"Säkerhetskopian kunde inte återställas: {why}. {then}Inget har skrivits över; den "
                         "tidigare databasen finns kvar bland säkerhetskopiorna.") from exc


RESTORE_MENU = "Arkiv → Säkerhetskopior…"  # where the app restores a backup (desktop/main_window.py)


def damaged_message(db_path: Path, problem: str) -> str:
    """For a door that cannot move the file aside itself (the command line): what is wrong, that
    nothing was changed, and the newest good backup with where the app restores it."""
    good = newest_good_backup(backup_folder(db_path))
    if good is None:
        backup = (f"Det finns ingen fungerande säkerhetskopia i {backup_folder(db_path)}; välj en annan "
                  "databasfil med --db.")
    else:
        backup = (f"Den senaste fungerande säkerhetskopian är från {times.shown(backup_time(good))} ({good.name} i "
                  f"{good.parent}): starta Avtalsuppföljning på databasen, så flyttas den skadade filen undan och "
                  f"säkerhetskopian erbjuds (den finns också under {RESTORE_MENU}), eller återställ den med "
                  f'avtalsuppfoljning restore-backup --db "{db_path}" "{good}".')
    return f"Databasen {db_path} är skadad och går inte att läsa ({problem}). Inget har ändrats. {backup}"
