"""Inställningar: the email addresses the report is sent to (the region, copies to the committees, per report type)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, settings
from desktop.screen import FittedDialog


class SettingsDialog(FittedDialog):
    """Recipients of "Skicka till regionen", and where the backups are."""

    def __init__(self, default_to: tuple[str, ...], backups: Path, parent: QWidget | None = None,
                 own_recipients: list[tuple[str, str]] | None = None):
        """`own_recipients`: (template id, type name) of the report types whose template names no
        recipient (the finance summary goes to the committee secretary)."""
        super().__init__(parent)
        self.setWindowTitle("Inställningar")
        self.setMinimumWidth(480)
        stored = settings.settings_store()
        self.to = QLineEdit(str(stored.value("send/to", "")))
        self.to.setPlaceholderText(", ".join(default_to))
        self.to.setObjectName("settings_to")
        self.cc = QLineEdit(str(stored.value("send/cc", "")))
        self.cc.setPlaceholderText("t.ex. socialnamnden.centrum@goteborg.se, forskolenamnden@goteborg.se")
        self.cc.setObjectName("settings_cc")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Till (regionen):", self.to)
        form.addRow("&Kopia till (nämnderna):", self.cc)
        self.own_to: dict[str, QLineEdit] = {}
        for template_id, type_name in own_recipients or []:
            edit = QLineEdit(str(stored.value(f"send/to/{template_id}", "")))
            edit.setObjectName(f"settings_to_{template_id}")
            edit.setPlaceholderText("nämndsekreterarens adress, t.ex. namn.efternamn@goteborg.se")
            label = QLabel(f"Till – {type_name}:")
            label.setWordWrap(True)
            label.setBuddy(edit)
            edit.setAccessibleName(f"Till – {type_name}")
            form.addRow(label, edit)
            self.own_to[template_id] = edit
        hint = QLabel("Skriv flera adresser med kommatecken emellan. Lämnar du Till tomt används mallens "
                      "adress.\n\nSäkerhetskopior av databasen sparas automatiskt i mappen\n"
                      f"{backups}\n(Arkiv → Säkerhetskopior…).")
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
        # Wide enough to show the longest example address whole (FittedDialog keeps it on the screen).
        fields = [self.to, self.cc, *self.own_to.values()]
        label_width = max(form.labelForField(f).sizeHint().width() for f in fields)
        field_width = max(f.fontMetrics().horizontalAdvance(f.placeholderText()) for f in fields) + 30
        self.resize(label_width + field_width + 40, 0)

    def accept(self) -> None:
        from forms.addresses import AddressError

        try:
            to = settings.split_addresses(self.to.text())
            cc = settings.split_addresses(self.cc.text())
            own = {template_id: settings.split_addresses(edit.text()) for template_id, edit in self.own_to.items()}
        except AddressError as exc:
            dialogs.show_warning(self, "Adressen går inte att använda", f"{exc}\n\nInget har sparats.")
            return
        stored = settings.settings_store()
        stored.setValue("send/to", ", ".join(to))
        stored.setValue("send/cc", ", ".join(cc))
        for template_id, addresses in own.items():
            stored.setValue(f"send/to/{template_id}", ", ".join(addresses))
        stored.sync()
        if stored.status() != stored.Status.NoError:  # a full disk or a write-protected profile
            dialogs.show_error(self, "Inställningarna kunde inte sparas",
                               "Adresserna kunde inte sparas (disken är full eller skrivskyddad). De gäller bara "
                               "tills programmet stängs. Frigör utrymme och spara igen.")
            return
        super().accept()
