"""Importing many Word files at once (a folder of earlier years' reports), and recognising a document
imported before (its bytes or its content)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from forms.template import TemplateLibrary
from forms.word_import.again import already_imported_text, earlier_imports, existing_report
from forms.word_import.model import WordImportError
from forms.word_import.recognise import import_docx
from forms.word_reader import WordReadError, read_docx

# --- importing many files (a folder of earlier years' reports) ------------------------------------

WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".doc")


@dataclass
class FileOutcome:
    path: Path
    status: str  # "importerad", "granska" (imported, needs a look), "redan" (imported before) or "vägrad"
    message: str  # Swedish: the summary, why it was refused, or the report it was imported as before
    report_id: int | None = None  # the new report, or for "redan" the earlier one

    @property
    def line(self) -> str:
        """`Lundby 2022.docx: importerad – 16 av 16 frågor hittades; …`,
        `Lundby 2022.docx: redan importerad som Uppföljning FCA Lundby 2022`"""
        if self.status == "redan":
            return f"{self.path.name}: redan importerad som {self.message}"
        words = {"importerad": "importerad", "granska": "importerad, behöver granskas", "vägrad": "inte importerad"}
        return f"{self.path.name}: {words[self.status]} – {self.message}"


def word_files(paths: list[Path]) -> list[Path]:
    """The Word files among the given files and folders (folders searched through), not Word's
    "~$…" lock files, in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in WORD_SUFFIXES
                            and not p.name.startswith("~$"))
        elif not path.name.startswith("~$"):
            found.append(path)
    return found


def import_files(paths: list[Path], store, library: TemplateLibrary, *,
                 progress: Callable[[int, int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[FileOutcome]:
    """Import every Word file without asking: each becomes a new report with the document as its
    bilaga, unless it was imported before (the same file, or its content saved again: skipped, so a
    folder can be imported again after files were added to it), would be a guess (several possible
    templates, no area or year), is for a type, area and year that already has a report (refused:
    importing it alone asks what to do) or is unreadable. One outcome per file; a failure stops nothing but
    that file. `progress(done, total, name)` is told before each file (and at the end, with name "");
    when `cancelled()` says so the files not reached yet are left alone (their outcomes are missing)."""
    from forms.store import StoreError

    outcomes = []
    files = word_files(paths)
    for number, path in enumerate(files):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(number, len(files), path.name)
        try:
            document = read_docx(path)
            earlier = earlier_imports(store, document.data, document)
            if earlier:
                outcomes.append(FileOutcome(path, "redan", already_imported_text(earlier[0], library),
                                            earlier[0].report_id))
                continue
            result = import_docx(document, library)
        except (WordImportError, WordReadError) as exc:
            outcomes.append(FileOutcome(path, "vägrad", str(exc)))
            continue
        if result.ambiguous:
            names = " eller ".join(c.name for c in result.candidates)
            outcomes.append(FileOutcome(path, "vägrad", f"kan vara {names}; importera filen ensam och välj mall."))
            continue
        if result.missing:
            outcomes.append(FileOutcome(path, "vägrad", f"{', '.join(result.missing)} kunde inte läsas ur dokumentet; "
                                                        "importera filen ensam och ange det."))
            continue
        template = library.get(result.template_id, result.revision)
        existing = existing_report(store, result.template_id, result.area, result.year)
        if existing is not None:  # never a second, indistinguishable report without asking
            outcomes.append(FileOutcome(path, "vägrad", f"det finns redan en rapport {template.type_name} {existing.area} "
                                                        f"{result.year}; importera filen ensam för att välja ny "
                                                        "version av den eller separat kopia."))
            continue
        try:
            report_id = store.create_report(result.report, [(path.name, result.data)], imported_from=result.source)
        except StoreError as exc:
            outcomes.append(FileOutcome(path, "vägrad", str(exc)))
            continue
        what = f"{template.type_name} {result.area} {result.year}: {result.summary()}"
        outcomes.append(FileOutcome(path, "granska" if result.needs_look else "importerad", what, report_id))
    if progress is not None:
        progress(len(outcomes), len(files), "")
    return outcomes


def outcomes_summary(outcomes: list[FileOutcome]) -> str:
    """`2 av 4 dokument importerades som nya rapporter, 1 av dem behöver granskas; 1 var redan
    importerat och hoppades över.` — the first line of a folder import's summary."""
    imported = sum(o.status in ("importerad", "granska") for o in outcomes)
    looks = sum(o.status == "granska" for o in outcomes)
    before = sum(o.status == "redan" for o in outcomes)
    return (f"{imported} av {len(outcomes)} dokument importerades som nya rapporter"
            + (f", {looks} av dem behöver granskas" if looks else "")
            + (f"; {before} var redan {'importerat' if before == 1 else 'importerade'} och hoppades över"
               if before else "")
            + ".")
