"""The SQLite store: every SQL statement of the application lives in this module.

One file, WAL with synchronous=FULL (a power cut does not undo a committed edit), foreign keys on,
numbered migrations applied in order in their own transactions and recorded in the database, and a
copy of the file taken before an existing database is migrated.

What it reads back (a report's summary, its bilagor, sendings, versions, receipts) are NamedTuples:
immutable rows like frozen dataclasses, and about a quarter of their cost to define on the app's start.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from forms import times
from forms.addresses import single_line
from forms.database_file import sqlite_uri
from forms.errors import NotFound, UserError
from forms.filesystem import distinct_names, unique_name
from forms.numbers import decimal_to_text
from forms.report import Report


def _record_earlier_word_imports(conn: sqlite3.Connection) -> None:
    """Migration 12: the Word documents imported before documents were recognised (their bytes are
    the bilaga the import stored with the new report, in the same transaction, so at its creation
    time) are recorded by their SHA-256, so importing one again is recognised too."""
    import hashlib

    rows = conn.execute(
        "SELECT a.report_id, a.name, a.content, a.added_at FROM attachments a JOIN reports r ON r.id = a.report_id "
        "WHERE a.added_at = r.created_at AND (lower(a.name) LIKE '%.docx' OR lower(a.name) LIKE '%.docm' "
        "OR lower(a.name) LIKE '%.dotx' OR lower(a.name) LIKE '%.dotm') ORDER BY a.id").fetchall()
    conn.executemany(
        "INSERT OR IGNORE INTO imported_documents (report_id, sha256, fingerprint, source_name, imported_at) "
        "VALUES (?, ?, NULL, ?, ?)",
        [(report_id, hashlib.sha256(content).hexdigest(), name, added_at) for report_id, name, content, added_at in rows])


_TIME_COLUMNS = {
    "reports": ("created_at", "updated_at", "deleted_at"), "attachments": ("added_at",),
    "sendings": ("created_at", "confirmed_at"), "versions": ("created_at",),
    "receipts": ("received_at", "imported_at"), "imported_documents": ("imported_at",),
    "schema_migrations": ("applied_at",),
}


def _times_to_utc(conn: sqlite3.Connection) -> None:
    """Migration 18: every stored time becomes aware UTC with its offset (forms/times.py). The naive
    times stored before were the machine's local time; an autumn time that occurred twice is taken as
    the first (summer time). Values already aware are normalised to UTC; others are left alone."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, columns in _TIME_COLUMNS.items():
        for column in columns if table in tables else ():
            changed = []
            for rowid, text in conn.execute(f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL"):
                try:
                    value = times.stored(datetime.fromisoformat(text))
                except (TypeError, ValueError):
                    continue
                if value != text:
                    changed.append((value, rowid))
            conn.executemany(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", changed)


MIGRATIONS: list[tuple[int, str, list]] = [
    (1, "create_reports", [
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            template_id TEXT NOT NULL,
            revision TEXT NOT NULL,
            area TEXT NOT NULL,
            year INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'utkast' CHECK (status IN ('utkast', 'klar', 'skickad')),
            compiled_by TEXT NOT NULL DEFAULT '',
            compiled_date TEXT,
            sent_date TEXT,
            current_page TEXT NOT NULL DEFAULT '',
            previous_id INTEGER REFERENCES reports(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        )""",
        """CREATE TABLE answers (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            field_id TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (report_id, field_id)
        )""",
        """CREATE TABLE amounts (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            table_id TEXT NOT NULL,
            row_id TEXT NOT NULL,
            column_id TEXT NOT NULL,
            amount TEXT NOT NULL,
            PRIMARY KEY (report_id, table_id, row_id, column_id)
        )""",
        "CREATE INDEX reports_by_year ON reports (year, template_id)",
    ]),
    (2, "attachments_and_sendings", [
        # Bilagor travel with the report: the file's bytes are copied in, not linked.
        """CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            content BLOB NOT NULL,
            added_at TEXT NOT NULL
        )""",
        # What was sent to the region: the exact files, their SHA-256, the time and the recipients.
        """CREATE TABLE sendings (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            confirmed_at TEXT,
            recipients TEXT NOT NULL,
            subject TEXT NOT NULL,
            eml_path TEXT NOT NULL
        )""",
        """CREATE TABLE sent_files (
            sending_id INTEGER NOT NULL REFERENCES sendings(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (sending_id, name)
        )""",
        "CREATE INDEX attachments_by_report ON attachments (report_id)",
        "CREATE INDEX sendings_by_report ON sendings (report_id)",
    ]),
    (3, "versions", [
        # Earlier states of a report, to look at and restore: edits coalesced to one version a
        # minute, plus one at each status change and before each restore.
        """CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            snapshot TEXT NOT NULL
        )""",
        "CREATE INDEX versions_by_report ON versions (report_id, id)",
    ]),
    (4, "version_texts", [
        # A long answer is kept once, compressed, however many versions hold it: a version's
        # snapshot names it by its SHA-256 instead of copying it (a 100 MB answer cost 200 MB).
        """CREATE TABLE version_texts (
            sha256 TEXT PRIMARY KEY,
            content BLOB NOT NULL
        )""",
    ]),
    (10, "received_reports", [
        # The receiving side (forms/receiving.py): a report an area emailed in. Each arrival is a
        # receipt with its sender, date and the original files (read-only); the same report arriving
        # again becomes the current state and the older one stays among the versions.
        "ALTER TABLE reports ADD COLUMN received INTEGER NOT NULL DEFAULT 0",
        """CREATE TABLE receipts (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            sender TEXT NOT NULL,
            received_at TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            source_name TEXT NOT NULL,
            source_sha256 TEXT NOT NULL UNIQUE,
            is_current INTEGER NOT NULL,
            version_id INTEGER REFERENCES versions(id) ON DELETE SET NULL,
            notes TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE received_files (
            receipt_id INTEGER NOT NULL REFERENCES receipts(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (receipt_id, name)
        )""",
        "CREATE INDEX receipts_by_report ON receipts (report_id, received_at)",
        "CREATE INDEX received_by_key ON reports (template_id, year, area) WHERE received = 1",
    ]),
    (12, "imported_documents", [
        # The Word document a report was imported from (forms/word_import/), to recognise it when
        # it is imported again: by its bytes (SHA-256) and by what was read from it (`fingerprint`,
        # the same text saved again by Word has other bytes). Not unique: the user may import a
        # second copy on purpose.
        """CREATE TABLE imported_documents (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL,
            fingerprint TEXT,
            source_name TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (report_id, sha256)
        )""",
        "CREATE INDEX imported_by_sha256 ON imported_documents (sha256)",
        "CREATE INDEX imported_by_fingerprint ON imported_documents (fingerprint) WHERE fingerprint IS NOT NULL",
        _record_earlier_word_imports,
    ]),
    (18, "times_in_utc", [_times_to_utc]),
    (180, "report_change_count", [
        # Counts every change of a report's content, so a window knows when the report changed under
        # it (another program, an import, a restored version) and never saves over the newer content.
        "ALTER TABLE reports ADD COLUMN change_count INTEGER NOT NULL DEFAULT 0",
    ]),
]
VERSION_INTERVAL_SECONDS = 60
LONG_TEXT = 4096  # answers longer than this are kept once for all versions (version_texts)
WRITE_WAIT_MS = 2000  # an ordinary write waits this long for another program's lock, then says so
OPEN_WAIT_MS = 30000  # opening waits for another process that is creating or migrating the same file
_SNAPSHOT_META = ("area", "status", "compiled_by", "compiled_date", "sent_date")
SCHEMA_VERSION = max(m[0] for m in MIGRATIONS)  # numbers are per issue (004…, 010…, 020…)
_ONE_LINE_COLUMNS = ("area", "compiled_by")
_META_COLUMNS = ("status", "compiled_by", "compiled_date", "sent_date", "current_page", "area")


class StoreError(UserError):
    """The database cannot be used; the message is Swedish and says what to do."""


class ReportChanged(StoreError):
    """A save based on an older state of the report: it was changed elsewhere meanwhile."""

    def __init__(self, report_id: int, expected: int, found: int):
        super().__init__(f"Rapporten har ändrats utanför det här fönstret (ändring {found}, fönstret visar {expected}). "
                         "Fönstret hämtar det nya innan något sparas.")
        self.report_id, self.expected, self.found = report_id, expected, found


class Attachment(NamedTuple):
    """A file attached to a report (a bilaga): its name and size, not its content."""

    id: int
    name: str
    size: int
    added_at: str


class RemovedAttachment(NamedTuple):
    """A bilaga removed from a report, kept with its content so the removal can be undone."""

    id: int
    report_id: int
    name: str
    content: bytes
    added_at: str


class SentFile(NamedTuple):
    """One file of a sending or a receipt, identified by its content's SHA-256."""

    name: str
    sha256: str
    size: int


class Sending(NamedTuple):
    """An email draft made to send a report, and whether the user said it went."""

    id: int
    report_id: int
    created_at: str
    confirmed_at: str | None
    recipients: str
    subject: str
    eml_path: str
    files: tuple[SentFile, ...]


class Version(NamedTuple):
    """An earlier state of a report, kept when something replaced it, with the reason (in Swedish)."""

    id: int
    report_id: int
    created_at: str
    reason: str
    snapshot: dict  # {"meta": {...}, "answers": {...}, "amounts": [[table, row, column, "448.5"], ...]}


class Receipt(NamedTuple):
    """One arrival of a report from an area: who sent it, when, and from which file."""

    id: int
    report_id: int
    sender: str
    received_at: str
    imported_at: str
    source_name: str
    is_current: bool
    version_id: int | None
    notes: str
    files: tuple[SentFile, ...]


class ImportedCopy(NamedTuple):
    """A report made from a Word document that is being imported again."""

    report_id: int
    template_id: str
    revision: str
    area: str
    year: int
    in_bin: bool
    same_bytes: bool  # the very same file; otherwise the same content saved again
    source_name: str
    imported_at: str


class ReportSummary(NamedTuple):
    """What the report list shows of a report, without loading its answers."""

    id: int
    template_id: str
    revision: str
    area: str
    year: int
    status: str
    updated_at: str
    deleted_at: str | None
    sent_date: str | None = None
    received_at: str | None = None  # a received report: when its current state arrived
    receipts: int = 0  # how many times it has arrived


def _now() -> str:
    return times.stored()


def _content_rows(report: Report) -> tuple[list[tuple[str, str]], list[tuple[str, str, str, str]]]:
    """A report's answers and amounts as the store keeps them: the answers given (an empty one is no
    row), each amount as its exact text (`448.5`)."""
    answers = [(k, v) for k, v in report.answers.items() if v]
    amounts = [(t, r, c, decimal_to_text(a)) for t, rows in report.tables.items() for r, cols in rows.items()
               for c, a in cols.items()]
    return answers, amounts


def _version_content(meta: dict, answers, amounts) -> dict:
    """What a version keeps, in the one shape every version has, whether it is made from the stored report
    or from a received one that is not made current: meta (_SNAPSHOT_META), answers by field id, amounts
    as [table, row, column, text], both sorted."""
    return {"meta": {k: meta[k] for k in _SNAPSHOT_META}, "answers": dict(sorted(answers)),
            "amounts": [list(a) for a in sorted(amounts)]}


class Store:
    def __init__(self, path: Path | str, *, read_only: bool = False):
        """`read_only`: open without writing anything (no migration, no journal change), for
        reading a database on a write-protected disk or share; writes then fail with StoreError."""
        self.path = Path(path)
        self.read_only = read_only
        self._commits = 0  # this connection's own commits: SQLite's data_version counts only the others'
        if read_only:
            self.conn = self._connect_read_only()
            return
        self.conn = self._connect()
        self.migrate()
        # once the schema is there, a write waits only briefly for another program's lock
        self.conn.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_MS}")

    def _connect_read_only(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise StoreError(f"Databasen {self.path} finns inte. Kontrollera sökvägen.")
        try:
            conn = sqlite3.connect(sqlite_uri(self.path, mode="ro"), uri=True, isolation_level=None,
                                   timeout=2.0)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # WAL on a read-only folder cannot make its -shm file: read the file as it is
                conn.close()
                conn = sqlite3.connect(sqlite_uri(self.path, mode="ro", immutable="1"), uri=True,
                                       isolation_level=None)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise self._explain(exc) from exc
        self.conn = conn
        if {m[0] for m in MIGRATIONS} - self.applied_migrations():
            conn.close()
            raise StoreError(f"Databasen {self.path} är från en äldre version av programmet och kan inte läsas "
                             "skrivskyddad. Kopiera den till en mapp där du kan skriva och försök igen.")
        return conn

    # --- connection and schema --------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"{self.path} är en mapp, inte en databasfil. Välj en fil.")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Opening may have to wait for another process creating or migrating the same file
            # (several first starts at once): that is worth waiting for, unlike an ordinary write.
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=OPEN_WAIT_MS / 1000)
            conn.execute("PRAGMA foreign_keys = ON")
            self._switch_to_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise self._explain(exc) from exc
        except OSError as exc:
            raise StoreError(f"Databasen {self.path} kan inte öppnas: {exc}. Kontrollera att mappen finns och att du har behörighet.") from exc
        return conn

    @staticmethod
    def _switch_to_wal(conn: sqlite3.Connection) -> None:
        # Turning a new file to WAL needs it to itself, and SQLite answers "locked" at once instead
        # of waiting while another process does the same (several first starts at once): retry.
        deadline = time.monotonic() + OPEN_WAIT_MS / 1000
        while True:
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _explain(self, exc: sqlite3.Error) -> StoreError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return StoreError(
                f"Databasen {self.path} används av ett annat program just nu. Stäng det andra "
                "fönstret med Avtalsuppföljning och försök igen. Inget har skrivits över."
            )
        if "full" in text or getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            return StoreError(
                f"Disken är full: ändringen kunde inte sparas i {self.path.name}. Frigör utrymme "
                "(töm papperskorgen i Windows eller ta bort stora filer) och försök igen. Det som "
                "sparats tidigare är orört."
            )
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return StoreError(
                f"Databasen {self.path} är skrivskyddad och ändringen kunde inte sparas. Kontrollera "
                "att filen och mappen inte är skrivskyddade (eller välj en annan plats) och försök igen."
            )
        if "disk I/O error" in text:
            return StoreError(
                f"Skrivfel på disken: ändringen kunde inte sparas i {self.path.name}. Kontrollera att "
                "disken eller USB-minnet sitter i och har plats, och försök igen."
            )
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return StoreError(
                f"Filen {self.path} är inte en läsbar databas för Avtalsuppföljning – den är skadad eller "
                f"något annat än en databas ({text}). "
                "Den har inte ändrats. Välj en annan fil eller återställ en säkerhetskopia."
            )
        return StoreError(f"Databasen {self.path} kunde inte användas: {text}.")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._explain(exc) from exc
        try:
            yield self.conn
            self.conn.execute("COMMIT")
            self._commits += 1
        except BaseException as exc:
            # After SQLITE_FULL (and some I/O errors) SQLite has already rolled back: a second
            # ROLLBACK would fail with "no transaction is active" and hide the real cause.
            if self.conn.in_transaction:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the connection's state is SQLite's to restore; the cause is what matters
            if isinstance(exc, sqlite3.Error):
                raise self._explain(exc) from exc
            raise

    def schema_version(self) -> int:
        has_table = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
        if not has_table:
            return 0
        return self.conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]

    def applied_migrations(self) -> set[int]:
        if not self.schema_version():
            return set()
        return {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}

    def migrate(self) -> list[int]:
        """Apply the pending migrations in order; returns their numbers."""
        try:
            current = self.schema_version()
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"Databasen {self.path} är skapad av en nyare version av Avtalsuppföljning "
                    f"(schema {current}, den här versionen känner till {SCHEMA_VERSION}). Uppdatera programmet."
                )
            # by number, not "above the highest": numbers are per issue (004…, 010…, 020…), and a
            # database made after 010 must still get 004
            pending = [m for m in MIGRATIONS if m[0] not in self.applied_migrations()]
            if pending and current > 0:
                self.backup_to(self.path.with_name(f"{self.path.name}.fore-schema-{min(m[0] for m in pending)}.bak"))
            applied = []
            for version, name, statements in sorted(pending):
                # BEGIN IMMEDIATE takes the write lock before the schema is read again: when several
                # processes open a new file at once, one migrates and the others find it done.
                with self.transaction() as conn:
                    if version in self.applied_migrations():
                        continue
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS schema_migrations ("
                        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                    )
                    for statement in statements:
                        if callable(statement):  # a step SQL alone cannot do (hashing, say)
                            statement(conn)
                        else:
                            conn.execute(statement)
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        (version, f"{version:03d}_{name}", _now()),
                    )
                applied.append(version)
            return applied
        except sqlite3.DatabaseError as exc:
            raise self._explain(exc) from exc

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the database (SQLite's online backup)."""
        try:
            destination = sqlite3.connect(target)
            try:
                self.conn.backup(destination)
            finally:
                destination.close()
        except sqlite3.Error as exc:
            raise self._explain(exc) from exc
        return target

    def close(self) -> None:
        self.conn.close()

    def change_token(self) -> tuple[int, int]:
        """Changes whenever anything was written to the database — by another connection or process
        (SQLite's `PRAGMA data_version`) or by this one. Cheap enough to ask every second."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self._commits

    def change_count(self, report_id: int) -> int:
        """How many times the report's content has changed; every content write adds one."""
        row = self.conn.execute("SELECT change_count FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise NotFound(f"Rapport {report_id} finns inte i databasen.")
        return row[0]

    def load_with_count(self, report_id: int) -> tuple[Report, int]:
        """The report and its change count, read together (no other write can come between)."""
        if self.conn.in_transaction:
            return self.load_report(report_id), self.change_count(report_id)
        self.conn.execute("BEGIN")
        try:
            return self.load_report(report_id), self.change_count(report_id)
        finally:
            self.conn.execute("COMMIT")

    # --- reports ----------------------------------------------------------------------------

    def create_report(self, report: Report, attachments: Iterable[tuple[str, bytes]] = (), *,
                      imported_from: tuple[str, str, str | None] | None = None) -> int:
        """Insert a report with all its answers and amounts (and bilagor, as (name, content)) in one
        transaction; returns the new id. `imported_from`: (file name, SHA-256, content fingerprint)
        of the Word document it was read from, to recognise that document later."""
        now = _now()
        with self.transaction() as conn:
            report_id = self._insert_report(conn, report, now)
            conn.executemany(
                "INSERT INTO attachments (report_id, name, content, added_at) VALUES (?, ?, ?, ?)",
                [(report_id, name, content, now) for name, content in attachments],
            )
            if imported_from is not None:
                name, sha256, fingerprint = imported_from
                conn.execute("INSERT INTO imported_documents (report_id, sha256, fingerprint, source_name, imported_at) "
                             "VALUES (?, ?, ?, ?, ?)", (report_id, sha256, fingerprint, name, now))
            self._add_version(conn, report_id, now, "Skapad")
        report.id, report.created_at, report.updated_at = report_id, now, now
        return report_id

    def import_as_version(self, report_id: int, report: Report, attachments: Iterable[tuple[str, bytes]] = (), *,
                          imported_from: tuple[str, str, str | None] | None = None) -> None:
        """A report read from a Word document becomes the new state of an existing report of the same
        type, area and year, in one transaction: its present state stays in its history (a version),
        the document is added among its bilagor and recorded as imported into it."""
        now = _now()
        with self.transaction() as conn:
            self._add_version(conn, report_id, now, "Före import av Word-dokument")
            conn.execute("DELETE FROM answers WHERE report_id = ?", (report_id,))
            conn.execute("DELETE FROM amounts WHERE report_id = ?", (report_id,))
            self._write_content(conn, report_id, report)
            conn.execute("UPDATE reports SET revision = ?, compiled_by = ?, compiled_date = ? WHERE id = ?",
                         (report.revision, single_line(report.compiled_by), _date_text(report.compiled_date),
                          report_id))
            conn.executemany(
                "INSERT INTO attachments (report_id, name, content, added_at) VALUES (?, ?, ?, ?)",
                [(report_id, name, content, now) for name, content in attachments])
            name = "Word-dokument"
            if imported_from is not None:
                name, sha256, fingerprint = imported_from
                conn.execute("INSERT INTO imported_documents (report_id, sha256, fingerprint, source_name, imported_at) "
                             "VALUES (?, ?, ?, ?, ?)", (report_id, sha256, fingerprint, name, now))
            self._touch(conn, report_id, now)
            self._add_version(conn, report_id, now, f"Importerad från {name}")

    def _insert_report(self, conn: sqlite3.Connection, report: Report, now: str, received: bool = False) -> int:
        report_id = conn.execute(
            "INSERT INTO reports (template_id, revision, area, year, status, compiled_by, "
            "compiled_date, sent_date, current_page, previous_id, created_at, updated_at, received) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (report.template_id, report.revision, single_line(report.area), report.year, report.status,
             single_line(report.compiled_by), _date_text(report.compiled_date), _date_text(report.sent_date),
             report.current_page, report.previous_id, now, now, int(received)),
        ).lastrowid
        self._write_content(conn, report_id, report)
        return report_id

    def _write_content(self, conn: sqlite3.Connection, report_id: int, report: Report) -> None:
        answers, amounts = _content_rows(report)
        conn.executemany("INSERT INTO answers (report_id, field_id, value) VALUES (?, ?, ?)",
                         [(report_id, *a) for a in answers])
        conn.executemany("INSERT INTO amounts (report_id, table_id, row_id, column_id, amount) VALUES (?, ?, ?, ?, ?)",
                         [(report_id, *a) for a in amounts])

    def imported_copies(self, sha256: str, fingerprint: str | None = None) -> list[ImportedCopy]:
        """The reports imported from a Word document with these bytes (or, with `fingerprint`, this
        content): those not in the bin first, the very same file before the same content, then the
        latest. A report deleted from the bin is forgotten with it."""
        rows = self.conn.execute(
            "SELECT r.id, r.template_id, r.revision, r.area, r.year, r.deleted_at IS NOT NULL, d.sha256 = ?, "
            "d.source_name, d.imported_at FROM imported_documents d JOIN reports r ON r.id = d.report_id "
            "WHERE d.sha256 = ? OR (? IS NOT NULL AND d.fingerprint = ?) "
            "ORDER BY r.deleted_at IS NOT NULL, d.sha256 = ? DESC, r.id DESC",
            (sha256, sha256, fingerprint, fingerprint, sha256)).fetchall()
        return [ImportedCopy(*row[:5], bool(row[5]), bool(row[6]), *row[7:]) for row in rows]

    # --- received reports -------------------------------------------------------------------

    def receive_report(self, incoming) -> tuple[int, str]:
        """Keep a report received from an area (forms.receiving.Incoming), all in one transaction.

        Returns (report id, what happened): "ny" for the first arrival of that type, area and year;
        "ersatte" when it is newer than the current one (which stays as a version); "äldre" when it
        is older (kept as a version and a receipt, the current state unchanged); "redan importerad"
        for the very same file again (nothing written).
        """
        report, now = incoming.report, _now()
        with self.transaction() as conn:
            row = conn.execute("SELECT report_id FROM receipts WHERE source_sha256 = ?",
                               (incoming.source_sha256,)).fetchone()
            if row is not None:
                return row[0], "redan importerad"
            found = conn.execute(
                "SELECT id FROM reports WHERE received = 1 AND template_id = ? AND year = ? AND area = ? "
                "AND deleted_at IS NULL ORDER BY id LIMIT 1", (report.template_id, report.year, report.area)).fetchone()
            # compared as aware times: an email sent 02:10 +0100 is 40 minutes after one sent 02:30 +0200
            received = times.parse(incoming.received_at)
            reason = f"Mottagen {times.shown(received)} från {incoming.sender}"
            if found is None:
                report_id, what = self._insert_report(conn, report, now, received=True), "ny"
                self._add_version(conn, report_id, now, reason)
                current = True
            else:
                report_id = found[0]
                latest = [times.parse(text) for (text,) in conn.execute(
                    "SELECT received_at FROM receipts WHERE report_id = ? AND is_current", (report_id,))]
                current = not latest or received >= max(latest)
                if current:
                    what = "ersatte"
                    conn.execute("DELETE FROM answers WHERE report_id = ?", (report_id,))
                    conn.execute("DELETE FROM amounts WHERE report_id = ?", (report_id,))
                    self._write_content(conn, report_id, report)
                    conn.execute(
                        "UPDATE reports SET revision = ?, status = ?, compiled_by = ?, compiled_date = ?, "
                        "sent_date = ? WHERE id = ?",
                        (report.revision, report.status, report.compiled_by, _date_text(report.compiled_date),
                         _date_text(report.sent_date), report_id))
                    conn.execute("UPDATE receipts SET is_current = 0 WHERE report_id = ?", (report_id,))
                    self._touch(conn, report_id, now)
                    self._add_version(conn, report_id, now, reason)
                else:
                    what = "äldre"
                    meta = {"area": report.area, "status": report.status, "compiled_by": report.compiled_by,
                            "compiled_date": _date_text(report.compiled_date), "sent_date": _date_text(report.sent_date)}
                    snapshot = _version_content(meta, *_content_rows(report))
                    conn.execute("INSERT INTO versions (report_id, created_at, reason, snapshot) VALUES (?, ?, ?, ?)",
                                 (report_id, now, reason + " (äldre inskick, inte gällande)",
                                  self._pack(conn, snapshot)))
            version_id = conn.execute("SELECT max(id) FROM versions WHERE report_id = ?", (report_id,)).fetchone()[0]
            receipt_id = conn.execute(
                "INSERT INTO receipts (report_id, sender, received_at, imported_at, source_name, source_sha256, "
                "is_current, version_id, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (report_id, incoming.sender, times.stored(received), now, incoming.source_name,
                 incoming.source_sha256, int(current), version_id, "\n".join(incoming.notes))).lastrowid
            for unique, content in distinct_names(incoming.files):
                conn.execute("INSERT INTO received_files (receipt_id, name, content) VALUES (?, ?, ?)",
                             (receipt_id, unique, content))
        return report_id, what

    def receipts(self, report_id: int) -> list[Receipt]:
        """Every arrival of a received report, newest first."""
        rows = self.conn.execute(
            "SELECT id, report_id, sender, received_at, imported_at, source_name, is_current, version_id, notes "
            "FROM receipts WHERE report_id = ? ORDER BY received_at DESC, id DESC", (report_id,)).fetchall()
        result = []
        for row in rows:
            files = tuple(SentFile(name, "", size) for name, size in self.conn.execute(
                "SELECT name, length(content) FROM received_files WHERE receipt_id = ? ORDER BY rowid", (row[0],)))
            result.append(Receipt(*row[:6], bool(row[6]), row[7], row[8], files=files))
        return result

    def received_file(self, receipt_id: int, name: str) -> bytes:
        row = self.conn.execute("SELECT content FROM received_files WHERE receipt_id = ? AND name = ?",
                                (receipt_id, name)).fetchone()
        if row is None:
            raise NotFound(f"Filen {name} finns inte bland de mottagna filerna.")
        return row[0]

    def load_report(self, report_id: int) -> Report:
        row = self.conn.execute(
            "SELECT id, template_id, revision, area, year, status, compiled_by, compiled_date, "
            "sent_date, current_page, previous_id, created_at, updated_at FROM reports WHERE id = ?",
            (report_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"Rapport {report_id} finns inte i databasen.")
        report = Report(
            id=row[0], template_id=row[1], revision=row[2], area=row[3], year=row[4], status=row[5],
            compiled_by=row[6], compiled_date=_parse_date(row[7]), sent_date=_parse_date(row[8]),
            current_page=row[9], previous_id=row[10], created_at=row[11], updated_at=row[12],
        )
        for field_id, value in self.conn.execute(
            "SELECT field_id, value FROM answers WHERE report_id = ?", (report_id,)
        ):
            report.answers[field_id] = value
        for table_id, row_id, column_id, amount in self.conn.execute(
            "SELECT table_id, row_id, column_id, amount FROM amounts WHERE report_id = ? "
            "ORDER BY rowid", (report_id,)
        ):
            report.set_amount(table_id, row_id, column_id, Decimal(amount))
        return report

    def list_reports(self, *, deleted: bool = False) -> list[ReportSummary]:
        condition = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        rows = self.conn.execute(
            "SELECT r.id, r.template_id, r.revision, r.area, r.year, r.status, r.updated_at, r.deleted_at, "
            "r.sent_date, c.received_at, coalesce(c.n, 0) FROM reports r LEFT JOIN ("
            "  SELECT report_id, max(CASE WHEN is_current THEN received_at END) AS received_at, count(*) AS n "
            "  FROM receipts GROUP BY report_id) c ON c.report_id = r.id "
            f"WHERE r.{condition} ORDER BY r.year DESC, r.area, r.template_id, r.id"
        ).fetchall()
        return [ReportSummary(*row) for row in rows]

    def reports_for(self, template_id: str, year: int) -> list[ReportSummary]:
        """The reports of one type and year not in the bin, best first for a consolidation: received
        ones before one's own, then the latest."""
        rows = self.conn.execute(
            "SELECT r.id, r.template_id, r.revision, r.area, r.year, r.status, r.updated_at, r.deleted_at, "
            "r.sent_date, (SELECT received_at FROM receipts WHERE report_id = r.id AND is_current), "
            "(SELECT count(*) FROM receipts WHERE report_id = r.id) "
            "FROM reports r WHERE r.template_id = ? AND r.year = ? AND r.deleted_at IS NULL "
            "ORDER BY r.received DESC, r.updated_at DESC, r.id DESC", (template_id, year)).fetchall()
        return [ReportSummary(*row) for row in rows]

    def save_changes(self, report_id: int, *, answers: dict[str, str] | None = None,
                     amounts: dict[tuple[str, str, str], Decimal | None] | None = None,
                     meta: dict | None = None) -> str:
        """Write a batch of edits in one transaction; returns the time of the save (see save_edits)."""
        return self.save_edits(report_id, answers=answers, amounts=amounts, meta=meta)[0]

    def save_edits(self, report_id: int, *, answers: dict[str, str] | None = None,
                   amounts: dict[tuple[str, str, str], Decimal | None] | None = None,
                   meta: dict | None = None, expected: int | None = None,
                   over_change: bool = False) -> tuple[str, int]:
        """Write a batch of edits in one transaction; returns the time of the save and the report's
        change count after it. What equals the stored value is left out, and a batch with nothing new
        writes nothing at all and returns the time of the last change ("Senast ändrad" moves only
        when content changed).

        `answers`: field id → text (empty text removes the answer); `amounts`: (table, row, column)
        → amount or None; `meta`: the report's own columns (status, compiled_by, compiled_date,
        sent_date, current_page, area). `expected`: the change count the edits are based on; when the
        report has changed since, nothing is written and ReportChanged is raised. `over_change`: the
        user chose to write over such a change: it is kept as a version first, not folded into this one.
        """
        unknown = set(meta or {}) - set(_META_COLUMNS)
        if unknown:
            raise ValueError(f"unknown report columns {sorted(unknown)}")
        meta = {column: value.isoformat() if isinstance(value, date)
                else single_line(value) if column in _ONE_LINE_COLUMNS and isinstance(value, str)  # headers, file names
                else value for column, value in (meta or {}).items()}
        now = _now()
        with self.transaction() as conn:
            if expected is not None:
                found = self.change_count(report_id)
                if found != expected:
                    raise ReportChanged(report_id, expected, found)
            answers, amounts, meta = self._changed_only(conn, report_id, answers or {}, amounts or {}, meta)
            if not (answers or amounts or meta):  # nothing new: no write, "Senast ändrad" stays
                row = conn.execute("SELECT updated_at FROM reports WHERE id = ?", (report_id,)).fetchone()
                if row is None:
                    raise NotFound(f"Rapport {report_id} finns inte i databasen.")
                return row[0], self.change_count(report_id)
            if over_change:
                self._keep_current_as_version(conn, report_id, now, "Ändrad utanför fönstret (ersatt av din text)")
            self._touch(conn, report_id, now)
            for field_id, value in answers.items():
                if value:
                    conn.execute(
                        "INSERT INTO answers (report_id, field_id, value) VALUES (?, ?, ?) "
                        "ON CONFLICT (report_id, field_id) DO UPDATE SET value = excluded.value",
                        (report_id, field_id, value),
                    )
                else:
                    conn.execute("DELETE FROM answers WHERE report_id = ? AND field_id = ?", (report_id, field_id))
            for (table_id, row_id, column_id), amount in amounts.items():
                if amount is None:
                    conn.execute(
                        "DELETE FROM amounts WHERE report_id = ? AND table_id = ? AND row_id = ? AND column_id = ?",
                        (report_id, table_id, row_id, column_id),
                    )
                else:
                    conn.execute(
                        "INSERT INTO amounts (report_id, table_id, row_id, column_id, amount) "
                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id, table_id, row_id, column_id) "
                        "DO UPDATE SET amount = excluded.amount",
                        (report_id, table_id, row_id, column_id, decimal_to_text(amount)),
                    )
            for column, value in meta.items():
                conn.execute(f"UPDATE reports SET {column} = ? WHERE id = ?", (value, report_id))
            if "status" in meta:
                self._add_version(conn, report_id, now, f"Status: {meta['status']}")
            elif answers or amounts:
                self._add_version(conn, report_id, now, "Redigering", coalesce=not over_change)
            count = self.change_count(report_id)
        return now, count

    def _keep_current_as_version(self, conn: sqlite3.Connection, report_id: int, now: str, reason: str) -> None:
        """Make sure the report's present state is the latest of its versions (a writer such as a sending
        keeps none); the save that follows adds its own version instead of folding into this one."""
        snapshot = self._pack(conn, self._snapshot(conn, report_id))
        last = conn.execute("SELECT snapshot FROM versions WHERE report_id = ? ORDER BY id DESC LIMIT 1",
                            (report_id,)).fetchone()
        if last is None or last[0] != snapshot:
            conn.execute("INSERT INTO versions (report_id, created_at, reason, snapshot) VALUES (?, ?, ?, ?)",
                         (report_id, now, reason, snapshot))

    def keep_as_version(self, report_id: int, reason: str, *, answers: dict[str, str] | None = None,
                        amounts: dict[tuple[str, str, str], Decimal | None] | None = None,
                        meta: dict | None = None) -> int:
        """Keep the report as it would be with these edits as a version, without changing the report
        (a user's unsaved text that gave way to a change made elsewhere). Returns the version's id."""
        now = _now()
        with self.transaction() as conn:
            snapshot = self._snapshot(conn, report_id)
            for field_id, value in (answers or {}).items():
                if value:
                    snapshot["answers"][field_id] = value
                else:
                    snapshot["answers"].pop(field_id, None)
            cells = {(t, r, c): a for t, r, c, a in snapshot["amounts"]}
            for key, amount in (amounts or {}).items():
                if amount is None:
                    cells.pop(key, None)
                else:
                    cells[key] = decimal_to_text(amount)
            snapshot["amounts"] = [[*key, cells[key]] for key in sorted(cells)]
            snapshot["answers"] = dict(sorted(snapshot["answers"].items()))
            for column, value in (meta or {}).items():
                if column in snapshot["meta"]:
                    snapshot["meta"][column] = value.isoformat() if isinstance(value, date) else value
            return conn.execute("INSERT INTO versions (report_id, created_at, reason, snapshot) VALUES (?, ?, ?, ?)",
                                (report_id, now, reason, self._pack(conn, snapshot))).lastrowid

    @staticmethod
    def _changed_only(conn: sqlite3.Connection, report_id: int, answers: dict, amounts: dict,
                      meta: dict) -> tuple[dict, dict, dict]:
        """The part of a batch that differs from what is stored (an empty answer or a None amount is
        no answer or amount)."""
        def stored(sql: str, *args):
            row = conn.execute(sql, args).fetchone()
            return row[0] if row else None

        answers = {field_id: value for field_id, value in answers.items() if (stored(
            "SELECT value FROM answers WHERE report_id = ? AND field_id = ?", report_id, field_id) or "") != value}
        amounts = {cell: amount for cell, amount in amounts.items() if stored(
            "SELECT amount FROM amounts WHERE report_id = ? AND table_id = ? AND row_id = ? AND column_id = ?",
            report_id, *cell) != (None if amount is None else decimal_to_text(amount))}
        meta = {column: value for column, value in meta.items()
                if stored(f"SELECT {column} FROM reports WHERE id = ?", report_id) != value}
        return answers, amounts, meta

    # --- versions ---------------------------------------------------------------------------

    def _snapshot(self, conn: sqlite3.Connection, report_id: int) -> dict:
        meta = conn.execute(f"SELECT {', '.join(_SNAPSHOT_META)} FROM reports WHERE id = ?", (report_id,)).fetchone()
        answers = conn.execute("SELECT field_id, value FROM answers WHERE report_id = ?", (report_id,)).fetchall()
        amounts = conn.execute("SELECT table_id, row_id, column_id, amount FROM amounts WHERE report_id = ?",
                               (report_id,)).fetchall()
        return _version_content(dict(zip(_SNAPSHOT_META, meta, strict=True)), answers, amounts)

    @staticmethod
    def _pack(conn: sqlite3.Connection, snapshot: dict) -> str:
        """The snapshot as JSON, each answer longer than LONG_TEXT kept once in version_texts."""
        import hashlib
        import zlib

        answers = {}
        for field_id, value in snapshot["answers"].items():
            if isinstance(value, str) and len(value) > LONG_TEXT:
                data = value.encode("utf-8", "surrogatepass")
                digest = hashlib.sha256(data).hexdigest()
                if conn.execute("SELECT 1 FROM version_texts WHERE sha256 = ?", (digest,)).fetchone() is None:
                    conn.execute("INSERT INTO version_texts (sha256, content) VALUES (?, ?)",
                                 (digest, zlib.compress(data, 6)))
                value = {"sha256": digest}
            answers[field_id] = value
        return json.dumps({**snapshot, "answers": answers}, ensure_ascii=False)

    @staticmethod
    def _unpack(conn: sqlite3.Connection, text: str, texts: dict[str, str] | None = None) -> dict:
        import zlib

        snapshot = json.loads(text)
        texts = {} if texts is None else texts
        for field_id, value in snapshot["answers"].items():
            if isinstance(value, dict):
                digest = value["sha256"]
                if digest not in texts:
                    row = conn.execute("SELECT content FROM version_texts WHERE sha256 = ?", (digest,)).fetchone()
                    texts[digest] = zlib.decompress(row[0]).decode("utf-8", "surrogatepass") if row else ""
                snapshot["answers"][field_id] = texts[digest]
        return snapshot

    def _add_version(self, conn: sqlite3.Connection, report_id: int, now: str, reason: str,
                     coalesce: bool = False) -> None:
        """Keep the report's state as a version; while editing, at most one a minute (the latest
        version of the minute is updated instead)."""
        snapshot = self._pack(conn, self._snapshot(conn, report_id))
        last = conn.execute("SELECT id, created_at, reason FROM versions WHERE report_id = ? ORDER BY id DESC LIMIT 1",
                            (report_id,)).fetchone()
        if coalesce and last and last[2] == reason and (
                times.parse(now) - times.parse(last[1])).total_seconds() < VERSION_INTERVAL_SECONDS:
            conn.execute("UPDATE versions SET snapshot = ? WHERE id = ?", (snapshot, last[0]))
            return
        conn.execute("INSERT INTO versions (report_id, created_at, reason, snapshot) VALUES (?, ?, ?, ?)",
                     (report_id, now, reason, snapshot))

    def versions(self, report_id: int) -> list[Version]:
        """The report's earlier states, newest first."""
        rows = self.conn.execute(
            "SELECT id, report_id, created_at, reason, snapshot FROM versions WHERE report_id = ? ORDER BY id DESC",
            (report_id,)).fetchall()
        texts: dict[str, str] = {}  # one string per long answer, shared by the versions that hold it
        return [Version(*row[:4], snapshot=self._unpack(self.conn, row[4], texts)) for row in rows]

    def restore_version(self, version_id: int) -> None:
        """Bring a report back to an earlier state; the current state becomes a version first, so the
        restore itself can be undone."""
        now = _now()
        with self.transaction() as conn:
            row = conn.execute("SELECT report_id, created_at, snapshot FROM versions WHERE id = ?", (version_id,)).fetchone()
            if row is None:
                raise NotFound(f"Version {version_id} finns inte.")
            report_id, created_at, snapshot = row[0], row[1], self._unpack(conn, row[2])
            self._add_version(conn, report_id, now, "Före återställning")
            conn.execute("DELETE FROM answers WHERE report_id = ?", (report_id,))
            conn.execute("DELETE FROM amounts WHERE report_id = ?", (report_id,))
            conn.executemany("INSERT INTO answers (report_id, field_id, value) VALUES (?, ?, ?)",
                             [(report_id, k, v) for k, v in snapshot["answers"].items()])
            conn.executemany("INSERT INTO amounts (report_id, table_id, row_id, column_id, amount) VALUES (?, ?, ?, ?, ?)",
                             [(report_id, *cell) for cell in snapshot["amounts"]])
            for column, value in snapshot["meta"].items():
                conn.execute(f"UPDATE reports SET {column} = ? WHERE id = ?", (value, report_id))
            self._touch(conn, report_id, now)
            # a received report restored to what one of its emails said: that email is the current one
            conn.execute("UPDATE receipts SET is_current = (version_id = ?) WHERE report_id = ? AND EXISTS ("
                         "SELECT 1 FROM receipts WHERE report_id = ? AND version_id = ?)",
                         (version_id, report_id, report_id, version_id))
            conn.execute("INSERT INTO versions (report_id, created_at, reason, snapshot) VALUES (?, ?, ?, ?)",
                         (report_id, now, f"Återställd till {times.shown(created_at)}",
                          self._pack(conn, self._snapshot(conn, report_id))))

    def integrity_problem(self) -> str | None:
        """None when SQLite's integrity check passes, else what it found."""
        result = [row[0] for row in self.conn.execute("PRAGMA integrity_check").fetchall()]
        return None if result == ["ok"] else "; ".join(result[:5])

    def save_answer(self, report_id: int, field_id: str, value: str) -> str:
        return self.save_changes(report_id, answers={field_id: value})

    def save_amount(self, report_id: int, table_id: str, row_id: str, column_id: str,
                    amount: Decimal | None) -> str:
        return self.save_changes(report_id, amounts={(table_id, row_id, column_id): amount})

    def update_report(self, report_id: int, **values) -> str:
        return self.save_changes(report_id, meta=values)

    def delete_report(self, report_id: int) -> None:
        """Move a report to the bin (Papperskorgen); it can be restored."""
        with self.transaction() as conn:
            conn.execute("UPDATE reports SET deleted_at = ? WHERE id = ?", (_now(), report_id))

    def restore_report(self, report_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE reports SET deleted_at = NULL WHERE id = ?", (report_id,))

    def empty_bin(self) -> int:
        with self.transaction() as conn:
            return conn.execute("DELETE FROM reports WHERE deleted_at IS NOT NULL").rowcount

    # --- bilagor ----------------------------------------------------------------------------

    def add_attachment(self, report_id: int, name: str, content: bytes) -> int:
        """Copy a file into the report; a name already there gets a number: `Bilaga (2).pdf`."""
        unique = unique_name(name, {a.name for a in self.attachments(report_id)})
        with self.transaction() as conn:
            self._touch(conn, report_id, _now())
            return conn.execute(
                "INSERT INTO attachments (report_id, name, content, added_at) VALUES (?, ?, ?, ?)",
                (report_id, unique, content, _now()),
            ).lastrowid

    def attachments(self, report_id: int) -> list[Attachment]:
        rows = self.conn.execute(
            "SELECT id, name, length(content), added_at FROM attachments WHERE report_id = ? ORDER BY id",
            (report_id,),
        ).fetchall()
        return [Attachment(*row) for row in rows]

    def attachment_content(self, attachment_id: int) -> bytes:
        row = self.conn.execute("SELECT content FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
        if row is None:
            raise NotFound(f"Bilaga {attachment_id} finns inte.")
        return row[0]

    def replace_attachment(self, attachment_id: int, content: bytes) -> None:
        """A bilaga's content, changed (the user edited the opened copy and chose to keep it)."""
        with self.transaction() as conn:
            row = conn.execute("SELECT report_id FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
            if row is None:
                raise NotFound(f"Bilaga {attachment_id} finns inte.")
            conn.execute("UPDATE attachments SET content = ? WHERE id = ?", (content, attachment_id))
            self._touch(conn, row[0], _now())

    def remove_attachment(self, attachment_id: int) -> RemovedAttachment:
        """Delete a bilaga; what is returned puts it back (put_back_attachment, the app's Ångra)."""
        with self.transaction() as conn:
            row = conn.execute("SELECT report_id, name, content, added_at FROM attachments WHERE id = ?",
                               (attachment_id,)).fetchone()
            if row is None:
                raise NotFound(f"Bilaga {attachment_id} finns inte.")
            conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            self._touch(conn, row[0], _now())
        return RemovedAttachment(attachment_id, *row)

    def put_back_attachment(self, removed: RemovedAttachment) -> None:
        """Undo remove_attachment: the same bilaga again, with its id, name and time."""
        with self.transaction() as conn:
            self._touch(conn, removed.report_id, _now())
            conn.execute("INSERT INTO attachments (id, report_id, name, content, added_at) VALUES (?, ?, ?, ?, ?)",
                         (removed.id, removed.report_id, removed.name, removed.content, removed.added_at))

    # --- sendings ---------------------------------------------------------------------------

    def record_sending(self, report_id: int, *, recipients: str, subject: str, eml_path: str,
                       files: list[tuple[str, bytes]]) -> int:
        """Keep the exact files of an email draft with the report, with their SHA-256."""
        import hashlib  # OpenSSL's loading costs the start-up a few ms; only sending needs it

        with self.transaction() as conn:
            sending_id = conn.execute(
                "INSERT INTO sendings (report_id, created_at, recipients, subject, eml_path) VALUES (?, ?, ?, ?, ?)",
                (report_id, _now(), recipients, subject, eml_path),
            ).lastrowid
            conn.executemany(
                "INSERT INTO sent_files (sending_id, name, sha256, content) VALUES (?, ?, ?, ?)",
                [(sending_id, name, hashlib.sha256(content).hexdigest(), content) for name, content in files],
            )
        return sending_id

    def confirm_sending(self, sending_id: int, sent_on: date) -> None:
        """The user says the draft was sent: the report becomes Skickad with the date."""
        with self.transaction() as conn:
            row = conn.execute("SELECT report_id FROM sendings WHERE id = ?", (sending_id,)).fetchone()
            if row is None:
                raise NotFound(f"Utskick {sending_id} finns inte.")
            conn.execute("UPDATE sendings SET confirmed_at = ? WHERE id = ?", (_now(), sending_id))
            conn.execute("UPDATE reports SET status = 'skickad', sent_date = ? WHERE id = ?",
                         (sent_on.isoformat(), row[0]))
            self._touch(conn, row[0], _now())

    def sendings(self, report_id: int | None = None, *, unconfirmed: bool = False) -> list[Sending]:
        where, args = [], []
        if report_id is not None:
            where.append("report_id = ?")
            args.append(report_id)
        if unconfirmed:
            where.append("confirmed_at IS NULL")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.conn.execute(
            "SELECT id, report_id, created_at, confirmed_at, recipients, subject, eml_path "
            f"FROM sendings {clause} ORDER BY id", args,
        ).fetchall()
        result = []
        for row in rows:
            files = tuple(SentFile(*f) for f in self.conn.execute(
                "SELECT name, sha256, length(content) FROM sent_files WHERE sending_id = ? ORDER BY rowid", (row[0],)))
            result.append(Sending(*row, files=files))
        return result

    def sent_file(self, sending_id: int, name: str) -> bytes:
        row = self.conn.execute(
            "SELECT content FROM sent_files WHERE sending_id = ? AND name = ?", (sending_id, name)).fetchone()
        if row is None:
            raise NotFound(f"Filen {name} finns inte i utskick {sending_id}.")
        return row[0]

    def _touch(self, conn: sqlite3.Connection, report_id: int, now: str) -> None:
        if conn.execute("UPDATE reports SET updated_at = ?, change_count = change_count + 1 WHERE id = ?",
                        (now, report_id)).rowcount != 1:
            raise NotFound(f"Rapport {report_id} finns inte i databasen.")


def _date_text(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
