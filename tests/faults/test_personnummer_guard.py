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
