"""Where the application keeps its data: the user's data folder (Qt's standard paths)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QStandardPaths
from PySide6.QtGui import QIcon

from forms.resources import resource_path

APP_NAME = "Avtalsuppföljning"
ORGANIZATION = "Göteborgs Stad"
DB_FILE = "rapporter.sqlite"
# Windows groups taskbar buttons and pins by this; the installer's Start-menu shortcut carries the same
# (packaging/windows/avtalsuppfoljning.iss), so a pinned app and a running one are one button.
APP_USER_MODEL_ID = "GoteborgsStad.Avtalsuppfoljning"
ICON_SIZES = (16, 24, 32, 48, 64, 256)  # drawn by scripts/make-icons.py from packaging/icon/


def set_application_names() -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)


def default_db_path() -> Path:
    """%LOCALAPPDATA%/Göteborgs Stad/Avtalsuppföljning/rapporter.sqlite on Windows: the local folder,
    never the roaming one, which an administration often redirects to a network share
    (forms/home.py says why that is unsafe); ~/.local/share/… on Linux."""
    set_application_names()
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(folder) / DB_FILE


def template_cache_path() -> Path:
    """The templates' parsed TOML, kept between starts (forms.template.TemplateLibrary.load): in the
    user's cache folder (%LOCALAPPDATA%/…/cache on Windows), which may be emptied at any time."""
    set_application_names()
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(folder) / "mallar.json"


def old_default_db_path() -> Path:
    """Where versions before the local home kept the database (%APPDATA%, roaming, on Windows; the
    same folder as the local one on Linux). A database found there is moved home at the next start."""
    set_application_names()
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / DB_FILE


def app_icon() -> QIcon:
    """The application's icon (window, taskbar) at every size it is drawn for: PNGs, which Qt reads
    without the image-format plugins the frozen app leaves out."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"avtalsuppfoljning-{size}.png")), QSize(size, size))
    return icon


def set_windows_identity() -> None:
    """On Windows, our own AppUserModelID before any window opens: otherwise the taskbar groups the
    window under the program that started it (python.exe for the installed command)."""
    if sys.platform != "win32":
        return
    import ctypes

    try:
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_USER_MODEL_ID)
    except (AttributeError, OSError):  # an old or locked-down Windows: only the grouping is lost
        pass
