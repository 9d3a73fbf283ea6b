"""The export files of one report as bytes, by format; the Word and Excel libraries load on first use."""

from __future__ import annotations

import io

from exports.content import file_stem
from forms.report import Report
from forms.template import Template

FORMATS = {"docx": "Word-dokument (*.docx)", "xlsx": "Excel-arbetsbok (*.xlsx)", "pdf": "PDF (*.pdf)"}


def docx_bytes(template: Template, report: Report, attachment_names: list[str] = ()) -> bytes:
    from exports.word import write_docx  # python-docx costs as much to import as Qt itself

    buffer = io.BytesIO()
    write_docx(template, report, buffer, list(attachment_names))
    return buffer.getvalue()


def xlsx_bytes(template: Template, report: Report) -> bytes:
    from exports.excel import write_xlsx

    buffer = io.BytesIO()
    write_xlsx(template, report, buffer)
    return buffer.getvalue()


def json_attachment(template: Template, report: Report, library) -> tuple[str, bytes]:
    """The report's interchange JSON (docs/report-json.md) as an email attachment: the receiver
    imports the exact figures and answers instead of reading them back out of a document."""
    from forms.interchange import report_to_json

    return file_name(template, report, "json"), report_to_json(report, library).encode("utf-8")


def file_name(template: Template, report: Report, fmt: str) -> str:
    """`Uppföljning FCA Lundby 2022.docx`: readable and safe on Windows."""
    return f"{file_stem(template, report)}.{fmt}"
