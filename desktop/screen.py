"""Windows that fit the screen they open on: at 125–200 % scaling a laptop screen is only 683–1536
logical pixels wide, so a window is never bigger than the screen's available geometry (the screen less
the taskbar), and a size the user chose is remembered but clamped to the screen of the day."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from desktop import settings

# What the window manager adds around a window (title bar, borders) before the window is shown and
# its real frame is known (Windows 10/11: 31 px title bar, 8 px borders).
FRAME_ALLOWANCE = QSize(16, 40)


def available(widget: QWidget) -> QRect:
    """The available geometry of the screen the widget (or its parent) is on."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_on_screen(window: QWidget, preferred: QSize | None = None) -> None:
    """Resize `window` to `preferred` (or its own size hint) within the available geometry, frame
    included, and move it fully onto that screen."""
    area = available(window)
    limit = QSize(max(200, area.width() - FRAME_ALLOWANCE.width()), max(150, area.height() - FRAME_ALLOWANCE.height()))
    wanted = preferred if preferred is not None and preferred.isValid() else window.sizeHint()
    size = wanted.expandedTo(window.minimumSizeHint()).boundedTo(limit)
    window.resize(size)
    frame = QRect(window.pos(), size + FRAME_ALLOWANCE)
    if window.parentWidget() is not None and window.parentWidget().isVisible():
        frame.moveCenter(window.parentWidget().window().frameGeometry().center())
    else:  # centred: away from the screen's edges, where a frame placed early can end up outside
        frame.moveCenter(area.center())
    frame.moveLeft(min(max(frame.left(), area.left()), area.right() + 1 - frame.width()))
    frame.moveTop(min(max(frame.top(), area.top()), area.bottom() + 1 - frame.height()))
    window.move(frame.topLeft())
    _keep_inside_when_framed(window, area)


def _keep_inside_when_framed(window: QWidget, area: QRect, tries: int = 20) -> None:
    """Once the window manager has put its frame around the window, move the window back inside the
    available area if the frame landed outside it (seen under X at 125 %: 16 px above the screen)."""
    def check(left: int) -> None:
        if not window.isVisible():
            return
        frame, inner = window.frameGeometry(), window.geometry()
        if (frame == inner or not frame.contains(inner)) and left > 0:  # no frame yet
            QTimer.singleShot(100, window, lambda: check(left - 1))
            return
        if not area.contains(frame):
            x = min(max(frame.left(), area.left()), max(area.left(), area.right() + 1 - frame.width()))
            y = min(max(frame.top(), area.top()), max(area.top(), area.bottom() + 1 - frame.height()))
            window.move(x, y)

    QTimer.singleShot(100, window, lambda: check(tries))  # (with the window as context: gone if it is)


def remembered_size(key: str, default: QSize) -> QSize:
    value = settings.settings_store().value(f"windows/{key}")
    return value if isinstance(value, QSize) and value.isValid() else default


def remember_size(key: str, window: QWidget) -> None:
    if not window.isMaximized() and not window.isFullScreen():
        settings.settings_store().setValue(f"windows/{key}", window.size())


class FittedDialog(QDialog):
    """A dialog laid out to its content that opens inside the screen (and scrolls what does not fit)."""

    _fitted = False

    def showEvent(self, event) -> None:
        if not self._fitted:  # once: after that the user's own moves and resizes stand
            from PySide6.QtCore import Qt  # not on the start path (desktop/main_window.py says why)

            self._fitted = True
            wanted = self.size().expandedTo(self.sizeHint()) if self.testAttribute(Qt.WidgetAttribute.WA_Resized) \
                else self.sizeHint()
            fit_on_screen(self, wanted)
        super().showEvent(event)

