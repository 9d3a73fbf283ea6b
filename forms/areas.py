"""The city's areas (stadsområden, and the stadsdelar before 2023), read from resources/areas.toml."""

from __future__ import annotations

import tomllib
from functools import cache

from forms.resources import resource_path


@cache
def _areas() -> dict[str, list[str]]:
    return tomllib.loads(resource_path("areas.toml").read_text(encoding="utf-8"))


def areas_for(area_word: str) -> list[str]:
    """The areas called `area_word` ("stadsområde" or "stadsdel"); empty for an unknown word."""
    return list(_areas().get(area_word, []))
