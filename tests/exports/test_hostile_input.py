"""Hostile and odd answers: the Word and Excel exports are written without error, open again, keep
every visible character, never turn typed text into a formula, and give a safe file name.

Each test exports to bytes (exports.bundle) and reads the file back with python-docx / openpyxl.
"""

from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from exports.bundle import docx_bytes, file_name, xlsx_bytes
from exports.excel import ECONOMY_SHEET, QA_SHEET
from exports.word import QUESTION_STYLE
from forms.report import Report

EXCEL_CELL_LIMIT = 32_767  # characters in one cell, counted as Excel's LEN counts (UTF-16 units)
WINDOWS_FORBIDDEN = '/\\:*?"<>|'
COMMENTS, COMMENTS_LABEL = "ovriga_kommentarer", "Övriga kommentarer"

CONTROLS = "".join(f"<{c:02x}>{chr(c)}" for c in range(0x20)) + "<7f>\x7f<slut>"
"""Every ASCII control character and DEL, each after a visible marker."""
CONTROLS_VISIBLE = ("<00><01><02><03><04><05><06><07><08><09>\t<0a>\n<0b><0c><0d>\n"
                    "<0e><0f><10><11><12><13><14><15><16><17><18><19><1a><1b><1c><1d><1e><1f><7f><slut>")
"""What stays: tab, and line feed and carriage return as line breaks; the markers all remain."""

EMOJI = "Familjen 👩‍👩‍👧 och 👨‍👩‍👦‍👦 kom 😀 🇸🇪 👍🏽 🧑🏿‍🦱 ☒ 1 553,5 − 2"
ARABIC = "مرحبا بكم في مركز الأسرة ٢٠٢٢"
HEBREW = "שלום, ברוכים הבאים למרכז המשפחה"
MIXED_DIRECTION = f"Öppna förskolan: {ARABIC} / {HEBREW} (3 grupper)."
FORMULA_LIKE = ["=1+1", "+1", "-2", "@x", '=HYPERLINK("x")', '=HYPERLINK("http://example.com","klicka")', "=cmd|' /C calc'!A0"]


def word(template, report, attachments=()):
    return Document(BytesIO(docx_bytes(template, report, list(attachments))))


def workbook(template, report):
    return load_workbook(BytesIO(xlsx_bytes(template, report)))


def word_answer(doc, label: str) -> str:
    """The answer paragraphs after a question, joined by line breaks."""
    paragraphs = doc.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == label and p.style.name == QUESTION_STYLE)
    lines = []
    for p in paragraphs[index + 1:]:
        if p.style.name == QUESTION_STYLE or p.style.name.startswith("Heading"):
            break
        lines.append(p.text)
    return "\n".join(lines)


def excel_cells(book, label: str):
    """The answer cells of a question on the questions sheet: its row and the rows it continues on."""
    from tests.exports.test_excel import answer_cells

    return answer_cells(book[QA_SHEET], label)


def excel_rows_cells(book, delmal: str) -> list:
    """The cells of the first activity row of a delmål in the questions sheet's activity table."""
    sheet = book[QA_SHEET]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == delmal)
    return [sheet.cell(row, c) for c in range(2, 5)]


def excel_answer(book, label: str) -> str:
    return "\n".join(cell.value or "" for cell in excel_cells(book, label))


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def action_plan(library, cells: dict[str, str]) -> tuple:
    """An FCA action plan with one row of delmål 7.1.1 filled with `cells`."""
    template = library.get("fca-handlingsplan", "2024")
    report = Report(template_id=template.id, revision=template.revision, area="Lundby", year=2024)
    report.set_rows("delmal_7_1_1", [cells])
    return template, report


def word_rows_table(doc):
    """The activity table: Delmål | Planerade insatser … | Ansvar | Förväntad effekt/resultat."""
    return next(t for t in doc.tables if t.rows[0].cells[1].text.startswith("Planerade insatser"))


# --- control characters and lone surrogates --------------------------------------------------------


def test_every_control_character_in_an_answer(fca2022, lundby):
    """0x00–0x1F and DEL: the invisible ones go, tab and line breaks stay, every marker stays."""
    lundby.set_answer(COMMENTS, CONTROLS)
    assert word_answer(word(fca2022, lundby), COMMENTS_LABEL) == CONTROLS_VISIBLE
    book = workbook(fca2022, lundby)
    assert excel_answer(book, COMMENTS_LABEL) == CONTROLS_VISIBLE
    assert all(cell.data_type == "s" for cell in excel_cells(book, COMMENTS_LABEL))


def test_every_control_character_in_area_name_and_signature(fca2022, lundby):
    """Title, header, signature, document properties and the file name lose only the controls."""
    lundby.area = "Lund\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7fby"
    lundby.compiled_by = "Anna\x00\x1b\x7f Åberg"
    doc = word(fca2022, lundby, ["bil\x07aga\x1f.pdf"])
    texts = [p.text for p in doc.paragraphs]
    assert texts[0].endswith("stadsdel Lundby 2022")
    assert "Anna Åberg" in texts and "bilaga.pdf" in texts
    assert doc.core_properties.author == "Anna Åberg"
    assert doc.sections[0].header.paragraphs[0].text == "Uppföljning FCA Lundby 2022"
    book = workbook(fca2022, lundby)
    assert book[ECONOMY_SHEET]["A1"].value.endswith("stadsdel Lundby 2022")
    assert book.properties.creator == "Anna Åberg"
    assert file_name(fca2022, lundby, "docx") == "Uppföljning FCA Lundby 2022.docx"


def test_tab_and_line_breaks_in_area_name_give_one_line_file_name(fca2022, lundby):
    lundby.area = "Lundby\r\nnorra\tdelen\n"
    name = file_name(fca2022, lundby, "xlsx")
    assert name == "Uppföljning FCA Lundby norra delen 2022.xlsx"


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "\udfff\ud800", "\udbff"])
def test_lone_surrogates_are_dropped(fca2022, lundby, surrogate):
    """A lone or reversed surrogate cannot be stored in XML: it goes, the text around it stays."""
    lundby.set_answer(COMMENTS, f"före{surrogate}efter 😀")
    lundby.area = f"Lund{surrogate}by"
    lundby.compiled_by = f"Anna{surrogate}"
    doc = word(fca2022, lundby)
    assert word_answer(doc, COMMENTS_LABEL) == "föreefter 😀"
    assert doc.paragraphs[0].text.endswith("Lundby 2022") and "Anna" in [p.text for p in doc.paragraphs]
    book = workbook(fca2022, lundby)
    assert excel_answer(book, COMMENTS_LABEL) == "föreefter 😀"
    assert file_name(fca2022, lundby, "docx") == "Uppföljning FCA Lundby 2022.docx"


def test_control_characters_and_surrogates_in_rows_cells(library):
    """A rows field's cells are cleaned the same way, in the Word table and the Excel list."""
    template, report = action_plan(library, {"insats": "Grupp\x00\x0b\ud800 för\x07 föräldrar",
                                             "ansvar": "BVC\x1f\x7f", "effekt": "rad ett\r\nrad två\rrad tre"})
    table = word_rows_table(word(template, report))
    printed = template.printed_label(template.field("delmal_7_1_1"))
    assert [c.text for c in table.rows[1].cells] == [printed, "Grupp för föräldrar", "BVC",
                                                     "rad ett\nrad två\nrad tre"]
    assert [c.value for c in excel_rows_cells(workbook(template, report), printed)] == [
        "Grupp för föräldrar", "BVC", "rad ett\nrad två\nrad tre"]


# --- a very long answer ----------------------------------------------------------------------------

SENTENCE = "Åsa och Öjvind träffade 12 familjer på familjecentralen i Lundby under våren. "
MEGABYTE_LINES = "\n".join((SENTENCE * 4).strip() for _ in range(1_000_000 // (len(SENTENCE) * 4) + 1))
MEGABYTE_ONE_LINE = (SENTENCE * (1_000_000 // len(SENTENCE) + 1)).strip()
FAMILIES_ONE_LINE = "👩‍👩‍👧 " * 5_000  # ≈30 000 code points, ≈45 000 UTF-16 units: over Excel's limit


def test_a_megabyte_answer_in_paragraphs_is_whole_in_word_and_excel(fca2022, lundby):
    """1 MB typed in paragraphs: Word holds it all; Excel splits it over rows at line ends, each
    cell within Excel's limit, the rows together the whole answer."""
    assert len(MEGABYTE_LINES) > 1_000_000
    lundby.set_answer(COMMENTS, MEGABYTE_LINES)
    assert word_answer(word(fca2022, lundby), COMMENTS_LABEL) == MEGABYTE_LINES
    book = workbook(fca2022, lundby)
    cells = excel_cells(book, COMMENTS_LABEL)
    assert len(cells) > 1
    assert max(utf16_length(c.value) for c in cells) <= EXCEL_CELL_LIMIT
    assert excel_answer(book, COMMENTS_LABEL) == MEGABYTE_LINES


@pytest.mark.parametrize("answer", [MEGABYTE_ONE_LINE, FAMILIES_ONE_LINE], ids=["megabyte", "families"])
def test_a_long_answer_in_one_paragraph_is_whole_in_word(fca2022, lundby, answer):
    """Without a single line break, Word still holds every character."""
    lundby.set_answer(COMMENTS, answer)
    assert word_answer(word(fca2022, lundby), COMMENTS_LABEL) == answer.strip()


def test_a_long_answer_in_one_paragraph_gives_a_workbook_that_opens(fca2022, lundby):
    """The workbook is written and reads back, the answer's start is there as text."""
    lundby.set_answer(COMMENTS, MEGABYTE_ONE_LINE)
    book = workbook(fca2022, lundby)
    cells = excel_cells(book, COMMENTS_LABEL)
    assert cells and cells[0].value.startswith(SENTENCE.strip()) and cells[0].data_type == "s"


@pytest.mark.parametrize("answer", [MEGABYTE_ONE_LINE, FAMILIES_ONE_LINE], ids=["megabyte", "families"])
def test_a_long_answer_in_one_paragraph_is_whole_in_excel_within_its_cell_limit(fca2022, lundby, answer):
    """A paragraph longer than a cell can hold continues on "(forts.)" rows, every character kept."""
    lundby.set_answer(COMMENTS, answer)
    book = workbook(fca2022, lundby)
    assert max(utf16_length(c.value) for c in excel_cells(book, COMMENTS_LABEL)) <= EXCEL_CELL_LIMIT
    assert excel_answer(book, COMMENTS_LABEL).replace("\n", "") == answer.strip()


# --- emoji and right-to-left scripts ---------------------------------------------------------------


@pytest.mark.parametrize("text", [EMOJI, ARABIC, HEBREW, MIXED_DIRECTION], ids=["emoji", "arabic", "hebrew", "mixed"])
def test_emoji_and_right_to_left_text_stay_exactly(fca2022, lundby, text):
    """ZWJ sequences, flags, skin tones, Arabic and Hebrew: character for character, in both files."""
    lundby.set_answer(COMMENTS, text)
    lundby.set_answer("utbud", f"{text}\n{text}")
    doc = word(fca2022, lundby)
    assert word_answer(doc, COMMENTS_LABEL) == text
    assert word_answer(doc, fca2022.field("utbud").label) == f"{text}\n{text}"
    book = workbook(fca2022, lundby)
    assert excel_answer(book, COMMENTS_LABEL) == text
    assert excel_answer(book, fca2022.field("utbud").label) == f"{text}\n{text}"


@pytest.mark.parametrize("area", ["ليندبي", "לינדבי", "Lundby 👩‍👩‍👧"], ids=["arabic", "hebrew", "emoji"])
def test_area_name_in_other_scripts(fca2022, lundby, area):
    """The title and the file name keep an area name in any script."""
    lundby.area = area
    assert word(fca2022, lundby).paragraphs[0].text.endswith(f"stadsdel {area} 2022")
    assert workbook(fca2022, lundby)[ECONOMY_SHEET]["A1"].value.endswith(f"stadsdel {area} 2022")
    assert file_name(fca2022, lundby, "docx") == f"Uppföljning FCA {area} 2022.docx"


def test_emoji_and_right_to_left_text_in_rows_cells(library):
    template, report = action_plan(library, {"insats": EMOJI, "ansvar": HEBREW, "effekt": ARABIC})
    assert [c.text for c in word_rows_table(word(template, report)).rows[1].cells[1:]] == [EMOJI, HEBREW, ARABIC]
    delmal = template.printed_label(template.field("delmal_7_1_1"))
    assert [c.value for c in excel_rows_cells(workbook(template, report), delmal)] == [EMOJI, HEBREW, ARABIC]


# --- Windows path characters in the area name ------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_area_with_every_windows_path_character_gives_a_safe_file_name(fca2022, lundby, fmt):
    """`/ \\ : * ? " < > |` never reach the file name; the readable part of it stays."""
    lundby.area = 'Lundby / \\ : * ? " < > | norr'
    name = file_name(fca2022, lundby, fmt)
    stem, dot, extension = name.rpartition(".")
    assert dot and extension == fmt
    assert not set(name) & set(WINDOWS_FORBIDDEN)
    assert not any(ord(c) < 0x20 for c in name)
    assert stem == stem.strip(" .") and stem.startswith("Uppföljning FCA Lundby") and stem.endswith("norr 2022")


@pytest.mark.parametrize("area", ['/\\:*?"<>|', "..", " . ", "CON", "nul"])
def test_area_of_only_forbidden_or_reserved_characters(fca2022, lundby, area):
    """Still a usable name: the rest of the file name stays around it, and Windows accepts it."""
    lundby.area = area
    name = file_name(fca2022, lundby, "docx")
    assert name.startswith("Uppföljning FCA ") and name.endswith(" 2022.docx")
    assert not set(name) & set(WINDOWS_FORBIDDEN)


def test_area_with_windows_path_characters_is_shown_as_typed_inside_the_files(fca2022, lundby):
    """Inside the documents the name is text, not a path: shown exactly as typed (an `&` too,
    which Excel's page header would otherwise read as a code)."""
    area = 'Lundby / \\ : * ? " < > | & norr'
    lundby.area = area
    assert word(fca2022, lundby).paragraphs[0].text.endswith(f"stadsdel {area} 2022")
    book = workbook(fca2022, lundby)
    assert book[ECONOMY_SHEET]["A1"].value.endswith(f"stadsdel {area} 2022")
    assert book[ECONOMY_SHEET].oddHeader.right.text == f"Uppföljning FCA {area.replace('&', '&&')} 2022"


# --- formula-like answers --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", FORMULA_LIKE)
def test_formula_like_answers_stay_strings(fca2022, lundby, typed):
    """In a free-text answer, a percentage field and the area name: a text cell, exactly as typed."""
    lundby.set_answer(COMMENTS, typed)
    lundby.set_answer("andel_koordinator", typed)  # not a percentage: shown as typed
    lundby.area = typed
    book = workbook(fca2022, lundby)
    for label in (COMMENTS_LABEL, fca2022.field("andel_koordinator").label):
        (cell,) = excel_cells(book, label)
        assert (cell.value, cell.data_type) == (typed, "s")
    title = book[ECONOMY_SHEET]["A1"]
    assert title.data_type == "s" and typed in title.value
    assert all(not (isinstance(c.value, str) and c.value.startswith("=") and c.data_type == "f")
               for row in book[QA_SHEET].iter_rows() for c in row)
    doc = word(fca2022, lundby)
    assert word_answer(doc, COMMENTS_LABEL) == typed


@pytest.mark.parametrize("typed", FORMULA_LIKE)
def test_formula_like_answer_at_the_start_of_a_continued_row_stays_text(fca2022, lundby, typed):
    """A long answer split over rows: the piece that starts with `=…` is text too."""
    lundby.set_answer(COMMENTS, "\n".join([SENTENCE * 8] * 40 + [typed] * 60))  # a row break falls among them
    cells = excel_cells(workbook(fca2022, lundby), COMMENTS_LABEL)
    assert len(cells) > 1 and all(c.data_type == "s" for c in cells)
    assert any(c.value.startswith(typed) for c in cells[1:])


@pytest.mark.parametrize("typed", FORMULA_LIKE)
def test_formula_like_rows_cells_stay_strings(library, typed):
    template, report = action_plan(library, {"insats": typed, "ansvar": typed, "effekt": typed})
    assert [c.text for c in word_rows_table(word(template, report)).rows[1].cells[1:]] == [typed] * 3
    book = workbook(template, report)
    cells = excel_rows_cells(book, template.printed_label(template.field("delmal_7_1_1")))
    assert [(c.value, c.data_type) for c in cells] == [(typed, "s")] * 3
