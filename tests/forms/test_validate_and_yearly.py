"""Validation (what blocks "Klar") and starting a report from last year's."""

from datetime import date
from decimal import Decimal

import pytest

from forms.report import deadline, deadline_state
from forms.validate import blocking, validate
from forms.yearly import area_choice, report_from_previous


def test_over_limit_text_is_a_warning_and_kept(fca2022, lundby):
    """The 600 characters are the template's guidance: a warning, never a reason to refuse "Klar"."""
    problems = validate(fca2022, lundby)
    too_long = [p for p in problems if "tecken" in p.message]
    assert {p.field_id for p in too_long} >= {"aktiviteter_samverkan", "nosam"}
    assert not any(p.blocking for p in too_long)
    assert len(lundby.answers["aktiviteter_samverkan"]) > 4000
    assert [p.field_id for p in blocking(problems)] == ["compiled_by", "compiled_date"]  # only the signature is left


def test_conditional_question_only_counts_when_nej(fca2022, lundby):
    lundby.answers.pop("bemanning_saknas")
    assert "bemanning_saknas" in {p.field_id for p in validate(fca2022, lundby)}
    lundby.answers["bemanning_tillracklig"] = "ja"
    assert "bemanning_saknas" not in {p.field_id for p in validate(fca2022, lundby)}


def test_complete_report_has_no_blocking_problem(fca2022, lundby):
    for f in fca2022.fields():
        if f.kind == "text":
            lundby.answers[f.id] = "Kort svar."
    lundby.compiled_by = "Anna Andersson"
    lundby.compiled_date = date(2023, 1, 20)
    assert blocking(validate(fca2022, lundby)) == []


def test_signature_required(fca2022, lundby):
    ids = {p.field_id for p in validate(fca2022, lundby)}
    assert {"compiled_by", "compiled_date"} <= ids


def test_deadline_and_its_state(fca2022):
    due = deadline(fca2022, 2022)
    assert due == date(2023, 2, 1)
    assert deadline_state(due, "utkast", date(2023, 2, 2)) == "past"
    assert deadline_state(due, "utkast", date(2023, 1, 25)) == "soon"
    assert deadline_state(due, "utkast", date(2022, 12, 1)) == "ok"
    assert deadline_state(due, "skickad", date(2023, 3, 1)) == "done"


def test_from_previous_year_copies_area_name_and_budget(library, lundby):
    lundby.id = 7
    lundby.compiled_by = "Anna Andersson"
    new = report_from_previous(lundby, library, area="Hisingen")
    assert (new.year, new.revision, new.area, new.previous_id) == (2023, "2023", "Hisingen", 7)
    assert new.compiled_by == "Anna Andersson"
    assert new.answers == {}
    assert new.amount("ekonomi", "lon", "budget_region") == Decimal("261")
    assert new.amount("ekonomi", "lon", "utfall_region") is None


def test_percentage_outside_range_blocks_klar(fca2022, lundby):
    lundby.answers["andel_koordinator"] = "150"
    problems = [p for p in validate(fca2022, lundby) if p.field_id == "andel_koordinator"]
    assert problems and problems[0].blocking and "mellan 0 och 100" in problems[0].message


@pytest.mark.parametrize(("stadsdel", "stadsomrade"), [
    ("Lundby", "Hisingen"), ("Norra Hisingen", "Hisingen"), ("Västra Hisingen", "Hisingen"),
    ("Centrum", "Centrum"), ("Majorna-Linné", "Centrum"), ("Örgryte-Härlanda", "Centrum"),
    ("Askim-Frölunda-Högsbo", "Sydväst"), ("Västra Göteborg", "Sydväst"),
    ("Angered", "Nordost"), ("Östra Göteborg", "Nordost"),
])
def test_across_the_2023_revision_the_stadsdel_s_stadsomrade_is_suggested(library, lundby, stadsdel, stadsomrade):
    """2022 was written per stadsdel, 2023 per stadsområde: the user must choose, with the right one
    pre-selected (resources/areas.toml)."""
    lundby.area = stadsdel
    choice = area_choice(lundby, library)
    assert choice.area_word == "stadsområde"
    assert choice.areas == ["Centrum", "Hisingen", "Nordost", "Sydväst"]
    assert stadsdel == "Centrum" or choice.must_choose
    assert choice.suggested == stadsomrade


def test_within_a_revision_the_area_is_kept_without_asking(library, lundby):
    lundby.area = "Hisingen"
    lundby.year, lundby.revision = 2023, "2023"
    choice = area_choice(lundby, library)
    assert not choice.must_choose and choice.suggested == "Hisingen"
    assert report_from_previous(lundby, library).area == "Hisingen"
