"""The receiving side: reports that areas emailed in, read from saved emails (.eml) and report files
(.json, .docx) and kept in the store as received.

From an email the JSON attachment (forms/interchange.py) is taken: it is exact. Without one, the Word
attachment goes through the Word importer (forms/word_import.py). Every item is checked here before anything is
written; the store then keeps each report in one transaction (Store.receive_report). No Qt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path, PurePath

from forms import times
from forms.answers import answer_text, format_number
from forms.areas import areas_for
from forms.interchange import InterchangeError, report_from_json
from forms.report import Report, is_visible
from forms.template import TemplateLibrary

SUFFIXES = (".eml", ".json", ".docx", ".msg")
MAX_ITEM_BYTES = 50 * 1024 * 1024  # larger than any email a mail server lets through
FUTURE_TOLERANCE = timedelta(days=1)  # clocks differ; a date further ahead is not believed


class ReceiveError(ValueError):
    """An item that cannot be received; the message is Swedish and says what to do."""


@dataclass
class Incoming:
    """One report read from a received item, checked and ready for the store."""

    report: Report
    sender: str
    received_at: str  # ISO date and time, aware (forms/times.py)
    source_name: str
    source_sha256: str
    files: list[tuple[str, bytes]]  # the original files, kept read-only with the report
    notes: list[str] = field(default_factory=list)  # e.g. where the Word file disagrees with the JSON


# --- finding items -----------------------------------------------------------------------------------

def find_items(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Every file to receive: the given files, and in given folders (and their subfolders) the files
    ending .eml, .json, .docx or .msg, in name order. Word's lock files (~$…) are skipped."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix.lower() in SUFFIXES and child.is_file() and not child.name.startswith("~$"):
                    yield child
        else:
            yield path


# --- reading one item --------------------------------------------------------------------------------

def read_item(path: Path, library: TemplateLibrary, now: datetime | None = None) -> Incoming:
    """Read and check one received file; raises ReceiveError with the reason."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".msg":
        raise ReceiveError(
            "Outlook-filer (.msg) kan inte läsas av programmet. Spara meddelandet i Outlook som "
            "”Outlook-meddelandeformat – Unicode” är inte nog: välj Arkiv → Spara som → .eml om det finns, "
            "eller spara bilagorna (JSON- eller Word-filen) och importera dem.")
    if suffix not in SUFFIXES:
        raise ReceiveError(f"Filtypen ”{path.suffix or 'ingen'}” kan inte importeras. Välj .eml-, .json- eller .docx-filer.")
    try:
        size = path.stat().st_size
        if size > MAX_ITEM_BYTES:
            raise ReceiveError(f"Filen är {size / 1024 / 1024:.0f} MB, större än något e-postmeddelande kan vara. "
                               "Den importerades inte.")
        data = path.read_bytes()
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)
    except OSError as exc:
        raise ReceiveError(f"Filen kunde inte läsas: {exc.strerror or exc}.") from exc
    now = times.as_utc(now) if now else times.now()  # a naive `now` is local time
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".eml":
        return _from_email(path.name, data, sha, mtime, library, now)
    if suffix == ".json":
        report = _json_report(data, library, path.name)
        return _checked(Incoming(report, report.compiled_by or "okänd avsändare", mtime.isoformat(),
                                 path.name, sha, [(path.name, data)]), library)
    report, notes = _read_word(data, library, path.name)
    return _checked(Incoming(report, report.compiled_by or "okänd avsändare", mtime.isoformat(), path.name,
                             sha, [(path.name, data)], notes), library)


def _from_email(name: str, data: bytes, sha: str, mtime: datetime, library: TemplateLibrary,
                now: datetime) -> Incoming:
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage) or not any(message.get(h) for h in ("From", "To", "Subject", "Date")):
        raise ReceiveError("Filen är inte ett e-postmeddelande (den saknar avsändare, mottagare, ämne och datum). "
                           "Spara meddelandet från e-postprogrammet som .eml och försök igen.")
    received = _email_date(message, mtime, now)
    sender = _sender(message)
    attachments = []
    for part in message.iter_attachments():
        filename = PurePath((part.get_filename() or "").replace("\\", "/")).name  # never a path
        try:
            content = part.get_content()
        except (LookupError, ValueError, AssertionError) as exc:
            raise ReceiveError(f"Bilagan ”{filename or 'utan namn'}” i e-postmeddelandet är skadad ({exc}).") from exc
        if isinstance(content, str):
            content = content.encode("utf-8")
        broken = [type(d).__name__ for d in part.defects]
        attachments.append((filename, content, broken))
    jsons = [a for a in attachments if a[0].lower().endswith(".json")]
    words = [a for a in attachments if a[0].lower().endswith(".docx")]
    if not jsons and not words:
        if message.defects:
            raise ReceiveError("E-postmeddelandet är skadat (" + ", ".join(type(d).__name__ for d in message.defects)
                               + ") och ingen rapport kunde hittas i det. Be avsändaren skicka det igen.")
        raise ReceiveError("E-postmeddelandet har ingen rapport bifogad (varken JSON- eller Word-fil). "
                           "Be avsändaren skicka rapporten med Avtalsuppföljning eller bifoga Word-filen.")
    if len(jsons) > 1:
        raise ReceiveError(f"E-postmeddelandet har {len(jsons)} JSON-filer ({', '.join(a[0] for a in jsons)}); "
                           "det går inte att veta vilken som är rapporten. Importera rätt fil för sig.")
    notes = []
    if jsons:
        json_name, json_data, broken = jsons[0]
        if broken:
            raise ReceiveError(f"Bilagan ”{json_name}” är skadad i e-postmeddelandet ({', '.join(broken)}). "
                               "Be avsändaren skicka rapporten igen.")
        report = _json_report(json_data, library, json_name)
        for word_name, word_data, word_broken in words:
            if not word_broken:
                notes += _disagreements(report, word_data, library, word_name)
    else:
        word_name, word_data, broken = words[0]
        if broken:
            raise ReceiveError(f"Bilagan ”{word_name}” är skadad i e-postmeddelandet ({', '.join(broken)}). "
                               "Be avsändaren skicka rapporten igen.")
        report, notes = _read_word(word_data, library, word_name)
    files = [(n or "bilaga", c) for n, c, _ in attachments]
    return _checked(Incoming(report, sender or report.compiled_by or "okänd avsändare", received.isoformat(),
                             name, sha, files, notes), library)


def _sender(message: EmailMessage) -> str:
    try:
        real, address = parseaddr(str(message.get("From", "")))
    except (TypeError, ValueError, IndexError):
        return ""
    if address and "@" in address:
        return f"{real} <{address}>" if real else address
    return ""


def _email_date(message: EmailMessage, mtime: datetime, now: datetime) -> datetime:
    """The Date header as an aware UTC time, its offset honoured (02:10 +0100 is after 02:30 +0200);
    a draft has none: the file's time. A date in the future is refused, else a forged date would make
    that report the current one for ever."""
    raw = message.get("Date")
    when = mtime
    if raw:
        try:
            parsed = parsedate_to_datetime(str(raw))
        except (TypeError, ValueError, IndexError):
            raise ReceiveError(f"E-postmeddelandets datum ”{raw}” går inte att läsa. Meddelandet kan vara "
                               "ändrat eller skadat; be avsändaren skicka det igen.") from None
        # "-0000" (no zone given) is read by Python as naive; RFC 5322 says it is UTC
        when = (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC).replace(microsecond=0)
    if when > now + FUTURE_TOLERANCE:
        raise ReceiveError(f"E-postmeddelandets datum {times.shown(when)} ligger i framtiden. Meddelandet kan "
                           "vara förfalskat eller datorns klocka fel; det importerades inte.")
    return when


def _json_report(data: bytes, library: TemplateLibrary, name: str) -> Report:
    try:
        return report_from_json(data.decode("utf-8-sig"), library)
    except UnicodeDecodeError:
        raise ReceiveError(f"”{name}” är inte en textfil i UTF-8 och kan inte vara en rapport.") from None
    except InterchangeError as exc:
        raise ReceiveError(f"”{name}”: {exc}") from None


def _read_word(data: bytes, library: TemplateLibrary, name: str) -> tuple[Report, list[str]]:
    """A report read back out of a Word file, with what the reader wants looked at."""
    from forms.word_import import import_docx  # python-docx and rapidfuzz: only when a Word file comes

    try:
        result = import_docx(data, library, name=name)
    except ValueError as exc:
        raise ReceiveError(f"”{name}”: {exc}") from None
    if result.ambiguous:
        raise ReceiveError(
            f"”{name}” kan vara flera olika rapporttyper ({', '.join(c.name for c in result.candidates)}). "
            "Importera Word-filen för sig (Importera Word-rapport… eller import-docx), där du anger mallen.")
    if result.report is None:
        raise ReceiveError(
            f"Ur Word-filen ”{name}” gick det inte att läsa {', '.join(result.missing)}. Importera den för sig "
            "(Importera Word-rapport… eller import-docx), där du anger det som saknas.")
    notes = [f"Lästes ur Word-filen ”{name}” (ingen JSON-fil bifogad): {result.summary()}."]
    notes += list(result.warnings) + [c.message for c in result.mismatches]
    return result.report, notes


def _disagreements(report: Report, word_data: bytes, library: TemplateLibrary, word_name: str) -> list[str]:
    """Where the Word file says something else than the JSON (the JSON is what is imported)."""
    try:
        word, _ = _read_word(word_data, library, word_name)
    except ReceiveError as exc:
        return [f"Word-filen kunde inte jämföras med JSON-filen: {exc}"]
    template = library.get(report.template_id, report.revision)
    notes = []
    for label, mine, theirs in (("område", report.area, word.area), ("år", report.year, word.year)):
        if str(mine).strip().casefold() != str(theirs).strip().casefold():
            notes.append(f"Word-filen anger {label} {theirs}, JSON-filen {mine}.")
    for f in template.fields():
        if not is_visible(template, report, f.id):  # hidden by the report's own Ja/Nej: Word leaves it out
            continue
        if f.is_answer and _normal(answer_text(f, report.answer(f.id))) != _normal(answer_text(f, word.answer(f.id))):
            notes.append(f"Svaret på ”{_short(template.render(f.label, report.area, report.year))}” skiljer sig "
                         "mellan Word-filen och JSON-filen.")
        if f.kind == "money_table":
            for row in (r for r in f.table.rows if r.editable):
                for column in f.table.columns:
                    a, b = report.amount(f.id, row.id, column.id), word.amount(f.id, row.id, column.id)
                    if a != b:
                        group = template.render(f.table.group(column.group).label, report.area, report.year)
                        notes.append(f"{_short(template.render(row.label, report.area, report.year))}, {group} "
                                     f"{template.column_label(column)}: Word-filen {_amount(b)}, JSON-filen {_amount(a)}.")
    return [f"{n} JSON-filen gäller." for n in notes]


def _normal(text: str) -> str:
    return " ".join(text.split())


def _amount(value) -> str:
    return "tom" if value is None else format_number(value)


def _short(text: str, limit: int = 60) -> str:
    text = text.rstrip(":").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _checked(item: Incoming, library: TemplateLibrary) -> Incoming:
    """Refuse a report for an area or a year the templates do not know; the area's name is made the
    canonical one ("centrum" → "Centrum")."""
    report = item.report
    template = library.get(report.template_id, report.revision)
    known = areas_for(template.area_word)
    match = next((a for a in known if a.casefold() == report.area.strip().casefold()), None)
    if match is None:
        raise ReceiveError(
            f"Rapporten gäller området ”{report.area}”, som inte finns bland {template.area_word}na för "
            f"{template.type_name} {report.year} ({', '.join(known)}). Den importerades inte; kontrollera "
            "med avsändaren vilket område som avses.")
    if not template.covers(report.year):
        span = f"{template.first_year}–{template.last_year or ''}"
        raise ReceiveError(
            f"Rapporten gäller år {report.year}, men mallen {template.type_name} version {template.revision} "
            f"gäller år {span}. Den importerades inte; kontrollera året med avsändaren.")
    report.area = match
    return item


# --- receiving many ----------------------------------------------------------------------------------

@dataclass
class Outcome:
    name: str
    report_id: int | None = None
    what: str = ""  # "ny", "ersatte", "äldre", "redan importerad"; "" when refused
    reason: str = ""  # why it was refused
    notes: list[str] = field(default_factory=list)


def receive_paths(store, library: TemplateLibrary, paths: Iterable[Path | str], *,
                  progress: Callable[[int, int, str], None] | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  now: datetime | None = None) -> tuple[list[Outcome], bool]:
    """Receive every item; each report is written whole or not at all. Returns the outcome of each
    item and whether the user stopped it (the items before stay received, the rest are untouched)."""
    from forms.store import StoreError

    items = list(find_items(paths))
    outcomes = []
    for number, path in enumerate(items):
        if cancelled is not None and cancelled():
            return outcomes, True
        if progress is not None:
            progress(number, len(items), path.name)
        try:
            incoming = read_item(path, library, now)
            report_id, what = store.receive_report(incoming)
            outcomes.append(Outcome(path.name, report_id, what, notes=incoming.notes))
        except (ReceiveError, StoreError) as exc:
            outcomes.append(Outcome(path.name, reason=str(exc)))
    if progress is not None:
        progress(len(items), len(items), "")
    return outcomes, False


OUTCOME_TEXT = {
    "ny": "importerad",
    "ersatte": "importerad, ersätter ett tidigare inskick (som finns kvar som version)",
    "äldre": "äldre än det inskick som redan finns; sparad som version",
    "redan importerad": "redan importerad tidigare; ingenting ändrat",
}


def describe(outcome: Outcome) -> str:
    """One line per item, in Swedish."""
    if outcome.reason:
        return f"{outcome.name}: INTE importerad – {outcome.reason}"
    line = f"{outcome.name}: {OUTCOME_TEXT.get(outcome.what, outcome.what)}"
    return "\n  ".join([line, *outcome.notes])
