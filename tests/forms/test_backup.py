"""Backups: taken with SQLite's backup API, pruned, restored (after backing up the current file);
a damaged database is moved aside, never overwritten, and the newest good backup is found."""

from datetime import UTC, date, datetime, timedelta

import pytest

from forms.backup import (
    backup_folder,
    backup_time,
    has_backup_from,
    integrity_problem,
    list_backups,
    make_backup,
    move_aside,
    newest_good_backup,
    prune,
    restore_backup,
)
from forms.store import Store, StoreError


def test_backup_is_a_sound_copy_and_old_ones_are_pruned(store, lundby, db_path):
    report_id = store.create_report(lundby)
    folder = backup_folder(db_path)
    start = datetime(2026, 1, 1, 8, 0, 0)
    for minutes in range(25):
        make_backup(store, folder, start + timedelta(minutes=minutes))
    assert len(list_backups(folder)) == 25
    prune(folder, keep=20)
    backups = list_backups(folder)
    assert len(backups) == 20 and backup_time(backups[0]) == (start + timedelta(minutes=24)).astimezone(UTC)
    assert backups[0].name == f"rapporter-{backup_time(backups[0]):%Y-%m-%d-%H%M%S%f}Z.sqlite"  # named in UTC
    assert integrity_problem(backups[0]) is None
    assert Store(backups[0]).load_report(report_id).answers == lundby.answers
    assert has_backup_from(folder, date(2026, 1, 1)) and not has_backup_from(folder, date(2026, 1, 2))


def test_interrupted_backup_never_counts(store, db_path):
    folder = backup_folder(db_path)
    folder.mkdir()
    (folder / "rapporter-2026-01-01-080000000000.sqlite.tmp").write_bytes(b"half")
    assert list_backups(folder) == []
    prune(folder)
    assert list(folder.iterdir()) == []


def test_restore_keeps_the_current_file_as_a_backup(db_path, lundby):
    store = Store(db_path)
    report_id = store.create_report(lundby)
    backup = make_backup(store, backup_folder(db_path), datetime(2026, 1, 1))
    store.save_answer(report_id, "nosam", "Skrivet efter säkerhetskopian")
    store.close()
    restore_backup(backup, db_path)
    assert Store(db_path).load_report(report_id).answers["nosam"] == lundby.answers["nosam"]
    newest = list_backups(backup_folder(db_path))[0]
    assert Store(newest).load_report(report_id).answers["nosam"] == "Skrivet efter säkerhetskopian"


def test_a_damaged_file_is_detected_moved_aside_and_a_good_backup_found(db_path, lundby):
    store = Store(db_path)
    store.create_report(lundby)
    good = make_backup(store, backup_folder(db_path), datetime(2026, 1, 1))
    store.close()
    data = bytearray(db_path.read_bytes())
    data[200:4096] = b"\xff" * (4096 - 200)  # overwrite the first page's content: the schema is lost
    db_path.write_bytes(bytes(data))
    assert integrity_problem(db_path) is not None
    aside = move_aside(db_path, datetime(2026, 1, 2))
    assert not db_path.exists() and aside.read_bytes() == bytes(data)  # kept exactly as it was
    assert newest_good_backup(backup_folder(db_path)) == good
    restore_backup(good, db_path)
    assert len(Store(db_path).list_reports()) == 1


def test_a_damaged_backup_is_not_restored(tmp_path, db_path):
    bad = tmp_path / "rapporter-2026-01-01-080000.sqlite"
    bad.write_bytes(b"inte en databas" * 300)
    with pytest.raises(StoreError, match="skadad"):
        restore_backup(bad, db_path)
