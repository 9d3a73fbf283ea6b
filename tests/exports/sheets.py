"""What a Swedish Excel shows for a cell: a number cell through its number format (`#,##0.0" åa"`
→ `3,5 åa`; `#,##0.0;"Underskott "#,##0.0` → `Underskott 202,4` below zero), any other cell as its value."""

from __future__ import annotations

import re
from decimal import Decimal

from forms.numbers import format_amount

_SECTION = r'(?:"(?P<{0}prefix>[^"]*)")?#,##0(?:\.(?P<{0}decimals>0+))?(?:" (?P<{0}unit>[^"]*)")?'
_FORMAT_RE = re.compile(f"^{_SECTION.format('p')}(?:;{_SECTION.format('n')})?$")


def shown(cell, value=None):
    """The text of `cell`; `value` for a formula cell, its result (evaluated elsewhere)."""
    value = cell.value if value is None else value
    if isinstance(value, str) or value is None or isinstance(value, bool):
        return value
    match = _FORMAT_RE.match(cell.number_format)
    if not match:
        raise AssertionError(f"{cell.coordinate}: number format {cell.number_format!r} is not one the exports write")
    number = Decimal(str(value))
    side = "n" if number < 0 and match["nprefix"] is not None or (number < 0 and match["ndecimals"] is not None) else "p"
    if side == "n":
        number = -number  # a negative section shows the absolute value after its prefix
    text = (match[f"{side}prefix"] or "") + format_amount(number, len(match[f"{side}decimals"] or ""))
    return f"{text} {match[f'{side}unit']}" if match[f"{side}unit"] else text
