"""Helpers for tests on a real X server (see tests/desktop/test_real_x.py): key presses and typing
go through the X server with xdotool, exactly as a user's keyboard does."""

from __future__ import annotations

import os
import subprocess

import pytest
from PySide6.QtGui import QGuiApplication


@pytest.fixture(autouse=True, scope="session")
def real_x_only():
    if QGuiApplication.platformName() != "xcb":
        # named on the command line offscreen (the landing's changed-files run): these run under
        # tests/desktop/test_real_x.py, which fails when any of them is skipped there
        pytest.skip("tests/desktop/realx runs on a real X server (QT_QPA_PLATFORM=xcb): tests/desktop/test_real_x.py")
    assert os.environ.get("DISPLAY")
    from desktop.style import install_style

    install_style(QGuiApplication.instance())  # the app's own look (as the main window installs it): row heights, sizes


def x_type(text: str) -> None:
    """Type text with real X key events into whatever window and widget have the focus."""
    subprocess.run(["xdotool", "type", "--delay", "12", text], check=True)


def x_key(*keys: str) -> None:
    """Press keys (xdotool names: "alt+n", "Tab", "space", "Return")."""
    subprocess.run(["xdotool", "key", "--delay", "30", *keys], check=True)


def x_click(widget, x: int | None = None, y: int | None = None) -> None:
    """A real mouse click at a point of `widget` (its middle by default), in device pixels."""
    from PySide6.QtCore import QPoint

    local = QPoint(widget.width() // 2 if x is None else x, widget.height() // 2 if y is None else y)
    point = widget.mapToGlobal(local)
    ratio = widget.devicePixelRatioF()
    subprocess.run(["xdotool", "mousemove", "--sync", str(round(point.x() * ratio)), str(round(point.y() * ratio)),
                    "click", "1"], check=True)


def report_list_dialogs(store, library, window, report_id: int, tmp_path) -> list:
    """Every dialog of the report list (attachments, sending, settings, new report, history), made as the
    app makes them, for the checks that walk all of them (screen fit, mnemonics)."""
    from datetime import date

    from desktop.attachments_dialog import AttachmentsDialog
    from desktop.history_dialogs import BackupsDialog, BinDialog, VersionsDialog
    from desktop.new_report_dialogs import FromPreviousDialog, NewReportDialog
    from desktop.report_actions import ReportActions
    from desktop.sending_dialogs import OutboxDialog, SentDialog
    from desktop.settings_dialog import SettingsDialog
    from forms.demo import demo_report
    from forms.yearly import area_choice

    actions = ReportActions(store, library, window)
    own = [(t.id, t.type_name) for t in library if not t.recipients][:1]
    return [
        SettingsDialog(("hsn.goteborg@vgregion.se",), tmp_path / "Säkerhetskopior", window, own_recipients=own),
        NewReportDialog(library, date(2024, 3, 1), window),
        FromPreviousDialog("Uppföljning FCA Lundby 2022", 2023, area_choice(demo_report(library), library), window),
        BinDialog(store, library, window),
        BackupsDialog(store.path, window),
        VersionsDialog(store, library, report_id, window),
        SentDialog(store, report_id, window),
        OutboxDialog(actions, window),
        AttachmentsDialog(actions, report_id, window),
    ]
