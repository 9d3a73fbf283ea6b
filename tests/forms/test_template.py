"""Templates are data: the shipped files load, and a broken file names its file and line."""

import pytest

from forms.template import FIELD_KINDS, TemplateError, TemplateLibrary, load_template


def test_both_fca_revisions_load_with_their_party_labels(library):
    fca22 = library.get("fca-uppfoljning", "2022")
    fca23 = library.get("fca-uppfoljning", "2023")
    assert fca22.parties == {"region": "HSNG", "city": "SDN"}
    assert fca23.parties == {"region": "DRNG", "city": "SN"}
    assert fca22.render(fca22.title, "Lundby", 2022) == (
        "Uppföljning av Avtal om familjecentrerat arbetssätt och familjecentraler i stadsdel Lundby 2022")
    assert "stadsområde Centrum 2024" in fca23.render(fca23.title, "Centrum", 2024)


def test_same_questions_have_the_same_stable_ids_in_both_revisions(library):
    ids22 = [f.id for f in library.get("fca-uppfoljning", "2022").fields()]
    ids23 = [f.id for f in library.get("fca-uppfoljning", "2023").fields()]
    assert ids22 == ids23
    assert len(ids22) == len(set(ids22))


def test_revision_chosen_by_year(library):
    assert library.for_year("fca-uppfoljning", 2022).revision == "2022"
    assert library.for_year("fca-uppfoljning", 2023).revision == "2023"
    assert library.for_year("fca-uppfoljning", 2026).revision == "2023"
    assert library.for_year("fca-uppfoljning", 2019).revision == "2022"


def test_placeholders_use_the_report_year(fca2022):
    label = fca2022.field("forbattringsomraden").label
    assert fca2022.render(label, "Lundby", 2022) == "Ge exempel på eventuella förbättringsområden inför 2023:"
    row = fca2022.field("ekonomi").table.row("aterbetalning")
    assert fca2022.render(row.label, "Lundby", 2022) == "Återbetalning till HSNG"


def test_seed_wording_is_kept_exactly(fca2022):
    labels = [f.label for f in fca2022.fields() if f.label]
    assert "Övriga kommentarer" in labels
    assert any(b.startswith("Obs! Max antal tecken för frågor med möjlighet till fritext är 600.")
               for b in fca2022.field("instruktion").bullets)
    assert fca2022.field("bemanning_saknas").show_if.equals == "nej"


def test_every_shipped_field_kind_is_known(library):
    for template in library:
        assert {f.kind for f in template.fields()} <= set(FIELD_KINDS)


def _write(tmp_path, text, name="trasig.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_toml_syntax_error_names_file_and_line(tmp_path, fca2022):
    source = fca2022.source.read_text(encoding="utf-8").splitlines()
    line = source.index('region = "HSNG"')
    source[line] = 'region = "HSNG'  # an unterminated string
    path = _write(tmp_path, "\n".join(source))
    with pytest.raises(TemplateError, match=rf"trasig\.toml, rad {line + 1}: felaktig TOML"):
        load_template(path)


def test_unknown_field_kind_names_line_of_the_field(tmp_path, fca2022):
    source = fca2022.source.read_text(encoding="utf-8")
    broken = source.replace('id = "nosam"\nkind = "text"', 'id = "nosam"\nkind = "textruta"')
    path = _write(tmp_path, broken)
    line = broken.splitlines().index('id = "nosam"') + 1
    with pytest.raises(TemplateError, match=rf"trasig\.toml, rad {line}: Fältet ”nosam”: okänd kind ”textruta”"):
        load_template(path)


def test_condition_on_missing_field_is_refused(tmp_path, fca2022):
    source = fca2022.source.read_text(encoding="utf-8")
    path = _write(tmp_path, source.replace('field = "bemanning_tillracklig"', 'field = "finns_inte"'))
    with pytest.raises(TemplateError, match="show_if pekar på okänt fält ”finns_inte”"):
        load_template(path)


def test_unknown_placeholder_is_refused(tmp_path, fca2022):
    source = fca2022.source.read_text(encoding="utf-8")
    path = _write(tmp_path, source.replace("inför {år+1}:", "inför {nästa år}:"))
    with pytest.raises(TemplateError, match="okänd platshållare {nästa år}"):
        load_template(path)


def test_missing_key_and_wrong_type(tmp_path, fca2022):
    source = fca2022.source.read_text(encoding="utf-8")
    with pytest.raises(TemplateError, match="saknar nyckeln ”title”"):
        lines = [line for line in source.splitlines() if not line.startswith('title = "Uppföljning av')]
        load_template(_write(tmp_path, "\n".join(lines)))
    with pytest.raises(TemplateError, match="”first_year” ska vara int"):
        load_template(_write(tmp_path, source.replace("first_year = 2022", 'first_year = "2022"')))


def test_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes("title = 'Uppföljning'".encode("latin-1"))
    with pytest.raises(TemplateError, match="latin1.toml: filen kan inte läsas"):
        load_template(path)


def test_library_from_a_folder_reads_a_new_revision(tmp_path, fca2022):
    """A new year's wording is a new file, nothing else."""
    source = fca2022.source.read_text(encoding="utf-8")
    new = source.replace('revision = "2022"', 'revision = "2030"').replace(
        "first_year = 2022\nlast_year = 2022", "first_year = 2030")
    _write(tmp_path, new, "fca-uppfoljning-2030.toml")
    library = TemplateLibrary.load(tmp_path)
    assert library.for_year("fca-uppfoljning", 2031).revision == "2030"


def test_areas_by_revision_word():
    from forms.areas import areas_for
    assert areas_for("stadsområde") == ["Centrum", "Hisingen", "Nordost", "Sydväst"]
    assert "Lundby" in areas_for("stadsdel")
    assert areas_for("okänt") == []


def test_a_misspelt_key_is_refused_with_its_line(tmp_path, fca2022):
    """A `hedaing` must not silently drop the heading."""
    source = fca2022.source.read_text(encoding="utf-8").replace('heading = "Instruktion"', 'hedaing = "Instruktion"')
    line = source.splitlines().index('hedaing = "Instruktion"') + 1
    with pytest.raises(TemplateError, match=rf"rad {line}: Fältet ”instruktion” \(info\): okänd nyckel ”hedaing”"):
        load_template(_write(tmp_path, source))


@pytest.mark.parametrize("old, new, message", [
    ("month = 2, day = 1", "month = 13, day = 1", "1/13 är inget datum"),
    ("last_year = 2022", "last_year = 2020", "last_year 2020 är före first_year 2022"),
    ('id = "utvecklingsfragor"', 'id = "granskning"', "reserverat"),
    ('bullets = [\n  "Avtalet', 'bullets = [\n  5, "Avtalet', "lista med texter"),
    ('{ id = "summa", label = "SUMMA", role = "sum" }', '{ id = "lon", label = "SUMMA", role = "sum" }',
     "id ”lon” används två gånger i tabellen"),
    ('role = "refund", groups = ["utfall"]', 'role = "refund", groups = "utfall"', "”groups” ska vara list"),
    ('{ id = "ingaende", label = "Ingående medel från {år-1}", role = "funds" }',
     '{ id = "ingaende", label = "Ingående medel från {år-1}", role = "funds", groups = ["utfall"] }',
     "gäller bara uträknade rader"),
])
def test_other_template_mistakes(tmp_path, fca2022, old, new, message):
    source = fca2022.source.read_text(encoding="utf-8")
    assert old in source
    with pytest.raises(TemplateError, match=message):
        load_template(_write(tmp_path, source.replace(old, new)))


def test_two_files_with_the_same_revision_are_refused(tmp_path, fca2022):
    source = fca2022.source.read_text(encoding="utf-8")
    _write(tmp_path, source, "a.toml")
    _write(tmp_path, source, "b.toml")
    with pytest.raises(TemplateError, match="b.toml och a.toml är båda mallen fca-uppfoljning version 2022"):
        TemplateLibrary.load(tmp_path)


@pytest.mark.parametrize("old, new, key", [
    ('deadline = { month = 2, day = 1, years_after = 1 }', 'deadline = { month = 2, day = 1, years_after = 100000 }',
     "years_after"),
    ("max_chars = 600", "max_chars = 0", "max_chars"),
    ("first_year = 2022", "first_year = 99999", "first_year"),
])
def test_values_out_of_range_are_refused_at_load_with_file_and_line(tmp_path, fca2022, old, new, key):
    """Issue 8, break 8: such values loaded and crashed later (a date in year 102022)."""
    source = fca2022.source.read_text(encoding="utf-8")
    assert old in source
    changed = source.replace(old, new, 1)
    line = changed.splitlines().index(new) + 1
    with pytest.raises(TemplateError, match=rf"trasig\.toml, rad {line}: .*”{key}” ska vara mellan"):
        load_template(_write(tmp_path, changed))


def test_table_decimals_and_number_limits_follow_the_amount_rule(tmp_path, fca2022):
    source = fca2022.source.read_text(encoding="utf-8")
    assert "\nunit = \"tkr\"" in source
    changed = source.replace('\nunit = "tkr"', '\nunit = "tkr"\ndecimals = 100', 1)
    line = changed.splitlines().index("decimals = 100") + 1
    with pytest.raises(TemplateError, match=rf"rad {line}: .*”decimals” ska vara mellan 0 och 3, inte 100"):
        load_template(_write(tmp_path, changed))


def test_deeply_nested_toml_is_a_clear_error(tmp_path):
    path = _write(tmp_path, "x = " + "[" * 100_000 + "]" * 100_000)
    with pytest.raises(TemplateError, match="trasig.toml: för djupt nästlade"):
        load_template(path)
