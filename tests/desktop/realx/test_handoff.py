"""Under a real X server with no mail program and no file manager (xdg-open installed, but nothing for
it to hand .eml files or folders to: "xdg-open: no method available", exit 3): "Skicka till regionen"
must not say the mail opened, must show where the draft and its files are, and copying the paths must
put them on the clipboard; "Öppna mappen med filerna" must say what happened instead of nothing."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from desktop import dialogs
from desktop.report_actions import ReportActions
from tests.desktop.realx.conftest import x_click


@pytest.fixture
def nothing_opens_files(monkeypatch, tmp_path):
    """A desktop without a mail program or file manager: xdg-open finds no handler and no browser."""
    if shutil.which("xdg-open") is None:
        pytest.fail("xdg-open is not installed: apt-get install xdg-utils (scripts/debian-packages.txt)")
    empty = tmp_path / "no-desktop"
    empty.mkdir()
    for name, value in {"HOME": empty, "XDG_DATA_HOME": empty / "share", "XDG_DATA_DIRS": empty / "share",
                        "XDG_CONFIG_HOME": empty / "config"}.items():
        monkeypatch.setenv(name, str(value))
    for name in ("BROWSER", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID"):
        monkeypatch.delenv(name, raising=False)


def real_open_path(*args, **kwargs):
    """The real hand-off (desktop/handoff.py), through the guard so the test still sees it."""
    return dialogs.open_path.__wrapped__(*args, **kwargs)


def shown_and_exposed(qtbot, dialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.wait(200)  # the window manager has framed and placed it


def test_send_without_mail_program_or_file_manager(qtbot, store, library, lundby, expect_dialog, nothing_opens_files):
    actions = ReportActions(store, library)
    report_id = store.create_report(lundby)
    eml = actions.outbox() / "Uppföljning FCA Lundby 2022.eml"
    folder = actions.outbox() / "Uppföljning FCA Lundby 2022"
    seen = {}

    def folder_failed(dialog):
        shown_and_exposed(qtbot, dialog)
        seen["failed_title"] = dialog.windowTitle()
        seen["failed_text"] = dialog.message.text()
        seen["failed_path"] = dialog.path_field.field.text()
        x_click(dialog.path_field.copy_button)
        qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == str(folder), timeout=5000)
        dialog.close()
        return True

    def send_dialog(dialog):
        shown_and_exposed(qtbot, dialog)
        seen["texts"] = [label.text() for label in dialog.findChildren(QLabel)]
        seen["paths"] = {key: field.text() for key, field in dialog.fields.items()}
        x_click(dialog.copy_buttons["eml"])
        qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == str(eml), timeout=5000)
        x_click(dialog.open_folder_button)
        qtbot.waitUntil(lambda: "failed_text" in seen, timeout=15000)
        dialog.close()
        return False

    expect_dialog("ask", "Rapporten är inte klar", answer=True)
    expect_dialog("open_path", answer=real_open_path)
    expect_dialog("run_dialog", "Skicka till regionen", answer=send_dialog)
    expect_dialog("run_dialog", "Mappen kunde inte öppnas", answer=folder_failed)
    actions.send(report_id)

    texts = "\n".join(seen["texts"])
    assert "men det har INTE öppnats" in texts
    assert "har öppnats i ditt e-postprogram" not in texts
    assert seen["paths"]["eml"] == str(eml) and seen["paths"]["folder"] == str(folder)
    assert seen["failed_path"] == str(folder)
    assert "no method available" in seen["failed_text"]  # what the system said
    assert "Utforskaren" in seen["failed_text"]  # and what to do
    assert QGuiApplication.clipboard().text() == str(folder)


def test_opening_a_file_nothing_opens_says_so(qtbot, tmp_path, expect_dialog, nothing_opens_files):
    """A bilaga or a sent file: the same checked hand-off, a dialog with the path instead of silence."""
    path = tmp_path / "Bilaga 1.xyzzy"
    path.write_text("x", encoding="utf-8")
    seen = {}

    def failed(dialog):
        seen["text"], seen["path"] = dialog.message.text(), dialog.path_field.field.text()
        return True

    expect_dialog("run_dialog", "Filen kunde inte öppnas", answer=failed)
    assert real_open_path(path) is False
    assert seen["path"] == str(path) and "Bilaga 1.xyzzy" in seen["text"]


def test_an_export_confirms_and_visa_i_mappen_says_what_happened(qtbot, store, library, lundby, tmp_path, expect_dialog,
                                                                 nothing_opens_files):
    """The Word export's status line under a real window manager: "Sparad: <namn>", and a real click on
    Visa i mappen with no file manager gives the dialog with the folder's path, not silence."""
    from desktop.main_window import MainWindow
    from tests.desktop.keyboard import show_active

    window = MainWindow(store, library)
    qtbot.addWidget(window)
    window.refresh(store.create_report(lundby))
    show_active(qtbot, window)
    target = tmp_path / "Dokument" / "Uppföljning FCA Lundby 2022.docx"
    target.parent.mkdir()
    expect_dialog("choose_save_path", "Spara som", answer=target)
    window.word_action.trigger()
    line = window.status_line
    qtbot.waitUntil(line.isVisible, timeout=5000)
    assert line.text == f"Sparad: {target.name}"
    seen = {}

    def folder_failed(dialog):
        seen["path"], seen["text"] = dialog.path_field.field.text(), dialog.message.text()
        return True

    expect_dialog("open_path", answer=real_open_path)
    expect_dialog("run_dialog", "Mappen kunde inte öppnas", answer=folder_failed)
    qtbot.waitExposed(line.buttons["saved_folder"])
    x_click(line.buttons["saved_folder"])
    qtbot.waitUntil(lambda: "path" in seen, timeout=15000)
    assert seen["path"] == str(target.parent) and "no method available" in seen["text"]
