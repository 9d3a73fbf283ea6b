"""Importera Word-rapport in the app: the preview dialog, confirming creates a new report with the
document as a bilaga, drag and drop onto the list, and a folder import with a line per file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.main_window import MainWindow
from desktop.word_import_dialog import WordImportDialog
from exports.bundle import docx_bytes
from forms.word_import import match_document
from forms.word_reader import read_docx
from tests.forms import word_builders as wb

DATA = Path(__file__).resolve().parent.parent / "data" / "word"


@pytest.fixture
def window(qtbot, store, library):
    w = MainWindow(store, library, today=date(2023, 1, 25))
    qtbot.addWidget(w)
    return w


@pytest.fixture
def lundby_docx(tmp_path, fca2022, lundby) -> Path:
    path = tmp_path / "Uppföljning FCA Lundby 2022.docx"
    path.write_bytes(docx_bytes(fca2022, lundby))
    return path


def needs_a_look_docx(tmp_path, fca2022, lundby) -> Path:
    """A reworded 2022 report: a question missing, a note between sections, a SUMMA typed wrong, no area."""
    doc = wb.new_document("Uppföljning av Avtal om familjecentrerat arbetssätt och familjecentraler 2022")
    doc.add_heading("Samordning och utveckling av familjecentrerat arbetssätt i stadsdelen", level=1)
    doc.add_paragraph("Utkast – skickas efter mötet med NOSAM")
    for field_id in ("koordinatorns_arbete", "nosam", "utmaningar"):
        doc.add_paragraph(fca2022.render(fca2022.field(field_id).label, "Lundby", 2022))
        doc.add_paragraph(lundby.answer(field_id))
    doc.add_paragraph("Upplever ni att bemanningen är tillräcklig?")
    doc.add_paragraph("Ja ☐ Nej ☒")
    wb.money_table(doc, [["tkr", "Budget 2022 HSNG", "Budget 2022 SDN", "Utfall 2022-12-31 HSNG", "Utfall 2022-12-31 SDN"]],
                   [["Ingående medel från 2021", "459", "459", "448,5", "448,5"],
                    ["Koordinator/samordnare (lön inkl. lönebikostnader)", "261", "261", "250,5", "250,5"],
                    ["SUMMA", "261", "261", "250,0", "250,5"]])
    path = tmp_path / "Utkast inför NOSAM.docx"  # no area in its name either (the import reads one there)
    path.write_bytes(wb.to_bytes(doc))
    return path


def preview(qtbot, library, path) -> WordImportDialog:
    document = read_docx(path)
    dialog = WordImportDialog(document, match_document(document, library), library)
    qtbot.addWidget(dialog)
    return dialog


def rows(dialog) -> dict[str, list[tuple[str, str, str]]]:
    """Each top-level group's rows (with the section level flattened) as (first, second, third) texts."""
    result = {}
    tree = dialog.tree
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        items = []
        for c in range(group.childCount()):
            child = group.child(c)
            children = [child.child(i) for i in range(child.childCount())] or [child]
            items += [(i.text(0), i.text(1), i.text(2)) for i in children]
        result[group.text(0)] = items
    return result


def test_clean_import_preview_shows_every_answer_and_allows_import(qtbot, library, lundby_docx):
    dialog = preview(qtbot, library, lundby_docx)
    assert dialog.template.currentData() == "fca-uppfoljning|2022"
    assert (dialog.area.currentText(), dialog.year.value()) == ("Lundby", 2022)
    groups = rows(dialog)
    questions = groups["Frågor: 16 av 16 hittades i dokumentet"]
    assert len(questions) == 16 and not any(second == "hittades inte" for _, second, _ in questions)
    assert ("FCA-koordinator:", "80 %", "") in questions
    assert "Belopp: 16 av 16 ifyllda belopp lästes" in groups
    assert "Summor i dokumentet: alla stämmer" in groups
    assert "Allt i dokumentet hittades" in dialog.status.text()
    assert dialog.ok.isEnabled()


def test_preview_that_needs_a_look(qtbot, library, tmp_path, fca2022, lundby):
    dialog = preview(qtbot, library, needs_a_look_docx(tmp_path, fca2022, lundby))
    groups = rows(dialog)
    questions = next(v for k, v in groups.items() if k.startswith("Frågor"))
    assert ("Redogör för hur NOSAM fungerar som styrgrupp för det familjecentrerade arbetssättet:",
            lundby.answer("nosam").split("\n")[0][:159] + "…", "") in questions
    assert any(first.startswith("Beskriv positiva saker") and second == "hittades inte" for first, second, _ in questions)
    sums = next(v for k, v in groups.items() if k.startswith("Summor"))
    assert ("SUMMA Utfall HSNG", "dokumentet 250,0, beräknat 250,5", "stämmer inte") in sums
    unmatched = next(v for k, v in groups.items() if k.startswith("Text i dokumentet"))
    assert ("Utkast – skickas efter mötet med NOSAM", "", "importeras inte") in unmatched
    # no area in the title: import waits until the user names it
    assert not dialog.ok.isEnabled() and "Ange område" in dialog.status.text()
    dialog.area.setEditText("Lundby")
    assert dialog.ok.isEnabled()
    assert dialog.import_result().report.area == "Lundby"


def test_correcting_the_year_reads_the_document_again(qtbot, library, lundby_docx):
    dialog = preview(qtbot, library, lundby_docx)
    dialog.template.setCurrentIndex(dialog.template.findData("fca-uppfoljning|2023"))
    dialog.year.setValue(2023)
    result = dialog.import_result()
    assert (result.revision, result.year) == ("2023", 2023)
    assert result.report.amount("ekonomi", "lon", "utfall_region") == Decimal("250.5")


def test_confirm_creates_a_new_report_with_the_docx_as_bilaga(window, store, expect_dialog, lundby_docx, library, lundby):
    expect_dialog("run_dialog", f"Importera Word-rapport – {lundby_docx.name}", answer=True)
    window.import_word_paths([lundby_docx])
    [summary] = store.list_reports()
    imported = store.load_report(summary.id)
    assert imported.answers == lundby.answers and imported.tables == lundby.tables
    [bilaga] = store.attachments(summary.id)
    assert (bilaga.name, store.attachment_content(bilaga.id)) == (lundby_docx.name, lundby_docx.read_bytes())
    assert window.table.rowCount() == 1
    # what was imported, by name, not only the file's name; Öppna opens it
    assert window.status_line.text.startswith("Importerad: Uppföljning FCA Lundby 2022 (från ")
    window.status_line.buttons["imported_open"].click()
    assert summary.id in window.wizards


def test_cancel_saves_nothing(window, store, expect_dialog, lundby_docx):
    expect_dialog("run_dialog", answer=False)
    window.import_word_paths([lundby_docx])
    assert store.list_reports() == []


def test_unreadable_file_is_an_error_message_and_nothing_is_saved(window, store, expect_dialog):
    expect_dialog("show_error", "Word-dokumentet kan inte importeras")
    window.import_word_paths([DATA / "liten.doc"])
    assert "Spara dokumentet som .docx i Word" in expect_dialog.texts("show_error")[0]
    assert store.list_reports() == []


def test_import_word_report_is_in_the_arkiv_menu(window):
    arkiv = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in arkiv.actions()]
    assert "Importera &Word-rapport…" in texts and "Importera &mapp med Word-rapporter…" in texts


def drop(window, paths) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    return event


def test_dropping_a_docx_on_the_list_opens_the_preview(window, store, expect_dialog, lundby_docx):
    expect_dialog("run_dialog", f"Importera Word-rapport – {lundby_docx.name}", answer=True)
    drop(window, [lundby_docx])
    assert len(store.list_reports()) == 1


def test_dropping_other_files_is_ignored(window, store, tmp_path):
    other = tmp_path / "bild.png"
    other.write_bytes(b"\x89PNG")
    event = drop(window, [other])
    assert not event.isAccepted() or store.list_reports() == []
    assert store.list_reports() == []


def test_folder_import_summarises_each_file(window, store, expect_dialog, tmp_path, fca2022, lundby, library):
    folder = tmp_path / "gamla rapporter"
    (folder / "2022").mkdir(parents=True)
    (folder / "2022" / "Lundby 2022.docx").write_bytes(docx_bytes(fca2022, lundby))
    (folder / "2022" / "~$Lundby 2022.docx").write_bytes(b"Word's lock file")
    (folder / "gammal.doc").write_bytes((DATA / "liten.doc").read_bytes())
    needs_a_look_docx(folder, fca2022, lundby)  # no area: refused in a folder import
    nordost = library.get("fca-uppfoljning", "2023")
    lundby.area, lundby.year, lundby.revision = "Nordost", 2023, "2023"
    lundby.set_answer("nosam", "")
    (folder / "Nordost 2023.docx").write_bytes(docx_bytes(nordost, lundby))
    expect_dialog("show_info", "Importera Word-rapporter")
    window.import_word_paths([folder])
    [text] = expect_dialog.texts("show_info")
    lines = text.split("\n")
    assert lines[0] == "2 av 4 dokument importerades som nya rapporter."
    assert "Lundby 2022.docx: importerad – Uppföljning FCA Lundby 2022: 16 av 16 frågor hittades; 16 av 16 belopp lästes" in lines
    assert any(line.startswith("Nordost 2023.docx: importerad – Uppföljning FCA Nordost 2023") for line in lines)
    assert any(line.startswith("gammal.doc: inte importerad – ") and "Spara dokumentet som .docx" in line for line in lines)
    assert any(line.startswith("Utkast inför NOSAM.docx: inte importerad – område kunde inte läsas") for line in lines)
    assert sorted((s.area, s.year) for s in store.list_reports()) == [("Lundby", 2022), ("Nordost", 2023)]


ASKED = "Dokumentet är redan importerat"


def test_the_same_file_again_asks_and_opens_the_report_it_became(window, store, expect_dialog, lundby_docx):
    expect_dialog("run_dialog", f"Importera Word-rapport – {lundby_docx.name}", answer=True, times=1)
    window.import_word_paths([lundby_docx])
    [first] = store.list_reports()
    expect_dialog("choose", ASKED, answer=0)  # Öppna den befintliga rapporten
    window.import_word_paths([lundby_docx])
    [shown] = [s for s in expect_dialog.shown if s.kind == "choose"]
    assert shown.text.startswith(f"”{lundby_docx.name}” importerades ")
    assert "som Uppföljning FCA Lundby 2022." in shown.text
    assert shown.arguments["options"] == ["Öppna den befintliga rapporten", "Importera en ny kopia", "Avbryt"]
    assert [s.id for s in store.list_reports()] == [first.id]  # no second report
    assert first.id in window.wizards and window.wizards[first.id].isVisible()
    window.wizards[first.id].close()


def test_the_same_file_again_can_be_imported_as_a_second_copy_or_cancelled(window, store, expect_dialog, lundby_docx):
    expect_dialog("run_dialog", f"Importera Word-rapport – {lundby_docx.name}", answer=True, times=2)
    window.import_word_paths([lundby_docx])
    expect_dialog("choose", ASKED, answer=2)  # Avbryt
    window.import_word_paths([lundby_docx])
    assert len(store.list_reports()) == 1
    expect_dialog("choose", ASKED, answer=1)  # Importera en ny kopia: the preview, then a second report
    window.import_word_paths([lundby_docx])
    assert len(store.list_reports()) == 2 and window.table.rowCount() == 2
    assert not window.wizards


def test_a_file_whose_report_is_in_the_bin_offers_to_restore_it(window, store, expect_dialog, lundby_docx):
    expect_dialog("run_dialog", answer=True, times=1)
    window.import_word_paths([lundby_docx])
    [first] = store.list_reports()
    store.delete_report(first.id)
    window.refresh()
    expect_dialog("choose", ASKED, answer=0)
    window.import_word_paths([lundby_docx])
    [shown] = [s for s in expect_dialog.shown if s.kind == "choose"]
    assert "Rapporten ligger i Papperskorgen." in shown.text
    assert shown.arguments["options"][0] == "Återställ och öppna den"
    assert [s.id for s in store.list_reports()] == [first.id] and store.list_reports(deleted=True) == []
    assert window.table.rowCount() == 1
    window.wizards[first.id].close()


def test_a_dropped_copy_saved_again_by_word_is_recognised(window, store, expect_dialog, lundby_docx, tmp_path):
    from tests.forms.test_word_import_again import saved_again

    expect_dialog("run_dialog", answer=True, times=1)
    drop(window, [lundby_docx])
    resaved = tmp_path / "Lundby sparad igen.docx"
    resaved.write_bytes(saved_again(lundby_docx.read_bytes()))
    expect_dialog("choose", ASKED, answer=2)
    drop(window, [resaved])
    [text] = expect_dialog.texts("choose")
    assert text.startswith(f"”{resaved.name}” har samma innehåll som ”{lundby_docx.name}”, som importerades ")
    assert "Filen har sparats om sedan dess, men inget i texten har ändrats." in text
    assert len(store.list_reports()) == 1


def test_the_folder_again_skips_what_was_imported(window, store, expect_dialog, tmp_path, fca2022, lundby):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    (folder / "Lundby 2022.docx").write_bytes(docx_bytes(fca2022, lundby))
    expect_dialog("show_info", "Importera Word-rapporter")
    window.import_word_paths([folder])
    lundby.area = "Askim-Frölunda-Högsbo"
    (folder / "Askim 2022.docx").write_bytes(docx_bytes(fca2022, lundby))
    window.import_word_paths([folder])
    text = expect_dialog.texts("show_info")[1]
    assert text.split("\n") == [
        "1 av 2 dokument importerades som nya rapporter; 1 var redan importerat och hoppades över.", "",
        "Askim 2022.docx: importerad – Uppföljning FCA Askim-Frölunda-Högsbo 2022: 16 av 16 frågor hittades; "
        "16 av 16 belopp lästes",
        "Lundby 2022.docx: redan importerad som Uppföljning FCA Lundby 2022"]
    assert window.table.rowCount() == 2


def test_a_folder_import_shows_its_progress_and_avbryt_stops_it(window, store, expect_dialog, tmp_path, fca2022,
                                                               lundby, monkeypatch):
    """A bar with Avbryt while the documents are read (~0.1 s each); Avbryt keeps what was imported and
    leaves the other files alone."""
    from PySide6.QtWidgets import QProgressDialog

    import forms.word_import

    folder = tmp_path / "mapp"
    folder.mkdir()
    for year in (2019, 2020, 2021):
        lundby.year = year
        (folder / f"Lundby {year}.docx").write_bytes(docx_bytes(fca2022, lundby))
    real = forms.word_import.import_files
    seen = []

    def import_files(paths, store_, library, *, progress, cancelled):
        def step(done, total, name):
            progress(done, total, name)
            bar = window.findChild(QProgressDialog)
            seen.append((done, total, bar.labelText(), bar.value(), bar.maximum()))
            if done == 1:  # the user presses Avbryt while the second document is read
                bar.cancel()

        return real(paths, store_, library, progress=step, cancelled=cancelled)

    monkeypatch.setattr(forms.word_import, "import_files", import_files)
    expect_dialog("show_info", "Importera Word-rapporter")
    window.import_word_paths([folder])
    assert seen[:2] == [(0, 3, "Importerar Lundby 2019.docx (1 av 3)…", 0, 3),
                        (1, 3, "Importerar Lundby 2020.docx (2 av 3)…", 1, 3)]
    [text] = expect_dialog.texts("show_info")
    assert text.startswith("Avbrutet efter 2 av 3 dokument; de övriga är inte importerade. 2 av 2 dokument")
    assert sorted(s.year for s in store.list_reports()) == [2019, 2020]
    assert window.findChild(QProgressDialog) is None or not window.findChild(QProgressDialog).isVisible()


EXISTS = "Rapporten finns redan"


@pytest.mark.parametrize("choice", [0, 1, 2, 3])
def test_a_word_report_for_an_existing_type_area_and_year_asks(window, store, expect_dialog, tmp_path, fca2022,
                                                               lundby, choice):
    """Issue 23: a second, indistinguishable Lundby 2022 was made silently. Now: open the existing one,
    import as its new version (its state kept in the history), a separate copy, or Avbryt."""
    first = store.create_report(lundby)
    lundby.set_answer("nosam", "Svaret i Word-dokumentet.")
    path = tmp_path / "Lundby från området.docx"
    path.write_bytes(docx_bytes(fca2022, lundby))
    expect_dialog("run_dialog", f"Importera Word-rapport – {path.name}", answer=True)
    expect_dialog("choose", EXISTS, answer=choice)
    window.import_word_paths([path])
    [shown] = [s for s in expect_dialog.shown if s.kind == "choose"]
    assert "Det finns redan en rapport Uppföljning FCA Lundby 2022 i listan." in shown.text
    assert shown.arguments["options"] == ["Öppna den befintliga rapporten", "Importera som ny version",
                                          "Importera som separat kopia", "Avbryt"]
    reports = store.list_reports()
    if choice == 0:
        assert [s.id for s in reports] == [first] and window.wizards[first].isVisible()
        window.wizards[first].close()
    elif choice == 1:
        assert [s.id for s in reports] == [first]
        assert store.load_report(first).answer("nosam") == "Svaret i Word-dokumentet."
        assert store.versions(first)[1].reason == "Före import av Word-dokument"
        assert [a.name for a in store.attachments(first)] == [path.name]
    elif choice == 2:
        assert len(reports) == 2
    else:
        assert [s.id for s in reports] == [first] and store.load_report(first).answer("nosam") != "Svaret i Word-dokumentet."
