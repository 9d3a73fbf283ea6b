"""Crash tests: the real code runs in a child process that is killed (SIGKILL, no clean-up of any
kind) at a random moment; afterwards nothing that was promised may be lost or damaged.

    CRASH_LOOPS     typing rounds, of text and of amounts in an open cell each (default 12); the
                    export and backup tests run max(8, CRASH_LOOPS // 2) rounds each
    CRASH_REPORT    write the measured figures as JSON to this path (one key per test)
    CRASH_SEED      replay the random choices (kill delays, typing rhythm) of a failed run; the seed
                    is in every assertion message

The figures in docs/reliability.md were measured with more rounds than the default, e.g.
    CRASH_LOOPS=40 CRASH_REPORT=/tmp/crash.json python -m pytest -q tests/reliability -p no:cacheprovider

Times are time.monotonic() in both processes: CLOCK_MONOTONIC is one clock for the whole machine,
so the child's log and the parent's kill time can be compared directly.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import textwrap
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from forms.report import Report
from forms.store import Store
from tests import processes

REPO = Path(__file__).resolve().parents[2]
LOOPS = int(os.environ.get("CRASH_LOOPS") or 12)
FILE_LOOPS = max(8, LOOPS // 2)
SEED = int(os.environ.get("CRASH_SEED") or random.SystemRandom().randrange(2**32))
REPLAY = f"seed {SEED} (replay: CRASH_SEED={SEED} CRASH_LOOPS={LOOPS})"
PROMISE_S = 2.0  # a crash loses at most the last ~2 seconds of typing
FIELD = "nosam"

# --- helpers shared by the three tests ---------------------------------------------------------


def child_env(tmp_path: Path) -> dict[str, str]:
    return processes.child_env(
        QT_QPA_PLATFORM="offscreen",
        PATH=os.environ.get("PATH", "/usr/bin:/bin"),
        HOME=str(tmp_path),
        PYTHONPATH=str(REPO),
        PYTHONDONTWRITEBYTECODE="1",
    )


class Child:
    """A child Python process running `script`, its output in files (a full pipe would block it)."""

    def __init__(self, tmp_path: Path, name: str, script: str, *args):
        self.out = tmp_path / f"{name}.out"
        self.err = tmp_path / f"{name}.err"
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            self.proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script), *map(str, args)],
                                         cwd=REPO, env=child_env(tmp_path), stdout=out, stderr=err)

    def stderr_tail(self) -> str:
        return self.err.read_text(encoding="utf-8", errors="replace")[-3000:]

    def wait_for_log(self, log: Path, what: str, timeout: float = 60.0, line: str | None = None) -> None:
        """Wait until the child has written its first log line (or a line starting with `line`)."""
        self.wait_for(log, what, lambda entries: True if any(line in (None, e[0]) for e in entries) else None, timeout)

    def wait_for(self, log: Path, what: str, found, timeout: float = 60.0):
        """Wait until `found(log lines)` returns something other than None; return it."""
        deadline = time.monotonic() + timeout
        while (value := found(log_lines(log))) is None:
            code = self.proc.poll()
            assert code is None, f"child ended early (exit {code}) while waiting for {what}; {REPLAY}\n{self.stderr_tail()}"
            assert time.monotonic() < deadline, f"child never got to {what} in {timeout} s; {REPLAY}\n{self.stderr_tail()}"
            time.sleep(0.005)
        return value

    def kill(self) -> float:
        """SIGKILL now; returns the moment of the kill (time.monotonic())."""
        code = self.proc.poll()
        assert code is None, f"child ended by itself (exit {code}) before the kill; {REPLAY}\n{self.stderr_tail()}"
        self.proc.kill()
        killed_at = time.monotonic()
        self.proc.wait(timeout=30)
        return killed_at

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)

    def kill_after(self, log: Path, what: str, delay: float, line: str | None = None) -> float:
        """Wait until the child has started `what` (its first log line, or the line starting with
        `line`), let it run `delay` s, SIGKILL it; the kill's moment."""
        try:
            self.wait_for_log(log, what, line=line)
            time.sleep(delay)
            return self.kill()
        finally:
            self.stop()


def log_lines(path: Path) -> list[list[str]]:
    """Complete lines of a child's log (a line cut short by the kill is ignored)."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    return [line.split("\t") for line in text.split("\n")[:-1]]


def integrity(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    finally:
        conn.close()


def stored_answer(db: Path, report_id: int, field_id: str) -> str:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT value FROM answers WHERE report_id = ? AND field_id = ?",
                           (report_id, field_id)).fetchone()
    finally:
        conn.close()
    return row[0] if row else ""


def write_report(section: str, data: dict) -> None:
    """Merge this test's figures into the JSON file named by CRASH_REPORT."""
    target = os.environ.get("CRASH_REPORT")
    if not target:
        return
    path = Path(target)
    try:
        existing = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except ValueError:
        existing = {}
    existing[section] = {"measured_at": datetime.now().isoformat(timespec="seconds"), "seed": SEED, **data}
    path.write_text(json.dumps(existing, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def spread(values: list[float]) -> dict:
    if not values:
        return {}
    return {"min": min(values), "median": round(statistics.median(values), 3), "max": max(values)}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- 1. kill while typing ----------------------------------------------------------------------

PARAGRAPHS = [
    "FCA-koordinatorn är ordinarie deltagare i NOSAM – mötena hålls fyra gånger om året.",
    "Vid årets första möte redovisas handlingsplanen; vid det sista följs året upp.",
    "Samverkan med förskolan, BVC och socialtjänsten fungerar väl – särskilt i Sannegården.",
    "Föräldrar når öppna förskolan även på lördagar och får stöd på svenska, arabiska och somaliska.",
    "Styrgruppen önskar tätare återkoppling om målgruppens behov – årets plan tar upp det.",
    "Åtgärder: gemensamma utbildningsdagar, uppföljning av besöksstatistik och översyn av lokalerna.",
    "Ökad närvaro av ÖSK, Älvsborgs BVC och Ängås fritidsgård är önskvärd (se bilaga 2).",
]


def typing_text(length: int) -> str:
    """Swedish text with å, ä, ö, –, line breaks and empty lines, numbered so it never repeats."""
    parts, number = [], 1
    while sum(map(len, parts)) < length:
        parts.append(f"{number}. {PARAGRAPHS[number % len(PARAGRAPHS)]}" + ("\n" if number % 3 == 0 else ""))
        number += 1
    return "\n".join(parts)


TYPIST = """
    import os, random, sys, time
    from pathlib import Path

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from desktop.app import create_app
    from desktop.wizard import ReportWizard
    from forms.store import Store
    from forms.template import TemplateLibrary

    db, report_id, field_id, text_file, log_file, seed = sys.argv[1:7]
    text = Path(text_file).read_text(encoding="utf-8")
    rng = random.Random(seed)
    app = create_app()
    wizard = ReportWizard(Store(db), TemplateLibrary.load(), int(report_id))
    wizard.show()
    wizard.go_to_page(wizard.section_pages["styrning"])
    editor = wizard.currentPage().widgets[field_id].editor
    wizard.activateWindow()
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)  # an answer opens at its start: go on at its end (Ctrl+End)
    typed = len(editor.toPlainText())  # a restart continues after what was saved
    if editor.toPlainText() != text[:typed]:
        print(f"the stored answer is not a prefix of the text: {editor.toPlainText()[-80:]!r}", file=sys.stderr)
        os._exit(3)
    log = open(log_file, "a", encoding="utf-8")

    def note(count):
        log.write(f"{time.monotonic():.6f}\\t{count}\\n")
        log.flush()
        os.fsync(log.fileno())

    def type_next():
        global typed
        if typed >= len(text):
            return
        char = text[typed]
        if char == "\\n":
            QTest.keyClick(editor, Qt.Key.Key_Return)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)
        typed += 1
        if editor.document().characterCount() - 1 != typed:  # every key reached the editor
            print(f"the editor did not take {char!r} at {typed}: {editor.toPlainText()[-80:]!r}", file=sys.stderr)
            os._exit(4)  # sys.exit in a Qt slot would not end the process
        note(typed)
        timer.start(rng.randint(10, 20))

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(type_next)
    note(typed)  # ready: the wizard is open on the page, typing starts now
    timer.start(rng.randint(10, 20))
    app.exec()
"""


@pytest.mark.timeout(60 + 10 * LOOPS)
def test_kill_while_typing_loses_at_most_the_last_two_seconds(tmp_path):
    """Promise: a crash while typing in the wizard loses at most the last ~2 seconds of typing.

    The real wizard types Swedish text into `nosam` with real key events (one character every
    10–20 ms) and is killed with SIGKILL at a random moment 2.2–3.5 s after typing started, CRASH_LOOPS
    times on the same database (each restart continues after the stored text). Every kill is later than
    2 s into the typing, so every round tests the promise: there is text typed more than 2 s before the
    kill, and it must be stored. After every kill: the database passes integrity_check, the stored
    answer is a prefix of the typed text (nothing garbled, nothing that was not yet typed), and it holds
    at least everything typed up to 2 s before the kill.
    """
    rng = random.Random(f"{SEED}:typing")
    db = tmp_path / "rapporter.sqlite"
    store = Store(db)
    report_id = store.create_report(Report("fca-uppfoljning", "2022", "Lundby", 2022))
    store.close()
    text = typing_text(LOOPS * 400 + 2000)  # more than can be typed: ≤ 3.5 s × ≤ 100 characters/s a round
    text_file = tmp_path / "text.txt"
    text_file.write_text(text, encoding="utf-8")

    rounds: list[dict] = []
    try:
        for number in range(1, LOOPS + 1):
            start = len(stored_answer(db, report_id, FIELD))
            log = tmp_path / f"typing-{number}.log"
            child = Child(tmp_path, f"typing-{number}", TYPIST, db, report_id, FIELD, text_file, log,
                          f"{SEED}:{number}")
            # Killed 2.2–3.5 s after the first key reached the editor (timed from the child's own log,
            # so a slow start under load cannot make a round vacuous): every round tests the promise.
            delay = rng.uniform(PROMISE_S + 0.2, 3.5)
            try:
                child.wait_for_log(log, "the wizard")
                first_key = child.wait_for(log, "the first key", lambda entries, start=start: next(
                    (float(t) for t, n in entries if int(n) > start), None))
                time.sleep(max(0.0, first_key + delay - time.monotonic()))
                killed_at = child.kill()
            finally:
                child.stop()
            where = f"round {number}, killed {killed_at - first_key:.2f} s after the first key; {REPLAY}"

            checked = integrity(db)
            assert checked == ["ok"], f"integrity_check after the kill: {checked}; {where}"
            stored = stored_answer(db, report_id, FIELD)
            entries = [(float(t), int(n)) for t, n in log_lines(log)]
            assert entries and entries[0][1] == start, f"the child did not start after the stored text; {where}"
            typed_at_kill = entries[-1][1]
            cutoff = killed_at - PROMISE_S
            typed_2s_before = max([n for t, n in entries if t <= cutoff], default=start)
            assert typed_2s_before > start, (
                f"nothing was typed more than {PROMISE_S} s before the kill, the round would test nothing "
                f"(typing started {killed_at - entries[0][0]:.2f} s before the kill); {where}")
            assert text.startswith(stored), (
                f"stored answer is not a prefix of the typed text (garbled): …{stored[-60:]!r}; {where}")
            assert len(stored) <= typed_at_kill, (
                f"stored {len(stored)} characters but only {typed_at_kill} were typed; {where}")
            typed_when_saved = min((t for t, n in entries if n >= len(stored)), default=entries[0][0])
            rounds.append({
                "round": number,
                "kill_after_s": round(killed_at - first_key, 3),
                "typed_at_start": start,
                "typed_at_kill": typed_at_kill,
                "typed_2s_before_kill": typed_2s_before,
                "stored": len(stored),
                "stored_minus_typed_2s_before": len(stored) - typed_2s_before,
                "lost_at_kill": typed_at_kill - len(stored),
                "lost_beyond_2s": max(0, typed_2s_before - len(stored)),
                "age_of_stored_text_s": round(killed_at - typed_when_saved, 3) if len(stored) > start else None,
                "integrity": checked[0],
            })
    finally:
        lost = [r["lost_beyond_2s"] for r in rounds]
        write_report("typing", {
            "rounds": len(rounds),
            "promise_s": PROMISE_S,
            "max_lost_beyond_2s": max(lost, default=None),
            "stored_minus_typed_2s_before": spread([r["stored_minus_typed_2s_before"] for r in rounds]),
            "lost_at_kill": spread([r["lost_at_kill"] for r in rounds]),
            "typing_chars_per_s": spread([round((r["typed_at_kill"] - r["typed_at_start"]) / r["kill_after_s"], 1)
                                          for r in rounds]),
            "age_of_stored_text_s": spread([r["age_of_stored_text_s"] for r in rounds
                                            if r["age_of_stored_text_s"] is not None]),
            "integrity_ok": sum(r["integrity"] == "ok" for r in rounds),
            "per_round": rounds,
        })

    failed = [r for r in rounds if r["lost_beyond_2s"]]
    assert not failed, (
        f"{len(failed)} of {len(rounds)} kills lost text typed more than {PROMISE_S} s before the kill "
        f"(round: typed 2 s before → stored): "
        + ", ".join(f"{r['round']}: {r['typed_2s_before_kill']} → {r['stored']}" for r in failed) + f"; {REPLAY}")


# --- 1b. kill while typing an amount into an open cell editor ----------------------------------

CELL_TYPIST = """
    import os, random, sys, time

    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from desktop.app import create_app
    from desktop.wizard import ReportWizard
    from forms.store import Store
    from forms.template import TemplateLibrary

    db, report_id, row, column, figure, log_file, seed, slowest = sys.argv[1:9]
    rng = random.Random(seed)
    pace = (100, int(slowest))  # ms between keys
    app = create_app()
    wizard = ReportWizard(Store(db), TemplateLibrary.load(), int(report_id))
    wizard.show()
    wizard.go_to_page(wizard.section_pages["ekonomisk_redovisning"])
    grid = wizard.currentPage().widgets["ekonomi"].grid
    wizard.activateWindow()
    grid.setFocus()
    grid.setCurrentCell(int(row), int(column))
    log = open(log_file, "a", encoding="utf-8")
    typed = 0

    def note(text):
        log.write(f"{time.monotonic():.6f}\\t{text}\\n")
        log.flush()
        os.fsync(log.fileno())

    def type_next():
        global typed
        if typed >= len(figure):
            return  # the figure is typed; the editor stays open (the user went to look at Excel)
        # the first key opens the cell's editor (and replaces what the cell held), the rest go into it
        target = grid if typed == 0 else grid.indexWidget(grid.currentIndex())
        QTest.keyClick(target, figure[typed])
        typed += 1
        editor = grid.indexWidget(grid.currentIndex())
        if editor is None or editor.text() != figure[:typed]:  # every key reached the open editor
            print(f"the editor did not take {figure[typed - 1]!r}: {editor and editor.text()!r}", file=sys.stderr)
            os._exit(4)  # sys.exit in a Qt slot would not end the process
        note(figure[:typed])
        timer.start(rng.randint(*pace))

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(type_next)
    note("")  # ready: the wizard is open on the table, typing starts now
    timer.start(rng.randint(*pace))
    app.exec()
"""
CELL_ROWS = ["ingaende", "lon", "kompetensutveckling", "ovrigt"]  # the rows one types in
CELL_COLUMNS = ["budget_region", "budget_stad", "utfall_region", "utfall_stad"]


def stored_amounts(db: Path, report_id: int) -> dict[tuple[str, str], str]:
    conn = sqlite3.connect(db)
    try:
        return {(r, c): a for r, c, a in conn.execute(
            "SELECT row_id, column_id, amount FROM amounts WHERE report_id = ? AND table_id = 'ekonomi'",
            (report_id,))}
    finally:
        conn.close()


def amount_text(typed: str) -> str | None:
    """What the table stores for a figure typed so far (decimal_to_text), None while it is not an
    amount yet ("4567," on the way to "4567,5")."""
    from forms.numbers import NumberError, decimal_to_text, parse_amount

    try:
        value = parse_amount(typed)
    except NumberError:
        return None
    return decimal_to_text(value) if value is not None else None


@pytest.mark.timeout(60 + 12 * LOOPS)
def test_kill_while_typing_into_an_open_cell_loses_at_most_the_last_two_seconds(tmp_path):
    """Promise: an amount typed into an open cell editor (no Enter, no Tab) is saved like text: a
    crash loses at most what was typed in the last ~2 seconds.

    The real wizard opens Lundby's economic table; the child types a figure (4–9 digits, sometimes a
    decimal comma and one decimal) into a cell with real key events, 100–300 or 100–700 ms apart, and
    leaves the editor open; it is killed with SIGKILL 2.2–4 s after its first key (timed from its own log),
    CRASH_LOOPS times on the same database, a different cell each round. After every kill: the
    database passes integrity_check; the cell holds an amount the editor really showed, no older than
    the last one shown 2 s before the kill; every other cell is as before the round.
    """
    from forms.demo import demo_report
    from forms.template import TemplateLibrary

    rng = random.Random(f"{SEED}:cells")
    db = tmp_path / "rapporter.sqlite"
    store = Store(db)
    report_id = store.create_report(demo_report(TemplateLibrary.load()))
    store.close()
    cells = [(r, c) for r in CELL_ROWS for c in CELL_COLUMNS]

    rounds: list[dict] = []
    try:
        for number in range(1, LOOPS + 1):
            row_id, column_id = cells[(number - 1) % len(cells)]
            figure = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(3, 8)))
            if rng.random() < 0.3:
                figure += f",{rng.randint(0, 9)}"
            slowest = rng.choice([300, 700])  # ms between keys: slow rounds are often still typing at the kill
            before = stored_amounts(db, report_id)
            log = tmp_path / f"cell-{number}.log"
            child = Child(tmp_path, f"cell-{number}", CELL_TYPIST, db, report_id, CELL_ROWS.index(row_id),
                          CELL_COLUMNS.index(column_id) + 1, figure, log, f"{SEED}:{number}", slowest)
            delay = rng.uniform(PROMISE_S + 0.2, 4.0)
            try:
                child.wait_for_log(log, "the wizard")
                first_key = child.wait_for(log, "the first key", lambda entries: next(
                    (float(t) for t, text in entries if text), None))
                time.sleep(max(0.0, first_key + delay - time.monotonic()))
                killed_at = child.kill()
            finally:
                child.stop()
            where = (f"round {number}, cell {row_id}/{column_id}, figure {figure!r}, killed "
                     f"{killed_at - first_key:.2f} s after the first key; {REPLAY}")

            checked = integrity(db)
            assert checked == ["ok"], f"integrity_check after the kill: {checked}; {where}"
            after = stored_amounts(db, report_id)
            others_changed = {k: (before.get(k), after.get(k)) for k in {*before, *after}
                              if k != (row_id, column_id) and before.get(k) != after.get(k)}
            assert not others_changed, f"other cells changed: {others_changed}; {where}"
            states = [(float(t), text) for t, text in log_lines(log) if text]  # the editor after each key
            shown = [(t, text, amount_text(text)) for t, text in states]
            valid = [(i, t, amount) for i, (t, _text, amount) in enumerate(shown) if amount is not None]
            cutoff = killed_at - PROMISE_S
            due = [(i, amount) for i, t, amount in valid if t <= cutoff]  # shown more than 2 s before
            assert due, f"no amount was in the editor more than {PROMISE_S} s before the kill; {where}"
            due_index, due_amount = due[-1]
            stored = after.get((row_id, column_id))
            held = [i for i, _t, amount in valid if amount == stored]
            if not held:  # nothing of this round's figure was saved: the cell holds what it held before
                assert stored == before.get((row_id, column_id)), (
                    f"the cell holds {stored!r}, which the editor never showed "
                    f"(before the round: {before.get((row_id, column_id))!r}); {where}")
            stored_index = max(held, default=-1)
            stored_text = shown[stored_index][1] if held else ""

            def digits(text: str) -> int:
                return sum(ch.isdigit() for ch in text)

            lost_beyond = max(0, digits(shown[due_index][1]) - digits(stored_text)) if stored_index < due_index else 0
            typed_at_kill = states[-1][1]
            rounds.append({
                "round": number,
                "cell": f"{row_id}/{column_id}",
                "figure": figure,
                "kill_after_s": round(killed_at - first_key, 3),
                "typed_at_kill": typed_at_kill,
                "shown_2s_before_kill": shown[due_index][1],
                "stored": stored,
                "editor_open_idle_at_kill": typed_at_kill == figure,
                "digits_lost_at_kill": max(0, digits(typed_at_kill) - digits(stored_text)),
                "digits_lost_beyond_2s": lost_beyond,
                "integrity": checked[0],
            })
    finally:
        write_report("cells", {
            "rounds": len(rounds),
            "promise_s": PROMISE_S,
            "max_digits_lost_beyond_2s": max((r["digits_lost_beyond_2s"] for r in rounds), default=None),
            "rounds_losing_digits_beyond_2s": sum(r["digits_lost_beyond_2s"] > 0 for r in rounds),
            "kills_with_the_figure_typed_and_the_editor_open": sum(r["editor_open_idle_at_kill"] for r in rounds),
            "kills_while_still_typing": sum(not r["editor_open_idle_at_kill"] for r in rounds),
            "digits_lost_at_kill": spread([r["digits_lost_at_kill"] for r in rounds]),
            "integrity_ok": sum(r["integrity"] == "ok" for r in rounds),
            "per_round": rounds,
        })

    failed = [r for r in rounds if r["digits_lost_beyond_2s"]]
    assert not failed, (
        f"{len(failed)} of {len(rounds)} kills lost digits typed into an open cell more than {PROMISE_S} s "
        "before the kill (round: shown 2 s before → stored): "
        + ", ".join(f"{r['round']}: {r['shown_2s_before_kill']} → {r['stored']}" for r in failed) + f"; {REPLAY}")


# --- 2. kill during an export ------------------------------------------------------------------

EXPORTER = """
    import hashlib, os, sys
    from pathlib import Path

    from exports.bundle import docx_bytes, file_name, xlsx_bytes
    from exports.files import write_bytes_safely
    from forms.store import Store
    from forms.template import TemplateLibrary

    db, report_id, folder, log_file, tag = sys.argv[1:6]
    report_id, folder = int(report_id), Path(folder)
    store = Store(db)
    library = TemplateLibrary.load()
    log = open(log_file, "a", encoding="utf-8")

    def note(*parts):
        log.write("\\t".join(map(str, parts)) + "\\n")
        log.flush()
        os.fsync(log.fileno())

    note("ready")
    original = store.load_report(report_id).answer("nosam").split(" [export ")[0]
    files = []
    for number in range(1, 4):  # three real exports, each of a changed report
        store.save_answer(report_id, "nosam", f"{original} [export {tag}-{number}]")
        report = store.load_report(report_id)
        template = library.get(report.template_id, report.revision)
        for fmt in ("docx", "xlsx"):
            data = docx_bytes(template, report) if fmt == "docx" else xlsx_bytes(template, report)
            note("built", fmt, hashlib.sha256(data).hexdigest())
            target = folder / file_name(template, report, fmt)
            write_bytes_safely(target, data)
            files.append((target, data))
    note("looping")
    while True:  # the same exports over and over: nearly all the time is spent inside the file write
        for target, data in files:
            write_bytes_safely(target, data)
"""


def open_document(path: Path, fmt: str) -> str:
    """The document's text as Word/Excel readers see it (python-docx / openpyxl must open it)."""
    if fmt == "docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    try:
        return "\n".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value)
    finally:
        workbook.close()


@pytest.mark.timeout(60 + 6 * FILE_LOOPS)
def test_kill_during_export_leaves_the_old_or_the_new_file(tmp_path):
    """Promise: an export interrupted by a crash never leaves half a document: each target is the
    complete old file or the complete new one (python-docx / openpyxl open it), a leftover temporary
    file is named `.avtal-*` (hidden, never taken for the document), and the database is sound."""
    rng = random.Random(f"{SEED}:export")
    db = tmp_path / "rapporter.sqlite"
    folder = tmp_path / "Dokument"
    folder.mkdir()
    run = dict(cwd=REPO, env=child_env(tmp_path), capture_output=True, text=True, timeout=120)
    made = subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "--db", str(db)], **run)
    assert made.returncode == 0, made.stderr[-2000:]
    report_id = int(made.stdout.strip())
    from exports.bundle import file_name
    from forms.template import TemplateLibrary

    store = Store(db)
    report = store.load_report(report_id)
    store.close()
    template = TemplateLibrary.load().get(report.template_id, report.revision)
    targets = {fmt: folder / file_name(template, report, fmt) for fmt in ("docx", "xlsx")}
    first = subprocess.run([sys.executable, "-m", "desktop.cli", "export", "--db", str(db), str(report_id),
                            "--docx", str(targets["docx"]), "--xlsx", str(targets["xlsx"])], **run)
    assert first.returncode == 0, first.stderr[-2000:]
    known = {fmt: {sha256(path.read_bytes())} for fmt, path in targets.items()}  # complete files only
    for fmt, path in targets.items():
        assert "Lundby" in open_document(path, fmt)

    rounds: list[dict] = []
    try:
        for number in range(1, FILE_LOOPS + 1):
            log = tmp_path / f"export-{number}.log"
            child = Child(tmp_path, f"export-{number}", EXPORTER, db, report_id, folder, log, number)
            # Killed while the child writes the files over and over (after its first six exports), at
            # the moment a new temporary file appears: inside write_bytes_safely, between the temporary
            # file's creation and its rename over the target, the window the promise is about. Whether
            # the kill landed there is read afterwards from the temporary file it left behind.
            delay = rng.uniform(0.0, 0.5)
            try:
                child.wait_for_log(log, "the export loop", line="looping")
                time.sleep(delay)
                seen = {p.name for p in folder.glob(".avtal-*")}
                deadline = time.monotonic() + 5
                while not {p.name for p in folder.glob(".avtal-*")} - seen and time.monotonic() < deadline:
                    time.sleep(0.0002)
                child.kill()
            finally:
                child.stop()
            where = f"round {number}, killed {delay:.2f} s into the write loop; {REPLAY}"
            entries = log_lines(log)
            for kind, *rest in entries:
                if kind == "built":
                    known[rest[0]].add(rest[1])
            checked = integrity(db)
            assert checked == ["ok"], f"integrity_check after the kill: {checked}; {where}"
            for fmt, path in targets.items():
                assert path.exists(), f"{path.name} is gone after the kill; {where}"
                assert sha256(path.read_bytes()) in known[fmt], (
                    f"{path.name} is neither the old nor a complete new file ({path.stat().st_size} bytes); {where}")
                try:
                    content = open_document(path, fmt)
                except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
                    pytest.fail(f"{path.name} does not open: {exc!r}; {where}")
                assert "Lundby" in content, f"{path.name} opens but lacks the report; {where}"
            others = sorted(p.name for p in folder.iterdir() if p not in targets.values())
            strays = [name for name in others if not name.startswith(".avtal-")]
            assert not strays, f"files that could be taken for a document: {strays}; {where}"
            rounds.append({
                "round": number,
                "kill_after_s": round(delay, 3),
                "killed_while": "writing files in a loop" if ["looping"] in entries else "building the exports",
                "temp_files_in_folder": len(others),
                "integrity": checked[0],
            })
            left_before = rounds[-2]["temp_files_in_folder"] if len(rounds) > 1 else 0
            rounds[-1]["temp_file_left_by_this_kill"] = len(others) > left_before
    finally:
        write_report("export", {
            "rounds": len(rounds),
            "kills_while_building": sum(r["killed_while"] == "building the exports" for r in rounds),
            "kills_while_writing_in_a_loop": sum(r["killed_while"] == "writing files in a loop" for r in rounds),
            "kills_inside_write_bytes_safely": sum(r["temp_file_left_by_this_kill"] for r in rounds),
            "temp_files_at_end": rounds[-1]["temp_files_in_folder"] if rounds else None,
            "targets_old_or_complete_new": len(rounds),  # a round is recorded only after both targets passed
            "integrity_ok": sum(r["integrity"] == "ok" for r in rounds),
            "per_round": rounds,
        })
    inside = sum(r["temp_file_left_by_this_kill"] for r in rounds)
    # Measured: 20 of 20 kills inside the write (CRASH_LOOPS=40); half is the floor under heavy load.
    assert inside >= (len(rounds) + 1) // 2, (
        f"only {inside} of {len(rounds)} kills landed inside the file write: the test did not test the promise; {REPLAY}")


# --- 3. kill during a backup -------------------------------------------------------------------

BACKER = """
    import os, sys
    from pathlib import Path

    from forms.backup import make_backup, prune
    from forms.store import Store

    db, report_id, folder, log_file, tag = sys.argv[1:6]
    report_id, folder = int(report_id), Path(folder)
    store = Store(db)
    log = open(log_file, "a", encoding="utf-8")

    def note(*parts):
        log.write("\\t".join(map(str, parts)) + "\\n")
        log.flush()
        os.fsync(log.fileno())

    note("ready")
    number = 0
    while True:  # as MainWindow.backup_now, as fast as it goes, with an edit between backups
        number += 1
        store.save_answer(report_id, "nosam", f"Ändrad före säkerhetskopia {tag}-{number} – åäö")
        note("backup", number)
        path = make_backup(store, folder)
        note("made", path.name)
        prune(folder)
"""


def backup_problem(path: Path, report_id: int) -> str | None:
    """Why `path` is not a usable backup (integrity_problem passes an empty file, so also read it)."""
    from forms.backup import integrity_problem

    problem = integrity_problem(path)
    if problem is not None:
        return problem
    if path.stat().st_size == 0:
        return "empty file"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = conn.execute("SELECT count(*) FROM reports WHERE id = ?", (report_id,)).fetchone()[0]
        attachments = conn.execute("SELECT count(*) FROM attachments").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    return None if found == 1 and attachments == 1 else f"report found {found}, attachments {attachments}"


@pytest.mark.timeout(60 + 6 * FILE_LOOPS)
def test_kill_during_backup_never_leaves_a_broken_backup(tmp_path):
    """Promise: a backup interrupted by a crash never looks like a complete one: list_backups shows
    only sound backups, the database itself stays sound, and prune() clears what was left half done."""
    from forms.backup import backup_folder, list_backups, prune
    from forms.demo import demo_report
    from forms.template import TemplateLibrary

    rng = random.Random(f"{SEED}:backup")
    db = tmp_path / "rapporter.sqlite"
    folder = backup_folder(db)
    store = Store(db)
    report_id = store.create_report(demo_report(TemplateLibrary.load()))
    # A bilaga makes the database a few MB, so a backup takes long enough to be hit by the kill.
    store.add_attachment(report_id, "Protokoll NOSAM.pdf", random.Random(SEED).randbytes(4 * 1024 * 1024))
    store.close()

    rounds: list[dict] = []
    try:
        for number in range(1, FILE_LOOPS + 1):
            log = tmp_path / f"backup-{number}.log"
            child = Child(tmp_path, f"backup-{number}", BACKER, db, report_id, folder, log, number)
            # Killed 0–0.6 s after the child's first backup was complete, so every round has made at
            # least one backup that must be listed and sound, and later kills land inside a backup.
            delay = rng.uniform(0.0, 0.6)
            try:  # then at the moment a new partial backup (.sqlite.tmp) appears: inside make_backup
                child.wait_for_log(log, "the first backup", line="made")
                time.sleep(delay)
                deadline = time.monotonic() + 5
                while not any(folder.glob("*.sqlite.tmp")) and time.monotonic() < deadline:
                    time.sleep(0.0002)
                child.kill()
            finally:
                child.stop()
            where = f"round {number}, killed {delay:.2f} s after the first backup; {REPLAY}"
            entries = log_lines(log)
            made = [e[1] for e in entries if e[0] == "made"]
            assert made, f"no backup was completed in this round; {where}"
            checked = integrity(db)
            assert checked == ["ok"], f"integrity_check of the database after the kill: {checked}; {where}"
            left_before_prune = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
            backups = list_backups(folder)
            assert all(p.name.endswith(".sqlite") for p in backups), f"{backups}; {where}"
            broken = {p.name: problem for p in backups if (problem := backup_problem(p, report_id))}
            assert not broken, f"list_backups shows broken backups: {broken}; {where}"
            newest = folder / made[-1]
            assert newest in backups, f"the backup made in this round, {newest.name}, is not listed: {backups}; {where}"
            prune(folder)
            assert newest in list_backups(folder) and backup_problem(newest, report_id) is None, (
                f"the backup made in this round is gone or broken after prune(); {where}")
            tmp_left = sorted(p.name for p in folder.glob("*.tmp"))
            assert not tmp_left, f"prune() left unfinished backups: {tmp_left}; {where}"
            kept = set(list_backups(folder))
            # Not promised, recorded for the docs: files prune() leaves that are not backups, by kind
            # (-wal/-shm appear when a backup is opened read-only, -journal with an interrupted backup).
            other_left = Counter(p.name.partition(".sqlite")[2] + ("" if p.with_name(p.name.partition(".sqlite")[0]
                                 + ".sqlite") in kept else " (orphan)") for p in folder.iterdir() if p not in kept)
            last = entries[-1][0] if entries else "none"
            rounds.append({
                "round": number,
                "kill_after_s": round(delay, 3),
                "backups_made": len(made),
                "killed_while": "backing up" if last == "backup" else "editing or pruning",
                "partial_files_before_prune": sum(name.endswith(".sqlite.tmp") for name in left_before_prune),
                "listed_backups": len(backups),
                "left_after_prune_not_backups": dict(sorted(other_left.items())),
                "integrity": checked[0],
            })
    finally:
        write_report("backup", {
            "rounds": len(rounds),
            "kills_while_backing_up": sum(r["killed_while"] == "backing up" for r in rounds),
            "rounds_with_partial_backup": sum(r["partial_files_before_prune"] > 0 for r in rounds),
            "backups_checked": sum(r["listed_backups"] for r in rounds),
            "integrity_ok": sum(r["integrity"] == "ok" for r in rounds),
            "left_after_prune_not_backups_at_end": rounds[-1]["left_after_prune_not_backups"] if rounds else None,
            "per_round": rounds,
        })
    during = sum(r["partial_files_before_prune"] > 0 for r in rounds)
    # Measured: 8 of 8 kills left a partial backup (the kill landed inside make_backup); half is the floor.
    assert during >= (len(rounds) + 1) // 2, (
        f"only {during} of {len(rounds)} kills landed inside a backup: the test did not test the promise; {REPLAY}")
