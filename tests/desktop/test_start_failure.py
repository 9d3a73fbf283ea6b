"""The windowed app never exits without a word when it cannot start (issue 22 item 3).

Without a console (pythonw, the windowed exe) `sys.stderr` and `sys.stdout` are None, so an error
printed there is lost and the user double-clicks and nothing happens. Each case runs the real start
(`desktop.cli.main`) in a child process with both set to None; the dialog helper writes what it would
show to a file, as the user would read it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.needs import missing
from tests.processes import child_env

CHILD = textwrap.dedent("""
    import json, sys
    shown = open(sys.argv[2], "w", encoding="utf-8")
    import desktop.dialogs as dialogs

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            shown.write(json.dumps({"kind": kind, "title": title, "text": text}) + "\\n")
            shown.flush()
            return False
        return show

    for kind in ("show_error", "show_warning", "show_info", "ask"):
        setattr(dialogs, kind, record(kind))
    if sys.argv[3] == "window":
        import desktop.main_window as main_window

        def broken(self, *args, **kwargs):
            raise RuntimeError("the main window could not be built")

        main_window.MainWindow.__init__ = broken
    sys.stdout = sys.stderr = sys.__stdout__ = sys.__stderr__ = None  # as under pythonw / the windowed exe
    import desktop.cli as cli
    sys.exit(cli.main(["--db", sys.argv[1]]))
""")


def _start(tmp_path, db, case="plain"):
    shown = tmp_path / "shown.jsonl"
    temp = tmp_path / "temp"
    temp.mkdir(exist_ok=True)
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), str(shown), case], capture_output=True, text=True,
                          timeout=60, env=child_env(QT_QPA_PLATFORM="offscreen", PATH="/usr/bin:/bin",
                                                    HOME=str(tmp_path), TMPDIR=str(temp)))
    dialogs = [json.loads(line) for line in shown.read_text(encoding="utf-8").splitlines()] if shown.exists() else []
    return done, dialogs, temp


def test_an_unreachable_data_folder_is_a_dialog_and_a_log_in_the_temp_folder(tmp_path):
    blocker = tmp_path / "inte-en-mapp"
    blocker.write_text("a file where the data folder should be")
    done, dialogs, temp = _start(tmp_path, blocker / "Avtalsuppföljning" / "rapporter.sqlite")
    assert done.returncode == 1
    assert done.stdout == "" and done.stderr == ""  # nowhere to print: the dialog is the only word
    assert [d["title"] for d in dialogs] == ["Avtalsuppföljning kunde inte starta"]
    text = dialogs[0]["text"]
    assert "Datamappen" in text and "går inte att nå" in text and "starta igen" in text
    log = temp / "Avtalsuppföljning" / "fel.log"
    assert f"Detaljerna är sparade i {log}" in text
    assert "NotADirectoryError" in log.read_text(encoding="utf-8")


def test_a_failure_building_the_window_is_a_dialog_and_fel_log_in_the_data_folder(tmp_path, db):
    done, dialogs, _ = _start(tmp_path, db, "window")
    assert done.returncode == 1
    assert [d["title"] for d in dialogs] == ["Avtalsuppföljning kunde inte starta"]
    assert "RuntimeError: the main window could not be built" in dialogs[0]["text"]
    log = db.parent / "fel.log"
    assert "the main window could not be built" in log.read_text(encoding="utf-8")
    assert str(log) in dialogs[0]["text"]


def test_a_damaged_database_that_cannot_be_moved_aside_is_a_dialog(tmp_path, db):
    """PermissionError in move_aside: the damaged file is immutable (chattr +i; renaming it fails
    even for root, as a file held by another program does on Windows)."""
    import shutil

    if shutil.which("chattr") is None:
        missing("chattr is not installed (e2fsprogs)")
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    db.write_bytes(b"")
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
        missing("chattr +i is refused here (needs root and a filesystem that supports it)")
    try:
        done, dialogs, _ = _start(tmp_path, db)
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert done.returncode == 1
    assert [d["title"] for d in dialogs] == ["Avtalsuppföljning kunde inte starta"]
    assert "får inte ändra" in dialogs[0]["text"] and str(db.parent / "fel.log") in dialogs[0]["text"]
    assert db.read_bytes() == b""  # left where it was, unchanged


@pytest.fixture
def db(tmp_path):
    from forms.store import Store

    path = tmp_path / "data" / "rapporter.sqlite"
    path.parent.mkdir()
    Store(path).close()
    return path
