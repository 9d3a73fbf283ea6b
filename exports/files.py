"""Writing export files safely: never half a file, never silently over another, clear Swedish errors."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # one bilaga
MAX_ATTACHMENTS_TOTAL = 20 * 1024 * 1024  # all bilagor of a report: mail servers refuse ~25 MB


class ExportError(Exception):
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
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".avtal-", suffix=target.suffix, dir=target.parent)
    except FileNotFoundError as exc:
        raise ExportError(f"Mappen {target.parent} finns inte. Välj en annan mapp.") from exc
    except PermissionError as exc:
        raise ExportError(
            f"Du har inte behörighet att spara i mappen {target.parent}. Välj en annan mapp, "
            "till exempel Dokument.") from exc
    except OSError as exc:
        raise ExportError(f"Det gick inte att spara i mappen {target.parent}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # on disk before it replaces the old file: a power cut keeps one whole
        os.replace(temp_name, target)
    except PermissionError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise ExportError(
            f"Filen {target.name} kan inte skrivas över. Den är troligen öppen i Word eller Excel, eller "
            "skrivskyddad. Stäng den och försök igen, eller spara med ett annat namn.") from exc
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise ExportError(
                f"Det finns inte plats på disken för {target.name} i {target.parent}. Frigör utrymme "
                "eller välj en annan plats, till exempel ett USB-minne. Ingen fil har skrivits.") from exc
        raise ExportError(f"Filen {target.name} kunde inte sparas: {exc.strerror or exc}.") from exc


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
