"""Stored times are UTC; the windows show them in the machine's local time (here Stockholm, on the
autumn morning when 02:00–02:59 happens twice)."""

from datetime import date, datetime, timedelta, timezone

import time_machine

from desktop.history_dialogs import VersionsDialog
from desktop.main_window import MainWindow

CET = timezone(timedelta(hours=1))
AFTER_THE_CHANGE = datetime(2026, 10, 25, 2, 10, tzinfo=CET)  # 01:10 UTC


def test_list_versions_and_saved_line_show_local_time(stockholm, qtbot, store, lundby, library):
    with time_machine.travel(AFTER_THE_CHANGE, tick=False):
        report_id = store.create_report(lundby)
        window = MainWindow(store, library, today=date(2026, 10, 25))
        qtbot.addWidget(window)
        assert window.table.item(0, 5).text() == "2026-10-25 02:10"  # "Senast ändrad"
        wizard = window.open_report(report_id)
        with qtbot.waitSignal(wizard.report_saved, timeout=3000):
            wizard.saver.set_answer("nosam", "Ny text")
        assert "Sparad 02:10" in wizard.windowTitle() and wizard.saved_line.text() == "Sparat 02:10"
        wizard.close()
    versions = VersionsDialog(store, library, report_id)
    qtbot.addWidget(versions)
    assert versions.list.item(0).text().startswith("2026-10-25 02:10 – ")
    assert store.load_report(report_id).updated_at == "2026-10-25T01:10:00+00:00"
