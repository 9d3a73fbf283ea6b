"""Email addresses as users paste them: one or many, separated by comma, semicolon or line break.

Each is checked before it can reach a header (`email.headerregistry` refuses what would break one),
and a bad one is named in a Swedish message. Also `single_line`, for any text that goes into a
header or a file name: line breaks and other control characters become one space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from forms.errors import UserError

# The email package (~15 ms) is imported where an address is checked, not here: forms.template and
# forms.store import single_line, so this module is on the app's start-up path (benchmarks/bench.py).
_SEPARATORS_RE = re.compile(r"[,;\r\n\u0085\u2028\u2029]+")
_LOCAL_RE = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_DOMAIN_PATTERN = (r"^(?:[A-Za-z0-9\u00c0-\uffff](?:[A-Za-z0-9\u00c0-\uffff-]*[A-Za-z0-9\u00c0-\uffff])?\.)+"
                   r"[A-Za-z\u00c0-\uffff]{2,}$")


@cache
def _domain_re() -> re.Pattern:
    """Compiled on first use: its character ranges up to U+FFFF cost ~14 ms to compile."""
    return re.compile(_DOMAIN_PATTERN)


class AddressError(UserError, ValueError):
    """An address that cannot be used; the message is Swedish and names it."""


def single_line(text: str) -> str:
    """`text` on one line: line breaks, tabs and other control or format characters become a
    space, runs of spaces one space; what is visible stays."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp") or char in "\u0085":
            out.append(" ")
        elif category == "Cs":
            out.append("\ufffd")
        else:
            out.append(char)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def parse_addresses(text: str) -> list[str]:
    """Every address in `text`, in order, as `a@b.se` or `Namn <a@b.se>`; raises AddressError
    naming the first one that is not an email address."""
    result = []
    for part in _SEPARATORS_RE.split(text or ""):
        part = part.strip()
        if part:
            result.append(_check(part))
    return result


def _check(part: str) -> str:
    from email.headerregistry import Address
    from email.utils import parseaddr

    name, address = parseaddr(part)
    if not _valid(address) or not _is_whole(part, name, address):
        raise AddressError(
            f"”{single_line(part)}” är ingen e-postadress. Skriv till exempel namn@goteborg.se; flera "
            "adresser skiljs med kommatecken, semikolon eller radbyte.")
    return str(Address(display_name=name, addr_spec=address)) if name else address


def _is_whole(part: str, name: str, address: str) -> bool:
    """parseaddr forgives a lot ("a b@c.se" → "ab@c.se"): accept only what it read as written."""
    return part == address or (bool(name) and part.endswith(f"<{address}>"))


def _valid(address: str) -> bool:
    if address.count("@") != 1 or any(c.isspace() or unicodedata.category(c) == "Cc" for c in address):
        return False
    local, domain = address.split("@")
    if not local or not _LOCAL_RE.match(local) or ".." in local or local.startswith(".") or local.endswith("."):
        return False
    if not _domain_re().match(domain):
        return False
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    try:
        Address(addr_spec=address)
    except (HeaderParseError, ValueError, IndexError):
        return False
    return True
