"""The `avtalsuppfoljning` command: starts the app, or works on a database from the command line.

    avtalsuppfoljning [--db PATH]                 start the application
    avtalsuppfoljning demo --db PATH              add the Lundby 2022 demo report, print its id
    avtalsuppfoljning export-json --db PATH ID    print a report as JSON
    avtalsuppfoljning import-json --db PATH FILE  add a report from a JSON file, print its id
    avtalsuppfoljning import-docx --db PATH FILE [--template ID] [--revision R] [--area A] [--year Y]
                                                  [--ny-kopia | --ny-version]
                                                  add a report read from a filled Word document, print its id
                                                  (exit 3 and the earlier report's id when it was imported before)
    avtalsuppfoljning import-docx --db PATH FOLDER|FILE…   import every Word document, one line each
    avtalsuppfoljning templates --json            list every template revision
    avtalsuppfoljning export --db PATH ID [--docx F] [--xlsx F] [--pdf F] [--eml F]
    avtalsuppfoljning import-mail --db PATH PATH…  receive the areas' reports (.eml, .json, .docx, folders)
    avtalsuppfoljning consolidate --db PATH --type ID --year Y [--xlsx F] [--docx F] [--json] [--tillat-personnummer]
    avtalsuppfoljning self-check --db PATH [--open ID]   open the windows, print what they show
    avtalsuppfoljning backup [--db PATH]          take a backup now, print its path
    avtalsuppfoljning restore-backup [--db PATH] FILE   make a backup the database (the app closed)
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sqlite3
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from forms import times
from forms.errors import UserError
from forms.store import Store, StoreError
from forms.template import TemplateLibrary


def _db_path(value: str | None) -> Path:
    if value:
        return Path(value)
    from desktop.paths import default_db_path  # Qt only when no path is given

    return default_db_path()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="avtalsuppfoljning", description="Uppföljning av samverkansavtal.")
    parser.add_argument("--db", help="databasfil (standard: i användarens datamapp)")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="lägg till exempelrapporten Lundby 2022 och skriv ut dess id")
    demo.add_argument("--db", dest="sub_db")
    export = sub.add_parser("export-json", help="skriv ut en rapport som JSON")
    export.add_argument("--db", dest="sub_db")
    export.add_argument("id", type=int)
    imp = sub.add_parser("import-json", help="lägg till en rapport från en JSON-fil och skriv ut dess id")
    imp.add_argument("--db", dest="sub_db")
    imp.add_argument("file")
    docx = sub.add_parser("import-docx", help="lägg till en rapport från ett ifyllt Word-dokument och skriv ut dess "
                                              "id, eller importera alla Word-dokument i en mapp")
    docx.add_argument("--db", dest="sub_db")
    docx.add_argument("paths", nargs="+", type=Path, metavar="FIL_ELLER_MAPP",
                      help="ett Word-dokument (.docx), eller mappar/flera filer: alla Word-dokument i dem")
    docx.add_argument("--ny-kopia", dest="new_copy", action="store_true",
                      help="importera dokumentet som en ny, separat rapport även om det redan är importerat eller "
                           "en rapport för samma typ, område och år finns (en fil)")
    docx.add_argument("--ny-version", dest="new_version", action="store_true",
                      help="finns redan en rapport för samma typ, område och år: importera dokumentet som en ny "
                           "version av den; det den har nu sparas i historiken (en fil)")
    docx.add_argument("--template", help="mallens id (om den inte känns igen), t.ex. fca-uppfoljning")
    docx.add_argument("--revision", help="mallversion, t.ex. 2022")
    docx.add_argument("--area", help="område, t.ex. Lundby")
    docx.add_argument("--year", type=int, help="år, t.ex. 2022")
    export = sub.add_parser("export", help="exportera en rapport till Word, Excel, PDF och/eller e-postutkast")
    export.add_argument("--db", dest="sub_db")
    export.add_argument("id", type=int)
    for fmt, what in (("docx", "Word-fil"), ("xlsx", "Excel-fil"), ("pdf", "PDF-fil"), ("eml", "e-postutkast")):
        export.add_argument(f"--{fmt}", type=Path, help=f"skriv {what} hit (skrivs inte över om den finns)")
    export.add_argument("--tillat-personnummer", dest="allow_personal_numbers", action="store_true",
                        help="exportera även om rapporten ser ut att innehålla personnummer")
    mail = sub.add_parser("import-mail", help="importera mottagna rapporter: e-post (.eml), JSON- och Word-filer "
                                              "eller mappar med sådana")
    mail.add_argument("--db", dest="sub_db")
    mail.add_argument("paths", nargs="+", type=Path)
    cons = sub.add_parser("consolidate", help="sammanställ en rapporttyp och ett år över alla områden")
    cons.add_argument("--db", dest="sub_db")
    cons.add_argument("--type", required=True, dest="type_id", help="rapporttypens id, t.ex. fca-uppfoljning")
    cons.add_argument("--year", required=True, type=int)
    cons.add_argument("--xlsx", type=Path, help="skriv sammanställningen som Excel-fil hit")
    cons.add_argument("--docx", type=Path, help="skriv sammanställningen som Word-fil hit")
    cons.add_argument("--json", action="store_true", help="skriv siffrorna per område och totalerna som JSON")
    cons.add_argument("--tillat-personnummer", dest="allow_personal_numbers", action="store_true",
                      help="exportera även om svaren ser ut att innehålla personnummer")
    templates = sub.add_parser("templates", help="lista alla mallar och mallversioner")
    templates.add_argument("--json", action="store_true", help="som JSON")
    check = sub.add_parser("self-check", help="öppna fönstren och skriv ut vad de visar (kontroll av en installation)")
    check.add_argument("--db", dest="sub_db")
    check.add_argument("--open", type=int, metavar="ID", help="öppna också rapporten ID i guiden")
    backup = sub.add_parser("backup", help="gör en säkerhetskopia av databasen nu och skriv ut var den ligger")
    backup.add_argument("--db", dest="sub_db")
    restore = sub.add_parser("restore-backup", help="återställ en säkerhetskopia (stäng programmet först); det som "
                                                    "fanns innan sparas som en ny säkerhetskopia")
    restore.add_argument("--db", dest="sub_db")
    restore.add_argument("file", type=Path, help="säkerhetskopian (en fil i mappen Säkerhetskopior)")
    return parser


def _restore_backup(db_path: Path, backup: Path) -> int:
    """The Säkerhetskopior dialog's restore, for support staff: refused while the app has the database."""
    from desktop.instance import Acquired, DatabaseLock
    from forms.backup import restore_backup

    if not backup.is_file():
        return _refuse(f"Säkerhetskopian {backup} finns inte.")
    lock = DatabaseLock(db_path)  # the locks the running app holds, whatever the file is called here
    if lock.acquire(ask=False) is not Acquired.OK:
        return _refuse(f"Avtalsuppföljning har {db_path.name} öppen (här eller på en annan dator). Stäng programmet "
                       "och försök igen; inget har ändrats.")
    try:
        restore_backup(backup, db_path)
    finally:
        lock.release()
    print(f"{backup.name} är återställd till {db_path}. Det som fanns innan sparades som en ny säkerhetskopia.")
    return 0


def templates_as_data(library: TemplateLibrary) -> list[dict]:
    """Every template revision described completely (forms/template_json.py)."""
    from forms.template_json import template_to_dict

    return [template_to_dict(t) for t in library]


def _export(store: Store, library: TemplateLibrary, args) -> int:
    """Headless export: every requested file or none; refuses to replace existing files and says which."""
    from exports.bundle import SENT_FORMATS, bundle_draft, export_bytes, report_bundle
    from exports.email import draft_bytes
    from exports.files import ExportError, check_path_length, write_all_or_none

    targets = {fmt: getattr(args, fmt) for fmt in ("docx", "xlsx", "pdf", "eml") if getattr(args, fmt)}
    if not targets:
        print("avtalsuppfoljning: ange minst en av --docx, --xlsx, --pdf, --eml", file=sys.stderr)
        return 2
    try:
        for target in targets.values():
            check_path_length(target)  # before anything else touches a name the system may refuse
    except ExportError as exc:
        return _refuse(f"{exc} Inga filer har skrivits.")
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing:
        print(f"avtalsuppfoljning: filen finns redan och skrivs inte över: {', '.join(existing)}", file=sys.stderr)
        return 1
    report = store.load_report(args.id)
    template = library.get(report.template_id, report.revision)
    attachments = [(a.name, store.attachment_content(a.id)) for a in store.attachments(report.id)]
    names = [name for name, _ in attachments]
    if not args.allow_personal_numbers:
        from forms.personal_data import describe, scan_report

        findings = scan_report(template, report, names)
        if findings:
            print(f"avtalsuppfoljning: {describe(findings).replace(chr(10), ' ')} Inget har exporterats. Ta bort "
                  "numret, eller kör igen med --tillat-personnummer om det inte är ett personnummer.",
                  file=sys.stderr)
            return 1
    if "eml" in targets:  # the draft carries every file: made once, the same bytes as written beside it
        bundle = report_bundle(template, report, library, attachments, _pdf_bytes)
        made = {fmt: bundle.content(fmt) for fmt in SENT_FORMATS}
        made["eml"] = draft_bytes(bundle_draft(template, report, bundle, to=template.recipients))
    else:
        made = {fmt: export_bytes(template, report, fmt, names, _pdf_bytes) for fmt in targets}

    try:
        # everything is made in memory first, then written together: all files or none
        write_all_or_none([(target, made[fmt]) for fmt, target in targets.items()])
    except ExportError as exc:
        print(f"avtalsuppfoljning: {exc} Inga filer har skrivits.", file=sys.stderr)
        return 1
    for target in targets.values():
        print(target)
    return 0


ALREADY_IMPORTED = 3  # import-docx of one file: it was imported before; nothing written


def _import_docx(store: Store, library: TemplateLibrary, args) -> int:
    """One file: read it; refuse what would be a guess (several possible templates, no area or year);
    store it as a new report with the document kept as a bilaga, and print the new id (stdout's first
    line) and what was read (the lines after it). A document
    imported before is not imported again (exit 3, the earlier report's id printed) unless
    --ny-kopia; nor is one for a type, area and year that already has a report (exit 3 too) unless
    --ny-version (the existing report gets the document's content, its own kept as a version) or
    --ny-kopia (a separate report). Several files or a folder: _import_docx_files."""
    from forms.word_import import WordImportError, already_imported_text, existing_report, import_docx

    if len(args.paths) > 1 or args.paths[0].is_dir():
        return _import_docx_files(store, library, args)
    args.file = args.paths[0]
    try:
        result = import_docx(args.file, library, template_id=args.template, revision=args.revision,
                             area=args.area, year=args.year)
    except WordImportError as exc:
        print(f"avtalsuppfoljning: {exc}", file=sys.stderr)
        return 1
    earlier = [] if args.new_copy else store.imported_copies(result.sha256, result.fingerprint)
    if earlier:
        print(earlier[0].report_id)
        print(f"avtalsuppfoljning: {args.file.name} är redan importerad som "
              f"{already_imported_text(earlier[0], library)} (id {earlier[0].report_id}). Ingen ny rapport "
              "skapades. Kör med --ny-kopia för att ändå importera den som en ny rapport.", file=sys.stderr)
        return ALREADY_IMPORTED
    if result.ambiguous:
        names = ", ".join(f"{c.name} (--template {c.template_id} --revision {c.revision})" for c in result.candidates)
        print(f"avtalsuppfoljning: {args.file.name} kan vara flera mallar: {names}. Ange vilken med --template "
              "och --revision.", file=sys.stderr)
        return 1
    flags = {"mall": "--template", "område": "--area", "år": "--year"}
    if result.missing:
        what = ", ".join(f"{word} ({flags[word]})" for word in result.missing)
        print(f"avtalsuppfoljning: {args.file.name}: kunde inte läsa {what} ur dokumentet. Ange det på kommandoraden.",
              file=sys.stderr)
        return 1
    template = library.get(result.template_id, result.revision)
    existing = None if args.new_copy else existing_report(store, result.template_id, result.area, result.year)
    if existing is not None and not args.new_version:
        print(existing.id)
        print(f"avtalsuppfoljning: det finns redan en rapport {template.type_name} {existing.area} {result.year} "
              f"(id {existing.id}). Ingen ny rapport skapades. Kör med --ny-version för att importera dokumentet som "
              "en ny version av den (det den har nu sparas i historiken), eller med --ny-kopia för en separat kopia.",
              file=sys.stderr)
        return ALREADY_IMPORTED
    if existing is not None:
        store.import_as_version(existing.id, result.report, [(args.file.name, result.data)], imported_from=result.source)
        report_id = existing.id
    else:
        report_id = store.create_report(result.report, [(args.file.name, result.data)], imported_from=result.source)
    print(report_id)  # first line: the report's id, for scripts; then what was read, to look at
    print(f"{template.type_name} {result.area} {result.year} ({template.revision}): {result.summary()}")
    labels = Counter(q.label for q in result.questions)  # "Insatser" under every målområde: name the section too
    for line in [*result.warnings, *(c.message for c in result.mismatches),
                 *(f"{q.section} – {q.label}: {q.note}" if labels[q.label] > 1 else f"{q.label}: {q.note}"
                   for q in result.questions if q.note),
                 *(f"Text utan fråga: {text[:80]}" for text in result.unmatched)]:
        print(f"  {line}")
    return 0


def _import_docx_files(store: Store, library: TemplateLibrary, args) -> int:
    """Every Word document in the folders and files given, as the app's folder import does: one line
    each (stdout; refused ones on stderr), documents imported before skipped, then the summary.
    Exit 1 when any file could not be imported (or none was found)."""
    from forms.word_import import import_files, outcomes_summary

    flags = [flag for flag, value in (("--template", args.template), ("--revision", args.revision),
                                      ("--area", args.area), ("--year", args.year), ("--ny-kopia", args.new_copy),
                                      ("--ny-version", args.new_version))
             if value]
    if flags:
        print(f"avtalsuppfoljning: {', '.join(flags)} gäller en fil i taget. Importera filen ensam med "
              "flaggorna; inget har importerats.", file=sys.stderr)
        return 2
    outcomes = import_files(list(args.paths), store, library)
    if not outcomes:
        return _refuse(f"Inga Word-dokument (.docx) hittades i {', '.join(str(p) for p in args.paths)}.")
    for outcome in outcomes:
        print(outcome.line, file=sys.stderr if outcome.status == "vägrad" else sys.stdout)
    print(outcomes_summary(outcomes))
    return 1 if any(o.status == "vägrad" for o in outcomes) else 0


def _pdf_bytes(template, report, names) -> bytes:
    """The app's PDF (desktop.printing.pdf_bytes); Qt's text layout needs a QApplication, offscreen
    when there is no display."""
    import os

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.printing import pdf_bytes

    _app = QApplication.instance() or QApplication(["avtalsuppfoljning"])
    return pdf_bytes(template, report, names)


def _import_mail(store: Store, library: TemplateLibrary, paths: list[Path]) -> int:
    """One line per item (what happened or why not); exit 1 when anything was refused."""
    from forms.receiving import describe, receive_paths

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"avtalsuppfoljning: finns inte: {', '.join(missing)}", file=sys.stderr)
        return 1
    outcomes, _ = receive_paths(store, library, paths)
    for outcome in outcomes:
        print(describe(outcome), file=sys.stderr if outcome.reason else sys.stdout)
    refused = sum(1 for o in outcomes if o.reason)
    print(f"{len(outcomes) - refused} av {len(outcomes)} importerade eller redan importerade"
          + (f", {refused} inte importerade." if refused else "."))
    return 1 if refused or not outcomes else 0


def _consolidate(store: Store, library: TemplateLibrary, args) -> int:
    from exports.files import ExportError
    from forms.consolidation import FIGURES, STATE_LABELS, consolidate

    if args.type_id not in {t.id for t in library}:
        print(f"avtalsuppfoljning: okänd rapporttyp {args.type_id!r}; välj en av "
              f"{', '.join(sorted({t.id for t in library}))}", file=sys.stderr)
        return 2
    targets = {fmt: getattr(args, fmt) for fmt in ("xlsx", "docx") if getattr(args, fmt)}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing:
        print(f"avtalsuppfoljning: filen finns redan och skrivs inte över: {', '.join(existing)}", file=sys.stderr)
        return 1
    result = consolidate(store, library, args.type_id, args.year)
    if args.json:
        sys.stdout.write(result.to_json())
    else:
        print(result.title)
        for row in result.rows:
            figures = "  ".join(f"{k} {row.figures.get(p, {}).get(k) or '–'}" for p in ("region", "city") for k in FIGURES)
            print(f"{row.area:<24} {STATE_LABELS.get(row.state, row.state):<9} {times.shown_day(row.received_at):<10} "
                  f"{figures if not row.missing else ''}")
        if result.incomplete_note():
            print(result.incomplete_note())
        for row in result.rows:
            for check in row.checks:
                print(f"  {row.area}: {check}")
    if not targets:
        return 0
    if not args.allow_personal_numbers:
        from forms.personal_data import describe

        findings = result.personal_numbers()
        if findings:
            print(f"avtalsuppfoljning: {describe(findings).replace(chr(10), ' ')} Inget har exporterats. Ta bort "
                  "numret ur områdets rapport, eller kör igen med --tillat-personnummer om det inte är ett "
                  "personnummer.", file=sys.stderr)
            return 1
    import io

    from exports.consolidation import write_consolidation_docx, write_consolidation_xlsx
    from exports.files import write_all_or_none

    writers = {"xlsx": write_consolidation_xlsx, "docx": write_consolidation_docx}
    files = []
    for fmt, target in targets.items():
        buffer = io.BytesIO()
        writers[fmt](result, buffer)
        files.append((target, buffer.getvalue()))
    try:
        write_all_or_none(files)  # both files or neither: never one left from a half-done run
    except ExportError as exc:
        print(f"avtalsuppfoljning: {exc} Inga filer har skrivits.", file=sys.stderr)
        return 1
    for target in targets.values():
        print(target, file=sys.stderr if args.json else sys.stdout)
    return 0


def plain_start(argv: list[str]) -> argparse.Namespace | None:
    """What build_parser() would make of `avtalsuppfoljning` and `avtalsuppfoljning --db PATH` (how the
    shortcut starts the app), without building it: its thirteen subcommands cost every start ~7 ms.
    None for anything else, which the whole parser reads."""
    if not argv:
        return argparse.Namespace(db=None, command=None)
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return argparse.Namespace(db=argv[1], command=None)
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _utf8_when_redirected()
    args = plain_start(argv) or build_parser().parse_args(argv)
    db = getattr(args, "sub_db", None) or args.db
    try:
        if args.command is None:
            from desktop.app import run_gui

            if db:
                return run_gui(Path(db))
            from desktop.paths import default_db_path, old_default_db_path

            return run_gui(default_db_path(), old_home=old_default_db_path())
        if args.command == "self-check":
            from desktop.self_check import run

            return run(_db_path(db), args.open)
        if args.command == "restore-backup":
            return _restore_backup(_db_path(db), args.file)
        library = TemplateLibrary.load()
        if args.command == "templates":
            data = templates_as_data(library)
            if args.json:
                print(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                for t in data:
                    print(f"{t['id']} {t['revision']}: {t['type_name']} ({t['first_year']}–{t['last_year'] or ''})")
            return 0
        with _opened_store(_db_path(db), read_only=args.command in READING) as store:
            if args.command == "backup":
                from forms.backup import take_backup

                print(take_backup(store))
            elif args.command == "demo":
                from forms.demo import demo_report

                print(store.create_report(demo_report(library)))
            elif args.command == "export-json":
                from forms.interchange import report_to_json

                text = report_to_json(store.load_report(args.id), library)
                try:
                    sys.stdout.write(text)
                    sys.stdout.flush()  # a full disk or closed pipe is reported here, not at exit
                except OSError as exc:
                    _drop_stdout()
                    return _refuse(_os_message(exc))
            elif args.command == "export":
                return _export(store, library, args)
            elif args.command == "consolidate":
                return _consolidate(store, library, args)
            elif args.command == "import-mail":
                return _import_mail(store, library, args.paths)
            elif args.command == "import-docx":
                return _import_docx(store, library, args)
            elif args.command == "import-json":
                from forms.interchange import report_from_json

                warnings: list[str] = []
                report = report_from_json(read_json_text(Path(args.file)), library, warnings)
                for warning in warnings:
                    print(f"avtalsuppfoljning: varning: {warning}", file=sys.stderr)
                print(store.create_report(report))
        return 0
    except UserError as exc:  # Swedish, with the next step; any other error is a bug (below)
        return _refuse(str(exc))
    except sqlite3.Error as exc:
        return _refuse(f"Databasen kunde inte läsas: {exc}. Den kan vara skadad; återställ en säkerhetskopia.")
    except OSError as exc:
        return _refuse(_os_message(exc))
    except RecursionError:
        return _refuse("Indata är för djupt nästlade för att läsas.")
    except Exception as exc:  # noqa: BLE001 - one Swedish line, never a traceback
        return _refuse(f"Ett oväntat fel inträffade ({type(exc).__name__}: {str(exc)[:200]}). Inget har ändrats.")


def _os_message(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{where}Disken är full – utdata kunde inte skrivas. Frigör utrymme och försök igen."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{where}Du har inte behörighet att skriva här (eller disken är skrivskyddad)."
    if exc.errno == errno.ENOENT:
        return f"{where}Filen eller mappen finns inte."
    if exc.errno == errno.EPIPE:
        return "Utdata kunde inte skrivas: mottagaren stängdes."
    return f"{where}{exc.strerror or exc}."


def _utf8_when_redirected() -> None:
    """Output into a file or a pipe is UTF-8, as in the frozen app (UTF-8 mode). Otherwise it would
    be the locale's code page — cp1252 on Windows, which cannot hold ⚠, − (U+2212, in amounts) or a
    name such as Łukasz: `export-json … > fil` ended with an English codec error and an empty file.
    A console keeps its own encoding (Windows' console takes any character anyway)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.isatty():
                stream.reconfigure(encoding="utf-8", errors=stream.errors)
        except (AttributeError, OSError, ValueError):  # a stream without reconfigure, or closed
            pass


def _drop_stdout() -> None:
    """After a failed write to stdout, point it at the null device, so Python's flush at exit does
    not print an English error of its own."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _refuse(message: str) -> int:
    """One line on stderr, exit code 1."""
    print(f"avtalsuppfoljning: {' '.join(str(message).split())}", file=sys.stderr)
    return 1


READING = {"export-json", "export", "consolidate"}  # commands that only read: never create, migrate or write


@contextmanager
def _opened_store(path: Path, read_only: bool) -> Iterator[Store]:
    """The database, checked as the app's start checks it: a damaged file is refused (naming the
    newest good backup), a held one waited for and then refused, neither touched. Reading commands
    open it read-only (a write-protected share works) and never create one; an older database is
    read through a migrated copy, so the file itself is not migrated by a command that only reads."""
    from forms.backup import checked_problem, damaged_message

    if read_only and not path.is_file():
        raise StoreError(f"Databasen {path} finns inte. Kontrollera sökvägen (--db); ingen databas har skapats.")
    problem = checked_problem(path)
    if problem is not None:
        raise StoreError(damaged_message(path, problem))
    if not read_only:
        store = Store(path)
    else:
        try:
            store = Store(path, read_only=True)
        except StoreError as exc:
            if "äldre version" not in str(exc):
                raise
            with tempfile.TemporaryDirectory(prefix="avtalsuppfoljning-") as folder:
                store = _migrated_copy(path, Path(folder))
                try:
                    yield store
                finally:
                    store.close()
            return
    try:
        yield store
    finally:
        store.close()


def _migrated_copy(path: Path, folder: Path) -> Store:
    from forms.backup import copy_database

    copy_database(path, folder / path.name)
    return Store(folder / path.name)


def read_json_text(path: Path) -> str:
    from forms.interchange import read_report_text

    return read_report_text(path)


if __name__ == "__main__":
    sys.exit(main())
