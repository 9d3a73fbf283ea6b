"""Every message box goes through here, so tests can replace them (a modal dialog hangs a test run)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

# The Qt classes are imported inside the functions: PySide6 builds the Python enums of a class the
# first time the class is touched, and QMessageBox's and QFileDialog's cost the start-up ~10 ms.


def _message_box(parent: QWidget | None, icon: str, title: str, text: str):
    """A message box with one button reading "OK" (Qt's Swedish translation says "Ok")."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(getattr(QMessageBox.Icon, icon), title, text, parent=parent)
    ok = box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _message_box(parent, "Critical", title, text).exec()


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    _message_box(parent, "Warning", title, text).exec()


def ask(parent: QWidget | None, title: str, text: str, yes: str = "Ja", no: str = "Avbryt") -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    _message_box(parent, "Information", title, text).exec()


def choose_save_path(parent: QWidget | None, title: str, suggested: Path, file_filter: str) -> Path | None:
    """Qt's save dialog; our own code asks before replacing a file (see desktop/report_actions.py)."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter,
                                          options=QFileDialog.Option.DontConfirmOverwrite)
    return Path(name) if name else None


def choose_open_paths(parent: QWidget | None, title: str, folder: Path) -> list[Path]:
    from PySide6.QtWidgets import QFileDialog

    names, _ = QFileDialog.getOpenFileNames(parent, title, str(folder), "Alla filer (*)")
    return [Path(n) for n in names]


def choose_word_files(parent: QWidget | None, title: str, folder: Path) -> list[Path]:
    from PySide6.QtWidgets import QFileDialog

    names, _ = QFileDialog.getOpenFileNames(parent, title, str(folder),
                                            "Word-dokument (*.docx *.docm *.dotx *.doc);;Alla filer (*)")
    return [Path(n) for n in names]


def choose_folder(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    """Qt's folder dialog, saying "Mapp:" where Qt's Swedish says "Katalog:" (the native Windows
    dialog has its own words)."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title, str(folder))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, "&Mapp:")
    dialog.setNameFilter("Mappar")  # the type box said "Kataloger"
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "&Välj")
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, "Avbryt")
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def open_path(path: Path, parent: QWidget | None = None, *, explain: bool = True) -> bool:
    """Open a file or folder in the program the user has for it (Word, Outlook, Utforskaren). True only
    when the system really took it (desktop/handoff.py); otherwise, with `explain`, a dialog says what
    happened, shows the full path to copy and what to do instead."""
    from desktop.handoff import OpenFailedDialog, launch

    problem = launch(Path(path))
    if problem is not None and explain:
        run_dialog(OpenFailedDialog(Path(path), problem, parent))
    return problem is None


def run_dialog(dialog: QDialog) -> bool:
    """Show a modal dialog of ours; True when the user accepted it."""
    from PySide6.QtWidgets import QDialog

    return dialog.exec() == QDialog.DialogCode.Accepted


def choose(parent: QWidget | None, title: str, text: str, options: list[str]) -> int:
    """A question with several answers (the first is the default); returns the chosen index, or
    the last (the cancel choice) when the box is closed."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.ActionRole) for option in options]
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else len(options) - 1
