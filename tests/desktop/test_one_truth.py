"""One report, one truth (issue 19): for every shipped revision's sample report and both demos, the
files of the email draft "Skicka" writes — Word, the app's PDF, Excel after LibreOffice recalculated
it, and the JSON — say the same: every answer text and every figure of the money tables.

What is expected is worked out from the report read back out of the draft's JSON with forms/ alone
(forms.answers, forms.economics), not with the exports' own code. Word and Excel are compared cell
by cell; the PDF's tables as the words their cells print (its text per page comes in lines)."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from email import message_from_bytes
from email.policy import default

import pytest
from docx import Document
from openpyxl import load_workbook

from desktop.printing import pdf_bytes
from exports.bundle import bundle_draft, report_bundle
from exports.content import shown_decimals
from exports.email import draft_bytes
from exports.excel import ECONOMY_SHEET, QA_SHEET
from forms.answers import YES_NO_LABELS, answer_text, stored_rows
from forms.clean import clean_text
from forms.economics import amount_text, table_calc
from forms.interchange import report_to_json
from forms.report import is_visible
from tests.desktop.test_printing import REPORTS, body, pdf_lines
from tests.exports import sheets
from tests.needs import soffice_convert
from tests.sample_reports import all_reports

CHECKED, UNCHECKED = "☒", "☐"


def collapsed(text: str) -> str:
    return " ".join(clean_text(text).split())


def words(text: str) -> Counter:
    """The words of a text, split after hyphens too: a table cell's line may break at one."""
    return Counter(w for w in re.split(r"\s+|(?<=-)", text) if w)


# --- what the report says, from forms/ alone ------------------------------------------------------


def expected_answers(template, report) -> list[tuple[str, str, str]]:
    """(field id, kind, text) for every visible answer: one per answer, one per filled rows cell."""
    found = []
    for f in template.fields():
        if not is_visible(template, report, f.id):
            continue
        if f.is_answer and (text := answer_text(f, report.answer(f.id))):
            found.append((f.id, f.kind, text))
        elif f.kind == "rows":
            found += [(f.id, "rows", text) for row in stored_rows(report, f) for c in f.columns
                      if (text := str(row.get(c.id) or "").strip())]
    return found


def expected_tables(template, report) -> dict[str, list[list[str]]]:
    """Per visible money table, per row the printed text of each amount column ("" where none)."""
    tables = {}
    for f in template.fields():
        if f.kind != "money_table" or not is_visible(template, report, f.id):
            continue
        calc, table = table_calc(template, report, f.id), f.table
        columns = [c for g in table.groups for c in table.columns if c.group == g.id]
        values = [[calc.printed(r.id, c.id) for c in columns] for r in table.rows]
        decimals = shown_decimals(table.decimals, (v for row in values for v in row))
        tables[f.id] = [[amount_text(v, decimals, r.role) for v in row] for r, row in zip(table.rows, values, strict=True)]
    return tables


def first_row_label(template, report, field_id: str) -> str:
    return template.render(template.field(field_id).table.rows[0].label, report.area, report.year).split(" (")[0]


# --- the files, written as "Skicka" writes them and read back ------------------------------------


@pytest.fixture(scope="module")
def sent(library, tmp_path_factory, qapp):
    """name → (template, report, the draft's files by extension, Excel after LibreOffice)."""
    folder = tmp_path_factory.mktemp("one-truth")
    out, workbooks = {}, []
    for name, (template, report, names) in all_reports(library).items():
        bilagor = [(n, f"%PDF-1.4 {n}".encode()) for n in names]
        bundle = report_bundle(template, report, library, bilagor, pdf_bytes)
        raw = draft_bytes(bundle_draft(template, report, bundle, to=["hsn.goteborg@vgregion.se"]))
        files = {part.get_filename().rpartition(".")[2]: part.get_content()
                 for part in message_from_bytes(raw, policy=default).iter_attachments()
                 if part.get_filename() not in names}
        (folder / f"{name}.xlsx").write_bytes(files["xlsx"])
        workbooks.append(folder / f"{name}.xlsx")
        (folder / f"{name}.pdf").write_bytes(files["pdf"])
        out[name] = (template, report, files)
    recalculated = soffice_convert(workbooks, "xlsx", folder / "recalculated", folder / "lo-profile", timeout=600)
    return {name: (template, report, files, recalculated / f"{name}.xlsx", folder / f"{name}.pdf")
            for name, (template, report, files) in out.items()}


def word_texts(data: bytes) -> tuple[str, list[list[str]]]:
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    cells = [text for t in tables for row in t for text in row]
    return collapsed("\n".join(paragraphs + cells)), tables


def excel_texts(path) -> tuple[str, dict[str, list[list[str]]]]:
    """The questions sheet as one text, and the Ekonomi sheet's rows by label, as Excel shows them
    (the values LibreOffice computed for the formulas, through their number formats)."""
    values = load_workbook(path, data_only=True)
    formats = load_workbook(path)
    shown = []
    for row_values, row_cells in zip(values[QA_SHEET].iter_rows(), formats[QA_SHEET].iter_rows(), strict=True):
        continued = str(row_values[1].value or "").endswith(" (forts.)")  # the rest of a long answer
        shown += [str(sheets.shown(cell, v.value)) for v, cell in zip(row_values, row_cells, strict=True)
                  if v.value is not None and not (continued and cell.column < 3)]
    economy = []
    for row_values, row_cells in zip(values[ECONOMY_SHEET].iter_rows(), formats[ECONOMY_SHEET].iter_rows(), strict=True):
        economy.append([("" if v.value is None else str(sheets.shown(cell, v.value)))
                        for v, cell in zip(row_values, row_cells, strict=True)])
    return collapsed("\n".join(shown)), economy


def pdf_words(path) -> tuple[str, Counter]:
    """The PDF's body text (lines broken after a hyphen joined again, "FCA-" + "koordinator") and its words."""
    lines = [text for page in pdf_lines(path) for _, _, text in body(page)]
    text = collapsed(re.sub(r"(?<=\w-)\n(?=\w)", "", "\n".join(lines)))
    return text, words("\n".join(lines))


def table_after(rows: list[list[str]], label: str, width: int) -> list[list[str]]:
    """The amount cells of the money table whose first row's label starts `label`, row by row."""
    start = next(i for i, row in enumerate(rows) if row and row[0].strip().startswith(label))
    return [row[1:1 + width] for row in rows[start:]]


# --- the test -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", REPORTS)
def test_every_format_says_the_same(sent, library, name):
    template, report, files, xlsx, pdf = sent[name]
    assert json.loads(files["json"]) == json.loads(report_to_json(report, library)), "JSON"
    received = report  # the JSON holds exactly the report (samples may hold more decimals than allowed in)
    answers, tables = expected_answers(template, received), expected_tables(template, received)
    assert answers or tables
    word, word_tables = word_texts(files["docx"])
    excel, economy = excel_texts(xlsx)
    pdf_text, pdf_counts = pdf_words(pdf)
    problems = []
    for field_id, kind, text in answers:
        if kind == "yesno":
            chosen = YES_NO_LABELS.get(report.answer(field_id))
            other = next((label for value, label in YES_NO_LABELS.items() if label != chosen), None)
            boxes = f"{chosen} {CHECKED}", f"{other} {UNCHECKED}"
            problems += [f"Word {field_id}: {b}" for b in boxes if b not in word]
            problems += [f"PDF {field_id}: {b}" for b in boxes if b not in pdf_text]
            if chosen not in excel:
                problems.append(f"Excel {field_id}: {chosen}")
            continue
        shown = collapsed(text)
        for fmt, found in (("Word", word), ("Excel", excel)):
            if shown not in found:
                problems.append(f"{fmt} {field_id}: {shown[:60]!r}")
        if kind == "rows":  # table cells: the PDF's lines interleave the columns
            if words(shown) - pdf_counts:
                problems.append(f"PDF {field_id}: {shown[:60]!r}")
        elif shown not in pdf_text:
            problems.append(f"PDF {field_id}: {shown[:60]!r}")
    for field_id, rows in tables.items():
        label, width = first_row_label(template, received, field_id), len(rows[0])
        word_table = next(t for t in word_tables if any(r[0].startswith(label) for r in t))
        if table_after(word_table, label, width)[:len(rows)] != rows:
            problems.append(f"Word {field_id}: {table_after(word_table, label, width)[:len(rows)]} != {rows}")
        if table_after(economy, label, width)[:len(rows)] != rows:
            problems.append(f"Excel {field_id}: {table_after(economy, label, width)[:len(rows)]} != {rows}")
        figures = words(" ".join(collapsed(t) for row in rows for t in row))
        if figures - pdf_counts:
            problems.append(f"PDF {field_id}: missing {dict(figures - pdf_counts)}")
    assert not problems, "\n".join(problems)
