"""The last step of "Skicka till regionen": the draft is made and, when the system took it, open in the
mail program (the intro says which, from desktop/handoff.py's checked answer).

Outlook opens the .eml as a draft ready to send (X-Unsent: 1); Thunderbird, Apple Mail and newer
Outlook versions ignore that and show a received message that cannot be sent. So this dialog also gives
everything needed to finish by hand: the recipients and the subject to copy, and the folder in the
Utkorg holding the draft's files to attach. Accepted = the user says it is sent.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop import dialogs
from desktop.widgets import button_row, make_button


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


class SendDialog(QDialog):
    def __init__(self, *, to: list[str], cc: list[str], subject: str, eml: Path, folder: Path, what: str,
                 opened: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder = folder
        self.setWindowTitle("Skicka till regionen")
        self.setObjectName("send_dialog")
        if opened:
            intro = f"E-postmeddelandet till {', '.join(to)} är skapat med {what} och har öppnats i ditt e-postprogram."
            by_hand = ("Visar e-postprogrammet meddelandet utan att det går att skicka (som Thunderbird och "
                       "Apple Mail gör)? Skriv då ett nytt meddelande: kopiera mottagare och ämne härifrån "
                       "och bifoga filerna från mappen.")
        else:
            intro = (f"E-postmeddelandet till {', '.join(to)} är skapat med {what}, men det har INTE öppnats: "
                     "inget e-postprogram på datorn tog emot det.")
            by_hand = ("Skicka det så här: skriv ett nytt meddelande i din e-post, kopiera mottagare och ämne "
                       "härifrån och bifoga filerna i mappen nedan (kopiera sökvägen och klistra in den i "
                       "dialogrutan för bilagor). Utkastet finns också som fil, om ditt e-postprogram kan öppna det.")
        by_hand = QLabel(by_hand)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.copy_buttons: dict[str, QPushButton] = {}
        rows = [("to", "Till:", ", ".join(to), "&Kopiera mottagarna")]
        if cc:
            rows.append(("cc", "Kopia:", ", ".join(cc), "Kopiera k&opiemottagarna"))
        rows.append(("subject", "Ämne:", subject, "Kopiera &ämnet"))
        rows.append(("folder", "Filerna:", str(folder), "Kopiera &sökvägen"))
        if not opened:
            rows.append(("eml", "Utkastet:", str(eml), "Kopiera sökvägen till &utkastet"))
        self.fields: dict[str, QLineEdit] = {}
        for row, (key, label, value, copy_label) in enumerate(rows):
            field = QLineEdit(value)
            field.setReadOnly(True)
            field.setCursorPosition(0)
            field.setObjectName(f"send_{key}")
            button = make_button(copy_label, lambda _checked=False, key=key: self.copy(key), f"send_copy_{key}")
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(button, row, 2)
            self.fields[key] = field
            self.copy_buttons[key] = button
        self.open_folder_button = make_button("Öppna &mappen med filerna", self.open_folder, "send_open_folder")
        self.copied = QLabel("")
        self.copied.setObjectName("send_copied")
        question = QLabel("Har du skickat det? Svara Nej om du skickar senare – utkastet väntar i utkorgen.")
        sent = make_button("&Ja, det är skickat", self.accept, "send_sent")
        later = make_button("&Nej, senare", self.reject, "send_later")
        sent.setDefault(True)
        layout = QVBoxLayout(self)
        for text in (QLabel(intro), by_hand):
            text.setWordWrap(True)
            layout.addWidget(text)
        layout.addLayout(grid)
        layout.addLayout(button_row([self.open_folder_button], []))
        layout.addWidget(self.copied)
        question.setWordWrap(True)
        layout.addWidget(question)
        layout.addLayout(button_row([], [sent, later]))
        self.setMinimumWidth(720)
        self.adjustSize()

    def copy(self, key: str) -> None:
        copy_text(self.fields[key].text())
        what = {"to": "mottagarna", "cc": "kopiemottagarna", "subject": "ämnet", "folder": "sökvägen till mappen",
                "eml": "sökvägen till utkastet"}[key]
        self.copied.setText(f"Kopierat: {what}. Klistra in med Ctrl+V.")

    def open_folder(self) -> None:
        dialogs.open_path(self.folder, self)  # when nothing opens it: a dialog with the path and what to do
