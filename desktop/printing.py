"""Printing and "Spara som PDF": the report's blocks (exports/document.py) laid out on A4 pages.

One engine for the PDF, the printer and the print preview, with the document's page (the Word export's
too): its margins all round, the report's file name as a running header, "Sida X av Y" in the footer. Each paragraph
and table cell is laid out on its own (plain text line by line with QTextLayout, rich text as a
QTextDocument), so this module decides every page break:
a heading or question never ends a page (it goes with the first two lines of its answer or the
table's header and first row), table header rows repeat on each page the table continues on, sum
rows never start a page without the row above, the signature block is kept whole, and the wide
activity tables get landscape pages.

Why Qt rather than a PDF library: the same painting serves the printer and the preview (a PDF
library's file would have to be rasterised to print, and PySide6-Essentials has no QtPdf), fonts
come from the system as in the rest of the app (Calibri on Windows, its metric twin Carlito here),
and nothing is added to install. Qt's PDF writer does not write a tagged (structure-tagged,
PDF/UA) file; for an accessible PDF, save the Word export as PDF from Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QWidget

from exports.content import render
from exports.document import (
    BLACK,
    GRID_GREY,
    HEADER_DISTANCE_MM,
    MARGIN_MM,
    PAGE_MM,
    STYLES,
    Block,
    Cell,
    KeepTogether,
    PageOrientation,
    Paragraph,
    ParagraphStyle,
    Table,
    build,
    printed,
)
from forms.report import Report
from forms.template import Template

A4_MM = PAGE_MM
LAYOUT_DPI = 600  # every length below is laid out in pixels of this resolution
FONT_FAMILIES = ["Calibri", "Carlito"]  # Carlito: Calibri's metric twin on Linux
CELL_PADDING_PT = (5.0, 2.0)  # left/right, top/bottom
GRID_LINE_PT = 0.5  # a table's grid line, which in Word takes its width of a row's height
GRID_COLOR = QColor(f"#{GRID_GREY}")
SOFT_KEEPS = ("note", "bullet")  # kept with the next block only when the whole chain fits on a page
MIN_LINES = 2  # of a paragraph at the foot or head of a page: no widows or orphans
BULLET = "•&nbsp;&nbsp;&nbsp;"
WRITING_LINE = "_" * 40
TABLE_TEXT = STYLES["table"]


def paragraph_html(block: Paragraph) -> str:
    """A paragraph's runs as Qt rich text: escaped, bold, italic, coloured."""
    out = []
    for run in block.runs:
        text = escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.color:
            text = f"<span style='color:#{run.color}'>{text}</span>"
        out.append(text)
    html = "".join(out)
    if block.style == "bullet":
        return BULLET + html
    if block.style == "line":
        return WRITING_LINE
    return html or "&nbsp;"


def cell_html(cell: Cell) -> str:
    return "<br>".join(escape(line) for line in cell.lines) if cell.text else ""


def _mm(mm: float) -> float:
    return mm / 25.4 * LAYOUT_DPI


def _pt(pt: float) -> float:
    return pt / 72 * LAYOUT_DPI


def _font(style: ParagraphStyle) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(style.size)
    font.setBold(style.bold)
    font.setItalic(style.italic)
    for feature in ("liga", "clig"):  # Carlito's "ti"/"tt" ligatures reach the PDF without their letters:
        font.setFeature(QFont.Tag(feature), 0)  # copied or read-aloud text would say "a" for "att"
    return font


class _Layouter:
    """Measures text on a fixed-resolution device, so pages break the same on every printer."""

    def __init__(self):
        self.device = QImage(8, 8, QImage.Format.Format_Mono)
        dots_per_meter = round(LAYOUT_DPI / 0.0254)
        self.device.setDotsPerMeterX(dots_per_meter)
        self.device.setDotsPerMeterY(dots_per_meter)
        self._fonts: dict = {}
        self._options: dict = {}

    def text(self, html: str, style: ParagraphStyle, width: float, align: str = "left",
             plain: str | None = None) -> QTextDocument | _PlainText:
        """`html` laid out in the style at the width; `plain`, when given, is the same text without
        markup (laid out the same, without HTML or a QTextDocument: most of the report)."""
        if style not in self._fonts:
            self._fonts[style] = _font(style)
        if align not in self._options:
            option = QTextOption()
            option.setAlignment({"right": Qt.AlignmentFlag.AlignRight, "center": Qt.AlignmentFlag.AlignHCenter}.get(
                align, Qt.AlignmentFlag.AlignLeft))
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            self._options[align] = option
        if plain is not None and style.color == BLACK:
            return _PlainText(plain, self._fonts[style], self._options[align], width, self.device, _pt(style.indent))
        document = QTextDocument()
        document.documentLayout().setPaintDevice(self.device)
        document.setDocumentMargin(0)
        document.setDefaultFont(self._fonts[style])
        document.setDefaultTextOption(self._options[align])
        document.setTextWidth(width)  # before the text: the text is laid out once, at its width
        color = f"color:#{style.color};" if style.color != BLACK else ""
        document.setHtml(f"<p style='margin:0;{color}'>{html}</p>")
        if style.indent:  # a hanging bullet: wrapped lines start under the text, not under the bullet
            hanging = QTextBlockFormat()
            hanging.setLeftMargin(_pt(style.indent))
            hanging.setTextIndent(-_pt(style.indent))
            cursor = QTextCursor(document)
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.mergeBlockFormat(hanging)
        return document


def _spans_down(next_row, index: int) -> bool:
    """Whether the cell at `index` continues into `next_row` (a cell spanning rows)."""
    return next_row is not None and len(next_row.cells) > index and next_row.cells[index].continued


class _PlainText:
    """A paragraph of plain text in one font, laid out line by line as a QTextDocument lays out its
    blocks (each line of the text a block, one under the other; with a hanging indent, a block's
    wrapped lines start `indent` in), without a QTextDocument: most of the report, and a document
    costs as much again to make as its text to lay out. It answers what this module asks of a
    QTextDocument."""

    def __init__(self, text: str, font: QFont, option: QTextOption, width: float, device, indent: float = 0.0):
        self.text, self.width, self.indent, self.layouts = text, width, indent, []
        y = 0.0
        for block in text.split("\n"):
            layout = QTextLayout(block, font, device)
            layout.setTextOption(option)
            layout.beginLayout()
            height, x = 0.0, 0.0
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width - x)
                line.setPosition(QPointF(x, height))
                height += line.height()
                x = indent
            layout.endLayout()
            layout.setPosition(QPointF(0, y))
            self.layouts.append(layout)
            y += height
        self.height = y

    def size(self) -> QSizeF:
        return QSizeF(self.width, self.height)

    def toPlainText(self) -> str:  # noqa: N802 - as QTextDocument's
        return self.text

    def drawContents(self, painter: QPainter) -> None:  # noqa: N802 - as QTextDocument's
        painter.setPen(QColor("black"))
        for layout in self.layouts:
            layout.draw(painter, QPointF())


def _layouts(document) -> list[QTextLayout]:
    """The layout of each block of a QTextDocument or a _PlainText, top to bottom."""
    if isinstance(document, _PlainText):
        return document.layouts
    layouts = []
    block = document.begin()
    while block.isValid():
        layouts.append(block.layout())
        block = block.next()
    return layouts


def _line_bottoms(document) -> list[float]:
    """The y of each line's bottom edge, where a paragraph may be cut between pages."""
    bottoms = []
    for layout in _layouts(document):
        top = layout.position().y()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            bottoms.append(top + line.y() + line.height())
    return bottoms


# --- what goes on a page ---------------------------------------------------------------------------


@dataclass
class _Text:
    document: QTextDocument | _PlainText
    x: float
    y: float
    clip_top: float = 0.0  # the part of the document shown: [clip_top, clip_bottom)
    clip_bottom: float | None = None


@dataclass
class _Box:
    rect: QRectF
    fill: str = ""
    lines: tuple[str, ...] = ()  # which sides get a grid line: "top", "bottom", "left", "right"


@dataclass
class Page:
    landscape: bool
    items: list = field(default_factory=list)

    def text(self) -> str:
        """The page's text, top to bottom (tests and the preview's search read it)."""
        parts = sorted((i for i in self.items if isinstance(i, _Text)), key=lambda t: (round(t.y), t.x))
        return "\n".join(p.document.toPlainText() for p in parts)


class PrintedReport:
    """The report laid out on pages; paint it on a PDF writer or a printer."""

    def __init__(self, template: Template, report: Report, attachment_names=()):
        self.title = render(template, report, template.file_name)
        self.blocks = printed(build(template, report, list(attachment_names)))
        self._layouter = _Layouter()
        self._documents: dict = {}
        self._headers: dict = {}
        self._cells_cache: dict = {}
        self._heights_cache: dict = {}
        self.pages: list[Page] = []
        self._paginate()

    def toPlainText(self) -> str:  # noqa: N802 - as QTextDocument's, which this replaced
        return "\n".join(page.text() for page in self.pages)

    # -- pagination --

    def _frame(self, landscape: bool) -> tuple[float, float, float, float]:
        """(left, top, width, bottom) of the text area of a page."""
        w, h = (A4_MM[1], A4_MM[0]) if landscape else A4_MM
        return _mm(MARGIN_MM), _mm(MARGIN_MM), _mm(w - 2 * MARGIN_MM), _mm(h - MARGIN_MM)

    def _new_page(self, landscape: bool | None = None) -> None:
        landscape = self.page.landscape if landscape is None else landscape
        self.page = Page(landscape)
        self.pages.append(self.page)
        self.left, self.y, self.width, self.bottom = self._frame(landscape)
        self.top = self.y
        self.after = 0.0  # the space below the last block (collapses with the next one's space above)
        self.section_start = False  # a page a section starts (Word keeps the space above there)

    @property
    def at_top(self) -> bool:
        return self.y <= self.top + 0.5

    def _space(self, before: float) -> float:
        """The space above a block: none at the top of a page the text flowed onto, as in Word; its
        own where a section starts the page (the document's first, a change of orientation)."""
        if self.at_top:
            return before if self.section_start else 0.0
        return max(before, self.after)

    def _paginate(self) -> None:
        self.pages = []
        self._new_page(False)
        self.section_start = True
        blocks = self.blocks
        whole = True  # False while a chain too long for a page is followed by its firm keeps only
        for index, block in enumerate(blocks):
            if isinstance(block, PageOrientation):
                if block.landscape != self.page.landscape:
                    if self.page.items:
                        self._new_page(block.landscape)
                    else:
                        self._new_page(block.landscape)
                        self.pages.pop(-2)
                    self.section_start = True
                continue
            needed, used_whole = self._needed(blocks, index, whole)
            if not self.at_top and self.y + needed > self.bottom:
                self._new_page()
            # A block placed for its firm keep only: what it keeps with follows by the same rule,
            # though on its own that would fit a page whole (and so leave this block behind).
            whole = used_whole or not (getattr(block, "keep_with_next", False) and not self._soft(block))
            if isinstance(block, Paragraph):
                self._place_paragraph(block)
            elif isinstance(block, Table):
                self._place_table(block)
            elif isinstance(block, KeepTogether):
                for paragraph in block.blocks:
                    self._place_paragraph(paragraph)
            self.section_start = False

    @staticmethod
    def _soft(block) -> bool:
        """Kept with the next block only when the whole chain fits on a page."""
        return isinstance(block, Table) or getattr(block, "style", "") in SOFT_KEEPS

    def _needed(self, blocks: list[Block], index: int, whole: bool = True) -> tuple[float, bool]:
        """What must fit below the cursor before a block starts here. All the keep rules when they
        fit on a page: the chain of blocks kept with the next, tables kept on one page whole, the
        last table with the signature. Else only the firm ones: a heading, question or introduction
        with the first lines of what follows (a table's header and first row); else the block's own start.
        Returns the height and whether all the keep rules were applied."""
        page = self.bottom - self.top
        for attempt in (True, False) if whole else (False,):
            needed = self._start_height(blocks, index, attempt)
            if needed <= page:
                return needed, attempt
        return self._start_height(blocks, index, False, chain=False), False

    def _start_height(self, blocks: list[Block], index: int, whole: bool = True, chain: bool = True) -> float:
        """The block's first lines — all of it when kept with the next block, plus the next block's
        start. Only when `whole`: tables kept on one page whole, and the softer keeps of a table's
        last row and of notes and list items (the chain to the signature)."""
        block = blocks[index]
        following = index + 1 < len(blocks) and chain and getattr(block, "keep_with_next", False)
        if not whole and self._soft(block):
            following = False
        if isinstance(block, Paragraph):
            document = self._document(block)
            style = STYLES[block.style]
            space = _pt(style.before)
            if following:
                return (space + document.size().height() + _pt(style.after)
                        + self._start_height(blocks, index + 1, whole))
            bottoms = _line_bottoms(document)
            if len(bottoms) < 2 * MIN_LINES:  # too short to split with MIN_LINES on either page: whole
                return space + document.size().height()
            return space + bottoms[MIN_LINES - 1]
        if isinstance(block, Table):
            header = sum(self._heights(block, block.header))
            heights = self._heights(block, block.rows)
            if following:
                after = self._start_height(blocks, index + 1, whole) if following else 0.0
                return _pt(6) + header + sum(heights) + after
            first = 0.0
            for i, row in enumerate(block.rows):  # the first row and the sum rows bound to it
                if i > 0 and not row.keep_with_previous:
                    break
                first += heights[i]
            return _pt(6) + header + first
        if isinstance(block, KeepTogether):
            return sum(_pt(STYLES[p.style].before) + self._document(p).size().height() + _pt(STYLES[p.style].after)
                       for p in block.blocks)
        return 0.0

    def _document(self, paragraph: Paragraph) -> QTextDocument:
        """The paragraph laid out at the text width (once per paragraph and width)."""
        key = (paragraph, self.width)
        document = self._documents.get(key)
        if document is None:
            plain = paragraph.text if paragraph.style not in ("bullet", "line") and paragraph.text and not any(
                r.bold or r.italic or r.color for r in paragraph.runs) else None
            document = self._layouter.text(paragraph_html(paragraph), STYLES[paragraph.style], self.width,
                                           plain=plain)
            self._documents[key] = document
        return document

    def _place_paragraph(self, paragraph: Paragraph) -> None:
        style = STYLES[paragraph.style]
        document = self._document(paragraph)
        self.y += self._space(_pt(style.before))
        height = document.size().height()
        shown = 0.0
        bottoms = _line_bottoms(document)
        while height - shown > self.bottom - self.y + 0.5:
            # The lines that fit; at least MIN_LINES here and MIN_LINES on the next page.
            fitting = [b for b in bottoms if b - shown <= self.bottom - self.y and b > shown]
            before = [b for b in bottoms if b <= shown]
            rest = len(bottoms) - len(before) - len(fitting)
            if len(fitting) < MIN_LINES or rest < MIN_LINES:
                fitting = fitting[:max(0, len(fitting) - max(0, MIN_LINES - rest))]
            if len(fitting) < MIN_LINES and not self.at_top:
                self._new_page()
                continue
            if not fitting:  # a single line taller than the page: show what there is
                fitting = [b for b in bottoms if b > shown][:1]
            cut = fitting[-1]
            self.page.items.append(_Text(document, self.left, self.y - shown, shown, cut))
            shown = cut
            self._new_page()
        self.page.items.append(_Text(document, self.left, self.y - shown, shown, None))
        self.y += height - shown
        self.after = _pt(style.after)

    # -- tables --

    def _column_edges(self, table: Table) -> list[float]:
        edges = [self.left]
        for fraction in table.widths:
            edges.append(edges[-1] + fraction * self.width)
        return edges

    def _cells(self, table: Table, row, show_continued: bool):
        """(x, width, document or None, cell) per cell of a row (laid out once per row and page width)."""
        key = (table.widths, self.left, self.width, row, show_continued)
        if key not in self._cells_cache:
            self._cells_cache[key] = self._lay_out_cells(table, row, show_continued)
        return self._cells_cache[key]

    def _lay_out_cells(self, table: Table, row, show_continued: bool):
        edges = self._column_edges(table)
        column, out = 0, []
        pad_x, _ = CELL_PADDING_PT
        for cell in row.cells:
            x, right = edges[column], edges[min(column + cell.colspan, len(edges) - 1)]
            column += cell.colspan
            document = None
            if cell.text and (not cell.continued or show_continued):
                style = ParagraphStyle(TABLE_TEXT.size, bold=cell.bold or cell.header, italic=cell.italic)
                document = self._layouter.text(cell_html(cell), style, right - x - 2 * _pt(pad_x), cell.align,
                                               plain=cell.text)
            out.append((x, right - x, document, cell))
        return out

    def _row_height(self, table: Table, row, first_on_page: bool, next_row=None) -> float:
        """The height of a row's own cells: a cell spanning down into `next_row` is held by the rows
        it spans (`_heights`), as Word lays out a vertically merged cell."""
        _, pad_y = CELL_PADDING_PT
        heights = [d.size().height() for index, (_, _, d, _) in enumerate(self._cells(table, row, first_on_page))
                   if d is not None and not _spans_down(next_row, index)]
        return max(heights, default=_pt(TABLE_TEXT.size)) + 2 * _pt(pad_y) + _pt(GRID_LINE_PT)

    def _span_needs(self, table: Table, row, first_on_page: bool, next_row) -> dict[int, float]:
        """Column → the height a cell starting a span in this row needs (its text and padding)."""
        _, pad_y = CELL_PADDING_PT
        return {index: d.size().height() + 2 * _pt(pad_y) + _pt(GRID_LINE_PT)
                for index, (_, _, d, _) in enumerate(self._cells(table, row, first_on_page))
                if d is not None and _spans_down(next_row, index)}

    def _heights(self, table: Table, rows) -> list[float]:
        """The heights of `rows` laid out one under the other on one page (the first at the top): each
        row as high as its own cells; where a spanning cell needs more than its rows, its last row grows."""
        key = (table, rows, self.width)
        if key in self._heights_cache:
            return self._heights_cache[key]
        following = [*rows[1:], None]
        heights = [self._row_height(table, row, i == 0, following[i]) for i, row in enumerate(rows)]
        for i, row in enumerate(rows):
            for column, need in self._span_needs(table, row, i == 0, following[i]).items():
                last = i + 1
                while _spans_down(following[last], column):
                    last += 1
                heights[last] += max(0.0, need - sum(heights[i:last + 1]))
        self._heights_cache[key] = heights
        return heights

    def _place_table(self, table: Table) -> None:
        self.y += self._space(_pt(6))
        self._place_header(table)
        rows = table.rows
        flow = self._heights(table, rows)
        spans: dict[int, tuple[float, float, _Text | None]] = {}  # column → (top, height needed, its text)
        placed: list[_Box] = []  # the boxes of the row placed last
        for index, row in enumerate(rows):
            following = rows[index + 1] if index + 1 < len(rows) else None
            height, starting = self._row_here(table, index, spans)
            # The row with the sum rows that must not start a page without it, and a cell spanning
            # rows from here with room for its text.
            group = 1
            while index + group < len(rows) and rows[index + group].keep_with_previous:
                group += 1
            needed = max([height + sum(flow[index + 1:index + group]), *starting.values()])
            if not row.keep_with_previous and self.y + needed > self.bottom and not self._only_header_here:
                self._close_spans(spans, placed)
                edges = self._column_edges(table)  # close the cells left open for a spanning cell
                self.page.items.append(_Box(QRectF(edges[0], self.y, edges[-1] - edges[0], 0), "", ("top",)))
                self._new_page()
                self._place_header(table)
                spans = {}
                height, starting = self._row_here(table, index, spans)
            top = self.y
            placed, texts = self._place_row(table, row, self._only_header_here, following, height)
            for column in [c for c in spans if not _spans_down(following, c)]:
                del spans[column]
            spans.update({column: (top, need, texts.get(column)) for column, need in starting.items()})
        self.after = _pt(6)

    def _row_here(self, table: Table, index: int, spans) -> tuple[float, dict[int, float]]:
        """A row's height where it is placed now, and the spans its cells start here (column → need):
        its own cells, grown where a span open above it (or starting in it) ends in it."""
        rows = table.rows
        row, first = rows[index], self._only_header_here
        following = rows[index + 1] if index + 1 < len(rows) else None
        height = self._row_height(table, row, first, following)
        starting = self._span_needs(table, row, first, following)
        ending = {c: (top, need) for c, (top, need, _) in spans.items() if not _spans_down(following, c)}
        for column, need in starting.items():
            if not _spans_down(following, column):
                ending[column] = (self.y, need)
        for top, need in ending.values():
            height = max(height, top + need - self.y)
        return height, starting

    def _close_spans(self, spans, placed: list[_Box]) -> None:
        """Before a page break inside spanning cells: the row placed last grows to hold their text
        (room for it was asked for where they started), what does not fit is cut at the page."""
        if not spans or not placed:
            return
        _, pad_y = CELL_PADDING_PT
        grow = max(0.0, *(top + need - self.y for top, need, _ in spans.values()))
        grow = min(grow, max(0.0, self.bottom - self.y))
        for box in placed:
            box.rect.setHeight(box.rect.height() + grow)
        self.y += grow
        for _, _, text in spans.values():
            if text is not None and text.y + text.document.size().height() > self.y - _pt(pad_y) + 0.5:
                text.clip_bottom = self.y - _pt(pad_y) - text.y

    def _place_header(self, table: Table) -> None:
        heights = self._heights(table, table.header)
        for index, row in enumerate(table.header):  # a header cell spanning both rows shows once
            following = table.header[index + 1] if index + 1 < len(table.header) else None
            self._place_row(table, row, first_on_page=index == 0, next_row=following, height=heights[index])
        self._header_bottom = self.y

    @property
    def _only_header_here(self) -> bool:
        return abs(self.y - self._header_bottom) < 0.5

    def _place_row(self, table: Table, row, first_on_page: bool, next_row, height: float):
        """The row's boxes and texts at the cursor, `height` high; returns the boxes and the texts
        by column."""
        pad_x, pad_y = CELL_PADDING_PT
        boxes, texts = [], {}
        for index, (x, width, document, cell) in enumerate(self._cells(table, row, first_on_page)):
            open_below = _spans_down(next_row, index)
            lines = tuple(side for side, shown in (("top", not (cell.continued and not first_on_page)),
                                                   ("bottom", not open_below), ("left", True), ("right", True))
                          if shown)
            fill = f"#{cell.fill}" if cell.fill else ""
            boxes.append(_Box(QRectF(x, self.y, width, height), fill, lines))
            self.page.items.append(boxes[-1])
            if document is not None:
                top = self.y + _pt(pad_y)
                if cell.align in ("right", "center") and not cell.header:  # amounts: centred vertically
                    top = self.y + (height - document.size().height()) / 2
                texts[index] = _Text(document, x + _pt(pad_x), top)
                self.page.items.append(texts[index])
        self.y += height
        return boxes, texts

    # -- painting --

    def paint(self, device) -> None:
        """Paint every page on a QPdfWriter or QPrinter (laid out at paper size, margins 0).

        The PDF writer turns each landscape page; a printer cannot change its page layout once
        printing has begun (Qt refuses: "Cannot be changed while printer is active"), so there a
        landscape page is drawn turned a quarter on the A4 sheet, as a printer prints it anyway."""
        turns_pages = isinstance(device, QPdfWriter)
        painter = None
        for number, page in enumerate(self.pages, start=1):
            if number == 1:
                device.setPageLayout(_page_layout(page.landscape and turns_pages))
                painter = QPainter(device)
            else:
                if turns_pages:
                    device.setPageLayout(_page_layout(page.landscape))
                device.newPage()
            painter.save()
            painter.scale(device.logicalDpiX() / LAYOUT_DPI, device.logicalDpiY() / LAYOUT_DPI)
            if page.landscape and not turns_pages:  # (x, y) of the landscape page → (y, 297 mm − x)
                painter.translate(0, _mm(A4_MM[1]))
                painter.rotate(-90)
            self._paint_page(painter, page, number)
            painter.restore()
        if painter is not None:
            painter.end()

    def _paint_page(self, painter: QPainter, page: Page, number: int) -> None:
        w, h = (A4_MM[1], A4_MM[0]) if page.landscape else A4_MM
        for item in page.items:
            if isinstance(item, _Box):
                if item.fill:
                    painter.fillRect(item.rect, QColor(item.fill))
        pen = QPen(GRID_COLOR)
        pen.setWidthF(_pt(GRID_LINE_PT))
        painter.setPen(pen)
        for item in page.items:
            if isinstance(item, _Box):
                r = item.rect
                sides = {"top": (r.topLeft(), r.topRight()), "bottom": (r.bottomLeft(), r.bottomRight()),
                         "left": (r.topLeft(), r.bottomLeft()), "right": (r.topRight(), r.bottomRight())}
                for side in item.lines:
                    painter.drawLine(*sides[side])
        for item in page.items:
            if isinstance(item, _Text):
                painter.save()
                painter.translate(QPointF(item.x, item.y))
                if item.clip_top or item.clip_bottom is not None:
                    _draw_lines(painter, item.document, item.clip_top, item.clip_bottom)
                else:
                    item.document.drawContents(painter)
                painter.restore()
        small = STYLES["header"]
        if page.landscape not in self._headers:  # the same on every page of a width
            self._headers[page.landscape] = self._layouter.text(escape(self.title), small, _mm(w - 2 * MARGIN_MM),
                                                                "right")
        header = self._headers[page.landscape]
        page_text = f"Sida {number} av {len(self.pages)}"
        footer = self._layouter.text(page_text, small, _mm(w - 2 * MARGIN_MM), "right", plain=page_text)
        for document, y in ((header, _mm(HEADER_DISTANCE_MM)),
                            (footer, _mm(h - HEADER_DISTANCE_MM) - footer.size().height())):
            painter.save()
            painter.translate(QPointF(_mm(MARGIN_MM), y))
            document.drawContents(painter)
            painter.restore()


def _draw_lines(painter: QPainter, document: QTextDocument | _PlainText, top: float, bottom: float | None) -> None:
    """The lines of a paragraph cut between pages that belong on this page, and only those: a clip
    would hide the others but leave them in the PDF's text, read twice by a screen reader or a search."""
    painter.setPen(QColor("black"))  # as drawContents: the text's own colour where it has one
    for layout in _layouts(document):
        origin = layout.position()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            line_top = origin.y() + line.y()
            if line_top >= top - 0.5 and (bottom is None or line_top + line.height() <= bottom + 0.5):
                line.draw(painter, origin)


def _page_layout(landscape: bool) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0),
                       QPageLayout.Unit.Millimeter)


def report_document(template: Template, report: Report, attachment_names: list[str] = ()) -> PrintedReport:
    return PrintedReport(template, report, attachment_names)


def write_pdf(document: PrintedReport, target: Path, title: str) -> None:
    """Write the laid-out report as an A4 PDF."""
    writer = QPdfWriter(str(target))
    writer.setTitle(title)
    writer.setCreator("Avtalsuppföljning")
    writer.setResolution(LAYOUT_DPI)
    writer.setPageLayout(_page_layout(False))
    document.paint(writer)
    del writer  # the PDF is complete once the writer is gone


def print_with_preview(document: PrintedReport, parent: QWidget | None) -> None:
    """Qt's print preview at the page's full width; the user picks the printer and prints from there."""
    preview = preview_dialog(document, parent)
    preview.exec()


def preview_dialog(document: PrintedReport, parent: QWidget | None) -> QPrintPreviewDialog:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # our own margins, as in the PDF, measured from the paper's edge
    printer.setPageLayout(_page_layout(False))
    printer.setDocName(document.title)
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle("Skriv ut")
    preview.report, preview.target = document, printer  # the dialog owns neither; keep them alive with it
    preview.paintRequested.connect(document.paint)
    widget = preview.findChild(QPrintPreviewWidget)
    if widget is not None:
        widget.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)
    return preview


def pdf_bytes(template: Template, report: Report, attachment_names: list[str] = ()) -> bytes:
    """The report as the app's PDF (exports.bundle's PdfMaker): what Exportera, Skicka and the
    command line's export write. Needs a QGuiApplication (the command line makes an offscreen one)."""
    import tempfile

    from exports.content import report_title

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rapport.pdf"
        write_pdf(report_document(template, report, list(attachment_names)), path, report_title(template, report))
        return path.read_bytes()
