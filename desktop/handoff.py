"""Handing a file or folder to the system (Word, Outlook, Utforskaren): whether it really happened.

`QDesktopServices.openUrl` says True on Linux as soon as it has *started* xdg-open — also when xdg-open
then finds nothing to open the file with ("xdg-open: no method available", exit 3). So the launcher is
run here and its answer read: `os.startfile`'s exception on Windows, the exit status of `open` (macOS)
and `xdg-open` elsewhere. When it fails, `OpenFailedDialog` tells the user what happened, shows the
full path (selectable, with "Kopiera sökvägen") and what to do instead.

Everything else calls `desktop.dialogs.open_path` (tests declare it), which uses `launch` below.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

# xdg-open returns at once on a desktop (gio/kde-open hand over and exit); without one it may run the
# program itself and wait for it. Still running after this long means it found something to run.
STILL_RUNNING_MEANS_OPENED = 2.5


def launch(target: Path) -> str | None:
    """Open `target` in the program the system has for it. None when the system took it; otherwise
    the launcher's own words for why not (for the user's "what happened")."""
    if sys.platform == "win32":
        try:
            os.startfile(str(target))  # noqa: S606 - the user's own file, opened as a double-click would
        except OSError as exc:
            return exc.strerror or str(exc)
        return None
    command = "open" if sys.platform == "darwin" else "xdg-open"
    program = shutil.which(command)
    if program is None:
        return f"{command} finns inte på datorn"
    try:
        process = subprocess.Popen([program, str(target)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, start_new_session=True, env=_system_environment())
    except OSError as exc:
        return f"{command} kunde inte startas: {exc.strerror or exc}"
    try:
        _, err = process.communicate(timeout=STILL_RUNNING_MEANS_OPENED)
    except subprocess.TimeoutExpired:
        # The program it started runs (xdg-open waits for it): reap it later, never leave a zombie.
        threading.Thread(target=process.communicate, daemon=True).start()
        return None
    if process.returncode == 0:
        return None
    lines = [line.strip() for line in err.decode(errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else f"{command} avslutades med felkod {process.returncode}"


def _system_environment() -> dict[str, str]:
    """The environment for the user's programs: in the frozen app (PyInstaller) without the bundle's
    own library path, which would make Word's or LibreOffice's libraries load from our folder."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        original = env.pop("LD_LIBRARY_PATH_ORIG", None)
        if original is not None:
            env["LD_LIBRARY_PATH"] = original
        else:
            env.pop("LD_LIBRARY_PATH", None)
    return env


class PathField(QWidget):
    """A full path the user can select and copy: a read-only line and "Kopiera sökvägen"."""

    def __init__(self, path: Path, name: str = "path", button_text: str = "Kopiera sö&kvägen",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.field = QLineEdit(str(path))
        self.field.setReadOnly(True)
        self.field.setCursorPosition(0)
        self.field.setObjectName(name)
        self.field.setAccessibleName("Sökväg")
        self.copy_button = QPushButton(button_text)
        self.copy_button.setObjectName(f"{name}_copy")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.copy_button)

    def set_path(self, path: Path) -> None:
        self.path = path
        self.field.setText(str(path))
        self.field.setCursorPosition(0)

    def copy(self) -> None:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(str(self.path))
        self.copy_button.setText(self.copy_button.text().replace("Kopiera", "Kopierat:", 1).replace("&", ""))


def what_to_do(path: Path) -> str:
    if path.is_dir():
        return ("Kopiera sökvägen och klistra in den i adressfältet i Utforskaren (eller en annan "
                "filhanterare), så kommer du till mappen.")
    return (f"Öppna filen från programmet du brukar använda för {path.suffix or 'sådana'}-filer (Arkiv → "
            "Öppna) och klistra in sökvägen där, eller kopiera sökvägen och klistra in den i Utforskaren.")


class OpenFailedDialog(QDialog):
    """What happened, the full path and what to do, when the system did not open a file or folder."""

    def __init__(self, path: Path, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("open_failed")
        folder = path.is_dir()
        self.setWindowTitle("Mappen kunde inte öppnas" if folder else "Filen kunde inte öppnas")
        what = (f"Mappen {path.name} kunde inte öppnas: det finns ingen filhanterare som tar emot den."
                if folder else
                f"Filen {path.name} kunde inte öppnas: inget program på datorn öppnar {path.suffix or 'den'}-filer.")
        self.message = QLabel(f"{what}\n\nSystemet svarade: {reason}\n\n{what_to_do(path)}")
        self.message.setObjectName("open_failed_message")
        self.message.setWordWrap(True)
        self.path_field = PathField(path, "open_failed_path")
        close = QPushButton("&Stäng")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.path_field)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)
