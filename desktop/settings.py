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


def last_folder() -> Path:
    saved = str(settings_store().value("files/last_folder", ""))
    if saved and Path(saved).is_dir():
        return Path(saved)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def remember_folder(folder: Path) -> None:
    settings_store().setValue("files/last_folder", str(folder))
