"""The guard against unexpected dialogs (tests/dialog_guard.py): a regression that opens a dialog
fails its test at once with the dialog's title and text, and a modal loop that blocks anyway is
ended by pytest-timeout's thread method within seconds instead of hanging the run."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import desktop.dialogs as dialogs

ROOT = Path(__file__).resolve().parent.parent


def test_an_undeclared_helper_dialog_fails_with_its_title_and_text(expect_dialog):
    with pytest.raises(pytest.fail.Exception, match="unexpected dialog: Tabellen: Beloppet saknas"):
        dialogs.show_warning(None, "Tabellen", "Beloppet saknas")
    with pytest.raises(pytest.fail.Exception, match="unexpected dialog: Filen finns redan: r.docx finns"):
        dialogs.ask(None, "Filen finns redan", "r.docx finns redan", yes="Ersätt")
    # Swallowed by the code under test (`except Exception` does not catch it, but a bare except
    # might): it is still reported when the test ends.
    assert len(expect_dialog._check_at_teardown()) == 2
    expect_dialog.unexpected.clear()


def test_declared_dialogs_are_answered_and_recorded(expect_dialog, tmp_path):
    expect_dialog("ask", "Filen finns redan", answer=False)
    expect_dialog("choose_save_path", answer=lambda parent, title, suggested, flt: suggested.with_suffix(".xlsx"))
    assert dialogs.ask(None, "Filen finns redan", "r.docx finns redan") is False
    expect_dialog("ask", "Filen finns redan", answer=True)  # the newest declaration answers from now on
    assert dialogs.ask(None, "Filen finns redan", "r.docx finns redan") is True
    assert dialogs.choose_save_path(None, "Spara som", tmp_path / "r.docx", "Word (*.docx)") == tmp_path / "r.xlsx"
    assert expect_dialog.titles() == ["Filen finns redan", "Filen finns redan", "Spara som"]
    assert expect_dialog.texts("ask") == ["r.docx finns redan"] * 2
    with pytest.raises(pytest.fail.Exception, match="unexpected dialog: Annat: text"):
        dialogs.ask(None, "Annat", "text")  # a declared title does not answer another title
    expect_dialog.unexpected.clear()


def test_a_declared_dialog_that_never_shows_fails_the_test(expect_dialog):
    expect_dialog("show_error", "Kunde inte spara")
    expect_dialog("ask", times=2)
    dialogs.ask(None, "En fråga", "?")
    assert expect_dialog._check_at_teardown() == [
        "expected dialog never shown: show_error 'Kunde inte spara'",
        "expected dialog ask 2 time(s), shown 1",
    ]
    dialogs.ask(None, "En fråga", "?")
    dialogs.show_error(None, "Kunde inte spara", "Disken är full.")
    assert expect_dialog._check_at_teardown() == []
    with pytest.raises(ValueError, match="no helper 'warn'"):
        expect_dialog("warn")


def test_a_test_that_patches_the_helpers_itself_is_told_to_declare_instead(expect_dialog):
    # Undone inside the test: a test's own `monkeypatch` is undone after the guard, and would put this
    # test's guard back in place of the real function for every test after it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dialogs, "show_info", lambda *a: None)
        assert expect_dialog._check_at_teardown() == [
            "desktop.dialogs.show_info was replaced by the test itself: declare it with expect_dialog('show_info', ...)"]
    assert expect_dialog._check_at_teardown() == []


def test_direct_qt_dialogs_fail_too(qapp, expect_dialog):
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    with pytest.raises(pytest.fail.Exception, match="unexpected dialog: Varning: Direkt"):
        QMessageBox.warning(None, "Varning", "Direkt")
    box = QMessageBox(QMessageBox.Icon.Question, "Fråga", "Med exec")
    with pytest.raises(pytest.fail.Exception, match="unexpected dialog: Fråga: Med exec"):
        box.exec()
    dialog = QDialog()
    dialog.setWindowTitle("Egen dialog")
    with pytest.raises(pytest.fail.Exception, match="unexpected dialog: Egen dialog: QDialog"):
        dialog.exec()
    with pytest.raises(pytest.fail.Exception, match="unexpected dialog: Öppna: "):
        QFileDialog.getOpenFileName(None, "Öppna")
    with pytest.raises(pytest.fail.Exception, match="unexpected dialog: Namn: Skriv"):
        QInputDialog.getText(None, "Namn", "Skriv")
    expect_dialog.unexpected.clear()


INNER = textwrap.dedent('''
    import pytest
    from PySide6.QtCore import QTimer
    import desktop.dialogs as dialogs

    def test_warning_from_a_slot(qtbot):
        """A regression: a table warning made blocking, shown from a signal handler."""
        QTimer.singleShot(0, lambda: dialogs.show_warning(None, "Tabellen", "Beloppet är för stort"))
        qtbot.wait(200)

    @pytest.mark.timeout(3)
    def test_a_real_modal_loop(qapp, monkeypatch, expect_dialog):
        """The guard taken away: QMessageBox's own modal loop blocks until the timeout ends it."""
        monkeypatch.undo()  # leaves the guard in place...
        with pytest.raises(pytest.fail.Exception):
            dialogs.show_warning(None, "Fortfarande", "skyddad")
        expect_dialog.unexpected.clear()
        expect_dialog.uninstall()  # ...this removes it
        dialogs.show_warning(None, "Blockerar", "på riktigt")
''')


def run_inner(tmp_path: Path, test: str) -> tuple[subprocess.CompletedProcess, float]:
    (tmp_path / "test_inner.py").write_text(INNER, encoding="utf-8")
    (tmp_path / "conftest.py").write_text("from tests.conftest import *  # noqa\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ROOT / "pyproject.toml"),
         "--rootdir", str(tmp_path), f"test_inner.py::{test}"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    return done, time.monotonic() - start


def test_a_dialog_opened_from_a_slot_fails_the_test_at_once(tmp_path):
    done, seconds = run_inner(tmp_path, "test_warning_from_a_slot")
    assert done.returncode == 1, done.stdout[-3000:]
    assert "unexpected dialog: Tabellen: Beloppet är för stort" in done.stdout
    assert "1 failed" in done.stdout
    assert seconds < 20


def test_a_blocking_modal_loop_is_ended_by_the_thread_timeout_in_seconds(tmp_path):
    done, seconds = run_inner(tmp_path, "test_a_real_modal_loop")
    assert done.returncode == 1
    assert "+ Timeout +" in done.stdout
    stack = done.stdout.split("+ Timeout +")[-2]  # the stack dump: where it blocked
    assert 'dialogs.show_warning(None, "Blockerar", "på riktigt")' in stack
    assert ".exec()" in stack.split("in show_warning")[-1]  # blocked in the message box's own modal loop
    assert seconds < 20  # 3 s of timeout plus the start of Python and Qt, not a hang
