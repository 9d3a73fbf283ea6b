"""Edges of the core that mutation testing showed no test held (docs/testing.md): each test here
fails for a one-line bug that every other test let pass."""

import json
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from forms.answers import format_number
from forms.economics import table_calc
from forms.interchange import InterchangeError, report_from_json, report_to_dict
from forms.numbers import NumberError, format_amount, parse_amount, parse_percent
from forms.personal_data import find_personal_numbers, luhn_valid
from forms.report import deadline_state
from forms.validate import validate

# --- personnummer: the check digit 0 --------------------------------------------------------------


def test_a_personnummer_whose_check_digit_is_0_is_found():
    """121212-0040: the Luhn sum is a multiple of ten, so the check digit is 0 (the final `% 10`)."""
    assert luhn_valid("1212120040")
    assert not luhn_valid("1212120041")
    [finding] = find_personal_numbers("Ring vårdnadshavare 121212-0040 i morgon.")
    assert finding.text == "121212-0040"


# --- percentages: the ends of 0–100 -----------------------------------------------------------------


@pytest.mark.parametrize("text, value", [("100", Decimal(100)), ("100 %", Decimal(100)), ("0", Decimal(0)),
                                         ("99,9", Decimal("99.9"))])
def test_exactly_0_and_100_percent_are_accepted(text, value):
    assert parse_percent(text) == value


@pytest.mark.parametrize("text", ["100,1", "-0,1", "101"])
def test_just_outside_0_to_100_percent_is_refused(text):
    with pytest.raises(NumberError, match="mellan 0 och 100"):
        parse_percent(text)


def test_a_percentage_that_is_no_number_says_so_in_swedish():
    with pytest.raises(NumberError) as caught:
        parse_percent("åttio")
    assert str(caught.value) == "”åttio” är ingen procentsats. Skriv ett tal mellan 0 och 100."


# --- amounts: spaces and signs as people type them --------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("1 \u00a0553,5", Decimal("1553.5")),  # two kinds of space in a row count as one group space
    ("- 5", Decimal(-5)),  # a space after the minus
    ("\u2212 1 553,5", Decimal("-1553.5")),
])
def test_amounts_with_doubled_spaces_or_a_spaced_minus(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("value, text", [
    (Decimal(0), "0,0"), (Decimal("-0.04"), "0,0"), (Decimal("-0.05"), "\u22120,1"), (None, ""),
])
def test_zero_has_no_minus_sign(value, text):
    assert format_amount(value) == text


@pytest.mark.parametrize("value, text", [(Decimal("12.5"), "12,5"), (Decimal("80"), "80"), (None, "")])
def test_percentages_show_a_decimal_only_when_they_have_one(value, text):
    assert format_number(value) == text


# --- 50/50: no tolerance ----------------------------------------------------------------------------


@pytest.mark.parametrize("step", [Decimal("1"), Decimal("0.5"), Decimal("-1")])
def test_fifty_fifty_is_exact_a_single_krona_apart_is_named(fca2022, lundby, step):
    budget = lundby.amount("ekonomi", "lon", "budget_stad")
    lundby.set_amount("ekonomi", "lon", "budget_stad", budget + step)
    messages = [i.message for i in table_calc(fca2022, lundby, "ekonomi").issues()]
    assert any(m.startswith("Koordinator/samordnare") and "50/50" in m for m in messages), messages


# --- the store: a cleared money cell, and the column allow-list ------------------------------------


def test_a_cleared_money_cell_is_deleted_from_the_database(store, lundby, db_path):
    report_id = store.create_report(lundby)
    assert store.load_report(report_id).amount("ekonomi", "lon", "budget_region") is not None
    store.save_amount(report_id, "ekonomi", "lon", "budget_region", None)
    assert store.load_report(report_id).amount("ekonomi", "lon", "budget_region") is None
    conn = sqlite3.connect(db_path)
    try:
        left = conn.execute("SELECT count(*) FROM amounts WHERE report_id = ? AND row_id = 'lon' "
                            "AND column_id = 'budget_region'", (report_id,)).fetchone()[0]
    finally:
        conn.close()
    assert left == 0
    assert store.load_report(report_id).amount("ekonomi", "lon", "budget_stad") is not None  # only that cell


@pytest.mark.parametrize("column", ["deleted_at", "id", "template_id", "status = 'klar', area"])
def test_only_the_reports_own_columns_can_be_updated(store, lundby, column):
    """The allow-list is the only guard before the f-string `UPDATE reports SET {column}`."""
    report_id = store.create_report(lundby)
    before = store.load_report(report_id)
    with pytest.raises(ValueError, match="unknown report columns"):
        store.update_report(report_id, **{column: "x"})
    after = store.load_report(report_id)
    assert (after.status, after.area, after.template_id) == (before.status, before.area, before.template_id)
    assert [s.id for s in store.list_reports()] == [report_id]


# --- the JSON interchange: every refusal ------------------------------------------------------------


def _refused(lundby, library, change, message):
    data = report_to_dict(lundby, library)
    change(data)
    with pytest.raises(InterchangeError, match=message):
        report_from_json(json.dumps(data, ensure_ascii=False), library)


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


@pytest.mark.parametrize("path, value, message", [
    (("template", "extra"), 1, "”template” ska ange mallens id och revision"),
    (("template",), "fca-uppfoljning", "”template” ska ange mallens id och revision"),
    (("version",), True, "version True stöds inte"),
    (("area",), "  ", "”area” ska vara områdets namn"),
    (("area",), 5, "”area” ska vara områdets namn"),
    (("year",), True, "ska vara ett årtal"),
    (("year",), 1999, "ska vara ett årtal"),
    (("year",), 2101, "ska vara ett årtal"),
    (("compiled_by",), None, "”compiled_by” ska vara text"),
    (("answers",), [], "”answers” ska vara ett objekt"),
    (("answers", "syfte"), "text", "”syfte” är fast text eller en tabell"),
    (("answers", "ekonomi"), "text", "”ekonomi” är fast text eller en tabell"),
    (("tables",), [], "”tables” ska vara ett objekt"),
    (("tables", "nosam"), {}, "Tabellen ”nosam” finns inte"),
    (("tables", "budget"), {}, "Tabellen ”budget” finns inte"),
    (("tables", "ekonomi"), [], "Tabellen ”ekonomi” ska ha rader"),
    (("tables", "ekonomi", "lon"), "459", "Raden ”lon” ska ha belopp per kolumn"),
    (("tables", "ekonomi", "lon", "budget_kommun"), "1", "Tabellen ”ekonomi” har ingen kolumn ”budget_kommun”"),
    (("tables", "ekonomi", "lon", "budget_region"), " 261", "Beloppet i ekonomi/lon/budget_region är inte ett tal: ' 261'"),
    (("tables", "ekonomi", "lon", "budget_region"), "261 ", "inte ett tal: '261 '"),
    (("tables", "ekonomi", "lon", "budget_region"), "Infinity", "inte ett tal"),
    (("tables", "ekonomi", "lon", "budget_region"), "NaN", "inte ett tal"),
    (("tables", "ekonomi", "lon", "budget_region"), "1E2", "inte ett tal"),
    (("tables", "ekonomi", "lon", "budget_region"), "tvåhundra", "inte ett tal"),
])
def test_every_kind_of_bad_report_file_is_refused(lundby, library, path, value, message):
    _refused(lundby, library, _set(path, value), message)


def test_a_file_that_is_not_an_object_or_misses_a_key_is_refused(lundby, library):
    with pytest.raises(InterchangeError, match="ingen rapport från Avtalsuppföljning"):
        report_from_json("[1, 2]", library)
    _refused(lundby, library, lambda data: data.pop("status"), "Rapportfilen saknar: status")


def test_a_missing_date_is_allowed_and_amounts_keep_their_decimals(lundby, library):
    data = report_to_dict(lundby, library)
    data["compiled_date"] = None
    data["tables"]["ekonomi"]["lon"]["budget_region"] = "261.5"
    report = report_from_json(json.dumps(data), library)
    assert report.compiled_date is None
    assert report.amount("ekonomi", "lon", "budget_region") == Decimal("261.5")


# --- deadlines: the due day itself is not past ------------------------------------------------------


def test_the_due_day_itself_is_not_past_the_day_after_is():
    due = date(2023, 2, 1)
    assert deadline_state(due, "utkast", due) == "soon"
    assert deadline_state(due, "utkast", date(2023, 2, 2)) == "past"


# --- validation: every kind of field is checked, with its section and label -------------------------


def test_validation_names_the_field_and_its_section(fca2022, lundby):
    problems = {p.field_id: p for p in validate(fca2022, lundby)}
    nosam = problems["nosam"]  # the demo's NOSAM answer is over its limit
    assert nosam.section_id == "styrning"
    assert nosam.message.startswith("Redogör för hur NOSAM fungerar som styrgrupp")


def test_the_money_table_is_checked_as_a_table(fca2022, lundby):
    lundby.set_amount("ekonomi", "lon", "utfall_stad", Decimal("260.5"))
    table = [p for p in validate(fca2022, lundby) if p.field_id == "ekonomi"]
    assert table and all("50/50" in p.message or "inte lika" in p.message or "större än" in p.message for p in table)
    assert not any(p.blocking for p in table)  # a slip is a warning, not a refusal
    lundby.tables["ekonomi"] = {}
    [empty] = [p for p in validate(fca2022, lundby) if p.field_id == "ekonomi"]
    assert empty.message.endswith("tabellen är inte ifylld.") and empty.blocking


def _testplan():
    from pathlib import Path

    from forms.report import Report
    from forms.template import TemplateLibrary

    library = TemplateLibrary.load(Path(__file__).resolve().parent.parent / "data")
    return library.get("testplan", "2030"), Report("testplan", "2030", "Centrum", 2030)


def test_a_too_long_cell_of_a_rows_answer_and_a_number_out_of_range_are_problems():
    template, report = _testplan()
    report.set_rows("delmal_1", [{"insats": "x" * 601, "ansvar": "ÖF"}])
    report.set_answer("arsarbetare", "25")
    problems = {p.field_id: p.message for p in validate(template, report)}
    assert "601" in problems["delmal_1"] and "600" in problems["delmal_1"]
    assert problems["arsarbetare"].endswith("Talet får inte vara större än 20.")


# --- the JSON file is written for people too --------------------------------------------------------


def test_the_json_file_is_indented_and_ends_with_a_newline(lundby, library):
    from forms.interchange import report_to_json

    text = report_to_json(lundby, library)
    assert text.splitlines()[1].startswith('  "format": ') and text.endswith("}\n")


# --- the store ---------------------------------------------------------------------------------------


def test_a_database_in_a_folder_that_does_not_exist_yet(tmp_path, lundby):
    from forms.store import Store

    store = Store(tmp_path / "ny" / "mapp" / "rapporter.sqlite")
    try:
        assert store.load_report(store.create_report(lundby)).area == "Lundby"
    finally:
        store.close()


def test_a_template_without_a_deadline_has_none(library):
    from forms.report import deadline

    paper = library.get("ekonomisk-sammanstallning", "2023")
    assert paper.deadline is None and deadline(paper, 2023) is None


def test_a_budget_only_table_has_no_deviations_to_show():
    """Deviations compare outcome with budget: a table with only a budget has none (and no error)."""
    template, report = _testplan()
    report.set_amount("budget", "lon", "region", Decimal("100"))
    report.set_amount("budget", "lon", "stad", Decimal("60"))
    assert table_calc(template, report, "budget").deviations() == []


def test_consolidated_answers_read_as_text(fca2022, lundby):
    from forms.consolidation import answer_as_text

    yesno, follow_up = fca2022.field("bemanning_tillracklig"), fca2022.field("bemanning_saknas")
    lundby.answers["bemanning_tillracklig"] = "nej"
    lundby.answers["bemanning_saknas"] = "Barnmorska"
    assert (answer_as_text(fca2022, lundby, yesno), answer_as_text(fca2022, lundby, follow_up)) == ("Nej", "Barnmorska")
    lundby.answers["bemanning_tillracklig"] = "kanske"  # not ja/nej (an imported file): shown as it is
    assert answer_as_text(fca2022, lundby, yesno) == "kanske"
    lundby.answers["bemanning_tillracklig"] = "ja"  # the follow-up is hidden: no text at all
    assert (answer_as_text(fca2022, lundby, yesno), answer_as_text(fca2022, lundby, follow_up)) == ("Ja", "")


def test_a_consolidation_names_the_parties_by_the_templates_labels(fca2022):
    from forms.consolidation import Consolidation

    picture = Consolidation(fca2022, 2022, [], {}, [], "tkr")
    assert (picture.party_label("region"), picture.party_label("total")) == ("HSNG", "total")


def test_an_unknown_template_is_named_in_the_error(library):
    with pytest.raises(KeyError, match="mallen finns-inte version 1999 finns inte"):
        library.get("finns-inte", "1999")


def test_a_stored_row_without_a_column_is_checked_as_empty():
    """Rows saved before a column was added lack it: they are validated, not a crash."""
    template, report = _testplan()
    report.answers["delmal_1"] = json.dumps([{"ansvar": "ÖF"}])
    assert "delmal_1" not in {p.field_id for p in validate(template, report)}
