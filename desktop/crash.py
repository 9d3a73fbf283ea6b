"""The last resort: an exception nobody caught (in a Qt slot, say) is written with its traceback to a
log file in the data folder and shown as a Swedish dialog, so no action fails without a word."""

from __future__ import annotations

import errno
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

LOG_NAME = "fel.log"
MAX_LOG_BYTES = 1024 * 1024  # the log is started anew when it grows past this

_log_folder: Path | None = None


def write_log(folder: Path | None, exc_type, exc, tb) -> Path | None:
    """Append the traceback to `folder`/fel.log; the path, or None when even that failed."""
    folder = folder or _log_folder
    if folder is None:
        return None
    path = Path(folder) / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.exists() and path.stat().st_size > MAX_LOG_BYTES else "a"
        with open(path, mode, encoding="utf-8", errors="replace") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            handle.write("".join(traceback.format_exception(exc_type, exc, tb)))
    except OSError:
        return None
    return path


def unexpected_message(exc: BaseException, log: Path | None) -> str:
    where = f"Detaljerna är sparade i {log}." if log else "Detaljerna kunde inte sparas i någon loggfil."
    return (f"Ett oväntat fel inträffade ({type(exc).__name__}: {str(exc)[:200]}). Det du har skrivit sparas "
            f"automatiskt; kontrollera det du just gjorde och försök igen. {where} Skicka gärna filen till "
            "den som sköter programmet.")


def install_excepthook(folder: Path) -> Path:
    """Route uncaught exceptions to the log in `folder` and a dialog; returns the log's path."""
    global _log_folder
    _log_folder = Path(folder)

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log = write_log(_log_folder, exc_type, exc, tb)
        sys.__stderr__ and traceback.print_exception(exc_type, exc, tb, file=sys.__stderr__)
        try:
            from desktop import dialogs

            dialogs.show_error(None, "Ett oväntat fel", unexpected_message(exc, log))
        except Exception:  # noqa: BLE001 - a failing dialog must not hide the first error
            pass

    sys.excepthook = hook
    return _log_folder / LOG_NAME


def start_failed(exc: BaseException, folder: Path) -> int:
    """The app could not start: the traceback to fel.log in the data folder (or, when that cannot be
    written, in the temporary folder) and a Swedish dialog — never a silent exit, which is what a
    windowed start (pythonw, the windowed exe: no console, sys.stderr is None) would otherwise be."""
    tb = exc.__traceback__
    log = write_log(folder, type(exc), exc, tb) or write_log(Path(tempfile.gettempdir()) / "Avtalsuppföljning",
                                                             type(exc), exc, tb)
    if sys.__stderr__ is not None:
        traceback.print_exception(type(exc), exc, tb, file=sys.__stderr__)
    where = (f"Detaljerna är sparade i {log}; skicka gärna filen till den som sköter programmet." if log
             else "Detaljerna kunde inte sparas i någon loggfil.")
    try:
        from desktop import dialogs

        dialogs.show_error(None, "Avtalsuppföljning kunde inte starta", f"{start_failure_text(exc, folder)}\n\n{where}")
    except Exception:  # noqa: BLE001 - the log is written; a dialog that cannot be shown must not hide it
        pass
    return 1


def start_failure_text(exc: BaseException, folder: Path) -> str:
    if isinstance(exc, OSError):
        name = exc.filename or folder
        reason = exc.strerror or str(exc)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return (f"Programmet får inte ändra {name} ({reason}). Kontrollera att filen inte är skrivskyddad "
                    "eller öppen i ett annat program och att du har behörighet till mappen, och starta igen.")
        return (f"Datamappen {folder} går inte att nå eller skapa ({name}: {reason}). Kontrollera att disken "
                "eller nätverksmappen finns och är ansluten, och starta igen.")
    return (f"Ett oväntat fel inträffade när programmet startade ({type(exc).__name__}: {str(exc)[:200]}). "
            "Inget har ändrats i databasen.")
