"""The SQLite store: migrations from an empty file, exact round trips, the bin, bad files."""

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from forms.store import SCHEMA_VERSION, Store, StoreError


def test_migrations_from_an_empty_file(db_path):
    db_path.write_bytes(b"")  # an empty file is a valid, empty SQLite database
    store = Store(db_path)
    assert store.schema_version() == SCHEMA_VERSION
    names = [r[0] for r in store.conn.execute("SELECT name FROM schema_migrations ORDER BY version")]
    assert names[:3] == ["001_create_reports", "002_attachments_and_sendings", "003_versions"]
    assert "010_received_reports" in names
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.migrate() == []  # running again changes nothing
    store.close()


def test_report_round_trips_exactly(store, lundby):
    lundby.compiled_by = "Anna Andersson"
    lundby.compiled_date = date(2023, 1, 20)
    report_id = store.create_report(lundby)
    again = store.load_report(report_id)
    assert again.answers == lundby.answers
    assert again.tables == lundby.tables
    assert again.amount("ekonomi", "ingaende", "utfall_region") == Decimal("448.5")
    assert again.compiled_date == date(2023, 1, 20)
    assert (again.template_id, again.revision, again.area, again.year) == ("fca-uppfoljning", "2022", "Lundby", 2022)


def test_money_is_stored_as_exact_text(store, lundby):
    report_id = store.create_report(lundby)
    store.save_amount(report_id, "ekonomi", "lon", "budget_region", Decimal("0.1"))
    stored = store.conn.execute(
        "SELECT amount, typeof(amount) FROM amounts WHERE report_id = ? AND row_id = 'lon' AND column_id = 'budget_region'",
        (report_id,)).fetchone()
    assert stored == ("0.1", "text")


def test_answer_save_survives_reopen_and_long_text_is_whole(db_path, lundby):
    store = Store(db_path)
    report_id = store.create_report(lundby)
    long_text = "Ö" * 5000
    store.save_answer(report_id, "nosam", long_text)
    store.save_answer(report_id, "ovriga_kommentarer", "")
    store.update_report(report_id, current_page="styrning")
    store.close()
    again = Store(db_path).load_report(report_id)
    assert again.answers["nosam"] == long_text
    assert "ovriga_kommentarer" not in again.answers
    assert again.current_page == "styrning"


def test_bin_and_restore(store, lundby):
    report_id = store.create_report(lundby)
    store.delete_report(report_id)
    assert store.list_reports() == []
    assert [s.id for s in store.list_reports(deleted=True)] == [report_id]
    store.restore_report(report_id)
    assert [s.id for s in store.list_reports()] == [report_id]
    store.delete_report(report_id)
    assert store.empty_bin() == 1
    with pytest.raises(KeyError):
        store.load_report(report_id)


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "rapporter.sqlite"
    content = b"Det har ar ingen databas, bara text." * 100
    path.write_bytes(content)
    with pytest.raises(StoreError, match="inte en läsbar databas"):
        Store(path)
    assert path.read_bytes() == content


def test_a_locked_database_gives_a_clear_message(db_path, lundby):
    first = Store(db_path)
    report_id = first.create_report(lundby)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    with pytest.raises(StoreError, match="används av ett annat program"):
        first.save_answer(report_id, "nosam", "text")
    other.execute("ROLLBACK")
    assert first.load_report(report_id).answers["nosam"] == lundby.answers["nosam"]


def test_newer_schema_is_refused(db_path):
    store = Store(db_path)
    store.conn.execute("INSERT INTO schema_migrations VALUES (9999, '9999_future', 'x')")
    store.close()
    with pytest.raises(StoreError, match="nyare version"):
        Store(db_path)


def test_backup_before_migrating_an_existing_database(db_path, monkeypatch):
    import forms.store as store_module
    Store(db_path).close()
    current = store_module.SCHEMA_VERSION
    extra = (current + 1, "test_extra", ["CREATE TABLE extra (x)"])
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS + [extra])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", current + 1)
    store = Store(db_path)
    assert store.schema_version() == current + 1
    backup = db_path.with_name(db_path.name + f".fore-schema-{current + 1}.bak")
    assert backup.exists()
    assert sqlite3.connect(backup).execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == current


def test_migrating_a_version_1_database_keeps_its_reports(db_path, monkeypatch):
    """A database written by the first version (schema 1) opens with every later migration applied."""
    import forms.store as store_module
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 1)
    old = Store(db_path)
    old.conn.execute("INSERT INTO reports (id, template_id, revision, area, year, created_at, updated_at) "
                     "VALUES (1, 'fca-uppfoljning', '2022', 'Lundby', 2022, 'x', 'x')")
    old.conn.execute("INSERT INTO answers VALUES (1, 'nosam', 'Gammal text')")
    old.close()
    monkeypatch.undo()
    store = Store(db_path)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.load_report(1).answers == {"nosam": "Gammal text"}
    assert db_path.with_name(db_path.name + ".fore-schema-2.bak").exists()
    store.save_answer(1, "nosam", "Ny text")  # the new tables work on the old data
    assert store.versions(1)[0].snapshot["answers"]["nosam"] == "Ny text"


def test_attachments_are_copied_in_and_named_uniquely(store, lundby):
    report_id = store.create_report(lundby)
    first = store.add_attachment(report_id, "Bilaga.pdf", b"%PDF-1")
    store.add_attachment(report_id, "Bilaga.pdf", b"%PDF-2")
    assert [a.name for a in store.attachments(report_id)] == ["Bilaga.pdf", "Bilaga (2).pdf"]
    assert store.attachment_content(first) == b"%PDF-1"
    store.remove_attachment(first)
    assert [a.name for a in store.attachments(report_id)] == ["Bilaga (2).pdf"]


def test_a_sending_keeps_the_exact_files_and_marks_the_report_sent(store, lundby):
    import hashlib
    report_id = store.create_report(lundby)
    sending_id = store.record_sending(report_id, recipients="hsn.goteborg@vgregion.se", subject="Ämne",
                                      eml_path="/utkorg/x.eml", files=[("a.docx", b"word"), ("b.xlsx", b"excel")])
    [pending] = store.sendings(unconfirmed=True)
    assert [f.sha256 for f in pending.files] == [hashlib.sha256(b"word").hexdigest(), hashlib.sha256(b"excel").hexdigest()]
    store.confirm_sending(sending_id, date(2023, 1, 30))
    assert store.sendings(unconfirmed=True) == []
    report = store.load_report(report_id)
    assert (report.status, report.sent_date) == ("skickad", date(2023, 1, 30))
    assert store.sent_file(sending_id, "b.xlsx") == b"excel"


def test_versions_coalesce_edits_and_restore_can_be_undone(store, lundby, monkeypatch):
    import forms.store as store_module

    report_id = store.create_report(lundby)
    original = lundby.answers["nosam"]
    for text in ("första", "andra", "tredje"):  # within a minute: one version
        store.save_answer(report_id, "nosam", text)
    versions = store.versions(report_id)
    assert [v.reason for v in versions] == ["Redigering", "Skapad"]
    assert versions[0].snapshot["answers"]["nosam"] == "tredje"
    monkeypatch.setattr(store_module, "VERSION_INTERVAL_SECONDS", 0)  # as if a minute had passed
    store.save_answer(report_id, "nosam", "fjärde")
    store.update_report(report_id, status="klar")
    assert [v.reason for v in store.versions(report_id)][:2] == ["Status: klar", "Redigering"]

    created = store.versions(report_id)[-1]
    store.restore_version(created.id)
    restored = store.load_report(report_id)
    assert restored.answers["nosam"] == original and restored.status == "utkast"
    assert restored.tables == lundby.tables
    reasons = [v.reason for v in store.versions(report_id)]
    assert reasons[0].startswith("Återställd till") and reasons[1] == "Före återställning"
    store.restore_version(store.versions(report_id)[1].id)  # undo the restore
    assert store.load_report(report_id).answers["nosam"] == "fjärde"
    assert store.load_report(report_id).status == "klar"


def test_integrity_check(store):
    assert store.integrity_problem() is None


def file_state(store, db_path) -> tuple:
    """What would show any write: the report's time, its versions, the connection's change count and
    the file's data_version as another connection sees it (it changes with every commit of a write)."""
    other = sqlite3.connect(db_path)
    try:
        data_version = other.execute("PRAGMA data_version").fetchone()[0]
        versions = other.execute("SELECT id, created_at, snapshot FROM versions ORDER BY id").fetchall()
        updated = other.execute("SELECT id, updated_at FROM reports ORDER BY id").fetchall()
    finally:
        other.close()
    return updated, versions, store.conn.total_changes, data_version


def test_saving_what_is_already_stored_writes_nothing(store, lundby, db_path):
    """Issue 18 item 6: "Senast ändrad" moves only when content changed. Saving the same answers,
    amounts and report columns again, or removing an answer or amount that is not there, writes
    nothing: the time, the versions and the file stay as they were."""
    report_id = store.create_report(lundby)
    store.conn.execute("UPDATE reports SET updated_at = '2026-01-02T03:04:05+00:00' WHERE id = ?", (report_id,))
    stored = store.load_report(report_id)
    before = file_state(store, db_path)
    other = sqlite3.connect(db_path)  # data_version counts other connections' commits: ask the same one twice
    version_before = other.execute("PRAGMA data_version").fetchone()[0]

    when = store.save_changes(
        report_id,
        answers={**stored.answers, "finns_inte": ""},
        amounts={("ekonomi", "lon", "budget_region"): Decimal("261.0"), ("ekonomi", "lon", "saknas"): None},
        meta={"status": stored.status, "compiled_by": stored.compiled_by, "compiled_date": stored.compiled_date,
              "area": stored.area, "current_page": stored.current_page})

    assert when == "2026-01-02T03:04:05+00:00"  # the time of the last real change
    assert file_state(store, db_path)[:3] == before[:3]
    assert other.execute("PRAGMA data_version").fetchone()[0] == version_before
    other.close()

    changed = store.save_changes(report_id, answers={**stored.answers, "nosam": "Ny text"},
                                 amounts={("ekonomi", "lon", "budget_region"): Decimal("262")})
    assert changed != when and store.load_report(report_id).updated_at == changed
    [version] = store.versions(report_id)[:1]
    assert version.snapshot["answers"]["nosam"] == "Ny text"
