"""The user's settings (Qt's QSettings: the registry on Windows, an .ini file elsewhere)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths


def settings_store() -> QSettings:
    return QSettings()


def split_addresses(text: str) -> list[str]:
    """The addresses in `text` (comma, semicolon or line break between them); raises
    forms.addresses.AddressError naming one that is not an address."""
    from forms.addresses import parse_addresses

    return parse_addresses(text)


def recipients_to(default: tuple[str, ...], template_id: str | None = None) -> list[str]:
    """Where a report goes: the address set for its type (send/to/<type>), else for a type the
    region receives the user's own region address (send/to) or the template's. A type without an
    address in its template (the committee's finance summary, to the committee secretary) has only
    its own setting: the region's address never stands in for it."""
    if template_id is not None:
        own = split_addresses(str(settings_store().value(f"send/to/{template_id}", "")))
        if own or not default:
            return own
    return split_addresses(str(settings_store().value("send/to", ""))) or list(default)


def recipients_cc() -> list[str]:
    """The committees that get the report for kännedom (SN, FSN)."""
    return split_addresses(str(settings_store().value("send/cc", "")))


SPELLING_KEY = "spelling/enabled"


def spelling_enabled() -> bool:
    """Verktyg → Stavningskontroll: on unless the user turned it off."""
    return str(settings_store().value(SPELLING_KEY, "true")).lower() != "false"


def set_spelling_enabled(on: bool) -> None:
    settings_store().setValue(SPELLING_KEY, "true" if on else "false")


FOLDER_KINDS = ("export", "import", "bilaga")  # each file dialog remembers its own last folder


def documents_folder() -> Path:
    """The user's Dokument folder (made when the profile lacks it, as a fresh Linux account does);
    the home folder when it cannot be made — never the program's own folder."""
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    try:
        documents.mkdir(exist_ok=True)
    except OSError:
        return Path.home()
    return documents


def last_folder(kind: str) -> Path:
    """Where a file dialog of this kind (export, import, bilaga) starts: the folder last used for it,
    else Dokument."""
    if kind not in FOLDER_KINDS:
        raise ValueError(f"folder kind must be one of {FOLDER_KINDS}, got {kind!r}")
    saved = str(settings_store().value(f"files/last_folder/{kind}", ""))
    if saved and Path(saved).is_dir():
        return Path(saved)
    return documents_folder()


def remember_folder(folder: Path, kind: str) -> None:
    if kind not in FOLDER_KINDS:
        raise ValueError(f"folder kind must be one of {FOLDER_KINDS}, got {kind!r}")
    settings_store().setValue(f"files/last_folder/{kind}", str(folder))
