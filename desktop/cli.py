"""The `avtalsuppfoljning` command: starts the app, or works on a database from the command line.

    avtalsuppfoljning [--db PATH]                 start the application
    avtalsuppfoljning demo --db PATH              add the Lundby 2022 demo report, print its id
    avtalsuppfoljning export-json --db PATH ID    print a report as JSON
    avtalsuppfoljning import-json --db PATH FILE  add a report from a JSON file, print its id
    avtalsuppfoljning templates --json            list every template revision
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from forms.demo import demo_report
from forms.interchange import InterchangeError, report_from_json, report_to_json
from forms.store import Store, StoreError
from forms.template import TemplateError, TemplateLibrary


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
    templates = sub.add_parser("templates", help="lista alla mallar och mallversioner")
    templates.add_argument("--json", action="store_true", help="som JSON")
    return parser


def templates_as_data(library: TemplateLibrary) -> list[dict]:
    result = []
    for t in library:
        result.append({
            "id": t.id, "revision": t.revision, "type_name": t.type_name,
            "first_year": t.first_year, "last_year": t.last_year,
            "parties": t.parties, "area_word": t.area_word,
            "sections": [{
                "id": s.id, "title": s.title,
                "fields": [{"id": f.id, "kind": f.kind, "label": f.label or f.heading or f.text[:80]}
                           for f in s.fields],
            } for s in t.sections],
        })
    return result


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db = getattr(args, "sub_db", None) or args.db
    try:
        if args.command is None:
            from desktop.app import run_gui

            return run_gui(_db_path(db))
        library = TemplateLibrary.load()
        if args.command == "templates":
            data = templates_as_data(library)
            if args.json:
                print(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                for t in data:
                    print(f"{t['id']} {t['revision']}: {t['type_name']} ({t['first_year']}–{t['last_year'] or ''})")
            return 0
        store = Store(_db_path(db))
        try:
            if args.command == "demo":
                print(store.create_report(demo_report(library)))
            elif args.command == "export-json":
                sys.stdout.write(report_to_json(store.load_report(args.id), library))
            elif args.command == "import-json":
                text = Path(args.file).read_text(encoding="utf-8")
                print(store.create_report(report_from_json(text, library)))
        finally:
            store.close()
        return 0
    except (StoreError, TemplateError, InterchangeError, KeyError, OSError, UnicodeDecodeError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        print(f"avtalsuppfoljning: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
