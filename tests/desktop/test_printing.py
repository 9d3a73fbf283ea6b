"""Spara som PDF and printing: the app's PDF read back (text with positions per page) follows the
Word export's layout rules for the demo reports, a stress report and every report type."""

from __future__ import annotations

import re
import statistics

import pytest
from pypdf import PdfReader

from desktop.printing import MARGIN_MM, preview_dialog, report_document, write_pdf
from exports.content import questions, rows_view, table_view, visible_fields
from tests.sample_reports import ATTACHMENTS, all_reports

POINT_MM = 25.4 / 72


def pdf_lines(path) -> list[list[tuple[float, float, str]]]:
    """Per page the text lines as (left mm, top mm from the paper's top edge, text), top to bottom."""
    pages = []
    for page in PdfReader(path).pages:
        height = float(page.mediabox.height)
        lines = []

        def visit(text, cm, tm, font, size, lines=lines, height=height):
            text = text.replace("\t", " ").strip()
            if text:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                lines.append((x * POINT_MM, (height - y) * POINT_MM, text))

        page.extract_text(visitor_text=visit)
        pages.append(sorted(lines, key=lambda line: (round(line[1], 1), line[0])))
    return pages


@pytest.fixture(scope="module")
def printed(library, tmp_path_factory, qapp):
    """Every sample report as the app's PDF, read back: name → (template, report, pages)."""
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for name, (template, report, attachments) in all_reports(library).items():
        target = folder / f"{name}.pdf"
        write_pdf(report_document(template, report, attachments), target, name)
        out[name] = (template, report, pdf_lines(target), target)
    return out


REPORTS = ["lundby-2022", "centrum-handlingsplan-2024", "stress-handlingsplan", "fca-uppfoljning-2023",
           "folkhalsa-uppfoljning-2023", "folkhalsa-uppfoljning-2024", "halsolots-uppfoljning-2023",
           "ekonomisk-sammanstallning-2023"]


def body(page):
    """The page's lines without the running header and the footer."""
    return [line for line in page if not line[2].startswith("Sida ") and line[1] > MARGIN_MM - 5]


@pytest.mark.parametrize("name", REPORTS)
def test_every_page_has_header_footer_and_word_margins(printed, name):
    """"Sida X av Y" and the report's name on every page; text starts at Word's 22 mm left margin
    (not 40 mm as when Qt's own margins were added), on portrait and landscape pages alike."""
    template, report, pages, _ = printed[name]
    title = template.render(template.file_name, report.area, report.year)
    for number, page in enumerate(pages, start=1):
        texts = [text for _, _, text in page]
        assert f"Sida {number} av {len(pages)}" in texts, (name, number, texts[-3:])
        assert title in texts, (name, number)
        left = min(x for x, _, _ in body(page))
        assert abs(left - MARGIN_MM) <= 2, (name, number, left)


def introductions(template, report) -> set[str]:
    """Texts that must never end a page: every question, section and info heading, every fixed text
    ending in a colon ("Till hur stor del finansierar avtalet följande:"), and the paragraph
    introducing a table ("Den ekonomiska redovisningen avser …", the action plan's "Med fokus på …")."""
    from exports.document import Paragraph, Table, build

    texts = {q.label for q in questions(template, report)}
    texts |= {s.title for s in template.sections} | {s.print_title for s in template.sections if s.print_title}
    for section in template.sections:
        for f in visible_fields(template, report, section):
            texts |= {template.render(f.heading, report.area, report.year)} if f.heading else set()
            texts |= {line for line in template.render(f.text, report.area, report.year).split("\n")
                      if line.rstrip().endswith(":")}
    blocks = build(template, report)
    texts |= {b.text for b, after in zip(blocks, blocks[1:], strict=False)
              if isinstance(b, Paragraph) and isinstance(after, Table)}
    return {t for t in texts if t}


def keep_rule_breaks(template, report, pages) -> list[str]:
    """Where the pages break the keep rules: a page ending with a question, heading or introduction
    (its answer, text or table starts the next page); the signature block alone on its page."""
    texts = introductions(template, report)
    breaks = []
    for number, page in enumerate(pages[:-1], start=1):
        last = body(page)[-1][2]
        if any(last in text and len(last) > 3 for text in texts):
            breaks.append(f"page {number} ends with {last!r}")
    closing = template.render(template.signature, report.area, report.year)
    signature = {closing, report.compiled_by, "Namn", "Datum", "_" * 40,
                 report.compiled_date.isoformat() if report.compiled_date else "Datum"}
    last_page = [t for _, _, t in body(pages[-1]) if not t.startswith(template.render(template.file_name, report.area,
                                                                                      report.year))]
    if all(t in signature or closing.startswith(t) or t in closing for t in last_page):
        breaks.append(f"the signature alone on page {len(pages)}")
    return breaks


@pytest.mark.parametrize("name", REPORTS)
def test_no_question_heading_or_introduction_ends_a_page(printed, name):
    """A question, a heading or a table's introduction is never the last line of a page: it goes with
    the first lines of what follows; the signature is never alone on the last page."""
    template, report, pages, _ = printed[name]
    assert keep_rule_breaks(template, report, pages) == []


@pytest.mark.parametrize("name", REPORTS)
def test_tables_repeat_their_header_and_sum_rows_never_stand_alone(printed, name):
    """Every page a money table's rows are on shows its column headings, and a page with SUMMA shows
    a cost row of its table too; every page with activity rows shows the activity table's header."""
    template, report, pages, _ = printed[name]
    for section in template.sections:
        for f in visible_fields(template, report, section):
            if f.kind == "money_table":
                view = table_view(template, report, f)
                for page in pages:
                    texts = " ".join(text for _, _, text in page)
                    rows_here = [r for r in view.rows if r.label.split("\n")[0] in texts]
                    if rows_here:
                        assert all(p in texts for p in view.parties) and view.unit in texts, (name, f.id)
                    if any(r.total for r in rows_here):
                        assert any(not r.total for r in rows_here), (name, f.id, "sum rows alone")
            if f.kind == "rows":
                view = rows_view(template, report, section, f)
                for page in pages:
                    texts = " ".join(text for _, _, text in page)
                    if any(entry[0][:40] in texts for entry in view.entries):
                        assert view.columns[0] in texts, (name, f.id)


def test_stress_report_continues_tables_on_landscape_pages(printed):
    """The 40 activities of 7.1.1 run over several landscape pages, each with the header row and the
    delmål named again at its top; the 25 attachments and the signature follow in portrait."""
    template, report, pages, target = printed["stress-handlingsplan"]
    reader = PdfReader(target)
    landscape = [i for i, p in enumerate(reader.pages) if float(p.mediabox.width) > float(p.mediabox.height)]
    activity_pages = [i for i, page in enumerate(pages) if any(re.match(r"Aktivitet \d+:", t) for _, _, t in page)]
    assert len(activity_pages) >= 3 and set(activity_pages) <= set(landscape)
    label_start = template.printed_label(template.field("delmal_7_1_1"))[:20]
    for i in activity_pages:
        texts = [t for _, _, t in pages[i]]
        assert "Delmål" in texts and any(t.startswith("Planerade insatser") for t in texts)
    # On each page 7.1.1 continues on, its delmål is named again in the spanning column.
    only_711 = re.compile(r"Aktivitet ([3-9]|[1-4]\d):")  # the other delmål have two activities each
    continued = [i for i in activity_pages[1:] if any(only_711.match(t) for _, _, t in pages[i])]
    assert continued and all(any(t.startswith(label_start) for _, _, t in pages[i]) for i in continued)
    everything = " ".join(t for page in pages for _, _, t in page)
    assert all(name[:30] in everything for name in ATTACHMENTS)
    last = [t for _, _, t in pages[-1]]
    assert "Åsa Öberg" in last and any(t.startswith("Handlingsplan för familjecentrerat") for t in last)
    assert len(reader.pages) - 1 not in landscape


def test_signature_block_is_kept_together(printed):
    """The closing line, the name and the date (or the lines to write them on) on one page."""
    for name, (template, report, pages, _) in printed.items():
        closing = template.render(template.signature, report.area, report.year)[:30]
        page = next(p for p in reversed(pages) if any(t.startswith(closing) for _, _, t in p))
        texts = [t for _, _, t in page]
        assert (report.compiled_by or "Namn") in texts, name
        assert (report.compiled_date.isoformat() if report.compiled_date else "Datum") in texts, name


def test_text_is_real_text_without_lost_ligatures(printed):
    """Copied or read-aloud text keeps "tt" and "ti" (Carlito's ligatures lost them: "a" for "att")."""
    _, _, pages, _ = printed["lundby-2022"]
    text = " ".join(t for page in pages for _, _, t in page)
    assert "upp till 12 år" in text and "förbättringsområden" in text


def test_figures_add_up_in_the_pdf(printed):
    """The PDF shows the stored cents: 125,25 + … = SUMMA as printed."""
    template, report, pages, _ = printed["fca-uppfoljning-2023"]
    text = " ".join(t for page in pages for _, _, t in page)
    view = table_view(template, report, template.field("ekonomi"))
    summa = next(r for r in view.rows if r.role == "sum")
    assert all(c.text in text for c in summa.cells if c.value is not None)
    assert ",25" in text


def test_print_preview_opens_at_fit_to_width(qtbot, library):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    template, report, attachments = all_reports(library)["lundby-2022"]
    dialog = preview_dialog(report_document(template, report, attachments), None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    assert widget.pageCount() == len(report_document(template, report, attachments).pages)
    dialog.close()


def test_printer_prints_landscape_pages_turned_on_the_sheet(qapp, library, tmp_path):
    """Through a QPrinter (what the preview's Skriv ut uses) every page is A4 portrait, because a
    printer cannot change layout mid-job; a landscape page is turned on the sheet, its rightmost
    column inside the paper instead of cut off beyond 210 mm."""
    from PySide6.QtPrintSupport import QPrinter

    template, report, attachments = all_reports(library)["centrum-handlingsplan-2024"]
    document = report_document(template, report, attachments)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "utskrift.pdf"))
    printer.setFullPage(True)
    document.paint(printer)
    reader = PdfReader(tmp_path / "utskrift.pdf")
    assert len(reader.pages) == len(document.pages)
    assert all(float(p.mediabox.width) < float(p.mediabox.height) for p in reader.pages)
    pages = pdf_lines(tmp_path / "utskrift.pdf")
    landscape = [i for i, page in enumerate(document.pages) if page.landscape]
    assert landscape
    for i in landscape:
        texts = [t for _, _, t in pages[i]]
        assert "Förväntad effekt/resultat" in texts or "Målområde och övergripande" in " ".join(texts)
        assert all(-1 <= x <= 211 and -1 <= top <= 298 for x, top, _ in pages[i]), i


def test_user_text_is_escaped_in_the_printout(fca2022, lundby):
    """Typed markup prints as the characters typed, in paragraphs and table cells alike."""
    from desktop.printing import cell_html, paragraph_html
    from exports.document import Paragraph, Table, build
    from tests.exports.test_document import flat

    lundby.answers["nosam"] = "<script>alert(1)</script> & <b>"
    blocks = flat(build(fca2022, lundby))
    html = [paragraph_html(b) for b in blocks if isinstance(b, Paragraph)]
    html += [cell_html(c) for b in blocks if isinstance(b, Table) for row in b.header + b.rows for c in row.cells]
    assert not any("<script>" in h for h in html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_app_pdf_and_word_via_libreoffice_agree_page_for_page(printed, library, tmp_path):
    """The app paginates with Word's rules: for every sample report LibreOffice's rendering of the
    .docx has the same number of pages within one, and keeps the same rules (no question, heading or
    introduction ends a page; the signature not alone)."""
    from exports.word import write_docx
    from tests.needs import soffice_convert

    for name, (template, report, attachments) in all_reports(library).items():
        write_docx(template, report, tmp_path / f"{name}.docx", attachments)
    soffice_convert([tmp_path / f"{n}.docx" for n in printed], "pdf", tmp_path / "lo", tmp_path / "profile", 600)
    counts, breaks = {}, {}
    for name, (template, report, pages, _) in printed.items():
        word = pdf_lines(tmp_path / "lo" / f"{name}.pdf")
        counts[name] = (len(pages), len(word))
        breaks[name] = keep_rule_breaks(template, report, word)
    assert {n: c for n, c in counts.items() if abs(c[0] - c[1]) > 1} == {}, counts
    assert {n: b for n, b in breaks.items() if b} == {}
    # Page for page the same rows: the stress plan's 40 activities and the tables after them break
    # where Word's do (a table's rows as high as Word makes them, grid line included; the space above
    # a heading that starts a landscape section; the empty line after the overview).
    activities = {name: [[t.split(":")[0] for x, _, t in page if re.match(r"Aktivitet \d+:", t) and x < 70]
                         for page in pages]
                  for name, pages in (("app", printed["stress-handlingsplan"][2]),
                                      ("word", pdf_lines(tmp_path / "lo" / "stress-handlingsplan.pdf")))}
    assert activities["app"] == activities["word"]
    stress = {"app": printed["stress-handlingsplan"][2], "word": pdf_lines(tmp_path / "lo" / "stress-handlingsplan.pdf")}
    headings = {name: [y for page in pages for _, y, t in page
                       if t in ("6 Översikt målsättningar", "7 Målsättningar och planerade insatser/aktiviteter")]
                for name, pages in stress.items()}  # a landscape section's first line; the next after the overview
    assert abs(headings["app"][0] - headings["word"][0]) < 0.5, headings
    assert abs(headings["app"][1] - headings["word"][1]) < 2.5, headings  # the empty line after the overview
    pitch = {name: statistics.median(b - a for a, b in zip(tops, tops[1:], strict=False))  # four-line activity rows
             for name, pages in stress.items()
             for tops in [[y for x, y, t in pages[3] if re.match(r"Aktivitet \d+:", t) and x < 70]]}
    assert abs(pitch["app"] - pitch["word"]) < 0.1, pitch


def test_a_delmal_runs_down_beside_its_activities(printed):
    """A cell spanning rows is held by the rows it spans, as Word lays out a merged cell: the
    Centrum plan's "7.1.2. Det ska finnas …" (six lines) runs down beside its activities, the second
    activity starting beside it, instead of making the first activity's row six lines high (which
    made the app's PDF a page longer than Word's)."""
    _, _, pages, _ = printed["centrum-handlingsplan-2024"]
    page = next(p for p in pages if any(t == "7.1.2. Det ska finnas" for _, _, t in p))  # not section 6's
    top = {t: y for _, y, t in page}
    assert top["Tillgängliggöra information till föräldrar och"] < top["behöver det mest."]
    assert top["Föräldraskapsstöd genom stödmaterial såsom,"] == top["7.1.2. Det ska finnas"]
    assert len(pages) == 7  # as LibreOffice renders its .docx (test_app_pdf_and_word_via_libreoffice…)


def test_plain_text_is_laid_out_as_a_text_document_lays_it_out(library, qapp):
    """Plain paragraphs and cells are laid out with QTextLayout (desktop/printing.py _PlainText) for
    speed; line for line they must sit where a QTextDocument of the same text, font, alignment and
    width puts them, or the pages would break differently from before (and from the rich text)."""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument

    from desktop.printing import PrintedReport, _layouts, _PlainText

    def lines(document):
        return [(round(layout.position().y() + line.y(), 3), round(line.x(), 3), round(line.height(), 3),
                 line.textStart(), line.textLength()) for layout in _layouts(document)
                for line in (layout.lineAt(i) for i in range(layout.lineCount()))]

    compared = indented = 0
    for name, (template, report, attachments) in all_reports(library).items():
        printout = PrintedReport(template, report, attachments)
        for item in (i for page in printout.pages for i in page.items if isinstance(getattr(i, "document", None), _PlainText)):
            plain, layout = item.document, item.document.layouts[0]
            document = QTextDocument()
            document.documentLayout().setPaintDevice(printout._layouter.device)
            document.setDocumentMargin(0)
            document.setDefaultFont(layout.font())
            document.setDefaultTextOption(layout.textOption())
            document.setTextWidth(plain.width)
            document.setPlainText(plain.text)
            if plain.indent:  # a hanging bullet, as the printout makes it
                hanging = QTextBlockFormat()
                hanging.setLeftMargin(plain.indent)
                hanging.setTextIndent(-plain.indent)
                cursor = QTextCursor(document)
                cursor.select(QTextCursor.SelectionType.Document)
                cursor.mergeBlockFormat(hanging)
            assert (lines(plain), plain.size().height()) == (lines(document), document.size().height()), (name, plain.text[:60])
            compared, indented = compared + 1, indented + bool(plain.indent)
    assert compared > 500 and indented > 20
