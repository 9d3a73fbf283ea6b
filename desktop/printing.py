"""Printing and "Spara som PDF" with Qt's own classes: the report's HTML laid out on A4."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from exports.html import report_html
from forms.report import Report
from forms.template import Template

MARGINS_MM = QMarginsF(20, 18, 20, 18)


def report_document(template: Template, report: Report, attachment_names: list[str] = ()) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(report_html(template, report, list(attachment_names)))
    return document


def a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def write_pdf(document: QTextDocument, target: Path, title: str) -> None:
    """Write the document as an A4 PDF."""
    writer = QPdfWriter(str(target))
    writer.setPageLayout(a4_layout())
    writer.setTitle(title)
    writer.setCreator("Avtalsuppföljning")
    writer.setResolution(300)
    document.print_(writer)  # lays the text out on the writer's A4 pages
    del writer  # the PDF is complete once the writer is gone


def print_with_preview(document: QTextDocument, parent: QWidget | None) -> None:
    """Qt's print preview; the user picks the printer and prints from there."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(a4_layout())
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle("Skriv ut")
    preview.paintRequested.connect(document.print_)
    preview.exec()
