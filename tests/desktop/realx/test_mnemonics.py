"""One rule for Alt keys, checked everywhere: within one scope — the main window with its menu bar, each
menu, each dialog with its tab bars — no two entries share a mnemonic letter. (The wizard's pages are
walked by tests/desktop/realx/test_keyboard.py with the same rule.) A clash makes Alt+letter do the
first of the two and never the second: Alt+S in Sammanställning switched tab instead of closing."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QTabBar, QWidget

from forms.report import Report
from tests.desktop.keyboard import show_active


def mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def scope_entries(window: QWidget) -> list[tuple[str, str]]:
    """(mnemonic, text) of what Alt+letter reaches in a window: its visible buttons, buddied labels,
    tab bar tabs and menu bar titles."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        texts = []
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            texts = [widget.text()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        texts += [a.text() for a in getattr(widget, "actions", lambda: [])() if widget.metaObject().className() == "QMenuBar"]
        found += [(mnemonic(text), text) for text in texts if mnemonic(text)]
    return found


def menu_entries(menu: QMenu) -> list[tuple[str, str]]:
    return [(mnemonic(a.text()), a.text()) for a in menu.actions()
            if a.isVisible() and not a.isSeparator() and mnemonic(a.text())]


def clashes(entries: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_key = defaultdict(list)
    for key, text in entries:
        by_key[key].append(text)
    return {key: texts for key, texts in by_key.items() if len(texts) > 1}


@pytest.fixture
def app_state(qtbot, store, library, tmp_path, expect_dialog):
    """A report list with a report, one draft in the Utkorg ("Utkorg (1)…") and one in the bin."""
    from desktop.main_window import MainWindow
    from forms.demo import demo_report

    report_id = store.create_report(demo_report(library))
    store.delete_report(store.create_report(Report("fca-uppfoljning", "2023", "Hisingen", 2023)))
    eml = tmp_path / "Utkorg" / "Uppföljning FCA Lundby 2022.eml"
    eml.parent.mkdir()
    eml.write_bytes(b"")
    store.record_sending(report_id, recipients="hsn.goteborg@vgregion.se", subject="Uppföljning", eml_path=str(eml),
                         files=[("a.docx", b"x")])
    window = MainWindow(store, library)
    qtbot.addWidget(window)
    window.refresh(report_id)
    show_active(qtbot, window)
    return window, report_id


def test_the_main_window_and_every_menu(qtbot, app_state):
    window, _ = app_state
    problems = {"the main window": clashes(scope_entries(window))}
    menus = [a.menu() for a in window.menuBar().actions()] + [window.export_button.menu()]
    for menu in menus:
        problems[menu.title()] = clashes(menu_entries(menu))
    assert "(1)" in window.outbox_action.text()  # the Utkorg's count is in the menu
    assert not any(problems.values()), {scope: c for scope, c in problems.items() if c}


def test_every_dialog(qtbot, app_state, store, library, tmp_path, lundby):
    from desktop.handoff import OpenFailedDialog
    from desktop.receiving_view import ConsolidationDialog, ReceivedFilesDialog, ReceiveDialog
    from desktop.send_dialog import SendDialog
    from desktop.word_import_dialog import WordImportDialog
    from exports.bundle import docx_bytes
    from forms.word_import import match_document
    from forms.word_reader import read_docx
    from tests.desktop.realx.conftest import report_list_dialogs

    window, report_id = app_state
    docx = tmp_path / "Lundby.docx"
    docx.write_bytes(docx_bytes(library.get(lundby.template_id, lundby.revision), lundby, []))
    document = read_docx(docx)
    folder = tmp_path / "Utkorg" / "Uppföljning FCA Lundby 2022"
    folder.mkdir()
    made = report_list_dialogs(store, library, window, report_id, tmp_path) + [
        SendDialog(to=["hsn.goteborg@vgregion.se"], cc=["sn@goteborg.se"], subject="Uppföljning", eml=folder.with_suffix(".eml"),
                   folder=folder, what="filerna", opened=False, parent=window),
        SendDialog(to=["hsn.goteborg@vgregion.se"], cc=[], subject="Uppföljning", eml=folder.with_suffix(".eml"),
                   folder=folder, what="filerna", opened=True, parent=window),
        OpenFailedDialog(folder, "xdg-open: no method available", window),
        ConsolidationDialog(store, library, 2022, window, "fca-uppfoljning"),
        ReceiveDialog(store, library, window),
        ReceivedFilesDialog(store, report_id, window),
        WordImportDialog(document, match_document(document, library), library, window),
    ]
    problems = {}
    for dialog in made:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for tabs in dialog.findChildren(QTabBar):  # every tab's page, with the tab bar itself
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                problems[f"{dialog.windowTitle()} / {tabs.tabText(index)}"] = clashes(scope_entries(dialog))
        problems[dialog.windowTitle()] = clashes(scope_entries(dialog))
        dialog.close()
    assert not any(problems.values()), {scope: c for scope, c in problems.items() if c}
