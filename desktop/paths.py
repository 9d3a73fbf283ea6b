"""Where the application keeps its data: the user's data folder (Qt's standard paths)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

APP_NAME = "Avtalsuppföljning"
ORGANIZATION = "Göteborgs Stad"
DB_FILE = "rapporter.sqlite"


def set_application_names() -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)


def default_db_path() -> Path:
    """…/AppData/Roaming/Göteborgs Stad/Avtalsuppföljning/rapporter.sqlite on Windows."""
    set_application_names()
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / DB_FILE
