"""Swedish numbers: parse what users type, format amounts the Swedish way.

Accepted: `1553`, `1553,5`, `1553.5`, `1 553,5` (space, no-break space, narrow no-break space or
thin space between groups of three), a leading `-` or `−`. Refused, never guessed: letters,
exponents, several decimal separators, badly grouped digits, and digits other than 0–9 (Arabic-Indic
٢٥٠, full-width ２５０): one decision for every door — the grid, JSON files, Word reports and
received email all read amounts with `read_amount`. `-0` is 0.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext

from forms.errors import UserError

GROUP_SPACES = " \u00a0\u202f\u2009"
MINUS_SIGNS = "-\u2212\u2013"
_NUMBER_RE = re.compile(r"^(?P<sign>-)?(?P<int>\d{1,3}(?: \d{3})+|\d+)(?:[.,](?P<frac>\d+))?$", re.ASCII)  # 0-9 only
MINUS = "\u2212"
NBSP = "\u00a0"


# The one accepted range and precision of an amount, for the money widget, import-json and the
# templates alike: |amount| < 10^12 (a thousand billion, whatever the unit) with at most the table's
# `decimals`, and never more than MAX_DECIMALS. Within it every amount is printed exactly as stored,
# so each printed table adds up; Excel's doubles hold 15 significant digits, 12 + 3 fit.
AMOUNT_LIMIT = Decimal(10) ** 12
MAX_DECIMALS = 3


class NumberError(UserError, ValueError):
    """A text that is not a number; the message is Swedish and shown to the user."""


def check_amount(value: Decimal | None, decimals: int) -> Decimal | None:
    """`value` when it is inside the accepted range with at most `decimals` decimals; else a
    NumberError saying what is allowed."""
    if value is None:
        return None
    if value.is_zero():
        value = value.copy_abs()  # "-0" is 0: never stored or shown as −0
    if not value.is_finite() or abs(value) >= AMOUNT_LIMIT:
        raise NumberError(
            f"Beloppet {_plain(value)} är för stort. Ett belopp ska vara mindre än "
            f"{format_amount(AMOUNT_LIMIT, 0, nbsp=' ')} (tusen miljarder), plus eller minus.")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        allowed = "inga decimaler" if decimals == 0 else f"högst {decimals} decimal{'er' if decimals > 1 else ''}"
        raise NumberError(
            f"Beloppet {_plain(value)} har för många decimaler: tabellen har {allowed}. "
            f"Avrunda, till exempel till {format_amount(value, decimals) if abs(value) < AMOUNT_LIMIT else '…'}.")
    return value


def _plain(value: Decimal) -> str:
    text = format(value, "f") if value.is_finite() and abs(value.adjusted()) < 40 else str(value)
    return text if len(text) <= 40 else text[:20] + "…"


def parse_amount(text: str) -> Decimal | None:
    """Parse a Swedish amount; empty text is None. Raises NumberError with a Swedish message."""
    cleaned = text.strip()
    if not cleaned:
        return None
    for space in GROUP_SPACES:
        cleaned = cleaned.replace(space, " ")
    cleaned = re.sub(" +", " ", cleaned)
    if cleaned[0] in MINUS_SIGNS:
        cleaned = "-" + cleaned[1:].lstrip()
    match = _NUMBER_RE.match(cleaned)
    if not match and any(not c.isascii() and unicodedata.decimal(c, None) is not None for c in cleaned):
        raise NumberError(f"”{text.strip()}” är inte ett belopp som programmet läser: det har andra siffror än "
                          "0–9. Skriv beloppet med siffrorna 0–9, till exempel 1 553,5.")
    if not match:
        raise NumberError(
            f"”{text.strip()}” är inte ett belopp. Skriv till exempel 1 553,5 eller 448,5."
        )
    digits = match["int"].replace(" ", "")
    frac = match["frac"]
    value = Decimal(f"{digits}.{frac}" if frac else digits)
    return -value if match["sign"] and not value.is_zero() else value


def read_amount(text: str, decimals: int) -> Decimal | None:
    """An amount as every door reads it (the grid, JSON, Word, received email): parse_amount, then
    check_amount for the table's range and decimals; empty text is None. NumberError (Swedish)."""
    return check_amount(parse_amount(text), decimals)


def parse_percent(text: str) -> Decimal | None:
    """Parse a percentage 0–100 (the % sign may be typed); empty text is None."""
    cleaned = text.strip().removesuffix("%").strip()
    if not cleaned:
        return None
    try:
        value = parse_amount(cleaned)
    except NumberError:
        raise NumberError(f"”{text.strip()}” är ingen procentsats. Skriv ett tal mellan 0 och 100.") from None
    if value is None or not Decimal(0) <= value <= Decimal(100):
        raise NumberError(f"{text.strip()} % går inte: andelen ska vara mellan 0 och 100.")
    return value


def format_amount(value: Decimal | None, decimals: int = 1, *, nbsp: str = NBSP) -> str:
    """`Decimal('1553.5')` → `1 553,5` with a no-break space and U+2212 as minus; None → ''."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    with localcontext() as context:  # enough digits for any stored amount: quantize never raises
        context.prec = max(28, value.adjusted() + decimals + 3)
        rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = MINUS if rounded < 0 else ""
    text = f"{abs(rounded):,.{decimals}f}"
    integer, _, frac = text.partition(".")
    integer = integer.replace(",", nbsp)
    return sign + integer + ("," + frac if frac else "")


def decimal_to_text(value: Decimal) -> str:
    """The stored, exact form of an amount: plain digits with a dot (`448.5`), no exponent."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def file_size(size: int) -> str:
    """A file's size as Swedes write it: `1,4 MB`, `12 kB` (at least 1 kB for a non-empty file)."""
    if size >= 1024 * 1024:
        return f"{format_amount(Decimal(size) / (1024 * 1024), 1)} MB"
    return f"{max(size // 1024, 1)} kB"


def count(n: int, one: str, many: str) -> str:
    """A count in Swedish words: "1 sak", "3 saker", "0 rapporter" (never "sak(er)")."""
    return f"{n} {one if n == 1 else many}"
