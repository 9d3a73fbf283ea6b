"""The report as HTML, for printing and "Spara som PDF" (Qt lays it out on A4 pages).

Same content and order as the Word export, from the same template definition (exports/content.py).
"""

from __future__ import annotations

from html import escape

from exports.content import (
    UNANSWERED,
    answer_lines,
    has_questions,
    number_text,
    percent_text,
    question,
    render,
    report_title,
    rows_view,
    table_view,
    visible_fields,
)
from forms.report import Report
from forms.template import Field, Template

CHECKED, UNCHECKED = "☒", "☐"
STYLE = """
body { font-family: 'Carlito', 'Calibri', sans-serif; font-size: 11pt; }
h1 { font-size: 17pt; margin-bottom: 10pt; }
h2 { font-size: 13pt; margin-top: 16pt; margin-bottom: 4pt; }
p.question { font-weight: bold; margin-top: 10pt; margin-bottom: 2pt; }
p.answer { margin-top: 0; margin-bottom: 2pt; }
p.empty { color: #777777; font-style: italic; }
p.note { font-size: 9pt; color: #444444; }
table.money { border-collapse: collapse; margin-top: 6pt; }
table.money td, table.money th { border: 1px solid #777777; padding: 3px 5px; }
table.money th { background: #e8e8e8; }
td.amount { text-align: right; }
tr.computed td { font-weight: bold; background: #f0f0f0; }
td.na { background: #d0d0d0; }
tr.memo td { font-style: italic; }
table.rows { border-collapse: collapse; margin-top: 2pt; margin-bottom: 4pt; }
table.rows td, table.rows th { border: 1px solid #777777; padding: 3px 5px; vertical-align: top; }
table.rows th { background: #e8e8e8; text-align: left; }
"""


# Qt's rich text applies paragraph margins only from inline styles, not from the <style> classes.
QUESTION = "<p class='question' style='margin-top:12px; margin-bottom:3px; font-weight:bold'>"
HEADING = "<h2 style='margin-top:20px; margin-bottom:6px'>"
MONEY_TABLE = "<table class='money' style='margin-top:6px; margin-bottom:6px' width='100%' cellspacing='0'>"
ROWS_TABLE = "<table class='rows' style='margin-top:3px; margin-bottom:6px' width='100%' cellspacing='0'>"


def report_html(template: Template, report: Report, attachment_names: list[str] = ()) -> str:
    parts = [f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head><body>",
             f"<h1>{_text(report_title(template, report))}</h1>"]
    for section in template.sections:
        if has_questions(section):
            parts.append(f"{HEADING}{_text(render(template, report, section.title))}</h2>")
        for f in visible_fields(template, report, section):
            parts.append(_field_html(template, report, section, f))
    if attachment_names:
        parts.append(f"{HEADING}Bilagor</h2><ul>" + "".join(f"<li>{_text(n)}</li>" for n in attachment_names) + "</ul>")
    parts.append(_signature_html(template, report))
    parts.append("</body></html>")
    return "".join(parts)


def _text(text: str) -> str:
    return escape(text)


def info_html(template: Template, report: Report, f: Field) -> str:
    """A fixed text of the template (heading, paragraph, bullets), as the wizard and the printout show it."""
    out = []
    if f.heading:
        out.append(f"<p><b>{_text(render(template, report, f.heading))}</b></p>")
    if f.text:
        out.append(f"<p>{_text(render(template, report, f.text))}</p>")
    if f.bullets:
        out.append("<ul>" + "".join(f"<li>{_text(render(template, report, b))}</li>" for b in f.bullets) + "</ul>")
    return "".join(out)


def _field_html(template: Template, report: Report, section, f: Field) -> str:
    if f.kind == "info":
        return info_html(template, report, f)
    if f.kind == "money_table":
        return _table_html(table_view(template, report, f))
    if f.kind == "rows":
        return _rows_html(rows_view(template, report, section, f))
    q = question(template, report, section, f)
    if f.kind == "yesno":
        yes = CHECKED if q.answer == "ja" else UNCHECKED
        no = CHECKED if q.answer == "nej" else UNCHECKED
        return f"{QUESTION}{_text(q.label)}</p><p class='answer'>Ja {yes}&nbsp;&nbsp;&nbsp; Nej {no}</p>"
    if f.kind == "percent":
        shown = percent_text(q.answer) or ("____ %" if f.required else "")
        return f"<p class='answer'>{_text(q.label)} <b>{_text(shown)}</b></p>"
    if f.kind == "number":
        shown = number_text(q.answer, f.unit) or (f"____ {f.unit}".strip() if f.required else "")
        return f"<p class='answer'>{_text(q.label)} <b>{_text(shown)}</b></p>"
    lines = answer_lines(q.answer)
    body = "".join(f"<p class='answer'>{_text(line) or '&nbsp;'}</p>" for line in lines)
    if f.note:  # printed under the table (TableView.notes)
        return ""
    return f"{QUESTION}{_text(q.label)}</p>" + (body or _unanswered(f))


def _unanswered(f: Field) -> str:
    return f"<p class='answer empty'>{UNANSWERED}</p>" if f.required else ""


def _rows_html(view) -> str:
    """The question, then a bordered table: the column labels, one row per entry."""
    label = f"{QUESTION}{_text(view.label)}</p>"
    if not view.entries:
        return label + _unanswered(view.field)
    head = "<tr>" + "".join(f"<th>{_text(c)}</th>" for c in view.columns) + "</tr>"
    body = "".join(
        "<tr>" + "".join(f"<td>{'<br>'.join(_text(line) for line in answer_lines(text))}</td>" for text in entry)
        + "</tr>"
        for entry in view.entries)
    return f"{label}{ROWS_TABLE}{head}{body}</table>"


def _table_html(view) -> str:
    head1 = f"<tr><th rowspan='2' width='40%'>{_text(view.unit)}</th>" + "".join(
        f"<th colspan='{g.span}'>{_text(g.label)}</th>" for g in view.groups) + "</tr>"
    head2 = "<tr>" + "".join(f"<th>{_text(p)}</th>" for p in view.parties) + "</tr>"
    rows = []
    for row in view.rows:
        cls = " class='computed'" if row.total else " class='memo'" if row.memo else ""
        cells = "".join(
            f"<td class='amount'>{_text(view.amount_text(c.value))}</td>" if c.applies else "<td class='na'></td>"
            for c in row.cells)
        rows.append(f"<tr{cls}><td>{_text(row.label)}</td>{cells}</tr>")
    note = "".join(f"<p class='note'>{_text(n)}</p>" for n in ((view.footnote,) if view.footnote else ()) + view.notes)
    # Like the Word export: the section heading names the table, so its own caption is not repeated.
    return f"{MONEY_TABLE}{head1}{head2}{''.join(rows)}</table>{note}"


def _signature_html(template: Template, report: Report) -> str:
    """The closing line, then name and date, on lines to sign by hand when they are empty."""
    blank = "_" * 40
    name = _text(report.compiled_by) or blank
    when = report.compiled_date.isoformat() if report.compiled_date else blank
    return (f"<p style='margin-top:18pt'>{_text(render(template, report, template.signature))}</p>"
            f"<p style='margin-top:12pt'>{name}<br><span class='note'>Namn</span></p>"
            f"<p style='margin-top:8pt'>{when}<br><span class='note'>Datum</span></p>")
