"""The start moves the database home (issue 18 item 8): a database in the old roaming folder is moved
to the local one once, all or nothing, its backups with it, the user told once; a database in an
unsafe place (network, synced folder) is explained and offered a move, and a note left behind sends
a later start through the old name to the new place.

On Linux the roaming and local folders are the same (Qt's AppDataLocation = AppLocalDataLocation =
~/.local/share/…), so these tests give the two places as folders; on Windows they are %APPDATA% and
%LOCALAPPDATA% (desktop/paths.py) — untested there."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QLockFile

from desktop.app import _follow_moved, move_from_old_home, offer_local_home
from forms.backup import backup_folder, list_backups, make_backup
from forms.home import Risk
from forms.store import Store
from tests.faults.helpers import dump


@pytest.fixture
def old_home(tmp_path, lundby):
    db = tmp_path / "Roaming" / "Göteborgs Stad" / "Avtalsuppföljning" / "rapporter.sqlite"
    store = Store(db)
    store.create_report(lundby)
    make_backup(store, backup_folder(db), datetime(2026, 1, 1))
    store.close()
    return db


@pytest.fixture
def new_home(tmp_path):
    return tmp_path / "Local" / "Göteborgs Stad" / "Avtalsuppföljning" / "rapporter.sqlite"


def test_the_old_roaming_database_is_moved_home_once(qapp, old_home, new_home, expect_dialog):
    before = dump(old_home)
    expect_dialog("show_info", "Databasen har flyttats", times=1)
    assert move_from_old_home(new_home, old_home) == new_home
    assert dump(new_home) == before and len(list_backups(backup_folder(new_home))) == 1
    assert not old_home.exists() and not backup_folder(old_home).exists()
    assert "säkerhetskopior" in expect_dialog.texts("show_info")[0]
    assert move_from_old_home(new_home, old_home) == new_home  # told once: nothing to move the next time


def test_an_old_database_open_in_another_window_is_opened_where_it_is(qapp, old_home, new_home):
    other = QLockFile(f"{old_home}.lock")  # an older version's window holds it
    assert other.tryLock(100)
    try:
        assert move_from_old_home(new_home, old_home) == old_home
    finally:
        other.unlock()
    assert old_home.exists() and not new_home.exists()


def test_nothing_moves_when_the_local_database_exists(qapp, old_home, new_home):
    Store(new_home).close()
    assert move_from_old_home(new_home, old_home) == new_home
    assert old_home.exists()


def test_an_unsafe_place_is_explained_and_the_database_moved_on_request(qapp, old_home, new_home, expect_dialog):
    before = dump(old_home)
    expect_dialog("ask", "Databasen ligger på en osäker plats", answer=True)
    assert offer_local_home(old_home, new_home, Risk("network", "CIFS")) == new_home
    said = expect_dialog.texts("ask")[0]
    assert "nätverksmapp (CIFS)" in said and "samma dator" in said and "Säkerhetskopior kan du gärna spara" in said
    assert dump(new_home) == before
    expect_dialog("show_info", "Databasen har flyttats")
    assert _follow_moved(old_home) == new_home  # a shortcut to the old place opens the new one


def test_the_user_may_keep_it_where_it_is(qapp, old_home, new_home, expect_dialog):
    expect_dialog("ask", "Databasen ligger på en osäker plats", answer=False)
    assert offer_local_home(old_home, new_home, Risk("synced", "OneDrive")) == old_home
    assert old_home.exists() and not new_home.exists()


def test_the_default_home_is_the_local_folder_and_the_old_one_the_roaming(monkeypatch):
    """Linux cannot tell the two apart (both are ~/.local/share): the location asked of Qt is checked."""
    from PySide6.QtCore import QStandardPaths

    import desktop.paths as paths

    asked = []
    monkeypatch.setattr(paths.QStandardPaths, "writableLocation", lambda location: asked.append(location) or "/data")
    assert paths.default_db_path().name == "rapporter.sqlite"
    paths.old_default_db_path()
    assert asked == [QStandardPaths.StandardLocation.AppLocalDataLocation, QStandardPaths.StandardLocation.AppDataLocation]
