"""Cells of the FCA 2022 money grid (the `grid_widget` fixture) by row and column id."""

ROWS = ["ingaende", "lon", "kompetensutveckling", "ovrigt", "summa", "aterbetalning"]
COLS = ["budget_region", "budget_stad", "utfall_region", "utfall_stad"]


def put(widget, row_id, column_id, text):
    widget.grid.item(ROWS.index(row_id), COLS.index(column_id) + 1).setText(text)


def shown(widget, row_id, column_id):
    return widget.grid.item(ROWS.index(row_id), COLS.index(column_id) + 1).text()
