"""Ångra instead of "Är du säker?": a removal (a report to the bin, a row of a table, a bilaga) is
done at once, and the window's status bar offers to put it back for a while. One bar for all of them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QStatusBar, QWidget

UNDO_MS = 15000  # how long Ångra is offered
DONE_MS = 5000  # how long "… är tillbaka." is shown


class UndoBar(QStatusBar):
    """A status bar whose message can offer Ångra. `hide_when_empty`: for a window that has no status
    bar of its own (the wizard, a dialog), the bar shows only while it has something to say."""

    def __init__(self, parent: QWidget | None = None, hide_when_empty: bool = False):
        super().__init__(parent)
        self.setObjectName("undo_bar")
        self.undo_button = QPushButton("Ån&gra")
        self.undo_button.setObjectName("undo")
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        self.addPermanentWidget(self.undo_button)
        self._undo: Callable[[], str] | None = None
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self._expire)
        self._hide_when_empty = hide_when_empty
        if hide_when_empty:
            self.setSizeGripEnabled(False)
            self.messageChanged.connect(self._show_while_needed)
            self.hide()

    def offer(self, message: str, undo: Callable[[], str]) -> None:
        """Say what was removed, with Ångra; `undo` puts it back and returns what to say then."""
        self._undo = undo
        self.showMessage(message, UNDO_MS)
        self.undo_button.show()
        self._expiry.start(UNDO_MS)
        self._show_while_needed()

    def undo(self) -> None:
        undo, self._undo = self._undo, None
        self._expire()
        if undo is not None:
            self.showMessage(undo(), DONE_MS)

    def _expire(self) -> None:
        self._undo = None
        self._expiry.stop()
        self.undo_button.hide()
        self._show_while_needed()

    def _show_while_needed(self, *_) -> None:
        if self._hide_when_empty:
            self.setVisible(bool(self.currentMessage()) or self._undo is not None)
