"""Keyboard helpers for pytest-qt: Swedish text and Tab navigation.

`qtbot.keyClicks` aborts the test process on ä, ö, é and – (Qt assertion in qasciikey.cpp), so text
is sent one key event per character with Qt.Key_unknown and the character as the event's text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    for char in text:
        if char == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


def type_here(text: str) -> None:
    """Type where the keyboard focus is, following it (a grid cell opens its editor on the first key)."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_to(window: QWidget, target: QWidget, limit: int = 60) -> None:
    """Press Tab until `target` has the keyboard focus; fail if the tab order never reaches it."""
    for _ in range(limit):
        if focused() is target:
            return
        QTest.keyClick(focused() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName() or target}; stuck at {focused()}")


def press(window: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the user's focus is (or on the window when nothing has focus)."""
    QTest.keyClick(focused() or window, key, modifier)


def click_by_keyboard(window: QWidget, button: QWidget) -> None:
    """Tab to a button and press Space, as a keyboard user does."""
    tab_to(window, button)
    QTest.keyClick(button, Qt.Key.Key_Space)


def show_active(qtbot, window: QWidget) -> None:
    """Show a window and give it the keyboard focus (offscreen windows are not activated by show())."""
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and focused() is not None)
