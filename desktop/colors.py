"""The colours of meaning — error, warning, ok, information, muted — as text on the window's own
background, in a light and in a dark colour scheme (Windows' dark mode, which Qt 6 follows).

One place for them: a text colour written into a widget's style elsewhere stays dark red on a dark
window (about 2:1, unreadable). Each colour here reads at WCAG's 4.5:1 or better on the light and on
the dark palette (tests/desktop/test_dark_mode.py measures it, and fails on a text colour written
anywhere else in desktop/). Boxes that set their own background and text colour (the save-problem
banner, the money table's warning) read in either scheme as they are and keep their styles.

The scheme is read when a widget is made or its state changes: a window open while Windows switches
between light and dark keeps its colours until it is opened again.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# kind -> (on a light window, on a dark window)
COLORS = {
    "error": ("#b00020", "#ff8a80"),  # what must be put right: red
    "warning": ("#8a4b00", "#ffb74d"),  # guidance that does not block (600 characters): amber
    "ok": ("#2e6b2e", "#81c784"),  # saved, found: green
    "info": ("#1f4e79", "#90caf9"),  # the report was changed elsewhere and the window caught up: blue
    "muted": ("#555555", "#b4b4b4"),  # secondary text: grey
}


def is_dark(palette: QPalette | None = None) -> bool:
    """The window is dark (its background darker than mid-grey): Windows' dark mode, a dark theme."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def color(kind: str, palette: QPalette | None = None) -> QColor:
    light, dark = COLORS[kind]
    return QColor(dark if is_dark(palette) else light)


def text_style(kind: str, extra: str = "") -> str:
    """A label's style sheet: the colour of `kind` in the current scheme, then `extra` ("font-weight: 600;")."""
    return f"color: {color(kind).name()};" + (f" {extra}" if extra else "")
