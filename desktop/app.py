"""Start the application: Swedish Qt, the database, the report list."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop import dialogs
from desktop.main_window import MainWindow
from desktop.paths import set_application_names
from forms.store import Store, StoreError
from forms.template import TemplateError, TemplateLibrary


def install_swedish(app: QApplication) -> None:
    """Swedish numbers and dates, and Qt's own buttons and dialogs in Swedish."""
    locale = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    QLocale.setDefault(locale)
    translator = QTranslator(app)
    if translator.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    set_application_names()
    install_swedish(app)
    return app


def run_gui(db_path: Path) -> int:
    app = create_app()
    try:
        library = TemplateLibrary.load()
        store = Store(db_path)
    except (TemplateError, StoreError) as exc:
        dialogs.show_error(None, "Avtalsuppföljning kan inte starta", str(exc))
        return 1
    window = MainWindow(store, library)
    window.show()
    code = app.exec()
    store.close()
    return code
