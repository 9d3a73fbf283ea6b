"""The Sammanställning's exports (issue 23, item 7): the personnummer guard runs as for a single
report's export (`--tillat-personnummer`, and a question in the app), and the Excel and Word files
are written both or neither — on a nearly full disk too."""

from __future__ import annotations

import io

from desktop.cli import main
from desktop.receiving_view import ConsolidationDialog
from forms.consolidation import consolidate
from forms.interchange import report_to_json
from forms.receiving import receive_paths
from tests.faults.helpers import fill_filesystem, small_tmpfs
from tests.receiving_data import AREAS, area_report

ARGS = ["consolidate", "--type", "fca-uppfoljning", "--year", "2023"]


def received(store, library, tmp_path, personnummer: str = ""):
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    for number, area in enumerate(AREAS, start=1):
        report = area_report(library, area, number)
        if area == "Hisingen" and personnummer:
            report.set_answer("koordinatorns_arbete", f"Barnet {personnummer} fick hjälp.")
        (inbox / f"{area}.json").write_text(report_to_json(report, library), encoding="utf-8")
    assert all(o.what == "ny" for o in receive_paths(store, library, [inbox])[0])


def test_a_personnummer_in_an_areas_answer_stops_the_export_unless_allowed(store, library, db_path, tmp_path, capsys):
    received(store, library, tmp_path, "\u0668\u0661\u0661\u0662\u0661\u0668-\u0669\u0668\u0667\u0666")
    store.close()
    xlsx, docx = tmp_path / "s.xlsx", tmp_path / "s.docx"
    assert main([*ARGS, "--db", str(db_path), "--xlsx", str(xlsx), "--docx", str(docx)]) == 1
    err = capsys.readouterr().err
    assert "Hisingen: " in err and "personnummer" in err and "--tillat-personnummer" in err
    assert "Inget har exporterats" in err and not xlsx.exists() and not docx.exists()
    assert main([*ARGS, "--db", str(db_path), "--xlsx", str(xlsx), "--docx", str(docx), "--tillat-personnummer"]) == 0
    assert xlsx.exists() and docx.exists()
    # printing the figures is no export: it needs no flag
    assert main([*ARGS, "--db", str(db_path), "--json"]) == 0


def test_the_app_asks_before_exporting_a_personnummer(qtbot, store, library, tmp_path, expect_dialog):
    received(store, library, tmp_path, "811218-9876")
    dialog = ConsolidationDialog(store, library, 2023, template_id="fca-uppfoljning")
    qtbot.addWidget(dialog)
    expect_dialog("ask", answer=False)
    assert dialog.export("xlsx") is None
    assert "811218-9876" in expect_dialog.texts("ask")[0]


def test_both_files_or_neither_on_a_nearly_full_disk(store, library, db_path, tmp_path, capsys):
    """Room for the Excel file but not for the Word file too: neither is left (before: c.xlsx was
    written, then "Ingen fil har skrivits" was said about c.docx)."""
    from exports.consolidation import write_consolidation_docx, write_consolidation_xlsx

    received(store, library, tmp_path)
    result = consolidate(store, library, "fca-uppfoljning", 2023)
    sizes = {}
    for fmt, writer in (("xlsx", write_consolidation_xlsx), ("docx", write_consolidation_docx)):
        buffer = io.BytesIO()
        writer(result, buffer)
        sizes[fmt] = len(buffer.getvalue())
    store.close()
    with small_tmpfs(tmp_path / "disk", "2m") as disk:
        filler = fill_filesystem(disk)
        room = sizes["xlsx"] + 3 * 4096  # the Excel file fits, the Word file does not
        assert room < sizes["xlsx"] + sizes["docx"], sizes
        with open(filler, "r+b") as f:
            f.truncate(filler.stat().st_size - room)
        code = main([*ARGS, "--db", str(db_path), "--xlsx", str(disk / "c.xlsx"), "--docx", str(disk / "c.docx")])
        err = capsys.readouterr().err
        assert code == 1 and "Inga filer har skrivits" in err, err
        assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]
