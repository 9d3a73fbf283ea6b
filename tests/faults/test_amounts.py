"""One accepted range and precision for amounts (|amount| < 10^12, at most the table's decimals),
the same in the money grid, import-json and the exports (issue 8, break 2)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.demo import demo_report
from forms.interchange import InterchangeError, report_from_json, report_to_dict
from forms.numbers import AMOUNT_LIMIT, NumberError, check_amount, format_amount, parse_amount
from tests.desktop.money_grid import put, shown


def test_an_absurd_amount_is_refused_and_later_edits_of_the_table_still_save(grid_widget):
    changes = []
    grid_widget.value_changed.connect(changes.append)
    put(grid_widget, "lon", "budget_region", "261")
    put(grid_widget, "lon", "budget_stad", "1" + "0" * 30)
    assert "för stort" in grid_widget.message.text() and not grid_widget.message.isHidden()
    assert shown(grid_widget, "lon", "budget_stad") == "1" + "0" * 30  # kept in the cell for correcting
    assert "budget_stad" not in grid_widget.value()["lon"]  # the previous value (none) stays
    put(grid_widget, "ovrigt", "budget_region", "75,5")  # a later edit still reaches the autosave
    assert changes[-1]["ovrigt"]["budget_region"] == Decimal("75.5")
    assert "budget_stad" not in changes[-1].get("lon", {})


def test_more_decimals_than_the_table_shows_are_refused(grid_widget):
    put(grid_widget, "lon", "budget_region", "250,55")
    assert "decimaler" in grid_widget.message.text()
    assert grid_widget.value() == {}
    put(grid_widget, "lon", "budget_region", "250,5")
    assert grid_widget.value() == {"lon": {"budget_region": Decimal("250.5")}}


def test_a_stored_huge_amount_from_an_old_database_is_shown_not_crashed(grid_widget):
    grid_widget.set_value({"lon": {"budget_region": Decimal("1e30")}})
    assert shown(grid_widget, "lon", "budget_region").startswith("1\u00a0000\u00a0000")


@pytest.mark.parametrize("amount", ["1" + "0" * 30, "1000000000000", "-1000000000000", "1" + "0" * 400, "250.55"])
def test_import_json_refuses_amounts_outside_the_range(library, amount):
    data = report_to_dict(demo_report(library), library)
    data["tables"]["ekonomi"]["lon"]["budget_region"] = amount
    with pytest.raises(InterchangeError, match="för stort|decimaler"):
        report_from_json(json.dumps(data), library)


def test_import_json_accepts_the_largest_amount(library):
    data = report_to_dict(demo_report(library), library)
    data["tables"]["ekonomi"]["lon"]["budget_region"] = "-999999999999.9"
    report = report_from_json(json.dumps(data), library)
    assert report.amount("ekonomi", "lon", "budget_region") == Decimal("-999999999999.9")


def test_the_largest_amounts_export_exactly_to_word_and_excel(library, tmp_path):
    """What is shown is what is stored: the biggest accepted figures, printed and summed exactly."""
    import io

    import openpyxl
    from docx import Document

    from exports.bundle import docx_bytes, xlsx_bytes

    report = demo_report(library)
    template = library.get(report.template_id, report.revision)
    report.set_amount("ekonomi", "lon", "budget_region", Decimal("999999999999.9"))
    document = Document(io.BytesIO(docx_bytes(template, report)))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "999\u00a0999\u00a0999\u00a0999,9" in cells
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(template, report)))
    values = [c.value for ws in book for row in ws.iter_rows() for c in row]
    assert 999999999999.9 in values


amounts_inside = st.decimals(min_value=-AMOUNT_LIMIT + Decimal("0.1"), max_value=AMOUNT_LIMIT - Decimal("0.1"),
                             places=1, allow_nan=False, allow_infinity=False)


@given(amounts_inside)
@settings(max_examples=200, deadline=None)
def test_every_amount_inside_the_range_round_trips_through_display(value):
    assert check_amount(value, 1) == value
    assert parse_amount(format_amount(value, 1)) == value


@given(st.decimals(min_value=AMOUNT_LIMIT, allow_nan=False, allow_infinity=False), st.booleans())
@settings(max_examples=200, deadline=None)
def test_every_amount_outside_the_range_is_refused_with_a_message(value, negative):
    value = -value if negative else value
    with pytest.raises(NumberError, match="för stort"):
        check_amount(value, 1)
    assert format_amount(value, 1)  # shown without an exception, were it ever stored


@given(st.integers(min_value=0, max_value=3), st.integers(min_value=1, max_value=9), amounts_inside)
@settings(max_examples=200, deadline=None)
def test_one_decimal_more_than_the_table_has_is_refused(decimals, last_digit, value):
    finer = value.quantize(Decimal(1).scaleb(-decimals)) + Decimal(last_digit).scaleb(-decimals - 1)
    if abs(finer) >= AMOUNT_LIMIT:
        return
    with pytest.raises(NumberError, match="decimaler"):
        check_amount(finer, decimals)
