"""The templates' parsed TOML kept between starts (TemplateLibrary.load(cache=…), the app's start):
the same templates as a fresh read, a changed file read again, a damaged or unwritable cache done
without, and a broken template still named with its line."""

import json
import os
import re
import shutil

import pytest

import forms.template as template_module
from forms.resources import resource_path
from forms.template import TemplateError, TemplateLibrary, load_template


@pytest.fixture
def folder(tmp_path):
    """A copy of the shipped templates, to change."""
    copy = tmp_path / "mallar"
    shutil.copytree(resource_path("templates"), copy)
    return copy


def _parses(monkeypatch) -> list[str]:
    """The names of the files parsed from here on (each parse goes through template._parse)."""
    parsed = []
    real = template_module._parse

    def counting(path, source):
        parsed.append(path.name)
        return real(path, source)

    monkeypatch.setattr(template_module, "_parse", counting)
    return parsed


def _templates(library: TemplateLibrary) -> list:
    return [(t.key, t) for t in library]


def test_a_second_start_builds_the_same_templates_without_parsing_a_file(folder, tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "mallar.json"
    fresh = TemplateLibrary.load(folder)
    first = TemplateLibrary.load(folder, cache=cache)
    assert cache.is_file()
    parsed = _parses(monkeypatch)
    second = TemplateLibrary.load(folder, cache=cache)
    assert parsed == []
    assert _templates(second) == _templates(first) == _templates(fresh)
    assert len(_templates(fresh)) == len(list(folder.glob("*.toml")))


def test_a_changed_template_is_read_again(folder, tmp_path, monkeypatch):
    cache = tmp_path / "mallar.json"
    TemplateLibrary.load(folder, cache=cache)
    path = folder / "fca-uppfoljning-2022.toml"
    text = path.read_text(encoding="utf-8")
    assert 'title = "' in text
    path.write_text(text.replace('title = "', 'title = "Ändrad: ', 1), encoding="utf-8")
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a later time, as an edit has
    parsed = _parses(monkeypatch)
    library = TemplateLibrary.load(folder, cache=cache)
    assert parsed == ["fca-uppfoljning-2022.toml"]
    assert library.get("fca-uppfoljning", "2022").title.startswith("Ändrad: ")
    parsed.clear()
    assert TemplateLibrary.load(folder, cache=cache).get("fca-uppfoljning", "2022").title.startswith("Ändrad: ")
    assert parsed == []  # the cache took the change in


def test_a_removed_template_leaves_the_library_and_the_cache(folder, tmp_path):
    cache = tmp_path / "mallar.json"
    TemplateLibrary.load(folder, cache=cache)
    (folder / "halsolots-uppfoljning-2023.toml").unlink()
    library = TemplateLibrary.load(folder, cache=cache)
    assert "halsolots-uppfoljning" not in {t.id for t in library}
    assert "halsolots-uppfoljning-2023.toml" not in json.loads(cache.read_text(encoding="utf-8"))


@pytest.mark.parametrize("damage", [b"", b"{\"fca-uppfoljning-2022.toml\": [1, 2", b"\xff\xfe not text",
                                    b"[1, 2, 3]", b"{\"fca-uppfoljning-2022.toml\": [0, 0, 5]}"])
def test_a_damaged_cache_is_done_without_and_written_again(folder, tmp_path, monkeypatch, damage):
    cache = tmp_path / "mallar.json"
    expected = _templates(TemplateLibrary.load(folder))
    cache.write_bytes(damage)
    parsed = _parses(monkeypatch)
    assert _templates(TemplateLibrary.load(folder, cache=cache)) == expected
    assert len(parsed) == len(expected)
    parsed.clear()
    assert _templates(TemplateLibrary.load(folder, cache=cache)) == expected
    assert parsed == []


def test_a_cache_that_cannot_be_written_is_done_without(folder, tmp_path):
    blocked = tmp_path / "en-fil"
    blocked.write_text("inte en mapp", encoding="utf-8")
    cache = blocked / "mallar.json"  # its folder would have to be a file
    expected = _templates(TemplateLibrary.load(folder))
    assert _templates(TemplateLibrary.load(folder, cache=cache)) == expected
    assert _templates(TemplateLibrary.load(folder, cache=cache)) == expected
    assert blocked.read_text(encoding="utf-8") == "inte en mapp"
    assert not list(tmp_path.glob("**/*.tmp"))


def test_a_broken_template_names_its_line_also_from_the_cache(folder, tmp_path):
    path = folder / "fca-uppfoljning-2022.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('unit = "tkr"', "unit = 1", 1), encoding="utf-8")
    with pytest.raises(TemplateError) as without_cache:
        load_template(path)
    assert re.match(r"fca-uppfoljning-2022\.toml, rad [1-9]\d*: .*”unit” ska vara str, inte 1", str(without_cache.value))
    cache = tmp_path / "mallar.json"
    for _ in range(2):  # the first read parses and keeps the parse; the second builds from the cache
        with pytest.raises(TemplateError) as caught:
            TemplateLibrary.load(folder, cache=cache)
        assert str(caught.value) == str(without_cache.value)
    assert "fca-uppfoljning-2022.toml" in json.loads(cache.read_text(encoding="utf-8"))
