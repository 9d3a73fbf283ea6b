"""The fault campaign: every write path, made to fail for real, must refuse loudly, leave what was
saved before untouched, leave no temporary or empty files, and work once the cause is removed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.report_actions import ReportActions
from forms.store import Store, StoreError
from tests.faults.helpers import dump, fill_database, fill_filesystem, free_database, small_tmpfs

LONG = "Text som behöver nya sidor i databasen. " * 2000


def _write_paths(store, report_id, lundby):
    version_id = store.versions(report_id)[-1].id
    sending_id = store.record_sending(report_id, recipients="a@b.se", subject="s", eml_path="x.eml",
                                      files=[("a.txt", b"a")])
    return {
        "spara svar": lambda: store.save_answer(report_id, "nosam", LONG),
        "spara belopp och svar": lambda: store.save_changes(
            report_id, answers={"ovriga_kommentarer": LONG}, amounts={("ekonomi", "lon", "budget_region"): Decimal("1.5")}),
        "ny rapport": lambda: store.create_report(lundby),
        "bilaga": lambda: store.add_attachment(report_id, "Bilaga.pdf", b"%PDF" + b"x" * 200_000),
        "utskick": lambda: store.record_sending(report_id, recipients="a@b.se", subject="s", eml_path="y.eml",
                                                files=[("b.bin", b"b" * 200_000)]),
        "återställ version": lambda: (store.save_answer(report_id, "nosam", LONG), store.restore_version(version_id)),
        "bekräfta utskick": lambda: store.confirm_sending(sending_id, date(2023, 1, 30)),
    }


@pytest.mark.parametrize("path", ["spara svar", "spara belopp och svar", "ny rapport", "bilaga", "utskick",
                                  "återställ version"])
def test_every_store_write_on_a_full_database(store, lundby, db_path, path):
    report_id = store.create_report(lundby)
    write = _write_paths(store, report_id, lundby)[path]
    free_pages = store.conn.execute("PRAGMA freelist_count").fetchone()[0]
    assert free_pages == 0
    before = dump(db_path)
    fill_database(store.conn)
    with pytest.raises(StoreError, match="Disken är full"):
        write()
    assert dump(db_path) == before  # nothing saved before was touched
    assert not store.conn.in_transaction
    free_database(store.conn)
    write()  # the same action works once there is room
    assert dump(db_path) != before


def test_export_to_a_full_disk_says_so_and_leaves_nothing(store, library, lundby, tmp_path, expect_dialog):
    report_id = store.create_report(lundby)
    actions = ReportActions(store, library)
    with small_tmpfs(tmp_path / "usb", "1m") as usb:
        (usb / "gammal.docx").write_bytes(b"the old file")
        fill_filesystem(usb)
        expect_dialog("choose_save_path", answer=usb / "gammal.docx")
        expect_dialog("ask", "Filen finns redan", answer=True)
        expect_dialog("show_error", "Kunde inte spara")
        assert actions.export(report_id, "docx") is None
        assert "inte plats på disken" in expect_dialog.texts("show_error")[0]
        assert (usb / "gammal.docx").read_bytes() == b"the old file"
        assert sorted(p.name for p in usb.iterdir()) == ["filler.bin", "gammal.docx"]
        (usb / "filler.bin").unlink()
        expect_dialog("choose_save_path", answer=usb / "gammal.docx")
        assert actions.export(report_id, "docx") == usb / "gammal.docx"  # works once there is room


def test_send_on_a_full_database_leaves_no_draft_and_no_record(store, library, lundby, db_path, expect_dialog):
    report_id = store.create_report(lundby)
    actions = ReportActions(store, library)
    before = dump(db_path)
    fill_database(store.conn)
    expect_dialog("ask", "Rapporten är inte klar", answer=True)
    expect_dialog("show_error", "E-postmeddelandet kunde inte skapas")
    assert actions.send(report_id) is None
    assert "Disken är full" in expect_dialog.texts("show_error")[0]
    assert list(actions.outbox().iterdir()) == []  # the draft is not left without its record
    assert dump(db_path) == before


def test_a_backup_restore_while_the_disk_is_full(store, lundby, db_path, tmp_path):
    from forms.backup import backup_folder, make_backup, restore_backup

    store.create_report(lundby)
    backup = make_backup(store, backup_folder(db_path))
    store.close()
    with small_tmpfs(tmp_path / "disk", "1m") as disk:
        target = disk / "rapporter.sqlite"
        fill_filesystem(disk)
        with pytest.raises(StoreError, match="disken är full"):
            restore_backup(backup, target)
        assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]  # no half database, no temp file
        (disk / "filler.bin").unlink()
        restore_backup(backup, target)
        assert len(Store(target).list_reports()) == 1


def test_adding_a_bilaga_on_a_full_database_is_refused_in_the_dialog(qtbot, store, library, lundby, db_path,
                                                                      tmp_path):
    from desktop.attachments_dialog import AttachmentsDialog

    report_id = store.create_report(lundby)
    source = tmp_path / "Verksamhetsplan.pdf"
    source.write_bytes(b"%PDF" + b"x" * 300_000)
    dialog = AttachmentsDialog(ReportActions(store, library), report_id)
    qtbot.addWidget(dialog)
    before = dump(db_path)
    fill_database(store.conn)
    dialog.add_files([source])
    assert "Verksamhetsplan.pdf" in dialog.message.text() and "Disken är full" in dialog.message.text()
    assert dialog.list.count() == 0 and dump(db_path) == before
    free_database(store.conn)
    dialog.add_files([source])
    assert dialog.list.count() == 1


def test_settings_on_a_full_disk_say_they_were_not_saved(qtbot, tmp_path, expect_dialog):
    from PySide6.QtCore import QSettings

    from desktop.settings_dialog import SettingsDialog

    with small_tmpfs(tmp_path / "profil", "1m") as profile:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(profile))
        fill_filesystem(profile)
        dialog = SettingsDialog(("hsn.goteborg@vgregion.se",), tmp_path)
        qtbot.addWidget(dialog)
        dialog.cc.setText("sn.centrum@goteborg.se")
        expect_dialog("show_error", "Inställningarna kunde inte sparas")
        dialog.accept()
        assert dialog.result() != dialog.DialogCode.Accepted
        (profile / "filler.bin").unlink()
        dialog.accept()
        assert dialog.result() == dialog.DialogCode.Accepted
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
