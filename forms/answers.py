"""How an answer reads, the one way for the wizard, every export, the Sammanställning and the
receiving comparison: `Ja`/`Nej`, `80 %`, `3,5 åa`, rows as `Kolumn: text` lines.

A number or percentage is shown with exactly the decimals it was stored with (`3.25` → `3,25`, never
`3,3`), a Swedish decimal comma, a no-break space between groups of three and U+2212 as minus
(forms.numbers.format_amount). Text that is not a number is shown as it is rather than hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from forms.numbers import NumberError, format_amount, parse_amount, parse_percent
from forms.report import Report
from forms.template import Field

YES_NO_LABELS = {"ja": "Ja", "nej": "Nej"}
PERCENT_UNIT = "%"


def format_number(value: Decimal | None) -> str:
    """`Decimal('3.25')` → `3,25`, `Decimal('1553')` → `1 553`: as many decimals as the value carries."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    return format_amount(value, max(0, -exponent) if isinstance(exponent, int) else 0)


@dataclass(frozen=True)
class Figure:
    """A number or percentage answer as a number: Excel writes it as a number cell."""

    value: Decimal
    decimals: int  # as stored
    unit: str  # "%", "åa" or ""

    @property
    def text(self) -> str:
        shown = format_number(self.value)
        return f"{shown} {self.unit}" if self.unit else shown


def answer_figure(field: Field, value: str) -> Figure | None:
    """The number a percent or number answer holds; None for other kinds, empty or non-numeric text."""
    if field.kind not in ("percent", "number"):
        return None
    try:
        number = parse_percent(value) if field.kind == "percent" else parse_amount(value)
    except NumberError:
        return None
    if number is None:
        return None
    exponent = number.as_tuple().exponent
    unit = PERCENT_UNIT if field.kind == "percent" else " ".join(field.unit.split())
    return Figure(number, max(0, -exponent) if isinstance(exponent, int) else 0, unit)


def answer_text(field: Field, value: str) -> str:
    """One answer (text, yes/no, percent, number) as it reads: `Nej`, `80 %`, `3,5 åa` or the text."""
    value = value.strip()
    if field.kind == "yesno":
        return YES_NO_LABELS.get(value, value)
    if field.kind in ("percent", "number"):
        figure = answer_figure(field, value)
        return figure.text if figure is not None else value
    return value


def row_text(labels: Iterable[str], texts: Iterable[str]) -> str:
    """One row of a rows answer as `Kolumn: text` lines, an empty column as `Kolumn:`."""
    return "\n".join(f"{label}: {text}" if text else f"{label}:" for label, text in zip(labels, texts, strict=True))


def rows_text(field: Field, rows: Iterable[dict], labels: Iterable[str] | None = None) -> str:
    """A whole rows answer as one text: `Insats 1` and its lines, rows apart by an empty line; rows
    with nothing typed are left out. `labels` are the column labels as shown (rendered)."""
    labels = list(labels) if labels is not None else [c.label for c in field.columns]
    entries = []
    for row in rows:
        texts = [str(row.get(c.id) or "").strip() for c in field.columns]
        if any(texts):
            entries.append(f"{field.row_label or 'Rad'} {len(entries) + 1}\n{row_text(labels, texts)}")
    return "\n\n".join(entries)


def stored_rows(report: Report, field: Field) -> list[dict]:
    """The stored rows of a rows answer; an answer that is not the rows' JSON (typed before the field
    became a table) is one row with the whole text in the first column, rather than lost or failing."""
    try:
        rows = report.rows(field.id)
    except (ValueError, TypeError):
        rows = None
    if isinstance(rows, list) and all(isinstance(r, dict) for r in rows):
        return rows
    return [{field.columns[0].id: report.answer(field.id)}] if field.columns else []
