"""Every export is faithful to what is stored: exact figures, tables that add up to what they show."""

from __future__ import annotations

import io
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from exports.content import table_view
from exports.excel import write_xlsx
from exports.word import write_docx
from forms.numbers import parse_amount


def _lundby_with_cents(lundby):
    """The issue's case: 1087,25 typed in a table of one decimal; SUMMA and the refund follow."""
    lundby.set_amount("ekonomi", "ingaende", "utfall_region", Decimal("1361.0"))
    lundby.set_amount("ekonomi", "lon", "utfall_region", Decimal("1087.25"))
    lundby.set_amount("ekonomi", "kompetensutveckling", "utfall_region", Decimal("180"))
    lundby.set_amount("ekonomi", "ovrigt", "utfall_region", Decimal("70.5"))
    return lundby


def _word_rows(template, report):
    out = io.BytesIO()
    write_docx(template, report, out)
    table = Document(io.BytesIO(out.getvalue())).tables[0]
    return [[c.text.replace("\u00a0", " ") for c in row.cells] for row in table.rows]


def test_word_shows_stored_cents_and_the_table_adds_up(fca2022, lundby):
    rows = _word_rows(fca2022, _lundby_with_cents(lundby))
    by_label = {r[0]: r[1:] for r in rows[2:]}
    shown = [r for r in rows[2:] if "1 087,25" in r]
    assert shown, rows  # not "1 087,3"
    assert by_label["SUMMA"][2] == "1 337,75"
    refund = next(v for k, v in by_label.items() if k.startswith("Återbetalning"))
    assert refund[2] == "23,25"
    assert by_label["SUMMA"][0] == "459,00"  # one precision per table, so the columns line up
    # Every shown column adds up to the shown sum and the shown refund, to the cent.
    roles = {r.label: r.role for r in table_view(fca2022, lundby, fca2022.field("ekonomi")).rows}
    for column in range(4):
        costs = [parse_amount(v[column]) or 0 for k, v in by_label.items() if roles[k] == "cost"]
        funds = [parse_amount(v[column]) for k, v in by_label.items() if roles[k] == "funds"]
        assert sum(costs) == parse_amount(by_label["SUMMA"][column])
        if refund[column]:
            assert funds[0] - sum(costs) == parse_amount(refund[column])


def test_excel_formats_show_the_stored_cents(fca2022, lundby):
    out = io.BytesIO()
    write_xlsx(fca2022, _lundby_with_cents(lundby), out)
    sheet = load_workbook(io.BytesIO(out.getvalue()))["Ekonomi"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == Decimal("1087.25") or c.value == 1087.25)
    assert cell.number_format == "#,##0.00"
