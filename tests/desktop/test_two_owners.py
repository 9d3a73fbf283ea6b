"""A report open in the wizard while another process imports a newer email of it (`import-mail` on the
command line, a real second process on the same database file): the wizard shows the newer content,
never saves a stale question over it, and loses nothing the user typed.

Before the change counter, the open wizard kept showing the older text and its next save wrote
"older text + the edit" over the received report, while the receipt list said the newer email was
current.
"""

import subprocess
import sys
from datetime import datetime
from decimal import Decimal

import pytest

from desktop.report_sync import TITLE
from desktop.wizard import ReportWizard
from forms.receiving import receive_paths
from forms.store import Store
from tests.desktop.keyboard import type_text
from tests.processes import child_env
from tests.receiving_data import area_report, email_bytes

TYPED = "koordinatorns_arbete"  # differs between the two emails
SAME = "prioriterade_grupper"  # the same in both
ELSEWHERE = "nosam"  # on another page; the second email changes it too
NEW_NOSAM = "NOSAM har under året blivit styrgrupp för familjecentralen."


@pytest.fixture
def mail(tmp_path, library, db_path):
    """The first email received into the database; the second, newer one waits in a file."""
    first, second = area_report(library, "Centrum", 1), area_report(library, "Centrum", 2)
    second.set_answer(ELSEWHERE, NEW_NOSAM)
    second.set_amount("ekonomi", "ovrigt", "utfall_region", Decimal("7.5"))
    paths = []
    for name, report, day in (("1.eml", first, 25), ("2.eml", second, 30)):
        path = tmp_path / name
        path.write_bytes(email_bytes(library, report, sent=datetime(2024, 1, day, 9), sender="anna@centrum.se"))
        paths.append(path)
    setup = Store(db_path)
    [outcome], _ = receive_paths(setup, library, paths[:1])
    setup.close()
    return outcome.report_id, first, second, paths[1]


@pytest.fixture
def wizard(qtbot, store, library, mail):
    w = ReportWizard(store, library, mail[0])
    qtbot.addWidget(w)
    w.show()
    w.go_to_field(TYPED)
    yield w
    w.close()


def import_elsewhere(db_path, eml, tmp_path):
    """`avtalsuppfoljning import-mail` in its own process, as a scheduled import or a colleague would."""
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "import-mail", "--db", str(db_path), str(eml)],
                          env=child_env(PATH="/usr/bin:/bin", HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "ersätter" in done.stdout, done.stdout + done.stderr


def editor(wizard, field_id):
    return wizard.page(wizard.section_pages[wizard.template.section_of(field_id).id]).widgets[field_id].editor


def type_at_end(wizard, field_id, text):
    box = editor(wizard, field_id)
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    type_text(box, text)


def stored(db_path, report_id):
    other = Store(db_path)
    try:
        return other.load_report(report_id), other.receipts(report_id), other.versions(report_id)
    finally:
        other.close()


def saved(wizard):
    return not wizard.saver.pending and not wizard.saver.failing


def test_the_open_wizard_shows_the_import_and_typing_goes_on_top(qtbot, wizard, mail, db_path, tmp_path):
    report_id, first, second, eml = mail
    import_elsewhere(db_path, eml, tmp_path)
    qtbot.waitUntil(lambda: editor(wizard, TYPED).toPlainText() == second.answer(TYPED), timeout=5000)
    assert editor(wizard, ELSEWHERE).toPlainText() == NEW_NOSAM  # a page not shown is up to date too
    money = wizard.page(wizard.section_pages[wizard.template.section_of("ekonomi").id]).widgets["ekonomi"]
    assert money.value() == second.tables["ekonomi"]
    assert "Ett nytt inskick från anna@centrum.se" in wizard.sync_line.text() and wizard.sync_line.isVisibleTo(wizard)

    type_at_end(wizard, TYPED, " Tillägg efter importen.")
    qtbot.waitUntil(lambda: stored(db_path, report_id)[0].answer(TYPED) == second.answer(TYPED) + " Tillägg efter importen.",
                    timeout=5000)
    report, receipts, _ = stored(db_path, report_id)
    assert report.answer(ELSEWHERE) == NEW_NOSAM and report.tables == second.tables  # nothing newer overwritten
    assert {k: v for k, v in report.answers.items() if k != TYPED} == {k: v for k, v in second.answers.items() if k != TYPED}
    assert [r.source_name for r in receipts if r.is_current] == ["2.eml"]


def test_unsaved_text_and_an_import_in_the_same_question_keep_mine(qtbot, wizard, mail, db_path, tmp_path,
                                                                     expect_dialog):
    """The user typed; before the autosave the import arrives. Asked, the user keeps their text: it
    is saved over the received question (the rest of the report is the received one), and the
    received text stays in Tidigare versioner."""
    report_id, first, second, eml = mail
    type_at_end(wizard, TYPED, " Mitt tillägg.")
    import_elsewhere(db_path, eml, tmp_path)  # the wizard's event loop has not run since the keys
    expect_dialog("choose", TITLE, answer=0)
    mine = first.answer(TYPED) + " Mitt tillägg."
    qtbot.waitUntil(lambda: stored(db_path, report_id)[0].answer(TYPED) == mine, timeout=5000)
    qtbot.waitUntil(lambda: saved(wizard), timeout=3000)
    report, receipts, versions = stored(db_path, report_id)
    assert report.answer(ELSEWHERE) == NEW_NOSAM and report.tables == second.tables
    assert editor(wizard, TYPED).toPlainText() == mine and editor(wizard, ELSEWHERE).toPlainText() == NEW_NOSAM
    assert any(v.snapshot["answers"][TYPED] == second.answer(TYPED) for v in versions)  # the received text kept
    assert [r.source_name for r in receipts if r.is_current] == ["2.eml"]
    [asked] = expect_dialog.texts("choose")
    assert wizard._name_of(("answer", TYPED)) in asked and "Ett nytt inskick från anna@centrum.se" in asked


def test_unsaved_text_and_an_import_in_the_same_question_take_the_received(qtbot, wizard, mail, db_path, tmp_path,
                                                                           expect_dialog):
    report_id, first, second, eml = mail
    type_at_end(wizard, TYPED, " Mitt tillägg.")
    import_elsewhere(db_path, eml, tmp_path)
    expect_dialog("choose", TITLE, answer=1)
    qtbot.waitUntil(lambda: editor(wizard, TYPED).toPlainText() == second.answer(TYPED), timeout=5000)
    qtbot.waitUntil(lambda: saved(wizard), timeout=3000)
    report, receipts, versions = stored(db_path, report_id)
    assert report.answers == second.answers and report.tables == second.tables
    mine = [v for v in versions if v.reason.startswith("Din osparade text")]
    assert len(mine) == 1 and mine[0].snapshot["answers"][TYPED] == first.answer(TYPED) + " Mitt tillägg."
    assert mine[0].snapshot["answers"][ELSEWHERE] == NEW_NOSAM  # the report as it would have been with it


def test_unsaved_text_in_a_question_the_import_left_alone_is_saved_without_asking(qtbot, wizard, mail, db_path,
                                                                                   tmp_path):
    report_id, first, second, eml = mail
    type_at_end(wizard, SAME, " Mitt tillägg.")
    import_elsewhere(db_path, eml, tmp_path)  # no dialog is declared: one would fail the test
    qtbot.waitUntil(lambda: stored(db_path, report_id)[0].answer(SAME) == second.answer(SAME) + " Mitt tillägg.",
                    timeout=5000)
    qtbot.waitUntil(lambda: editor(wizard, TYPED).toPlainText() == second.answer(TYPED), timeout=3000)
    report, _, _ = stored(db_path, report_id)
    assert report.answer(TYPED) == second.answer(TYPED) and report.tables == second.tables


def test_a_version_restored_in_the_same_program_shows_in_the_open_wizard(qtbot, wizard, mail, store):
    """The report list's Tidigare versioner restores through the same connection (no data_version
    change): the wizard catches up all the same."""
    report_id = mail[0]
    type_at_end(wizard, TYPED, " Sparat.")
    qtbot.waitUntil(lambda: store.load_report(report_id).answer(TYPED).endswith(" Sparat."), timeout=5000)
    received = next(v for v in store.versions(report_id) if v.reason.startswith("Mottagen"))
    store.restore_version(received.id)
    qtbot.waitUntil(lambda: editor(wizard, TYPED).toPlainText() == mail[1].answer(TYPED), timeout=5000)


def test_a_change_the_window_does_not_show_is_taken_quietly(qtbot, wizard, mail, store):
    """A bilaga added (it counts as a change of the report) shows nothing in the questions: the
    window takes the new count without a word, and the next edit is saved."""
    report_id = mail[0]
    store.add_attachment(report_id, "Protokoll.pdf", b"%PDF-1.4")
    qtbot.waitUntil(lambda: wizard.saver.base == store.change_count(report_id), timeout=5000)
    assert not wizard.sync_line.isVisibleTo(wizard)
    type_at_end(wizard, TYPED, " Sparat.")
    qtbot.waitUntil(lambda: store.load_report(report_id).answer(TYPED).endswith(" Sparat."), timeout=5000)


def test_the_report_list_follows_an_import_in_another_process(qtbot, store, library, mail, db_path, tmp_path):
    from desktop.main_window import MainWindow

    window = MainWindow(store, library)
    qtbot.addWidget(window)
    assert window.table.item(0, 3).text() == "Mottagen 2024-01-25"
    import_elsewhere(db_path, mail[3], tmp_path)
    qtbot.waitUntil(lambda: window.table.item(0, 3).text() == "Mottagen 2024-01-30 (ersätter 1 tidigare)",
                    timeout=5000)
