"""The command line never shows a traceback: every refusal is one Swedish line on stderr and exit
code 1, and nothing in the database changes (issue 8, breaks 1 and 8)."""

from __future__ import annotations

import json
import sqlite3
import subprocess

import pytest

from desktop.cli import main
from forms.demo import demo_report
from forms.interchange import report_to_dict
from forms.store import Store
from tests.faults.helpers import dump, fill_database, small_tmpfs


@pytest.fixture
def lundby_json(library):
    return json.dumps(report_to_dict(demo_report(library), library), ensure_ascii=False)


def refused(capsys, argv, *words) -> str:
    assert main(argv) == 1
    captured = capsys.readouterr()
    err = captured.err
    assert err.startswith("avtalsuppfoljning: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "Error" not in err, err
    for word in words:
        assert word in err, err
    return err


def test_utf8_with_a_bom_is_accepted(db, tmp_path, capsys, lundby_json):
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + lundby_json.encode("utf-8"))
    assert main(["import-json", "--db", str(db), str(path)]) == 0
    assert capsys.readouterr().out.strip().isdigit()


@pytest.mark.parametrize("encoding, named", [("utf-16", "UTF-16"), ("cp1252", "Latin-1")])
def test_other_encodings_are_named(db, tmp_path, capsys, lundby_json, encoding, named):
    path = tmp_path / "fel.json"
    path.write_bytes(lundby_json.encode(encoding))
    before = dump(db)
    refused(capsys, ["import-json", "--db", str(db), str(path)], named, "UTF-8")
    assert dump(db) == before


def test_a_lone_surrogate_becomes_a_replacement_character_with_a_warning(db, tmp_path, capsys, lundby_json):
    data = json.loads(lundby_json)
    data["answers"]["nosam"] = "före" + "\ud800" + "efter"
    path = tmp_path / "surrogat.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii: written as the escape \ud800
    assert main(["import-json", "--db", str(db), str(path)]) == 0
    captured = capsys.readouterr()
    assert "U+FFFD" in captured.err and "nosam" in captured.err and "Traceback" not in captured.err
    report_id = int(captured.out.strip())
    store = Store(db)
    assert store.load_report(report_id).answers["nosam"] == "före\ufffdefter"
    store.close()


def test_deeply_nested_json_is_refused(db, tmp_path, capsys):
    path = tmp_path / "djup.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    refused(capsys, ["import-json", "--db", str(db), str(path)], "nästlad")


def test_a_5000_digit_year_is_refused(db, tmp_path, capsys, lundby_json):
    path = tmp_path / "ar.json"
    path.write_text(lundby_json.replace('"year": 2022', '"year": ' + "9" * 5000), encoding="utf-8")
    refused(capsys, ["import-json", "--db", str(db), str(path)], "year")


def test_import_on_a_full_database_is_one_swedish_line_and_changes_nothing(db, tmp_path, capsys, lundby_json):
    path = tmp_path / "lundby.json"
    path.write_text(lundby_json, encoding="utf-8")
    conn = sqlite3.connect(db)
    fill_database(conn)  # max_page_count is per connection: fill the CLI's own connection instead
    conn.close()
    with small_tmpfs(tmp_path / "disk", "1m") as disk:
        small = disk / "r.sqlite"
        small.write_bytes(db.read_bytes())
        from tests.faults.helpers import fill_filesystem

        big = tmp_path / "stor.json"
        data = json.loads(lundby_json)
        data["answers"]["nosam"] = "Lång text. " * 100_000
        big.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        before = dump(small)
        fill_filesystem(disk)
        refused(capsys, ["import-json", "--db", str(small), str(big)], "full")
        assert dump(small) == before


def test_export_json_from_a_read_only_database(db, tmp_path, capsys):
    """Opened read-only: export works on a read-only filesystem (a CD, a write-protected share)."""
    with small_tmpfs(tmp_path / "ro", "4m") as folder:
        copy = folder / "r.sqlite"
        copy.write_bytes(db.read_bytes())
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        assert main(["export-json", "--db", str(copy), "1"]) == 0
        assert json.loads(capsys.readouterr().out)["area"] == "Lundby"
        refused(capsys, ["import-json", "--db", str(copy), str(tmp_path / "saknas.json")], "skrivskyddad")


def test_export_json_of_a_database_with_overwritten_pages(db, tmp_path, capsys):
    raw = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(raw), page * 6)):
        raw[offset] = 0xA5  # pages written over with rubbish
    db.write_bytes(bytes(raw))
    refused(capsys, ["export-json", "--db", str(db), "1"], "skadad")


def test_eml_to_a_missing_folder(db, tmp_path, capsys):
    refused(capsys, ["export", "--db", str(db), "1", "--eml", str(tmp_path / "saknas" / "r.eml")], "finns inte")


def test_a_300_character_file_name(db, tmp_path, capsys):
    refused(capsys, ["export", "--db", str(db), "1", "--xlsx", str(tmp_path / ("x" * 300 + ".xlsx"))], "för lång")


def test_an_unreadable_json_file_path(db, tmp_path, capsys):
    refused(capsys, ["import-json", "--db", str(db), str(tmp_path / "finns-inte.json")], "finns-inte.json")


def test_export_json_to_a_full_stream_says_so(db, tmp_path):
    """stdout redirected to /dev/full (every write fails with ENOSPC), in a real child process."""
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "desktop", "export-json", "--db", str(db), "1"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith("avtalsuppfoljning: ") and done.stderr.count("\n") == 1, done.stderr
    assert "full" in done.stderr and "Traceback" not in done.stderr and "Exception" not in done.stderr
