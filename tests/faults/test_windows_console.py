"""The installed command's output when redirected on Windows: Python writes the locale's code page
there (cp1252), which cannot hold ⚠, − (U+2212, in amounts) or a name such as Łukasz. Imitated with
PYTHONIOENCODING=cp1252 in a real child process (issue 22 item 6): the output is UTF-8, whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from forms.store import Store
from tests.processes import child_env

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Łukasz Nowak räknade −12,5 tkr ⚠"
WINDOWS_NEEDS = {k: os.environ[k] for k in ("SYSTEMROOT",) if k in os.environ}  # Python starts without it there


def run_redirected(tmp_path: Path, *argv: str) -> tuple[subprocess.CompletedProcess, bytes]:
    out = tmp_path / "fil"
    with open(out, "wb") as handle:
        done = subprocess.run([sys.executable, "-m", "desktop", *argv], stdout=handle, stderr=subprocess.PIPE,
                              cwd=ROOT, env=child_env(PYTHONIOENCODING="cp1252", PATH=os.environ.get("PATH", ""),
                                                      **WINDOWS_NEEDS),
                              timeout=60)
    return done, out.read_bytes()


def test_export_json_into_a_file_under_a_western_code_page(db, tmp_path):
    store = Store(db)
    store.save_answer(1, "nosam", TEXT)
    store.close()
    done, written = run_redirected(tmp_path, "export-json", "--db", str(db), "1")
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode("utf-8", "replace")
    assert json.loads(written.decode("utf-8"))["answers"]["nosam"] == TEXT


def test_a_refusal_naming_a_polish_folder_is_readable(db, tmp_path):
    missing = tmp_path / "Łukasz −" / "rapport.json"
    done, written = run_redirected(tmp_path, "import-json", "--db", str(db), str(missing))
    said = done.stderr.decode("utf-8")
    assert done.returncode == 1 and said.startswith("avtalsuppfoljning: ") and "Łukasz −" in said, said
    assert "codec" not in said and "Traceback" not in said and written == b""
