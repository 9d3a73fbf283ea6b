"""Where the file dialogs start: Dokument the first time (made if the profile lacks it, never the
program's own folder), then the folder last used for that kind of file (export, import, bilaga)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import settings
from desktop.attachments_dialog import AttachmentsDialog
from desktop.report_actions import ReportActions


@pytest.fixture
def fresh_home(tmp_path, monkeypatch) -> Path:
    """A new user's profile without a Documents folder (as on a fresh Linux account)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(tmp_path)  # the "program's folder" the dialog must not start in
    return home


def test_first_export_starts_in_documents(store, library, lundby, fresh_home, expect_dialog):
    actions = ReportActions(store, library)
    expect_dialog("choose_save_path", "Spara som", answer=None)
    actions.export(store.create_report(lundby), "docx")
    suggested = expect_dialog.shown[0].arguments["suggested"]
    assert suggested.parent == fresh_home / "Documents" and suggested.parent.is_dir()


def test_each_kind_remembers_its_own_folder(qtbot, store, library, lundby, fresh_home, tmp_path, expect_dialog):
    actions = ReportActions(store, library)
    report_id = store.create_report(lundby)
    out, pictures = tmp_path / "ut", tmp_path / "bilder"
    out.mkdir()
    pictures.mkdir()
    (pictures / "bild.png").write_bytes(b"\x89PNG")
    expect_dialog("choose_save_path", "Spara som", answer=out / "r.xlsx")
    actions.export(report_id, "xlsx")
    dialog = AttachmentsDialog(actions, report_id)
    qtbot.addWidget(dialog)
    expect_dialog("choose_open_paths", "Lägg till bilagor", answer=[pictures / "bild.png"])
    dialog.add_from_dialog()
    assert settings.last_folder("export") == out
    assert settings.last_folder("bilaga") == pictures
    assert settings.last_folder("import") == fresh_home / "Documents"
    expect_dialog("choose_save_path", "Spara som", answer=None)
    actions.export(report_id, "docx")  # the next export starts where the last one went
    assert expect_dialog.shown[-1].arguments["suggested"].parent == out
