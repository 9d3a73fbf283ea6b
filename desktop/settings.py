"""The user's settings (Qt's QSettings: the registry on Windows, an .ini file elsewhere)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget


def _settings() -> QSettings:
    return QSettings()


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def recipients_to(default: tuple[str, ...]) -> list[str]:
    """The region's address: the template's, unless the user has set another."""
    return _split(str(_settings().value("send/to", ""))) or list(default)


def recipients_cc() -> list[str]:
    """The committees that get the report for kännedom (SN, FSN)."""
    return _split(str(_settings().value("send/cc", "")))


def last_folder() -> Path:
    saved = str(_settings().value("files/last_folder", ""))
    if saved and Path(saved).is_dir():
        return Path(saved)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def remember_folder(folder: Path) -> None:
    _settings().setValue("files/last_folder", str(folder))


class SettingsDialog(QDialog):
    """Recipients of "Skicka till regionen"."""

    def __init__(self, default_to: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Inställningar")
        self.resize(560, 0)
        settings = _settings()
        self.to = QLineEdit(str(settings.value("send/to", "")))
        self.to.setPlaceholderText(", ".join(default_to))
        self.to.setObjectName("settings_to")
        self.cc = QLineEdit(str(settings.value("send/cc", "")))
        self.cc.setPlaceholderText("t.ex. socialnamnden.centrum@goteborg.se, forskolenamnden@goteborg.se")
        self.cc.setObjectName("settings_cc")
        form = QFormLayout()
        form.addRow("&Till (regionen):", self.to)
        form.addRow("&Kopia till (nämnderna):", self.cc)
        hint = QLabel("Skriv flera adresser med kommatecken emellan. Lämnar du Till tomt används mallens "
                      "adress.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Spara")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def accept(self) -> None:
        settings = _settings()
        settings.setValue("send/to", ", ".join(_split(self.to.text())))
        settings.setValue("send/cc", ", ".join(_split(self.cc.text())))
        super().accept()
