"""One answer formatter (forms.answers) for the wizard, every export, the Sammanställning and the
receiving comparison: what was typed keeps its decimals, a Swedish comma, the unit, Ja/Nej."""

from decimal import Decimal

import pytest

from forms.answers import answer_figure, answer_text, format_number, rows_text
from forms.consolidation import answer_as_text


@pytest.mark.parametrize("value, text", [
    (Decimal("3.25"), "3,25"),  # never rounded to "3,3"
    (Decimal("3.5"), "3,5"),
    (Decimal("3.50"), "3,50"),  # the decimals stored are the decimals shown
    (Decimal("80"), "80"),
    (Decimal("1553"), "1\u00a0553"),
    (Decimal("-0.125"), "\u22120,125"),
    (None, ""),
])
def test_a_number_shows_exactly_the_decimals_it_was_stored_with(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("field_id, stored, text", [
    ("andel_koordinator", "3.25", "3,25 %"),
    ("andel_koordinator", "80", "80 %"),
    ("andel_koordinator", "12.5", "12,5 %"),
    ("andel_koordinator", "åttio", "åttio"),  # not a percentage: shown as stored, never hidden
    ("andel_koordinator", "", ""),
    ("bemanning_tillracklig", "nej", "Nej"),
    ("bemanning_tillracklig", "ja", "Ja"),
    ("bemanning_tillracklig", "kanske", "kanske"),
    ("bemanning_saknas", "  Barnmorska ", "Barnmorska"),
])
def test_answers_read_the_same_everywhere(fca2022, field_id, stored, text):
    assert answer_text(fca2022.field(field_id), stored) == text


def test_a_number_answer_carries_its_unit_and_is_a_figure(library):
    plan = library.get("fca-handlingsplan", "2024")
    field = plan.field("arsarbetare")
    assert answer_text(field, "3.5") == "3,5 åa"
    figure = answer_figure(field, "3.25")
    assert (figure.value, figure.decimals, figure.unit, figure.text) == (Decimal("3.25"), 2, "åa", "3,25 åa")
    assert answer_figure(field, "tre") is None and answer_figure(field, "") is None


def test_the_sammanstallning_reads_a_number_as_every_export_does(library):
    """`3.5` was "3.5 åa" in the Sammanställning but "3,5 åa" in Word (issue 19 item 3)."""
    from forms.report import Report

    plan = library.get("fca-handlingsplan", "2024")
    report = Report("fca-handlingsplan", "2024", "Centrum", 2024)
    report.set_answer("arsarbetare", "3.5")
    assert answer_as_text(plan, report, plan.field("arsarbetare")) == "3,5 åa"


def test_rows_read_as_numbered_entries_with_their_column_labels(library):
    plan = library.get("fca-handlingsplan", "2024")
    field = next(f for f in plan.fields() if f.kind == "rows")
    first, second = field.columns[0], field.columns[1]
    rows = [{first.id: "Öppen förskola", second.id: ""}, {first.id: ""}, {second.id: "Varje vecka"}]
    text = rows_text(field, rows)
    row = field.row_label or "Rad"
    assert text.startswith(f"{row} 1\n{first.label}: Öppen förskola\n{second.label}:")
    assert f"\n\n{row} 2\n{first.label}:\n{second.label}: Varje vecka" in text  # the empty row is left out
