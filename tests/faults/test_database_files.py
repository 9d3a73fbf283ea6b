"""A database file that is empty, too short or not SQLite is treated as damaged at start (moved
aside, the newest good backup offered), and backup rotation never drops the last good backups
(issue 8, break 3)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop.app import open_database
from forms.backup import backup_folder, integrity_problem, list_backups, make_backup, prune
from forms.store import Store


def _with_backup(db_path, lundby):
    store = Store(db_path)
    store.create_report(lundby)
    make_backup(store, backup_folder(db_path), datetime(2026, 1, 1))
    store.close()
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)


@pytest.mark.parametrize("content, why", [
    (b"", "tom"),
    (b"SQLite format 3\x00" + b"\x00" * 20, "för kort"),
    (b"PK\x03\x04" + b"\x00" * 4096, "inte en databas"),
    (b"%PDF-1.7\n" + b"x" * 4096, "inte en databas"),
])
def test_an_empty_short_or_foreign_file_is_damaged_and_the_backup_offered(db_path, lundby, expect_dialog,
                                                                          content, why):
    _with_backup(db_path, lundby)
    db_path.write_bytes(content)
    assert why in integrity_problem(db_path)
    expect_dialog("ask", "Databasen är skadad", answer=True)
    reopened = open_database(db_path)
    said = expect_dialog.texts("ask")
    assert said and "har flyttats till rapporter.sqlite.skadad-" in said[0] and "2026-01-01 00:00" in said[0]
    assert len(reopened.list_reports()) == 1  # the backup is back
    reopened.close()
    aside = next(db_path.parent.glob("rapporter.sqlite.skadad-*"))
    assert aside.read_bytes() == content


def test_a_missing_file_is_simply_a_new_database(db_path):
    assert integrity_problem(db_path) is None


def test_rotation_keeps_the_last_good_backups_after_many_starts_on_an_empty_database(db_path, lundby, tmp_path):
    """20+ starts on an empty file used to push every backup holding reports out of the folder."""
    folder = backup_folder(db_path)
    store = Store(db_path)
    store.create_report(lundby)
    start = datetime(2026, 1, 1)
    good = [make_backup(store, folder, start + timedelta(minutes=m)) for m in range(3)]
    store.close()
    empty = Store(tmp_path / "tom.sqlite")
    for m in range(30):
        make_backup(empty, folder, start + timedelta(hours=1, minutes=m))
        prune(folder)
    empty.close()
    kept = list_backups(folder)
    assert all(g in kept for g in good)
    assert len(kept) == 20 + len(good)
