"""A broken template names its file, the line to look at and what is wrong, for every key the
loader reads (mutation testing showed most of these lines and messages were untested)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from forms.template import TemplateError, load_template

DATA = Path(__file__).resolve().parent.parent / "data"


def _load_changed(tmp_path, source: Path, old: str, new: str):
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    changed = text.replace(old, new, 1)
    path = tmp_path / "trasig.toml"
    path.write_text(changed, encoding="utf-8")
    return path, changed.splitlines()


def _line(lines: list[str], text: str) -> int:
    return lines.index(text) + 1


# (old, new, the line the error must name (its text), the message after "rad N: ")
FCA = [
    ('show_if = { field = "bemanning_tillracklig", equals = "nej" }', 'show_if = "nej"', 'id = "bemanning_saknas"',
     "Fältet ”bemanning_saknas”: ”show_if” ska vara dict, inte 'nej'"),
    ('id = "andel_koordinator"\nkind = "percent"', 'id = "andel_koordinator"\nkind = "percent"\nrequired = "ja"',
     'id = "andel_koordinator"', "Fältet ”andel_koordinator”: ”required” ska vara bool, inte 'ja'"),
    ('id = "nosam"', 'id = "Nosam!"', 'id = "Nosam!"',
     "Ett fält i avsnittet ”styrning”: id ”Nosam!” får bara innehålla a–z"),
    ('{ id = "budget_stad", group = "budget", party = "city" }', '{ id = "budget_stad", group = 5, party = "city" }',
     'id = "ekonomi"', "”group” ska vara str, inte 5"),
    ('{ id = "budget_stad", group = "budget", party = "city" }', '{ id = "budget_stad", group = "budget", party = 5 }',
     'id = "ekonomi"', "”party” ska vara str, inte 5"),
    ('role = "refund", groups = ["utfall"]', 'role = "gåva", groups = ["utfall"]',
     '  { id = "aterbetalning", label = "Återbetalning till {region}", role = "gåva", groups = ["utfall"] },',
     "raden ”aterbetalning” har okänd role ”gåva”"),
    ('unit = "tkr"', 'unit = 1', 'id = "ekonomi"', "”unit” ska vara str, inte 1"),
    ('[parties]', '[parties]\nkommun = "GSN"', 'kommun = "GSN"', "[parties]: okänd nyckel ”kommun”"),
    ('id = "fca-uppfoljning"', 'id = "FCA uppföljning"', 'id = "FCA uppföljning"', "Mallen: id ”FCA uppföljning”"),
    # an unknown key that also appears earlier in the file: the line of this field's, not the first
    ('id = "skickas"\nkind = "info"', 'id = "skickas"\nkind = "info"\nmax_chars = 5', 'max_chars = 5',
     "Fältet ”skickas” (info): okänd nyckel ”max_chars”"),
]


def _ids(cases):
    """Plain ASCII test ids (a bracket or a quote mark in an id cannot be selected on the command line)."""
    return [re.sub(r"[^a-z0-9]+", "-", c[3].lower())[:40].strip("-") for c in cases]


@pytest.mark.parametrize("old, new, at, message", FCA, ids=_ids(FCA))
def test_a_mistake_in_a_follow_up_template_names_its_line(tmp_path, fca2022, old, new, at, message):
    path, lines = _load_changed(tmp_path, fca2022.source, old, new)
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert str(caught.value).startswith(f"trasig.toml, rad {_line(lines, at)}: "), str(caught.value)
    assert message in str(caught.value)


def test_a_missing_title_names_the_template():
    with pytest.raises(TemplateError, match="Mallen saknar nyckeln ”title”"):
        _load_without(r'^title = "Uppföljning av Avtal.*$')


def _load_without(pattern: str):
    import tempfile

    source = (Path(__file__).resolve().parents[2] / "resources/templates/fca-uppfoljning-2022.toml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "trasig.toml"
        path.write_text(re.sub(pattern, "", source, count=1, flags=re.M), encoding="utf-8")
        return load_template(path)


PLAN = [
    ('max_chars = 600 }', 'max_chars = "600" }', 'id = "delmal_1"', "”max_chars” ska vara int, inte '600'"),
    ('lines = 1 }', 'lines = "1" }', 'id = "delmal_1"', "”lines” ska vara int, inte '1'"),
    ('{ id = "ansvar",', '{ id = "Ansvar!",', '  { id = "Ansvar!", label = "Ansvar", lines = 1 },',
     "Fältet ”delmal_1”, columns: id ”Ansvar!” får bara innehålla"),
    ('unit = "åa"', 'unit = 5', 'id = "arsarbetare"', "Fältet ”arsarbetare”: ”unit” ska vara str, inte 5"),
    ('maximum = 20', 'maximum = "20"', 'id = "arsarbetare"', "”maximum” ska vara int/float, inte '20'"),
    ('columns = [\n  { id = "insats", label = "Planerade insatser/aktiviteter – Målgrupp", max_chars = 600 },\n'
     '  { id = "ansvar", label = "Ansvar", lines = 1 },\n]', 'columns = []', 'id = "delmal_1"', "minst en kolumn behövs"),
    ('{ id = "gsn", group = "budget", party = "city", label = "GSN" }',
     '{ id = "gsn", group = "budget", party = "total" }', '  { id = "gsn", group = "budget", party = "total" },',
     "summakolumnen ”gsn” behöver en ”label”"),
]


@pytest.mark.parametrize("old, new, at, message", PLAN, ids=_ids(PLAN))
def test_a_mistake_in_a_plan_template_names_its_line(tmp_path, old, new, at, message):
    path, lines = _load_changed(tmp_path, DATA / "testplan-2030.toml", old, new)
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert str(caught.value).startswith(f"trasig.toml, rad {_line(lines, at)}: "), str(caught.value)
    assert message in str(caught.value)


def test_values_and_defaults_are_read(tmp_path):
    path, _ = _load_changed(tmp_path, DATA / "testplan-2030.toml", 'maximum = 20', 'minimum = 1\nmaximum = 20.5')
    template = load_template(path)
    number = template.field("arsarbetare")
    assert (number.minimum, number.maximum) == (Decimal(1), Decimal("20.5"))
    assert load_template(DATA / "testplan-2030.toml").field("arsarbetare").minimum == Decimal(0)  # a number's default
    rows = template.field("delmal_1")
    assert [(c.max_chars, c.lines) for c in rows.columns] == [(600, 3), (None, 1)]
    table = template.field("budget").table
    assert (table.unit, table.decimals) == ("tkr", 1)  # the defaults
    assert [r.source for r in table.rows] == ["", "", ""]
