"""Temporary copies opened in other programs (a bilaga, a file as sent or received), under Windows'
rules imitated on Linux (tests/windows_rules.py): read-only copies are removed at exit and at a later
start although Windows refuses to delete read-only files; an edited bilaga copy is offered back to
the report, never silently lost; two names alike but for case stay two files in the Utkorg."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import copies
from desktop.attachments_dialog import AttachmentsDialog
from desktop.report_actions import ReportActions
from desktop.sending_dialogs import SentDialog
from forms.filesystem import unique_name
from tests.processes import child_env
from tests.windows_rules import WindowsUnlink

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def temp_root(tmp_path, monkeypatch):
    """The system's temporary folder, here a fresh one; Windows' rule for deleting files in force."""
    root = tmp_path / "Temp"
    root.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(root))
    monkeypatch.setattr(copies, "_made", {})
    monkeypatch.setattr(copies, "_bilagor", {})
    monkeypatch.setattr(copies, "_session", None)
    rule = WindowsUnlink()
    monkeypatch.setattr(os, "unlink", rule)
    monkeypatch.setattr(os, "remove", rule)
    return root


@pytest.fixture
def actions(store, library):
    return ReportActions(store, library)


@pytest.fixture
def report_id(store, lundby):
    return store.create_report(lundby)


def test_read_only_copies_are_removed_at_exit(qtbot, actions, report_id, temp_root, expect_dialog):
    expect_dialog("open_path", answer=True)
    expect_dialog("ask", "Rapporten är inte klar", answer=True)
    expect_dialog("run_dialog", "Skicka till regionen", answer=True)
    actions.send(report_id)
    dialog = SentDialog(actions.store, report_id)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(1)
    expect_dialog("open_path", answer=True)
    sent = dialog.open_selected()
    assert sent.parent.parent.parent == temp_root and not sent.stat().st_mode & 0o222  # a record: read-only
    assert copies.clean_own() == []
    assert list(temp_root.iterdir()) == [] and os.unlink.refused >= 1  # Windows' refusal, met and handled


def _copying_process(temp_root):
    """Another app process that has opened a copy and waits (still running) until told to end."""
    code = ("import os, sys; from desktop import copies; "
            "print(copies.open_copy('Uppföljning.pdf', b'%PDF', read_only=True), flush=True); "
            "sys.stdin.readline(); os._exit(0)")  # ends without cleaning up, as a crash or a forced log-off
    env = child_env(TMPDIR=str(temp_root), TMP=str(temp_root), TEMP=str(temp_root), QT_QPA_PLATFORM="offscreen",
                    PATH=os.environ.get("PATH", ""), **{k: os.environ[k] for k in ("SYSTEMROOT",) if k in os.environ})
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, encoding="utf-8")
    return child, Path(child.stdout.readline().strip())


def test_copies_left_by_a_crash_are_removed_at_the_next_start_and_a_running_windows_stay(temp_root):
    crashed, crashed_copy = _copying_process(temp_root)
    crashed.communicate("\n", timeout=30)  # gone, its copy left behind
    running, running_copy = _copying_process(temp_root)
    try:
        old = temp_root / "avtal-mottaget-abc123"  # made by an earlier version, no lock
        old.mkdir()
        (old / "1 Centrum.eml").write_bytes(b"mail")
        (old / "1 Centrum.eml").chmod(0o444)
        two_hours_ago = time.time() - 2 * 60 * 60
        os.utime(old, (two_hours_ago, two_hours_ago))
        recent_old = temp_root / "avtal-bilaga-def456"  # an earlier version's window may still use it
        recent_old.mkdir()
        own = copies.open_copy("Bilaga.docx", b"this window's", read_only=False)
        removed = copies.clean_stale()
        assert sorted(removed) == sorted([crashed_copy.parent.parent, old])
        assert running_copy.exists() and own.exists() and recent_old.exists()
    finally:
        running.communicate("\n", timeout=30)
    assert copies.clean_stale() == [running_copy.parent.parent]  # once that window has ended too


def open_bilaga_copy(qtbot, actions, report_id, tmp_path, expect_dialog):
    """A bilaga "Budget.docx" in the report, opened from a Bilagor dialog: the dialog and the copy."""
    source = tmp_path / "Budget.docx"
    source.write_bytes(b"version 1")
    actions.add_attachments(report_id, [source])
    dialog = AttachmentsDialog(actions, report_id)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    expect_dialog("open_path", answer=True)
    return dialog, dialog.open_selected()


def test_an_edited_bilaga_copy_is_offered_back_to_the_report(qtbot, actions, report_id, temp_root, tmp_path,
                                                               expect_dialog):
    dialog, copy = open_bilaga_copy(qtbot, actions, report_id, tmp_path, expect_dialog)
    assert "öppnades som en kopia" in dialog.note.text()
    assert dialog.offer_changes() == []  # unchanged: nothing asked
    copy.write_bytes(b"version 2, edited in Word")
    expect_dialog("ask", "Bilagan har ändrats", answer=True)
    [attachment] = actions.store.attachments(report_id)
    assert dialog.offer_changes() == [attachment.id]
    assert actions.store.attachment_content(attachment.id) == b"version 2, edited in Word"
    assert dialog.offer_changes() == []  # asked once per change
    copy.write_bytes(b"version 3")
    expect_dialog("ask", "Bilagan har ändrats", answer=False)
    dialog.accept()  # closing the dialog asks too
    assert actions.store.attachment_content(attachment.id) == b"version 2, edited in Word"
    assert "bara i kopian" in dialog.note.text()


def test_a_bilaga_edited_after_its_dialog_closed_is_offered_in_the_next(qtbot, actions, report_id, temp_root,
                                                                         tmp_path, expect_dialog):
    first, copy = open_bilaga_copy(qtbot, actions, report_id, tmp_path, expect_dialog)
    first.accept()  # closed before Word saved anything: nothing to ask
    copy.write_bytes(b"version 2, saved in Word later")
    later = AttachmentsDialog(actions, report_id)
    qtbot.addWidget(later)
    expect_dialog("ask", "Bilagan har ändrats", answer=True)
    [attachment] = actions.store.attachments(report_id)
    assert later.offer_changes() == [attachment.id]
    assert actions.store.attachment_content(attachment.id) == b"version 2, saved in Word later"


def test_names_alike_but_for_case_are_two_bilagor_and_two_files(actions, report_id, store, tmp_path,
                                                                  expect_dialog):
    """Windows' folders do not tell Budget.pdf from budget.pdf: the second would overwrite the first
    in the Utkorg. A bilaga named as the Word export would overwrite it on any system."""
    for name in ("Budget.pdf", "budget.pdf", "Uppföljning FCA Lundby 2022.DOCX"):
        (tmp_path / name).write_bytes(name.encode())
        actions.add_attachments(report_id, [tmp_path / name])
    assert [a.name for a in store.attachments(report_id)] == [
        "Budget.pdf", "budget (2).pdf", "Uppföljning FCA Lundby 2022.DOCX"]
    expect_dialog("open_path", answer=True)
    expect_dialog("ask", "Rapporten är inte klar", answer=True)
    expect_dialog("run_dialog", "Skicka till regionen", answer=True)
    sending_id = actions.send(report_id)
    [sending] = store.sendings(report_id)
    folder = actions.outbox() / sending.eml_path.rsplit("/", 1)[-1].removesuffix(".eml")
    written = [p.name for p in folder.iterdir()]
    assert len({name.casefold() for name in written}) == len(written) == len(sending.files) == 4 + 3
    assert "Uppföljning FCA Lundby 2022 (2).DOCX" in written
    assert store.sent_file(sending_id, "Uppföljning FCA Lundby 2022 (2).DOCX") == b"Uppf\xc3\xb6ljning FCA Lundby 2022.DOCX"


def test_unique_name_ignores_case():
    assert unique_name("budget.pdf", {"Budget.PDF"}) == "budget (2).pdf"
    assert unique_name("README", {"readme", "README (2)"}) == "README (3)"
    assert unique_name("Å.txt", {"å.TXT"}) == "Å (2).txt"


def test_a_bilaga_edited_but_never_brought_back_is_offered_when_the_app_closes(qtbot, actions, report_id, library,
                                                                               temp_root, tmp_path, expect_dialog):
    from desktop.main_window import MainWindow

    dialog, copy = open_bilaga_copy(qtbot, actions, report_id, tmp_path, expect_dialog)
    dialog.accept()
    copy.write_bytes(b"version 2, saved in Word after the dialog closed")
    window = MainWindow(actions.store, library)
    qtbot.addWidget(window)
    expect_dialog("ask", "Bilagan har ändrats", answer=True)
    window.close()
    assert "kopian tas bort när programmet stängs" in expect_dialog.texts("ask")[0]
    [attachment] = actions.store.attachments(report_id)
    assert actions.store.attachment_content(attachment.id) == b"version 2, saved in Word after the dialog closed"
    assert copies.clean_own() == [] and list(temp_root.iterdir()) == []
