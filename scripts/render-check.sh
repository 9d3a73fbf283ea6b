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
rm -rf "$db" "$out"/Lundby* "$out"/docx "$out"/xlsx "$out"/csv "$out"/app-page*
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
echo "render-check: pages in $out"
