#!/usr/bin/env bash
# Line coverage of forms/, exports/ and desktop/, including the Python child processes the tests
# start (the app-process, second-window, CLI and crash tests), with coverage.py's subprocess patch.
#   bash scripts/coverage.sh            # the whole suite
#   bash scripts/coverage.sh tests/desktop/test_app_process.py   # some tests
# Children killed with SIGKILL (the crash tests' typists, exporters and backups) write no data: what
# they ran is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f .coverage .coverage.*
export COVERAGE_FILE="$PWD/.coverage"  # one place for every process's data, whatever its folder
status=0
QT_QPA_PLATFORM=offscreen .venv/bin/python -m coverage run -m pytest -q -p no:cacheprovider "$@" >.coverage-pytest.log 2>&1 || status=$?
tail -3 .coverage-pytest.log
.venv/bin/python -m coverage combine -q
.venv/bin/python -m coverage report | awk 'NR <= 2 || /TOTAL/'
.venv/bin/python - <<'PY'
"""Per package, from the combined data."""
import coverage

cov = coverage.Coverage()
cov.load()
data = cov.get_data()
totals = {}
for path in data.measured_files():
    package = next((p for p in ("forms", "exports", "desktop") if f"/{p}/" in path), None)
    if package is None:
        continue
    _, statements, _, missing, _ = cov.analysis2(path)
    t = totals.setdefault(package, [0, 0])
    t[0] += len(statements)
    t[1] += len(statements) - len(missing)
for package, (statements, covered) in sorted(totals.items()):
    print(f"{package:8} {covered:5}/{statements:5} lines  {100 * covered / statements:.1f} %")
PY
exit "$status"
