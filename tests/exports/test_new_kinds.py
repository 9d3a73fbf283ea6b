"""The newer template parts in every export: `number` and `rows` fields, "varav" (memo) rows, money
columns with a label of their own ("GSN") and a budget table of one group with three columns.

A small template is written to a temp folder and loaded like a shipped one; the exports are written
to bytes and read back with python-docx and openpyxl.
"""

from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu
from openpyxl import load_workbook

from exports.document import STYLES, Paragraph, Run, Table, build, paragraph
from exports.excel import ECONOMY_SHEET, QA_SHEET, write_xlsx
from exports.word import TEXT_WIDTH, UNANSWERED, write_docx
from forms.report import Report
from forms.template import load_template
from tests.exports import sheets
from tests.exports.test_document import flat
from tests.exports.test_excel import answer_cells, answers, evaluate, row_of, summed

TEMPLATE = '''
format = 1
id = "fca-handlingsplan"
revision = "test"
type_name = "Handlingsplan FCA"
first_year = 2024
title = "Handlingsplan för familjecentrerat arbetssätt, {områdesord} {område} {år}"
file_name = "Handlingsplan FCA {område} {år}"
area_word = "stadsområde"
deadline = { month = 12, day = 1, years_after = 0 }
recipients = ["test@example.com"]
signature = "Handlingsplanen har sammanställts av:"

[parties]
region = "HSNG"
city = "SN+FSN"

[[sections]]
id = "plan"
title = "Målsättningar och planerade insatser {år}"

[[sections.fields]]
id = "arsarbetare"
kind = "number"
label = "Antal årsarbetare koordinatorer (åa):"
unit = "åa"
maximum = 20

[[sections.fields]]
id = "insatser"
kind = "rows"
label = "7.1.1 Samordna det lokala utbudet av föräldrastödsprogrammet ABC."
row_label = "Insats"
columns = [
  { id = "insats", label = "Planerade insatser/aktiviteter – Målgrupp", max_chars = 600 },
  { id = "ansvar", label = "Ansvar", lines = 1 },
  { id = "effekt", label = "Förväntad effekt/resultat", max_chars = 600 },
]

[[sections.fields]]
id = "ovriga_insatser"
kind = "rows"
label = "7.1.2 Övriga insatser"
row_label = "Insats"
required = false
columns = [
  { id = "insats", label = "Insats" },
  { id = "ansvar", label = "Ansvar", lines = 1 },
]

[[sections]]
id = "ekonomi_avsnitt"
title = "Budget {år}"

[[sections.fields]]
id = "budget"
kind = "money_table"
label = "Budget {år} (tkr)"
unit = "tkr"
groups = [{ id = "budget", label = "Budget {år}", role = "budget" }]
columns = [
  { id = "hsng", group = "budget", party = "region" },
  { id = "sn", group = "budget", party = "city" },
  { id = "gsn", group = "budget", party = "city", label = "GSN" },
]
rows = [
  { id = "koordinatorer", label = "Koordinatorer (3,5 åa) (lön inkl. lönebikostnader)", role = "cost" },
  { id = "varav_gsn", label = "varav finansierat av skolan", role = "memo" },
  { id = "kompetens", label = "Gemensam kompetensutveckling", role = "cost" },
  { id = "ovrigt", label = "Övrigt (ex. gemensamt material etc.)", role = "cost" },
  { id = "summa", label = "SUMMA", role = "sum" },
]

[[sections.fields]]
id = "ekonomi"
kind = "money_table"
label = "Ekonomisk redovisning (tkr)"
unit = "tkr"
groups = [
  { id = "budget", label = "Budget {år}", role = "budget" },
  { id = "utfall", label = "Utfall {år}-12-31", role = "outcome" },
]
columns = [
  { id = "budget_region", group = "budget", party = "region" },
  { id = "budget_stad", group = "budget", party = "city" },
  { id = "utfall_region", group = "utfall", party = "region" },
  { id = "utfall_stad", group = "utfall", party = "city" },
]
rows = [
  { id = "ingaende", label = "Ingående medel från {år-1}", role = "funds" },
  { id = "lon", label = "Lön", role = "cost" },
  { id = "varav_lon", label = "varav vikarier", role = "memo" },
  { id = "ovrigt", label = "Övrigt", role = "cost" },
  { id = "summa", label = "SUMMA", role = "sum" },
  { id = "aterbetalning", label = "Återbetalning till {region}", role = "refund", groups = ["utfall"] },
]
'''

ROWS = [
    {"insats": "ABC-grupper på familjecentralerna\nMålgrupp: föräldrar till barn 3–12 år",
     "ansvar": "Koordinator", "effekt": "Fler föräldrar når programmet.\n• två grupper per termin"},
    {"insats": "=Föräldramöten i förskolan", "ansvar": "Förskolan\x07 och BVC", "effekt": ""},
    {"insats": "Öppen förskola på arabiska", "ansvar": "SN", "effekt": "مرحبا بكم – fler besök 😀"},
]
# Each row's texts as the exports show them: the control character gone, everything visible kept.
SHOWN = [
    ("ABC-grupper på familjecentralerna\nMålgrupp: föräldrar till barn 3–12 år", "Koordinator",
     "Fler föräldrar når programmet.\n• två grupper per termin"),
    ("=Föräldramöten i förskolan", "Förskolan och BVC", ""),
    ("Öppen förskola på arabiska", "SN", "مرحبا بكم – fler besök 😀"),
]
HEADERS = ("Planerade insatser/aktiviteter – Målgrupp", "Ansvar", "Förväntad effekt/resultat")
BUDGET = {  # row -> (HSNG, SN+FSN, GSN) in tkr, as in the 2024 Centrum plan
    "koordinatorer": ("1250", "1980", "360"),
    "varav_gsn": (None, None, "360"),
    "kompetens": ("130", "130", None),
    "ovrigt": ("173", "173", None),
}
SUMMA_BUDGET = [Decimal(1553), Decimal(2283), Decimal(360)]
NUMBER_LINE = "Antal årsarbetare koordinatorer (åa): 3,5 åa"


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "handlingsplan.toml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return load_template(path)


@pytest.fixture
def report():
    return plan_report()


def plan_report() -> Report:
    """Centrum's 2024 plan: 3,5 åa, three planned activities, the budget with GSN's 360 tkr as "varav"."""
    report = Report(template_id="fca-handlingsplan", revision="test", area="Centrum", year=2024)
    report.set_answer("arsarbetare", "3.5")
    report.set_rows("insatser", ROWS)
    for row_id, amounts in BUDGET.items():
        for column_id, amount in zip(("hsng", "sn", "gsn"), amounts, strict=True):
            report.set_amount("budget", row_id, column_id, Decimal(amount) if amount else None)
    for row_id, amounts in {"ingaende": ("459", "459", "448.5", "448.5"), "lon": ("400", "400", "390", "390"),
                            "varav_lon": (None, None, "50", "50"), "ovrigt": ("59", "59", "53.5", "53.5")}.items():
        for column_id, amount in zip(("budget_region", "budget_stad", "utfall_region", "utfall_stad"), amounts,
                                     strict=True):
            report.set_amount("ekonomi", row_id, column_id, Decimal(amount) if amount else None)
    return report


def word(template, report):
    buffer = BytesIO()
    write_docx(template, report, buffer)
    buffer.seek(0)
    return Document(buffer)


def excel(template, report):
    buffer = BytesIO()
    write_xlsx(template, report, buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def table_after(doc, label):
    """The first table after the paragraph `label` in the document body."""
    seen = False
    for child in doc.element.body:
        if child.tag == qn("w:p") and "".join(t.text or "" for t in child.iter(qn("w:t"))) == label:
            seen = True
        elif seen and child.tag == qn("w:tbl"):
            return next(t for t in doc.tables if t._tbl is child)
    raise AssertionError(f"no table after {label!r}")


def money_table(doc, first_header, last="SUMMA"):
    """The money table under `first_header` whose last row is `last`."""
    return next(t for t in doc.tables
                if t.rows[0].cells[1].text == first_header and t.rows[-1].cells[0].text == last)


def grid(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


# --- number -----------------------------------------------------------------------------------------


def test_number_with_unit_and_decimal_comma_in_word(plan, report):
    """Shown like a percentage: the bold label and `3,5 åa` on one line."""
    paragraph = next(p for p in word(plan, report).paragraphs if p.text == NUMBER_LINE)
    assert paragraph.runs[0].bold and paragraph.runs[0].text == "Antal årsarbetare koordinatorer (åa):"


@pytest.mark.parametrize(("typed", "shown"), [
    ("3,5", "3,5 åa"), ("12", "12 åa"), ("1234.50", "1\u00a0234,50 åa"), ("ca 3", "ca 3"),
])
def test_number_formats_or_shows_what_was_typed(plan, report, typed, shown):
    """Typed decimals are kept, thousands get a no-break space; text that is no number stays as typed."""
    report.set_answer("arsarbetare", typed)
    label = "Antal årsarbetare koordinatorer (åa):"
    assert f"{label} {shown}" in [p.text for p in word(plan, report).paragraphs]
    (cell,) = answer_cells(excel(plan, report)[QA_SHEET], label)
    assert sheets.shown(cell) == shown  # a number cell shown "3,5 åa"; "ca 3" a text cell as typed
    assert cell.data_type == ("s" if typed == "ca 3" else "n")
    assert Paragraph((Run(label, bold=True), Run(" "), Run(shown))) in build(plan, report)


def test_unanswered_number_is_marked(plan, report):
    report.set_answer("arsarbetare", "")
    assert f"Antal årsarbetare koordinatorer (åa): {UNANSWERED}" in [p.text for p in word(plan, report).paragraphs]


# --- rows -------------------------------------------------------------------------------------------


def test_rows_as_a_word_table_with_header_and_every_text(plan, report):
    """The question in bold, then the column labels and one row per entry; line breaks are paragraphs."""
    doc = word(plan, report)
    label = plan.field("insatser").label
    question = next(p for p in doc.paragraphs if p.text == label)
    assert question.style.name == "Fråga" and question.style.font.bold
    table = table_after(doc, label)
    assert tuple(grid(table)[0]) == HEADERS
    assert [tuple(row) for row in grid(table)[1:]] == SHOWN
    first = table.rows[1].cells
    assert [p.text for p in first[0].paragraphs] == SHOWN[0][0].split("\n")
    assert [p.text for p in first[2].paragraphs] == SHOWN[0][2].split("\n")
    assert all(run.bold for cell in table.rows[0].cells for p in cell.paragraphs for run in p.runs)


def test_rows_table_layout_in_word(plan, report):
    """Widths on every cell adding up to the text width, the single-line "Ansvar" column narrower,
    the header row repeated on a new page, rows never split."""
    table = table_after(word(plan, report), plan.field("insatser").label)
    for row in table.rows:
        widths = [tc.tcPr.tcW.w for tc in row._tr.tc_lst]
        assert abs(sum(widths) - Emu(TEXT_WIDTH).twips) <= 3 and min(widths) > 0  # tcW is in twips
        assert widths[1] < widths[0] and widths[1] < widths[2]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows[1:])


def test_empty_optional_rows_field_shows_nothing_in_every_export(plan, report):
    """One convention: an optional question left empty shows nothing — in Word, Excel and print alike
    (a required one reads "(ej besvarat)", see tests/exports/test_fidelity.py)."""
    paragraphs = [p.text for p in word(plan, report).paragraphs]
    assert paragraphs[paragraphs.index("7.1.2 Övriga insatser") + 1] != UNANSWERED
    sheet = excel(plan, report)[QA_SHEET]
    assert answers(sheet)["7.1.2 Övriga insatser"] is None
    printed = flat(build(plan, report))
    at = printed.index(paragraph("7.1.2 Övriga insatser", "question"))
    assert printed[at + 1] == paragraph("Budget 2024", "heading", keep_with_next=True)  # nothing between


def test_rows_in_excel_as_real_columns(plan, report):
    """The question in A merged down its rows, a header row with the column labels, one row per
    entry with a text cell per column (line breaks kept)."""
    sheet = excel(plan, report)[QA_SHEET]
    label = plan.field("insatser").label
    head = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == label)
    assert tuple(sheet.cell(head, c).value for c in range(2, 5)) == HEADERS
    assert f"A{head + 1}:A{head + 3}" in {str(r) for r in sheet.merged_cells.ranges}
    for n, texts in enumerate(SHOWN, start=1):
        cells = [sheet.cell(head + n, c) for c in range(2, 5)]
        assert [c.value or "" for c in cells] == list(texts)
        assert all(c.data_type == "s" and c.alignment.wrap_text for c in cells if c.value)
    assert sheet.cell(head + 2, 2).value.startswith("=Föräldra")


def test_rows_starting_like_a_formula_stay_text(plan, report):
    report.set_rows("insatser", [{"insats": "=1+1", "ansvar": "", "effekt": ""}])
    sheet = excel(plan, report)[QA_SHEET]
    (cell,) = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value == "=1+1"]
    assert cell.data_type == "s"


def test_rows_not_stored_as_rows_are_shown_not_lost(plan, report):
    """An answer typed before the field became a table is shown in the first column."""
    report.set_answer("insatser", "Gammal fritext")
    table = table_after(word(plan, report), plan.field("insatser").label)
    assert grid(table)[1] == ["Gammal fritext", "", ""]


def test_rows_in_the_printout(plan, report):
    """As in Word: the question in bold, then a table whose bold header row (repeated on every page)
    holds the column labels, and one row per entry with its line breaks kept."""
    printed = flat(build(plan, report))
    label = plan.field("insatser").label
    at = printed.index(paragraph(label, "question"))
    assert STYLES["question"].bold
    table = printed[at + 1]
    assert isinstance(table, Table) and table.kind == "rows"
    (header,) = table.header
    assert tuple(cell.text for cell in header.cells) == HEADERS
    assert all(cell.header and cell.bold for cell in header.cells)
    assert [tuple(cell.text for cell in row.cells) for row in table.rows] == [tuple(texts) for texts in SHOWN]


# --- money tables: labelled columns, "varav" rows, one group of three ---------------------------------


def test_budget_table_in_word_with_labelled_column_and_memo(plan, report):
    """One group over three columns HSNG | SN+FSN | GSN; the "varav" row italic with its typed amount;
    SUMMA without it."""
    table = money_table(word(plan, report), "Budget 2024")
    rows = grid(table)
    assert rows[0] == ["tkr", "Budget 2024", "Budget 2024", "Budget 2024"]
    assert rows[1] == ["tkr", "HSNG", "SN+FSN", "GSN"]
    memo = next(r for r in table.rows if r.cells[0].text == "varav finansierat av skolan")
    assert [c.text for c in memo.cells[1:]] == ["", "", "360,0"]
    assert all(run.italic for cell in memo.cells for p in cell.paragraphs for run in p.runs)
    assert rows[-1] == ["SUMMA", "1\u00a0553,0", "2\u00a0283,0", "360,0"]
    for row in table.rows:
        for tc in row._tr.tc_lst:
            assert tc.tcPr.tcW is not None and tc.tcPr.tcW.w > 0


def test_budget_table_in_excel_sums_leave_out_the_memo_row(plan, report):
    """SUMMA formulas, evaluated, give 1 553 / 2 283 / 360: the 360 "varav" is not counted twice."""
    sheet = excel(plan, report)[ECONOMY_SHEET]
    top = row_of(sheet, "tkr")
    assert [sheet.cell(top + 1, c).value for c in range(2, 5)] == ["HSNG", "SN+FSN", "GSN"]
    assert f"B{top}:D{top}" in {str(r) for r in sheet.merged_cells.ranges}
    memo = row_of(sheet, "varav finansierat av skolan")
    assert sheet.cell(memo, 4).value == 360 and sheet.cell(memo, 4).data_type == "n"
    assert sheet.cell(memo, 1).font.i and sheet.cell(memo, 4).font.i
    summa = next(r for r in range(memo, sheet.max_row + 1) if sheet.cell(r, 1).value == "SUMMA")
    for column in range(2, 5):
        formula = sheet.cell(summa, column).value
        assert summed(formula) and f"{sheet.cell(memo, column).column_letter}{memo}" not in formula
    assert [evaluate(sheet, sheet.cell(summa, c)) for c in range(2, 5)] == SUMMA_BUDGET


def test_refund_leaves_out_the_memo_row(plan, report):
    """In the follow-up table the refund is funds − SUMMA; the "varav vikarier" 50 changes neither."""
    sheet = excel(plan, report)[ECONOMY_SHEET]
    refund = row_of(sheet, "Återbetalning till HSNG")
    summa = refund - 1
    assert [evaluate(sheet, sheet.cell(summa, c)) for c in range(2, 6)] == [459, 459, Decimal("443.5"),
                                                                           Decimal("443.5")]
    assert [evaluate(sheet, sheet.cell(refund, c)) for c in (4, 5)] == [Decimal("5.0"), Decimal("5.0")]
    rows = grid(money_table(word(plan, report), "Budget 2024", last="Återbetalning till HSNG"))
    assert rows[-1] == ["Återbetalning till HSNG", "", "", "5,0", "5,0"]
    assert ["varav vikarier", "", "", "50,0", "50,0"] in rows


def test_budget_table_in_the_printout(plan, report):
    """One group over three columns HSNG | SN+FSN | GSN in the header rows; the "varav" row italic;
    SUMMA bold with the typed figures."""
    table = next(b for b in build(plan, report) if isinstance(b, Table) and b.caption == "Budget 2024 (tkr)")
    assert table.kind == "money"
    group = table.header[0].cells[1]
    assert (group.text, group.colspan, group.header) == ("Budget 2024", 3, True)
    assert len(table.header[0].cells) == 2
    assert [c.text for c in table.header[1].cells[1:]] == ["HSNG", "SN+FSN", "GSN"]
    assert all(c.header for c in table.header[1].cells)
    memo = next(r for r in table.rows if r.cells[0].text == "varav finansierat av skolan")
    assert memo.kind == "memo" and all(c.italic for c in memo.cells)
    assert [c.text for c in memo.cells[1:]] == ["", "", "360,0"]
    summa = table.rows[-1]
    assert [c.text for c in summa.cells] == ["SUMMA", "1\u00a0553,0", "2\u00a0283,0", "360,0"]
    assert summa.kind == "computed" and all(c.bold for c in summa.cells)


def test_tables_never_touch_in_word(plan, report):
    """Two tables in a row would become one in Word: something always stands between them."""
    body = [child.tag for child in word(plan, report).element.body]
    assert not any(a == b == qn("w:tbl") for a, b in zip(body, body[1:], strict=False))
