"""A Word document imported before is recognised (forms/word_import/again.py, store migration 12): by its
bytes, and by its content when it was saved again; a folder imported again skips what it already
imported; a report in the bin still counts, one deleted from the bin does not; databases from before
the migration recognise the documents they imported."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from docx import Document

from exports.bundle import docx_bytes
from forms.store import Store
from forms.word_import import earlier_imports, import_docx, import_files, outcomes_summary
from forms.word_reader import read_docx
from tests.needs import soffice_convert


def saved_again(data: bytes) -> bytes:
    """The same document saved again by a word processor: new save date, author and revision in
    docProps/core.xml, every part written and packed anew; not a word of the text changed."""
    doc = Document(io.BytesIO(data))
    doc.core_properties.last_modified_by = "Åsa Öberg"
    doc.core_properties.revision = 7
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def lundby_bytes(fca2022, lundby) -> bytes:
    return docx_bytes(fca2022, lundby)


def imported_ids(store) -> list[int]:
    return [s.id for s in store.list_reports()]


def test_importing_the_same_folder_again_skips_every_document(store, library, tmp_path, lundby_bytes, fca2022, lundby):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    (folder / "Lundby 2022.docx").write_bytes(lundby_bytes)
    first = import_files([folder], store, library)
    assert [o.status for o in first] == ["importerad"]
    # the coordinator adds a file and runs the folder import again
    lundby.area = "Askim-Frölunda-Högsbo"
    (folder / "Askim 2022.docx").write_bytes(docx_bytes(fca2022, lundby))
    second = import_files([folder], store, library)
    assert [o.line for o in second][1] == "Lundby 2022.docx: redan importerad som Uppföljning FCA Lundby 2022"
    assert [o.status for o in second] == ["importerad", "redan"]
    assert second[1].report_id == first[0].report_id
    assert sorted(s.area for s in store.list_reports()) == ["Askim-Frölunda-Högsbo", "Lundby"]
    assert outcomes_summary(second) == ("1 av 2 dokument importerades som nya rapporter; 1 var redan importerat "
                                        "och hoppades över.")


def test_a_copy_of_the_file_under_another_name_is_the_same_document(store, library, tmp_path, lundby_bytes):
    (tmp_path / "Lundby 2022.docx").write_bytes(lundby_bytes)
    (tmp_path / "Lundby 2022 - Kopia.docx").write_bytes(lundby_bytes)
    outcomes = import_files([tmp_path], store, library)
    assert sorted(o.status for o in outcomes) == ["importerad", "redan"]
    assert len(store.list_reports()) == 1


def test_saved_again_by_word_is_recognised_by_its_content(store, library, tmp_path, lundby_bytes):
    (tmp_path / "Lundby 2022.docx").write_bytes(lundby_bytes)
    import_files([tmp_path / "Lundby 2022.docx"], store, library)
    again = saved_again(lundby_bytes)
    assert again != lundby_bytes
    (tmp_path / "Lundby 2022.docx").write_bytes(again)
    [outcome] = import_files([tmp_path / "Lundby 2022.docx"], store, library)
    assert outcome.line == ("Lundby 2022.docx: redan importerad som Uppföljning FCA Lundby 2022 (samma innehåll, "
                            "filen har sparats om sedan dess)")
    [copy] = earlier_imports(store, again, read_docx(again))
    assert not copy.same_bytes and not copy.in_bin
    assert earlier_imports(store, again) == []  # by the bytes alone it is another file


def test_an_edited_document_is_a_new_document(store, library, tmp_path, lundby_bytes):
    path = tmp_path / "Lundby 2022.docx"
    path.write_bytes(lundby_bytes)
    import_files([path], store, library)
    doc = Document(io.BytesIO(lundby_bytes))
    paragraph = next(p for p in doc.paragraphs if "NOSAM" in p.text and len(p.text) > 80)
    paragraph.runs[-1].text += " Tillagt efter mötet."
    doc.save(path)
    [outcome] = import_files([path], store, library)
    # not the same document, but a report for the same type, area and year: the folder import does not
    # make a second one without asking (importing the file alone asks)
    assert outcome.status == "vägrad"
    assert outcome.message == ("det finns redan en rapport Uppföljning FCA Lundby 2022; importera filen ensam för att "
                               "välja ny version av den eller separat kopia.")
    assert len(store.list_reports()) == 1


def test_a_report_in_the_bin_still_counts_and_says_where_it_is(store, library, tmp_path, lundby_bytes):
    path = tmp_path / "Lundby 2022.docx"
    path.write_bytes(lundby_bytes)
    [first] = import_files([path], store, library)
    store.delete_report(first.report_id)
    [outcome] = import_files([path], store, library)
    assert outcome.status == "redan"
    assert outcome.line == ("Lundby 2022.docx: redan importerad som Uppföljning FCA Lundby 2022 (den ligger i "
                            "Papperskorgen – återställ den där, eller importera filen ensam för att få en ny kopia)")
    assert store.list_reports() == []
    store.empty_bin()  # gone for good: the document is new again
    [outcome] = import_files([path], store, library)
    assert outcome.status == "importerad"
    assert len(store.list_reports()) == 1


def test_a_second_copy_imported_on_purpose_is_recognised_too(store, library, lundby_bytes):
    result = import_docx(lundby_bytes, library, name="Lundby 2022.docx")
    first = store.create_report(result.report, [("Lundby 2022.docx", result.data)], imported_from=result.source)
    second = store.create_report(result.report, [("Lundby 2022.docx", result.data)], imported_from=result.source)
    store.delete_report(second)
    copies = earlier_imports(store, lundby_bytes)
    assert [(c.report_id, c.in_bin) for c in copies] == [(first, False), (second, True)]  # the one in use first


def test_reports_imported_before_the_migration_are_recognised(db_path, monkeypatch, library, lundby_bytes, lundby):
    """A database from the version before (no migration 12) where the folder import already ran: its
    documents were kept as bilagor at creation; those are recorded when the database is migrated."""
    import forms.store as store_module

    monkeypatch.setattr(store_module, "MIGRATIONS", [m for m in store_module.MIGRATIONS if m[0] != 12])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 10)
    old = Store(db_path)
    imported = old.create_report(import_docx(lundby_bytes, library).report, [("Lundby 2022.docx", lundby_bytes)])
    typed = old.create_report(lundby)  # typed in; the same .docx attached later is not an import
    old.conn.execute("INSERT INTO attachments (report_id, name, content, added_at) VALUES (?, ?, ?, ?)",
                     (typed, "Lundby 2022.docx", lundby_bytes, "2099-01-01T00:00:00"))
    old.close()
    monkeypatch.undo()
    store = Store(db_path)
    try:
        assert 12 in store.applied_migrations()
        assert [c.report_id for c in earlier_imports(store, lundby_bytes)] == [imported]
        assert Path(f"{db_path}.fore-schema-12.bak").exists()
    finally:
        store.close()


def test_deleting_a_report_for_good_forgets_its_document(store, library, lundby_bytes):
    result = import_docx(lundby_bytes, library, name="Lundby 2022.docx")
    report_id = store.create_report(result.report, [], imported_from=result.source)
    store.delete_report(report_id)
    store.empty_bin()
    rows = sqlite3.connect(store.path).execute("SELECT count(*) FROM imported_documents").fetchone()[0]
    assert rows == 0


def test_saved_again_by_libreoffice_is_recognised(store, library, tmp_path, fca2022):
    """A real round trip through another word processor: LibreOffice opens the seed's Lundby report in
    the region's layout and saves it as .docx. Other bytes, and Word's prompts in the empty content
    controls become plain text — still the same report, so the same document."""
    from tests.forms import word_builders as wb
    from tests.forms.test_word_import_region_template import region_document

    original = tmp_path / "Lundby 2022.docx"
    original.write_bytes(wb.to_bytes(region_document(fca2022)))
    [first] = import_files([original], store, library)
    assert first.status == "importerad"
    resaved = soffice_convert(original, "docx", tmp_path / "sparad", tmp_path / "lo-profile") / original.name
    assert resaved.read_bytes() != original.read_bytes()
    assert "Klicka här för att ange text." in [i.text for i in read_docx(resaved).items]
    [again] = import_files([resaved], store, library)
    assert (again.status, again.report_id) == ("redan", first.report_id)
    assert again.message.endswith("(samma innehåll, filen har sparats om sedan dess)")


def test_a_folder_import_tells_its_progress_and_stops_when_cancelled(store, library, tmp_path, fca2022, lundby):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    for year in (2019, 2020, 2021):
        lundby.year = year
        (folder / f"Lundby {year}.docx").write_bytes(docx_bytes(fca2022, lundby))
    told = []
    outcomes = import_files([folder], store, library, progress=lambda *step: told.append(step),
                            cancelled=lambda: len(told) == 2)
    assert told == [(0, 3, "Lundby 2019.docx"), (1, 3, "Lundby 2020.docx"), (2, 3, "")]
    assert [o.path.name for o in outcomes] == ["Lundby 2019.docx", "Lundby 2020.docx"]
    assert sorted(s.year for s in store.list_reports()) == [2019, 2020]  # 2021 left alone
