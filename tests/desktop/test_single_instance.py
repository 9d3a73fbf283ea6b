"""One window per database file (issue 18 item 3, issue 22 items 7 and 11).

- The lock is keyed on what the file is (device + inode; the file ID on Windows), not how it is
  spelled: a symlink, a hard link or `../` is refused like the same path (before: the lock file was
  named after the path string, so a link started a second window on the same database).
- A lock written by another computer (a roaming or shared folder) is never taken for stale by Qt: the
  user is asked whether to take it over. A dead process of this computer is taken over silently.
- A second start brings the first window to the front (two real processes) instead of a dialog.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import textwrap
import time

import pytest
from PySide6.QtCore import QSysInfo

from desktop.instance import Acquired, DatabaseLock, identity_lock_path
from forms.store import Store
from tests.processes import child_env


@pytest.fixture
def spellings(tmp_path, db_path):
    """The database and other names of the same file."""
    Store(db_path).close()
    other = tmp_path / "annan"
    other.mkdir()
    (other / "länk.sqlite").symlink_to(db_path)
    os.link(db_path, other / "hårdlänk.sqlite")
    return {
        "same path": db_path,
        "../": other / ".." / db_path.name,
        "symlink": other / "länk.sqlite",
        "hard link": other / "hårdlänk.sqlite",
    }


@pytest.mark.parametrize("name", ["same path", "../", "symlink", "hard link"])
def test_another_name_of_the_same_file_is_refused(qapp, spellings, name):
    first = DatabaseLock(spellings["same path"])
    assert first.acquire() is Acquired.OK
    try:
        second = DatabaseLock(spellings[name])
        assert second.acquire() is Acquired.OPEN_HERE
    finally:
        first.release()
    again = DatabaseLock(spellings[name])
    assert again.acquire() is Acquired.OK  # released: the next start gets it
    again.release()


def test_a_database_created_after_the_lock_is_guarded_by_its_identity_too(qapp, tmp_path):
    db = tmp_path / "ny.sqlite"
    first = DatabaseLock(db)
    assert first.acquire() is Acquired.OK
    Store(db).close()  # the first start creates the file
    assert first.hold_identity()
    os.link(db, tmp_path / "länk.sqlite")
    try:
        assert DatabaseLock(tmp_path / "länk.sqlite").acquire() is Acquired.OPEN_HERE
    finally:
        first.release()


def _qt_lock_file(pid: int, host: str, host_id: bytes, boot_id: bytes) -> bytes:
    """A lock file as Qt writes it (pid, application, host name, machine id, boot id)."""
    return f"{pid}\navtalsuppfoljning\n{host}\n".encode() + host_id + b"\n" + boot_id + b"\n"


def test_a_lock_from_another_computer_is_offered_for_take_over(qapp, db_path, expect_dialog):
    Store(db_path).close()
    lock_path = db_path.with_name(db_path.name + ".lock")
    lock_path.write_bytes(_qt_lock_file(4242, "GBG-LAPTOP-17", b"0" * 32, b"6a1f0c55-1111-2222-3333-444455556666"))
    expect_dialog("ask", "Databasen är öppen på en annan dator", answer=False)
    assert DatabaseLock(db_path).acquire() is Acquired.REFUSED
    assert b"GBG-LAPTOP-17" in lock_path.read_bytes()  # left as it was
    said = expect_dialog.texts("ask")[0]
    assert "GBG-LAPTOP-17" in said and "ta över" in said

    expect_dialog("ask", "Databasen är öppen på en annan dator", answer=True)
    lock = DatabaseLock(db_path)
    assert lock.acquire() is Acquired.OK
    assert lock_path.read_bytes().split(b"\n")[0] == str(os.getpid()).encode()
    lock.release()


def test_a_lock_of_a_dead_process_on_this_computer_is_taken_over_without_asking(qapp, db_path):
    Store(db_path).close()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock_path = db_path.with_name(db_path.name + ".lock")
    lock_path.write_bytes(_qt_lock_file(int(dead.stdout), QSysInfo.machineHostName(),
                                        QSysInfo.machineUniqueId().data(), QSysInfo.bootUniqueId().data()))
    lock = DatabaseLock(db_path)
    assert lock.acquire() is Acquired.OK
    lock.release()


def test_the_identity_lock_lives_outside_the_database_folder(db_path):
    Store(db_path).close()
    assert identity_lock_path(db_path).parent != db_path.parent


FIRST = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import desktop.cli as cli
    import desktop.instance as instance
    import desktop.main_window as main_window

    show = main_window.MainWindow.show
    bring_to_front = instance.bring_to_front

    def show_minimized(self):
        show(self)
        if getattr(self, "minimized_once", False):  # bring_to_front shows it again
            return
        self.minimized_once = True
        self.showMinimized()
        def ready():
            if getattr(self, "instance_server", None) is None:
                QTimer.singleShot(50, ready)
                return
            print("ready", flush=True)
        ready()

    def bring_to_front_and_say(window):
        minimized = window.isMinimized()
        bring_to_front(window)
        def say():
            print(f"raised minimized_before={minimized} minimized_after={window.isMinimized()} "
                  f"active={QApplication.activeWindow() is window}", flush=True)
            window.close()
        QTimer.singleShot(200, say)

    main_window.MainWindow.show = show_minimized
    instance.bring_to_front = bring_to_front_and_say
    sys.exit(cli.main(["--db", sys.argv[1]]))
""")

SECOND = textwrap.dedent("""
    import sys
    import desktop.dialogs as dialogs
    import desktop.cli as cli

    def no_dialog(*args, **kwargs):
        print("DIALOG", args[1:3], flush=True)
        sys.exit(9)

    dialogs.show_error = dialogs.show_warning = dialogs.ask = no_dialog
    sys.exit(cli.main(["--db", sys.argv[1]]))
""")


def _line(process, timeout: float = 30) -> str:
    """The child's next line, or a failure naming what it said instead (never a hang)."""
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        process.kill()
        pytest.fail(f"no line from the first window within {timeout} s: {process.stderr.read()[-2000:]}")
    return process.stdout.readline().strip()


@pytest.mark.parametrize("name", ["same path", "symlink", "hard link"])
def test_a_second_start_brings_the_first_window_to_the_front(spellings, tmp_path, name):
    env = child_env(QT_QPA_PLATFORM="offscreen", PATH="/usr/bin:/bin", HOME=str(tmp_path), TMPDIR=str(tmp_path))
    first = subprocess.Popen([sys.executable, "-c", FIRST, str(spellings["same path"])], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _line(first) == "ready"
        started = time.monotonic()
        second = subprocess.run([sys.executable, "-c", SECOND, str(spellings[name])], env=env,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stdout + second.stderr[-2000:]
        assert "DIALOG" not in second.stdout
        assert _line(first) == "raised minimized_before=True minimized_after=False active=True"
        assert first.wait(timeout=30) == 0
        assert time.monotonic() - started < 15
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
        first.stdout.close()
        first.stderr.close()


def test_a_folder_where_no_lock_file_can_be_written_does_not_block_the_start(qapp, tmp_path):
    """A read-only folder (chattr +i: even root cannot create the lock file) is not "already open"."""
    import shutil

    from tests.needs import missing

    if shutil.which("chattr") is None:
        missing("chattr is not installed (e2fsprogs)")
    folder = tmp_path / "skrivskyddad"
    folder.mkdir()
    db = folder / "rapporter.sqlite"
    Store(db).close()
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        missing("chattr +i is refused here (needs root and a filesystem that supports it)")
    try:
        lock = DatabaseLock(db)
        assert lock.acquire() is Acquired.OK
        assert DatabaseLock(db).acquire() is Acquired.OPEN_HERE  # the identity lock still guards it
        lock.release()
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_restore_backup_from_the_command_line_is_refused_through_a_link_too(qapp, spellings, capsys):
    """The command line's restore takes the app's locks: a symlink or hard link to a database that a
    window has open is refused like its own name (before: a lock named after the path string)."""
    from desktop.cli import main
    from forms.backup import backup_folder, make_backup

    db = spellings["same path"]
    store = Store(db)
    backup = make_backup(store, backup_folder(db))
    store.close()
    window = DatabaseLock(db)
    assert window.acquire() is Acquired.OK
    try:
        for name in ("symlink", "hard link"):
            assert main(["restore-backup", "--db", str(spellings[name]), str(backup)]) == 1
            assert "öppen" in capsys.readouterr().err
    finally:
        window.release()
