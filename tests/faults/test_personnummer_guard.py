"""The personnummer guard covers everything that leaves the app, after normalising what a reader
would still read as a number (issue 8, break 6)."""

from __future__ import annotations

import pytest

from desktop.cli import main as cli_main
from forms.personal_data import find_personal_numbers, scan_report


@pytest.mark.parametrize("written", [
    "811218/9876", "811218.9876", "811218 - 9876", "81 12 18-9876", "811218-98\u200b76", "8112\u200d18-9876",
    "\uff18\uff11\uff11\uff12\uff11\uff18-\uff19\uff18\uff17\uff16",  # full-width digits
    "811218-\n9876", "811218\r\n9876", "811218\u00ad-9876", "811218 +9876",
])
def test_every_way_of_writing_it_is_found(written):
    text = f"Barnet {written} kom."
    [found] = find_personal_numbers(text)
    assert found.text == written and text[found.start:found.end] == written


@pytest.mark.parametrize("text", [
    "Org.nr 212000-1355", "1 212 121 212,0 tkr", "2023-01-20 – 2023-12-31", "031-365 00 00",
    "070-123 45 67", "Kl. 08.30–16.00", "20.01.2023", "12.12.12", "Dnr 1212/12",
])
def test_the_wider_separators_raise_no_new_false_alarms(text):
    assert find_personal_numbers(text) == []


@pytest.mark.parametrize("written", [
    "\u0668\u0661\u0661\u0662\u0661\u0668-\u0669\u0668\u0667\u0666",  # Arabic-Indic ٨١١٢١٨-٩٨٧٦
    "\u06f8\u06f1\u06f1\u06f2\u06f1\u06f8-\u06f9\u06f8\u06f7\u06f6",  # Persian (extended Arabic-Indic)
    "\u096e\u0967\u0967\u0968\u0967\u096e-\u096f\u096e\u096d\u096c",  # Devanagari
    "8\u030111218-9876", "811218-98\u030376", "8\u20dd11218-9876",  # combining marks inside
    "811218--9876", "811218\u2013\u20139876", "811218 \u2014 9876", "811218\u2012\u22129876",  # runs of dashes
    "8 1 1 2 1 8 9 8 7 6", "8 1 1 2 1 8 - 9 8 7 6", "1 9 8 1 1 2 1 8 9 8 7 6", "8 1 1 2 1 8\n9 8 7 6",  # spaced
    "\u0668\u0661\u0661\u0662\u0661\u0668\u200b-\u0669\u0668\u0667\u0666",  # and mixed with a zero-width space
])
def test_other_digits_marks_dashes_and_spaced_digits_are_found(written):
    """Issue 23, item 8: each of these passed the guard and was exported."""
    text = f"Barnet {written} kom."
    [found] = find_personal_numbers(text)
    assert found.text == written and text[found.start:found.end] == written


@pytest.mark.parametrize("where", ["answer", "area", "compiled_by", "percent"])
def test_the_new_evasions_are_caught_in_every_field_that_leaves_the_app(fca2022, lundby, where):
    number = "\u0668\u0661\u0661\u0662\u0661\u0668-\u0669\u0668\u0667\u0666"
    if where == "answer":
        lundby.set_answer("nosam", f"Kontakt: {number}")
    elif where == "area":
        lundby.area = f"Lundby {number}"
    elif where == "compiled_by":
        lundby.compiled_by = "Anna 8 1 1 2 1 8 9 8 7 6"
    else:
        lundby.set_answer("andel_koordinator", "811218--9876")
    assert len(scan_report(fca2022, lundby)) == 1


@pytest.mark.parametrize("text", [
    "1 2 3 4 5 6 7 8 9 0", "0 0 0 0 0 0 0 0 0 0", "Rad 1 2 3 4 5 6 7 8 9 10 11", "\u0661\u0662\u0663 kr",
    "2023\u20132024", "Budget 459\u2212448", "v. 12\u201314, 2023-01-20\u20142023-12-31",
])
def test_normalising_raises_no_new_false_alarms(text):
    assert find_personal_numbers(text) == []


def test_name_area_attachment_names_and_number_fields_are_scanned(fca2022, lundby):
    lundby.compiled_by = "Anna 811218-9876"
    lundby.area = "Lundby 121212-1212"
    lundby.set_answer("andel_koordinator", "701063-2391")
    found = scan_report(fca2022, lundby, ["Intyg 811218-9876.pdf", "Budget.xlsx"])
    assert [(field_id, where) for field_id, where, _ in found] == [
        ("andel_koordinator", fca2022.render(fca2022.field("andel_koordinator").label, lundby.area, 2022).strip()),
        ("area", "Stadsdel"), ("compiled_by", "Sammanställd av"),
        ("attachment", "Bilagans namn (Intyg 811218-9876.pdf)")]


def test_cli_export_refuses_a_report_with_a_personnummer_unless_allowed(tmp_path, capsys, store, lundby, db_path):
    lundby.compiled_by = "Anna 811218-9876"
    report_id = store.create_report(lundby)
    store.close()
    target = tmp_path / "r.xlsx"
    assert cli_main(["export", "--db", str(db_path), str(report_id), "--xlsx", str(target)]) == 1
    err = capsys.readouterr().err
    assert "”Sammanställd av”" in err and "811218-9876" in err and "--tillat-personnummer" in err
    assert err.count("\n") == 1 and not target.exists()
    assert cli_main(["export", "--db", str(db_path), str(report_id), "--xlsx", str(target),
                     "--tillat-personnummer"]) == 0
    assert target.exists()
