"""The economic grid: Swedish numbers in, live SUMMA and Återbetalning, messages for bad input."""

from decimal import Decimal

import pytest

from tests.desktop.money_grid import COLS, ROWS, put, shown


def test_seed_figures_sum_live_and_refund(grid_widget):
    seed = {"ingaende": ("459", "459", "448.5", "448,5"), "lon": ("261", "261", "250,5", "250,5"),
            "kompetensutveckling": ("122.5", "122,5", "122.5", "122.5"), "ovrigt": ("75.5", "75.5", "70,5", "70,5")}
    for row_id, values in seed.items():
        for column_id, text in zip(COLS, values, strict=True):
            put(grid_widget, row_id, column_id, text)
    assert [shown(grid_widget, "summa", c) for c in COLS] == ["459,0", "459,0", "443,5", "443,5"]
    assert [shown(grid_widget, "aterbetalning", c) for c in COLS] == ["", "", "5,0", "5,0"]
    assert shown(grid_widget, "ingaende", "utfall_region") == "448,5"
    assert "Koordinator/samordnare: HSNG \u221210,5 tkr (\u22124,0 %)" in grid_widget.deviations.text()
    assert not grid_widget.issues.isVisibleTo(grid_widget)


@pytest.mark.parametrize("text, expected", [
    ("1 553,5", "1553.5"), ("1553.5", "1553.5"), ("1553", "1553"), ("1 553", "1553"),
    ("1\u00a0553,5", "1553.5"), ("1\u202f553", "1553"),
])
def test_accepts_every_swedish_form(grid_widget, text, expected):
    put(grid_widget, "lon", "budget_region", text)
    assert grid_widget.value()["lon"]["budget_region"] == Decimal(expected)
    assert shown(grid_widget, "lon", "budget_region") == f"1\u00a0553,{expected[-1] if '.' in expected else '0'}"


@pytest.mark.parametrize("text", ["12,3,4", "abc", "1e5"])
def test_refuses_garbage_keeps_the_old_value_and_the_text_for_correcting(grid_widget, text):
    put(grid_widget, "lon", "budget_region", "261")
    put(grid_widget, "lon", "budget_region", text)
    assert grid_widget.value()["lon"]["budget_region"] == Decimal("261")
    assert shown(grid_widget, "lon", "budget_region") == text  # to correct, not to type again
    assert "inte ett belopp" in grid_widget.message.text()
    assert "Sparat är fortfarande det tidigare beloppet, 261,0 tkr" in grid_widget.message.text()
    put(grid_widget, "lon", "budget_region", "262")
    assert shown(grid_widget, "lon", "budget_region") == "262,0" and grid_widget.message.isHidden()


def test_clearing_a_cell_removes_the_amount(grid_widget):
    put(grid_widget, "lon", "budget_region", "261")
    put(grid_widget, "lon", "budget_region", "")
    assert grid_widget.value() == {}


def test_fifty_fifty_and_overspending_warnings(grid_widget):
    put(grid_widget, "lon", "budget_region", "261")
    put(grid_widget, "lon", "budget_stad", "250")
    assert grid_widget.issues.isVisibleTo(grid_widget)
    assert "50/50" in grid_widget.issues.text()
    put(grid_widget, "ingaende", "utfall_region", "100")
    put(grid_widget, "lon", "utfall_region", "150")
    assert "större än de ingående medlen 100,0" in grid_widget.issues.text()


def test_a_deficit_is_shown_in_the_refund_cell_and_warned_about(grid_widget):
    """Costs above the funds showed "Återbetalning 0,0" and nothing else (issue 19 item 4)."""
    put(grid_widget, "ingaende", "utfall_region", "200,5")
    for row, amount in (("lon", "300"), ("kompetensutveckling", "52,4"), ("ovrigt", "50,5")):
        put(grid_widget, row, "utfall_region", amount)
    assert shown(grid_widget, "aterbetalning", "utfall_region") == "Underskott 202,4"
    assert "Underskott 202,4 tkr – utfallet 402,9 tkr är större än de ingående medlen 200,5 tkr" in grid_widget.issues.text()
    put(grid_widget, "ovrigt", "utfall_region", "")
    put(grid_widget, "lon", "utfall_region", "148,1")  # 148,1 + 52,4 = 200,5
    assert shown(grid_widget, "aterbetalning", "utfall_region") == "0,0"  # exactly the funds: no deficit
    assert "Underskott" not in grid_widget.issues.text()


def test_computed_cells_are_read_only(grid_widget):
    from PySide6.QtCore import Qt
    for row_id in ("summa", "aterbetalning"):
        item = grid_widget.grid.item(ROWS.index(row_id), 1)
        assert not item.flags() & Qt.ItemFlag.ItemIsEditable
