"""Properties of Swedish numbers: every formatted amount parses back to itself, whichever space and
minus it is written with; garbage (letters, exponents, two decimal separators, badly grouped
thousands) is refused with NumberError, never guessed."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.numbers import MINUS, NBSP, NumberError, decimal_to_text, format_amount, parse_amount

LIMIT = 10**9
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
SPACES = {"ordinary space": " ", "no-break space": NBSP, "narrow no-break space": "\u202f", "thin space": "\u2009"}
DECIMAL_SEPARATORS = ",."

amounts = st.decimals(min_value=-LIMIT, max_value=LIMIT, places=2, allow_nan=False, allow_infinity=False).filter(
    lambda x: -LIMIT < x < LIMIT)
digits = st.text(alphabet="0123456789", min_size=1, max_size=6)
spaces = st.sampled_from(list(SPACES.values()))
minus_signs = st.sampled_from(["", "-", MINUS])


def rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


# --- round trips -----------------------------------------------------------------------------------


@PROPERTY
@given(value=amounts, decimals=st.sampled_from([0, 1, 2]))
def test_formatted_amount_parses_back(value, decimals):
    """`format_amount` as Word shows it (no-break space, U+2212) parses to the rounded amount."""
    assert parse_amount(format_amount(value, decimals)) == rounded(value, decimals)


@PROPERTY
@given(value=amounts, decimals=st.sampled_from([0, 1, 2]), space=spaces)
def test_formatted_amount_with_any_group_space_parses_back(value, decimals, space):
    """Copied from Word, Outlook or a web page the group space may be any of the four."""
    text = format_amount(value, decimals).replace(NBSP, space)
    assert parse_amount(text) == rounded(value, decimals)


@PROPERTY
@given(value=amounts, decimals=st.sampled_from([0, 1, 2]), space=spaces)
def test_formatted_amount_with_hyphen_minus_parses_back(value, decimals, space):
    """A typed "-" works as well as CLDR's "−"."""
    text = format_amount(value, decimals, nbsp=space).replace(MINUS, "-")
    assert parse_amount(text) == rounded(value, decimals)


@PROPERTY
@given(value=amounts, decimals=st.sampled_from([1, 2]))
def test_decimal_point_and_surrounding_spaces_are_accepted(value, decimals):
    """`1553.5` as in a foreign program, with stray spaces around it."""
    text = format_amount(value, decimals, nbsp="").replace(",", ".").replace(MINUS, "-")
    assert parse_amount(f"  {text}\u00a0") == rounded(value, decimals)


@PROPERTY
@given(value=amounts)
def test_stored_form_parses_back_exactly(value):
    """The stored text of an amount (`448.5`) is read back to the same amount."""
    assert parse_amount(decimal_to_text(value)) == value


# --- garbage is refused ----------------------------------------------------------------------------


def refused(text: str) -> None:
    with pytest.raises(NumberError, match="inte ett belopp"):
        parse_amount(text)


letters = st.characters(categories=["Lu", "Ll", "Lt", "Lo"])


@PROPERTY
@given(before=st.text(max_size=8), letter=letters, after=st.text(max_size=8))
def test_text_with_a_letter_is_refused(before, letter, after):
    """Anything with a letter in it — `1,5 tkr`, `ca 400`, `NaN`, `åttio` — is not an amount."""
    refused(before + letter + after)


@PROPERTY
@given(value=amounts, decimals=st.sampled_from([0, 1, 2]), unit=st.sampled_from(["kr", "tkr", "SEK", "Mkr", "st"]),
       space=st.sampled_from(["", " "]))
def test_amount_with_a_unit_is_refused(value, decimals, unit, space):
    refused(f"{format_amount(value, decimals)}{space}{unit}")


@PROPERTY
@given(sign=minus_signs, whole=digits, first=st.sampled_from(DECIMAL_SEPARATORS), middle=digits,
       second=st.sampled_from(DECIMAL_SEPARATORS), last=digits)
def test_two_decimal_separators_are_refused(sign, whole, first, middle, second, last):
    """`12,3,4`, `1.553,5`, `1,553.5`: which one is the decimal separator is a guess, so neither is."""
    refused(f"{sign}{whole}{first}{middle}{second}{last}")


@PROPERTY
@given(sign=minus_signs, mantissa=st.decimals(min_value=-LIMIT, max_value=LIMIT, places=2, allow_nan=False),
       e=st.sampled_from("eE"), exponent=st.integers(-12, 12), exponent_sign=st.sampled_from(["", "+", "-"]))
def test_exponents_are_refused(sign, mantissa, e, exponent, exponent_sign):
    """`1e5`, `1,5E3`: scientific notation is refused, never read as a very large amount."""
    text = format(abs(mantissa), "f").replace(".", ",")
    refused(f"{sign}{text}{e}{exponent_sign}{abs(exponent)}")


@st.composite
def misgrouped(draw) -> str:
    """Digits in space-separated groups where a group after the first is not three digits long, or
    the first group is longer than three: `1 55`, `12 3456`, `1234 567`."""
    groups = draw(st.lists(digits, min_size=2, max_size=5))
    if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        if draw(st.booleans()):
            groups[0] = groups[0] + "1234"[: 4 - len(groups[0])]  # four digits before the first space
        else:
            index = draw(st.integers(1, len(groups) - 1))
            groups[index] = groups[index] + "1" if draw(st.booleans()) else groups[index][:2]
    space = draw(spaces)
    fraction = draw(st.sampled_from(["", ",5", ".25"]))
    return draw(minus_signs) + space.join(groups) + fraction


@PROPERTY
@given(text=misgrouped())
def test_badly_grouped_thousands_are_refused(text):
    """`12 3456` could be two amounts or a typo: refused rather than read as 123 456."""
    refused(text)


@PROPERTY
@given(before=digits, separator=st.sampled_from(DECIMAL_SEPARATORS), after=digits,
       junk=st.sampled_from(["--", "−−", "+", "*", "/", "%", "(", ")", "'", "=", "#", "\t", "\n", "_"]),
       where=st.sampled_from(["start", "middle", "end"]))
def test_stray_signs_and_symbols_are_refused(before, separator, after, junk, where):
    """A doubled minus, a plus, an operator or a line break inside or around digits."""
    number = f"{before}{separator}{after}"
    if where == "start":
        text = junk + number
    elif where == "end":
        text = number + junk
    else:
        text = before + junk + after
    if junk in ("\t", "\n") and where != "middle":
        text = f"{text}{text}"  # a line break at either end alone is whitespace and stripped
    refused(text)
