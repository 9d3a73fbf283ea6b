"""A local home for the live database (issue 18 item 8): where it is unsafe (a network file system,
a network drive, a synced folder) is classified from recorded facts — and from real ones where this
machine allows (a tmpfs is local, a FUSE mount is not) — and a database is moved home all or nothing,
its backups with it. Windows' drive types and paths are classified here from recorded values only:
GetDriveTypeW itself has never run."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import PurePosixPath, PureWindowsPath

import pytest

from forms.backup import backup_folder, list_backups, make_backup
from forms.home import DRIVE_REMOTE, Risk, classify, location_risk, move_database, moved_to, statfs_type
from forms.store import Store, StoreError
from tests.faults.helpers import dump, small_tmpfs
from tests.needs import missing

EXT4, TMPFS, BTRFS, XFS = 0xEF53, 0x01021994, 0x9123683E, 0x58465342
DRIVE_FIXED = 3
LINUX = PurePosixPath("/srv/anna/.local/share/Göteborgs Stad/Avtalsuppföljning/rapporter.sqlite")


@pytest.mark.parametrize("fs_type, what", [
    (0x6969, "NFS"), (0xFF534D42, "CIFS"), (0xFE534D42, "SMB2"), (0x517B, "SMB"), (0x65735546, "FUSE"),
    (-11317950, "CIFS"),  # 0xFF534D42 as a signed 32-bit f_type
])
def test_network_file_systems_are_unsafe(fs_type, what):
    assert classify(LINUX, fs_type=fs_type, environment={}) == Risk("network", what)


@pytest.mark.parametrize("fs_type", [EXT4, TMPFS, BTRFS, XFS, None])
def test_local_file_systems_are_home(fs_type):
    assert classify(LINUX, fs_type=fs_type, environment={}) is None


@pytest.mark.parametrize("path, drive_type, environment, expected", [
    (r"\\fil01.goteborg.se\hem$\anna\AppData\Roaming\Göteborgs Stad\Avtalsuppföljning\rapporter.sqlite", None, {},
     Risk("network", r"nätverkssökvägen \\fil01.goteborg.se\hem$")),
    (r"H:\Avtalsuppföljning\rapporter.sqlite", DRIVE_REMOTE, {}, Risk("network", "nätverksenheten H:")),
    (r"C:\Users\anna\AppData\Local\Göteborgs Stad\Avtalsuppföljning\rapporter.sqlite", DRIVE_FIXED, {}, None),
    (r"C:\Users\anna\OneDrive - Göteborgs Stad\Dokument\rapporter.sqlite", DRIVE_FIXED, {}, Risk("synced", "OneDrive")),
    (r"C:\Users\anna\Jobbfiler\rapporter.sqlite", DRIVE_FIXED, {"OneDriveCommercial": r"c:\users\anna\jobbfiler"},
     Risk("synced", "OneDrive")),
    (r"C:\Users\anna\Dropbox\rapporter.sqlite", DRIVE_FIXED, {}, Risk("synced", "Dropbox")),
    (r"G:\Min enhet\rapporter.sqlite", DRIVE_FIXED, {}, Risk("synced", "Google Drive")),
    (r"C:\Users\anna\Documents\rapporter.sqlite", DRIVE_FIXED, {"OneDrive": r"C:\Users\anna\OneDrive"}, None),
])
def test_windows_places_from_recorded_values(path, drive_type, environment, expected):
    assert classify(PureWindowsPath(path), drive_type=drive_type, environment=environment) == expected


def test_a_synced_folder_on_linux_too():
    assert classify(PurePosixPath("/srv/anna/Dropbox/rapporter.sqlite"), fs_type=EXT4, environment={}) == \
        Risk("synced", "Dropbox")


def test_the_explanations_say_why():
    assert "samma dator" in Risk("network", "NFS").explain() and "NFS" in Risk("network", "NFS").explain()
    assert "byta ut" in Risk("synced", "OneDrive").explain()


def test_a_real_tmpfs_is_local(tmp_path):
    with small_tmpfs(tmp_path / "lokal", "4m") as folder:
        assert statfs_type(folder / "rapporter.sqlite") == TMPFS
        assert location_risk(folder / "inte-skapad" / "rapporter.sqlite") is None


def test_a_real_fuse_mount_is_not_local(tmp_path):
    if shutil.which("bindfs") is None:
        missing("bindfs is not installed: apt-get install bindfs (scripts/debian-packages.txt)")
    source, mount = tmp_path / "källa", tmp_path / "fuse"
    source.mkdir()
    mount.mkdir()
    mounted = subprocess.run(["bindfs", str(source), str(mount)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"this kernel or container does not allow a FUSE mount: {mounted.stderr.strip()}")
    try:
        assert location_risk(mount / "rapporter.sqlite") == Risk("network", "FUSE")
        assert location_risk(source / "rapporter.sqlite") is None
    finally:
        unmount = shutil.which("fusermount") or shutil.which("fusermount3")
        subprocess.run([unmount, "-u", str(mount)] if unmount else ["umount", str(mount)], check=False)


# --- moving home ----------------------------------------------------------------------------------

@pytest.fixture
def roaming(tmp_path, lundby):
    """A database in the old (roaming) place with a backup, and an edit still only in its WAL."""
    db = tmp_path / "Roaming" / "rapporter.sqlite"
    store = Store(db)
    report_id = store.create_report(lundby)
    make_backup(store, backup_folder(db), datetime(2026, 1, 1))
    (db.parent / "Utkorg" / "Lundby 2022").mkdir(parents=True)
    (db.parent / "Utkorg" / "Lundby 2022" / "utkast.eml").write_bytes(b"From: a@b.se\r\n\r\nhej")
    store.save_answer(report_id, "nosam", "Skrivet efter säkerhetskopian")
    before = dump(db)
    store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    yield db, report_id, before
    store.close()


def test_a_database_moves_home_with_its_backups(roaming, tmp_path):
    db, report_id, before = roaming
    target = tmp_path / "Local" / "rapporter.sqlite"
    move_database(db, target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["Säkerhetskopior", "Utkorg", "rapporter.sqlite"]
    assert (target.parent / "Utkorg" / "Lundby 2022" / "utkast.eml").read_bytes() == b"From: a@b.se\r\n\r\nhej"
    assert not (db.parent / "Utkorg").exists()
    assert dump(target) == before
    assert Store(target).load_report(report_id).answers["nosam"] == "Skrivet efter säkerhetskopian"
    assert [b.name for b in list_backups(backup_folder(target))] and not db.exists()
    assert not backup_folder(db).exists()


def test_a_move_that_fails_leaves_everything_where_it_was(tmp_path, lundby):
    """The target is a real 1 MB file system and the database is larger: the copy fails (ENOSPC)."""
    db = tmp_path / "Roaming" / "rapporter.sqlite"
    store = Store(db)
    report_id = store.create_report(lundby)
    store.add_attachment(report_id, "stor.bin", bytes(range(256)) * 6000)  # 1.5 MB
    make_backup(store, backup_folder(db), datetime(2026, 1, 1))
    store.close()
    before = dump(db), sorted(p.name for p in backup_folder(db).iterdir())
    with small_tmpfs(tmp_path / "Local", "1m") as folder:
        with pytest.raises(StoreError, match="Inget har ändrats"):
            move_database(db, folder / "rapporter.sqlite")
        assert list(folder.iterdir()) == []  # nothing half-moved
    assert (dump(db), sorted(p.name for p in backup_folder(db).iterdir())) == before


def test_a_move_never_replaces_a_database(roaming, tmp_path):
    db, _, before = roaming
    target = tmp_path / "Local" / "rapporter.sqlite"
    Store(target).close()
    with pytest.raises(StoreError, match="finns redan"):
        move_database(db, target)
    assert dump(db) == before


def test_a_moved_database_leaves_a_note_where_it_was(roaming, tmp_path):
    db, _, _ = roaming
    target = tmp_path / "Local" / "rapporter.sqlite"
    move_database(db, target, leave_note=True)
    assert moved_to(db) == target
