"""Swedish numbers: what users type is parsed exactly, garbage is refused, never guessed."""

from decimal import Decimal

import pytest

from forms.numbers import NumberError, decimal_to_text, format_amount, parse_amount, parse_percent


@pytest.mark.parametrize("text, expected", [
    ("1 553,5", "1553.5"),
    ("1553.5", "1553.5"),
    ("1553", "1553"),
    ("1 553", "1553"),
    ("1\u00a0553,5", "1553.5"),  # no-break space, as Word and Excel write it
    ("1\u202f553,5", "1553.5"),  # narrow no-break space (CLDR)
    ("448.5", "448.5"),
    ("448,5", "448.5"),
    ("  459 ", "459"),
    ("-5", "-5"),
    ("\u22125,0", "-5.0"),  # CLDR minus
    ("3 669 000", "3669000"),
    ("0,05", "0.05"),
])
def test_parse_accepts_swedish_forms(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["12,3,4", "abc", "1e5", "1.553,5", "1 55", "12 3456", "5-", "1,5 tkr", ",5", "--5", "NaN", "Infinity"])
def test_parse_refuses_garbage_with_swedish_message(text):
    with pytest.raises(NumberError, match="inte ett belopp"):
        parse_amount(text)


def test_empty_text_is_no_amount():
    assert parse_amount("") is None
    assert parse_amount("   ") is None


@pytest.mark.parametrize("value, text", [
    (Decimal("1553.5"), "1\u00a0553,5"),
    (Decimal("459"), "459,0"),
    (Decimal("-5"), "\u22125,0"),
    (Decimal("3669000"), "3\u00a0669\u00a0000,0"),
    (Decimal("0.05"), "0,1"),  # half up, as accountants round
])
def test_format_amount_swedish(value, text):
    assert format_amount(value) == text


def test_format_then_parse_round_trips():
    for value in ("0", "1", "448.5", "-1553.5", "1234567.8"):
        assert parse_amount(format_amount(Decimal(value))) == Decimal(value)


def test_percent_range():
    assert parse_percent("80") == Decimal(80)
    assert parse_percent("20 %") == Decimal(20)
    assert parse_percent("12,5") == Decimal("12.5")
    for bad in ("101", "-1", "åttio"):
        with pytest.raises(NumberError):
            parse_percent(bad)


def test_stored_text_is_exact_and_plain():
    assert decimal_to_text(Decimal("448.50")) == "448.5"
    assert decimal_to_text(Decimal("1E+3")) == "1000"
    assert decimal_to_text(Decimal("459")) == "459"


@pytest.mark.parametrize("text", ["١٥٥٣", "１５", "1٥"])
def test_digits_of_other_scripts_are_refused(text):
    """Only 0–9: an Arabic-Indic or full-width digit is not silently read as a number."""
    with pytest.raises(NumberError):
        parse_amount(text)


def test_counts_read_as_swedish():
    from forms.numbers import count

    assert [count(n, "sak", "saker") for n in (0, 1, 2)] == ["0 saker", "1 sak", "2 saker"]


def test_a_file_size_is_written_as_swedes_write_it():
    from forms.numbers import file_size

    assert file_size(1_468_006) == "1,4 MB"  # a decimal comma, as every other figure the app shows
    assert file_size(25 * 1024 * 1024) == "25,0 MB"
    assert file_size(12_000) == "11 kB"
    assert file_size(1) == "1 kB"  # never "0 kB" for a file that holds something
