"""Template definitions: one TOML file in resources/templates per report type and revision.

A template says everything the wizard, validation, storage and exports need: sections, questions in
the region's wording, field kinds, limits, conditions, economic tables and party labels. The format
is documented in docs/templates.md.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from forms.addresses import single_line
from forms.errors import UserError
from forms.filesystem import discard
from forms.numbers import AMOUNT_LIMIT, MAX_DECIMALS
from forms.resources import resource_path

FORMAT_VERSION = 1
FIELD_KINDS = ("info", "text", "yesno", "percent", "number", "rows", "money_table")
ANSWER_KINDS = ("text", "yesno", "percent", "number")  # kinds whose value is one answer
YESNO_VALUES = ("ja", "nej")
ROW_ROLES = ("funds", "cost", "sum", "refund", "memo", "total")
TOTAL_PARTY = "total"  # a typed total column (committee papers): checked against its row's parts
GROUP_ROLES = ("budget", "outcome")
PARTIES = ("region", "city")
_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


class TemplateError(UserError, ValueError):
    """A template file that cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class Condition:
    """Show a field only when another field has a given value ("Om nej, …")."""

    field: str
    equals: str


@dataclass(frozen=True)
class Group:
    """A group of a money table's columns: the budget, or the outcome."""

    id: str
    label: str
    role: str  # "budget" or "outcome"


@dataclass(frozen=True)
class Column:
    """One column of a money table: a party's amounts within a group."""

    id: str
    group: str
    party: str  # "region" or "city"
    label: str = ""  # shown instead of the party's label, e.g. "GSN" for a co-financing board


@dataclass(frozen=True)
class Row:
    """One row of a money table: typed amounts, or a sum the program computes."""

    id: str
    label: str
    role: str  # funds | cost | sum | refund | memo ("varav …", outside the sums) | total (typed, checked)
    groups: tuple[str, ...] | None = None  # for computed rows: the groups they apply to
    source: str = ""  # a report type whose budget pre-fills this row (the committee's summary)
    note: str = ""  # a line under the label in the exports ("Enligt avtal 50/50-finansiering.")
    count_field: str = ""  # a number field shown in the label before its first " (": "Koordinatorer (3,5 åa) (lön …)"

    @property
    def editable(self) -> bool:
        return self.role in ("funds", "cost", "memo", "total")


@dataclass(frozen=True)
class MoneyTable:
    """A table of amounts (tkr or kr): groups of columns per party, rows of funds, costs and sums."""

    unit: str
    groups: tuple[Group, ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    footnote: str = ""
    decimals: int = 1  # tkr with one decimal; whole kronor in the committee's summary

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def row(self, row_id: str) -> Row:
        return next(r for r in self.rows if r.id == row_id)

    def column(self, column_id: str) -> Column:
        return next(c for c in self.columns if c.id == column_id)


@dataclass(frozen=True)
class RowColumn:
    """One column of a `rows` field: a text per row, e.g. "Ansvar"."""

    id: str
    label: str
    max_chars: int | None = None
    lines: int = 3  # the editor's height; 1 is a single-line field


@dataclass(frozen=True)
class Field:
    """One item of a section: a question and its answer's kind, or text shown to the user."""

    id: str
    kind: str
    label: str = ""
    text: str = ""
    heading: str = ""
    bullets: tuple[str, ...] = ()
    max_chars: int | None = None
    required: bool = True
    show_if: Condition | None = None
    table: MoneyTable | None = None
    columns: tuple[RowColumn, ...] = ()  # rows: the texts of each row
    row_label: str = ""  # rows: what one row is called ("Lokalt mål", "Insats")
    span_heading: str = ""  # rows: printed as a first column of this heading, the label spanning the rows
    unit: str = ""  # number: shown after the value ("åa")
    minimum: Decimal | None = None  # number
    maximum: Decimal | None = None  # number
    note: bool = False  # text: printed as a note under the table above it, without its question
    grid: bool = False  # info: printed side by side with the next grid fields, as the columns of a table
    grid_labels: tuple[str, ...] = ()  # info, first of a grid: a label column (the header row's, each bullet row's)
    print_text: str | None = None  # info: the text as printed when it differs from the wizard's ("" none)
    print_label: str | None = None  # the question as printed when it differs from the wizard's prompt;
    # "" prints none: the answer stands under the section's heading
    keywords: tuple[str, ...] = ()  # other words for what the question asks (the Word import reads by meaning)

    @property
    def is_answer(self) -> bool:
        return self.kind in ANSWER_KINDS


@dataclass(frozen=True)
class Section:
    """One page of the wizard, one heading of the document."""

    id: str
    title: str
    fields: tuple[Field, ...]
    print_title: str = ""  # the heading in Word and print when it differs from the wizard's title
    landscape: bool = False  # printed on landscape pages (the action plan's overview, as on its paper)
    keywords: tuple[str, ...] = ()  # other words for what the section is about (the Word import reads by meaning)


@dataclass(frozen=True)
class Deadline:
    """When a report is due: a day of a month, some years after the year it is about."""

    month: int
    day: int
    years_after: int


@dataclass(frozen=True)
class Template:
    """One revision of a report type, as read from its TOML file under resources/templates/."""

    id: str
    revision: str
    type_name: str
    first_year: int
    last_year: int | None
    title: str
    file_name: str
    area_word: str
    deadline: Deadline | None  # None: no deadline set by the region (the committee's own papers)
    recipients: tuple[str, ...]
    signature: str
    email_subject: str
    email_body: str
    parties: dict[str, str]
    sections: tuple[Section, ...]
    source: Path = field(compare=False, default=Path())
    keywords: tuple[str, ...] = ()  # words that name the report type in a free title ("folkhälsoarbete")

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.revision)

    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]

    def field(self, field_id: str) -> Field:
        for f in self.fields():
            if f.id == field_id:
                return f
        raise KeyError(f"{self.id} {self.revision} has no field {field_id!r}")

    def section_of(self, field_id: str) -> Section:
        return next(s for s in self.sections if any(f.id == field_id for f in s.fields))

    def printed_label(self, f: Field) -> str:
        """The question as Word and print show it (unrendered): its `print_label`, or the section's
        printed heading when that is "" (the answer stands under the heading), else the wizard's label
        — in an activity table's first column without the column's heading ("Delmål 7.1.1. …" → "7.1.1. …")."""
        if f.print_label is None:
            if f.kind == "rows" and f.span_heading and f.label.startswith(f.span_heading + " "):
                return f.label[len(f.span_heading):].lstrip()  # under the column "Delmål": "7.1.1. …"
            return f.label
        if f.print_label:
            return f.print_label
        section = self.section_of(f.id)
        return section.print_title or section.title

    def column_label(self, column: Column) -> str:
        """A money column's heading: its own label, or its party's ("HSNG", "SN")."""
        return column.label or self.parties.get(column.party, "")

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def render(self, text: str, area: str = "", year: int | None = None) -> str:
        """Fill the placeholders {område}, {år}, {år+1}, {år-1}, {region}, {stad}, {områdesord}."""
        values = _placeholder_values(self, area, year)
        return _PLACEHOLDER_RE.sub(lambda m: values[m.group(1)], text)


def _placeholder_values(template: Template, area: str, year: int | None) -> dict[str, str]:
    shown_year = year if year is not None else template.first_year
    return {
        "område": area,
        "år": str(shown_year),
        "år+1": str(shown_year + 1),
        "år-1": str(shown_year - 1),
        "region": template.parties.get("region", ""),
        "stad": template.parties.get("city", ""),
        "områdesord": template.area_word,
    }


# --- loading ---------------------------------------------------------------------------------


class _Reader:
    """Reads one parsed TOML table, turning every mistake into a TemplateError with file and line."""

    def __init__(self, path: Path, source: str | None = None):
        self.path = path
        self._source = source  # None: read when a message needs a line number (a cached parse)

    @cached_property
    def lines(self) -> list[str]:
        source = self._source if self._source is not None else self.path.read_text(encoding="utf-8")
        return source.splitlines()

    def line_of(self, *needles: str) -> int:
        for needle in needles:
            if not needle:
                continue
            for number, line in enumerate(self.lines, start=1):
                if re.search(rf'\bid\s*=\s*"{re.escape(needle)}"', line):
                    return number
        return 1

    def fail(self, message: str, *near_ids: str) -> TemplateError:
        return TemplateError(f"{self.path.name}, rad {self.line_of(*near_ids)}: {message}")

    def get(self, table: dict, key: str, kind: type | tuple, where: str, *near: str, default=...):
        if key not in table:
            if default is not ...:
                return default
            raise self.fail(f"{where} saknar nyckeln ”{key}”", *near)
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(f"{where}: ”{key}” ska vara {names}, inte {value!r}", *near)
        return value

    def key_line(self, key: str, *near: str) -> int:
        """The line of `key = …` nearest after the line of the element it belongs to."""
        start = self.line_of(*near) if near else 1
        pattern = re.compile(rf"(^\s*|[{{,]\s*){re.escape(key)}\s*=")  # also inside an inline table
        for number in range(start, len(self.lines) + 1):
            if pattern.search(self.lines[number - 1]):
                return number
        return start

    def only(self, table: dict, allowed: tuple[str, ...], where: str, *near: str) -> None:
        """Refuse misspelt keys: a `hedaing` would otherwise silently lose the heading."""
        for key in table:
            if key not in allowed:
                raise TemplateError(
                    f"{self.path.name}, rad {self.key_line(key, *near)}: {where}: okänd nyckel ”{key}” "
                    f"(tillåtna här: {', '.join(allowed)})")

    def ranged(self, table: dict, key: str, low: int, high: int, where: str, *near: str, default=...):
        """An integer `key` within low..high; outside it, the file and the line of the key."""
        value = self.get(table, key, int, where, *near, default=default)
        if value is not None and value is not default and not low <= value <= high:
            raise TemplateError(f"{self.path.name}, rad {self.key_line(key, *near)}: {where}: ”{key}” ska vara "
                                f"mellan {low} och {high}, inte {value}")
        return value

    def strings(self, table: dict, key: str, where: str, *near: str) -> tuple[str, ...]:
        values = self.get(table, key, list, where, *near, default=[])
        if not all(isinstance(v, str) for v in values):
            raise self.fail(f"{where}: ”{key}” ska vara en lista med texter, inte {values!r}", *near)
        return tuple(values)

    def ident(self, table: dict, where: str, *near: str) -> str:
        value = self.get(table, "id", str, where, *near)
        if not _ID_RE.match(value):
            raise self.fail(
                f"{where}: id ”{value}” får bara innehålla a–z, siffror, _ och - och börja med en bokstav",
                value, *near,
            )
        return value


def load_template(path: Path) -> Template:
    """Read and check one template file. Raises TemplateError naming the file and line."""
    path = Path(path)
    source = _read(path)
    return _checked_template(_Reader(path, source), _parse(path, source))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path.name}: filen kan inte läsas ({exc})") from exc


def _parse(path: Path, source: str) -> dict:
    import tomli  # not when every template's parse is cached (TemplateLibrary.load)

    try:
        return tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f", rad {line.group(1)}" if line else ""
        raise TemplateError(f"{path.name}{where}: felaktig TOML ({exc})") from exc
    except RecursionError:
        raise TemplateError(f"{path.name}: för djupt nästlade tabeller eller listor; en mall har högst "
                            "några nivåer (avsnitt → fält → kolumner/rader)") from None


def _checked_template(reader: _Reader, data: dict) -> Template:
    template = _build_template(reader, data)
    _check_template(reader, template)
    return template


def _parsed_with_cache(paths: list[Path], cache: Path) -> list[tuple[Path, dict]]:
    """Each file's parsed TOML, from `cache` where the file is unchanged since (its size and
    modification time, as Python's own .pyc files are checked): reading and parsing the seven templates
    costs the app's start ~5 ms, the cache ~0.3. A missing, unreadable or damaged cache is rebuilt;
    one that cannot be written is done without. Every template is built and checked either way."""
    try:
        known = json.loads(cache.read_text(encoding="utf-8"))
        if not isinstance(known, dict):
            known = {}
    except (OSError, ValueError):
        known = {}
    parsed, fresh = [], {}
    changed = sorted(known) != [p.name for p in paths]
    for path in paths:
        try:
            stat = path.stat()
            stamp = [stat.st_size, stat.st_mtime_ns]
        except OSError:  # gone since it was listed: _read says so
            stamp = None
        entry = known.get(path.name)
        if isinstance(entry, list) and len(entry) == 3 and entry[:2] == stamp and isinstance(entry[2], dict):
            data = entry[2]
        else:
            data, changed = _parse(path, _read(path)), True
        parsed.append((path, data))
        fresh[path.name] = [*stamp, data]
    if changed:
        _write_cache(cache, fresh)
    return parsed


def _write_cache(cache: Path, entries: dict) -> None:
    """Written beside and swapped in, but neither flushed to disk nor waited for while another start
    reads it (exports.files and forms.filesystem do both for what must not be lost): a cache lost or
    torn by a power cut is read again from the templates, and the start does not wait for it."""
    try:
        text = json.dumps(entries, ensure_ascii=False)
    except (TypeError, ValueError):  # a TOML date or time, which JSON has no type for: no cache
        return
    temporary = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, cache)  # whole or not at all, also with two starts at once
    except OSError:
        discard(temporary)


TOP_KEYS = ("format", "id", "revision", "type_name", "first_year", "last_year", "title", "file_name", "area_word",
            "deadline", "recipients", "signature", "email_subject", "email_body", "parties", "sections", "keywords")
FIELD_KEYS = {
    "info": ("id", "kind", "text", "print_text", "heading", "bullets", "show_if", "grid", "grid_labels"),
    "text": ("id", "kind", "label", "print_label", "max_chars", "required", "show_if", "note", "keywords"),
    "yesno": ("id", "kind", "label", "print_label", "required", "show_if", "keywords"),
    "percent": ("id", "kind", "label", "print_label", "required", "show_if", "keywords"),
    "number": ("id", "kind", "label", "print_label", "unit", "minimum", "maximum", "required", "show_if", "keywords"),
    "rows": ("id", "kind", "label", "print_label", "row_label", "columns", "required", "show_if", "span_heading",
             "keywords"),
    "money_table": ("id", "kind", "label", "unit", "decimals", "footnote", "groups", "columns", "rows", "show_if"),
}
MAX_CHARS_LIMIT = 1_000_000
RESERVED_IDS = ("granskning", "compiled_by", "compiled_date")  # the wizard's last page uses these


def _build_template(r: _Reader, data: dict) -> Template:
    r.only(data, TOP_KEYS, "Mallen")
    fmt = r.get(data, "format", int, "Mallen")
    if fmt != FORMAT_VERSION:
        raise r.fail(f"mallformat {fmt} stöds inte (den här versionen läser format {FORMAT_VERSION})")
    template_id = r.ident(data, "Mallen")
    deadline = r.get(data, "deadline", dict, "Mallen", default=None)
    if deadline is not None:
        r.only(deadline, ("month", "day", "years_after"), "deadline")
    parties = r.get(data, "parties", dict, "Mallen")
    r.only(parties, PARTIES, "[parties]")
    for party in PARTIES:
        r.get(parties, party, str, "[parties]")
    sections = tuple(
        _build_section(r, s) for s in r.get(data, "sections", list, "Mallen", default=[])
    )
    if not sections:
        raise r.fail("mallen har inga avsnitt ([[sections]])")
    return Template(
        id=template_id,
        revision=str(r.get(data, "revision", (str, int), "Mallen")),
        type_name=single_line(r.get(data, "type_name", str, "Mallen")),
        first_year=r.ranged(data, "first_year", 2000, 2100, "Mallen"),
        last_year=r.ranged(data, "last_year", 2000, 2100, "Mallen", default=None),
        title=single_line(r.get(data, "title", str, "Mallen")),  # these reach headers and file names
        file_name=single_line(r.get(data, "file_name", str, "Mallen")),
        area_word=single_line(r.get(data, "area_word", str, "Mallen")),
        deadline=Deadline(
            month=r.get(deadline, "month", int, "deadline"),
            day=r.get(deadline, "day", int, "deadline"),
            years_after=r.ranged(deadline, "years_after", -1, 5, "deadline"),
        ) if deadline is not None else None,
        recipients=r.strings(data, "recipients", "Mallen"),
        signature=r.get(data, "signature", str, "Mallen", default=""),
        email_subject=single_line(r.get(data, "email_subject", str, "Mallen", default="{områdesord} {område} {år}")),
        email_body=r.get(data, "email_body", str, "Mallen", default="").strip(),
        parties={p: single_line(parties[p]) for p in PARTIES},
        sections=sections,
        source=r.path,
        keywords=r.strings(data, "keywords", "Mallen"),
    )


def _build_section(r: _Reader, data: dict) -> Section:
    section_id = r.ident(data, "Ett avsnitt")
    where = f"Avsnittet ”{section_id}”"
    r.only(data, ("id", "title", "print_title", "landscape", "fields", "keywords"), where, section_id)
    fields = tuple(
        _build_field(r, f, section_id) for f in r.get(data, "fields", list, where, section_id)
    )
    return Section(id=section_id, title=r.get(data, "title", str, where, section_id), fields=fields,
                   print_title=r.get(data, "print_title", str, where, section_id, default=""),
                   landscape=r.get(data, "landscape", bool, where, section_id, default=False),
                   keywords=r.strings(data, "keywords", where, section_id))


def _build_field(r: _Reader, data: dict, section_id: str) -> Field:
    field_id = r.ident(data, f"Ett fält i avsnittet ”{section_id}”", section_id)
    where = f"Fältet ”{field_id}”"
    kind = r.get(data, "kind", str, where, field_id)
    if kind not in FIELD_KINDS:
        raise r.fail(f"{where}: okänd kind ”{kind}” (kända: {', '.join(FIELD_KINDS)})", field_id)
    r.only(data, FIELD_KEYS[kind], f"{where} ({kind})", field_id)
    condition = None
    if "show_if" in data:
        cond = r.get(data, "show_if", dict, where, field_id)
        r.only(cond, ("field", "equals"), f"{where}, show_if", field_id)
        condition = Condition(
            field=r.get(cond, "field", str, f"{where}, show_if", field_id),
            equals=r.get(cond, "equals", str, f"{where}, show_if", field_id),
        )
    max_chars = r.ranged(data, "max_chars", 1, MAX_CHARS_LIMIT, where, field_id, default=None)
    label = r.get(data, "label", str, where, field_id, default="")
    if kind in ANSWER_KINDS + ("rows", "money_table") and not label:
        raise r.fail(f"{where}: en fråga behöver en ”label” (frågans text)", field_id)
    if kind == "info" and not (data.get("text") or data.get("bullets")):
        raise r.fail(f"{where}: en info-text behöver ”text” eller ”bullets”", field_id)
    return Field(
        id=field_id,
        kind=kind,
        label=label,
        text=r.get(data, "text", str, where, field_id, default="").strip(),
        heading=r.get(data, "heading", str, where, field_id, default=""),
        bullets=r.strings(data, "bullets", where, field_id),
        max_chars=max_chars,
        required=r.get(data, "required", bool, where, field_id, default=kind in ANSWER_KINDS + ("rows",)),
        show_if=condition,
        table=_build_table(r, data, field_id) if kind == "money_table" else None,
        columns=_build_row_columns(r, data, field_id) if kind == "rows" else (),
        row_label=r.get(data, "row_label", str, where, field_id, default="Rad"),
        span_heading=r.get(data, "span_heading", str, where, field_id, default=""),
        unit=r.get(data, "unit", str, where, field_id, default=""),
        minimum=_decimal(r, data, "minimum", where, field_id, Decimal(0) if kind == "number" else None),
        maximum=_decimal(r, data, "maximum", where, field_id, None),
        note=r.get(data, "note", bool, where, field_id, default=False),
        grid=r.get(data, "grid", bool, where, field_id, default=False),
        grid_labels=r.strings(data, "grid_labels", where, field_id),
        print_label=r.get(data, "print_label", str, where, field_id, default=None),
        print_text=r.get(data, "print_text", str, where, field_id, default=None),
        keywords=r.strings(data, "keywords", where, field_id),
    )


def _decimal(r: _Reader, data: dict, key: str, where: str, field_id: str, default):
    value = r.get(data, key, (int, float), where, field_id, default=None)
    if value is None:
        return default
    number = Decimal(str(value))
    if not number.is_finite() or abs(number) >= AMOUNT_LIMIT:
        raise TemplateError(f"{r.path.name}, rad {r.key_line(key, field_id)}: {where}: ”{key}” ska vara ett tal "
                            f"mindre än 10^12 (plus eller minus), inte {value}")
    return number


def _build_row_columns(r: _Reader, data: dict, field_id: str) -> tuple[RowColumn, ...]:
    where = f"Fältet ”{field_id}”, columns"
    columns = []
    for item in r.get(data, "columns", list, f"Fältet ”{field_id}”", field_id):
        if not isinstance(item, dict):
            raise r.fail(f"{where}: varje kolumn ska vara en tabell {{ id = …, label = … }}", field_id)
        r.only(item, ("id", "label", "max_chars", "lines"), where, item.get("id", ""), field_id)
        columns.append(RowColumn(
            id=r.ident(item, where, field_id),
            label=r.get(item, "label", str, where, field_id),
            max_chars=r.ranged(item, "max_chars", 1, MAX_CHARS_LIMIT, where, field_id, default=None),
            lines=r.ranged(item, "lines", 1, 40, where, field_id, default=3),
        ))
    if not columns:
        raise r.fail(f"{where}: minst en kolumn behövs", field_id)
    if len({c.id for c in columns}) != len(columns):
        raise r.fail(f"{where}: två kolumner har samma id", field_id)
    return tuple(columns)


def _build_table(r: _Reader, data: dict, field_id: str) -> MoneyTable:
    where = f"Tabellen ”{field_id}”"
    for key, allowed in (("groups", ("id", "label", "role")), ("columns", ("id", "group", "party", "label")),
                         ("rows", ("id", "label", "role", "groups", "source", "note", "count_field"))):
        for item in r.get(data, key, list, where, field_id):
            if not isinstance(item, dict):
                raise r.fail(f"{where}: varje post i ”{key}” ska vara en tabell {{ id = … }}", field_id)
            r.only(item, allowed, f"{where}, {key}", item.get("id", ""), field_id)
    groups = tuple(
        Group(
            id=r.ident(g, f"{where}, groups", field_id),
            label=r.get(g, "label", str, f"{where}, groups", field_id),
            role=r.get(g, "role", str, f"{where}, groups", field_id),
        )
        for g in r.get(data, "groups", list, where, field_id)
    )
    columns = tuple(
        Column(
            id=r.ident(c, f"{where}, columns", field_id),
            group=r.get(c, "group", str, f"{where}, columns", field_id),
            party=r.get(c, "party", str, f"{where}, columns", field_id),
            label=r.get(c, "label", str, f"{where}, columns", field_id, default=""),
        )
        for c in r.get(data, "columns", list, where, field_id)
    )
    rows = tuple(
        Row(
            id=r.ident(row, f"{where}, rows", field_id),
            label=r.get(row, "label", str, f"{where}, rows", field_id),
            role=r.get(row, "role", str, f"{where}, rows", field_id),
            groups=r.strings(row, "groups", f"{where}, rows", field_id) if "groups" in row else None,
            source=r.get(row, "source", str, f"{where}, rows", field_id, default=""),
            note=r.get(row, "note", str, f"{where}, rows", field_id, default=""),
            count_field=r.get(row, "count_field", str, f"{where}, rows", field_id, default=""),
        )
        for row in r.get(data, "rows", list, where, field_id)
    )
    group_ids = {g.id for g in groups}
    seen: set[str] = set()
    for item in (*groups, *columns, *rows):
        if item.id in seen:
            raise r.fail(f"{where}: id ”{item.id}” används två gånger i tabellen", item.id, field_id)
        seen.add(item.id)
    for g in groups:
        if g.role not in GROUP_ROLES:
            raise r.fail(f"{where}: gruppen ”{g.id}” har okänd role ”{g.role}”", field_id)
    for c in columns:
        if c.group not in group_ids:
            raise r.fail(f"{where}: kolumnen ”{c.id}” hör till okänd grupp ”{c.group}”", c.id, field_id)
        if c.party not in (*PARTIES, TOTAL_PARTY):
            raise r.fail(f"{where}: kolumnen ”{c.id}” har okänd part ”{c.party}”", c.id, field_id)
        if c.party == TOTAL_PARTY and not c.label:
            raise r.fail(f"{where}: summakolumnen ”{c.id}” behöver en ”label”", c.id, field_id)
    for row in rows:
        if row.role not in ROW_ROLES:
            raise r.fail(f"{where}: raden ”{row.id}” har okänd role ”{row.role}”", row.id, field_id)
        unknown = set(row.groups or ()) - group_ids
        if unknown:
            raise r.fail(f"{where}: raden ”{row.id}” nämner okänd grupp {sorted(unknown)}", row.id, field_id)
        if row.groups is not None and row.editable:
            raise r.fail(f"{where}: ”groups” gäller bara uträknade rader (sum, refund), inte ”{row.id}”",
                         row.id, field_id)
    if not any(row.role == "cost" for row in rows) or not any(c.party in PARTIES for c in columns):
        raise r.fail(f"{where}: tabellen behöver minst en kostnadsrad (role = \"cost\") och en partskolumn", field_id)
    return MoneyTable(
        unit=r.get(data, "unit", str, where, field_id, default="tkr"),
        decimals=r.ranged(data, "decimals", 0, MAX_DECIMALS, where, field_id, default=1),
        groups=groups, columns=columns, rows=rows,
        footnote=r.get(data, "footnote", str, where, field_id, default=""),
    )


def _check_template(r: _Reader, template: Template) -> None:
    try:
        if template.deadline:
            date(2000, template.deadline.month, template.deadline.day)
    except ValueError:
        raise r.fail(f"deadline: {template.deadline.day}/{template.deadline.month} är inget datum") from None
    if template.last_year is not None and template.last_year < template.first_year:
        raise r.fail(f"last_year {template.last_year} är före first_year {template.first_year}")
    seen: dict[str, str] = {}
    for section in template.sections:
        for ident in (section.id, *(f.id for f in section.fields)):
            if ident in seen:
                raise r.fail(f"id ”{ident}” används två gånger", ident)
            if ident in RESERVED_IDS:
                raise r.fail(f"id ”{ident}” är reserverat för programmets sista sida; välj ett annat", ident)
            seen[ident] = section.id
    by_id = {f.id: f for f in template.fields()}
    for f in template.fields():
        if f.show_if:
            target = by_id.get(f.show_if.field)
            if target is None:
                raise r.fail(f"Fältet ”{f.id}”: show_if pekar på okänt fält ”{f.show_if.field}”", f.id)
            if target.kind == "yesno" and f.show_if.equals not in YESNO_VALUES:
                raise r.fail(f"Fältet ”{f.id}”: show_if equals ska vara ja eller nej", f.id)
    for text, near in _template_texts(template):
        for match in _PLACEHOLDER_RE.finditer(text):
            if match.group(1) not in _placeholder_values(template, "", 2000):
                raise r.fail(f"okänd platshållare {{{match.group(1)}}} i ”{text[:60]}”", near)


def _template_texts(template: Template):
    yield template.title, ""
    yield template.file_name, ""
    yield template.signature, ""
    yield template.email_subject, ""
    yield template.email_body, ""
    for section in template.sections:
        yield section.title, section.id
        for f in section.fields:
            for text in (f.label, f.text, f.heading, f.row_label, *f.bullets, *(c.label for c in f.columns)):
                yield text, f.id
            if f.table:
                yield f.table.footnote, f.id
                for item in (*f.table.groups, *f.table.rows, *f.table.columns):
                    yield item.label, item.id


# --- the set of shipped templates -------------------------------------------------------------


class TemplateLibrary:
    """Every template revision found in a folder, by (id, revision)."""

    def __init__(self, templates: list[Template]):
        self._by_key: dict[tuple[str, str], Template] = {}
        for t in templates:
            other = self._by_key.get(t.key)
            if other is not None:
                raise TemplateError(
                    f"{t.source.name} och {other.source.name} är båda mallen {t.id} version {t.revision}. "
                    "Ändra ”revision” i den nya filen.")
            self._by_key[t.key] = t

    @classmethod
    def load(cls, folder: Path | None = None, cache: Path | None = None) -> TemplateLibrary:
        """Every template in `folder` (the shipped ones by default); `cache`: a file that keeps their
        parsed TOML between starts (the app's start passes one in its cache folder)."""
        folder = Path(folder) if folder else resource_path("templates")
        paths = sorted(folder.glob("*.toml"))
        if cache is None:
            return cls([load_template(p) for p in paths])
        return cls([_checked_template(_Reader(p), data) for p, data in _parsed_with_cache(paths, cache)])

    def __iter__(self):
        return iter(sorted(self._by_key.values(), key=lambda t: (t.id, t.first_year)))

    def get(self, template_id: str, revision: str) -> Template:
        try:
            return self._by_key[(template_id, revision)]
        except KeyError:
            raise KeyError(f"mallen {template_id} version {revision} finns inte") from None

    def types(self) -> list[tuple[str, str]]:
        """(template id, type name) of every report type, the newest revision's name: the yearly
        follow-ups first, then the action plans, then papers without a deadline."""
        newest: dict[str, Template] = {}
        for t in self:
            newest[t.id] = t

        def order(t: Template):
            due = t.deadline.years_after if t.deadline else None
            return (0 if due and due > 0 else 1 if due is not None else 2, t.type_name)

        return [(t.id, t.type_name) for t in sorted(newest.values(), key=order)]

    def for_year(self, template_id: str, year: int) -> Template:
        """The revision a new report for `year` is made with."""
        revisions = [t for t in self if t.id == template_id]
        if not revisions:
            raise KeyError(f"ingen mall med id {template_id}")
        covering = [t for t in revisions if t.covers(year)]
        earlier = [t for t in revisions if t.first_year <= year]
        if covering or earlier:
            return max(covering or earlier, key=lambda t: t.first_year)
        return min(revisions, key=lambda t: t.first_year)  # a year before every revision
