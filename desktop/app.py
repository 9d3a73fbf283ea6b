"""Start the application: Swedish Qt, the database, the report list."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop import dialogs
from desktop.main_window import MainWindow
from desktop.paths import app_icon, set_application_names, set_windows_identity
from forms import times
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
    set_windows_identity()
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    set_application_names()
    app.setWindowIcon(app_icon())
    install_swedish(app)
    return app


def open_database(db_path: Path) -> Store | None:
    """Open the database after checking it: a damaged file is moved aside (never written over), the
    user is told in plain Swedish and offered the newest good backup. A file that something else
    holds is not damaged: it is waited for, then the user is asked to close the other program and
    try again (None when they would rather quit); it is never moved aside."""
    from forms.backup import (
        DatabaseInUse,
        backup_folder,
        backup_time,
        checked_problem,
        move_aside,
        newest_good_backup,
        restore_backup,
    )

    while True:
        try:
            problem = checked_problem(db_path)
            break
        except DatabaseInUse as exc:
            if not dialogs.ask(None, "Databasen används av ett annat program",
                               f"{exc}\n\nEtt program som säkerhetskopierar eller söker igenom filer kan hålla den en "
                               "stund. Stäng det andra programmet (eller ett annat fönster med Avtalsuppföljning) "
                               "och välj Försök igen.", yes="Försök igen", no="Avsluta"):
                return None
    if problem is not None:
        aside = move_aside(db_path)
        good = newest_good_backup(backup_folder(db_path))
        told = (f"Databasen {db_path.name} går inte att läsa ({problem}). Den har flyttats till "
                f"{aside.name} i samma mapp och har inte ändrats.")
        when = backup_time(good) if good else None
        if good and dialogs.ask(None, "Databasen är skadad",
                                f"{told}\n\nVill du återställa den senaste fungerande säkerhetskopian från "
                                f"{times.shown(when)}?", yes="Återställ säkerhetskopian", no="Börja med en tom databas"):
            restore_backup(good, db_path)
        else:
            dialogs.show_warning(None, "Databasen är skadad", f"{told}\n\nProgrammet börjar med en tom databas.")
    return Store(db_path)


def run_gui(db_path: Path) -> int:
    app = create_app()
    from desktop.crash import install_excepthook, start_failed

    install_excepthook(db_path.parent)  # a failure in any slot: a Swedish dialog and fel.log in the data folder
    try:
        return _start(app, db_path)
    except Exception as exc:  # noqa: BLE001 - without a console (pythonw, the windowed exe) this is the only word
        return start_failed(exc, db_path.parent)


def _start(app: QApplication, db_path: Path) -> int:
    from desktop.instance import Acquired, DatabaseLock, hand_over

    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = DatabaseLock(db_path)
    acquired = lock.acquire()
    if acquired is Acquired.REFUSED:
        return 1
    if acquired is Acquired.OPEN_HERE:
        return 0 if hand_over(db_path, lock.owner_pid()) else _already_open(db_path)
    try:
        try:
            library = TemplateLibrary.load()
            store = open_database(db_path)
        except (TemplateError, StoreError) as exc:
            dialogs.show_error(None, "Avtalsuppföljning kan inte starta", str(exc))
            return 1
        if store is None:
            return 1
        if not lock.hold_identity():  # created meanwhile by a start through another name of the file
            store.close()
            return 0 if hand_over(db_path, lock.owner_pid()) else _already_open(db_path)
        return _run_window(app, store, library, db_path)
    finally:
        lock.release()


def _run_window(app: QApplication, store: Store, library: TemplateLibrary, db_path: Path) -> int:
    from PySide6.QtCore import QTimer

    from desktop import copies

    copies.clean_stale()  # copies opened before a crash or a forced log-off
    window = MainWindow(store, library)
    window.show()
    window.schedule_backups()

    def listen() -> None:  # after the first paint: QtNetwork is not on the start path
        from desktop.instance import serve

        window.instance_server = serve(window, db_path)

    QTimer.singleShot(0, listen)
    code = app.exec()
    window.store.close()
    copies.clean_own()
    return code


def _already_open(db_path: Path) -> int:
    dialogs.show_error(None, "Avtalsuppföljning är redan öppet",
                       f"Databasen {db_path} används redan av ett annat fönster med Avtalsuppföljning. "
                       "Fortsätt i det fönstret (två fönster på samma databas kan skriva över varandras "
                       "ändringar).")
    return 1
