#!/usr/bin/env bash
# Smoke-test the frozen app (scripts/build-app.sh) as a user's computer would run it: no Python, no
# .venv, run from an empty folder, offscreen. It must list every template in resources/templates/,
# show Qt's own buttons in Swedish and the app's icon, add the demo report, open it in the wizard, export
# Word, Excel, PDF and the email draft, read the draft back with import-mail, make a backup of the
# default database in the user's data folder and restore it, and exit 0 each time; then start the
# windowed program twice, the second handing over to the first.
# Usage: scripts/smoke-app.sh [BUNDLE_DIR] (default dist/avtalsuppfoljning)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
bundle=$(cd "${1:-dist/avtalsuppfoljning}" && pwd)
work=$(mktemp -d -t smoke-app.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "smoke-app: $*" >&2; exit 1; }
python=${PYTHON:-python3}  # only to look into the exported files
# The data folder is where Qt's standard paths look, not where an environment variable might point:
# on Windows that is the known folder Roaming AppData, which Qt asks Windows for (setting APPDATA has
# no effect), so on the CI runner the real %APPDATA% of its fresh user; on Linux $XDG_DATA_HOME.
case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*)  # Windows (Git Bash on the CI runner)
    data_home=$(cygpath -u "$APPDATA")
    environment=(env -u PYTHONPATH -u PYTHONHOME QT_QPA_PLATFORM=offscreen) ;;
  *)  # a bare environment: nothing from this shell's Python or venv
    data_home="$work/data"
    environment=(env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen
                 XDG_RUNTIME_DIR="$work" XDG_DATA_HOME="$data_home" XDG_CONFIG_HOME="$work/config") ;;
esac
# A program of the bundle run from an empty folder; `start_program` leaves it running ($! is its PID).
run_program() { local program=$1; shift; (cd "$work" && exec "${environment[@]}" "$bundle/$program" "$@"); }
start_program() { local program=$1; shift; (cd "$work" && exec "${environment[@]}" "$bundle/$program" "$@") & }
app() { run_program avtalsuppfoljning-cli "$@" | tr -d '\r'; }  # Windows ends its lines with \r\n
data="$data_home/Göteborgs Stad/Avtalsuppföljning"

# Every template file, as "<id> <revision>" (the file names are <id>-<revision>.toml).
expected=$(for f in "$repo"/resources/templates/*.toml; do n=$(basename "$f" .toml); echo "${n%-*} ${n##*-}"; done | sort)
listed=$(app templates | sed 's/:.*//' | sort)
[ "$listed" = "$expected" ] || fail "the templates listed differ from resources/templates/:"$'\n'"$listed"$'\n---\n'"$expected"
echo "smoke-app: templates: $(echo "$listed" | wc -l) listed"

id=$(app demo --db "$work/db.sqlite")
[[ "$id" =~ ^[0-9]+$ ]] || fail "demo printed no report id: $id"

shown=$(app self-check --db "$work/db.sqlite" --open "$id" 2>"$work/self-check.err") \
  || { cat "$work/self-check.err" >&2; fail "self-check failed"; }
echo "$shown" | sed 's/^/smoke-app: /'
grep -qx 'rapportlista: 1 rapporter, visas: ja' <<<"$shown" || fail "the report list was not shown with the demo report"
grep -q '^Qt:s knappar: .*&Nästa >' <<<"$shown" || fail "Qt's buttons are not in Swedish (qtbase_sv.qm missing?)"
grep -q '^guiden: Uppföljning FCA Lundby 2022' <<<"$shown" || fail "the wizard did not open the demo report"
grep -q '^fönsterikon: 16, .*256 px' <<<"$shown" || fail "the window icon is missing (resources/icons not bundled?)"
grep -q '^stavning: flaggar markansföring; förslag: marknadsföring' <<<"$shown" \
  || fail "the spell checker does not flag a misspelt word (dictionary or Enchant missing from the bundle?)"

app export --db "$work/db.sqlite" "$id" --docx "$work/r.docx" --xlsx "$work/r.xlsx" --pdf "$work/r.pdf" \
  --eml "$work/r.eml" >/dev/null
"$python" - "$work" <<'PY'
import email, sys, zipfile
from pathlib import Path
work = Path(sys.argv[1])
assert "Lundby" in zipfile.ZipFile(work / "r.docx").read("word/document.xml").decode(), "docx without the report"
assert any(n.startswith("xl/worksheets/") for n in zipfile.ZipFile(work / "r.xlsx").namelist()), "xlsx without a sheet"
pdf = (work / "r.pdf").read_bytes()
assert pdf.startswith(b"%PDF") and len(pdf) > 10_000, "pdf is not a PDF"
message = email.message_from_bytes((work / "r.eml").read_bytes())
assert "hsn.goteborg@vgregion.se" in message["To"], message["To"]
names = sorted(part.get_filename() for part in message.walk() if part.get_filename())
assert {n.rsplit(".", 1)[1] for n in names} >= {"docx", "pdf", "xlsx"}, names
print(f"smoke-app: exports: docx, xlsx, pdf ({len(pdf) // 1024} KB), eml with {', '.join(names)}")
PY
# The receiving side reads the draft back (its JSON attachment; sha256 of every file without OpenSSL).
received=$(app import-mail --db "$work/received.sqlite" "$work/r.eml")
echo "$received" | sed 's/^/smoke-app: import-mail: /'
grep -qx 'r.eml: importerad – Uppföljning FCA Lundby 2022' <<<"$received" || fail "import-mail did not receive the report"
# A report written freely in Word, read by meaning (snowballstemmer's Swedish stems in the bundle).
free=$(app import-docx --db "$work/received.sqlite" "$repo/tests/data/word/fritt-skriven-folkhalsa-centrum-2024.docx")
echo "$free" | sed -n 2p | sed 's/^/smoke-app: import-docx (fritt skriven): /'
grep -q '^Årsrapport folkhälsoarbete Centrum 2024 (2024): 8 av 10 frågor hittades' <<<"$free" \
  || fail "a freely written Word report was not read by meaning (snowballstemmer missing from the bundle?)"
# An Outlook .msg saved by Outlook (python-oxmsg in the bundle): read, and refused only for having no report.
outlook=$(app import-mail --db "$work/received.sqlite" "$repo/tests/data/outlook-msg/message.msg" 2>&1) || true
echo "$outlook" | head -1 | sed 's/^/smoke-app: import-mail .msg: /'
grep -q '^message.msg: INTE importerad – E-postmeddelandet har ingen rapport bifogad' <<<"$outlook" \
  || fail "import-mail could not read an Outlook .msg (python-oxmsg missing from the bundle?)"

# The default database in the data folder, a backup of it, a change, and the backup restored: the
# safety net as the frozen app has it (on Windows, fsync and file locks are Windows' own here).
[ ! -e "$data/rapporter.sqlite" ] || fail "$data/rapporter.sqlite exists before the test: not a fresh user"
first=$(app demo)
[ -f "$data/rapporter.sqlite" ] || fail "demo without --db did not write $data/rapporter.sqlite"
backup=$(app backup)
[ -f "$(cygpath -u "$backup" 2>/dev/null || echo "$backup")" ] || fail "backup printed no file: $backup"
second=$(app demo)
[ "$second" != "$first" ] || fail "the second demo report got the same id"
restored=$(app restore-backup "$backup")
echo "smoke-app: backup: $restored"
app export-json "$first" >/dev/null || fail "the backed-up report is gone after the restore"
if app export-json "$second" >/dev/null 2>&1; then fail "the report made after the backup survived the restore"; fi
kept=$(ls "$data/Säkerhetskopior" | grep -c '^rapporter-.*\.sqlite$')
[ "$kept" -eq 2 ] || fail "expected the backup and the state before the restore in Säkerhetskopior, found $kept"
echo "smoke-app: data folder $data: backup made and restored (the state before it kept)"

# The real start, as a user double-clicks it (the windowed program, no arguments, the default
# database): the report list, and half a second later the local server (QtNetwork) through which a
# second start brings this window to the front. A second start must hand over and end with 0, the
# first keep running, and nothing land in fel.log, where a failure in the running app is written
# (with a Swedish dialog): the bundle once left QtNetwork out, and every start failed so.
start_program Avtalsuppfoljning; first=$!
trap 'kill "$first" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 2
start_program Avtalsuppfoljning; second=$!
for _ in $(seq 60); do kill -0 "$second" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$second" 2>/dev/null; then
  kill "$second"; fail "a second start did not hand over to the running window (still running after 30 s)"
fi
wait "$second" || fail "a second start ended with $? instead of handing over"
kill -0 "$first" 2>/dev/null || fail "the first window ended when a second start handed over to it"
[ ! -e "$data/fel.log" ] || fail "fel.log after a start:"$'\n'"$(cat "$data/fel.log")"
kill "$first"; wait "$first" 2>/dev/null || true
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) taskkill //F //IM Avtalsuppfoljning.exe >/dev/null 2>&1 || true ;; esac
echo "smoke-app: start: the report list up, a second start handed over to it, no fel.log"
echo "smoke-app: OK ($bundle, $(du -sm "$bundle" | cut -f1) MiB)"
