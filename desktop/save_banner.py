"""The banner a window shows while its edits cannot be saved: what went wrong, that the text is still
in the window, and two ways out (try again now, or keep the report as a rescue file).

A separate widget with a small API (`show_problem`, `clear`, `retry_requested`, `rescue_requested`)
so a window can place it where its user looks, next to any saved-state line of its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

BANNER_STYLE = ("QFrame#save_problem_banner { background: #fde7e9; border: 2px solid #b00020; "
                "border-radius: 4px; } QLabel { color: #5c0011; }")


class SaveProblemBanner(QFrame):
    retry_requested = Signal()
    rescue_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("save_problem_banner")
        self.setStyleSheet(BANNER_STYLE)
        self.setAccessibleName("Ändringarna är inte sparade")
        self.headline = QLabel("<b>Ändringarna är INTE sparade.</b> Det du har skrivit finns kvar i fönstret.")
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("save_problem_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton("Försök &spara nu")
        self.retry_button.setObjectName("save_problem_retry")
        self.retry_button.setAutoDefault(False)
        self.retry_button.clicked.connect(self.retry_requested)
        self.rescue_button = QPushButton("Spara en &räddningsfil…")
        self.rescue_button.setObjectName("save_problem_rescue")
        self.rescue_button.setAutoDefault(False)
        self.rescue_button.clicked.connect(self.rescue_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.rescue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.setVisible(False)

    def show_problem(self, message: str) -> None:
        self.detail.setText(f"{message}\n\nProgrammet försöker spara igen vid nästa ändring och var "
                            "tredje sekund.")
        self.setVisible(True)

    def clear(self) -> None:
        self.detail.setText("")
        self.setVisible(False)

    @property
    def showing(self) -> bool:
        return not self.isHidden()


NOTICE_STYLE = ("QFrame#notice_banner { background: #e8f1fb; border: 1px solid #5b8fc7; border-radius: 4px; } "
                "QLabel { color: #0b2e50; }")


class NoticeBanner(QFrame):
    """A short note above the page (not a modal box), closed with Dölj: e.g. that the example report is
    the published Lundby 2022 report, whose long answers are why it shows warnings."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notice_banner")
        self.setStyleSheet(NOTICE_STYLE)
        self.text = QLabel()
        self.text.setObjectName("notice_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        hide = QPushButton("Dölj")
        hide.setObjectName("notice_hide")
        hide.setAutoDefault(False)
        hide.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(hide, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def show_notice(self, html: str) -> None:
        self.text.setText(html)
        self.setVisible(True)
