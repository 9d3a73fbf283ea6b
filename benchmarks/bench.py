"""Start-up, wizard and autosave benchmark for Avtalsuppföljning, compared with bare-Qt floors.

    python benchmarks/bench.py [--runs N] [--warmup N] [--json]

Every whole-process figure is a fresh child process (real start-up: interpreter, imports, Qt), timed
from spawn to exit, with the child's peak RSS from os.wait4. In-process figures (wizard open, page
change, autosave) are time.perf_counter inside one such child. Qt runs offscreen. See README.md.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PR_SET_CHILD_SUBREAPER = 36
MIB = 1024 * 1024

# --- the child programs (run as `python -c CODE ARGS…`; keep them minimal: their start-up is measured) ----

FLOOR_PASS = "pass"

FLOOR_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["bench"])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

# ENGINEERING.md's third floor: QWizard, 6 pages x 8 label+text pairs, every page visited.
FLOOR_WIZARD = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QPlainTextEdit, QWizard, QWizardPage
app = QApplication(["bench"])
wizard = QWizard()
for p in range(6):
    page = QWizardPage()
    page.setTitle(f"Sida {p + 1}")
    form = QFormLayout(page)
    for i in range(8):
        form.addRow(QLabel(f"Fråga {i + 1}"), QPlainTextEdit())
    wizard.addPage(page)
wizard.show()
app.processEvents()
for _ in range(5):
    wizard.next()
    app.processEvents()
QTimer.singleShot(0, app.quit)
app.exec()
"""

# What `avtalsuppfoljning` does, as a coordinator starts it (no arguments, the database in its default
# home): desktop.cli.main runs the whole start (locks, the database check, the templates, the report
# list) and the app's own exit (closing the window, saving its size, removing the copies folder). The
# window's first show is wrapped to quit after one event-loop pass, as the bare-window floor does.
# desktop.cli is imported first, as the app's launchers do (`avtalsuppfoljning-gui`, desktop/__main__.py):
# PySide reads the source of every module imported after it (to look for `from __feature__ import`), so
# importing PySide before the app's own imports would add a cost the app does not have.
APP_START = """
import os, sys
from pathlib import Path
os.environ["XDG_DATA_HOME"] = sys.argv[2]  # before Qt reads it: the database below is the default one
import desktop.cli as cli
from PySide6.QtCore import QTimer
import desktop.main_window as main_window
from desktop.paths import default_db_path
seen = []
show = main_window.MainWindow.show
def show_then_quit(self):
    show(self)
    def shown():  # inside the loop pass: the list is painted
        seen.extend([self.table.rowCount(), self.table.isVisible()])
        self.close()
    QTimer.singleShot(0, shown)
main_window.MainWindow.show = show_then_quit
if default_db_path() != Path(sys.argv[1]):
    raise SystemExit(f"bench: the default database is {default_db_path()}, not {sys.argv[1]}")
code = cli.main([])
rows, shown = seen
print(rows, shown)
sys.exit(code or (0 if rows == 1 and shown else 3))
"""

# Open the demo report in the wizard and visit every page, then quit (whole process: wall + peak RSS).
WIZARD_VISIT = """
import sys
from desktop.app import create_app
from desktop.wizard import ReportWizard
from forms.store import Store
from forms.template import TemplateLibrary
from PySide6.QtCore import QTimer
app = create_app()
library = TemplateLibrary.load()
store = Store(sys.argv[1])
wizard = ReportWizard(store, library, int(sys.argv[2]))
wizard.show()
app.processEvents()
visited = [wizard.currentId()]
while wizard.nextId() != -1:  # not next() on the last page: it validates, and that may open a modal dialog
    wizard.next()
    app.processEvents()
    visited.append(wizard.currentId())
QTimer.singleShot(0, app.quit)
app.exec()
wizard.saver.flush()
store.close()
print(len(visited))
sys.exit(0 if len(visited) == len(wizard.pageIds()) else 3)
"""

# In-process timings (ms) in one child: open the wizard, page changes, autosave commits.
IN_PROCESS = """
import json, sys
from time import perf_counter
from desktop.app import create_app
from desktop.wizard import ReportWizard
from forms.store import Store
from forms.template import TemplateLibrary
from PySide6.QtCore import QTimer
app = create_app()
library = TemplateLibrary.load()
store = Store(sys.argv[1])
report_id, field_id, repeats = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])

t0 = perf_counter()
wizard = ReportWizard(store, library, report_id)
wizard.show()
app.processEvents()
open_ms = (perf_counter() - t0) * 1000

def step(move):
    before = wizard.currentId()
    t0 = perf_counter()
    move()
    app.processEvents()
    dt = (perf_counter() - t0) * 1000
    assert wizard.currentId() != before, "the page did not change"
    return dt

# Never next() on the last page: it validates the report and may open a modal dialog (a hang offscreen).
forward, backward = [], []
while wizard.nextId() != -1:
    forward.append(step(wizard.next))
while wizard.currentId() != wizard.startId():
    backward.append(step(wizard.back))

base = ("Koordinatorn har under året samordnat insatser för barn och unga i området, följt upp "
        "samverkan med vårdcentral, BVC, förskola och socialtjänst och deltagit i nätverksträffar. ") * 8
saves = []
for i in range(repeats):
    text = (f"{i:04d} " + base)[:600]  # a new 600-char text each time, so every call has a change to save
    t0 = perf_counter()
    wizard.saver.set_answer(field_id, text)
    wizard.saver.flush()
    saves.append((perf_counter() - t0) * 1000)
stored = store.load_report(report_id).answer(field_id)
QTimer.singleShot(0, app.quit)
app.exec()
store.close()
print(json.dumps({"open_ms": open_ms, "next_ms": forward, "back_ms": backward, "save_ms": saves,
                  "pages": len(wizard.pageIds()), "saved_ok": stored == text and len(text) == 600}))
"""

# Exports of the Lundby report (ms, in one child, libraries imported first), each beside its floor:
# python-docx / openpyxl writing the same text and table with no styling, Qt's PDF writer likewise.
EXPORTS = """
import io, json, os, sys, tempfile
from time import perf_counter
from desktop.app import create_app
from forms.store import Store
from forms.template import TemplateLibrary
from exports.bundle import docx_bytes, xlsx_bytes
from exports.content import questions, table_view, answer_text
from desktop.printing import report_document, write_pdf
import docx, openpyxl
from PySide6.QtGui import QPdfWriter, QTextDocument
app = create_app()
library = TemplateLibrary.load()
store = Store(sys.argv[1])
report = store.load_report(int(sys.argv[2]))
template = library.get(report.template_id, report.revision)
repeats = int(sys.argv[3])
texts = [(q.label, answer_text(q)) for q in questions(template, report)]
view = table_view(template, report, template.field("ekonomi"))
cells = [[row.label] + [str(c.value or "") for c in row.cells] for row in view.rows]
folder = tempfile.mkdtemp()

def plain_docx():
    d = docx.Document()
    for label, answer in texts:
        d.add_paragraph(label)
        for line in answer.split("\\n"):
            d.add_paragraph(line)
    t = d.add_table(rows=len(cells), cols=len(cells[0]))
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    d.save(io.BytesIO())

def plain_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in cells:
        ws.append(row)
    ws.append(["SUMMA"] + [f"=SUM({col}2:{col}4)" for col in "BCDE"])
    qa = wb.create_sheet()
    for label, answer in texts:
        qa.append([label, answer])
    wb.save(io.BytesIO())

def plain_pdf():
    doc = QTextDocument()
    doc.setPlainText("\\n".join(f"{a}\\n{b}" for a, b in texts))
    writer = QPdfWriter(os.path.join(folder, "plain.pdf"))  # Qt's own layout, no pagination rules
    doc.print_(writer)
    del writer

cases = {
    "docx": lambda: docx_bytes(template, report, []),
    "xlsx": lambda: xlsx_bytes(template, report),
    "pdf": lambda: write_pdf(report_document(template, report, []), os.path.join(folder, "r.pdf"), "x"),
    "docx_floor": plain_docx, "xlsx_floor": plain_xlsx, "pdf_floor": plain_pdf,
}
result = {name: [] for name in cases}
for _ in range(repeats):
    for name, case in cases.items():
        t0 = perf_counter()
        case()
        result[name].append((perf_counter() - t0) * 1000)
store.close()
print(json.dumps(result))
"""
EXPORT_REPEATS = 3
EXPORT_BOUNDS = {"docx": 2.0, "pdf": 2.0}  # times the floor measured in the same child (issue 19: aim 1.5x)

# Importing Word reports (ms, in one child, libraries imported first; forms/word_import/, no Qt):
# the seed's Lundby 2022 report (seed 002) rebuilt in the region template's layout as the tests do
# (tests/forms/test_word_import_region_template.py) read and matched — what the user waits for before
# the preview shows — then stored as a new report; a folder of reports (the app's export, one for each
# of the 10 stadsdelar) through import_files, and the same folder again, every document skipped as imported.
WORD_IMPORT = """
import json, shutil, sys, tempfile
from pathlib import Path
from time import perf_counter
from exports.bundle import docx_bytes
from forms.areas import areas_for
from forms.demo import demo_report
from forms.store import Store
from forms.template import TemplateLibrary
from forms.word_import import earlier_imports, import_files, match_document
from forms.word_reader import read_docx
from tests.forms import word_builders as wb
from tests.forms.test_word_import_region_template import region_document
library = TemplateLibrary.load()
template = library.get("fca-uppfoljning", "2022")
seed = wb.to_bytes(region_document(template))
report = demo_report(library)
folder = Path(tempfile.mkdtemp()) / "rapporter"
folder.mkdir()
for area in areas_for(template.area_word):
    report.area = area
    (folder / f"{area} 2022.docx").write_bytes(docx_bytes(template, report))
documents = len(list(folder.iterdir()))
result = {"preview_ms": [], "store_ms": [], "folder_ms": [], "again_ms": []}
for _ in range(int(sys.argv[1])):
    store = Store(Path(tempfile.mkdtemp()) / "import.sqlite")
    t0 = perf_counter()
    document = read_docx(seed, "Lundby 2022.docx")
    matched = match_document(document, library)
    t1 = perf_counter()
    assert not earlier_imports(store, document.data, document)
    store.create_report(matched.report, [("Lundby 2022.docx", document.data)], imported_from=matched.source)
    t2 = perf_counter()
    assert matched.counts()["found"] == matched.counts()["questions"], matched.summary()
    store.close()
    shutil.rmtree(store.path.parent)
    # the folder holds Lundby 2022 too: into a database of its own, as a secretary's first folder import
    store = Store(Path(tempfile.mkdtemp()) / "folder.sqlite")
    t2f = perf_counter()
    first = import_files([folder], store, library)
    t3 = perf_counter()
    again = import_files([folder], store, library)
    t4 = perf_counter()
    if [o.status for o in first] != ["importerad"] * documents or [o.status for o in again] != ["redan"] * documents:
        raise SystemExit(f"bench: folder import {[o.line for o in first + again]}")
    store.close()
    shutil.rmtree(store.path.parent)
    result["preview_ms"].append((t1 - t0) * 1000)
    result["store_ms"].append((t2 - t1) * 1000)
    result["folder_ms"].append((t3 - t2f) * 1000 / documents)
    result["again_ms"].append((t4 - t3) * 1000 / documents)
result["documents"] = documents
result["seed_kib"] = len(seed) / 1024
shutil.rmtree(folder.parent)
print(json.dumps(result))
"""
WORD_IMPORT_REPEATS = 2

# Spell checking (desktop/spelling.py): the FCA 2022 report with every free-text answer 600 characters
# of Swedish prose holding misspellings, opened in the wizard; page changes and one key's echo (key
# event handled + repainted) with the checker on and off, in the same child. The shipped templates
# have at most five free-text answers on one page (FCA's "styrning").
SPELLING = """
import json, sys, tempfile
from pathlib import Path
from time import perf_counter
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from desktop.app import create_app
from desktop import spelling
from desktop.wizard import ReportWizard
from forms.report import Report
from forms.store import Store
from forms.template import TemplateLibrary
app = create_app()
folder = Path(tempfile.mkdtemp())
QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # never the user's own settings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
library = TemplateLibrary.load()
template = library.get("fca-uppfoljning", "2022")
prose = ("Under året har vi arbetat med markansföring av föräldraskapsstöd och fysiskaktivitet på "
         "öppnaförskolan, i samverkan med BVC, vårdhandshavare och socialtjänsten i stadsområdet. ") * 6
report = Report(template.id, template.revision, "Lundby", 2022)
for f in template.fields():
    if f.kind == "text":
        report.set_answer(f.id, prose[:600])
store = Store(folder / "db.sqlite")
report_id = store.create_report(report)
service = spelling.spell_service()
service.ensure_loading()
service.wait_until_loaded()
app.processEvents()
repeats = int(sys.argv[1])
result = {}
for state in ("on", "off", "on", "off"):
    service.set_enabled(state == "on")
    t0 = perf_counter()
    wizard = ReportWizard(store, library, report_id)
    wizard.show()
    app.processEvents()
    result.setdefault(f"open_{state}", []).append((perf_counter() - t0) * 1000)
    while wizard.currentId() != wizard.startId():  # it opens where the last run left it
        wizard.back()
    app.processEvents()
    pages = result.setdefault(f"page_{state}", [])
    while wizard.nextId() != -1:
        t0 = perf_counter(); wizard.next(); app.processEvents(); pages.append((perf_counter() - t0) * 1000)
    while wizard.currentId() != wizard.startId():
        t0 = perf_counter(); wizard.back(); app.processEvents(); pages.append((perf_counter() - t0) * 1000)
    flagged = sum(len(w.spelling.flagged()) for i in wizard.section_pages.values() if hasattr(p := wizard.page(i), "widgets")
                  for w in p.widgets.values() if hasattr(w, "spelling"))
    assert (flagged > 0) == (state == "on"), (state, flagged)
    wizard.go_to_page(wizard.section_pages["styrning"])
    app.processEvents()
    editor = wizard.currentPage().widgets["aktiviteter_samverkan"].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    keys = result.setdefault(f"key_{state}", [])
    for i in range(repeats):
        t0 = perf_counter()
        QTest.sendKeyEvent(QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, "aä"[i % 2], Qt.KeyboardModifier.NoModifier)
        editor.viewport().repaint()
        app.processEvents()
        keys.append((perf_counter() - t0) * 1000)
    wizard.saver.flush()
    wizard.close()
    wizard.deleteLater()
    app.processEvents()
store.close()
print(json.dumps(result))
"""
SPELLING_KEYS = 40

# The receiving side at scale: a database of N received reports (every template, 200 years x 13 areas,
# every text answered with ~450 characters, every amount filled, a 4 kB JSON file kept with each),
# one in ten received a second time (a version). Written once per benchmark run, not timed.
RECEIVING_DB = """
import hashlib, json, random, sys
from decimal import Decimal
from forms.areas import areas_for
from forms.receiving import Incoming
from forms.report import Report
from forms.store import Store
from forms.template import TemplateLibrary
path, wanted = sys.argv[1], int(sys.argv[2])
library = TemplateLibrary.load()
store = Store(path)
store.conn.execute("PRAGMA synchronous = OFF")  # only to write the test database quickly
text = ("Samverkan mellan förskola, BVC och socialtjänst har utvecklats under året. " * 8)[:450]
areas = areas_for("stadsområde") + [a for a in areas_for("stadsdel") if a not in areas_for("stadsområde")]

def filled(template, area, year, seed):
    rnd = random.Random(seed)
    r = Report(template.id, template.revision, area, year, status="skickad", compiled_by=f"Koordinator {area}")
    for f in template.fields():
        if f.kind == "text": r.set_answer(f.id, f"{seed} {text}")
        elif f.kind == "yesno": r.set_answer(f.id, "ja")
        elif f.kind == "percent": r.set_answer(f.id, "50")
        elif f.kind == "number": r.set_answer(f.id, "3")
        elif f.kind == "rows": r.set_rows(f.id, [{c.id: text[:120] for c in f.columns}])
        elif f.kind == "money_table":
            for row in (row for row in f.table.rows if row.role in ("funds", "cost")):
                for c in (c for c in f.table.columns if c.party != "total"):
                    r.set_amount(f.id, row.id, c.id, Decimal(rnd.randint(100, 9999)) / 10)
    return r

count = 0
ids = sorted({t.id for t in library})
for year in range(1900, 2100):
    for template_id in ids:
        template = library.for_year(template_id, year)
        for area in areas:
            if count == wanted:
                break
            for again in range(2 if count % 10 == 0 else 1):
                report = filled(template, area, year, count * 2 + again)
                sha = hashlib.sha256(f"{count}-{again}".encode()).hexdigest()
                store.receive_report(Incoming(report, "koordinator@goteborg.se", f"{year + 1}-01-2{again}T10:00:00",
                                              f"{area}.eml", sha, [(f"{area}.json", b"{}" * 2048)]))
            count += 1
reports, versions = (store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reports", "versions"))
page_size, pages = (store.conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_size", "page_count"))
store.close()
print(json.dumps({"reports": reports, "versions": versions, "bytes": page_size * pages}))
"""

# In-process (ms): the report list of that database shown in the main window (construct + show + one
# event-loop pass), a refresh of the list, and the Sammanställning of one year (FCA 2023).
RECEIVING = """
import json, sys
from time import perf_counter
from desktop.app import create_app
from desktop.main_window import MainWindow
from forms.consolidation import consolidate
from forms.store import Store
from forms.template import TemplateLibrary
app = create_app()
library = TemplateLibrary.load()
store = Store(sys.argv[1])
t0 = perf_counter()
window = MainWindow(store, library)
window.show()
app.processEvents()
shown = (perf_counter() - t0) * 1000
rows = window.table.rowCount()
t0 = perf_counter()
window.refresh()
app.processEvents()
refresh = (perf_counter() - t0) * 1000
t0 = perf_counter()
result = consolidate(store, library, "fca-uppfoljning", 2023)
cons = (perf_counter() - t0) * 1000
window.close()
store.close()
print(json.dumps({"list_ms": shown, "refresh_ms": refresh, "consolidate_ms": cons, "rows": rows,
                  "areas": len(result.rows)}))
"""

# Database growth of one report as an area really sends it: the app's Word, Excel, PDF and JSON files
# in the email, received into a fresh database, then the same report received again (a version).
RECEIVING_GROWTH = """
import hashlib, io, json, os, sys, tempfile
from datetime import date
from desktop.app import create_app
from desktop.printing import report_document, write_pdf
from exports.bundle import docx_bytes, file_name, json_attachment, xlsx_bytes
from forms.demo import demo_report
from forms.receiving import Incoming
from forms.store import Store
from forms.template import TemplateLibrary
app = create_app()
library = TemplateLibrary.load()
report = demo_report(library)
template = library.get(report.template_id, report.revision)
folder = tempfile.mkdtemp()
write_pdf(report_document(template, report, []), os.path.join(folder, "r.pdf"), "x")
files = [(file_name(template, report, "docx"), docx_bytes(template, report)),
         (file_name(template, report, "xlsx"), xlsx_bytes(template, report)),
         (file_name(template, report, "pdf"), open(os.path.join(folder, "r.pdf"), "rb").read()),
         json_attachment(template, report, library)]
store = Store(os.path.join(folder, "growth.sqlite"))
def size():
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store.conn.execute("PRAGMA page_size").fetchone()[0] * store.conn.execute("PRAGMA page_count").fetchone()[0]
empty = size()
store.receive_report(Incoming(report, "a@x.se", "2023-01-20T10:00:00", "a.eml", "1" * 64, files))
first = size()
report.set_answer("nosam", report.answer("nosam") + " Rättat.")
store.receive_report(Incoming(report, "a@x.se", "2023-01-25T10:00:00", "b.eml", "2" * 64, files))
second = size()
store.close()
print(json.dumps({"attached": sum(len(c) for _, c in files), "first": first - empty, "again": second - first}))
"""
RECEIVING_REPORTS = 10_000

# Reading received mail (in-proc, ms): an email of 10 000 parts (the limit; the JSON report last) read
# with forms.receiving.read_item, and a folder of 10 emails (the app's own drafts, four areas, three
# years) received into a fresh database. The default email policy took 302 s for 50 000 parts.
MAIL_READ = """
import json, sys, tempfile
from datetime import datetime
from pathlib import Path
from time import perf_counter
from forms.interchange import report_to_json
from forms.receiving import MAX_PARTS, read_item, receive_paths
from forms.store import Store
from forms.template import TemplateLibrary
from tests.receiving_data import AREAS, area_report, email_bytes
library = TemplateLibrary.load()
repeats = int(sys.argv[1])
folder = Path(tempfile.mkdtemp(prefix="avtal-bench-mail-"))
report = report_to_json(area_report(library, "Centrum", 1), library).encode()
body = b"".join(b"--XYZ\\r\\n\\r\\n" for _ in range(MAX_PARTS - 1))
body += (b"--XYZ\\r\\nContent-Type: application/json\\r\\nContent-Disposition: attachment; filename=r.json\\r\\n\\r\\n"
         + report + b"\\r\\n--XYZ--\\r\\n")
bomb = folder / "parts.eml"
bomb.write_bytes(b"From: a@b.se\\r\\nDate: Thu, 25 Jan 2024 10:30:00 +0100\\r\\nMIME-Version: 1.0\\r\\n"
                 b"Content-Type: multipart/mixed; boundary=XYZ\\r\\n\\r\\n" + body)
inbox = folder / "inkorg"
inbox.mkdir()
for i in range(10):
    area = AREAS[i % 4]
    mail = email_bytes(library, area_report(library, area, i % 4 + 1, year=2023 + i // 4),
                       sent=datetime(2024, 1, 25, 10, i), sender=f"k@{i}.se")
    (inbox / f"{i:02d}.eml").write_bytes(mail)
parts_ms, folder_ms = [], []
for run in range(repeats):
    t0 = perf_counter()
    assert read_item(bomb, library).report.area == "Centrum"
    parts_ms.append((perf_counter() - t0) * 1000)
    store = Store(folder / f"{run}.sqlite")
    t0 = perf_counter()
    outcomes, _ = receive_paths(store, library, [inbox])
    folder_ms.append((perf_counter() - t0) * 1000)
    assert [o.what for o in outcomes] == ["ny"] * 10, [o.reason for o in outcomes]
    store.close()
print(json.dumps({"parts_ms": parts_ms, "folder_ms": folder_ms}))
"""
MAIL_READ_REPEATS = 2

AUTOSAVE_FIELD = "koordinatorns_arbete"  # a free-text field of the FCA template, filled in the demo
AUTOSAVE_REPEATS = 200


# --- running children ---------------------------------------------------------------------------------

class Runner:
    """Spawns `python -c CODE` children and returns (wall s, peak RSS MiB, stdout).

    Linux keeps a process's peak RSS across exec(), so a child spawned straight from this script would
    report at least *this* process's RSS (~14 MiB, more than `python -c pass` itself). So on Linux the
    child is started by a small `sh` that puts it in the background and exits; this process is the
    child's subreaper and reaps it with os.wait4, and the peak is the child's own. The wall time then
    includes starting `sh` (2–3 ms on the project VM), the same for every row.
    """

    def __init__(self, env: dict[str, str], cwd: str, timeout: float = 120.0):
        self.env, self.cwd, self.timeout = env, cwd, timeout
        self.via_sh = False
        if sys.platform.startswith("linux") and shutil.which("sh"):
            libc = ctypes.CDLL(None, use_errno=True)
            self.via_sh = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0

    def _wait(self, pid: int):
        """os.wait4, killing the child if it runs longer than the timeout (a modal dialog hangs)."""
        timer = threading.Timer(self.timeout, os.kill, (pid, signal.SIGKILL))
        timer.start()
        try:
            return os.wait4(pid, 0)
        finally:
            timer.cancel()

    def run(self, code: str, *args: str) -> tuple[float, float, str]:
        return self.run_argv([sys.executable, "-c", code, *args])

    def run_argv(self, argv: list[str]) -> tuple[float, float, str]:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            if self.via_sh:
                r, w = os.pipe()
                try:
                    t0 = time.perf_counter()
                    sh = subprocess.Popen(["sh", "-c", f'"$@" & echo $! >&{w}', "sh", *argv], pass_fds=[w],
                                          stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                          env=self.env, cwd=self.cwd)
                    os.close(w)
                    w = -1
                    with os.fdopen(r, "rb") as pid_pipe:
                        r = -1
                        pid = int(pid_pipe.readline().decode().strip())  # the child keeps the pipe open
                    sh.wait()
                    _, status, usage = self._wait(pid)
                    wall = time.perf_counter() - t0
                finally:
                    for fd in (r, w):
                        if fd >= 0:
                            os.close(fd)
            else:  # elsewhere: the peak may include this process's own RSS (inherited across exec)
                t0 = time.perf_counter()
                child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                         env=self.env, cwd=self.cwd)
                _, status, usage = self._wait(child.pid)
                wall = time.perf_counter() - t0
                child.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
        code_ = os.waitstatus_to_exitcode(status)
        if code_ != 0:
            why = f"was killed after {self.timeout:g} s" if code_ == -signal.SIGKILL else f"failed with exit code {code_}"
            raise SystemExit(f"bench: child {why}\n--- stdout\n{stdout}--- stderr\n{stderr}")
        # ru_maxrss: KiB on Linux, bytes on macOS.
        peak = usage.ru_maxrss / MIB if sys.platform == "darwin" else usage.ru_maxrss / 1024
        return wall, peak, stdout


def make_demo_db(folder: Path, env: dict[str, str]) -> tuple[Path, int]:
    """A database holding only the Lundby demo report, made by the app's own `demo` command."""
    db = folder / "template.sqlite"
    result = subprocess.run([sys.executable, "-m", "desktop", "demo", "--db", str(db)], env=env, cwd=folder,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"bench: could not create the demo database:\n{result.stderr}")
    return db, int(result.stdout.strip())


def default_home_db(folder: Path) -> Path:
    """desktop.paths.default_db_path when XDG_DATA_HOME is folder/data (the app_start child checks it)."""
    return folder / "data" / "Göteborgs Stad" / "Avtalsuppföljning" / "rapporter.sqlite"


def fresh_copy(template: Path, folder: Path, target: Path | None = None) -> str:
    """Every child gets its own copy: the wizard writes (current page, autosave)."""
    target = target or folder / "run.sqlite"
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if Path(f"{template}{suffix}").exists():
            shutil.copyfile(f"{template}{suffix}", f"{target}{suffix}")
    return str(target)


# --- measuring and reporting --------------------------------------------------------------------------

def stats(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def installed_command() -> Path | None:
    """The `avtalsuppfoljning` command pip installed beside this Python (the venv's)."""
    for name in ("avtalsuppfoljning", "avtalsuppfoljning.exe"):
        path = Path(sys.executable).parent / name
        if path.exists():
            return path
    return None


def frozen_command(bundle: Path | None) -> Path | None:
    """The frozen bundle's console program (scripts/build-app.sh), if one was built."""
    if bundle is None:
        return None
    for name in ("avtalsuppfoljning-cli", "avtalsuppfoljning-cli.exe"):
        if (bundle / name).exists():
            return bundle / name
    return None


def folder_mib(folder: Path) -> float:
    """Unpacked size: every file once (PyInstaller links some Qt libraries into two places)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / MIB


def measure(runs: int, warmup: int, progress: bool, bundle: Path | None = None) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])
    env.setdefault("XDG_RUNTIME_DIR", tempfile.gettempdir())  # silences Qt's warning when unset

    with tempfile.TemporaryDirectory(prefix="avtal-bench-") as tmp:
        folder = Path(tmp)
        # Bytecode as on a user's machine (compiled once, then read), kept out of the repository: the
        # warm-up run writes it here, even where PYTHONDONTWRITEBYTECODE is set.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        runner = Runner(env, tmp)
        template_db, report_id = make_demo_db(folder, env)
        big_db = folder / "receiving.sqlite"
        _, _, out = runner.run(RECEIVING_DB, str(big_db), str(RECEIVING_REPORTS))
        big = json.loads(out.strip().splitlines()[-1])

        def whole(code, needs_db=False, extra=()):
            args = [fresh_copy(template_db, folder), *map(str, extra)] if needs_db else []
            return runner.run(code, *args)

        cases = {
            "pass": lambda: whole(FLOOR_PASS),
            "window": lambda: whole(FLOOR_WINDOW),
            "wizard_floor": lambda: whole(FLOOR_WIZARD),
            "app_start": lambda: runner.run(APP_START, fresh_copy(template_db, folder, default_home_db(folder)),
                                            str(folder / "data")),
            "wizard_visit": lambda: whole(WIZARD_VISIT, True, [report_id]),
            "in_process": lambda: whole(IN_PROCESS, True, [report_id, AUTOSAVE_FIELD, AUTOSAVE_REPEATS]),
            "exports": lambda: whole(EXPORTS, True, [report_id, EXPORT_REPEATS]),
            "receiving": lambda: runner.run(RECEIVING, str(big_db)),
            "growth": lambda: runner.run(RECEIVING_GROWTH),
            "word_import": lambda: runner.run(WORD_IMPORT, str(WORD_IMPORT_REPEATS)),
            "spelling": lambda: runner.run(SPELLING, str(SPELLING_KEYS)),
            "mail_read": lambda: runner.run(MAIL_READ, str(MAIL_READ_REPEATS)),
        }
        # The same start as a user gets it: the installed command, and the frozen app when built, each
        # running `self-check` (report list shown, one loop pass, Qt's Swedish buttons read, quit).
        for key, command in (("installed_start", installed_command()), ("frozen_start", frozen_command(bundle))):
            if command is not None:
                cases[key] = lambda command=command: runner.run_argv(
                    [str(command), "self-check", "--db", fresh_copy(template_db, folder)])
        for _ in range(warmup):  # .pyc files, disk cache, fontconfig cache
            for case in cases.values():
                case()
        walls = {name: [] for name in cases}
        peaks = {name: [] for name in cases}
        inproc = {"open_ms": [], "next_ms": [], "back_ms": [], "save_ms": []}
        exports: dict[str, list[float]] = {}
        receiving: dict[str, list[float]] = {"list_ms": [], "refresh_ms": [], "consolidate_ms": []}
        growth: dict = {}
        word_import: dict = {"preview_ms": [], "store_ms": [], "folder_ms": [], "again_ms": []}
        spelling: dict[str, list[float]] = {}
        mail_read: dict = {"parts_ms": [], "folder_ms": []}
        for i in range(runs):  # round robin, so drift on the machine hits every row alike
            if progress:
                print(f"run {i + 1}/{runs} …", file=sys.stderr, flush=True)
            for name, case in cases.items():
                wall, peak, out = case()
                walls[name].append(wall)
                peaks[name].append(peak)
                if name == "in_process":
                    data = json.loads(out.strip().splitlines()[-1])
                    if not data["saved_ok"]:
                        raise SystemExit("bench: the autosaved text did not reach the database")
                    if len(data["next_ms"]) != data["pages"] - 1 or len(data["back_ms"]) != data["pages"] - 1:
                        raise SystemExit(f"bench: the wizard did not visit every page: {data}")
                    inproc["open_ms"].append(data["open_ms"])
                    for key in ("next_ms", "back_ms", "save_ms"):
                        inproc[key] += data[key]
                    pages = data["pages"]
                if name == "receiving":
                    data = json.loads(out.strip().splitlines()[-1])
                    if data["rows"] != big["reports"]:
                        raise SystemExit(f"bench: the list showed {data['rows']} of {big['reports']} reports")
                    for key in receiving:
                        receiving[key].append(data[key])
                if name == "growth":
                    growth = json.loads(out.strip().splitlines()[-1])
                if name == "word_import":
                    data = json.loads(out.strip().splitlines()[-1])
                    for key in word_import:
                        word_import[key] += data[key]
                    word_import["documents"], word_import["seed_kib"] = data["documents"], data["seed_kib"]
                if name == "spelling":
                    for key, values in json.loads(out.strip().splitlines()[-1]).items():
                        spelling.setdefault(key, []).extend(values)
                if name == "mail_read":
                    for key, values in json.loads(out.strip().splitlines()[-1]).items():
                        mail_read[key] += values
                if name == "exports":
                    for key, values in json.loads(out.strip().splitlines()[-1]).items():
                        exports.setdefault(key, []).extend(values)
    return {"walls": walls, "peaks": peaks, "inproc": inproc, "pages": pages, "via_sh": runner.via_sh,
            "exports": exports, "bundle": str(bundle) if frozen_command(bundle) else None,
            "bundle_mib": folder_mib(bundle) if frozen_command(bundle) else None,
            "receiving": receiving, "big": big, "growth": growth, "word_import": word_import,
            "spelling": spelling, "mail_read": mail_read}


def build_rows(m: dict) -> list[dict]:
    W, P, IP = m["walls"], m["peaks"], m["inproc"]

    def whole_row(key, what, target=None, verdict=None, ratio=None):
        return {"key": key, "what": what, "unit": "s", **stats(W[key]), "peak_mib": statistics.median(P[key]),
                "peak_mib_max": max(P[key]), "target": target, "ratio": ratio, "verdict": verdict}

    rows = [
        whole_row("pass", "floor: python -c pass", verdict="floor"),
        whole_row("window", "floor: bare QMainWindow shown, 1 loop pass", verdict="floor"),
        whole_row("wizard_floor", "floor: QWizard 6 pages x 8 fields visited", verdict="floor"),
    ]
    ratio = statistics.median(W["app_start"]) / statistics.median(W["window"])
    rows.append(whole_row("app_start", "app start -> report list shown", "<= 1.5x bare window",
                          "OK" if ratio <= 1.5 else "ÖVER", ratio))
    page = IP["next_ms"] + IP["back_ms"]
    in_peak = statistics.median(P["in_process"])
    for key, what, values, limit in (
        ("wizard_open", "open Lundby report in wizard (in-proc)", IP["open_ms"], None),
        ("page_change", "page change, next+back (in-proc)", page, 50.0),
        ("autosave", "autosave commit, 600 chars (in-proc)", IP["save_ms"], 50.0),
    ):
        s = stats(values)
        rows.append({"key": key, "what": what, "unit": "ms", **s, "peak_mib": in_peak,
                     "peak_mib_max": max(P["in_process"]), "target": f"< {limit:g} ms" if limit else None,
                     "ratio": None, "verdict": (("OK" if s["median"] < limit else "ÖVER") if limit else "info")})
    export_peak = statistics.median(P["exports"])
    for fmt, what in (("docx", "export Lundby -> Word"), ("xlsx", "export Lundby -> Excel"),
                      ("pdf", "export Lundby -> PDF (Qt)")):
        s, floor = stats(m["exports"][fmt]), stats(m["exports"][f"{fmt}_floor"])
        ratio = s["median"] / floor["median"]
        bounded = fmt in EXPORT_BOUNDS  # Word and PDF: at most 2x their floor in the same run (aim 1.5x)
        rows.append({"key": f"export_{fmt}", "what": f"{what} (in-proc)", "unit": "ms", **s, "peak_mib": export_peak,
                     "peak_mib_max": max(P["exports"]),
                     "target": f"<= {EXPORT_BOUNDS[fmt]:g}x floor {floor['median']:.0f} ms" if bounded
                     else f"floor {floor['median']:.0f} ms",
                     "ratio": ratio, "verdict": ("OK" if ratio <= EXPORT_BOUNDS[fmt] else "ÖVER") if bounded else "info"})
    if "installed_start" in W:
        rows.append(whole_row("installed_start", "installed command: self-check start", verdict="info"))
    if "frozen_start" in W:
        ratio = statistics.median(W["frozen_start"]) / statistics.median(W["installed_start"]) if "installed_start" in W else None
        rows.append(whole_row("frozen_start", "frozen app: self-check start", "beside installed", "info", ratio))
    if m.get("bundle_mib") is not None:
        size = m["bundle_mib"]
        rows.append({"key": "bundle_size", "what": "frozen app folder, unpacked", "unit": "MiB", "median": size, "min": size,
                     "max": size, "n": 1, "peak_mib": None, "peak_mib_max": None, "target": "< 150 MiB",
                     "ratio": None, "verdict": "OK" if size < 150 else "ÖVER"})
    receiving_peak = statistics.median(P["receiving"])
    n = m["big"]["reports"]
    for key, what in (("list_ms", f"report list of {n} reports shown (in-proc)"),
                      ("refresh_ms", f"report list refresh, {n} reports (in-proc)"),
                      ("consolidate_ms", "Sammanställning FCA 2023 of that db (in-proc)")):
        s = stats(m["receiving"][key])
        rows.append({"key": key.replace("_ms", ""), "what": what, "unit": "ms", **s, "peak_mib": receiving_peak,
                     "peak_mib_max": max(P["receiving"]), "target": "< 300 ms", "ratio": None,
                     "verdict": "OK" if s["median"] < 300 else "ÖVER"})
    word_peak, wi = statistics.median(P["word_import"]), m["word_import"]
    for key, what, limit in (
        ("preview_ms", "Word import: seed Lundby 2022 read + matched (in-proc)", 500.0),
        ("store_ms", "Word import: stored as a new report (in-proc)", 50.0),
        ("folder_ms", f"Word folder import, per document of {wi['documents']} (in-proc)", 500.0),
        ("again_ms", "Word folder again, all skipped, per document (in-proc)", 100.0),
    ):
        s = stats(wi[key])
        rows.append({"key": f"word_{key.replace('_ms', '')}", "what": what, "unit": "ms", **s, "peak_mib": word_peak,
                     "peak_mib_max": max(P["word_import"]), "target": f"< {limit:g} ms", "ratio": None,
                     "verdict": "OK" if s["median"] < limit else "ÖVER"})
    spelling_peak = statistics.median(P["spelling"])
    for key, what, limit in (
        ("open", "wizard open, every answer 600 chars, spelling {} (in-proc)", None),
        ("page", "page change, spelling {} (in-proc)", 50.0),
        ("key", "key echo in a 600-char answer, spelling {} (in-proc)", 16.0),
    ):
        for state in ("on", "off"):
            s = stats(m["spelling"][f"{key}_{state}"])
            rows.append({"key": f"spelling_{key}_{state}", "what": what.format(state), "unit": "ms", **s,
                         "peak_mib": spelling_peak, "peak_mib_max": max(P["spelling"]),
                         "target": f"< {limit:g} ms" if limit else None, "ratio": None,
                         "verdict": (("OK" if s["median"] < limit else "ÖVER") if limit else "info")})
    for key, what, limit in (("parts_ms", "email of 10 000 parts read (the limit; in-proc)", 1000.0),
                             ("folder_ms", "folder of 10 emails received into a fresh db (in-proc)", 3000.0)):
        s = stats(m["mail_read"][key])
        rows.append({"key": f"mail_{key.replace('_ms', '')}", "what": what, "unit": "ms", **s,
                     "peak_mib": statistics.median(P["mail_read"]), "peak_mib_max": max(P["mail_read"]),
                     "target": f"< {limit:g} ms", "ratio": None, "verdict": "OK" if s["median"] < limit else "ÖVER"})
    peak_max = max(P["wizard_visit"])
    rows.append(whole_row("wizard_visit", "wizard: open + every page (process)", "< 200 MiB peak",
                          "OK" if peak_max < 200 else "ÖVER", peak_max / statistics.median(P["wizard_floor"])))
    return rows


def fmt_time(value: float, unit: str) -> str:
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:.3f} s" if unit == "s" else f"{value:.2f} ms"


def machine() -> dict:
    def version(*names):
        for name in names:
            try:
                return f"{name} {metadata.version(name)}"
            except metadata.PackageNotFoundError:
                pass
        return "not installed"

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = None
    return {"python": platform.python_version(), "implementation": platform.python_implementation(),
            "pyside6": version("PySide6-Essentials", "PySide6"), "cpu_count": os.cpu_count(),
            "cpus_usable": usable, "platform": platform.platform(), "machine": platform.machine(),
            "app": version("avtalsuppfoljning")}


def print_table(result: dict) -> None:
    mc, rows = result["machine"], result["rows"]
    print(f"Avtalsuppföljning benchmark — {result['runs']} runs (+{result['warmup']} warm-up), "
          f"QT_QPA_PLATFORM=offscreen")
    print(f"machine: Python {mc['python']} ({mc['implementation']}), {mc['pyside6']}, "
          f"{mc['cpu_count']} CPUs ({mc['cpus_usable']} usable), {mc['platform']}; app {mc['app']}")
    header = ["what", "median", "min", "peak MiB", "target", "ratio/verdict"]
    table = []
    for r in rows:
        if r["verdict"] == "floor":
            verdict = "floor"
        elif r["ratio"] is not None and r["key"] in ("app_start", "export_docx", "export_xlsx", "export_pdf"):
            verdict = f"{r['ratio']:.2f}x  {r['verdict']}"
        elif r["key"] == "frozen_start" and r["ratio"] is not None:
            verdict = f"{r['ratio']:.2f}x installed"
        elif r["key"] == "wizard_visit":
            verdict = f"{r['verdict']} (max {r['peak_mib_max']:.0f} MiB, {r['ratio']:.2f}x QWizard floor)"
        else:
            verdict = r["verdict"]
        table.append([r["what"], fmt_time(r["median"], r["unit"]), fmt_time(r["min"], r["unit"]),
                      "—" if r["peak_mib"] is None else f"{r['peak_mib']:.1f}", r["target"] or "—", verdict])
    widths = [max(len(row[i]) for row in [header, *table]) for i in range(len(header))]
    align = ["<", ">", ">", ">", "<", "<"]
    def line(cells):
        return "  ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, align, widths, strict=True)).rstrip()

    print()
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in table:
        print(line(row))
    d = result["details"]
    print()
    print(f"page change: {d['pages']} pages; next median {d['next_ms']['median']:.2f} ms "
          f"(slowest {d['next_ms']['max']:.2f}), back median {d['back_ms']['median']:.2f} ms "
          f"(slowest {d['back_ms']['max']:.2f}); {d['next_ms']['n'] + d['back_ms']['n']} samples")
    print(f"autosave: set_answer + flush, {d['save_ms']['n']} samples, slowest {d['save_ms']['max']:.2f} ms")
    big, growth = result["details"]["receiving_db"], result["details"]["growth"]
    print(f"receiving db: {big['reports']} reports, {big['versions']} versions, {big['bytes'] / 1024 / 1024:.1f} MiB "
          f"= {big['bytes'] / big['reports'] / 1024:.1f} KiB a report (answers, amounts, versions, a 4 kB JSON kept)")
    print(f"growth per emailed report (Word+Excel+PDF+JSON attached, {growth['attached'] / 1024:.0f} KiB): "
          f"{growth['first'] / 1024:.0f} KiB when received, {growth['again'] / 1024:.0f} KiB more when received again")
    print("whole-process rows: wall from spawn to exit of a fresh process, peak = child's ru_maxrss "
          "(median over runs); in-process rows: samples pooled over all runs, peak = that child's"
          + ("" if result["peak_is_childs_own"] else "; NOTE: peaks include this script's own RSS"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs of every child (default 7)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs first (default 1)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--frozen", type=Path, default=REPO / "dist" / "avtalsuppfoljning",
                        help="the frozen app's folder (scripts/build-app.sh; default dist/avtalsuppfoljning): "
                             "its start time and size are measured when it exists")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 1:
        parser.error("--runs and --warmup must be at least 1 (the warm-up compiles the bytecode)")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    m = measure(args.runs, args.warmup, progress=not args.json, bundle=args.frozen)
    result = {
        "machine": machine(), "runs": args.runs, "warmup": args.warmup, "rows": build_rows(m),
        "details": {"pages": m["pages"], "bundle": m["bundle"], **{k: stats(v) for k, v in m["inproc"].items()},
                    "receiving_db": m["big"], "growth": m["growth"]},
        "peak_is_childs_own": m["via_sh"],
        "samples": {"wall_s": m["walls"], "peak_mib": m["peaks"], "in_process_ms": m["inproc"]},
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_table(result)
    over = [r for r in result["rows"] if r["verdict"] == "ÖVER"]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
