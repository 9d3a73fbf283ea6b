"""Windows' rules about files, imitated on Linux (tests/windows_rules.py): backups and restores
keep them, so the safety net holds on the users' laptops too (issue 22)."""

from datetime import datetime

import pytest

from forms.backup import backup_folder, integrity_problem, list_backups, make_backup, restore_backup
from forms.store import Store
from tests.windows_rules import ON_WINDOWS


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
