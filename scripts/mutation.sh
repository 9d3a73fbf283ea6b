#!/usr/bin/env bash
# Mutation testing of forms/ and exports/ with mutmut (docs/testing.md). Too slow for every CI run on
# two cores (about 11 000 mutants, ~25 a minute): run it by module or on a fixed sample.
#
#   bash scripts/mutation.sh forms.numbers forms.clean     # every mutant of these modules
#   MUTATION_SAMPLE=200 bash scripts/mutation.sh             # a fixed random sample of 200 per package
#   MUTATION_SAMPLE=200 MUTATION_SEED=7 bash scripts/mutation.sh   # another sample
#
# It works in a copy of the committed tree (MUTATION_DIR, default /tmp/avtal-mutation) with its own
# venv that holds the dependencies but not the project itself (an installed project would be
# imported instead of mutmut's mutated copy). Results are cumulative in that folder: a second run
# only tests what is new. At the end it prints mutmut's summary per module and every survivor;
# `cd $MUTATION_DIR/src && ../venv/bin/mutmut show NAME` shows a survivor's diff.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=${MUTATION_DIR:-/tmp/avtal-mutation}
jobs=${MUTATION_JOBS:-1}
mkdir -p "$work"
if [ ! -x "$work/venv/bin/mutmut" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/python" -m pip install -q "$repo[test]" "mutmut>=3.3"
  "$work/venv/bin/python" -m pip uninstall -q -y avtalsuppfoljning
fi
# The committed tree (plus uncommitted changes to tracked files), without the previous copy's mutants.
mkdir -p "$work/src"
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$work/src"
cd "$work/src"
echo "mutation: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet || echo ' + uncommitted changes')"
export QT_QPA_PLATFORM=offscreen
mutmut=("$work/venv/bin/mutmut")

names=()
if [ "$#" -gt 0 ]; then
  for module in "$@"; do names+=("$module.*"); done
else
  sample=${MUTATION_SAMPLE:-200}
  if ! compgen -G "mutants/forms/*.meta" >/dev/null; then
    # mutmut writes the list of mutants when it runs; the smallest module makes it do so cheaply.
    nice "${mutmut[@]}" run --max-children "$jobs" "forms.areas.*" >/dev/null
  fi
  mapfile -t names < <("$work/venv/bin/python" - "$sample" "${MUTATION_SEED:-14}" <<'EOF'
import glob, json, random, sys
size, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
for package in ("forms", "exports"):
    names = sorted(n for f in sorted(glob.glob(f"mutants/{package}/*.py.meta"))
                   for n in json.load(open(f))["exit_code_by_key"])
    print("\n".join(sorted(rng.sample(names, min(size, len(names))))))
EOF
  )
fi
nice "${mutmut[@]}" run --max-children "$jobs" "${names[@]}" | tr '\r' '\n' | grep -v '^\s*$' | tail -3

"$work/venv/bin/python" - "${names[@]}" <<'EOF'
"""Per module and package: killed / survived / no tests, over the mutants of this run."""
import fnmatch, glob, json, sys
from collections import Counter

from mutmut.stats import status_by_exit_code  # mutmut's own names for its exit codes

patterns = sys.argv[1:]
by_module, survivors = {}, []
for f in sorted(glob.glob("mutants/*/*.py.meta")):
    module = f[len("mutants/"):-len(".py.meta")].replace("/", ".")
    for name, code in json.load(open(f))["exit_code_by_key"].items():
        if not any(fnmatch.fnmatch(name, p) for p in patterns):
            continue
        s = status_by_exit_code[code]
        by_module.setdefault(module, Counter())[s] += 1
        if s == "survived":
            survivors.append(name)
packages = {}
print(f"{'module':28} {'killed':>6} {'survived':>8} {'no tests':>8} {'other':>5}  score")
for module, c in sorted(by_module.items()):
    packages.setdefault(module.split(".")[0], Counter()).update(c)
for name, c in [*sorted(by_module.items()), *sorted(packages.items())]:
    other = sum(v for k, v in c.items() if k not in ("killed", "survived", "no tests", "not checked"))
    tested = c["killed"] + c["survived"] + c["no tests"]
    score = f"{100 * c['killed'] / tested:.1f} %" if tested else "-"
    print(f"{name:28} {c['killed']:6} {c['survived']:8} {c['no tests']:8} {other:5}  {score}")
print("\nsurvivors (equivalent ones are listed in docs/testing.md):")
print("\n".join(f"  {s}" for s in survivors) or "  none")
EOF
