"""Writing export files safely: never half a file, never silently over another, clear Swedish errors."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from forms.errors import UserError
from forms.filesystem import LIKELY_HOLDERS, discard, replace

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # one bilaga
MAX_ATTACHMENTS_TOTAL = 20 * 1024 * 1024  # all bilagor of a report: mail servers refuse ~25 MB


class ExportError(UserError):
    """An export that could not be written; the message is Swedish and says what to do."""


def unique_path(path: Path) -> Path:
    """`path`, or `name (2).ext`, `name (3).ext`… if it is taken."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate


def write_bytes_safely(target: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and swap it in, so a failure leaves the
    old file (or nothing) rather than half a document."""
    target = Path(target)
    temp_name = _write_temporary(target, data)
    _swap_in(temp_name, target)


def write_all_or_none(files: list[tuple[Path, bytes]]) -> None:
    """Write new files together: either all of them are there afterwards, or none (and no
    temporary file is left). For targets that do not exist yet — an existing one is refused."""
    existing = [str(target) for target, _ in files if Path(target).exists()]
    if existing:
        raise ExportError(f"Filen finns redan och skrivs inte över: {', '.join(existing)}.")
    temporaries: list[str] = []
    placed: list[Path] = []
    try:
        for target, data in files:
            temporaries.append(_write_temporary(Path(target), data))
        for temp_name, (target, _) in zip(temporaries, files, strict=True):
            _swap_in(temp_name, Path(target))
            placed.append(Path(target))
    except ExportError:
        for leftover in [*temporaries, *placed]:
            discard(leftover)
        raise


def _write_temporary(target: Path, data: bytes) -> str:
    """`data` in a fsynced temporary file beside `target`; its name. Raises ExportError."""
    check_path_length(target)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".avtal-", suffix=target.suffix, dir=target.parent)
    except FileNotFoundError as exc:
        raise ExportError(f"Mappen {target.parent} finns inte. Välj en annan mapp.") from exc
    except PermissionError as exc:
        raise ExportError(
            f"Du har inte behörighet att spara i mappen {target.parent}. Välj en annan mapp, "
            "till exempel Dokument.") from exc
    except OSError as exc:
        raise _explained(exc, target) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # on disk before it replaces the old file: a power cut keeps one whole
    except OSError as exc:
        discard(temp_name)
        raise _explained(exc, target) from exc
    return temp_name


def _swap_in(temp_name: str, target: Path) -> None:
    try:
        replace(temp_name, target)  # waits out a scan or a sync that holds the fresh file a moment
    except PermissionError as exc:
        discard(temp_name)
        raise ExportError(
            f"Filen {target.name} kan inte skrivas över: ett annat program håller den öppen, troligen "
            f"{LIKELY_HOLDERS}, eller så är den skrivskyddad. Stäng filen i Word (eller Excel) och försök "
            "igen om en stund, eller spara med ett annat namn.") from exc
    except OSError as exc:
        discard(temp_name)
        raise _explained(exc, target) from exc


def _explained(exc: OSError, target: Path) -> ExportError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportError(
            f"Det finns inte plats på disken för {target.name} i {target.parent}. Frigör utrymme "
            "eller välj en annan plats, till exempel ett USB-minne. Ingen fil har skrivits.")
    if exc.errno == errno.ENAMETOOLONG:
        return ExportError(_TOO_LONG.format(target=target, length=len(str(target))))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ExportError(f"Du har inte behörighet att spara {target.name} i {target.parent}. Välj en annan "
                           "mapp, till exempel Dokument.")
    return ExportError(f"Filen {target.name} kunde inte sparas: {exc.strerror or exc}.")


MAX_PATH = 260  # Windows' classic path limit, which Word and Explorer still keep to
_TOO_LONG = ("Sökvägen är för lång ({length} tecken, högst {limit}): {target}. Windows och Word klarar inte så "
             "långa sökvägar. Välj en mapp närmare enhetens rot eller ett kortare filnamn.")
_TOO_LONG = _TOO_LONG.replace("{limit}", str(MAX_PATH - 1))


def check_path_length(target: Path) -> None:
    full = str(Path(target).absolute())
    if len(full) >= MAX_PATH or len(Path(target).name) > 255:
        raise ExportError(_TOO_LONG.format(target=target, length=len(full)))


def check_attachment(name: str, size: int, current_total: int) -> None:
    """Refuse a bilaga that would make the report too big to email."""
    if size > MAX_ATTACHMENT_BYTES:
        raise ExportError(
            f"{name} är {size / 1024 / 1024:.1f} MB. En bilaga får vara högst "
            f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB så att e-postmeddelandet går fram. "
            "Spara den som PDF eller dela upp den.")
    if current_total + size > MAX_ATTACHMENTS_TOTAL:
        raise ExportError(
            f"Med {name} blir bilagorna sammanlagt {(current_total + size) / 1024 / 1024:.1f} MB. "
            f"Högst {MAX_ATTACHMENTS_TOTAL // 1024 // 1024} MB går att skicka med e-post.")
