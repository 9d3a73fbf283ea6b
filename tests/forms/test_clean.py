"""Text at the export boundary and file names: nothing visible is lost, nothing illegal gets through."""

import pytest

from forms.clean import FALLBACK_FILE_STEM, MAX_FILE_STEM, clean_text, safe_file_name

WINDOWS_FORBIDDEN = '/\\:*?"<>|'


def test_control_characters_are_removed_but_tab_and_newline_stay():
    """The C0 controls XML refuses disappear; the text around them and \\t, \\n remain."""
    dirty = "a\x00b\x01\x02\x03\x04\x05\x06\x07\x08c\x0bd\x0ce\x1ff\tg\nh"
    assert clean_text(dirty) == "abcdef\tg\nh"


def test_line_ends_become_newlines():
    """Windows and old Mac line ends become one paragraph break each, not two."""
    assert clean_text("ett\r\ntvå\rtre") == "ett\ntvå\ntre"


def test_lone_surrogate_is_dropped_and_a_split_pair_is_joined():
    """A lone surrogate cannot be encoded and goes; a pair that arrived as two code points is an emoji."""
    assert clean_text("före\ud800efter") == "föreefter"
    assert clean_text("glad \ud83d\ude00") == "glad 😀"


def test_visible_text_of_every_script_stays():
    """Swedish, emoji, Arabic and typographic characters pass unchanged."""
    text = "Åsa & Öjvind — 😀👨‍👩‍👧 مرحبا بكم «citat» 1 553,5 − 2 ☒"
    assert clean_text(text) == text


@pytest.mark.parametrize(("name", "expected"), [
    ("Uppföljning FCA Lundby 2022", "Uppföljning FCA Lundby 2022"),
    ("Uppföljning FCA Västra Hisingen 2023", "Uppföljning FCA Västra Hisingen 2023"),
    ("Rapport 2022/2023: utfall?", "Rapport 2022-2023- utfall-"),
    ("  namn med mellanslag och punkter... ", "namn med mellanslag och punkter"),
    ("rad\nett\trad två", "rad ett rad två"),
    ("nul\x00l", "null"),
])
def test_safe_file_name_cases(name, expected):
    """Readable names stay as they are; what Windows refuses is replaced or trimmed."""
    assert safe_file_name(name) == expected


def test_safe_file_name_has_no_forbidden_characters():
    """Every character Windows forbids in a file name is gone, the rest of the name is kept."""
    result = safe_file_name('a/b\\c:d*e?f"g<h>i|j')
    assert not set(result) & set(WINDOWS_FORBIDDEN)
    assert [c for c in result if c.isalpha()] == list("abcdefghij")


@pytest.mark.parametrize("reserved", ["CON", "nul", "Aux", "COM1", "lpt9", "NUL.txt", "con "])
def test_reserved_device_names_are_avoided(reserved):
    """CON, NUL, COM1 … name devices on Windows, with or without an extension."""
    result = safe_file_name(reserved)
    assert result.split(".")[0].strip().upper() not in {"CON", "NUL", "AUX", "COM1", "LPT9"}
    assert reserved.strip() in result


def test_long_names_are_capped_without_trailing_dot_or_space():
    """A very long title gives a name Windows can still store in a normal folder."""
    result = safe_file_name("Uppföljning " + "lång text. " * 40)
    assert len(result) <= MAX_FILE_STEM
    assert not result.endswith((".", " "))


@pytest.mark.parametrize("empty", ["", "   ", "...", "\x00\x01"])
def test_empty_name_gets_a_fallback(empty):
    """A name with nothing usable left still gives a file name."""
    assert safe_file_name(empty) == FALLBACK_FILE_STEM


def test_direction_marks_do_not_reach_file_names():
    """U+202E would make Explorer show "…abc.docx" reversed."""
    from forms.clean import safe_file_name
    assert "\u202e" not in safe_file_name("Lundby \u202eabc")
