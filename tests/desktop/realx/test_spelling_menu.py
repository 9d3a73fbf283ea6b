"""The spell checker's right-click menu under a real X server: typed with real key events, opened with
a real right click on the underlined word, in Swedish (Qt's own entries from qtbase_sv), and a
suggestion chosen with the mouse replaces the word."""

from __future__ import annotations

import os
import subprocess

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.app import install_swedish
from forms.report import Report
from tests.desktop.realx.conftest import x_type


def right_click(widget, point) -> None:
    ratio = widget.devicePixelRatioF()
    spot = widget.mapToGlobal(point)
    subprocess.run(["xdotool", "mousemove", "--sync", str(round(spot.x() * ratio)), str(round(spot.y() * ratio)),
                    "click", "3"], check=True)


def test_right_click_on_a_misspelt_word_offers_swedish_suggestions(qtbot, open_wizard, spelling_settings):
    install_swedish(QApplication.instance())
    service = spelling_settings
    service.ensure_loading()
    wizard = open_wizard(Report("fca-uppfoljning", "2022", "Lundby", 2022), "styrning")
    qtbot.waitUntil(lambda: service.checker is not None, timeout=15000)
    widget = wizard.currentPage().widgets["nosam"]  # the page's first question: in view at every scale
    widget.focus_in_view(widget.editor)
    qtbot.waitUntil(widget.editor.hasFocus, timeout=5000)
    qtbot.wait(100)  # scrolled once the layout settled
    x_type("Vi har gjort markansföring för familjer.")
    qtbot.waitUntil(lambda: widget.editor.toPlainText() == "Vi har gjort markansföring för familjer.", timeout=8000)
    cursor = QTextCursor(widget.editor.document())
    cursor.setPosition(16)
    right_click(widget.editor.viewport(), widget.editor.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=8000)
    menu = QApplication.activePopupWidget()
    # the menu opens at once; the suggestions (made in a worker thread) come into it when made
    qtbot.waitUntil(lambda: menu.actions()[0].objectName() == "spelling_suggestion", timeout=8000)
    qtbot.wait(100)  # the menu resized to hold them
    texts = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    if folder := os.environ.get("AVTAL_SCREENSHOTS"):
        qtbot.wait(200)
        menu.grab().save(os.path.join(folder, "stavning-meny.png"))
        wizard.grab().save(os.path.join(folder, "stavning-guide.png"))
    assert texts[0] == "marknadsföring"
    assert "Ignorera" in texts and "Lägg till i ordlistan" in texts
    assert any(t.startswith("Ångra") for t in texts) and any(t.startswith("Klistra in") for t in texts), texts
    suggestion = menu.actions()[0]
    rect = menu.actionGeometry(suggestion)
    ratio = menu.devicePixelRatioF()
    spot = menu.mapToGlobal(rect.center())
    subprocess.run(["xdotool", "mousemove", "--sync", str(round(spot.x() * ratio)), str(round(spot.y() * ratio)),
                    "click", "1"], check=True)
    qtbot.waitUntil(lambda: widget.editor.toPlainText() == "Vi har gjort marknadsföring för familjer.", timeout=8000)
