"""A full disk while saving: the store says so in Swedish, autosave keeps the edits and saves them
once there is room again (issue 8, break 1)."""

from __future__ import annotations

import pytest

from desktop.autosave import AutoSaver
from forms.store import Store, StoreError
from tests.faults.helpers import dump, fill_database, free_database


def test_full_database_raises_a_swedish_store_error_not_a_rollback_error(store, lundby):
    report_id = store.create_report(lundby)
    fill_database(store.conn)
    with pytest.raises(StoreError, match="full") as caught:
        store.save_answer(report_id, "nosam", "x" * 20000)
    assert not store.conn.in_transaction
    assert "av sig självt" not in str(caught.value)  # the store retries nothing; only the app's autosave does


def test_the_command_line_on_a_full_disk_promises_no_retry(store, library, tmp_path, capsys):
    from desktop.cli import _import_mail
    from forms.interchange import report_to_json
    from tests.receiving_data import area_report

    path = tmp_path / "c.json"
    path.write_text(report_to_json(area_report(library, "Centrum", 1), library), encoding="utf-8")
    fill_database(store.conn)
    assert _import_mail(store, library, [path]) == 1
    err = capsys.readouterr().err
    assert "c.json: INTE importerad – Disken är full" in err and "försöker igen" not in err


def test_full_database_changes_nothing_saved_before(store, lundby, db_path):
    report_id = store.create_report(lundby)
    before = dump(db_path)
    fill_database(store.conn)
    with pytest.raises(StoreError):
        store.save_answer(report_id, "nosam", "y" * 20000)
    assert dump(db_path) == before


def test_autosave_reports_failure_keeps_edits_and_saves_them_after_space_is_freed(qtbot, db_path, lundby):
    store = Store(db_path)
    report = store.load_report(store.create_report(lundby))
    saver = AutoSaver(store, report)
    failures, saves = [], []
    saver.failed.connect(failures.append)
    saver.saved.connect(saves.append)
    fill_database(store.conn)
    text = "Det här skrevs när disken var full. " * 600
    saver.set_answer("nosam", text)
    assert saver.flush() is False
    assert failures and "full" in failures[0] and "Frigör" in failures[0]
    assert failures[0].endswith("Programmet försöker igen av sig självt.")  # and it does, below
    assert not saves
    assert saver.pending and saver.failing
    assert report.answer("nosam") == text  # kept in memory
    free_database(store.conn)
    # no new edit: the retry timer saves it by itself
    qtbot.waitUntil(lambda: bool(saves), timeout=10000)
    assert not saver.pending and not saver.failing
    store.close()
    again = Store(db_path)
    assert again.load_report(report.id).answer("nosam") == text
    again.close()


def test_a_real_full_filesystem_autosave_waits_and_saves_once_space_is_freed(qtbot, tmp_path, lundby):
    """A 2 MB tmpfs filled to the last byte: the real ENOSPC, not SQLite's page limit."""
    from tests.faults.helpers import fill_filesystem, small_tmpfs

    with small_tmpfs(tmp_path / "disk", "2m") as disk:
        store = Store(disk / "rapporter.sqlite")
        report = store.load_report(store.create_report(lundby))
        saver = AutoSaver(store, report)
        failures, saves = [], []
        saver.failed.connect(failures.append)
        saver.saved.connect(saves.append)
        before = dump(store.path)
        filler = fill_filesystem(disk)
        text = "Skrivet på en full disk. " * 8000  # 200 kB: needs new pages in the WAL
        saver.set_answer("nosam", text)
        assert saver.flush() is False
        assert failures and ("full" in failures[0] or "Skrivfel" in failures[0]), failures
        assert not saves and saver.pending
        filler.unlink()
        assert dump(store.path) == before
        qtbot.waitUntil(lambda: bool(saves), timeout=10000)
        store.close()
        again = Store(disk / "rapporter.sqlite")
        assert again.load_report(report.id).answer("nosam") == text
        again.close()


def test_a_backup_on_a_full_filesystem_leaves_no_temporary_file(tmp_path, lundby):
    from forms.backup import list_backups, make_backup
    from tests.faults.helpers import fill_filesystem, small_tmpfs

    store = Store(tmp_path / "rapporter.sqlite")
    store.create_report(lundby)
    with small_tmpfs(tmp_path / "disk", "1m") as disk:
        fill_filesystem(disk)
        with pytest.raises(StoreError, match="full"):
            make_backup(store, disk / "Säkerhetskopior")
        assert not [p for p in (disk / "Säkerhetskopior").iterdir()]  # no .sqlite.tmp, no 0-byte file
        assert list_backups(disk / "Säkerhetskopior") == []
    store.close()


def test_an_email_draft_on_a_full_filesystem_leaves_no_empty_file(tmp_path):
    from exports.email import build_draft, write_draft
    from exports.files import ExportError
    from tests.faults.helpers import fill_filesystem, small_tmpfs

    message = build_draft(to=["hsn.goteborg@vgregion.se"], subject="Uppföljning", body="Hej",
                          attachments=[("a.bin", b"x" * 300_000)])
    with small_tmpfs(tmp_path / "disk", "1m") as disk:
        fill_filesystem(disk)
        with pytest.raises(ExportError, match="full|plats"):
            write_draft(message, disk / "utkast.eml")
        assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]
