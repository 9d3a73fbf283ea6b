"""docs/templates.md describes every key the shipped templates use, where a maintainer looks for it:
top-level keys (and `[parties]`, `deadline`) in section 3, sections and fields in section 5, the
money table's keys in section 6 — in its prose or tables, not only inside an example."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "templates.md"
TEMPLATES = ROOT / "resources" / "templates"


def used_keys() -> set[tuple[str, str]]:
    """(doc section number, key) for every key in every shipped template."""
    found: set[tuple[str, str]] = set()
    for path in sorted(TEMPLATES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for key, value in data.items():
            found.add(("3", key))
            if key in ("parties", "deadline"):
                found |= {("3", inner) for inner in value}
        for section in data.get("sections", []):
            found |= {("5", key) for key in section}
            for field in section.get("fields", []):
                where = "6" if field.get("kind") == "money_table" else "5"
                found |= {(where, key) for key in field}
                found |= {("5", key) for key in field.get("show_if", {})}
                for part in ("columns", "groups", "rows"):
                    items = field.get(part, [])
                    found |= {(where, key) for item in items if isinstance(item, dict) for key in item}
    return found


def documented(section: str) -> str:
    """The prose of the doc's section `section` (## N.), its fenced examples left out."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"^## {section}\. .*?(?=^## \d+\. |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"docs/templates.md has no section ”## {section}.”"
    return re.sub(r"^```.*?^```", "", match[0], flags=re.MULTILINE | re.DOTALL)


def is_described(key: str, prose: str) -> bool:
    return re.search(rf"`[^`\n]*(?<![\w-]){re.escape(key)}(?![\w-])[^`\n]*`", prose) is not None


def test_every_template_key_in_use_is_documented():
    missing = sorted(f"{key} (avsnitt {section})" for section, key in used_keys()
                     if not is_described(key, documented(section)))
    assert not missing, f"docs/templates.md beskriver inte: {', '.join(missing)}"


def test_the_check_sees_a_key_missing(tmp_path):
    """A key used nowhere in the docs is found (the test is not vacuous)."""
    assert not is_described("print_titel", documented("5"))
    assert ("5", "print_title") in used_keys() and ("6", "count_field") in used_keys()
