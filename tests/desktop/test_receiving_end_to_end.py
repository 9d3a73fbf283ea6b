"""The receiving side end to end: four areas send their FCA follow-ups with the app's own
"Skicka till regionen" (the .eml drafts in the Utkorg), the region imports them into a fresh
database, and the Sammanställning adds up exactly — in Decimal, in `consolidate --json`, and in
LibreOffice's own calculation of the Excel file."""

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.report_actions import ReportActions
from forms.consolidation import FIGURES, consolidate
from forms.economics import table_calc
from forms.receiving import receive_paths
from forms.store import Store
from tests.needs import soffice_convert
from tests.receiving_data import AREAS, area_report


@pytest.fixture
def sent(tmp_path, library, expect_dialog):
    """Each area's coordinator, on their own laptop (database), sends the report: the .eml drafts."""
    expect_dialog("open_path", answer=True)  # the mail program opens the draft
    expect_dialog("run_dialog", "Skicka till regionen", answer=True)  # "Har du skickat det?" Ja
    drafts, reports = {}, {}
    for number, area in enumerate(AREAS, start=1):
        store = Store(tmp_path / f"laptop-{area}" / "rapporter.sqlite")
        report = area_report(library, area, number)
        report_id = store.create_report(report)
        actions = ReportActions(store, library)
        sending_id = actions.send(report_id, today=date(2024, 1, 25))
        drafts[area] = Path(store.sendings(report_id)[0].eml_path)
        assert store.sendings(report_id)[0].id == sending_id
        reports[area] = store.load_report(report_id)
        store.close()
    return drafts, reports


def expected_figures(library, report):
    """The single report's own calculation (forms.economics), per party: what the sum must add."""
    template = library.get(report.template_id, report.revision)
    calc = table_calc(template, report, "ekonomi")
    return {
        "region": {"budget": calc.column_sum("budget_region"), "utfall": calc.column_sum("utfall_region"),
                   "aterbetalning": calc.refund("utfall_region")},
        "city": {"budget": calc.column_sum("budget_stad"), "utfall": calc.column_sum("utfall_stad"),
                 "aterbetalning": calc.refund("utfall_stad")},
    }


def test_four_areas_sent_through_the_app_add_up_exactly(sent, tmp_path, library, capsys):
    drafts, reports = sent
    receiving = Store(tmp_path / "regionen.sqlite")
    # three areas first: the fourth is reported missing
    outcomes, _ = receive_paths(receiving, library, [drafts[a] for a in AREAS[:3]])
    assert [o.what for o in outcomes] == ["ny"] * 3
    partial = consolidate(receiving, library, "fca-uppfoljning", 2023)
    assert partial.missing == ["Sydväst"]
    assert next(r for r in partial.rows if r.area == "Sydväst").state == "saknas"

    receive_paths(receiving, library, [drafts["Sydväst"]])
    result = consolidate(receiving, library, "fca-uppfoljning", 2023)
    assert result.missing == [] and [r.area for r in result.rows] == list(AREAS)
    for party in ("region", "city"):
        for figure in FIGURES:
            inputs = [expected_figures(library, reports[a])[party][figure] for a in AREAS]
            assert result.totals[party][figure] == sum(inputs, Decimal(0))
            for row in result.rows:
                assert row.figures[party][figure] == expected_figures(library, reports[row.area])[party][figure]
    # the area with an unequal split shows the single report's 50/50 check
    nordost = next(r for r in result.rows if r.area == "Nordost")
    assert any("50/50" in check for check in nordost.checks)
    assert all(not r.checks for r in result.rows if r.area != "Nordost")
    # every question with every area's answer side by side
    work = next(q for q in result.questions if q.field_id == "koordinatorns_arbete")
    assert work.answers == {a: f"I {a} har koordinatorn samordnat {n} nätverk." for n, a in enumerate(AREAS, 1)}
    receiving.close()

    # the command line prints the same figures
    db = str(tmp_path / "regionen.sqlite")
    xlsx, docx = tmp_path / "Sammanställning.xlsx", tmp_path / "Sammanställning.docx"
    assert main(["consolidate", "--db", db, "--type", "fca-uppfoljning", "--year", "2023", "--json",
                 "--xlsx", str(xlsx), "--docx", str(docx)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["totals"] == result.to_dict()["totals"]
    assert printed["totals"]["region"]["budget"] == str(result.totals["region"]["budget"])

    # LibreOffice recalculates the Excel file's formulas: its totals equal `consolidate --json`
    computed = libreoffice_figures(xlsx, tmp_path)
    for index, area in enumerate(AREAS):
        for party in ("region", "city"):
            for figure in FIGURES:
                assert Decimal(computed[area][figure, party]) == Decimal(printed["areas"][index]["figures"][party][figure])
    for party in ("region", "city"):
        for figure in FIGURES:
            assert Decimal(computed["Summa staden"][figure, party]) == Decimal(printed["totals"][party][figure])

    # Word: each area's answer under its name
    from docx import Document

    texts = [p.text for p in Document(docx).paragraphs]
    at = texts.index("1. Redogör för koordinatorns samt samordnarfunktionens arbete under året, inklusive de "
                     "viktigaste erfarenheterna av årets insatser:")
    assert texts[at + 1: at + 5] == ["Centrum", "I Centrum har koordinatorn samordnat 1 nätverk.", "Hisingen",
                                     "I Hisingen har koordinatorn samordnat 2 nätverk."]


def libreoffice_figures(xlsx: Path, tmp_path: Path) -> dict:
    """The first sheet as LibreOffice calculates it (CSV of the raw values, not as formatted)."""
    out = soffice_convert(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false",
                          tmp_path / "csv", tmp_path / "lo-profile")
    with (out / f"{xlsx.stem}.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = [(figure, party) for figure in FIGURES for party in ("region", "city")]
    figures = {}
    for r in rows[5:]:  # the area rows and the total, down to the blank row above the checks
        if not r or not r[0]:
            break
        figures[r[0]] = dict(zip(header, r[3:9], strict=True))
    return figures


def test_a_resent_report_replaces_the_older_in_the_consolidation(sent, tmp_path, library):
    drafts, _ = sent
    receiving = Store(tmp_path / "regionen.sqlite")
    receive_paths(receiving, library, drafts.values())
    # Hisingen corrects its outcome and sends again (a later draft from the same laptop)
    laptop = Store(tmp_path / "laptop-Hisingen" / "rapporter.sqlite")
    [summary] = laptop.list_reports()
    laptop.save_amount(summary.id, "ekonomi", "lon", "utfall_region", Decimal("400.1"))
    laptop.save_amount(summary.id, "ekonomi", "lon", "utfall_stad", Decimal("400.1"))
    ReportActions(laptop, library).send(summary.id)
    second = Path(laptop.sendings(summary.id)[-1].eml_path)
    assert second != drafts["Hisingen"]
    import os
    stamp = drafts["Hisingen"].stat().st_mtime + 3600  # the drafts have no Date: the file time counts
    os.utime(second, (stamp, stamp))
    outcomes, _ = receive_paths(receiving, library, [second])
    assert outcomes[0].what == "ersatte"
    result = consolidate(receiving, library, "fca-uppfoljning", 2023)
    hisingen = next(r for r in result.rows if r.area == "Hisingen")
    assert hisingen.figures["region"]["utfall"] == Decimal("400.1") + Decimal("20.4") + Decimal("4.9")  # lön + kompetensutveckling + övrigt
    assert len(receiving.list_reports()) == 4
    versions = receiving.versions(hisingen.report_id)
    assert len([v for v in versions if v.reason.startswith("Mottagen")]) == 2
    laptop.close()
    receiving.close()
