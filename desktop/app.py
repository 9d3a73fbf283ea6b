"""Start the application: Swedish Qt, the database, the report list."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop import dialogs
from desktop.main_window import MainWindow
from desktop.paths import app_icon, set_application_names, set_windows_identity, template_cache_path
from forms import times
from forms.errors import UserError
from forms.store import Store, StoreError
from forms.template import TemplateLibrary


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


def load_templates() -> TemplateLibrary:
    """The shipped templates as every window of the app loads them: built and checked each time, their
    parsed TOML kept between starts in the user's cache folder (forms/template.py)."""
    return TemplateLibrary.load(cache=template_cache_path())


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


def run_gui(db_path: Path, old_home: Path | None = None) -> int:
    """Start the app on `db_path`; `old_home`: where earlier versions kept the default database (a
    database there is moved to `db_path` first)."""
    gc.disable()  # until the list is up (_run_window): every object the start makes lives as long as the app
    app = create_app()
    from desktop.crash import install_excepthook, start_failed

    install_excepthook(db_path.parent)  # a failure in any slot: a Swedish dialog and fel.log in the data folder
    try:
        return _start(app, db_path, old_home)
    except Exception as exc:  # noqa: BLE001 - without a console (pythonw, the windowed exe) this is the only word
        return start_failed(exc, db_path.parent)


def _start(app: QApplication, db_path: Path, old_home: Path | None) -> int:
    from desktop.instance import Acquired, DatabaseLock, hand_over

    if old_home is not None:
        db_path = move_from_old_home(db_path, old_home)
    db_path = _follow_moved(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = DatabaseLock(db_path)
    acquired = lock.acquire()
    if acquired is Acquired.REFUSED:
        return 1
    if acquired is Acquired.OPEN_HERE:
        return 0 if hand_over(db_path, lock.owner_pid()) else _already_open(db_path)
    home = default_home()
    if home != db_path and db_path.exists():
        from forms.home import location_risk

        risk = location_risk(db_path)
        if risk is not None and offer_local_home(db_path, home, risk) == home:
            lock.release()
            return _start(app, home, None)
    try:
        try:
            library = load_templates()
            store = open_database(db_path)
        except UserError as exc:
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


def default_home() -> Path:
    from desktop.paths import default_db_path

    return default_db_path()


def move_from_old_home(db_path: Path, old_home: Path) -> Path:
    """The database of an earlier version in the old (roaming) folder is moved to `db_path`, all or
    nothing, its backups with it, and the user told once. Returns where to open: the old place when
    it cannot be moved now (open in an older version, or the move failed — then the user is told)."""
    if old_home == db_path or db_path.exists() or not old_home.is_file():
        return db_path
    from desktop.instance import Acquired, DatabaseLock
    from forms.home import move_database

    lock = DatabaseLock(old_home)
    if lock.acquire() is not Acquired.OK:
        return old_home  # in use by another window: opened (and handed over) where it is
    try:
        move_database(old_home, db_path)
    except StoreError as exc:
        dialogs.show_warning(None, "Databasen kunde inte flyttas", f"{exc}\n\nProgrammet öppnar den där den ligger.")
        return old_home
    finally:
        lock.release()
    dialogs.show_info(None, "Databasen har flyttats",
                      f"Databasen och dess säkerhetskopior har flyttats från {old_home.parent} till {db_path.parent} "
                      "på den här datorn. Den gamla mappen kan ligga på en nätverksmapp, där databasen kan skadas "
                      "och inte går att nå utan nätverk. Du behöver inte göra något mer.")
    return db_path


def offer_local_home(db_path: Path, home: Path, risk) -> Path:
    """Say why `db_path`'s place is unsafe and offer to move it (and its backups) to `home` on this
    computer; returns where to open. A note is left behind, so a shortcut to the old place finds it."""
    from forms.home import move_database

    told = risk.explain()
    if home.exists():
        dialogs.show_warning(None, "Databasen ligger på en osäker plats",
                             f"{told}\n\nDen kan inte flyttas till {home.parent}, där det redan finns en databas. "
                             "Flytta den till en mapp på den här datorn när programmet är stängt.")
        return db_path
    if not dialogs.ask(None, "Databasen ligger på en osäker plats",
                       f"{told}\n\nVill du flytta databasen och dess säkerhetskopior till den här datorn "
                       f"({home.parent})? Säkerhetskopior kan du gärna spara på en nätverksmapp – det är bara "
                       "databasen programmet arbetar i som behöver ligga lokalt.",
                       yes="Flytta till den här datorn", no="Fortsätt här"):
        return db_path
    try:
        move_database(db_path, home, leave_note=True)
    except StoreError as exc:
        dialogs.show_warning(None, "Databasen kunde inte flyttas", str(exc))
        return db_path
    return home


def _follow_moved(db_path: Path) -> Path:
    """A database moved home from here left a note: open it where it went, and say so."""
    if db_path.exists():
        return db_path
    from forms.home import moved_to

    target = moved_to(db_path)
    if target is None or not target.exists():
        return db_path
    dialogs.show_info(None, "Databasen har flyttats",
                      f"Databasen {db_path} har flyttats till {target} på den här datorn. Programmet öppnar den där.")
    return target


def _run_window(app: QApplication, store: Store, library: TemplateLibrary, db_path: Path) -> int:
    from PySide6.QtCore import QTimer

    from desktop import copies

    copies.clean_stale()  # copies opened before a crash or a forced log-off
    window = MainWindow(store, library)
    window.show()
    window.schedule_backups()

    def listen() -> None:  # QtNetwork (~25 ms to import) well after the first paint; a start meanwhile waits
        from desktop.instance import serve

        window.instance_server = serve(window, db_path)

    QTimer.singleShot(LISTEN_AFTER_MS, listen)
    # The start's objects (modules, classes, Qt's enums, the templates, the window) live until the app
    # ends: collecting while they were made only walked them, and frozen they are left out of every later
    # round, the last one at exit included (start and exit ~12 ms shorter; the exit alone took ~24 ms,
    # now ~9). The session's own garbage is collected as before.
    gc.freeze()
    gc.enable()
    code = app.exec()
    window.store.close()
    copies.clean_own()
    return code


LISTEN_AFTER_MS = 500  # a second start retries for desktop.instance.HAND_OVER_WAIT_SECONDS


def _already_open(db_path: Path) -> int:
    dialogs.show_error(None, "Avtalsuppföljning är redan öppet",
                       f"Databasen {db_path} används redan av ett annat fönster med Avtalsuppföljning. "
                       "Fortsätt i det fönstret (två fönster på samma databas kan skriva över varandras "
                       "ändringar).")
    return 1
