"""The Word import's preview of a freely written report: how sure each match is, the unsure one
proposed with an unticked box, the area read from the title with its confidence, and text moved to
another question by hand (desktop/word_import_dialog.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.word_import_dialog import TEXT_ROLE, WordImportDialog
from forms.word_import import match_document
from forms.word_reader import read_docx
from tests.forms.test_word_import_meaning import EFFECTS_1, LAST_YEAR_4, free_folkhalsa_report


def preview(qtbot, library) -> WordImportDialog:
    document = read_docx(free_folkhalsa_report(), "Årsrapport.docx")
    dialog = WordImportDialog(document, match_document(document, library), library)
    qtbot.addWidget(dialog)
    return dialog


def question_rows(dialog) -> dict[tuple[str, str], object]:
    """(section row's text up to the arrow, question) → the question's row."""
    found = next(dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
                 if dialog.tree.topLevelItem(i).text(0).startswith("Frågor"))
    rows = {}
    for s in range(found.childCount()):
        section = found.child(s)
        for q in range(section.childCount()):
            rows[(section.text(0).split("   ←")[0], section.child(q).text(0))] = section.child(q)
    return rows


def test_the_preview_shows_how_sure_each_match_is(qtbot, library):
    dialog = preview(qtbot, library)
    rows = question_rows(dialog)
    section_1 = "Målområde 1: Öka möjligheterna till en god start i livet och goda uppväxtvillkor"
    insatser = rows[(section_1, "Insatser")]
    assert insatser.text(3) == "trolig"
    assert "”Genomförda insatser” liknar frågan ”Insatser”" in insatser.toolTip(3)
    assert insatser.text(1).startswith("• Bokgåvor till barnfamiljer")
    assert insatser.data(0, Qt.ItemDataRole.CheckStateRole) is None  # taken: no box to tick
    unsure = rows[("Målområde 4: Främja hälsosamma och hållbara livsmiljöer", "Effekter/lärdomar")]
    assert unsure.text(3) == "osäker" and unsure.checkState(0) == Qt.CheckState.Unchecked
    assert "tas med bara om du kryssar i den" in unsure.text(2)
    found = next(dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
                 if dialog.tree.topLevelItem(i).text(0).startswith("Frågor"))
    sections = [found.child(i).text(0) for i in range(found.childCount())]
    assert f"{section_1}   ← ”Målområde 1 – En god start i livet” (säker)" in sections
    assert dialog.area.currentText() == "Centrum"
    assert dialog.area_note.text() == ("trolig – området ”Centrum” står i rubriken ”Uppföljning av folkhälsoarbetet "
                                       "2024 – Centrum”")
    assert "1 fråga hittades bara osäkert" in dialog.status.text()
    dialog.tree.setCurrentItem(insatser)
    assert "Säkerhet: trolig – rubriken ”Genomförda insatser”" in dialog.detail.toPlainText()


def test_an_unsure_answer_is_imported_only_when_ticked(qtbot, library):
    dialog = preview(qtbot, library)
    unsure = question_rows(dialog)[("Målområde 4: Främja hälsosamma och hållbara livsmiljöer", "Effekter/lärdomar")]
    assert dialog.import_result().report.answer("malomrade_4_effekter") == ""
    unsure.setCheckState(0, Qt.CheckState.Checked)
    assert dialog.import_result().report.answer("malomrade_4_effekter") == LAST_YEAR_4
    assert "osäkert" not in dialog.status.text()
    unsure.setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.import_result().report.answer("malomrade_4_effekter") == ""


def test_text_is_moved_to_another_question_by_hand(qtbot, library):
    dialog = preview(qtbot, library)
    rows = question_rows(dialog)
    unsure = rows[("Målområde 4: Främja hälsosamma och hållbara livsmiljöer", "Effekter/lärdomar")]
    dialog.tree.setCurrentItem(unsure)
    assert dialog.move_button.isEnabled()
    target = dialog.move_to.findData("malomrade_5_effekter")
    assert target > 0
    dialog.move_to.setCurrentIndex(target)
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    report = dialog.import_result().report
    assert report.answer("malomrade_5_effekter") == LAST_YEAR_4 and report.answer("malomrade_4_effekter") == ""
    rows = question_rows(dialog)
    moved = rows[("Målområde 5: Öka förutsättningarna för åldrande med livskvalitet", "Effekter/lärdomar")]
    assert moved.text(3) == "vald av dig" and dialog.tree.currentItem() is moved
    assert rows[("Målområde 4: Främja hälsosamma och hållbara livsmiljöer", "Effekter/lärdomar")].text(1) == "hittades inte"
    # a paragraph without a question goes under a question too, after what it has
    unmatched = next(dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
                     if dialog.tree.topLevelItem(i).text(0).startswith("Text i dokumentet"))
    stray = unmatched.child(0)
    text, _ = stray.data(0, TEXT_ROLE)
    dialog.tree.setCurrentItem(stray)
    dialog.move_to.setCurrentIndex(dialog.move_to.findData("malomrade_4_effekter"))
    dialog.move_button.click()
    assert dialog.import_result().report.answer("malomrade_4_effekter") == text
    assert dialog.import_result().unmatched == []
    assert dialog.import_result().report.answer("malomrade_1_effekter") == EFFECTS_1
