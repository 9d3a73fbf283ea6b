"""Every door checks the database file as the app's start does (issue 18 item 4, issue 22 item 2).

- A 0-byte, short, foreign or damaged file is refused by every command with one Swedish line naming
  the newest good backup and the menu item that restores it; the file is left byte for byte and
  nothing is created beside it (before: the commands silently made an empty database of it).
- Commands that only read never create a database (a missing file stays missing) nor migrate one.
- "Locked" is never "damaged": a database another program holds (here: another connection in
  `locking_mode=EXCLUSIVE`, as an antivirus or backup agent holds it on Windows) is waited for and
  retried, and never moved aside (before: it was renamed `.skadad-…` and the app started empty).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from datetime import datetime

import pytest

from desktop.app import open_database
from desktop.cli import main
from forms.backup import DatabaseInUse, backup_folder, integrity_problem, make_backup
from forms.demo import demo_report
from forms.interchange import report_to_json
from forms.store import Store
from tests.processes import child_env


def _damaged_page(path):
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    return bytes(data)


FILES = {
    "tom": lambda path: b"",
    "för kort": lambda path: b"SQLite format 3\x00" + b"\x00" * 20,
    "inte en databas": lambda path: b"PK\x03\x04" + b"\x00" * 4096,
    "skadad sida": _damaged_page,
}


@pytest.fixture
def with_backup(tmp_path, library):
    """A database with a report and a backup of it from 2026-01-01 00:00, closed (no -wal/-shm)."""
    db = tmp_path / "rapporter.sqlite"
    store = Store(db)
    store.create_report(demo_report(library))
    make_backup(store, backup_folder(db), datetime(2026, 1, 1))
    store.close()
    (tmp_path / "in.json").write_text(report_to_json(demo_report(library), library), encoding="utf-8")
    (tmp_path / "in.docx").write_bytes(b"PK\x03\x04 not opened: the database is checked first")
    return db


def _commands(db, tmp_path):
    return {
        "demo": ["demo", "--db", str(db)],
        "export-json": ["export-json", "--db", str(db), "1"],
        "export": ["export", "--db", str(db), "1", "--docx", str(tmp_path / "ut.docx")],
        "consolidate": ["consolidate", "--db", str(db), "--type", "fca-uppfoljning", "--year", "2022"],
        "import-json": ["import-json", "--db", str(db), str(tmp_path / "in.json")],
        "import-docx": ["import-docx", "--db", str(db), str(tmp_path / "in.docx")],
        "import-mail": ["import-mail", "--db", str(db), str(tmp_path / "in.json")],
    }


def _tree(folder):
    """Every file under `folder` with its bytes — except SQLite's own -wal/-shm companions, which
    SQLite makes whenever it reads a WAL-mode file (read-only too); they hold no reports."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


@pytest.mark.parametrize("kind", FILES)
@pytest.mark.parametrize("command", ["demo", "export-json", "export", "consolidate", "import-json",
                                     "import-docx", "import-mail"])
def test_every_command_refuses_a_damaged_file_and_names_the_backup(with_backup, tmp_path, capsys, kind, command):
    db = with_backup
    db.write_bytes(FILES[kind](db))
    before = _tree(tmp_path)
    assert main(_commands(db, tmp_path)[command]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "går inte att läsa" in lines[0] and "Inget har ändrats" in lines[0]
    backup = next(backup_folder(db).glob("rapporter-*.sqlite"))
    assert backup.name in lines[0] and "2026-01-01 00:00" in lines[0]
    assert "Arkiv → Säkerhetskopior…" in lines[0]
    assert _tree(tmp_path) == before  # byte for byte, and nothing created


def test_the_command_the_refusal_names_restores_the_backup(with_backup, capsys):
    db = with_backup
    db.write_bytes(b"")
    assert main(["export-json", "--db", str(db), "1"]) == 1
    said = capsys.readouterr().err
    command = said[said.index("avtalsuppfoljning restore-backup"):].rstrip().rstrip(".")
    import shlex

    assert main(shlex.split(command)[1:]) == 0
    assert main(["export-json", "--db", str(db), "1"]) == 0
    assert '"area": "Lundby"' in capsys.readouterr().out


def test_without_a_good_backup_the_line_says_so(with_backup, tmp_path, capsys):
    db = with_backup
    for backup in backup_folder(db).iterdir():
        backup.write_bytes(b"")
    db.write_bytes(b"")
    assert main(["export-json", "--db", str(db), "1"]) == 1
    err = capsys.readouterr().err
    assert "ingen fungerande säkerhetskopia" in err


@pytest.mark.parametrize("command", ["export-json", "export", "consolidate"])
def test_a_reading_command_never_creates_a_database(tmp_path, capsys, command, library):
    db = tmp_path / "finns-inte.sqlite"
    assert main(_commands(db, tmp_path)[command]) == 1
    assert "finns inte" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_reading_command_does_not_migrate_an_older_database(tmp_path, capsys, library, monkeypatch):
    """An older database (one migration behind) is read through a migrated copy: the file itself,
    and the folder it is in, stay as they were (no migration, no `.fore-schema-….bak`)."""
    import forms.store as store_module

    db = tmp_path / "gammal.sqlite"
    store = Store(db)
    report_id = store.create_report(demo_report(library))
    store.close()
    current = store_module.SCHEMA_VERSION
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS + [(current + 1, "test_extra", ["CREATE TABLE extra (x)"])])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", current + 1)
    before = _tree(tmp_path)
    assert main(["export-json", "--db", str(db), str(report_id)]) == 0
    assert '"area": "Lundby"' in capsys.readouterr().out
    assert _tree(tmp_path) == before


# --- locked is not damaged ---------------------------------------------------------------------

def _hold(db):
    """Another connection holding the database exclusively, as another program would."""
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_locked_database_is_in_use_not_damaged(with_backup):
    holder = _hold(with_backup)
    try:
        with pytest.raises(DatabaseInUse) as held:
            integrity_problem(with_backup)
        assert "används av ett annat program" in str(held.value)
    finally:
        holder.close()
    assert integrity_problem(with_backup) is None


def test_the_app_waits_for_a_locked_database_and_never_moves_it_aside(with_backup, expect_dialog):
    holder = _hold(with_backup)
    content = with_backup.read_bytes()

    def released_and_try_again(parent, title, text, **buttons):
        assert "stäng det och försök igen" in text
        holder.close()  # the user closes the other program
        return True

    expect_dialog("ask", "Databasen används av ett annat program", answer=released_and_try_again)
    store = open_database(with_backup)
    assert [r.area for r in store.list_reports()] == ["Lundby"]
    store.close()
    assert not list(with_backup.parent.glob("*.skadad-*"))
    assert with_backup.read_bytes()[:100] == content[:100]


def test_the_user_can_give_up_on_a_locked_database(with_backup, expect_dialog):
    holder = _hold(with_backup)
    try:
        expect_dialog("ask", "Databasen används av ett annat program", answer=False)
        assert open_database(with_backup) is None
        assert not list(with_backup.parent.glob("*.skadad-*"))
    finally:
        holder.close()


HOLDER = """
import sqlite3, sys, time
holder = sqlite3.connect(sys.argv[1], isolation_level=None)
holder.execute("PRAGMA locking_mode = EXCLUSIVE")
holder.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def _holder_process(db, seconds):
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE,
                               text=True, env=child_env(PATH="/usr/bin:/bin"))
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_command_waits_for_a_briefly_held_database(with_backup, capsys):
    holder = _holder_process(with_backup, 1.5)
    try:
        assert main(["export-json", "--db", str(with_backup), "1"]) == 0
        assert '"area": "Lundby"' in capsys.readouterr().out
    finally:
        holder.wait(timeout=20)
        holder.stdout.close()


def test_a_command_on_a_database_held_too_long_says_so_in_one_line(with_backup, capsys):
    holder = _holder_process(with_backup, 60)
    try:
        content = with_backup.read_bytes()
        started = time.monotonic()
        assert main(["demo", "--db", str(with_backup)]) == 1
        waited = time.monotonic() - started
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "används av ett annat program — stäng det och försök igen" in err[0]
        assert 3 < waited < 30
        assert with_backup.read_bytes() == content
        assert not list(with_backup.parent.glob("*.skadad-*"))
    finally:
        holder.kill()
        holder.wait(timeout=20)
        holder.stdout.close()
