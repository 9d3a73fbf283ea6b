"""Several processes opening a new database at the same moment: migrations run once, under an
exclusive lock, and every process gets a working store (issue 8, break 8)."""

from __future__ import annotations

import subprocess
import sys
import time

from forms.store import SCHEMA_VERSION, Store

PROCESSES = 16
OPEN = (
    "import sys, time\n"
    "from forms.store import Store\n"
    "start = float(sys.argv[2])\n"
    "time.sleep(max(0.0, start - time.time()))\n"
    "s = Store(sys.argv[1]); print(s.schema_version()); s.close()\n"
)


def test_parallel_first_starts_on_a_new_file_all_succeed(tmp_path):
    db = tmp_path / "ny.sqlite"
    start = time.time() + 2.0  # every process is started and waiting before the first opens the file
    children = [subprocess.Popen([sys.executable, "-c", OPEN, str(db), str(start)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(PROCESSES)]
    results = [child.communicate(timeout=120) for child in children]
    failures = [err.strip().splitlines()[-1] for child, (_out, err) in zip(children, results, strict=True)
                if child.returncode != 0]
    assert failures == [], f"{len(failures)} of {PROCESSES} failed: {failures[:3]}"
    assert all(out.strip() == str(SCHEMA_VERSION) for out, _ in results)
    store = Store(db)
    applied = [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    store.close()
    assert len(applied) == len(set(applied))
