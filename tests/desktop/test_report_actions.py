"""Export, bilagor and send from the app: files land where chosen, nothing is replaced without
asking, and the email draft carries the exact files that are kept with the report."""

from datetime import date
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from desktop import settings
from desktop.attachments_dialog import AttachmentsDialog
from desktop.report_actions import ReportActions
from desktop.sending_dialogs import OutboxDialog
from forms.store import Store


@pytest.fixture
def actions(store, library):
    return ReportActions(store, library)


@pytest.fixture
def report_id(store, lundby):
    lundby.compiled_by = "Anna Andersson"
    return store.create_report(lundby)


def choose(expect_dialog, path: Path):
    expect_dialog("choose_save_path", "Spara som", answer=path)


def test_export_word_suggests_a_readable_name_and_remembers_the_folder(actions, report_id, tmp_path, expect_dialog):
    target = tmp_path / "ut" / "Uppföljning FCA Lundby 2022.docx"
    target.parent.mkdir()
    choose(expect_dialog, target)
    assert actions.export(report_id, "docx") == target
    assert expect_dialog.shown[0].arguments["suggested"].name == "Uppföljning FCA Lundby 2022.docx"
    text = "\n".join(p.text for p in Document(target).paragraphs)
    assert "Redogör för hur NOSAM fungerar som styrgrupp" in text
    assert settings.last_folder("export") == target.parent


def test_existing_file_is_not_replaced_without_asking(actions, report_id, tmp_path, expect_dialog):
    target = tmp_path / "rapport.xlsx"
    target.write_bytes(b"the user's own file")
    choose(expect_dialog, target)
    expect_dialog("ask", "Filen finns redan", answer=False)
    assert actions.export(report_id, "xlsx") is None
    assert target.read_bytes() == b"the user's own file"
    expect_dialog("ask", "Filen finns redan", answer=True)
    assert actions.export(report_id, "xlsx") == target
    assert openpyxl.load_workbook(target).sheetnames[0] == "Ekonomi"


def test_locked_file_gives_a_swedish_message_and_keeps_the_old_file(actions, report_id, tmp_path, monkeypatch, expect_dialog):
    import exports.files as files
    target = tmp_path / "rapport.docx"
    target.write_bytes(b"old")
    choose(expect_dialog, target)
    expect_dialog("ask", "Filen finns redan", answer=True)
    expect_dialog("show_error", "Kunde inte spara")
    monkeypatch.setattr(files.os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "locked")))
    assert actions.export(report_id, "docx") is None
    [error] = expect_dialog.texts("show_error")
    assert "håller den öppen, troligen Word" in error
    assert target.read_bytes() == b"old"


def test_pdf_export_adds_the_extension(actions, report_id, tmp_path, expect_dialog):
    choose(expect_dialog, tmp_path / "rapport")
    assert actions.export(report_id, "pdf") == tmp_path / "rapport.pdf"
    assert (tmp_path / "rapport.pdf").read_bytes().startswith(b"%PDF")


def test_attachments_are_copied_and_refused_when_too_big(qtbot, actions, report_id, tmp_path):
    small = tmp_path / "Verksamhetsplan.pdf"
    small.write_bytes(b"%PDF-1.4 plan")
    big = tmp_path / "Film.mp4"
    big.write_bytes(b"0" * (11 * 1024 * 1024))
    dialog = AttachmentsDialog(actions, report_id)
    qtbot.addWidget(dialog)
    dialog.add_files([small, big])
    small.unlink()  # moving the original does not break the report
    assert [a.name for a in actions.store.attachments(report_id)] == ["Verksamhetsplan.pdf"]
    assert "högst 10 MB" in dialog.message.text()
    assert dialog.list.count() == 1


def test_send_builds_the_draft_keeps_the_files_and_marks_sent(actions, report_id, tmp_path, expect_dialog):
    attachment = tmp_path / "Bilaga 1.pdf"
    attachment.write_bytes(b"%PDF-1.4 bilaga")
    actions.add_attachments(report_id, [attachment])
    from PySide6.QtCore import QSettings
    QSettings().setValue("send/cc", "sn.centrum@goteborg.se; fsn@goteborg.se")
    opened = []
    expect_dialog("open_path", answer=lambda path, *_, **__: opened.append(path) or True)
    expect_dialog("ask", "Rapporten är inte klar", answer=True)  # demo text is over 600
    expect_dialog("run_dialog", "Skicka till regionen", answer=True)

    sending_id = actions.send(report_id, today=date(2023, 1, 30))

    assert expect_dialog.titles("ask") == ["Rapporten är inte klar"]
    assert expect_dialog.titles("run_dialog") == ["Skicka till regionen"]
    [eml] = opened
    assert eml.parent == actions.outbox() and eml.name == "Uppföljning FCA Lundby 2022.eml"
    message = message_from_bytes(eml.read_bytes(), policy=default)
    assert message["To"] == "hsn.goteborg@vgregion.se"
    assert message["Cc"] == "sn.centrum@goteborg.se, fsn@goteborg.se"
    assert message["Subject"] == "Uppföljning av avtal om familjecentrerat arbetssätt – Lundby 2022"
    sent = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert set(sent) == {"Uppföljning FCA Lundby 2022.docx", "Uppföljning FCA Lundby 2022.xlsx",
                         "Uppföljning FCA Lundby 2022.pdf", "Uppföljning FCA Lundby 2022.json", "Bilaga 1.pdf"}
    # the JSON beside the documents is the exact report: read back it equals what is stored
    from forms.interchange import report_from_json
    received = report_from_json(sent["Uppföljning FCA Lundby 2022.json"].decode("utf-8"), actions.library)
    stored = actions.store.load_report(report_id)
    assert (received.answers, received.tables) == (stored.answers, stored.tables)
    [record] = actions.store.sendings(report_id)
    assert record.id == sending_id and record.confirmed_at
    for f in record.files:  # the exact bytes that went out are kept with the report
        assert actions.store.sent_file(sending_id, f.name) == sent[f.name]
    report = actions.store.load_report(report_id)
    assert (report.status, report.sent_date) == ("skickad", date(2023, 1, 30))
    [summary] = actions.store.list_reports()
    assert summary.sent_date == "2023-01-30"  # the list shows "Skickad 2023-01-30"


def test_offline_the_draft_waits_in_the_outbox(qtbot, actions, report_id, expect_dialog):
    expect_dialog("open_path", answer=False)
    expect_dialog("ask", "Rapporten är inte klar", answer=True)
    expect_dialog("run_dialog", "Skicka till regionen", answer=False)
    sending_id = actions.send(report_id)
    assert actions.store.load_report(report_id).status == "utkast"
    outbox = OutboxDialog(actions)
    qtbot.addWidget(outbox)
    assert outbox.list.count() == 1
    opened = []
    expect_dialog("open_path", answer=lambda path, *_, **__: opened.append(path) or True)
    outbox.open_selected_folder()  # the draft's files, to attach by hand
    assert opened == [actions.outbox() / "Uppföljning FCA Lundby 2022"]
    assert len(list(opened[0].iterdir())) == 4
    outbox.confirm_selected()
    assert outbox.list.count() == 0
    assert actions.store.load_report(report_id).status == "skickad"
    assert actions.store.sendings(report_id)[0].id == sending_id


def test_recipient_settings_default_to_the_templates_address(qtbot):
    from PySide6.QtWidgets import QLabel

    from desktop.settings_dialog import SettingsDialog

    assert settings.recipients_to(("hsn.goteborg@vgregion.se",)) == ["hsn.goteborg@vgregion.se"]
    dialog = SettingsDialog(("hsn.goteborg@vgregion.se",), Path("/data/Säkerhetskopior"))
    qtbot.addWidget(dialog)
    assert dialog.to.placeholderText() == "hsn.goteborg@vgregion.se"
    assert any("/data/Säkerhetskopior" in label.text() for label in dialog.findChildren(QLabel))
    dialog.cc.setText("sn.centrum@goteborg.se; fsn@goteborg.se ,")
    dialog.accept()
    assert settings.recipients_cc() == ["sn.centrum@goteborg.se", "fsn@goteborg.se"]
    assert settings.recipients_to(("hsn.goteborg@vgregion.se",)) == ["hsn.goteborg@vgregion.se"]


def test_personnummer_in_an_answer_is_warned_about_before_export(qtbot, store, library, lundby, tmp_path, expect_dialog):
    """The user sees where, and can go to the field (nothing exported) or continue."""
    from desktop.main_window import MainWindow

    lundby.answers["ovriga_kommentarer"] = "Kontakta vårdnadshavare 19121212-1212 om detta."
    report_id = store.create_report(lundby)
    window = MainWindow(store, library)
    qtbot.addWidget(window)
    window.refresh(report_id)
    expect_dialog("choose", "Personuppgifter i rapporten?", answer=0)  # "Gå till fältet"
    target = tmp_path / "r.docx"
    choose(expect_dialog, target)
    assert window.actions.export(report_id, "docx") is None
    [shown] = expect_dialog.texts("choose")
    assert "Övriga kommentarer" in shown and "19121212-1212" in shown
    assert not target.exists()
    wizard = window.wizards[report_id]
    assert wizard.currentId() == wizard.section_pages["bemanning"]
    editor = wizard.currentPage().widgets["ovriga_kommentarer"].editor
    qtbot.waitUntil(editor.hasFocus, timeout=3000)
    expect_dialog("choose", "Personuppgifter i rapporten?", answer=1)  # "Fortsätt ändå"
    assert window.actions.export(report_id, "docx") == target


def test_no_warning_for_the_demo_report(actions, report_id, tmp_path, expect_dialog):
    choose(expect_dialog, tmp_path / "r.docx")
    assert actions.export(report_id, "docx") == tmp_path / "r.docx"
    assert expect_dialog.titles() == ["Spara som"]  # no personal data in the demo: no question


def test_the_sent_files_can_be_opened_later_exactly_as_sent(qtbot, actions, report_id, expect_dialog):
    import hashlib

    from desktop.sending_dialogs import SentDialog

    opened = []
    expect_dialog("open_path", answer=lambda path, *_, **__: opened.append(path) or True)
    expect_dialog("ask", answer=True)
    expect_dialog("run_dialog", "Skicka till regionen", answer=True)
    sending_id = actions.send(report_id)
    dialog = SentDialog(actions.store, report_id)
    qtbot.addWidget(dialog)
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "hsn.goteborg@vgregion.se" in rows[0] and rows[0].startswith("Skickat")
    files = len(actions.store.sendings(report_id)[0].files)
    assert f"– {files} {'fil' if files == 1 else 'filer'}\n" in rows[0]
    record = actions.store.sendings(report_id)[0]
    assert not any(record.files[0].sha256 in row for row in rows)  # the checksums are details, on request
    assert record.files[0].sha256 in dialog.list.item(1).toolTip()
    dialog.details.setChecked(True)
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert record.files[0].sha256 in rows[1]
    dialog.list.setCurrentRow(1)
    path = dialog.open_selected()
    assert path.name == record.files[0].name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == record.files[0].sha256
    assert not path.stat().st_mode & 0o222  # read-only
    assert record.id == sending_id


def test_send_for_mail_programs_that_ignore_x_unsent(qtbot, actions, report_id, tmp_path, expect_dialog):
    """Thunderbird or Apple Mail shows the draft as a received mail: the dialog copies the recipients
    and the subject to the clipboard and opens the Utkorg folder that holds the draft's files."""
    from PySide6.QtWidgets import QApplication

    attachment = tmp_path / "Bilaga 1.pdf"
    attachment.write_bytes(b"%PDF-1.4 bilaga")
    actions.add_attachments(report_id, [attachment])
    from PySide6.QtCore import QSettings
    QSettings().setValue("send/cc", "sn.centrum@goteborg.se; fsn@goteborg.se")
    opened, seen = [], {}
    expect_dialog("open_path", answer=lambda path, *_, **__: opened.append(path) or True)
    expect_dialog("ask", "Rapporten är inte klar", answer=True)

    def finish_by_hand(dialog):
        qtbot.addWidget(dialog)
        for key in ("to", "cc", "subject"):
            dialog.copy_buttons[key].click()
            seen[key] = (QApplication.clipboard().text(), dialog.copied.text())
        dialog.open_folder_button.click()
        return False  # "Nej, senare": the user sends it from Thunderbird later

    expect_dialog("run_dialog", "Skicka till regionen", answer=finish_by_hand)
    sending_id = actions.send(report_id)

    subject = "Uppföljning av avtal om familjecentrerat arbetssätt – Lundby 2022"
    assert seen == {
        "to": ("hsn.goteborg@vgregion.se", "Kopierat: mottagarna. Klistra in med Ctrl+V."),
        "cc": ("sn.centrum@goteborg.se, fsn@goteborg.se", "Kopierat: kopiemottagarna. Klistra in med Ctrl+V."),
        "subject": (subject, "Kopierat: ämnet. Klistra in med Ctrl+V."),
    }
    eml, folder = opened
    assert eml.suffix == ".eml" and folder == actions.outbox() / "Uppföljning FCA Lundby 2022"
    message = message_from_bytes(eml.read_bytes(), policy=default)
    in_mail = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == in_mail  # the same files, byte for byte
    assert len(in_mail) == 5
    assert actions.store.load_report(report_id).status == "utkast"
    assert actions.store.sendings(unconfirmed=True)[0].id == sending_id

    expect_dialog("run_dialog", "Skicka till regionen", answer=True)
    actions.send(report_id)  # a second draft gets its own folder beside the first
    assert [p.name for p in sorted(actions.outbox().iterdir()) if p.is_dir()] == [
        "Uppföljning FCA Lundby 2022", "Uppföljning FCA Lundby 2022 (2)"]


def test_send_dialog_says_where_the_files_are_when_nothing_opens(qtbot, actions, report_id, expect_dialog):
    """No mail program took the draft: the dialog says it was NOT opened (never "har öppnats") and shows
    the draft's and the files' full paths to copy; "Öppna mappen" is the checked hand-off again."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLabel

    from desktop.send_dialog import SendDialog

    shown, paths = [], {}

    def look(dialog: SendDialog):
        qtbot.addWidget(dialog)
        shown.extend(label.text() for label in dialog.findChildren(QLabel))
        paths.update({key: field.text() for key, field in dialog.fields.items()})
        dialog.copy_buttons["folder"].click()
        dialog.open_folder_button.click()
        return False

    expect_dialog("open_path", answer=False)  # no mail program, no file manager
    expect_dialog("ask", "Rapporten är inte klar", answer=True)
    expect_dialog("run_dialog", "Skicka till regionen", answer=look)
    actions.send(report_id)
    eml = actions.outbox() / "Uppföljning FCA Lundby 2022.eml"
    folder = actions.outbox() / "Uppföljning FCA Lundby 2022"
    assert any("men det har INTE öppnats" in text for text in shown)
    assert not any("har öppnats i ditt e-postprogram" in text for text in shown)
    assert paths["eml"] == str(eml) and paths["folder"] == str(folder)
    assert QGuiApplication.clipboard().text() == str(folder)
    opened = [s.arguments for s in expect_dialog.shown if s.kind == "open_path"]
    assert [a["path"] for a in opened] == [eml, folder]
    assert opened[0]["explain"] is False  # the send dialog explains; the folder's failure has its own dialog


def test_a_full_disk_while_writing_the_drafts_files_leaves_nothing_half_done(store, library, lundby, tmp_path, expect_dialog):
    """The Utkorg on a real filesystem with room for the .eml but not for all of its files: the user is
    told, neither the draft nor a half set of files stays, nothing is recorded; with room it works."""
    import os

    from tests.faults.helpers import fill_filesystem, small_tmpfs

    first = ReportActions(store, library)  # a send with room: how much the draft and its files take
    expect_dialog("ask", "Rapporten är inte klar", answer=True)
    expect_dialog("open_path", answer=True)
    expect_dialog("run_dialog", "Skicka till regionen", answer=False)
    first.send(store.create_report(lundby))
    eml_size = sum(p.stat().st_size for p in first.outbox().glob("*.eml"))
    files_size = sum(p.stat().st_size for p in (first.outbox() / "Uppföljning FCA Lundby 2022").iterdir())

    laptop = Store(tmp_path / "laptop" / "rapporter.sqlite")
    actions = ReportActions(laptop, library)
    report_id = laptop.create_report(lundby)
    with small_tmpfs(actions.outbox(), "2m") as outbox:
        filler = fill_filesystem(outbox)
        os.truncate(filler, filler.stat().st_size - (eml_size + files_size // 2))
        expect_dialog("show_error", "E-postmeddelandet kunde inte skapas")
        assert actions.send(report_id) is None
        assert "full" in expect_dialog.texts("show_error")[0].lower()
        assert [p.name for p in outbox.iterdir()] == ["filler.bin"]
        assert laptop.sendings(report_id) == []
        filler.unlink()
        assert actions.send(report_id) is not None  # the same send works once there is room
        assert sorted(p.name for p in outbox.iterdir()) == ["Uppföljning FCA Lundby 2022", "Uppföljning FCA Lundby 2022.eml"]
    laptop.close()



def test_the_finance_summary_is_not_sent_without_its_recipient(actions, store, expect_dialog):
    """The summary goes to the committee secretary, whom no template names: without the address set
    in the settings nothing is created, and the message says where to set it; the region's address
    never stands in for it."""
    from PySide6.QtCore import QSettings

    from forms.report import Report

    QSettings().setValue("send/to", "hsn.goteborg@vgregion.se")
    summary = Report("ekonomisk-sammanstallning", "2023", "Hisingen", 2023, compiled_by="Anna Andersson")
    summary_id = store.create_report(summary)
    expect_dialog("ask", "Rapporten är inte klar", answer=True)
    expect_dialog("show_warning", "Ingen mottagare", answer=None)
    assert actions.send(summary_id) is None
    [text] = expect_dialog.texts("show_warning")
    assert "Arkiv → Inställningar" in text and "Till – Finansiering av samverkansavtalen" in text
    assert store.sendings(summary_id) == []
    assert settings.recipients_to((), "ekonomisk-sammanstallning") == []
    QSettings().setValue("send/to/ekonomisk-sammanstallning", "namn.efternamn@goteborg.se")
    assert settings.recipients_to((), "ekonomisk-sammanstallning") == ["namn.efternamn@goteborg.se"]
    assert settings.recipients_to(("hsn.goteborg@vgregion.se",), "fca-uppfoljning") == ["hsn.goteborg@vgregion.se"]
