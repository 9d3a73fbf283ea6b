"""The command line: demo → export-json → import-json round-trips; errors are clear and change nothing."""

import json
from pathlib import Path

from desktop.cli import main
from forms.store import Store


def test_demo_export_import_round_trip(tmp_path, capsys):
    db = str(tmp_path / "r.sqlite")
    assert main(["demo", "--db", db]) == 0
    first_id = capsys.readouterr().out.strip()
    assert main(["export-json", "--db", db, first_id]) == 0
    exported = capsys.readouterr().out
    path = tmp_path / "lundby.json"
    path.write_text(exported, encoding="utf-8")
    assert main(["import-json", "--db", db, str(path)]) == 0
    second_id = capsys.readouterr().out.strip()
    assert second_id != first_id
    assert main(["export-json", "--db", db, second_id]) == 0
    assert capsys.readouterr().out == exported
    data = json.loads(exported)
    assert data["answers"]["andel_koordinator"] == "80"
    assert data["answers"]["bemanning_tillracklig"] == "nej"
    assert data["tables"]["ekonomi"]["ingaende"]["utfall_region"] == "448.5"


def test_invalid_import_is_refused_and_changes_nothing(tmp_path, capsys):
    db = tmp_path / "r.sqlite"
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "avtalsuppfoljning.rapport", "version": 1, "template": ', encoding="utf-8")
    assert main(["import-json", "--db", str(db), str(bad)]) == 1
    assert "inte giltig JSON" in capsys.readouterr().err
    assert len(Store(db).list_reports()) == 1


def test_unknown_report_id(db, capsys):
    assert main(["export-json", "--db", str(db), "42"]) == 1
    assert "Rapport 42 finns inte" in capsys.readouterr().err


def test_templates_json_lists_every_revision(capsys):
    assert main(["templates", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    revisions = {(t["id"], t["revision"]) for t in data}
    assert {("fca-uppfoljning", "2022"), ("fca-uppfoljning", "2023")} <= revisions
    fields = {f["id"]: f for t in data if t["revision"] == "2022" for s in t["sections"] for f in s["fields"]}
    assert fields["bemanning_tillracklig"]["kind"] == "yesno"
    assert fields["ekonomi"]["kind"] == "money_table"


def test_headless_export_of_every_format(tmp_path, capsys):
    from email import message_from_bytes
    from email.policy import default

    db = str(tmp_path / "r.sqlite")
    assert main(["demo", "--db", db]) == 0
    report_id = capsys.readouterr().out.strip()
    out = {fmt: tmp_path / f"Lundby.{fmt}" for fmt in ("docx", "xlsx", "pdf", "eml")}
    args = ["export", "--db", db, report_id] + [x for fmt, p in out.items() for x in (f"--{fmt}", str(p))]
    assert main(args) == 0
    assert out["docx"].read_bytes()[:2] == b"PK" and out["xlsx"].read_bytes()[:2] == b"PK"
    assert out["pdf"].read_bytes().startswith(b"%PDF")
    message = message_from_bytes(out["eml"].read_bytes(), policy=default)
    assert message["To"] == "hsn.goteborg@vgregion.se"
    assert [p.get_filename()[-4:] for p in message.iter_attachments()] == ["docx", "xlsx", ".pdf", "json"]
    # a second run refuses to replace the files
    assert main(args) == 1
    assert "finns redan" in capsys.readouterr().err


def test_export_without_a_format_says_what_is_missing(db, capsys):
    assert main(["export", "--db", str(db), "1"]) == 2
    assert "--docx" in capsys.readouterr().err


def test_import_mail_lists_each_item_and_refuses_bad_ones(tmp_path, capsys, library):
    """Files and folders; each item gets a line; a refused one makes the exit code 1 and is not stored."""
    from forms.store import Store
    from tests.receiving_data import area_report, email_bytes

    db = str(tmp_path / "mottagna.sqlite")
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    (inbox / "Centrum.eml").write_bytes(email_bytes(library, area_report(library, "Centrum", 1)))
    (inbox / "Hisingen.eml").write_bytes(email_bytes(library, area_report(library, "Hisingen", 2)))
    bad = tmp_path / "Lundby.eml"
    lundby = area_report(library, "Centrum", 3)
    lundby.area = "Lundby"
    bad.write_bytes(email_bytes(library, lundby))
    assert main(["import-mail", "--db", db, str(inbox)]) == 0
    out = capsys.readouterr().out
    # each line says what was received (type, area, year), not only the file's name
    assert "Centrum.eml: importerad – Uppföljning FCA Centrum 2023" in out.splitlines()
    assert "Hisingen.eml: importerad – Uppföljning FCA Hisingen 2023" in out.splitlines() and "2 av 2" in out
    assert main(["import-mail", "--db", db, str(bad), str(inbox / "Centrum.eml")]) == 1
    captured = capsys.readouterr()
    assert "Lundby.eml: INTE importerad – Rapporten gäller området ”Lundby”" in captured.err
    assert "Centrum.eml: redan importerad tidigare; ingenting ändrat – Uppföljning FCA Centrum 2023" in captured.out
    store = Store(db)
    assert sorted(s.area for s in store.list_reports()) == ["Centrum", "Hisingen"]
    store.close()


def test_plain_start_reads_the_arguments_as_the_whole_parser_does():
    """The shortcut's start skips building the parser: the result must be the parser's own."""
    from desktop.cli import build_parser, plain_start

    for argv in ([], ["--db", "r.sqlite"], ["--db", "C:\\Users\\ann\\Mina rapporter\\r.sqlite"], ["--db", "demo"],
                 ["--db", ""]):
        assert plain_start(argv) == build_parser().parse_args(argv), argv
    for argv in (["demo"], ["--db", "r.sqlite", "demo"], ["--db=r.sqlite"], ["-h"], ["--db", "-x"], ["--db"],
                 ["self-check", "--db", "r.sqlite"], ["r.sqlite"]):
        assert plain_start(argv) is None, argv  # the whole parser reads these (or refuses them)


def test_backup_and_restore_from_the_command_line(db, capsys):
    """Support staff (and the smoke test of the frozen app) take a backup and restore it."""
    from forms.backup import backup_folder, list_backups

    assert main(["backup", "--db", str(db)]) == 0
    backup = Path(capsys.readouterr().out.strip())
    assert backup in list_backups(backup_folder(db))
    store = Store(db)
    store.save_answer(1, "nosam", "Efter säkerhetskopian")
    store.close()
    assert main(["restore-backup", "--db", str(db), str(backup)]) == 0
    assert "är återställd" in capsys.readouterr().out
    assert Store(db).load_report(1).answers["nosam"] != "Efter säkerhetskopian"
    assert len(list_backups(backup_folder(db))) == 2  # what was there before, kept


def test_restore_is_refused_while_the_app_has_the_database(db, capsys):
    from PySide6.QtCore import QLockFile

    assert main(["backup", "--db", str(db)]) == 0
    backup = capsys.readouterr().out.strip()
    before = db.read_bytes()
    app_lock = QLockFile(f"{db}.lock")  # as the running app holds it
    assert app_lock.tryLock(0)
    try:
        assert main(["restore-backup", "--db", str(db), backup]) == 1
    finally:
        app_lock.unlock()
    said = capsys.readouterr().err
    assert "Stäng programmet och försök igen" in said and db.read_bytes() == before


def test_a_programming_mistake_is_not_shown_as_advice(db, capsys, monkeypatch):
    """Only a UserError's text is shown as the reason; a ValueError from a bug says it was unexpected
    (it used to be printed as if it were the user's mistake)."""
    import forms.store

    def broken(self, report_id):
        raise ValueError("invalid literal for int() with base 10: 'x'")

    monkeypatch.setattr(forms.store.Store, "load_report", broken)
    assert main(["export-json", "--db", str(db), "1"]) == 1
    err = capsys.readouterr().err
    assert "Ett oväntat fel inträffade (ValueError" in err and "Inget har ändrats" in err
