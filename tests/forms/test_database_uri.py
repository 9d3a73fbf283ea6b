"""A `#` or `?` in a folder name, and a Windows UNC path, must not break read-only opening (issue 22
item 5): SQLite reads `file:` URIs, where `#` ends the path (dropping `mode=ro`, so an empty file was
created and checked instead of the real one) and only `localhost` may follow `file://`."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import PureWindowsPath

import pytest

from forms.backup import backup_folder, holds_reports, integrity_problem, make_backup, newest_good_backup, restore_backup
from forms.database_file import sqlite_uri
from forms.store import Store


@pytest.fixture(params=["Avtal #1", "Vad? Varför", "100% #2?x=1"])
def odd_folder(request, tmp_path):
    folder = tmp_path / request.param
    folder.mkdir()
    return folder


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_sound_database_in_an_odd_folder_is_read_where_it_is(odd_folder, lundby, library):
    db = odd_folder / "rapporter.sqlite"
    store = Store(db)
    report_id = store.create_report(lundby)
    make_backup(store, backup_folder(db), datetime(2026, 1, 1))
    store.close()
    before = _names(odd_folder.parent), _names(odd_folder)
    assert integrity_problem(db) is None
    assert holds_reports(db)
    good = newest_good_backup(backup_folder(db))
    assert good is not None
    reader = Store(db, read_only=True)
    assert reader.load_report(report_id).area == lundby.area
    reader.close()
    restore_backup(good, db)
    assert _names(odd_folder.parent) == before[0]  # no stray file beside the folder (an empty "Avtal " before)


def test_a_damaged_database_in_a_folder_with_a_hash_is_found_damaged_and_nothing_is_created(odd_folder, lundby):
    db = odd_folder / "rapporter.sqlite"
    store = Store(db)
    store.create_report(lundby)
    store.close()
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    data = bytearray(db.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page written over: the header is fine, the content is not
    db.write_bytes(bytes(data))
    outside = _names(odd_folder.parent)
    assert integrity_problem(db) is not None
    assert not holds_reports(db)
    assert _names(odd_folder.parent) == outside  # before: an empty "Avtal " file was made and checked


def test_uri_for_windows_paths():
    assert sqlite_uri(PureWindowsPath(r"\\server\hem$\Avtal #1\rapporter.sqlite"), mode="ro") == \
        "file:////server/hem%24/Avtal%20%231/rapporter.sqlite?mode=ro"
    assert sqlite_uri(PureWindowsPath(r"C:\Users\ann\Avtal #1\rapporter.sqlite"), mode="ro") == \
        "file:///C:/Users/ann/Avtal%20%231/rapporter.sqlite?mode=ro"


def test_a_unc_uri_has_no_authority_sqlite_refuses(tmp_path):
    """SQLite itself parses the UNC URI: on Linux the path //server/share/… does not exist (so it cannot
    be opened), but the URI is accepted — `file://server/share/…` (pathlib's as_uri) is refused."""
    unc = PureWindowsPath(r"\\server\share\Avtal #1\rapporter.sqlite")
    with pytest.raises(sqlite3.OperationalError) as refused:
        sqlite3.connect(unc.as_uri() + "?mode=ro", uri=True)
    assert "invalid uri authority" in str(refused.value)
    with pytest.raises(sqlite3.OperationalError) as missing:
        sqlite3.connect(sqlite_uri(unc, mode="ro"), uri=True).execute("SELECT 1 FROM sqlite_master")
    assert "unable to open" in str(missing.value)
