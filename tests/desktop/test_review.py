"""The last page: every remaining problem, a click goes to its field, "Markera som klar" refuses."""


from PySide6.QtWidgets import QWizard

from desktop.colors import color
from desktop.wizard import REVIEW_PAGE_ID, ReportWizard
from tests.desktop.keyboard import focused, show_active


def open_demo(qtbot, store, library, lundby):
    report_id = store.create_report(lundby)
    wizard = ReportWizard(store, library, report_id)
    qtbot.addWidget(wizard)
    show_active(qtbot, wizard)
    wizard.go_to_page(REVIEW_PAGE_ID)
    return wizard, report_id


def test_problems_are_listed_and_lead_to_their_field(qtbot, store, library, lundby):
    wizard, _ = open_demo(qtbot, store, library, lundby)
    review = wizard.currentPage()
    texts = [review.problems.item(i).text() for i in range(review.problems.count())]
    assert any(t.startswith("Varning – kontrollera: ") and "Texten har 4211 tecken" in t for t in texts)  # a warning
    colours = {review.problems.item(i).text().split(":")[0]: review.problems.item(i).foreground().color().name()
               for i in range(review.problems.count())}
    assert colours.pop("Måste åtgärdas") == color("error").name()  # errors red; everything that does not block amber
    assert "Varning – kontrollera" in colours and set(colours.values()) == {color("warning").name()}, colours
    assert any("Ange vem som har sammanställt" in t for t in texts)
    assert review.summary.text().startswith("1 sak måste åtgärdas")  # Swedish, not "1 sak(er)"
    row = next(i for i, t in enumerate(texts) if "4211" in t)
    review.problems.itemActivated.emit(review.problems.item(row))
    assert wizard.currentId() == wizard.section_pages["styrning"]
    assert focused() is wizard.currentPage().widgets["aktiviteter_samverkan"].editor


def test_klar_is_refused_with_the_list_and_nothing_is_lost(qtbot, store, library, lundby, expect_dialog, frozen_today):
    expect_dialog("show_warning", times=1)
    wizard, report_id = open_demo(qtbot, store, library, lundby)
    assert wizard.currentPage().compiled_date.date().toPython() == frozen_today  # default today
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.isVisible()
    shown = expect_dialog.texts("show_warning")[0]
    assert "Ange vem som har sammanställt" in shown
    assert "tecken" not in shown  # the 600-character guidance is a warning, not a reason to refuse
    report = store.load_report(report_id)
    assert report.status == "utkast"
    assert len(report.answers["aktiviteter_samverkan"]) == 4211


def test_the_demo_with_its_long_answers_can_be_marked_klar_once_signed(qtbot, store, library, lundby):
    """The region took Lundby's 4 211-character answer: over 600 characters warns, it does not block."""
    wizard, report_id = open_demo(qtbot, store, library, lundby)
    review = wizard.currentPage()
    review.compiled_by.setText("Anna Andersson")
    review.compiled_by.textEdited.emit("Anna Andersson")
    assert review.summary.text().startswith("Inget hindrar")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    report = store.load_report(report_id)
    assert report.status == "klar"
    assert len(report.answers["aktiviteter_samverkan"]) == 4211


def test_klar_once_everything_is_in_order(qtbot, store, library, lundby, fca2022):
    for f in fca2022.fields():
        if f.kind == "text":
            lundby.answers[f.id] = "Kort svar."
    wizard, report_id = open_demo(qtbot, store, library, lundby)
    review = wizard.currentPage()
    review.compiled_by.setText("Anna Andersson")
    review.compiled_by.textEdited.emit("Anna Andersson")
    assert review.summary.text().startswith("Allt är ifyllt")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert store.load_report(report_id).status == "klar"
    assert store.load_report(report_id).compiled_by == "Anna Andersson"


def test_editing_a_klar_report_makes_it_a_draft_again(qtbot, store, library, lundby):
    lundby.status = "klar"
    report_id = store.create_report(lundby)
    wizard = ReportWizard(store, library, report_id)
    qtbot.addWidget(wizard)
    wizard.go_to_page(wizard.section_pages["styrning"])
    wizard.currentPage().widgets["nosam"].editor.setPlainText("Ändrad")
    wizard.saver.flush()
    assert store.load_report(report_id).status == "utkast"


def test_review_page_exports_and_sends(qtbot, store, library, lundby, tmp_path, expect_dialog):
    """The last page offers the same export and send as the report list."""
    from desktop.report_actions import ReportActions

    report_id = store.create_report(lundby)
    wizard = ReportWizard(store, library, report_id, actions=ReportActions(store, library))
    qtbot.addWidget(wizard)
    wizard.go_to_page(REVIEW_PAGE_ID)
    from PySide6.QtWidgets import QPushButton
    expect_dialog("choose_save_path", answer=tmp_path / "r.docx")
    wizard.findChild(QPushButton, "review_docx").click()
    assert (tmp_path / "r.docx").exists()
    assert wizard.status_line.text == "Sparad: r.docx"
    expect_dialog("open_path", answer=True)
    expect_dialog("ask", "Rapporten är inte klar", answer=True)
    expect_dialog("run_dialog", "Skicka till regionen", answer=True)
    wizard.findChild(QPushButton, "review_send").click()
    assert wizard.report.status == "skickad"
