#!/usr/bin/env bash
# Export the Lundby demo headlessly, let LibreOffice open and convert the .docx and .xlsx to PDF
# (as the region's and committees' computers would open them), render the pages to PNG, and check
# that LibreOffice's own calculation of the Excel formulas equals the app's sums.
# Usage: scripts/render-check.sh [OUT_DIR]   (needs scripts/debian-packages-render.txt installed)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d -t render-check.XXXXXX)}
mkdir -p "$out"
app=.venv/bin/avtalsuppfoljning
db="$out/demo.sqlite"
rm -rf "$db" "$out"/Lundby* "$out"/docx "$out"/xlsx "$out"/csv "$out"/app-page* "$out"/pages
id=$($app demo --db "$db")
QT_QPA_PLATFORM=offscreen $app export --db "$db" "$id" --docx "$out/Lundby.docx" --xlsx "$out/Lundby.xlsx" \
  --pdf "$out/Lundby-app.pdf" >/dev/null
profile="-env:UserInstallation=file://$out/lo-profile"
for f in Lundby.docx Lundby.xlsx; do
  mkdir -p "$out/${f##*.}"
  soffice --headless "$profile" --convert-to pdf --outdir "$out/${f##*.}" "$out/$f" >/dev/null 2>&1
  pdf="$out/${f##*.}/Lundby.pdf"
  [ -s "$pdf" ] || { echo "render-check: LibreOffice could not convert $f" >&2; exit 1; }
  pdftoppm -png -r 60 "$pdf" "$out/${f##*.}/page"
  echo "render-check: $f -> $(ls "$out/${f##*.}"/page*.png | wc -l) page(s)"
done
pdftoppm -png -r 60 "$out/Lundby-app.pdf" "$out/app-page"
echo "render-check: app PDF -> $(ls "$out"/app-page*.png | wc -l) page(s)"
# LibreOffice recalculates the formulas when it writes CSV: compare with the app's figures.
soffice --headless "$profile" --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$out/csv" "$out/Lundby.xlsx" >/dev/null 2>&1
.venv/bin/python - "$out/csv/Lundby.csv" <<'PY'
import csv, sys
rows = {r[0]: r[1:] for r in csv.reader(open(sys.argv[1], encoding="utf-8")) if r}
def numbers(label):
    return [float(x) for x in rows[label] if x.strip()]
summa, refund = numbers("SUMMA"), numbers("Återbetalning till HSNG")
assert summa == [459.0, 459.0, 443.5, 443.5], summa
assert refund == [5.0, 5.0], refund
print(f"render-check: LibreOffice computes SUMMA {summa} and Återbetalning {refund}, as the app does")
PY
# The app's PDF against LibreOffice's rendering of the Word export, for every report type, the demos
# and the stress report: the same page count within one page (the app paginates with Word's rules).
mkdir -p "$out/pages"
.venv/bin/python - "$out/pages" "$profile" <<'PY'
import os, subprocess, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from pypdf import PdfReader
from desktop.printing import report_document, write_pdf
from exports.word import write_docx
from forms.template import TemplateLibrary
from tests.sample_reports import all_reports
folder, profile = sys.argv[1], sys.argv[2]
reports = all_reports(TemplateLibrary.load())
for name, (template, report, attachments) in reports.items():
    write_docx(template, report, f"{folder}/{name}.docx", attachments)
    write_pdf(report_document(template, report, attachments), f"{folder}/{name}-app.pdf", name)
subprocess.run(["soffice", "--headless", profile, "--convert-to", "pdf", "--outdir", f"{folder}/lo",
                *[f"{folder}/{name}.docx" for name in reports]], check=True, capture_output=True)
bad = []
for name in reports:
    app_pages = len(PdfReader(f"{folder}/{name}-app.pdf").pages)
    word_pages = len(PdfReader(f"{folder}/lo/{name}.pdf").pages)
    print(f"render-check: {name}: app PDF {app_pages} page(s), Word via LibreOffice {word_pages}")
    if abs(app_pages - word_pages) > 1:
        bad.append(name)
assert not bad, f"app PDF and Word differ by more than one page: {bad}"
PY
echo "render-check: pages in $out"
