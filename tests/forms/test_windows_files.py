"""Windows' rules about files, imitated on Linux (tests/windows_rules.py): fsync needs write
access; a fresh file is held for a moment by an antivirus or OneDrive. Backups, restores and exports
keep these rules, so the safety net holds on the users' laptops too (issue 22)."""

import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from exports.files import ExportError, write_bytes_safely
from forms.backup import backup_folder, integrity_problem, list_backups, make_backup, prune, restore_backup
from forms.filesystem import RETRY_DELAYS, replace
from forms.store import Store, StoreError
from tests.windows_rules import ON_WINDOWS, HeldFor


@pytest.mark.skipif(ON_WINDOWS, reason="on Windows the real FlushFileBuffers applies")
def test_backup_and_restore_succeed_when_fsync_needs_write_access(db_path, lundby, windows_fsync):
    """Windows' fsync refuses a read-only descriptor: a backup flushed through one was never made,
    and no restore could happen. Both flush through a writable handle."""
    store = Store(db_path)
    report_id = store.create_report(lundby)
    backup = make_backup(store, backup_folder(db_path), datetime(2026, 1, 1))
    store.save_answer(report_id, "nosam", "Skrivet efter säkerhetskopian")
    store.close()
    assert integrity_problem(backup) is None
    restore_backup(backup, db_path)
    assert Store(db_path).load_report(report_id).answers["nosam"] == lundby.answers["nosam"]
    assert len(list_backups(backup_folder(db_path))) == 2  # the state before the restore, kept
    assert windows_fsync.calls >= 3 and windows_fsync.refused == 0


def test_a_file_held_for_a_moment_is_waited_out(tmp_path, monkeypatch):
    """An antivirus scanning the fresh file: os.replace is refused twice, then succeeds."""
    held = HeldFor(os.replace, times=2)
    monkeypatch.setattr(os, "replace", held)
    source, target = tmp_path / "ny.tmp", tmp_path / "rapport.docx"
    source.write_bytes(b"new")
    started = time.monotonic()
    replace(source, target)
    assert target.read_bytes() == b"new" and not source.exists() and held.calls == 3
    assert time.monotonic() - started < sum(RETRY_DELAYS[:2]) + 0.5  # a short back-off, not the whole bound


def test_a_file_held_for_good_is_given_up_after_the_bound(tmp_path, monkeypatch):
    held = HeldFor(os.replace, times=None)
    monkeypatch.setattr(os, "replace", held)
    (tmp_path / "ny.tmp").write_bytes(b"new")
    started = time.monotonic()
    with pytest.raises(PermissionError):
        replace(tmp_path / "ny.tmp", tmp_path / "rapport.docx")
    assert held.calls == len(RETRY_DELAYS) + 1 and time.monotonic() - started < sum(RETRY_DELAYS) + 1


def test_an_export_over_a_file_held_for_a_moment_is_written(tmp_path, monkeypatch):
    target = tmp_path / "Uppföljning.docx"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", HeldFor(os.replace, times=2))
    write_bytes_safely(target, b"new")
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["Uppföljning.docx"]


def test_an_export_over_a_file_held_for_good_names_the_likely_holders(tmp_path, monkeypatch):
    target = tmp_path / "Uppföljning.docx"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", HeldFor(os.replace, times=None))
    with pytest.raises(ExportError) as raised:
        write_bytes_safely(target, b"new")
    said = str(raised.value)
    assert "ett annat program håller den öppen" in said
    assert all(who in said for who in ("Word", "antivirusprogram", "OneDrive")) and "Errno" not in said
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["Uppföljning.docx"]


def test_backup_and_restore_wait_out_a_held_file(db_path, lundby, monkeypatch):
    store = Store(db_path)
    report_id = store.create_report(lundby)
    monkeypatch.setattr(os, "replace", HeldFor(os.replace, times=2))
    backup = make_backup(store, backup_folder(db_path), datetime(2026, 1, 1))
    store.save_answer(report_id, "nosam", "Skrivet efter säkerhetskopian")
    store.close()
    monkeypatch.setattr(os, "replace", HeldFor(os.replace, times=2))
    restore_backup(backup, db_path)
    assert Store(db_path).load_report(report_id).answers["nosam"] == lundby.answers["nosam"]


def test_a_backup_held_for_good_says_who_and_leaves_nothing(store, db_path, monkeypatch):
    folder = backup_folder(db_path)
    monkeypatch.setattr(os, "replace", HeldFor(os.replace, times=None))
    with pytest.raises(StoreError) as raised:
        make_backup(store, folder, datetime(2026, 1, 1))
    assert "antivirusprogram eller OneDrive" in str(raised.value) and "orörd" in str(raised.value)
    assert list(folder.iterdir()) == []


def test_a_restore_onto_a_held_database_says_who_and_keeps_it(db_path, lundby, monkeypatch):
    store = Store(db_path)
    report_id = store.create_report(lundby)
    backup = make_backup(store, backup_folder(db_path), datetime(2026, 1, 1))
    store.save_answer(report_id, "nosam", "Det senaste")
    store.close()
    monkeypatch.setattr(os, "replace", HeldFor(os.replace, times=None, path=db_path))
    with pytest.raises(StoreError, match="ett annat program håller databasfilen öppen") as raised:
        restore_backup(backup, db_path)
    assert "Stäng det programmet och försök igen" in str(raised.value)
    assert Store(db_path).load_report(report_id).answers["nosam"] == "Det senaste"
    assert not list(db_path.parent.glob("*.tmp"))


def test_pruning_skips_a_held_backup_and_removes_it_later(store, db_path, monkeypatch):
    folder = backup_folder(db_path)
    for minute in range(3):
        make_backup(store, folder, datetime(2026, 1, 1, 8, minute))
    oldest = list_backups(folder)[-1]
    real_unlink = Path.unlink
    monkeypatch.setattr(Path, "unlink", HeldFor(real_unlink, times=None))
    assert prune(folder, keep=2) == []  # nothing failed the backup; the old one stays for now
    assert oldest.exists()
    monkeypatch.setattr(Path, "unlink", real_unlink)
    assert prune(folder, keep=2) == [oldest] and not oldest.exists()
