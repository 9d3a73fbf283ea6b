"""The versioned JSON form of a report, for moving reports between laptops and for tests.

    {"format": "avtalsuppfoljning.rapport", "version": 1,
     "template": {"id": ..., "revision": ...}, "area": ..., "year": ..., "status": ...,
     "compiled_by": ..., "compiled_date": "YYYY-MM-DD" | null,
     "answers": {field id: text}, "tables": {table id: {row id: {column id: "448.5"}}}}

Documented in docs/report-json.md. Importing checks everything and refuses, with a Swedish message,
anything it would otherwise have to guess.
"""

from __future__ import annotations

import codecs
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from forms.addresses import single_line
from forms.errors import UserError
from forms.numbers import NumberError, check_amount, decimal_to_text, parse_amount
from forms.report import STATUSES, Report
from forms.template import YESNO_VALUES, TemplateLibrary

FORMAT = "avtalsuppfoljning.rapport"
VERSION = 1
_KEYS = ("format", "version", "template", "area", "year", "status", "compiled_by",
         "compiled_date", "answers", "tables")


class InterchangeError(UserError, ValueError):
    """A report file that cannot be imported; the message is Swedish."""


def report_to_dict(report: Report, library: TemplateLibrary) -> dict:
    template = library.get(report.template_id, report.revision)
    answers = {f.id: (report.rows(f.id) if f.kind == "rows" else report.answers[f.id])
               for f in template.fields() if report.answers.get(f.id)}
    tables = {}
    for f in template.fields():
        if f.kind != "money_table":
            continue
        rows = {}
        for row in f.table.rows:
            cells = {c.id: decimal_to_text(report.amount(f.id, row.id, c.id))
                     for c in f.table.columns if report.amount(f.id, row.id, c.id) is not None}
            if cells:
                rows[row.id] = cells
        tables[f.id] = rows
    return {
        "format": FORMAT,
        "version": VERSION,
        "template": {"id": report.template_id, "revision": report.revision},
        "area": report.area,
        "year": report.year,
        "status": report.status,
        "compiled_by": report.compiled_by,
        "compiled_date": report.compiled_date.isoformat() if report.compiled_date else None,
        "answers": answers,
        "tables": tables,
    }


def report_to_json(report: Report, library: TemplateLibrary) -> str:
    return json.dumps(report_to_dict(report, library), ensure_ascii=False, indent=2) + "\n"


class _LongNumber(int):
    """A number with absurdly many digits in the file: kept as a marker, refused where it is used."""

    def __repr__(self) -> str:
        return f"ett tal med {self.digits} siffror"


def _parse_int(text: str):
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        marker = _LongNumber(0)
        marker.digits = len(text.lstrip("-"))
        return marker
    return int(text)


MAX_INT_DIGITS = 30


def read_report_text(path: Path) -> str:
    """A JSON file as text: UTF-8, with or without the BOM Windows Notepad writes; other encodings
    are refused with their name and what to do."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InterchangeError(f"Filen {path} finns inte.") from None
    except OSError as exc:
        raise InterchangeError(f"Filen {path} kan inte läsas: {exc.strerror or exc}.") from None
    how = "Öppna den i Anteckningar, välj Spara som och kodningen UTF-8, och försök igen."
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[1:2] == b"\0" or data[:1] == b"\0":
        raise InterchangeError(f"Filen {path.name} är sparad som UTF-16, inte UTF-8. {how}")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            raise InterchangeError(f"Filen {path.name} är inte UTF-8-text (fel vid byte {exc.start}). {how}") from None
        raise InterchangeError(f"Filen {path.name} verkar vara sparad som Latin-1/Windows-1252, inte UTF-8. {how}") from None


def report_from_json(text: str, library: TemplateLibrary, warnings: list[str] | None = None) -> Report:
    """The report in `text`. A lone surrogate (half of an emoji, say) is replaced by U+FFFD, the
    rest of the text kept, and a Swedish line added to `warnings`."""
    try:
        data = json.loads(text, parse_int=_parse_int, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            f"Filen är inte giltig JSON (rad {exc.lineno}, kolumn {exc.colno}: {exc.msg}). "
            "Den kan vara avkortad eller skadad."
        ) from exc
    except RecursionError:
        raise InterchangeError("Filen är för djupt nästlad för att vara en rapport (listor i listor i listor …). "
                               "Den är inte skapad av Avtalsuppföljning.") from None
    found: list[str] = []
    data = _replace_surrogates(data, "", found)
    if found and warnings is not None:
        warnings += [f"Ett ogiltigt tecken (halva av ett tecken, t.ex. en emoji) i ”{where}” ersattes med "
                     "U+FFFD (�); resten av texten är kvar." for where in found]
    if isinstance(data, dict) and isinstance(data.get("year"), _LongNumber):
        raise InterchangeError(f"”year” ska vara ett årtal, inte {data['year']!r}.")
    return report_from_dict(data, library)


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    """An object whose key comes twice is refused: which value is meant cannot be known (JSON
    readers differ: Python takes the last, others the first)."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise InterchangeError(f"Fältet ”{twice[:60]}” står två gånger i samma objekt i filen; det går inte att "
                               "veta vilket värde som gäller. Filen är inte skriven av Avtalsuppföljning.")
    return data


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _replace_surrogates(value, where: str, found: list[str]):
    if isinstance(value, str):
        if _SURROGATE_RE.search(value):
            found.append(where or "text")
            return _SURROGATE_RE.sub("\ufffd", value)
        return value
    if isinstance(value, list):
        return [_replace_surrogates(v, f"{where}[{i}]", found) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {_replace_surrogates(k, where, found): _replace_surrogates(v, k if where in ("", "answers", "tables")
                                                                           else f"{where}.{k}", found)
                for k, v in value.items()}
    return value


def report_from_dict(data, library: TemplateLibrary) -> Report:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InterchangeError("Filen är ingen rapport från Avtalsuppföljning (”format” saknas eller är fel).")
    if type(data.get("version")) is not int or data["version"] != VERSION:
        raise InterchangeError(f"Rapportfilens version {data.get('version')!r} stöds inte (bara {VERSION}).")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise InterchangeError(f"Rapportfilen har okända fält: {', '.join(unknown)}.")
    missing = [k for k in _KEYS if k not in data]
    if missing:
        raise InterchangeError(f"Rapportfilen saknar: {', '.join(missing)}.")
    ref = data["template"]
    if not isinstance(ref, dict) or set(ref) != {"id", "revision"}:
        raise InterchangeError("”template” ska ange mallens id och revision.")
    try:
        template = library.get(str(ref["id"]), str(ref["revision"]))
    except KeyError:
        raise InterchangeError(
            f"Mallen {ref['id']} version {ref['revision']} finns inte i den här versionen av programmet."
        ) from None
    area, year, status = data["area"], data["year"], data["status"]
    if not isinstance(area, str) or not area.strip():
        raise InterchangeError("”area” ska vara områdets namn.")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise InterchangeError(f"”year” ska vara ett årtal, inte {year!r}.")
    if status not in STATUSES:
        raise InterchangeError(f"”status” ska vara en av {', '.join(STATUSES)}, inte {status!r}.")
    if not isinstance(data["compiled_by"], str):
        raise InterchangeError("”compiled_by” ska vara text.")
    report = Report(template_id=template.id, revision=template.revision, area=single_line(area), year=year,
                    status=status, compiled_by=single_line(data["compiled_by"]),
                    compiled_date=_date(data["compiled_date"]))
    answers = data["answers"]
    if not isinstance(answers, dict):
        raise InterchangeError("”answers” ska vara ett objekt med svar per fråga.")
    fields = {f.id: f for f in template.fields()}
    for field_id, value in answers.items():
        f = fields.get(field_id)
        if f is None:
            raise InterchangeError(f"Frågan ”{field_id}” finns inte i mallen {template.id} {template.revision}.")
        if f.kind == "rows":
            report.set_rows(field_id, _rows(value, f))
            continue
        if not f.is_answer:
            raise InterchangeError(f"”{field_id}” är fast text eller en tabell i mallen och har inget svar att importera.")
        if not isinstance(value, str):
            raise InterchangeError(f"Svaret på ”{field_id}” ska vara text, inte {value!r}.")
        if f.kind == "yesno" and value not in YESNO_VALUES:
            raise InterchangeError(f"Svaret på ”{field_id}” ska vara ja eller nej, inte {value!r}.")
        report.set_answer(field_id, value)
    _read_tables(data["tables"], template, fields, report)
    return report


def _rows(value, f) -> list[dict[str, str]]:
    ids = [c.id for c in f.columns]
    if not isinstance(value, list):
        raise InterchangeError(f"”{f.id}” ska vara en lista med rader, inte {value!r}.")
    rows = []
    for number, row in enumerate(value, start=1):
        if not isinstance(row, dict) or set(row) - set(ids) or not all(isinstance(v, str) for v in row.values()):
            raise InterchangeError(
                f"”{f.id}”, rad {number}: en rad ska ha text för kolumnerna {', '.join(ids)}, inte {row!r}.")
        rows.append({c: row.get(c, "") for c in ids})
    return rows


def _read_tables(tables, template, fields, report: Report) -> None:
    if not isinstance(tables, dict):
        raise InterchangeError("”tables” ska vara ett objekt med tabeller.")
    for table_id, rows in tables.items():
        f = fields.get(table_id)
        if f is None or f.kind != "money_table":
            raise InterchangeError(f"Tabellen ”{table_id}” finns inte i mallen {template.id} {template.revision}.")
        if not isinstance(rows, dict):
            raise InterchangeError(f"Tabellen ”{table_id}” ska ha rader.")
        row_ids = {r.id for r in f.table.rows if r.editable}
        column_ids = {c.id for c in f.table.columns}
        for row_id, cells in rows.items():
            if row_id not in row_ids:
                raise InterchangeError(f"Tabellen ”{table_id}” har ingen ifyllbar rad ”{row_id}”.")
            if not isinstance(cells, dict):
                raise InterchangeError(f"Raden ”{row_id}” ska ha belopp per kolumn.")
            for column_id, amount in cells.items():
                if column_id not in column_ids:
                    raise InterchangeError(f"Tabellen ”{table_id}” har ingen kolumn ”{column_id}”.")
                report.set_amount(table_id, row_id, column_id,
                                  _amount(amount, f.table.decimals, table_id, row_id, column_id))


def _amount(text, decimals: int, *where: str) -> Decimal:
    """The grid's rule (forms.numbers: parse_amount, then check_amount), with nothing around the
    number: the file holds the stored form ("448.5")."""
    if not isinstance(text, str):
        raise InterchangeError(f"Beloppet i {'/'.join(where)} ska skrivas som text, t.ex. \"448.5\", inte {text!r}.")
    try:
        value = parse_amount(text) if text.strip() == text else None
    except NumberError as exc:
        value = None
        digits = "" if "0–9" not in str(exc) else " Skriv siffrorna 0–9."
    else:
        digits = ""
    if value is None:
        raise InterchangeError(f"Beloppet i {'/'.join(where)} är inte ett tal: {text[:40]!r}.{digits}")
    try:
        return check_amount(value, decimals)
    except NumberError as exc:
        raise InterchangeError(f"{'/'.join(where)}: {exc}") from None


def _date(text) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InterchangeError(f"”compiled_date” ska vara ett datum ÅÅÅÅ-MM-DD, inte {text!r}.") from None
