"""Names of files we write: bilagor (issue 8, break 7) and export file names (moved here from issue 11
item 4): a stored name never writes outside a fresh private temp folder; Windows' reserved names and
trailing dots/spaces are cleaned; a file held open by Word and a path over 260 characters say so."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest

from desktop.attachments_dialog import AttachmentsDialog
from desktop.report_actions import ReportActions
from exports.files import ExportError, write_bytes_safely
from forms.clean import safe_attachment_name, safe_file_name
from tests.needs import missing


@pytest.mark.parametrize("stored, written", [
    ("../x", "x"), ("../../etc/passwd", "passwd"), ("/tmp/abs.txt", "abs.txt"),
    ("C:\\Windows\\evil.dll", "evil.dll"), ("..\\..\\a.pdf", "a.pdf"), ("..", "Bilaga"),
    ("CON", "Bilaga CON"), ("nul.pdf", "Bilaga nul.pdf"), ("com1.docx", "Bilaga com1.docx"),
    ("LPT9.txt", "Bilaga LPT9.txt"), ("Plan. ", "Plan"), ("Plan.pdf. ", "Plan.pdf"),
    ("a<b>c:d|e?.pdf", "a-b-c-d-e-.pdf"), ("Bilaga\r\n1.pdf", "Bilaga 1.pdf"), ("Budget 2023.xlsx", "Budget 2023.xlsx"),
])
def test_attachment_names_are_plain_names_windows_accepts(stored, written):
    assert safe_attachment_name(stored) == written


@pytest.mark.parametrize("stem, expected", [
    ("CON", "Rapport CON"), ("con.txt", "Rapport con.txt"), ("AUX", "Rapport AUX"), ("PRN.docx", "Rapport PRN.docx"),
    ("COM9", "Rapport COM9"), ("LPT1", "Rapport LPT1"), ("COM¹", "Rapport COM¹"),
    ("Lundby. . .", "Lundby"), ("Lundby   ", "Lundby"), ("NULL", "NULL"), ("CONSOLE", "CONSOLE"),
])
def test_export_file_names_clean_reserved_names_and_trailing_dots(stem, expected):
    assert safe_file_name(stem) == expected


def test_opening_a_crafted_attachment_writes_only_inside_a_fresh_private_folder(qtbot, store, library, lundby,
                                                                                 tmp_path, expect_dialog):
    report_id = store.create_report(lundby)
    escape = tmp_path / "escaped.txt"
    store.add_attachment(report_id, f"../../../../../../../..{escape}", b"crafted")  # a crafted database
    dialog = AttachmentsDialog(ReportActions(store, library), report_id)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    expect_dialog("open_path", answer=True)
    path = dialog.open_selected()
    assert not escape.exists()
    assert path.name == "escaped.txt" and path.read_bytes() == b"crafted"
    assert path.parent.name.startswith("avtal-kopia-")
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_adding_an_attachment_stores_a_clean_name(store, library, lundby, tmp_path, qapp):
    report_id = store.create_report(lundby)
    source = tmp_path / "nul.pdf. "
    source.write_bytes(b"%PDF")
    assert ReportActions(store, library).add_attachments(report_id, [source]) == []
    assert [a.name for a in store.attachments(report_id)] == ["Bilaga nul.pdf"]


def test_a_file_held_open_by_word_says_close_it_and_keeps_it(tmp_path):
    """Word on Windows holds the file: the replace raises PermissionError. Here the same refusal is
    made real with the immutable attribute (chattr +i), which stops even root."""
    target = tmp_path / "Uppföljning.docx"
    target.write_bytes(b"the open document")
    done = subprocess.run(["chattr", "+i", str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        missing(f"chattr +i is not possible here: {done.stderr.strip()}")
    try:
        with pytest.raises(ExportError, match="Stäng filen i Word"):
            write_bytes_safely(target, b"new content")
        assert target.read_bytes() == b"the open document"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["Uppföljning.docx"]  # no temp file left
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=False)


def test_a_path_over_260_characters_gets_a_clear_message(tmp_path):
    folder = tmp_path / ("mapp-" * 30)
    folder.mkdir()
    target = folder / ("Uppföljning FCA Lundby 2022 " * 3 + ".docx")
    assert len(str(target)) > 260
    with pytest.raises(ExportError, match="Sökvägen är för lång .* Välj en mapp närmare"):
        write_bytes_safely(target, b"x")
    assert list(folder.iterdir()) == []


def test_a_300_character_file_name_is_refused_in_swedish(tmp_path):
    with pytest.raises(ExportError, match="Sökvägen är för lång"):
        write_bytes_safely(tmp_path / ("x" * 300 + ".docx"), b"x")
