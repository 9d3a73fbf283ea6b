"""The personal-data guard: real personnummer and samordningsnummer are found, amounts, dates,
phone numbers, postcodes and the seed documents give no false alarm."""

import re
from pathlib import Path

import pytest

from forms.personal_data import (
    PERSONNUMMER,
    SAMORDNINGSNUMMER,
    Finding,
    describe,
    find_personal_numbers,
    luhn_valid,
    scan_report,
)
from forms.report import Report

SEEDS = sorted((Path(__file__).parent.parent / "data" / "seed-excerpts").glob("*.txt"))


@pytest.mark.parametrize("number", [
    "19121212-1212",  # Skatteverket's test numbers, every way of writing them
    "121212-1212",
    "1212121212",
    "191212121212",
    "121212+1212",  # a hundred years or older
    "198112189876",
    "811218-9876",
    "19811218-9876",
    "000229-0005",  # 29 February 2000
    "121212\u20111212",  # a non-breaking hyphen from a word processor
    "121212\u22121212",
    "19121212 1212",
])
def test_valid_personnummer_is_found_whole(number):
    """Each form is found exactly as written, as a personnummer."""
    text = f"Barnet ({number}) kom till familjecentralen."
    assert find_personal_numbers(text) == [Finding(8, 8 + len(number), number, PERSONNUMMER)]


@pytest.mark.parametrize("number", ["701063-2391", "7010632391", "19701063-2391", "197010632391"])
def test_samordningsnummer_is_found(number):
    """A samordningsnummer: the day plus 60 (63 is the 3rd), and its own kind."""
    assert find_personal_numbers(number) == [Finding(0, len(number), number, SAMORDNINGSNUMMER)]


def test_several_numbers_in_one_text_in_order():
    text = "Anna 121212-1212 och Bo 701063-2391,811218-9876."
    assert [f.text for f in find_personal_numbers(text)] == ["121212-1212", "701063-2391", "811218-9876"]
    for found in find_personal_numbers(text):
        assert text[found.start:found.end] == found.text


@pytest.mark.parametrize("number", [
    "19121212-1213", "121212-1211", "1212121210", "198112189875", "701063-2392",  # wrong check digit
])
def test_wrong_check_digit_is_not_a_personnummer(number):
    assert find_personal_numbers(number) == []


@pytest.mark.parametrize("number", [
    "121312-1212",  # month 13
    "121200-1212",  # day 0
    "120231-1212",  # 31 February
    "010229-1212",  # 29 February 2001 (and 1901)
    "21121212-1212",  # no one is born in the 22nd century
    "121292-1212",  # day 92: no samordningsnummer either
])
def test_impossible_date_is_not_a_personnummer(number):
    """Even with a check digit that fits (computed here), an impossible date is no personnummer."""
    short = number.replace("-", "")[-10:]
    fitted = number[:-1] + str(next(d for d in range(10) if luhn_valid(short[:-1] + str(d))))
    assert find_personal_numbers(fitted) == []


@pytest.mark.parametrize("text", [
    "1212121212121",  # 13 digits
    "a12121212121212b",  # 14 digits
    "31121212121212",
    "Fakturanummer 55191212121212",
    "1212121212,5 kr",  # an amount with decimals
    "0,1212121212",
])
def test_not_inside_longer_digit_runs_or_amounts(text):
    assert find_personal_numbers(text) == []


@pytest.mark.parametrize("text", [
    "3 669 000 kr", "1553,5", "1 553,5 tkr", "−1 553,5", "13 166 000", "Budget 2021 459 459 448",
    "2023-01-20", "20230120", "2022-12-31 – 2023-12-31", "den 1 februari 2024", "1/2 2024",
    "031-365 00 00", "0701234567", "070-123 45 67", "+46 31 365 00 00", "+46701234567", "031-3650000",
    "415 05 Göteborg", "41505", "SE-417 05",
    "Dnr N169-0123/24", "Kl. 08.30–16.00", "Org.nr 212000-1355",  # Göteborgs Stad's organisationsnummer: month 20
])
def test_no_false_alarm_on_amounts_dates_phones_postcodes(text):
    assert find_personal_numbers(text) == []


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_documents_contain_no_personal_numbers(seed):
    """The committee papers the demo data comes from are public documents: nothing to find."""
    assert find_personal_numbers(seed.read_text(encoding="utf-8")) == []


def test_all_five_seeds_are_scanned():
    """Five excerpts, each full of the numbers a personnummer check could mistake (amounts, dates)."""
    assert len(SEEDS) == 5
    for seed in SEEDS:
        assert len(re.findall(r"\d{4}", seed.read_text(encoding="utf-8"))) >= 10, seed.name


def test_finding_is_frozen():
    found = find_personal_numbers("121212-1212")[0]
    with pytest.raises(AttributeError):
        found.start = 3


# --- a whole report --------------------------------------------------------------------------------


def test_demo_report_is_clean(fca2022, lundby):
    """The filled Lundby demo report has no personal numbers and gives no warning."""
    assert scan_report(fca2022, lundby) == []
    assert describe(scan_report(fca2022, lundby)) == ""


def test_scan_finds_number_in_visible_text_answer(fca2022, lundby):
    lundby.set_answer("ovriga_kommentarer", "Familjen med barnet 19121212-1212 flyttade.")
    assert scan_report(fca2022, lundby) == [
        ("ovriga_kommentarer", "Övriga kommentarer", Finding(20, 33, "19121212-1212", PERSONNUMMER)),
    ]


def test_hidden_answer_is_not_scanned(fca2022, lundby):
    """"Om nej, …" after Ja is not exported, so it is not a problem either."""
    lundby.set_answer("bemanning_saknas", "Se 121212-1212.")
    lundby.set_answer("bemanning_tillracklig", "ja")
    assert scan_report(fca2022, lundby) == []
    lundby.set_answer("bemanning_tillracklig", "nej")
    assert [field_id for field_id, _, _ in scan_report(fca2022, lundby)] == ["bemanning_saknas"]


def test_percent_fields_are_scanned_too_but_amounts_give_no_alarm(fca2022, lundby):
    """Issue 8, break 6: a percent or number answer reaches the .docx like any text. Amounts in
    the money table are Decimals, formatted in groups of three, never a personnummer."""
    lundby.set_answer("andel_koordinator", "1212121212")
    assert [field_id for field_id, _, _ in scan_report(fca2022, lundby)] == ["andel_koordinator"]
    lundby.set_answer("andel_koordinator", "80")
    from decimal import Decimal

    lundby.set_amount("ekonomi", "lon", "budget_region", Decimal("1212121212"))
    assert scan_report(fca2022, lundby) == []


def test_every_rows_cell_is_scanned(library):
    """Each cell of a rows field, named by question, row number and column."""
    template = library.get("fca-handlingsplan", "2024")
    report = Report(template_id=template.id, revision=template.revision, area="Lundby", year=2024)
    report.set_rows("delmal_7_1_1", [
        {"insats": "Föräldragrupp", "ansvar": "Anna", "effekt": ""},
        {"insats": "Hembesök", "ansvar": "BVC", "effekt": "Familjen 701063-2391 nåddes"},
    ])
    report.set_rows("delmal_7_3_2", [{"insats": "", "ansvar": "121212-1212", "effekt": ""}])
    found = scan_report(template, report)
    assert [(field_id, f.text, f.kind) for field_id, _, f in found] == [
        ("delmal_7_1_1", "701063-2391", SAMORDNINGSNUMMER),
        ("delmal_7_3_2", "121212-1212", PERSONNUMMER),
    ]
    label = template.field("delmal_7_1_1").label
    assert found[0][1] == f"{label} – Insats 2, Förväntad effekt/resultat"


def test_rows_answer_that_is_not_json_is_scanned_whole(library):
    template = library.get("halsolots-uppfoljning", "2023")
    report = Report(template_id=template.id, revision=template.revision, area="Lundby", year=2023)
    report.set_answer("lokalt_uppdrag", "Gammal fritext med 121212-1212")
    assert [f.text for _, _, f in scan_report(template, report)] == ["121212-1212"]


# --- the message -----------------------------------------------------------------------------------


def test_describe_one_finding():
    found = [("ovriga_kommentarer", "Övriga kommentarer", Finding(0, 13, "19121212-1212", PERSONNUMMER))]
    assert describe(found) == (
        "Fältet ”Övriga kommentarer” innehåller något som ser ut som ett personnummer (19121212-1212). "
        "Uppföljningar ska inte innehålla personuppgifter."
    )


def test_describe_groups_by_field_and_kind(fca2022, lundby):
    lundby.set_answer("ovriga_kommentarer", "121212-1212, 811218-9876 och 701063-2391")
    lundby.set_answer("utbud", lundby.answer("utbud") + " Kontakt: 121212-1212.")
    message = describe(scan_report(fca2022, lundby))
    lines = message.split("\n")
    assert len(lines) == 3
    assert lines[0].endswith("innehåller något som ser ut som ett personnummer (121212-1212).")
    assert lines[1] == ("Fältet ”Övriga kommentarer” innehåller något som ser ut som personnummer "
                        "(121212-1212, 811218-9876) och ett samordningsnummer (701063-2391).")
    assert lines[2] == "Uppföljningar ska inte innehålla personuppgifter."


def test_describe_nothing_is_empty():
    assert describe([]) == ""
