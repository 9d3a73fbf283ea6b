"""A template revision described completely as plain data (`avtalsuppfoljning templates --json`), for
the Word importer, integrators and the template maintainer: every section and field with its wording,
limits and condition, a rows field's columns, and a money table's groups, columns and rows with their
labels and roles. Texts keep their placeholders ({område}, {år}, …); see docs/templates.md."""

from __future__ import annotations

from decimal import Decimal

from forms.template import Field, MoneyTable, Template


def template_to_dict(t: Template) -> dict:
    return {
        "id": t.id, "revision": t.revision, "type_name": t.type_name,
        "first_year": t.first_year, "last_year": t.last_year,
        "title": t.title, "file_name": t.file_name, "area_word": t.area_word,
        "parties": dict(t.parties),
        "deadline": ({"month": t.deadline.month, "day": t.deadline.day, "years_after": t.deadline.years_after}
                     if t.deadline else None),
        "recipients": list(t.recipients), "signature": t.signature,
        "email_subject": t.email_subject, "email_body": t.email_body,
        "keywords": list(t.keywords),  # the Word import's vocabulary (docs/templates.md)
        "sections": [{"id": s.id, "title": s.title, "keywords": list(s.keywords),
                      "fields": [field_to_dict(f) for f in s.fields]}
                     for s in t.sections],
    }


def field_to_dict(f: Field) -> dict:
    data: dict = {
        "id": f.id, "kind": f.kind,
        # "label" stays what it always was here: the question, or an info text's heading or opening words
        "label": f.label or f.heading or f.text[:80],
        "question": f.label,
        "required": f.required,
        "show_if": {"field": f.show_if.field, "equals": f.show_if.equals} if f.show_if else None,
    }
    if f.kind == "info":
        data.update(heading=f.heading, text=f.text, bullets=list(f.bullets))
    if f.kind != "info" and f.kind != "money_table":
        data["keywords"] = list(f.keywords)
    if f.max_chars is not None:
        data["max_chars"] = f.max_chars
    if f.kind == "number":
        data.update(unit=f.unit, minimum=_number(f.minimum), maximum=_number(f.maximum))
    if f.kind == "rows":
        data["row_label"] = f.row_label
        data["columns"] = [{"id": c.id, "label": c.label, "max_chars": c.max_chars, "lines": c.lines}
                           for c in f.columns]
    if f.kind == "money_table":
        data["table"] = table_to_dict(f.table)
    return data


def table_to_dict(table: MoneyTable) -> dict:
    return {
        "unit": table.unit, "decimals": table.decimals, "footnote": table.footnote,
        "groups": [{"id": g.id, "label": g.label, "role": g.role} for g in table.groups],
        "columns": [{"id": c.id, "group": c.group, "party": c.party, "label": c.label} for c in table.columns],
        "rows": [{"id": r.id, "label": r.label, "role": r.role, "editable": r.editable,
                  "groups": list(r.groups) if r.groups is not None else None, "source": r.source}
                 for r in table.rows],
    }


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
