"""What a Swedish Excel shows for a cell: a number cell through its number format (`#,##0.0" åa"`
→ `3,5 åa`), any other cell as its value."""

from __future__ import annotations

import re
from decimal import Decimal

from forms.numbers import format_amount

_FORMAT_RE = re.compile(r'^#,##0(?:\.(?P<decimals>0+))?(?:" (?P<unit>[^"]*)")?$')


def shown(cell):
    if cell.data_type != "n" or cell.value is None or isinstance(cell.value, bool):
        return cell.value
    match = _FORMAT_RE.match(cell.number_format)
    if not match:
        raise AssertionError(f"{cell.coordinate}: number format {cell.number_format!r} is not one the exports write")
    text = format_amount(Decimal(str(cell.value)), len(match["decimals"] or ""))
    return f"{text} {match['unit']}" if match["unit"] else text
