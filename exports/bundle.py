"""What is sent, the one way for the app's "Skicka" and the command line's `export --eml`: the
report's files as bytes (Word, Excel, PDF, the interchange JSON), its bilagor, and the email draft
that carries them. The Word and Excel libraries load on first use; the PDF needs Qt's text layout,
so the caller (desktop/) hands in the function that makes it."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from exports.content import file_stem
from forms.report import Report
from forms.template import Template

FORMATS = {"docx": "Word-dokument (*.docx)", "xlsx": "Excel-arbetsbok (*.xlsx)", "pdf": "PDF (*.pdf)"}
SENT_FORMATS = ("docx", "xlsx", "pdf")  # the report's own files in a draft, then its JSON, then the bilagor

PdfMaker = Callable[[Template, Report, Sequence[str]], bytes]
"""(template, report, bilaga names) → the PDF's bytes; desktop.printing.pdf_bytes."""


def docx_bytes(template: Template, report: Report, attachment_names: Iterable[str] = ()) -> bytes:
    from exports.word import write_docx  # python-docx costs as much to import as Qt itself

    buffer = io.BytesIO()
    write_docx(template, report, buffer, list(attachment_names))
    return buffer.getvalue()


def xlsx_bytes(template: Template, report: Report) -> bytes:
    from exports.excel import write_xlsx

    buffer = io.BytesIO()
    write_xlsx(template, report, buffer)
    return buffer.getvalue()


def export_bytes(template: Template, report: Report, fmt: str, attachment_names: Sequence[str], pdf: PdfMaker) -> bytes:
    """One export file (`docx`, `xlsx` or `pdf`) as bytes: what "Exportera" saves and the draft attaches."""
    if fmt == "docx":
        return docx_bytes(template, report, attachment_names)
    if fmt == "xlsx":
        return xlsx_bytes(template, report)
    if fmt == "pdf":
        return pdf(template, report, list(attachment_names))
    raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")


def json_attachment(template: Template, report: Report, library) -> tuple[str, bytes]:
    """The report's interchange JSON (docs/report-json.md) as an email attachment: the receiver
    imports the exact figures and answers instead of reading them back out of a document."""
    from forms.interchange import report_to_json

    return file_name(template, report, "json"), report_to_json(report, library).encode("utf-8")


def file_name(template: Template, report: Report, fmt: str) -> str:
    """`Uppföljning FCA Lundby 2022.docx`: readable and safe on Windows."""
    return f"{file_stem(template, report)}.{fmt}"


@dataclass(frozen=True)
class Bundle:
    """The files of one sending, as (file name, bytes): the report's own and its bilagor."""

    own: tuple[tuple[str, bytes], ...]  # Word, Excel, PDF, JSON
    attachments: tuple[tuple[str, bytes], ...]  # the bilagor, as stored

    @property
    def files(self) -> list[tuple[str, bytes]]:
        return [*self.own, *self.attachments]

    def content(self, fmt: str) -> bytes:
        """The report's own file of format `fmt` (`docx`, `xlsx`, `pdf`, `json`)."""
        return next(content for name, content in self.own if name.endswith(f".{fmt}"))

    @property
    def description(self) -> str:
        """What the draft carries, for the user: "Word-, Excel- och PDF-filen, … och bilagorna"."""
        bilagor = " och bilagorna" if self.attachments else ""
        return f"Word-, Excel- och PDF-filen, rapportens data som JSON-fil{bilagor}"


def report_bundle(template: Template, report: Report, library, attachments: Iterable[tuple[str, bytes]],
                  pdf: PdfMaker) -> Bundle:
    """Everything a sending carries: the report as Word, Excel and PDF, its JSON and its bilagor."""
    from forms.filesystem import distinct_names

    attachments = tuple(attachments)
    names = [name for name, _ in attachments]
    own = [(file_name(template, report, fmt), export_bytes(template, report, fmt, names, pdf)) for fmt in SENT_FORMATS]
    own.append(json_attachment(template, report, library))  # exact figures for the receiver
    files = distinct_names([*own, *attachments])  # one folder in the Utkorg: no two alike, not even in case
    return Bundle(tuple(files[:len(own)]), tuple(files[len(own):]))


def bundle_draft(template: Template, report: Report, bundle: Bundle, *, to: Iterable[str],
                 cc: Iterable[str] = ()) -> EmailMessage:
    """The unsent email to the region carrying `bundle` (exports.email.build_draft)."""
    from exports.email import build_draft, draft_body, draft_subject

    return build_draft(to=to, cc=cc, subject=draft_subject(template, report), body=draft_body(template, report),
                       attachments=bundle.files)
