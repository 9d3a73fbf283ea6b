"""Text that goes into headers and file properties: pasted address lists, line breaks in names,
long names in Word's properties, CLI export all-or-none, and no action failing without a word
(issue 8, breaks 4 and 5)."""

from __future__ import annotations

import io
from email import message_from_bytes
from email.policy import default

import pytest
from docx import Document

from desktop.cli import main as cli_main
from desktop.report_actions import ReportActions
from forms.addresses import AddressError, parse_addresses
from tests.faults.helpers import dump


@pytest.mark.parametrize("text, expected", [
    ("sn.centrum@goteborg.se\r\nfsn@goteborg.se", ["sn.centrum@goteborg.se", "fsn@goteborg.se"]),
    ("sn.centrum@goteborg.se; fsn@goteborg.se,", ["sn.centrum@goteborg.se", "fsn@goteborg.se"]),
    ("  a@b.se \n\n c@d.se ", ["a@b.se", "c@d.se"]),
    ("Socialnämnden Centrum <sn.centrum@goteborg.se>", ["Socialnämnden Centrum <sn.centrum@goteborg.se>"]),
    ("", []),
])
def test_address_lists_by_comma_semicolon_or_line_break(text, expected):
    assert parse_addresses(text) == expected


@pytest.mark.parametrize("bad", ["sn.centrum", "a@b", "a b@c.se", "a@b.se\rBcc: x@evil.se", "<>", "a@@b.se"])
def test_a_bad_address_is_named_in_a_swedish_message(bad):
    with pytest.raises(AddressError, match="är ingen e-postadress"):
        parse_addresses(bad)


@pytest.fixture
def actions(store, library, qapp):
    return ReportActions(store, library)


@pytest.fixture
def report_id(store, lundby):
    lundby.compiled_by = "Anna Andersson"
    return store.create_report(lundby)


def test_send_with_cc_pasted_one_per_line_makes_the_draft(actions, report_id, expect_dialog):
    from PySide6.QtCore import QSettings

    QSettings().setValue("send/cc", "sn.centrum@goteborg.se\r\nfsn@goteborg.se")
    opened = []
    expect_dialog("open_path", answer=lambda path, *_, **__: opened.append(path) or True)
    expect_dialog("ask", answer=True)
    expect_dialog("run_dialog", "Skicka till regionen", answer=True)
    assert actions.send(report_id) is not None
    message = message_from_bytes(opened[0].read_bytes(), policy=default)
    assert message["Cc"] == "sn.centrum@goteborg.se, fsn@goteborg.se"


def test_send_with_a_bad_stored_address_says_so_and_writes_nothing(actions, report_id, expect_dialog, db_path):
    from PySide6.QtCore import QSettings

    QSettings().setValue("send/cc", "sn.centrum goteborg.se")
    expect_dialog("show_error", "E-postmeddelandet kunde inte skapas")
    expect_dialog("ask", answer=True)
    before = dump(db_path)
    assert actions.send(report_id) is None
    errors = expect_dialog.texts("show_error")
    assert errors and "sn.centrum goteborg.se" in errors[0] and "Inställningar" in errors[0]
    assert not actions.outbox().exists() or not list(actions.outbox().iterdir())
    assert dump(db_path) == before


def test_an_area_and_attachment_name_with_line_breaks_still_send(actions, report_id, store, expect_dialog, tmp_path):
    store.update_report(report_id, area="Lundby\r\nBcc: x@evil.se")
    store.add_attachment(report_id, "Bilaga\r\n1.pdf", b"%PDF-1.4")
    opened = []
    expect_dialog("open_path", answer=lambda path, *_, **__: opened.append(path) or True)
    expect_dialog("ask", answer=True)
    expect_dialog("run_dialog", "Skicka till regionen", answer=True)
    assert actions.send(report_id) is not None
    raw = opened[0].read_bytes()
    message = message_from_bytes(raw, policy=default)
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"]
    names = [part.get_filename() for part in message.iter_attachments()]
    assert all("\n" not in n and "\r" not in n for n in names)


@pytest.mark.parametrize("compiled_by, area", [("Å" * 300, "Lundby"), ("Anna", "Ö" * 200)])
def test_word_export_with_a_long_name_or_area(library, lundby, compiled_by, area):
    from exports.bundle import docx_bytes

    lundby.compiled_by, lundby.area = compiled_by, area
    template = library.get(lundby.template_id, lundby.revision)
    document = Document(io.BytesIO(docx_bytes(template, lundby)))
    props = document.core_properties
    assert len(props.author) <= 255 and len(props.title) <= 255
    assert compiled_by in "\n".join(p.text for p in document.paragraphs)  # the document itself keeps it all


def test_gui_export_failure_that_is_not_an_export_error_gets_a_swedish_message(actions, report_id, monkeypatch,
                                                                               tmp_path, expect_dialog):
    import exports.bundle

    monkeypatch.setattr(exports.bundle, "docx_bytes", lambda *a, **k: 1 / 0)  # any unexpected failure
    expect_dialog("choose_save_path", answer=tmp_path / "x.docx")
    expect_dialog("show_error", "Kunde inte spara")
    assert actions.export(report_id, "docx") is None
    errors = expect_dialog.texts("show_error")
    assert "oväntat fel" in errors[0] and "fel.log" in errors[0]
    assert not (tmp_path / "x.docx").exists()


def test_cli_export_writes_all_requested_files_or_none(tmp_path, capsys, store, report_id, db_path):
    store.close()
    out = tmp_path / "ut"
    out.mkdir()
    code = cli_main(["export", "--db", str(db_path), str(report_id), "--docx", str(out / "r.docx"),
                     "--xlsx", str(out / "r.xlsx"), "--eml", str(out / "saknas" / "r.eml")])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "Mappen" in err and "saknas" in err and "Inga filer har skrivits" in err
    assert list(out.iterdir()) == []  # no docx/xlsx left behind


def test_excepthook_shows_a_swedish_dialog_and_writes_the_log(tmp_path, monkeypatch, expect_dialog, qtbot):
    """A real exception raised in a real Qt slot (a QTimer's timeout) reaches the hook."""
    import sys

    from PySide6.QtCore import QTimer

    from desktop.crash import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    expect_dialog("show_error", "Ett oväntat fel")
    log = install_excepthook(tmp_path)

    def slot():
        raise RuntimeError("ett fel i en Qt-slot")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(expect_dialog.texts("show_error")), timeout=3000)
    shown = expect_dialog.texts("show_error")
    assert str(log) in shown[0] and "RuntimeError" in shown[0]
    assert "RuntimeError: ett fel i en Qt-slot" in log.read_text(encoding="utf-8")
