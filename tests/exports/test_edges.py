"""Edges of the exports that mutation testing showed no test held (docs/testing.md): each test here
fails for a one-line bug that every other test let pass."""

import io

import openpyxl
import pytest
from docx import Document

from exports.bundle import docx_bytes, xlsx_bytes
from exports.clean import clean_text

INVISIBLE = "\x7f\x80\x85\x9f\ufffe\uffff"  # DEL, C1 controls, the two XML non-characters


@pytest.mark.parametrize("char", list(INVISIBLE), ids=lambda c: f"U+{ord(c):04X}")
def test_del_c1_controls_and_non_characters_are_removed(char):
    assert clean_text(f"före{char}efter") == "föreefter"


def test_an_answer_with_them_exports_to_word_and_excel_that_open(fca2022, lundby):
    """U+FFFE/U+FFFF make python-docx and openpyxl raise; C1 controls show as boxes in Word."""
    lundby.answers["nosam"] = f"NOSAM möts{INVISIBLE} fyra gånger om året."
    text = "\n".join(p.text for p in Document(io.BytesIO(docx_bytes(fca2022, lundby))).paragraphs)
    assert "NOSAM möts fyra gånger om året." in text
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(fca2022, lundby)))
    cells = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "NOSAM möts fyra gånger om året." in cells
