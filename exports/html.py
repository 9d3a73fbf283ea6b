"""A template's fixed text (heading, paragraph, bullets) as Qt rich text, for the wizard's labels.

The printout and "Spara som PDF" are built by exports/print_layout.py and desktop/printing.py.
"""

from __future__ import annotations

from html import escape

from exports.content import render
from forms.report import Report
from forms.template import Field, Template


def info_html(template: Template, report: Report, f: Field) -> str:
    """A fixed text of the template (heading, paragraph, bullets), as the wizard shows it."""
    out = []
    if f.heading:
        out.append(f"<p><b>{escape(render(template, report, f.heading))}</b></p>")
    if f.text:
        out.append(f"<p>{escape(render(template, report, f.text))}</p>")
    if f.bullets:
        out.append("<ul>" + "".join(f"<li>{escape(render(template, report, b))}</li>" for b in f.bullets) + "</ul>")
    return "".join(out)
