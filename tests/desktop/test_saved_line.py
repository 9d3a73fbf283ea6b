"""The saved state as a line just above the wizard's buttons: "Sparat 14:22" after a save, "Inte
sparat – …" in red while the database refuses writes (a real full database, PRAGMA max_page_count)."""

from __future__ import annotations

import re

from forms.report import Report
from tests.desktop.keyboard import type_text
from tests.faults.helpers import fill_database, free_database


def test_the_saved_line_follows_the_real_saves(qtbot, open_wizard):
    wizard = open_wizard(Report("fca-uppfoljning", "2022", "Lundby", 2022), "styrning")
    line = wizard.saved_line
    assert line.isVisible()
    editor = wizard.currentPage().widgets["aktiviteter_samverkan"].editor
    type_text(editor, "Första meningen. ")
    qtbot.waitUntil(lambda: re.fullmatch(r"Sparat \d\d:\d\d", line.text()) is not None, timeout=5000)
    fill_database(wizard.store.conn)
    type_text(editor, "Skrivet när disken var full. " * 160)  # more than the pages left
    qtbot.waitUntil(lambda: line.text().startswith("Inte sparat –"), timeout=8000)
    assert "b00020" in line.styleSheet()
    free_database(wizard.store.conn)
    qtbot.waitUntil(lambda: line.text().startswith("Sparat "), timeout=10000)
