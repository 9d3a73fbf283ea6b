"""Typing into the wizard while the database is full: a banner, never "Sparad", the text kept in the
window and saved by itself once there is room; closing asks and offers a rescue file (issue 8, break 1)."""

from __future__ import annotations

import json

from desktop.cli import main as cli_main
from forms.report import Report
from forms.store import Store
from tests.desktop.keyboard import type_text
from tests.faults.helpers import dump, fill_database, free_database

TYPED = "Föräldraträffar på öppna förskolan – skrivet när disken var full. "


def _open_full(open_wizard, db_path):
    wizard = open_wizard(Report("fca-uppfoljning", "2022", "Lundby", 2022), "styrning")
    wizard.saver.flush()
    fill_database(wizard.store.conn)
    return wizard


def test_typing_on_a_full_database_shows_a_banner_and_the_text_reaches_the_file_after_freeing_space(
        qtbot, open_wizard, db_path):
    wizard = _open_full(open_wizard, db_path)
    report_id = wizard.report.id
    before = dump(db_path)
    editor = wizard.currentPage().widgets["aktiviteter_samverkan"].editor
    type_text(editor, TYPED * 60)  # ~4 000 characters: more than the pages the database has room for
    qtbot.waitUntil(lambda: wizard.save_banner.showing, timeout=5000)
    assert wizard.save_banner.isVisible()  # in the window, not only in the title
    assert "full" in wizard.save_banner.detail.text() and "Frigör" in wizard.save_banner.detail.text()
    assert "INTE SPARAD" in wizard.windowTitle() and "Sparad " not in wizard.windowTitle()
    assert editor.toPlainText() == TYPED * 60  # still in the widget
    assert dump(db_path) == before  # nothing saved before was touched
    free_database(wizard.store.conn)
    qtbot.waitUntil(lambda: not wizard.save_banner.showing, timeout=10000)  # the retry timer, no new edit
    assert "Sparad" in wizard.windowTitle()
    wizard.store.close()
    reopened = Store(db_path)
    assert reopened.load_report(report_id).answers["aktiviteter_samverkan"] == TYPED * 60
    reopened.close()


def test_closing_with_unsaved_edits_offers_a_rescue_file_that_import_json_restores(
        qtbot, open_wizard, db_path, tmp_path, expect_dialog, capsys):
    wizard = _open_full(open_wizard, db_path)
    type_text(wizard.currentPage().widgets["aktiviteter_samverkan"].editor, TYPED * 60)
    qtbot.waitUntil(lambda: wizard.save_banner.showing, timeout=5000)
    rescue = tmp_path / "räddad.json"
    expect_dialog("choose", "Ändringarna är inte sparade", answer=0, times=1)
    expect_dialog("choose_save_path", "Spara en räddningsfil", answer=rescue)
    expect_dialog("show_info", "Räddningsfilen är sparad")
    assert wizard.close()
    [asked] = [s for s in expect_dialog.shown if s.kind == "choose"]
    assert asked.arguments["options"][0].startswith("Spara en räddningsfil")
    told = expect_dialog.texts("show_info")
    assert told and str(rescue) in told[0]
    assert json.loads(rescue.read_text(encoding="utf-8"))["answers"]["aktiviteter_samverkan"] == TYPED * 60
    wizard.store.close()
    other = tmp_path / "annan.sqlite"
    assert cli_main(["import-json", "--db", str(other), str(rescue)]) == 0
    new_id = int(capsys.readouterr().out.strip())
    restored = Store(other)
    assert restored.load_report(new_id).answers["aktiviteter_samverkan"] == TYPED * 60
    restored.close()


def test_choosing_cancel_keeps_the_window_open_with_the_text(qtbot, open_wizard, db_path, expect_dialog):
    wizard = _open_full(open_wizard, db_path)
    editor = wizard.currentPage().widgets["aktiviteter_samverkan"].editor
    type_text(editor, TYPED * 60)
    qtbot.waitUntil(lambda: wizard.save_banner.showing, timeout=5000)
    expect_dialog("choose", "Ändringarna är inte sparade", answer=2, times=1)
    assert not wizard.close()
    assert wizard.isVisible() and editor.toPlainText() == TYPED * 60
    free_database(wizard.store.conn)
    assert wizard.close()  # saved now, closes without asking


def test_export_from_the_wizard_with_unsaved_edits_is_refused_not_made_from_stale_data(
        qtbot, library, db_path, expect_dialog):
    """The file would lack the latest edits: the wizard says so instead of exporting."""
    from desktop.report_actions import ReportActions
    from desktop.wizard import REVIEW_PAGE_ID, ReportWizard

    store = Store(db_path)
    report_id = store.create_report(Report("fca-uppfoljning", "2022", "Lundby", 2022))
    wizard = ReportWizard(store, library, report_id, actions=ReportActions(store, library))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to_page(wizard.section_pages["styrning"])
    fill_database(store.conn)
    type_text(wizard.currentPage().widgets["aktiviteter_samverkan"].editor, TYPED * 60)
    wizard.go_to_page(REVIEW_PAGE_ID)
    expect_dialog("show_warning", "Ändringarna är inte sparade", times=1)
    wizard.findChild(type(wizard.button(wizard.WizardButton.NextButton)), "review_docx").click()
    assert "skulle sakna dem" in expect_dialog.texts("show_warning")[0]
    free_database(store.conn)
    qtbot.waitUntil(lambda: not wizard.save_banner.showing, timeout=10000)


def test_the_rescue_file_comes_back_through_the_report_list(qtbot, open_wizard, db_path, tmp_path, expect_dialog,
                                                           library):
    """The same rescue, restored the way a coordinator would: Arkiv → Importera rapportfil (JSON)…"""
    from desktop.main_window import MainWindow

    wizard = _open_full(open_wizard, db_path)
    type_text(wizard.currentPage().widgets["aktiviteter_samverkan"].editor, TYPED * 60)
    qtbot.waitUntil(lambda: wizard.save_banner.showing, timeout=5000)
    rescue = tmp_path / "räddad.json"
    expect_dialog("choose_save_path", "Spara en räddningsfil", answer=rescue)
    expect_dialog("show_info", "Räddningsfilen är sparad")
    wizard.save_banner.rescue_button.click()
    assert "Arkiv → Importera rapportfil" in expect_dialog.texts("show_info")[0]
    free_database(wizard.store.conn)
    qtbot.waitUntil(lambda: not wizard.save_banner.showing, timeout=10000)
    window = MainWindow(Store(tmp_path / "annan.sqlite"), library)
    qtbot.addWidget(window)
    expect_dialog("choose_open_paths", "Importera rapportfil", answer=[rescue])
    [new_id] = window.import_json()
    assert window.store.load_report(new_id).answers["aktiviteter_samverkan"] == TYPED * 60
    assert window.selected_id() == new_id
    window.store.close()
