"""Text at the export boundary and file names: what Word's and Excel's XML can hold, and file names
Windows accepts (bilagor, exported files and received files alike). No Qt; used by exports/ and forms/receiving."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls except tab, newline and CR, lone surrogates and U+FFFE/U+FFFF;
# DEL and the C1 controls are legal XML but invisible, and Word shows them as boxes.
_INVISIBLE_CONTROLS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Windows' forbidden characters, controls, and the invisible direction marks that would make
# Explorer show a name with its ending reversed ("…\u202eabc.docx").
_FILE_NAME_FORBIDDEN_RE = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]')
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                   *(f"{port}{i}" for port in ("COM", "LPT") for i in (*"123456789", "¹", "²", "³"))}
MAX_FILE_STEM = 120  # leaves room for the folder and ".docx" in Windows' 260-character paths
FALLBACK_FILE_STEM = "Rapport"


def clean_text(text: str) -> str:
    """`text` without the characters Word/Excel XML cannot hold; every visible character stays.

    Line ends become "\\n" (Word turns "\\r" into a line break of its own), a surrogate pair that
    arrived as two code points is joined into its character, a lone surrogate is dropped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    return _INVISIBLE_CONTROLS_RE.sub("", text)


def safe_file_name(name: str) -> str:
    """A readable file name stem that Windows accepts: `Uppföljning FCA Lundby 2022`."""
    stem = _FILE_NAME_FORBIDDEN_RE.sub("-", clean_text(name).replace("\n", " ").replace("\t", " "))
    stem = re.sub(r"\s+", " ", stem).strip()
    stem = stem[:MAX_FILE_STEM].rstrip(". ")
    if not stem:
        return FALLBACK_FILE_STEM
    if stem.split(".")[0].strip().upper() in _RESERVED_NAMES:
        stem = f"{FALLBACK_FILE_STEM} {stem}"  # "CON" or "nul.txt" name devices, not files
    return stem


def safe_attachment_name(name: str) -> str:
    """A bilaga's name as a plain file name in any folder, on Windows too: the last part of any
    path (`../x`, `C:\\x`, `/etc/x` → `x`), Windows' forbidden and reserved names cleaned, the
    ending kept (`Budget.xlsx`)."""
    base = re.split(r"[/\\]", clean_text(name).replace("\n", " "))[-1]
    base = base.split(":")[-1] if re.match(r"^[A-Za-z]:", base) else base
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem.strip(". "):
        stem, suffix = base, ""
    suffix = _FILE_NAME_FORBIDDEN_RE.sub("", suffix).strip(". ")[:16]
    clean_stem = safe_file_name(stem)
    if clean_stem == FALLBACK_FILE_STEM and stem.strip(". ") != FALLBACK_FILE_STEM:
        clean_stem = "Bilaga"
    elif clean_stem.startswith(f"{FALLBACK_FILE_STEM} ") and not stem.startswith(FALLBACK_FILE_STEM):
        clean_stem = "Bilaga" + clean_stem[len(FALLBACK_FILE_STEM):]  # "CON.pdf" → "Bilaga CON.pdf"
    return f"{clean_stem}.{suffix}" if suffix else clean_stem
