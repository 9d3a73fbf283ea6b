"""Where the live database lives: a place on this computer, never a network or synced folder, and
how it is moved there (all or nothing, its backups with it).

SQLite's WAL mode keeps its index in shared memory (the `-shm` file), which only works when every
reader is on the same machine: on a network file system it fails or corrupts the database. A sync
client (OneDrive, Dropbox, Google Drive) may replace the file under the app with another computer's
copy. Backups, on the other hand, are safest there: they are whole files written once.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath

from forms.backup import BACKUP_FOLDER
from forms.filesystem import discard, flush_to_disk, remove_tree, replace
from forms.store import StoreError

# Linux statfs f_type values (linux/magic.h and the file systems' own headers) of file systems that
# are not on this computer's disk, or may not be (FUSE: sshfs, rclone, cloud drives).
NETWORK_FILE_SYSTEMS = {
    0x6969: "NFS",
    0x517B: "SMB",
    0xFF534D42: "CIFS",
    0xFE534D42: "SMB2",
    0x65735546: "FUSE",
    0x5346414F: "AFS",
    0x6B414653: "AFS",
    0x73757245: "Coda",
    0x01021997: "9P",
    0x00C36400: "Ceph",
    0x564C: "NCP",
    0x0BD00BD0: "Lustre",
}
DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive (a mapped H:, say)
# folder names of sync clients, compared without case; a name starting with "OneDrive - " is
# OneDrive for work or school ("OneDrive - Göteborgs Stad")
SYNCED_FOLDERS = {"onedrive": "OneDrive", "dropbox": "Dropbox", "google drive": "Google Drive",
                  "googledrive": "Google Drive", "my drive": "Google Drive", "min enhet": "Google Drive",
                  "icloud drive": "iCloud Drive", "iclouddrive": "iCloud Drive", "box sync": "Box",
                  "nextcloud": "Nextcloud", "owncloud": "ownCloud"}
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
OUTBOX_FOLDER = "Utkorg"  # email drafts waiting to be sent (desktop/report_actions.py)
COMPANION_FOLDERS = (BACKUP_FOLDER, OUTBOX_FOLDER)  # beside the database, and moved with it
MOVED_NOTE = ".flyttad.txt"  # left beside a database that was moved: where it went


@dataclass(frozen=True)
class Risk:
    """Why a folder is no safe home for the live database, in Swedish."""

    kind: str  # "network" or "synced"
    what: str  # "NFS", "nätverksenheten H:", "OneDrive" …

    def explain(self) -> str:
        if self.kind == "synced":
            return (f"Databasen ligger i en mapp som synkroniseras av {self.what}. Synkroniseringen kan byta ut "
                    "filen mot en annan dators kopia medan programmet arbetar i den, och det som skrivits "
                    "sedan dess går förlorat.")
        return (f"Databasen ligger på en nätverksmapp ({self.what}). Databasen behöver ett delat minnesindex som "
                "bara fungerar på en och samma dator; över nätverket kan den skadas, och den går inte att "
                "använda när nätverket inte nås.")


def classify(path: PurePath, *, fs_type: int | None = None, drive_type: int | None = None,
             environment: Mapping[str, str] | None = None) -> Risk | None:
    """The risk of keeping the live database at `path`, from recorded facts about it: the Linux
    statfs type of its file system, the Windows drive type of its drive, the environment (where
    OneDrive lives). None when it is a local, unsynced place."""
    environment = os.environ if environment is None else environment
    synced = _synced_by(path, environment)
    if isinstance(path, PureWindowsPath) and path.drive.startswith(("\\\\", "//")):
        return Risk("network", f"nätverkssökvägen {path.drive}")
    if drive_type == DRIVE_REMOTE:
        return Risk("network", f"nätverksenheten {PureWindowsPath(path).drive or path}")
    if fs_type is not None and (fs_type & 0xFFFFFFFF) in NETWORK_FILE_SYSTEMS:
        return Risk("network", NETWORK_FILE_SYSTEMS[fs_type & 0xFFFFFFFF])
    if synced:
        return Risk("synced", synced)
    return None


def _synced_by(path: PurePath, environment: Mapping[str, str]) -> str | None:
    for part in path.parts[:-1]:
        name = part.casefold()
        if name.startswith("onedrive - "):
            return "OneDrive"
        if name in SYNCED_FOLDERS:
            return SYNCED_FOLDERS[name]
    flavour = type(path)
    for variable in ONEDRIVE_VARIABLES:
        root = environment.get(variable)
        if root and flavour(root).parts and _is_under(path, flavour(root)):
            return "OneDrive"
    return None


def _is_under(path: PurePath, root: PurePath) -> bool:
    fold = (lambda p: [s.casefold() for s in p.parts]) if isinstance(path, PureWindowsPath) else (lambda p: list(p.parts))
    parts, root_parts = fold(path), fold(root)
    return parts[:len(root_parts)] == root_parts


def location_risk(path: Path) -> Risk | None:
    """classify() with this computer's real facts about `path` (the nearest existing folder's file
    system on Linux, the drive type on Windows)."""
    path = Path(os.path.abspath(path))
    fs_type = drive_type = None
    if sys.platform == "win32":
        drive_type = _windows_drive_type(path)
    elif sys.platform.startswith("linux"):
        fs_type = statfs_type(path)
    return classify(path, fs_type=fs_type, drive_type=drive_type)


def statfs_type(path: Path) -> int | None:
    """Linux statfs(2) f_type of the file system holding `path` (or its nearest existing parent)."""
    existing = Path(path)
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    import ctypes  # only here: not on every start's import path

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        buffer = ctypes.create_string_buffer(256)  # struct statfs is 120 bytes on 64-bit Linux
        if libc.statfs(os.fsencode(existing), buffer) != 0:
            return None
        return ctypes.c_long.from_buffer(buffer).value & 0xFFFFFFFF  # f_type is its first field
    except (OSError, AttributeError):
        return None


def _windows_drive_type(path: Path) -> int | None:
    """Untested here: Windows only."""
    import ctypes

    drive = PureWindowsPath(path).drive
    if not drive or drive.startswith(("\\\\", "//")):
        return None
    try:
        return int(ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\"))  # type: ignore[attr-defined]
    except (OSError, AttributeError):
        return None


def moved_to(db_path: Path) -> Path | None:
    """Where a database that was moved away from `db_path` went (the note left behind)."""
    note = Path(f"{db_path}{MOVED_NOTE}")
    try:
        lines = note.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return Path(lines[0]) if lines and lines[0].strip() else None


def move_database(source: Path, target: Path, *, leave_note: bool = False) -> None:
    """Move the database at `source` and the folders beside it (backups, Utkorg) to `target` (which must not exist), all or
    nothing: everything is copied beside the target under temporary names, checked, and only then
    put in place — the database last — and the old files removed. A failure leaves the source as it
    was and nothing at the target, and raises StoreError. The app must hold the database's lock.
    `leave_note`: leave a small file where the database was, naming where it went."""
    source, target = Path(source), Path(target)
    if target.exists():
        raise StoreError(f"Det finns redan en databas i {target}; {source} har inte flyttats.")
    _checkpoint(source)
    folders = [name for name in COMPANION_FOLDERS
               if source.parent != target.parent and (source.parent / name).is_dir()]
    staged_db = target.with_name(f"{target.name}.flyttas.tmp")
    staged = {name: target.parent / f"{name}.flyttas.tmp" for name in folders}
    placed: list[Path] = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (staged_db, Path(f"{staged_db}-wal")):
            leftover.unlink(missing_ok=True)
        for name in folders:
            remove_tree(staged[name])
            shutil.copytree(source.parent / name, staged[name])
        for suffix in ("-wal", ""):  # the database's own file last: its arrival is the move
            part = Path(f"{source}{suffix}")
            if part.exists() and (suffix == "" or part.stat().st_size > 0):  # an empty WAL holds nothing
                _copy_synced(part, Path(f"{staged_db}{suffix}"))
        for name in folders:
            (target.parent / name).mkdir(exist_ok=True)
            for item in sorted(staged[name].iterdir()):
                if not (target.parent / name / item.name).exists():
                    replace(item, target.parent / name / item.name)
                    placed.append(target.parent / name / item.name)
            remove_tree(staged[name])
        if Path(f"{staged_db}-wal").exists():
            replace(f"{staged_db}-wal", f"{target}-wal")
            placed.append(Path(f"{target}-wal"))
        replace(staged_db, target)
    except OSError as exc:
        for path in (staged_db, Path(f"{staged_db}-wal"), *placed):
            remove_tree(path) if path.is_dir() else discard(path)
        for folder in staged.values():
            remove_tree(folder)
        raise StoreError(f"Databasen kunde inte flyttas från {source} till {target}: {exc.strerror or exc}. Inget "
                         "har ändrats; den ligger kvar där den låg.") from exc
    for suffix in ("", "-wal", "-shm"):  # the move is complete: the old copy goes
        discard(f"{source}{suffix}")
    for name in folders:
        remove_tree(source.parent / name)
    if leave_note:
        try:
            Path(f"{source}{MOVED_NOTE}").write_text(f"{target}\n\nDatabasen har flyttats hit av Avtalsuppföljning.\n",
                                                      encoding="utf-8")
        except OSError:
            pass


def _checkpoint(db_path: Path) -> None:
    """Fold the WAL into the database file, so the file alone is the whole database (a damaged file
    is moved as it is, with its WAL)."""
    try:
        conn = sqlite3.connect(db_path, timeout=5)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        pass


def _copy_synced(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    flush_to_disk(target)
