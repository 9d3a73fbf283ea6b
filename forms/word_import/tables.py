"""Tables in a Word document: rows tables (by the question or by their header row) and the economic
tables (by their row labels and Budget/Utfall × party headers), with the document's own sums checked."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from forms.economics import DEFICIT, TableCalc
from forms.numbers import NumberError, read_amount
from forms.report import Report, rows_to_text
from forms.template import Field, Template
from forms.word_import.meaning import LIKELY
from forms.word_import.model import NOT_FOUND, UNANSWERED_TEXTS, AmountMatch, SumCheck, WordImport
from forms.word_import.text import clean_lines, normalise, similarity
from forms.word_reader import Item, TableGrid, WordDocument

if TYPE_CHECKING:
    from forms.word_import.answers import _Hit


def read_rows(document: WordDocument, f: Field, hit: _Hit, following: list[Item]) -> tuple[list[dict], str, list[int]]:
    """A rows field: the first table after the question, its header row matched to the columns."""
    table = None
    for item in following:
        if item.table is not None:
            table = item.table
            break
        if item.text.strip() and item.text.strip().lower() not in UNANSWERED_TEXTS:
            break  # text before any table: the rows were written as text
    if table is None:
        return [], "", []
    rows, _ = _rows_from_grid(document.tables[table], f, hit.anchor.norm)
    return rows, "", [table]


_LIST_MARK_RE = re.compile(r"^\s*(?:[•◦▪·*–—-]|\d+[.)])\s+")


def rows_from_lines(f: Field, lines: list[str]) -> list[dict]:
    """A rows field written as a list under its question (Word list paragraphs, "•", "-", "1)"):
    one row per item, the item's text (without its list mark) in the first column."""
    first = f.columns[0].id
    return [{c.id: (_LIST_MARK_RE.sub("", line).strip() if c.id == first else "") for c in f.columns}
            for line in lines if line.strip()]


def _rows_from_grid(grid: TableGrid, f: Field, question: str | None = None) -> tuple[list[dict], bool]:
    """A rows table's rows, its header row matched to the field's columns (each header cell at least
    80 % like one column's label); and whether the header named exactly the field's columns.
    `question`: the question's normalised text, for a table shared by several questions."""
    cells = grid.cells
    if not cells:
        return [], False
    header = [normalise(c) for c in cells[0]]
    columns: dict[int, str] = {}
    for index, text in enumerate(header):
        best = max(f.columns, key=lambda c: similarity(text, normalise(c.label)))
        if similarity(text, normalise(best.label)) >= 80 and best.id not in columns.values():
            columns[index] = best.id
    exact = len(columns) == len(f.columns) == len([h for h in header if h])
    body = cells[1:] if columns else cells
    if question and columns and header and f.span_heading and similarity(header[0], normalise(f.span_heading)) >= 80:
        # one activity table for several questions (a målområde's delmål): this question's rows are
        # those its text spans in the first column (merged cells are repeated on every row they cover)
        body = [row for row in body if row and similarity(normalise(row[0]), question) >= 90]
    if not columns:
        columns = {index: c.id for index, c in enumerate(f.columns)}
    rows = []
    for row in body:
        entry = {c.id: "" for c in f.columns}
        for index, column_id in columns.items():
            if index < len(row):
                entry[column_id] = "\n".join(clean_lines([row[index]]))
        if any(v.strip() for v in entry.values()):
            rows.append(entry)
    return rows, exact


def rows_by_header(result: WordImport, report: Report, document: WordDocument, t: Template,
                    by_field: dict, consumed: set[int]) -> set[int]:
    """A rows field whose question was not found (a short heading and an introduction in its place):
    its table is recognised by a header row naming exactly the field's columns, between the questions
    found before and after it. The heading and the introduction above the table go with it."""
    taken: set[int] = set()
    order = [f for f in t.fields() if f.is_answer or f.kind == "rows"]
    position = {f.id: by_field[f.id][0] for f in order if f.id in by_field}
    for q in result.questions:
        f = t.field(q.field_id)
        if f.kind != "rows" or q.found:
            continue
        at = order.index(f)
        after = max((position[g.id] for g in order[:at] if g.id in position), default=-1)
        before = min((position[g.id] for g in order[at + 1:] if g.id in position), default=len(document.items))
        for grid in document.tables:
            if grid.parent is not None:
                continue
            cells = document.table_items(grid.index)
            indexes = {i.index for i in cells}
            if not cells or indexes & (consumed | taken) or not after < min(indexes) < before:
                continue
            rows, exact = _rows_from_grid(grid, f)
            if not exact:
                continue
            q.found, q.answer = True, rows_to_text(rows)
            q.shown = "\n\n".join("\n".join(f"{c.label}: {r.get(c.id, '')}" for c in f.columns) for r in rows)
            q.note = "hittades genom tabellens kolumnrubriker (frågan står inte ordagrant) – kontrollera att raderna hör hit"
            q.confidence, q.reason = LIKELY, "tabellens kolumnrubriker är mallens för den här frågan"
            report.set_answer(f.id, q.answer)
            taken |= indexes
            first = min(indexes)
            for item in reversed(document.items[after + 1:first]):  # the heading and its introduction
                if item.table is not None or item.index in consumed:
                    break
                taken.add(item.index)
                if item.heading:
                    break
            break
    consumed |= taken
    return taken


# --- economic tables -------------------------------------------------------------------------------


def _party_words(t: Template) -> dict[str, str]:
    """Party labels of every era → party: HSNG and DRNG are the region, SDN and SN the city."""
    words = {"HSNG": "region", "DRNG": "region", "VGR": "region", "SDN": "city", "SN": "city"}
    for party, label in t.parties.items():
        words[label.upper()] = party
    return words


def _column_map(t: Template, f: Field, header_rows: list[list[str]], area: str, year: int | None) -> dict[int, str]:
    """Grid column index → template column id, from one- or two-row headers, either party order."""
    table = f.table
    mapping: dict[int, str] = {}
    width = max(len(r) for r in header_rows)
    for index in range(1, width):
        heading = " ".join(r[index] for r in header_rows if index < len(r))
        heading_norm = normalise(heading)
        groups = [g for g in table.groups]
        if len(groups) > 1:
            scores = [(fuzz.partial_ratio(normalise(t.render(g.label, area, year)).split(" ")[0], heading_norm), g) for g in groups]
            score, group = max(scores, key=lambda s: s[0])
            if score < 80:
                continue
        else:
            group = groups[0]
        candidates = [c for c in table.columns if c.group == group.id]
        column = _column_for(t, candidates, heading)
        if column is not None and column.id not in mapping.values():
            mapping[index] = column.id
    return mapping


def _column_for(t: Template, columns, heading: str):
    tokens = re.sub(r"[():,]", " ", heading.upper()).split()
    joined = " ".join(tokens)
    for c in columns:  # an own label first ("GSN", "Summa per år", "SN+FSN")
        label = t.column_label(c).upper()
        if label and re.search(rf"(^|\s){re.escape(label)}($|\s)", joined):
            return c
    parties = _party_words(t)
    for token in tokens:
        party = parties.get(token)
        if party:
            matching = [c for c in columns if c.party == party and not c.label]
            if matching:
                return matching[0]
    return None


def find_money_table(document: WordDocument, t: Template, f: Field, area: str, year: int | None) -> TableGrid | None:
    """The document table whose first column holds most of this table's row labels."""
    best, best_rows = None, 1
    labels = [normalise(t.render(r.label, area, year)) for r in f.table.rows]
    for grid in document.tables:
        first = [normalise(row[0]) if row else "" for row in grid.cells]
        rows = sum(1 for label in labels if any(similarity(label, cell) >= 80 for cell in first if cell))
        if rows > best_rows:
            best, best_rows = grid, rows
    return best


def _row_for(t: Template, f: Field, text: str, area: str, year: int | None):
    norm = normalise(text)
    if not norm:
        return None
    scores = [(similarity(norm, normalise(t.render(r.label, area, year))), r) for r in f.table.rows]
    score, row = max(scores, key=lambda s: s[0])
    if score >= 80:
        return row
    if normalise(row.label).split(" ")[0] == norm.split(" ")[0] and score >= 60:
        return row  # "Återbetalning till HSNG" in a DRNG-era table
    return None


def read_money_table(result: WordImport, report: Report, t: Template, f: Field, grid: TableGrid | None,
                      area: str, year: int | None) -> None:
    table = f.table
    columns_by_group = [c for g in table.groups for c in table.columns if c.group == g.id]

    def label(row, column) -> str:
        group = t.render(table.group(column.group).label, area, year)
        return f"{t.render(row.label, area, year).replace('¹', '')} – {group} {t.column_label(column)}".strip()

    rows_at: dict[str, int] = {}
    mapping: dict[int, str] = {}
    if grid is None:
        result.warnings.append(f"Tabellen ”{t.render(f.label, area, year)}” hittades inte i dokumentet; "
                               "fyll i beloppen i guiden efter importen.")
    else:
        header_end = 0
        for r, row in enumerate(grid.cells):
            if row and _row_for(t, f, row[0], area, year) is not None:
                break
            header_end = r + 1
        mapping = _column_map(t, f, grid.cells[:header_end] or [[""]], area, year) if header_end else {}
        if not mapping and header_end == 0:  # no header at all: the template's column order
            mapping = {i + 1: c.id for i, c in enumerate(columns_by_group)}
        for r, row in enumerate(grid.cells[header_end:], start=header_end):
            found = _row_for(t, f, row[0], area, year) if row else None
            if found is not None and found.id not in rows_at:
                rows_at[found.id] = r
        if not mapping:
            result.warnings.append(f"Kolumnerna i tabellen ”{t.render(f.label, area, year)}” kunde inte kännas igen "
                                   "(Budget/Utfall och parternas namn); beloppen har inte lästs.")
    index_of = {column_id: index for index, column_id in mapping.items()}
    for row in table.rows:
        for column in columns_by_group:
            match = AmountMatch(f.id, row.id, column.id, label(row, column))
            r, index = rows_at.get(row.id), index_of.get(column.id)
            if r is not None and index is not None and index < len(grid.cells[r]):
                match.found = True
                match.document_text = grid.cells[r][index].strip()
                try:
                    match.value = _amount(match.document_text, table.unit, table.decimals)
                except NumberError as exc:  # the grid's own message: not an amount, too large, too many decimals
                    match.note = str(exc)
            elif row.editable:
                match.note = NOT_FOUND if grid is not None else ""
            if row.editable:
                result.amounts.append(match)
                if match.value is not None:
                    report.set_amount(f.id, row.id, column.id, match.value)
            elif match.value is not None:
                result.sum_checks.append(SumCheck(f.id, row.id, column.id, "", match.value, None, table.decimals, row.role))


def _amount(text: str, unit: str, decimals: int) -> Decimal | None:
    """A cell's amount by the grid's rule (read_amount), after the unit ("tkr") and a lone dash."""
    cleaned = re.sub(rf"\b(t?kr|{re.escape(unit)})\b\.?", "", text, flags=re.IGNORECASE).strip()
    cleaned = cleaned.strip("–-— ").strip() if cleaned.strip() in ("–", "-", "—") else cleaned
    if cleaned.startswith(f"{DEFICIT} "):  # the refund row's balance below zero, as the export prints it
        deficit = read_amount(cleaned.removeprefix(DEFICIT).strip(), decimals)
        return None if deficit is None else -deficit
    return read_amount(cleaned, decimals)


def sum_checks(result: WordImport, t: Template, report: Report, f_year: int | None) -> list[SumCheck]:
    """The document's SUMMA / Återbetalning beside what the imported amounts give."""
    checks = []
    for check in result.sum_checks:
        f = t.field(check.table_id)
        calc = TableCalc(t, f.table, report.tables.get(f.id, {}), report.year, report.area)
        column = f.table.column(check.column_id)
        row = f.table.row(check.row_id)
        group = t.render(f.table.group(column.group).label, report.area, f_year).split(" ")[0]
        check.label = f"{t.render(row.label, report.area, f_year)} {group} {t.column_label(column)}"
        check.computed = calc.value(check.row_id, check.column_id)
        checks.append(check)
    return checks


