"""The city's areas (stadsområden, and the stadsdelar before 2023), read from resources/areas.toml."""

from __future__ import annotations

from functools import cache

import tomli

from forms.resources import resource_path


@cache
def _areas() -> dict:
    return tomli.loads(resource_path("areas.toml").read_text(encoding="utf-8"))


def areas_for(area_word: str) -> list[str]:
    """The areas called `area_word` ("stadsområde" or "stadsdel"); empty for an unknown word."""
    return list(_areas().get(area_word, []))


def successor_area(old_area: str, new_area_word: str) -> str | None:
    """The area called `new_area_word` that `old_area` now belongs to ("Lundby" → "Hisingen" for
    "stadsområde"), from resources/areas.toml; None when the file does not say."""
    table = _areas().get("stadsomrade_for_stadsdel", {}) if new_area_word == "stadsområde" else {}
    folded = {name.casefold(): successor for name, successor in table.items()}
    return folded.get(old_area.strip().casefold())
