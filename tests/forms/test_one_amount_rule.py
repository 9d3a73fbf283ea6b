"""One amount rule for every door (issue 23, item 9): the grid, JSON files, Word reports and received
email read amounts by forms.numbers' rule — digits other than 0–9 refused everywhere, "-0" is 0 —
and a JSON object with a key twice is refused instead of silently taking the last value."""

import json
from decimal import Decimal

import pytest

from forms.interchange import InterchangeError, report_from_json, report_to_dict
from forms.numbers import NumberError, decimal_to_text, read_amount

OTHER_DIGITS = ["\u0662\u0665\u0660", "\uff12\uff15\uff10", "\u0968\u096b\u0966", "2\u0665\u0660"]


def _json(lundby, library, amount) -> str:
    data = report_to_dict(lundby, library)
    data["tables"]["ekonomi"]["lon"]["budget_region"] = amount
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("text", OTHER_DIGITS)
def test_other_digits_are_refused_by_the_grid_rule_and_by_json(lundby, library, text):
    with pytest.raises(NumberError, match="0–9"):
        read_amount(text, 1)
    with pytest.raises(InterchangeError, match="inte ett tal.*0–9"):
        report_from_json(_json(lundby, library, text), library)


@pytest.mark.parametrize("text", ["-0", "−0", "-0.0", "-0,0", "- 0"])
def test_minus_zero_is_zero_everywhere(lundby, library, text):
    value = read_amount(text, 1)
    assert value == 0 and not value.is_signed() and decimal_to_text(value) == "0"
    if "," not in text and " " not in text and "−" not in text:
        report = report_from_json(_json(lundby, library, text), library)
        stored = report.amount("ekonomi", "lon", "budget_region")
        assert stored == 0 and not stored.is_signed()
        assert report_to_dict(report, library)["tables"]["ekonomi"]["lon"]["budget_region"] == "0"


def test_json_reads_the_same_amounts_as_the_grid(lundby, library):
    for text, expected in (("448.5", Decimal("448.5")), ("-12.3", Decimal("-12.3")), ("0", Decimal(0))):
        assert read_amount(text, 1) == expected
        assert report_from_json(_json(lundby, library, text), library).amount("ekonomi", "lon", "budget_region") == expected
    for text in ("1e3", "448.55", "1000000000000", "Infinity", " 448.5"):
        with pytest.raises(InterchangeError):
            report_from_json(_json(lundby, library, text), library)


@pytest.mark.parametrize("where", ["top", "answers", "tables"])
def test_a_key_twice_is_refused(lundby, library, where):
    text = json.dumps(report_to_dict(lundby, library), ensure_ascii=False)
    if where == "top":
        text = text.replace('"area": "Lundby"', '"area": "Lundby", "area": "Angered"', 1)
    elif where == "answers":
        text = text.replace('"answers": {', '"answers": {"nosam": "a", "nosam": "b", ', 1)
    else:
        text = text.replace('"lon": {', '"lon": {"budget_region": "1", "budget_region": "2", ', 1)
    with pytest.raises(InterchangeError, match="står två gånger"):
        report_from_json(text, library)


def test_a_word_report_reads_amounts_by_the_same_rule(library, fca2022, lundby):
    """The Word importer's cells: "-0" read as 0, other digits and too many decimals noted, not stored."""
    from exports.bundle import docx_bytes
    from forms.word_import import import_docx

    lundby.set_amount("ekonomi", "lon", "budget_region", Decimal("-0"))
    result = import_docx(docx_bytes(fca2022, lundby), library)
    amount = result.report.amount("ekonomi", "lon", "budget_region")
    assert amount == 0 and not amount.is_signed()
    from forms.word_import import _amount

    for text in ("\u0662\u0665\u0660", "12,55"):
        with pytest.raises(NumberError):
            _amount(text, "tkr", 1)
