"""Small widgets the dialogs share (the report's dialogs, sending, the receiving side): one module, so
no dialog module imports another's private helpers."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton


def make_button(text: str, slot, name: str = "") -> QPushButton:
    made = QPushButton(text)
    made.setObjectName(name)
    made.clicked.connect(slot)
    return made


def button_row(left: list[QPushButton], right: list[QPushButton]) -> QHBoxLayout:
    """Actions on the left, closing buttons on the right."""
    row = QHBoxLayout()
    for widget in left:
        row.addWidget(widget)
    row.addStretch(1)
    for widget in right:
        row.addWidget(widget)
    return row
