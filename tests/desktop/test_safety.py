"""Never lose work, in the app: versions restored from the list, backups taken and restored, a
damaged database moved aside with the newest good backup offered, one window per database."""

import subprocess
import sys
from datetime import datetime

from desktop.app import open_database
from desktop.history_dialogs import BackupsDialog, VersionsDialog
from desktop.main_window import MainWindow
from forms.backup import backup_folder, list_backups, make_backup
from forms.store import Store
from tests.processes import child_env


def test_versions_dialog_restores_an_earlier_state(qtbot, store, library, lundby, monkeypatch, expect_dialog):
    import forms.store as store_module

    monkeypatch.setattr(store_module, "VERSION_INTERVAL_SECONDS", 0)
    report_id = store.create_report(lundby)
    store.save_answer(report_id, "nosam", "Ny text som ångras")
    window = MainWindow(store, library)
    qtbot.addWidget(window)
    window.refresh(report_id)

    def choose_oldest(dialog: VersionsDialog) -> bool:
        assert "1 svar" in dialog.list.item(dialog.list.count() - 1).text()
        dialog.list.setCurrentRow(dialog.list.count() - 1)
        dialog.restore_selected()
        return dialog.chosen is not None

    expect_dialog("run_dialog", answer=choose_oldest)
    window.show_versions()
    assert store.load_report(report_id).answers["nosam"] == lundby.answers["nosam"]


def test_backup_at_start_and_restore_from_the_dialog(qtbot, store, library, lundby, expect_dialog, frozen_today):
    report_id = store.create_report(lundby)
    window = MainWindow(store, library)
    qtbot.addWidget(window)
    backup = window.backup_now()
    assert backup in list_backups(backup_folder(store.path))
    assert window.backup_now(only_if_none_today=True) is None  # one a day is enough
    window.store.save_answer(report_id, "nosam", "Efter säkerhetskopian")

    def choose_newest(dialog: BackupsDialog) -> bool:
        expect_dialog("ask", answer=True)
        dialog.restore_selected()
        return True

    expect_dialog("run_dialog", answer=choose_newest)
    window.show_backups()
    assert window.store.load_report(report_id).answers["nosam"] == lundby.answers["nosam"]
    window.store.close()


def test_damaged_database_at_start(db_path, lundby, expect_dialog):
    store = Store(db_path)
    store.create_report(lundby)
    make_backup(store, backup_folder(db_path), datetime(2026, 1, 1))
    store.close()
    db_path.write_bytes(b"\x00" * 100 + db_path.read_bytes()[100:])  # a broken header
    damaged = db_path.read_bytes()
    expect_dialog("ask", "Databasen är skadad", answer=True)
    reopened = open_database(db_path)
    said = expect_dialog.texts()
    assert "har flyttats till rapporter.sqlite.skadad-" in said[0] and "2026-01-01 00:00" in said[0]
    assert len(reopened.list_reports()) == 1
    aside = next(db_path.parent.glob("rapporter.sqlite.skadad-*"))
    assert aside.read_bytes() == damaged  # never written over


def test_a_second_window_on_the_same_database_is_refused(tmp_path):
    """Two app processes on one database: the second says so and exits; the first is untouched."""
    db = tmp_path / "rapporter.sqlite"
    first = subprocess.Popen([sys.executable, "-c", (
        "import sys; from desktop.app import create_app; from PySide6.QtCore import QLockFile; "
        "app = create_app(); lock = QLockFile(sys.argv[1] + '.lock'); assert lock.tryLock(100); "
        "print('locked', flush=True); sys.stdin.readline()"), str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=child_env(QT_QPA_PLATFORM="offscreen", PATH="/usr/bin:/bin"))
    assert first.stdout.readline().strip() == "locked"
    try:
        second = subprocess.run([sys.executable, "-c", (
            "import sys; import desktop.dialogs as d; "
            "d.show_error = lambda parent, title, text: print(title, text); "
            "from desktop.app import run_gui; from pathlib import Path; sys.exit(run_gui(Path(sys.argv[1])))"), str(db)],
            capture_output=True, text=True, timeout=60, env=child_env(QT_QPA_PLATFORM="offscreen", PATH="/usr/bin:/bin"))
        assert second.returncode == 1
        assert "redan öppet" in second.stdout
    finally:
        first.stdin.write("\n")
        first.stdin.close()
        first.wait(timeout=20)
        first.stdout.close()


def test_the_menu_item_the_command_line_names_for_restoring_exists(qtbot, store, library):
    """The command line's refusal of a damaged database points at this menu item (forms/backup.py)."""
    from forms.backup import RESTORE_MENU

    window = MainWindow(store, library)
    qtbot.addWidget(window)
    items = {f"{menu.title()} → {item.text()}".replace("&", "")
             for menu in (a.menu() for a in window.menuBar().actions()) if menu for item in menu.actions()}
    assert RESTORE_MENU in items
    assert window.backups_action.text().replace("&", "") == RESTORE_MENU.split(" → ")[1]
