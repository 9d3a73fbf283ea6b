"""One line of news with its buttons, for a window's status bar or the bottom of a dialog: "Sparad:
Rapport.docx" with Öppna and Visa i mappen after an export, what an import made with Öppna, Ångra after a
deletion. Every window says these things the same way, and a newer line replaces the older one (its
buttons and their actions go with it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

LINE_MS = 30000  # long enough to read the name and reach for Öppna


class StatusLine(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("status_line")
        self.label = QLabel()
        self.label.setObjectName("status_line_text")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        self.topic: object = None  # what the line is about (a report id for Ångra), for withdraw()
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.label, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.clear)
        self.hide()

    def say(self, text: str, actions: list[tuple[str, str, Callable[[], None]]] = (), *, topic: object = None,
            ms: int = LINE_MS) -> None:
        """Show `text` with a button per (label, object name, slot); replaces what was there."""
        self._drop_buttons()
        self.label.setText(text)
        self.topic = topic
        for label, name, slot in actions:
            button = QPushButton(label)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            self._layout.addWidget(button)
            self.buttons[name] = button
        self.show()
        self.timer.start(ms)

    def saved(self, path: Path) -> None:
        """After a file was written: its name, Öppna and Visa i mappen (the checked hand-off)."""
        from desktop import dialogs

        window = self.window()
        self.say(f"Sparad: {path.name}",
                 [("Öppna", "saved_open", lambda: dialogs.open_path(path, window)),
                  ("Visa i mappen", "saved_folder", lambda: dialogs.open_path(path.parent, window))],
                 topic=path)
        self.label.setToolTip(str(path))

    def withdraw(self, topic: object) -> None:
        """Take the line away when it is about `topic` (an Ångra for what is already undone)."""
        if self.topic is not None and self.topic == topic:
            self.clear()

    def clear(self) -> None:
        self._drop_buttons()
        self.label.setText("")
        self.label.setToolTip("")
        self.topic = None
        self.timer.stop()
        self.hide()

    def _drop_buttons(self) -> None:
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}

    @property
    def text(self) -> str:
        return self.label.text()
