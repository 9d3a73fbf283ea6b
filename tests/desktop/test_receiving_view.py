"""The receiving side on real widgets: importing with progress and Avbryt, the received files, and the
Sammanställning view with its exports."""

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QTimer

from desktop.main_window import MainWindow
from desktop.receiving_view import ConsolidationDialog, ReceivedFilesDialog, ReceiveDialog
from forms.interchange import report_to_json
from forms.receiving import receive_paths
from tests.receiving_data import AREAS, area_report, email_bytes


@pytest.fixture
def inbox(tmp_path, library):
    folder = tmp_path / "inkorg"
    folder.mkdir()
    for number, area in enumerate(AREAS[:3], start=1):
        (folder / f"{number} {area}.eml").write_bytes(email_bytes(library, area_report(library, area, number)))
    lundby = area_report(library, "Centrum", 9)
    lundby.area = "Lundby"
    (folder / "4 Lundby.json").write_text(report_to_json(lundby, library), encoding="utf-8")
    return folder


def test_import_shows_progress_and_every_outcome(qtbot, store, library, inbox, expect_dialog):
    dialog = ReceiveDialog(store, library)
    qtbot.addWidget(dialog)
    expect_dialog("choose_folder", answer=inbox)
    dialog.add_folder_button.click()
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert [o.what for o in dialog.outcomes] == ["ny", "ny", "ny", ""]
    assert dialog.progress.maximum() == 4 and dialog.progress.value() == 4
    text = dialog.result.toPlainText()
    assert text.startswith("4 Lundby.json: INTE importerad – Rapporten gäller området ”Lundby”")
    # what was imported, not only the file's name
    assert f"1 {AREAS[0]}.eml: importerad – Uppföljning FCA {AREAS[0]} 2023" in text.splitlines()
    assert "3 importerade eller redan importerade, 1 inte importerade." in dialog.status.text()
    assert dialog.cancel_button.text() == "&Stäng"


def test_avbryt_stops_after_the_report_being_written(qtbot, store, library, inbox):
    dialog = ReceiveDialog(store, library)
    qtbot.addWidget(dialog)
    dialog.add_paths([inbox])
    # pressed once the first report is written, while the second is being read in the worker
    dialog.progress.valueChanged.connect(lambda value: value == 1 and dialog.cancel_button.click())
    dialog.run_import()
    assert [o.what for o in dialog.outcomes] == ["ny"]
    assert [s.area for s in store.list_reports()] == ["Centrum"]
    assert "Avbrutet efter 1 av 4 filer" in dialog.status.text()
    assert not dialog.running and dialog.cancel_button.isEnabled() and dialog.cancel_button.text() == "&Stäng"


def test_a_hostile_folder_in_the_app_one_line_each_and_the_dialog_usable(qtbot, store, library, tmp_path):
    from tests.receiving_data import hostile_folder

    folder = tmp_path / "inkorg"
    folder.mkdir()
    expected = hostile_folder(folder, library)
    dialog = ReceiveDialog(store, library)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder])
    dialog.run_import()
    lines = dialog.result.toPlainText().splitlines()
    for name, reason in expected.items():
        assert any(line.startswith(f"{name}: " + ("INTE importerad" if reason else "importerad")) for line in lines), name
    refused = sum(1 for r in expected.values() if r)
    assert f"{len(expected) - refused} importerade eller redan importerade, {refused} inte importerade." \
        in dialog.status.text()
    assert not dialog.running and dialog.cancel_button.isEnabled() and dialog.cancel_button.text() == "&Stäng"


def test_avbryt_acts_within_half_a_second_inside_a_large_email(qtbot, store, library, tmp_path):
    """Each of these emails takes seconds to read (10 000 attached files of 1 KB each, within the
    limits); Avbryt pressed in the middle of the first one ends the import within half a second,
    with nothing written."""
    import base64
    import time

    from forms.receiving import MAX_PARTS

    chunk = base64.encodebytes(bytes(range(256)) * 4)
    parts = b"".join(b"--XYZ\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; "
                     b"filename=a%d.bin\r\n\r\n%s" % (i, chunk) for i in range(MAX_PARTS))
    heavy = (b"From: a@b.se\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XYZ\r\n\r\n"
             + parts + b"--XYZ--\r\n")
    for number in range(3):
        (tmp_path / f"{number}.eml").write_bytes(heavy)
    dialog = ReceiveDialog(store, library)
    qtbot.addWidget(dialog)
    dialog.add_paths([tmp_path])
    pressed = []

    def press() -> None:
        pressed.append(time.perf_counter())
        dialog.cancel_button.click()

    QTimer.singleShot(150, press)
    dialog.run_import()
    took = time.perf_counter() - pressed[0]
    assert took < 0.5, f"Avbryt took {took:.2f} s"
    assert dialog.outcomes == [] and store.list_reports() == []
    assert "Avbrutet efter 0 av 3 filer" in dialog.status.text()


def test_received_files_open_read_only(qtbot, store, library, inbox, expect_dialog):
    receive_paths(store, library, [inbox / "1 Centrum.eml"])
    [summary] = store.list_reports()
    dialog = ReceivedFilesDialog(store, summary.id)
    qtbot.addWidget(dialog)
    assert "från Koordinator Centrum" in dialog.list.item(0).text() and "gällande" in dialog.list.item(0).text()
    dialog.list.setCurrentRow(1)
    expect_dialog("open_path", answer=True)
    path = dialog.open_selected()
    assert path.name == "Uppföljning FCA Centrum 2023.json" and not path.stat().st_mode & 0o222


@pytest.mark.parametrize("stored, shown", [("..", "Bilaga"), ("a\x00b.json", "ab.json"), ("CON", "Bilaga CON"),
                                           ("NUL.json", "Bilaga NUL.json"), ("x" * 300 + ".json", "x" * 120 + ".json"),
                                           ("../../etc/passwd", "passwd")])
def test_received_files_with_hostile_names_open_cleaned_in_a_private_folder(qtbot, store, library, inbox,
                                                                           expect_dialog, stored, shown):
    """Names as a database from before the cleaning on arrival may hold them: opening one writes a
    cleaned name into a fresh folder only the user can open (before: IsADirectoryError, ValueError,
    "File name too long")."""
    receive_paths(store, library, [inbox / "1 Centrum.eml"])
    [summary] = store.list_reports()
    receipt = store.receipts(summary.id)[0]
    with store.conn:
        store.conn.execute("UPDATE received_files SET name = ? WHERE receipt_id = ? AND name LIKE '%.json'",
                           (stored, receipt.id))
    dialog = ReceivedFilesDialog(store, summary.id)
    qtbot.addWidget(dialog)
    from PySide6.QtCore import Qt

    row = next(i for i in range(dialog.list.count())
               if dialog.list.item(i).data(Qt.ItemDataRole.UserRole) == (receipt.id, stored))
    dialog.list.setCurrentRow(row)
    expect_dialog("open_path", answer=True)
    path = dialog.open_selected()
    assert path.name == shown and path.read_bytes() == store.received_file(receipt.id, stored)
    assert path.parent.stat().st_mode & 0o777 == 0o700 and len(list(path.parent.iterdir())) == 1


def test_the_sammanstallning_view_shows_areas_missing_totals_and_answers(qtbot, store, library, inbox, tmp_path,
                                                                          expect_dialog):
    receive_paths(store, library, [inbox])
    dialog = ConsolidationDialog(store, library, 2023, template_id="fca-uppfoljning")
    qtbot.addWidget(dialog)
    table = dialog.figures
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [*AREAS, "Summa staden (ofullständig)"]
    assert dialog.totals_note.text() == "Summa staden är ofullständig: Sydväst har inte rapporterat."
    assert table.item(3, 1).text() == "Saknas"
    assert "Saknas: Sydväst" in dialog.heading.text()
    total_budget = dialog.result.totals["region"]["budget"]
    from forms.numbers import format_amount
    assert table.item(4, 3).text() == format_amount(total_budget, 1)
    assert any("50/50" in dialog.checks.item(i).text() for i in range(dialog.checks.count()))
    dialog.questions.setCurrentRow(0)
    assert [dialog.answers.horizontalHeaderItem(c).text() for c in range(4)] == list(AREAS)
    assert dialog.answers.item(0, 1).text() == "I Hisingen har koordinatorn samordnat 2 nätverk."
    assert dialog.answers.item(0, 3).text() == "(rapport saknas)"
    # another year: every area missing, nothing left over from 2023
    dialog.year_box.setValue(2024)
    assert [table.item(r, 1).text() for r in range(4)] == ["Saknas"] * 4
    dialog.year_box.setValue(2023)
    target = tmp_path / "Sammanställning.xlsx"
    expect_dialog("choose_save_path", answer=target)
    assert dialog.export("xlsx") == target
    assert openpyxl.load_workbook(target).sheetnames[0] == "Siffror"
    assert dialog.status_line.text == "Sparad: Sammanställning.xlsx"  # with Öppna and Visa i mappen
    assert set(dialog.status_line.buttons) == {"saved_open", "saved_folder"}


def test_main_window_has_the_receiving_menu_and_lists_received_reports(qtbot, store, library, inbox, expect_dialog):
    window = MainWindow(store, library, today=date(2024, 2, 10))
    qtbot.addWidget(window)

    def import_inbox(dialog):
        dialog.add_paths([inbox])
        dialog.run_import()
        return True

    expect_dialog("run_dialog", "Importera mottagna rapporter", answer=import_inbox)
    window.receive_action.trigger()
    assert window.table.rowCount() == 3
    statuses = {window.table.item(r, 3).text() for r in range(3)}
    assert all(s.startswith("Mottagen ") for s in statuses)
    assert "&Mottaget" in [a.text() for a in window.menuBar().actions()]
