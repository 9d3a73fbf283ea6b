"""The command line: demo → export-json → import-json round-trips; errors are clear and change nothing."""

import json

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


def test_unknown_report_id(tmp_path, capsys):
    assert main(["export-json", "--db", str(tmp_path / "r.sqlite"), "42"]) == 1
    assert "Rapport 42 finns inte" in capsys.readouterr().err


def test_templates_json_lists_every_revision(capsys):
    assert main(["templates", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    revisions = {(t["id"], t["revision"]) for t in data}
    assert {("fca-uppfoljning", "2022"), ("fca-uppfoljning", "2023")} <= revisions
    fields = {f["id"]: f for t in data if t["revision"] == "2022" for s in t["sections"] for f in s["fields"]}
    assert fields["bemanning_tillracklig"]["kind"] == "yesno"
    assert fields["ekonomi"]["kind"] == "money_table"
