"""The receiving side: reports that areas emailed in, read from saved emails (.eml) and report files
(.json, .docx) and kept in the store as received.

From an email the JSON attachment (forms/interchange.py) is taken: it is exact. Without one, the Word
attachment goes through the Word importer (forms/word_import/). Every item is checked here before anything is
written; the store then keeps each report in one transaction (Store.receive_report). No Qt.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.errors import HeaderParseError, MessageError
from email.feedparser import BytesFeedParser
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from forms import times
from forms.addresses import single_line
from forms.answers import answer_text, format_number
from forms.areas import areas_for
from forms.clean import safe_attachment_name
from forms.errors import UserError
from forms.interchange import InterchangeError, report_from_json
from forms.report import Report, is_visible, list_name
from forms.template import TemplateLibrary

SUFFIXES = (".eml", ".json", ".docx", ".msg")
MAX_ITEM_BYTES = 50 * 1024 * 1024  # larger than any email a mail server lets through
FUTURE_TOLERANCE = timedelta(days=1)  # clocks differ; a date further ahead is not believed
OLDEST_DATE = datetime(1990, 1, 1, tzinfo=UTC)  # a Date before this is a broken clock or a forgery, not a report
# Limits on one email (docs/reliability.md). A real report email has a handful of parts, a forward
# of a forward a few levels; these are far above that and far below what makes reading slow.
MAX_PARTS = 10_000
MAX_DEPTH = 20  # multiparts and forwarded messages inside each other
MAX_DECODED_BYTES = 100 * 1024 * 1024  # every attachment decoded, forwarded ones included
TIME_BUDGET_SECONDS = 20.0  # reading one item; a 10 000-part email takes well under a second
_CHUNK = 64 * 1024  # the parser is fed this much at a time; between chunks time and Avbryt are checked


class ReceiveError(UserError, ValueError):
    """An item that cannot be received; the message is Swedish and says what to do."""


class Cancelled(Exception):
    """The user pressed Avbryt while an item was being read."""


@dataclass
class Incoming:
    """One report read from a received item, checked and ready for the store."""

    report: Report
    sender: str
    received_at: str  # ISO date and time, aware (forms/times.py)
    source_name: str
    source_sha256: str
    files: list[tuple[str, bytes]]  # the original files (names cleaned), kept read-only with the report
    notes: list[str] = field(default_factory=list)  # e.g. where the Word file disagrees with the JSON


# --- finding items -----------------------------------------------------------------------------------

def find_items(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Every file to receive: the given files, and in given folders (and their subfolders) the
    entries ending .eml, .json, .docx or .msg, in name order. Word's lock files (~$…) are skipped.
    A named pipe or device with such a name is listed too: reading refuses it with its own line."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix.lower() in SUFFIXES and not child.is_dir() and not child.name.startswith("~$"):
                    yield child
        else:
            yield path


# --- reading one item --------------------------------------------------------------------------------

class _Budget:
    """The limits of one item being read: parts, depth, decoded bytes, time, and Avbryt."""

    def __init__(self, cancelled: Callable[[], bool] | None, seconds: float | None = None):
        self.cancelled = cancelled
        self.seconds = TIME_BUDGET_SECONDS if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds
        self.parts = -1  # the message itself is not one of its parts
        self.decoded = 0

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled
        if time.monotonic() > self.deadline:
            raise ReceiveError(f"Filen tog mer än {self.seconds:g} sekunder att läsa och lästes inte färdigt. "
                               "Den är ovanligt uppbyggd (kanske avsiktligt); be avsändaren skicka rapporten igen "
                               "som vanlig bilaga.")

    def part(self, depth: int) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise ReceiveError(f"E-postmeddelandet har fler än {MAX_PARTS:,} delar".replace(",", " ")
                               + " och lästes inte (ett riktigt meddelande har ett fåtal). Be avsändaren skicka "
                               "rapporten igen som vanlig bilaga.")
        if depth > MAX_DEPTH:
            raise ReceiveError(f"E-postmeddelandet har delar i fler än {MAX_DEPTH} nivåer i varandra och lästes "
                               "inte. Be avsändaren skicka rapporten igen som vanlig bilaga, inte vidarebefordrad "
                               "i många led.")
        if self.parts % 256 == 0:
            self.check()

    def decode(self, size: int) -> None:
        self.decoded += size
        if self.decoded > MAX_DECODED_BYTES:
            raise ReceiveError(f"Bilagorna i e-postmeddelandet är tillsammans större än "
                               f"{MAX_DECODED_BYTES / 1024 / 1024:g} MB och lästes inte.")


def read_item(path: Path, library: TemplateLibrary, now: datetime | None = None,
              cancelled: Callable[[], bool] | None = None) -> Incoming:
    """Read and check one received file; raises ReceiveError with the reason (Cancelled when
    `cancelled` says so, checked often enough to stop within a fraction of a second)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReceiveError(f"Filtypen ”{single_line(path.suffix) or 'ingen'}” kan inte importeras. Välj .eml-, "
                           ".msg-, .json- eller .docx-filer.")
    data, mtime = _read_regular_file(path)
    now = times.as_utc(now) if now else times.now()  # a naive `now` is local time
    sha = hashlib.sha256(data).hexdigest()
    budget = _Budget(cancelled)
    name = safe_attachment_name(path.name)
    if suffix == ".eml":
        return _from_email(name, data, sha, mtime, library, now, budget)
    if suffix == ".msg":
        return _from_outlook(name, data, sha, mtime, library, now, budget)
    if suffix == ".json":
        report = _json_report(data, library, name)
        return _checked(Incoming(report, report.compiled_by or "okänd avsändare", mtime.isoformat(),
                                 name, sha, [(name, data)]), library)
    report, notes = _read_word(data, library, name)
    return _checked(Incoming(report, report.compiled_by or "okänd avsändare", mtime.isoformat(), name,
                             sha, [(name, data)], notes), library)


def _read_regular_file(path: Path) -> tuple[bytes, datetime]:
    """The bytes and modification time of a regular file; a named pipe, device or socket is refused
    without waiting on it (opened non-blocking, checked before a byte is read)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ReceiveError(f"Filen kunde inte läsas: {_os_reason(exc)}.") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReceiveError("Det här är ingen vanlig fil (utan en namngiven pipe, en enhet eller liknande) och "
                               "lästes inte. Spara e-postmeddelandet som en fil och importera den.")
        if info.st_size > MAX_ITEM_BYTES:
            raise ReceiveError(f"Filen är {info.st_size / 1024 / 1024:.0f} MB, större än något e-postmeddelande "
                               "kan vara. Den importerades inte.")
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(MAX_ITEM_BYTES + 1)
        if len(data) > MAX_ITEM_BYTES:
            raise ReceiveError("Filen växte medan den lästes och är nu större än något e-postmeddelande kan vara. "
                               "Den importerades inte.")
        return data, datetime.fromtimestamp(info.st_mtime, UTC).replace(microsecond=0)
    except OSError as exc:
        raise ReceiveError(f"Filen kunde inte läsas: {_os_reason(exc)}.") from None
    finally:
        os.close(fd)


def _os_reason(exc: OSError) -> str:
    import errno

    return {errno.ENOENT: "den finns inte (längre)", errno.EACCES: "du har inte behörighet att läsa den",
            errno.EPERM: "du har inte behörighet att läsa den", errno.EISDIR: "det är en mapp",
            errno.ENAMETOOLONG: "namnet är för långt"}.get(exc.errno, "läsfel på disken eller nätverket")


@dataclass
class _Found:
    """An attached file found somewhere in an email, with the message it was attached to."""

    name: str
    content: bytes
    defects: list[str]
    sender: str = ""  # of the (forwarded) message that carried it
    date: str = ""
    forwarded: bool = False


def _parse_email(data: bytes, budget: _Budget, depth: int = 0) -> Message:
    """The message in `data`, parsed with the fast compat32 policy (the default policy parses every
    part's headers into objects: 0.5 ms a part), fed in chunks so that limits and Avbryt are
    checked while it is read."""
    parser: BytesFeedParser | None = None

    def new_part(policy=None) -> Message:  # noqa: ARG001 - the parser passes its policy
        if parser is not None:  # the parser calls this once to probe it before parsing
            budget.part(depth + len(getattr(parser, "_msgstack", ())))
        return Message(policy=compat32)

    compat32 = policy.compat32
    parser = BytesFeedParser(_factory=new_part, policy=compat32)
    try:
        for start in range(0, len(data), _CHUNK):
            budget.check()
            parser.feed(data[start:start + _CHUNK])
        return parser.close()
    except RecursionError:
        raise ReceiveError(f"E-postmeddelandet har delar i fler än {MAX_DEPTH} nivåer i varandra och lästes "
                           "inte.") from None


def _raw_header(message: Message, name: str) -> str:
    """A header's raw text on one line: raw 8-bit bytes read as UTF-8, line breaks and control
    characters made spaces; encoded words (=?utf-8?q?…?=) left as they are."""
    raw = message.get(name)
    return "" if raw is None else single_line(str(raw).encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def _decoded(text: str) -> str:
    """Encoded words decoded, on one line; an unknown charset keeps the raw text."""
    try:
        text = str(make_header(decode_header(text)))
    except (LookupError, UnicodeError, ValueError, HeaderParseError, AssertionError):
        pass
    return single_line(text)


def _file_name(part: Message) -> str:
    try:
        raw = part.get_filename() or ""
    except (LookupError, UnicodeError, ValueError, HeaderParseError, TypeError):
        raw = ""
    return _decoded(str(raw).encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def _attachments(message: Message, budget: _Budget, depth: int = 0) -> list[_Found]:
    """Every attached file in `message`, in order, including those of forwarded messages (attached as
    message/rfc822 or as a .eml file) at any depth within the limits; walked without recursion."""
    found: list[_Found] = []
    stack: list[tuple[Message, int, Message, bool]] = [(message, depth, message, False)]
    while stack:
        part, level, carrier, forwarded = stack.pop()
        if part.get_content_maintype() == "message" and part.is_multipart():  # message/rfc822: a forward
            inner = part.get_payload()
            stack.extend((p, level + 1, p, True) for p in reversed(inner) if isinstance(p, Message))
            continue
        if part.is_multipart():
            payload = part.get_payload()
            stack.extend((p, level + 1, carrier, forwarded) for p in reversed(payload) if isinstance(p, Message))
            continue
        name = _file_name(part)
        if not name:
            continue  # the message's own text
        budget.check()
        try:
            content = part.get_payload(decode=True) or b""
        except (LookupError, ValueError, AssertionError, MessageError) as exc:
            raise ReceiveError(f"Bilagan ”{safe_attachment_name(name)}” i e-postmeddelandet är skadad "
                               f"({type(exc).__name__}).") from None
        budget.decode(len(content))
        defects = [type(d).__name__ for d in part.defects]
        if name.lower().endswith(".eml") or part.get_content_type() == "message/rfc822":
            inner = _parse_email(content, budget, level + 1)  # a forward saved as a file and attached
            found.append(_Found(safe_attachment_name(name), content, defects, *_sender_and_date(carrier), forwarded))
            found += _attachments_forwarded(inner, budget, level + 1)
            continue
        found.append(_Found(safe_attachment_name(name), content, defects, *_sender_and_date(carrier), forwarded))
    return found


def _attachments_forwarded(inner: Message, budget: _Budget, depth: int) -> list[_Found]:
    found = _attachments(inner, budget, depth)
    for item in found:
        if not item.forwarded:
            item.sender, item.date = _sender_and_date(inner)
            item.forwarded = True
    return found


def _sender_and_date(message: Message) -> tuple[str, str]:
    return _sender(_raw_header(message, "From")), _raw_header(message, "Date")


def _sender(raw: str) -> str:
    """`Namn <a@b.se>` or `a@b.se` from a From header's raw text, "" when it holds no address. The
    address is taken from the raw text and the name decoded after: a decoded name can hold anything,
    even something that looks like another address."""
    try:
        real, address = parseaddr(raw)
    except (TypeError, ValueError, IndexError):
        return ""
    if not address or "@" not in address:
        return ""
    name = _decoded(real)
    return single_line(f"{name} <{address}>" if name and name != address else address)


def _from_email(name: str, data: bytes, sha: str, mtime: datetime, library: TemplateLibrary,
                now: datetime, budget: _Budget) -> Incoming:
    message = _parse_email(data, budget)
    if not any(message.get(h) for h in ("From", "To", "Subject", "Date")):
        raise ReceiveError("Filen är inte ett e-postmeddelande (den saknar avsändare, mottagare, ämne och datum). "
                           "Spara meddelandet från e-postprogrammet som .eml och försök igen.")
    attachments = _attachments(message, budget)
    truncated = [type(d).__name__ for part in message.walk() if part.is_multipart() for d in part.defects
                 if type(d).__name__ in ("CloseBoundaryNotFoundDefect", "StartBoundaryNotFoundDefect")]
    return _from_files(name, sha, attachments, *_sender_and_date(message),
                       [type(d).__name__ for d in message.defects] + truncated, mtime, library, now)


def _from_outlook(name: str, data: bytes, sha: str, mtime: datetime, library: TemplateLibrary,
                  now: datetime, budget: _Budget) -> Incoming:
    found, sender, date = outlook_contents(data, budget)
    return _from_files(name, sha, found, sender, date, [], mtime, library, now)


def outlook_contents(data: bytes, budget: _Budget | None = None) -> tuple[list[_Found], str, str]:
    """The attached files, sender and sent date (as a Date header) of an Outlook message (.msg, as
    dragged out of Outlook), read with python-oxmsg (MIT). A .eml attached to it is read too."""
    from oxmsg import Message as OutlookMessage  # only when a .msg comes

    budget = budget or _Budget(None)
    try:
        message = OutlookMessage.load(data)
        attachments = message.attachments
        sender, sent = message.sender or "", message.sent_date
    except Exception:  # noqa: BLE001 - a broken .msg raises anything; it is refused, never a traceback
        raise ReceiveError("Filen är inte ett Outlook-meddelande som kan läsas (.msg), fast namnet säger det. Spara "
                           "meddelandet från Outlook igen (dra det till en mapp) eller spara bilagorna och "
                           "importera dem.") from None
    found = []
    for attachment in attachments:
        budget.part(1)
        try:
            file_name, content = attachment.file_name or "", attachment.file_bytes
        except Exception:  # noqa: BLE001 - as above
            raise ReceiveError("En bilaga i Outlook-meddelandet är skadad och kunde inte läsas.") from None
        if not file_name or content is None:
            continue  # attached by reference, or an embedded Outlook item: no file to read
        budget.decode(len(content))
        found.append(_Found(safe_attachment_name(file_name), content, []))
        if file_name.lower().endswith(".eml"):
            found += _attachments_forwarded(_parse_email(content, budget, 1), budget, 1)
    date = ""
    if sent is not None and sent.year > 1601:  # 1601-01-01 is the FILETIME of "never sent"
        date = sent.strftime("%a, %d %b %Y %H:%M:%S %z")
    return found, _sender(single_line(sender)), date


def _from_files(name: str, sha: str, attachments: list[_Found], sender: str, date: str, defects: list[str],
                mtime: datetime, library: TemplateLibrary, now: datetime) -> Incoming:
    """The report among the files of an email or Outlook message: the JSON file (exact), else the
    Word file. When it was inside a forwarded message, that message's sender and date are the
    report's (the forward may be much later)."""
    jsons = _distinct([a for a in attachments if a.name.lower().endswith(".json")])
    words = _distinct([a for a in attachments if a.name.lower().endswith(".docx")])
    if not jsons and not words:
        if defects:
            raise ReceiveError("E-postmeddelandet är skadat (" + ", ".join(dict.fromkeys(defects))
                               + ") och ingen rapport kunde hittas i det. Be avsändaren skicka det igen.")
        raise ReceiveError("E-postmeddelandet har ingen rapport bifogad (varken JSON- eller Word-fil), inte heller i "
                           "ett vidarebefordrat meddelande. Be avsändaren skicka rapporten med Avtalsuppföljning "
                           "eller bifoga Word-filen.")
    if len(jsons) > 1:
        raise ReceiveError(f"E-postmeddelandet har {len(jsons)} olika JSON-filer ({', '.join(a.name for a in jsons)}); "
                           "det går inte att veta vilken som är rapporten. Importera rätt fil för sig.")
    notes = []
    chosen = jsons[0] if jsons else words[0]
    broken = chosen.defects + [d for d in defects if d.endswith("BoundaryNotFoundDefect")]
    if broken:
        raise ReceiveError(f"Bilagan ”{chosen.name}” är skadad i e-postmeddelandet ({', '.join(dict.fromkeys(broken))}). "
                           "Be avsändaren skicka rapporten igen.")
    if jsons:
        report = _json_report(chosen.content, library, chosen.name)
        for word in words:
            if not word.defects:
                notes += _disagreements(report, word.content, library, word.name)
    else:
        report, notes = _read_word(chosen.content, library, chosen.name)
    if chosen.forwarded:
        notes.insert(0, f"Rapporten låg i ett vidarebefordrat meddelande (från {chosen.sender or 'okänd avsändare'}); "
                        "dess avsändare och datum gäller." if chosen.date else
                     "Rapporten låg i ett vidarebefordrat meddelande.")
        if chosen.date:
            sender, date = chosen.sender or sender, chosen.date
    received = _email_date(date, mtime, now)
    files = [(a.name, a.content) for a in attachments]
    return _checked(Incoming(report, sender or report.compiled_by or "okänd avsändare", received.isoformat(),
                             name, sha, files, notes), library)


def _distinct(found: list[_Found]) -> list[_Found]:
    """The same file forwarded along with its message is one file."""
    seen: dict[bytes, _Found] = {}
    for item in found:
        seen.setdefault(hashlib.sha256(item.content).digest(), item)
    return list(seen.values())


_YEAR_RE = re.compile(r"(?<![\d:+-])(\d{1,4})(?![\d:])")


def _email_date(raw: str, mtime: datetime, now: datetime) -> datetime:
    """The Date header as an aware UTC time, its offset honoured (02:10 +0100 is after 02:30 +0200);
    a draft has none: the file's time. A date in the future is refused, else a forged date would make
    that report the current one for ever. A year written with leading zeros ("0001") is not read as
    2001, as the email package would."""
    when = mtime
    if raw:
        unreadable = ReceiveError(f"E-postmeddelandets datum ”{raw[:80]}” går inte att läsa. Meddelandet kan vara "
                                  "ändrat eller skadat; be avsändaren skicka det igen.")
        try:
            parsed = parsedate_to_datetime(raw)
            # "-0000" (no zone given) is read by Python as naive; RFC 5322 says it is UTC
            when = (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
        except (TypeError, ValueError, IndexError, OverflowError):
            raise unreadable from None
        if any(len(y) > 2 and int(y) != parsed.year and y.startswith("0") for y in _YEAR_RE.findall(raw)):
            raise unreadable
        when = when.replace(microsecond=0)
        if when < OLDEST_DATE:
            raise ReceiveError(f"E-postmeddelandets datum {when:%Y-%m-%d} är orimligt gammalt. Meddelandet kan vara "
                               "ändrat eller avsändarens klocka fel; det importerades inte.")
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
    report_name: str = ""  # what was received: "Uppföljning FCA Centrum 2023" (forms.report.list_name)


def read_one(path: Path, library: TemplateLibrary, now: datetime | None = None,
             cancelled: Callable[[], bool] | None = None) -> Incoming | Outcome:
    """One item read on its own: the Incoming report, or the refused Outcome with its Swedish
    reason, whatever went wrong (an unexpected error included). Only Cancelled passes through.
    Touches no database: the app runs it in a worker thread."""
    name = display_name(path)
    try:
        return read_item(path, library, now, cancelled)
    except Cancelled:
        raise
    except ReceiveError as exc:
        return Outcome(name, reason=str(exc))
    except RecursionError:
        return Outcome(name, reason="Filen är för djupt nästlad för att läsas och importerades inte.")
    except MemoryError:
        return Outcome(name, reason="Filen är för stor för datorns minne och importerades inte.")
    except Exception as exc:  # noqa: BLE001 - one item's failure is that item's line, never the batch's
        return Outcome(name, reason=f"Filen kunde inte läsas: ett oväntat fel ({type(exc).__name__}). Den "
                                    "importerades inte; de andra filerna påverkas inte. Be avsändaren skicka "
                                    "rapporten igen.")


def store_one(store, path: Path, read: Incoming | Outcome, library: TemplateLibrary) -> Outcome:
    """Keep what read_one gave (whole, in one transaction) and say what happened."""
    from forms.store import StoreError

    if isinstance(read, Outcome):
        return read
    name = display_name(path)
    try:
        report_id, what = store.receive_report(read)
    except StoreError as exc:
        return Outcome(name, reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - the transaction was rolled back: nothing of it stays
        return Outcome(name, reason=f"Rapporten kunde inte sparas: ett oväntat fel ({type(exc).__name__}). "
                                    "Ingenting av den sparades; de andra filerna påverkas inte.")
    return Outcome(name, report_id, what, notes=read.notes, report_name=list_name(library, read.report))


def display_name(path: Path) -> str:
    """A received file's name as shown on its outcome line: one line, nothing invisible."""
    return single_line(Path(path).name) or "(utan namn)"


def receive_paths(store, library: TemplateLibrary, paths: Iterable[Path | str], *,
                  progress: Callable[[int, int, str], None] | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  now: datetime | None = None) -> tuple[list[Outcome], bool]:
    """Receive every item, each on its own: whatever goes wrong with one becomes that item's
    refused outcome and the rest go on; each report is written whole or not at all. Returns the
    outcome of each item and whether the user stopped it (the items before stay received, the
    one being read and the rest are untouched)."""
    items = list(find_items(paths))
    outcomes = []
    for number, path in enumerate(items):
        if cancelled is not None and cancelled():
            return outcomes, True
        if progress is not None:
            progress(number, len(items), display_name(path))
        try:
            read = read_one(path, library, now, cancelled)
        except Cancelled:
            return outcomes, True
        outcomes.append(store_one(store, path, read, library))
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
    if outcome.report_name:  # what it was, as the Word import's lines say it
        line += f" – {outcome.report_name}"
    return "\n  ".join([line, *outcome.notes])
