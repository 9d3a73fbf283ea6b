"""`avtalsuppfoljning import-docx`: prints the new id, flags override, an ambiguous document and every bad
file are refused with a Swedish message and leave the database exactly as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from docx import Document

from desktop.cli import main
from exports.bundle import docx_bytes
from forms.interchange import report_to_dict
from forms.store import Store

DATA = Path(__file__).resolve().parent.parent / "data" / "word"


def dump(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def test_import_docx_prints_new_id_and_keeps_the_document_as_bilaga(db, tmp_path, capsys, library, fca2022, lundby):
    lundby.area = "Askim-Frölunda-Högsbo"  # the database holds the demo Lundby 2022
    path = tmp_path / "Uppföljning FCA Askim 2022.docx"
    path.write_bytes(docx_bytes(fca2022, lundby))
    assert main(["import-docx", "--db", str(db), str(path)]) == 0
    out, err = capsys.readouterr()
    new_id = int(out.splitlines()[0])
    assert "16 av 16 frågor hittades" in out.splitlines()[1] and err == ""  # a success is no error
    store = Store(db)
    try:
        imported = store.load_report(new_id)
        assert report_to_dict(imported, library) == report_to_dict(lundby, library)
        [bilaga] = store.attachments(new_id)
        assert bilaga.name == path.name
        assert store.attachment_content(bilaga.id) == path.read_bytes()
        assert len(store.list_reports()) == 2  # a new report; the demo is untouched
    finally:
        store.close()


def ambiguous_document(path: Path, fca2022) -> None:
    """FCA questions and answers but no title, no party names and no year: 2022 or 2023?"""
    doc = Document()
    for field_id in ("koordinatorns_arbete", "nosam", "utmaningar", "foraldraskapsstod"):
        doc.add_paragraph(fca2022.field(field_id).label)
        doc.add_paragraph(f"Svar om {field_id}.")
    doc.save(path)


def test_ambiguous_document_is_refused_with_the_candidates_named(db, tmp_path, capsys, fca2022):
    path = tmp_path / "utan titel.docx"
    ambiguous_document(path, fca2022)
    before = dump(db)
    assert main(["import-docx", "--db", str(db), str(path)]) == 1
    err = capsys.readouterr().err
    assert "kan vara flera mallar" in err
    assert "--template fca-uppfoljning --revision 2022" in err and "--revision 2023" in err
    assert dump(db) == before


def test_flags_override_and_resolve_the_ambiguity(db, tmp_path, capsys, fca2022):
    path = tmp_path / "utan titel.docx"
    ambiguous_document(path, fca2022)
    assert main(["import-docx", "--db", str(db), str(path), "--revision", "2022"]) == 1
    assert "område (--area), år (--year)" in capsys.readouterr().err
    assert main(["import-docx", "--db", str(db), str(path), "--template", "fca-uppfoljning", "--revision", "2022",
                 "--area", "Majorna-Linné", "--year", "2022"]) == 0
    out, err = capsys.readouterr()
    store = Store(db)
    try:
        report = store.load_report(int(out.splitlines()[0]))
        assert (report.template_id, report.revision, report.area, report.year) == ("fca-uppfoljning", "2022",
                                                                                  "Majorna-Linné", 2022)
        assert report.answer("nosam") == "Svar om nosam."
    finally:
        store.close()
    assert "4 av 16 frågor hittades" in out and "avtalsuppfoljning:" not in out


def test_unknown_template_flag(db, tmp_path, capsys, fca2022, lundby):
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes(fca2022, lundby))
    assert main(["import-docx", "--db", str(db), str(path), "--template", "finns-inte"]) == 1
    assert "Mallen ”finns-inte” finns inte" in capsys.readouterr().err


@pytest.mark.parametrize("make, expected", [
    (lambda tmp: DATA / "liten.doc", "Spara dokumentet som .docx i Word och försök igen"),
    (lambda tmp: DATA / "liten-losenord.docx", "lösenord"),
    (lambda tmp: _write(tmp / "text.docx", b"bara text"), "inget Word-dokument"),
    (lambda tmp: tmp / "finns-inte.docx", "kunde inte läsas"),
])
def test_bad_files_are_refused_and_the_database_is_unchanged(db, tmp_path, capsys, make, expected):
    before = dump(db)
    assert main(["import-docx", "--db", str(db), str(make(tmp_path))]) == 1
    assert expected in capsys.readouterr().err
    assert dump(db) == before


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_templates_json_describes_money_tables_and_rows_fields_completely(capsys, library):
    """The importer, integrators and the template maintainer read one full description."""
    import json

    assert main(["templates", "--json"]) == 0
    data = {(t["id"], t["revision"]): t for t in json.loads(capsys.readouterr().out)}
    assert set(data) == {t.key for t in library}
    fca = data[("fca-uppfoljning", "2022")]
    assert fca["parties"] == {"region": "HSNG", "city": "SDN"} and fca["deadline"] == {"month": 2, "day": 1, "years_after": 1}
    fields = {f["id"]: f for s in fca["sections"] for f in s["fields"]}
    table = fields["ekonomi"]["table"]
    assert [g["role"] for g in table["groups"]] == ["budget", "outcome"]
    assert {"id": "utfall_region", "group": "utfall", "party": "region", "label": ""} in table["columns"]
    assert [(r["id"], r["role"], r["editable"]) for r in table["rows"]] == [
        ("ingaende", "funds", True), ("lon", "cost", True), ("kompetensutveckling", "cost", True),
        ("ovrigt", "cost", True), ("summa", "sum", False), ("aterbetalning", "refund", False)]
    assert table["rows"][0]["label"] == "Ingående medel från {år-1}" and table["rows"][5]["groups"] == ["utfall"]
    assert fields["bemanning_saknas"]["show_if"] == {"field": "bemanning_tillracklig", "equals": "nej"}
    assert fields["koordinatorns_arbete"]["max_chars"] == 600
    plan = {f["id"]: f for s in data[("fca-handlingsplan", "2024")]["sections"] for f in s["fields"]}
    assert plan["delmal_7_1_1"]["row_label"] == "Insats"
    assert [c["id"] for c in plan["delmal_7_1_1"]["columns"]] == ["insats", "ansvar", "effekt"]
    assert plan["ekonomi"]["table"]["columns"][-1] == {"id": "gsn", "group": "budget", "party": "city", "label": "GSN"}
    assert plan["arsarbetare"]["unit"] == "åa"
    folkhalsa = data[("folkhalsa-uppfoljning", "2024")]  # the Word import's vocabulary (docs/templates.md)
    assert folkhalsa["keywords"] == ["folkhälsoarbete", "folkhälsa"]
    assert "resultat" in {f["id"]: f for s in folkhalsa["sections"] for f in s["fields"]}["malomrade_1_effekter"]["keywords"]
    summary = data[("ekonomisk-sammanstallning", "2023")]
    rows = {r["id"]: r for s in summary["sections"] for f in s["fields"] if f["kind"] == "money_table" for r in f["table"]["rows"]}
    assert rows["fca"]["source"] == "fca-uppfoljning"


def test_the_same_document_again_is_not_imported_twice(db, tmp_path, capsys, fca2022, lundby):
    lundby.area = "Askim-Frölunda-Högsbo"
    path = tmp_path / "Uppföljning FCA Askim 2022.docx"
    path.write_bytes(docx_bytes(fca2022, lundby))
    assert main(["import-docx", "--db", str(db), str(path)]) == 0
    first = int(capsys.readouterr().out.splitlines()[0])
    before = dump(db)
    assert main(["import-docx", "--db", str(db), str(path)]) == 3
    out, err = capsys.readouterr()
    assert int(out) == first
    assert err == (f"avtalsuppfoljning: {path.name} är redan importerad som Uppföljning FCA Askim-Frölunda-Högsbo "
                   f"2022 (id {first}). Ingen ny rapport skapades. Kör med --ny-kopia för att ändå importera den som "
                   "en ny rapport.\n")
    assert dump(db) == before
    assert main(["import-docx", "--db", str(db), str(path), "--ny-kopia"]) == 0
    assert int(capsys.readouterr().out.splitlines()[0]) > first
    store = Store(db)
    try:
        assert [(s.area, s.year) for s in store.list_reports()].count(("Askim-Frölunda-Högsbo", 2022)) == 2
    finally:
        store.close()


def test_a_report_for_an_existing_type_area_and_year_asks(db, tmp_path, capsys, fca2022, lundby):
    """Issue 23: it silently made a second, indistinguishable Lundby 2022. Now exit 3 with the
    existing report's id; --ny-version makes the document the existing report's new state (its own
    kept in the history), --ny-kopia a separate report."""
    from decimal import Decimal

    store = Store(db)
    [demo] = store.list_reports()
    demo_answer = store.load_report(demo.id).answer("nosam")
    store.close()
    lundby.set_answer("nosam", "Ett annat svar från Word.")
    lundby.set_amount("ekonomi", "lon", "budget_region", Decimal("123.4"))
    path = tmp_path / "Lundby 2022 från området.docx"
    path.write_bytes(docx_bytes(fca2022, lundby))
    before = dump(db)
    assert main(["import-docx", "--db", str(db), str(path)]) == 3
    out, err = capsys.readouterr()
    assert int(out) == demo.id and dump(db) == before
    assert err == (f"avtalsuppfoljning: det finns redan en rapport Uppföljning FCA Lundby 2022 (id {demo.id}). Ingen ny "
                   "rapport skapades. Kör med --ny-version för att importera dokumentet som en ny version av den (det "
                   "den har nu sparas i historiken), eller med --ny-kopia för en separat kopia.\n")

    assert main(["import-docx", "--db", str(db), str(path), "--ny-version"]) == 0
    assert int(capsys.readouterr().out.splitlines()[0]) == demo.id
    store = Store(db)
    try:
        assert len(store.list_reports()) == 1
        report = store.load_report(demo.id)
        assert report.answer("nosam") == "Ett annat svar från Word."
        assert report.amount("ekonomi", "lon", "budget_region") == Decimal("123.4")
        versions = store.versions(demo.id)
        assert versions[0].reason == f"Importerad från {path.name}"
        assert versions[1].reason == "Före import av Word-dokument"
        assert versions[1].snapshot["answers"]["nosam"] == demo_answer
        assert [a.name for a in store.attachments(demo.id)] == [path.name]
    finally:
        store.close()
    # the same document again is recognised as imported (into the existing report)
    assert main(["import-docx", "--db", str(db), str(path), "--ny-version"]) == 3
    assert "är redan importerad" in capsys.readouterr().err
    lundby.set_answer("nosam", "Tredje svaret.")
    other = tmp_path / "kopia.docx"
    other.write_bytes(docx_bytes(fca2022, lundby))
    assert main(["import-docx", "--db", str(db), str(other), "--ny-kopia"]) == 0
    store = Store(db)
    try:
        assert [(s.area, s.year) for s in store.list_reports()] == [("Lundby", 2022)] * 2
    finally:
        store.close()


def test_a_folder_is_imported_file_by_file_and_again_skips_what_it_imported(db, tmp_path, capsys, library, fca2022, lundby):
    folder = tmp_path / "gamla rapporter"
    (folder / "2022").mkdir(parents=True)
    lundby.area = "Angered"  # the database holds the demo Lundby 2022
    (folder / "2022" / "Lundby 2022.docx").write_bytes(docx_bytes(fca2022, lundby))
    (folder / "2022" / "~$Lundby 2022.docx").write_bytes(b"Word's lock file")
    lundby.area = "Askim-Frölunda-Högsbo"
    (folder / "Askim 2022.docx").write_bytes(docx_bytes(fca2022, lundby))
    assert main(["import-docx", "--db", str(db), str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [  # in path order: 2022/Lundby… before Askim…
        "Lundby 2022.docx: importerad – Uppföljning FCA Angered 2022: 16 av 16 frågor hittades; 16 av 16 belopp lästes",
        "Askim 2022.docx: importerad – Uppföljning FCA Askim-Frölunda-Högsbo 2022: 16 av 16 frågor hittades; "
        "16 av 16 belopp lästes",
        "2 av 2 dokument importerades som nya rapporter."]
    assert err == ""
    (folder / "gammal.doc").write_bytes((DATA / "liten.doc").read_bytes())
    assert main(["import-docx", "--db", str(db), str(folder)]) == 1  # a file failed
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "Lundby 2022.docx: redan importerad som Uppföljning FCA Angered 2022",
        "Askim 2022.docx: redan importerad som Uppföljning FCA Askim-Frölunda-Högsbo 2022",
        "0 av 3 dokument importerades som nya rapporter; 2 var redan importerade och hoppades över."]
    assert err.startswith("gammal.doc: inte importerad – ") and "Spara dokumentet som .docx" in err
    store = Store(db)
    try:
        assert sorted(s.area for s in store.list_reports()) == ["Angered", "Askim-Frölunda-Högsbo", "Lundby"]
    finally:
        store.close()


def test_a_folder_without_word_documents_and_flags_meant_for_one_file(db, tmp_path, capsys):
    before = dump(db)
    (tmp_path / "tom").mkdir()
    assert main(["import-docx", "--db", str(db), str(tmp_path / "tom")]) == 1
    assert "Inga Word-dokument (.docx) hittades i" in capsys.readouterr().err
    assert main(["import-docx", "--db", str(db), str(tmp_path / "tom"), "--year", "2022"]) == 2
    assert "--year gäller en fil i taget" in capsys.readouterr().err
    assert dump(db) == before


def test_notes_on_questions_of_the_same_name_say_which_section(db, tmp_path, capsys):
    """A report written freely in Word (forms/word_import/meaning.py): "Insatser" is a question under
    every målområde, so each line about it names its målområde too."""
    from tests.forms.test_word_import_meaning import free_folkhalsa_report

    path = tmp_path / "Uppföljning folkhälsa Centrum 2024.docx"
    path.write_bytes(free_folkhalsa_report())
    assert main(["import-docx", "--db", str(db), str(path)]) == 0
    notes = [line.strip() for line in capsys.readouterr().out.splitlines() if "läst under" in line]
    assert notes, "no notes: the free report was read by its wording alone"
    insatser = [n for n in notes if " – Insatser: " in n]
    assert len(insatser) > 1 and all(n.startswith("Målområde ") for n in insatser), notes
    assert len(set(insatser)) == len(insatser)  # each line tells its målområde apart
